/**
 * Issue 12 §6: names that spoof. A user named "\u202Enimda" shows as "admin", and an unterminated override or
 * isolate reorders whatever follows the name. The rules strip every bidi control (overrides, embeddings,
 * isolates, marks) from user names and room names wherever names are cleaned: the engine's identify(), room
 * start and room info updates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RoomEngine } from '../../../src/engine/room-engine.js';
import { ErrorCode } from '../../../src/model/errors.js';
import { createRoomState, updateInfo } from '../../../src/rules/room.js';
import { as, expectError, expectOk, NOW, owner, ROOM_ID, roomWith } from './fixtures.js';

/** Every bidi control the issue names, each placed where it does harm. */
const SPOOFS: readonly (readonly [raw: string, clean: string])[] = [
  ['\u202Enimda', 'nimda'], // RLO: renders as "admin"
  ['\u202Dalice\u202C', 'alice'], // LRO … PDF
  ['\u202Abob', 'bob'], // LRE, never closed
  ['car\u202Bol', 'carol'], // RLE inside
  ['\u2066dave\u2069', 'dave'], // LRI … PDI
  ['\u2067eve', 'eve'], // RLI, never closed: spills into what follows
  ['\u2068frank\u2069', 'frank'], // FSI … PDI
  ['\u200Fgina\u200E', 'gina'], // RLM, LRM
  ['\u061Chal', 'hal'], // ALM
  ['  \u202E\u2066 ivy \u2069\u202C ', 'ivy'], // mixed, with the spaces that trimming removes
  ['أحمد', 'أحمد'], // a right-to-left name needs no control characters and keeps its letters
];

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('names lose their bidi controls', () => {
  it('identify() cleans user names', () => {
    const engine = new RoomEngine();
    for (const [i, [raw, clean]] of SPOOFS.entries()) {
      const session = engine.openSession(() => {});
      engine.identify(session, { userId: `u${i}`, userName: raw, avatarUrl: '' });
      assert.equal(session.user?.userName, clean, JSON.stringify(raw));
      assert.equal(engine.profile(`u${i}`)?.userName, clean, 'the stored profile too');
    }
  });

  it('identify() falls back to the user ID when nothing but controls is left', () => {
    const engine = new RoomEngine();
    const session = engine.openSession(() => {});
    engine.identify(session, { userId: 'blank', userName: '\u202E\u2066\u2069\u200F', avatarUrl: '' });
    assert.equal(session.user?.userName, 'blank');
  });

  it('room start cleans the room name', () => {
    for (const [raw, clean] of SPOOFS) {
      const { state } = expectOk(createRoomState({ roomId: ROOM_ID, owner, options: { roomName: raw }, now: NOW }));
      assert.equal(state.info.name, clean, JSON.stringify(raw));
      assert.doesNotMatch(state.info.name, BIDI);
    }
  });

  it('a room name of nothing but bidi controls is refused like a blank one', () => {
    expectError(
      createRoomState({ roomId: ROOM_ID, owner, options: { roomName: '\u202E\u2067 \u2069' }, now: NOW }),
      ErrorCode.INVALID_ROOM_NAME,
    );
    expectError(updateInfo(roomWith(), as(owner), { name: '\u200F\u202C' }), ErrorCode.INVALID_ROOM_NAME);
  });

  it('an info update cleans the name, and resending the same spoof is a no-op', () => {
    const room = roomWith();
    for (const [raw, clean] of SPOOFS) {
      const { state, events } = expectOk(updateInfo(room, as(owner), { name: raw }));
      assert.equal(state.info.name, clean, JSON.stringify(raw));
      assert.deepEqual(events, [{ type: 'info.updated', info: state.info }]);
      const again = expectOk(updateInfo(state, as(owner), { name: `\u2066${raw}\u2069` }));
      assert.equal(again.state, state, 'the cleaned name is unchanged: no event');
    }
  });
});

/** Names that show nothing: each is blank, whatever invisible characters it is made of. */
const INVISIBLE_NAMES: readonly string[] = [
  '\u200b', // zero-width space
  '\u2060\u2060', // word joiners
  '\ufeff', // BOM / zero-width no-break space
  '\u00ad', // soft hyphen
  '\u3164', // Hangul filler (a favourite for "blank" nicknames)
  '\u115f\u1160', // Hangul choseong and jungseong fillers
  '\uffa0', // half-width Hangul filler
  '\u034f', // combining grapheme joiner
  '\u180e', // Mongolian vowel separator
  '\u200c\u200d', // ZWNJ and ZWJ alone
  '\ufe0f', // a variation selector alone
  ' \u200b\u3000\u202e\u2060 ', // mixed with spaces (ideographic too) and a bidi control
];
/** Names that show something, with the invisible characters they need kept as they are. */
const VISIBLE_NAMES: readonly string[] = [
  '👩\u200d👩\u200d👧', // a ZWJ family
  '\u2764\ufe0f', // ❤️ (variation selector 16)
  '🏴\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f', // England's flag (tag characters)
  'می\u200cخواهم', // Persian with a zero-width non-joiner
  'a\u200bb', // invisible inside a visible name: shown as the visible letters
];

describe('names that show nothing are blank', () => {
  it('identify() falls back to the user ID; a room name is refused like a blank one', () => {
    const engine = new RoomEngine();
    for (const [i, raw] of INVISIBLE_NAMES.entries()) {
      const session = engine.openSession(() => {});
      engine.identify(session, { userId: `inv${i}`, userName: raw, avatarUrl: '' });
      assert.equal(session.user?.userName, `inv${i}`, JSON.stringify(raw));
      expectError(
        createRoomState({ roomId: ROOM_ID, owner, options: { roomName: raw }, now: NOW }),
        ErrorCode.INVALID_ROOM_NAME,
      );
      expectError(updateInfo(roomWith(), as(owner), { name: raw }), ErrorCode.INVALID_ROOM_NAME);
    }
  });

  it('names that show something keep every character, the invisible ones they need included', () => {
    const engine = new RoomEngine();
    for (const [i, raw] of VISIBLE_NAMES.entries()) {
      const session = engine.openSession(() => {});
      engine.identify(session, { userId: `vis${i}`, userName: raw, avatarUrl: '' });
      assert.equal(session.user?.userName, raw, JSON.stringify(raw));
      const { state } = expectOk(createRoomState({ roomId: ROOM_ID, owner, options: { roomName: raw }, now: NOW }));
      assert.equal(state.info.name, raw);
    }
  });
});
