import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BARRAGE_HISTORY, MAX_BARRAGE_LENGTH } from '../../../src/model/barrage.js';
import { ErrorCode } from '../../../src/model/errors.js';
import { barrageBlock, normalizeBarrage, sendBarrage } from '../../../src/rules/barrage.js';
import { muteMember, updateInfo } from '../../../src/rules/room.js';
import {
  admin,
  alice,
  as,
  bob,
  deepFreeze,
  expectError,
  expectOk,
  expectRejected,
  NOW,
  owner,
  ROOM_ID,
  roomWith,
  stranger,
  unwrapOk,
  setup,
} from './fixtures.js';

const EMOJI = '😀'; // one code point, two UTF-16 units

describe('normalizeBarrage', () => {
  for (const row of [
    { name: 'plain text', text: 'hello', expected: 'hello' },
    { name: 'trims surrounding whitespace', text: '  hi there \n', expected: 'hi there' },
    {
      name: 'removes C0 and C1 controls and DEL',
      text: 'a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg',
      expected: 'abcdefg',
    },
    { name: 'keeps tab and newline inside', text: 'a\tb\nc', expected: 'a\tb\nc' },
    {
      name: '200 emoji pass (length in code points)',
      text: EMOJI.repeat(MAX_BARRAGE_LENGTH),
      expected: EMOJI.repeat(MAX_BARRAGE_LENGTH),
    },
    { name: '200 characters after trimming pass', text: `   ${'x'.repeat(200)}   `, expected: 'x'.repeat(200) },
    { name: 'controls do not count towards the length', text: `${'x'.repeat(200)}\u0001`, expected: 'x'.repeat(200) },
    { name: 'HTML stays text', text: '<img src=x onerror=alert(1)>', expected: '<img src=x onerror=alert(1)>' },
  ]) {
    it(row.name, () => assert.equal(expectOk(normalizeBarrage(row.text)).state, row.expected));
  }

  for (const row of [
    { name: 'not a string → INVALID_PARAMETER (-1001)', text: 42 as unknown, code: ErrorCode.INVALID_PARAMETER },
    { name: 'empty → BARRAGE_EMPTY (-2903)', text: '', code: ErrorCode.BARRAGE_EMPTY },
    { name: 'only spaces → BARRAGE_EMPTY', text: ' \n\t ', code: ErrorCode.BARRAGE_EMPTY },
    { name: 'only control characters → BARRAGE_EMPTY', text: '\u0000\u0008\u007f', code: ErrorCode.BARRAGE_EMPTY },
    {
      name: '201 emoji → BARRAGE_TOO_LONG (-2904)',
      text: EMOJI.repeat(MAX_BARRAGE_LENGTH + 1),
      code: ErrorCode.BARRAGE_TOO_LONG,
    },
    { name: '201 ASCII characters → BARRAGE_TOO_LONG', text: 'x'.repeat(201), code: ErrorCode.BARRAGE_TOO_LONG },
  ]) {
    it(row.name, () => {
      expectError(normalizeBarrage(row.text), row.code);
    });
  }
});

