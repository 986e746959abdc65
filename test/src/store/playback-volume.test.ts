import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyRecord } from '../../../src/rules/records.js';
import { playbackVolume } from '../../../src/store/selectors.js';

describe('playbackVolume: listener mute × occupant × my volume for them', () => {
  const volumes = Object.assign(emptyRecord<number>(), { bob: 40, carol: 0 });
  // listener muted, occupant (null: empty seat) → volume
  const table: ReadonlyArray<readonly [boolean, string | null, number]> = [
    [false, null, 100],
    [false, 'alice', 100],
    [false, 'bob', 40],
    [false, 'carol', 0],
    [true, null, 0],
    [true, 'alice', 0],
    [true, 'bob', 0],
    [true, 'carol', 0],
  ];
  for (const [listenerMuted, userId, expected] of table) {
    it(`${listenerMuted ? 'listening muted' : 'listening'}, ${userId ?? 'empty seat'} → ${expected}`, () => {
      assert.equal(playbackVolume({ listenerMuted, volumes }, userId), expected);
    });
  }
  it('a user ID that names a prototype property has no volume of its own', () => {
    assert.equal(playbackVolume({ listenerMuted: false, volumes }, 'constructor'), 100);
  });
});
