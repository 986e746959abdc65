// The selectors that decide something: what my microphone shows without one, each seat's audio, likes with mine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Seat } from '../../../src/model/seat.js';
import { meOf, micOf, likesOf, sameFields, seatAudioOf, sameSeatAudio } from '../../../src/store/selectors.js';
import type { RoomViewState } from '../../../src/store/room-state.js';
import { alice, liveAt, me, seat } from './fixtures.js';

function withSeats(...changed: Seat[]): RoomViewState {
  const state = liveAt(1);
  const seats = state.snapshot!.seats.map((s) => changed.find((c) => c.index === s.index) ?? s);
  return { ...state, snapshot: { ...state.snapshot!, seats } };
}

describe('micOf without a microphone: what my seat implies', () => {
  const table: ReadonlyArray<readonly [string, RoomViewState, string]> = [
    ['not seated', withSeats(), 'off'],
    ['seated', withSeats(seat(2, me)), 'on'],
    ['self-muted', withSeats(seat(2, me, { selfMuted: true })), 'muted self'],
    ['locked and self-muted', withSeats(seat(2, me, { selfMuted: true, audioLocked: true })), 'muted locked'],
  ];
  for (const [what, state, expected] of table) {
    it(`${what} → ${expected}`, () => {
      const mic = micOf(me.userId, false)(state);
      assert.equal([mic.status, mic.reason].filter(Boolean).join(' '), expected);
    });
  }
  it('with a microphone, what capture says', () => {
    const state = withSeats(seat(2, me));
    assert.equal(micOf(me.userId, true)(state), state.audio.mic);
  });
});

describe('seatAudioOf', () => {
  it('an occupant is heard unless muted, locked or not flowing; levels only for the audible', () => {
    const base = withSeats(seat(1, alice), seat(2, me, { selfMuted: true }));
    const state = { ...base, audio: { ...base.audio, levels: { 1: 60, 2: 50, 3: 40 }, active: [1, 2] } };
    const [, one, two, three] = seatAudioOf(state);
    assert.deepEqual([one!.hasAudio, one!.level], [true, 60]);
    assert.deepEqual([two!.hasAudio, two!.level], [false, 0]);
    assert.deepEqual([three!.hasAudio, three!.level], [false, 0], 'an empty seat');
    const notFlowing = { ...state, audio: { ...state.audio, active: [] } };
    assert.equal(seatAudioOf(notFlowing)[1]!.hasAudio, false);
  });

  it('equal lists are the same slice; one changed level is not', () => {
    const state = withSeats(seat(1, alice));
    assert.ok(sameSeatAudio(seatAudioOf(state), seatAudioOf({ ...state })));
    const louder = { ...state, audio: { ...state.audio, levels: { 1: 10 } } };
    assert.ok(!sameSeatAudio(seatAudioOf(state), seatAudioOf(louder)));
  });
});

describe('likesOf', () => {
  it("adds my taps, waiting or in flight, to the room's total", () => {
    const state = liveAt(1);
    const mine = { ...state, myLikes: { batch: { ...state.myLikes.batch, pending: 2 }, inFlight: 3 } };
    assert.deepEqual(likesOf(mine), { total: state.snapshot!.likes.total + 5, mine: 5 });
  });
});

describe('sameFields: a slice stays quiet while what it shows is the same', () => {
  it('a field only one side has counts as a change (a mic state with and without its reason)', () => {
    assert.ok(sameFields({ status: 'muted', reason: 'self' }, { status: 'muted', reason: 'self' }));
    assert.ok(
      !sameFields<{ status: string; reason?: string }>({ status: 'muted' }, { status: 'muted', reason: 'self' }),
    );
    assert.ok(
      !sameFields<{ status: string; reason?: string }>({ status: 'muted', reason: 'self' }, { status: 'muted' }),
    );
  });

  it('me: equal across unrelated changes, different when my seat changes', () => {
    const state = withSeats(seat(2, me));
    const mine = meOf(me);
    assert.ok(sameFields(mine(state), mine({ ...state, now: state.now + 1 })));
    assert.ok(!sameFields(mine(state), mine(withSeats(seat(3, me)))));
  });
});