describe('sendBarrage', () => {
  const room = roomWith();
  const message = (
    n: number,
    sender = alice,
    role: 'owner' | 'admin' | 'member' = 'member',
    text = 'hi',
    sentAt = NOW,
  ) => ({
    messageId: `${ROOM_ID}-m${n}`,
    sender,
    role,
    text,
    sentAt,
  });

  for (const row of [
    { name: 'a member', who: alice, role: 'member' as const },
    { name: 'an admin', who: admin, role: 'admin' as const },
    { name: 'the owner', who: owner, role: 'owner' as const },
  ]) {
    it(`${row.name} sends: barrage.received with the role and the cleaned text`, () => {
      const { state, events } = expectOk(sendBarrage(room, as(row.who), '  hi\u0000 ', NOW));
      const expected = message(1, row.who, row.role);
      assert.deepEqual(events, [{ type: 'barrage.received', message: expected }]);
      assert.deepEqual(state.barrage, [expected]);
      assert.equal(state.messageSeq, 1);
      assert.deepEqual(state.rates[row.who.userId], { barrage: [NOW] });
    });
  }

  it('200 emoji are sent, 201 are refused', () => {
    assert.equal(expectOk(sendBarrage(room, as(alice), EMOJI.repeat(200), NOW)).events.length, 1);
    expectRejected(room, (s) => sendBarrage(s, as(alice), EMOJI.repeat(201), NOW), ErrorCode.BARRAGE_TOO_LONG);
  });

  const roomMuted = setup(room, (s) => updateInfo(s, as(owner), { isMessageDisabled: true }));
  const aliceMuted = setup(room, (s) => muteMember(s, as(admin), 'alice', 10, NOW));
  const adminMuted = setup(roomMuted, (s) => muteMember(s, as(owner), 'admin', 10, NOW));

  for (const row of [
    {
      name: 'a non-member → NOT_IN_ROOM (-2101)',
      room,
      who: stranger,
      text: 'hi',
      at: NOW,
      code: ErrorCode.NOT_IN_ROOM,
    },
    {
      name: 'empty text → BARRAGE_EMPTY (-2903)',
      room,
      who: alice,
      text: '   ',
      at: NOW,
      code: ErrorCode.BARRAGE_EMPTY,
    },
    {
      name: 'non-string text → INVALID_PARAMETER (-1001)',
      room,
      who: alice,
      text: null as unknown as string,
      at: NOW,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'a member in a muted room → ROOM_MUTED (-2380)',
      room: roomMuted,
      who: alice,
      text: 'hi',
      at: NOW,
      code: ErrorCode.ROOM_MUTED,
    },
    {
      name: 'a muted member → MEMBER_MUTED (-2381)',
      room: aliceMuted,
      who: alice,
      text: 'hi',
      at: NOW + 9_999,
      code: ErrorCode.MEMBER_MUTED,
    },
    {
      name: 'a muted admin, even though admins are exempt from the room mute → MEMBER_MUTED',
      room: adminMuted,
      who: admin,
      text: 'hi',
      at: NOW,
      code: ErrorCode.MEMBER_MUTED,
    },
  ]) {
    it(row.name, () => expectRejected(row.room, (s) => sendBarrage(s, as(row.who), row.text, row.at), row.code));
  }

  for (const row of [
    { name: 'the owner is exempt from the room mute', who: owner },
    { name: 'an admin is exempt from the room mute', who: admin },
  ]) {
    it(row.name, () => assert.equal(expectOk(sendBarrage(roomMuted, as(row.who), 'hi', NOW)).events.length, 1));
  }

  it('a member mute ends at exactly its expiry, and unmuting ends it at once', () => {
    expectOk(sendBarrage(aliceMuted, as(alice), 'back', NOW + 10_000));
    const unmuted = setup(aliceMuted, (s) => muteMember(s, as(owner), 'alice', 0, NOW + 1));
    expectOk(sendBarrage(unmuted, as(alice), 'back', NOW + 2));
  });

  it('the rate limit allows 5 messages per 3 s window, then RATE_LIMITED (-2); the window slides', () => {
    let state = room;
    for (let i = 0; i < 5; i++) state = deepFreeze(unwrapOk(sendBarrage(state, as(alice), `m${i}`, NOW + i * 100)));
    expectRejected(state, (s) => sendBarrage(s, as(alice), 'sixth', NOW + 2_999), ErrorCode.RATE_LIMITED);
    // Another user is not limited by alice's sends.
    expectOk(sendBarrage(state, as(bob), 'mine', NOW + 500));
    // At NOW + 3000 the first send (NOW) has left the window.
    const { state: after } = expectOk(sendBarrage(state, as(alice), 'later', NOW + 3_000));
    assert.deepEqual(after.rates.alice?.barrage, [NOW + 100, NOW + 200, NOW + 300, NOW + 400, NOW + 3_000]);
  });

  it(`keeps the last ${BARRAGE_HISTORY} messages`, () => {
    let state = roomWith({ limits: { barrageRate: { limit: 1_000, windowMs: 1 } } });
    for (let i = 1; i <= BARRAGE_HISTORY + 3; i++) state = unwrapOk(sendBarrage(state, as(alice), `m${i}`, NOW + i));
    assert.equal(state.barrage.length, BARRAGE_HISTORY);
    assert.equal(state.barrage[0]?.text, 'm4');
    assert.equal(state.barrage.at(-1)?.messageId, `${ROOM_ID}-m${BARRAGE_HISTORY + 3}`);
  });
});

describe('barrageBlock', () => {
  const room = setup(
    roomWith(),
    (s) => updateInfo(s, as(owner), { isMessageDisabled: true }),
    (s) => muteMember(s, as(owner), 'bob', 60, NOW),
  );
  for (const row of [
    { name: 'a member in a muted room', userId: 'alice', at: NOW, expected: ErrorCode.ROOM_MUTED as ErrorCode | null },
    { name: 'a muted member (member mute wins)', userId: 'bob', at: NOW, expected: ErrorCode.MEMBER_MUTED },
    {
      name: 'a mute that has run out falls back to the room mute',
      userId: 'bob',
      at: NOW + 60_000,
      expected: ErrorCode.ROOM_MUTED,
    },
    { name: 'the owner', userId: 'owner', at: NOW, expected: null },
    { name: 'an admin', userId: 'admin', at: NOW, expected: null },
  ]) {
    it(`${row.name} → ${String(row.expected)}`, () =>
      assert.equal(barrageBlock(room, row.userId, row.at), row.expected));
  }
  it('nothing blocks a member in an open room', () => assert.equal(barrageBlock(roomWith(), 'alice', NOW), null));
});
