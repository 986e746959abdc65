// What each public entry exports (issue 16 §4): `voiceroom-kit` is the room API a page uses — createRoom and the
// Room's types, the backend port, error codes, the decisions a UI renders — while the pure rules the engine runs
// (reducers like takeSeat(state, …)) are `voiceroom-kit/core`. Otherwise `import { takeSeat } from 'voiceroom-kit'`
// gives a page a reducer that looks like the command it wanted and silently does nothing to the room.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as core from '../../src/core.js';
import * as kit from '../../src/index.js';
import * as rules from '../../src/rules/index.js';

/** The pure helpers the root entry re-exports from src/rules: read accessors, decisions a UI renders, limits. */
const UI_HELPERS = new Set([
  'mapGet',
  'mapHas',
  'mapKeys',
  'mapValues',
  'entry',
  'hasEntry',
  'SeatAction',
  'seatActions',
  'MicAction',
  'micAction',
  'UNCATEGORIZED',
  'giftCategories',
  'giftReceivers',
  'applicationQueue',
  'infoDraftPatch',
  'infoDraftProblems',
  'outranks',
  'takeBecomesApplication',
  'firstFreeSeat',
  'hostSeatOf',
  'seatOf',
  'normalizeBarrage',
  'cleanName',
  'DEFAULT_GIFT_EFFECT_SETTINGS',
  'GiftEffectQueue',
  'effectComboKey',
  'MAX_TOP_UP',
  'MAX_FOLLOWING',
  'DEFAULT_LIMITS',
  'MAX_BAN_BATCH',
  'MAX_SANCTION_SEC',
]);

describe('public entries', () => {
  it('the root entry has the room API', () => {
    for (const name of [
      'createRoom',
      'createRoomDirectory',
      'RoomError',
      'toRoomError',
      'errorMessage',
      'createMicrophone',
      'isPendingIn',
    ]) {
      assert.equal(typeof (kit as Record<string, unknown>)[name], 'function', name);
    }
    for (const name of ['ErrorCode', 'ConnectionState', 'RoomPhase', 'SeatMode', 'SeatAction', 'pendingKey']) {
      assert.equal(typeof (kit as Record<string, unknown>)[name], 'object', name);
    }
  });

  it('the root entry carries no rule beyond the UI helpers: `takeSeat` from it is not the reducer', () => {
    assert.ok(!('takeSeat' in kit), 'takeSeat is a Room method, not a root export');
    const extra = Object.keys(rules).filter((name) => name in kit && !UI_HELPERS.has(name));
    assert.deepEqual(extra, [], 'rules reachable from the root entry');
    const missing = [...UI_HELPERS].filter((name) => !(name in kit));
    assert.deepEqual(missing, [], 'UI helpers the root entry should re-export');
  });

  it('voiceroom-kit/core has every rule and the model, and is exported by package.json', () => {
    for (const name of Object.keys(rules)) assert.ok(name in core, name);
    assert.equal(core.takeSeat, rules.takeSeat);
    assert.equal(core.ErrorCode, kit.ErrorCode, 'one model for both entries');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    assert.deepEqual(pkg.exports['./core'], { types: './dist/types/src/core.d.ts', import: './dist/core.js' });
  });
});
