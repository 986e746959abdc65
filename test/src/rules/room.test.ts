import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/model/errors.js';
import type { LiveInfo, LiveInfoPatch, StartOptions } from '../../../src/model/live-info.js';
import type { SeatRequest } from '../../../src/model/request.js';
import type { UserInfo } from '../../../src/model/user.js';
import { joinRoom } from '../../../src/rules/audience.js';
import { applyForSeat, inviteToSeat } from '../../../src/rules/requests.js';
import {
  banMembers,
  createRoomState,
  DEFAULT_LIMITS,
  type InfoDraft,
  infoDraftPatch,
  infoDraftProblems,
  disconnectMember,
  endRoom,
  expireLeases,
  isValidRoomId,
  kickMember,
  leaveRoom,
  MAX_SANCTION_SEC,
  muteMember,
  nextDeadline,
  setAdmin,
  tick,
  unbanMembers,
  updateInfo,
  updateOwnerFans,
} from '../../../src/rules/room.js';
import { leaveSeat, seatOf } from '../../../src/rules/seats.js';
import {
  admin,
  admin2,
  alice,
  as,
  bob,
  carol,
  dave,
  deepFreeze,
  eve,
  expectError,
  expectNoop,
  expectOk,
  expectRejected,
  NOW,
  occupants,
  owner,
  ROOM_ID,
  roomWith,
  stranger,
  system,
  user,
  setup,
} from './fixtures.js';
import { mapGet, mapKeys } from '../../../src/rules/persistent-map.js';

const emptySeatOf = (index: number) => ({ index, user: null, locked: false, audioLocked: false, selfMuted: false });
const seatWith = (index: number, u: UserInfo) => ({
  index,
  user: u,
  locked: false,
  audioLocked: false,
  selfMuted: false,
});

describe('createRoomState', () => {
  it('defaults: version 1, live, apply mode, 10 seats with the owner on seat 0, the owner the only member', () => {
    const { state, events } = expectOk(createRoomState({ roomId: ROOM_ID, owner, now: NOW }));
    assert.deepEqual(events, []);
    const info: LiveInfo = {
      roomId: ROOM_ID,
      name: ROOM_ID,
      coverUrl: '',
      notice: '',
      owner,
      seatMode: 'apply',
      seatCount: 10,
      isMessageDisabled: false,
      isPublicVisible: true,
      createdAt: NOW,
      ownerFans: 0,
      keepOwnerOnSeat: true,
    };
    assert.deepEqual(state.info, info);
    assert.equal(state.version, 1);
    assert.equal(state.status, 'live');
    assert.deepEqual(occupants(state), ['owner', '', '', '', '', '', '', '', '', '']);
    assert.deepEqual(Object.fromEntries(mapKeys(state.members).map((k) => [k, mapGet(state.members, k)])), {
      owner: { user: owner, joinedAt: NOW, seq: 1, online: true },
    });
    assert.equal(state.memberCount, 1);
    assert.deepEqual(state.recent, ['owner']);
    assert.equal(state.viewCount, 1);
    assert.deepEqual(state.limits, DEFAULT_LIMITS);
    assert.deepEqual(
      [state.requests, state.admins, state.barrage, { ...state.mutes }, { ...state.bans }, { ...state.leases }],
      [[], [], [], {}, {}, {}],
    );
  });

  it('options: trimmed name, seat count, mode, flags, keepOwnerOnSeat false, limits and owner fans', () => {
    const options: StartOptions = {
      roomName: '  Night talk  ',
      coverUrl: 'https://example.test/c.png',
      notice: 'be nice',
      seatCount: 1,
      seatMode: 'free',
      isPublicVisible: false,
      isMessageDisabled: true,
      keepOwnerOnSeat: false,
    };
    const { state } = expectOk(
      createRoomState({ roomId: ROOM_ID, owner, options, now: NOW, limits: { seatLeaseMs: 5 }, ownerFans: 7 }),
    );
    assert.equal(state.info.name, 'Night talk');
    assert.equal(state.info.coverUrl, 'https://example.test/c.png');
    assert.equal(state.info.notice, 'be nice');
    assert.equal(state.info.seatMode, 'free');
    assert.equal(state.info.isPublicVisible, false);
    assert.equal(state.info.isMessageDisabled, true);
    assert.equal(state.info.ownerFans, 7);
    assert.equal(state.info.keepOwnerOnSeat, false, 'no host seat');
    assert.deepEqual(occupants(state), ['']);
    assert.deepEqual(state.limits, { ...DEFAULT_LIMITS, seatLeaseMs: 5 });
  });

  for (const row of [
    { name: '20 seats', options: { seatCount: 20 } },
    { name: 'a 48-byte room ID', roomId: 'r'.repeat(48) },
    { name: 'a room ID with punctuation', roomId: 'a!b~c_d-e.f' },
    { name: 'a 100-character (emoji) name', options: { roomName: '🎤'.repeat(100) } },
  ]) {
    it(`accepts ${row.name}`, () => {
      expectOk(createRoomState({ roomId: row.roomId ?? ROOM_ID, owner, options: row.options, now: NOW }));
    });
  }

  for (const row of [
    { name: 'empty room ID', roomId: '', code: ErrorCode.INVALID_ROOM_ID },
    { name: 'room ID with a space', roomId: 'a b', code: ErrorCode.INVALID_ROOM_ID },
    { name: 'room ID over 48 bytes', roomId: 'r'.repeat(49), code: ErrorCode.INVALID_ROOM_ID },
    { name: 'non-ASCII room ID', roomId: 'räum', code: ErrorCode.INVALID_ROOM_ID },
    { name: 'room ID with a control character', roomId: 'a\tb', code: ErrorCode.INVALID_ROOM_ID },
    { name: 'non-string room ID', roomId: 42 as unknown as string, code: ErrorCode.INVALID_ROOM_ID },
    { name: 'seat count 0', options: { seatCount: 0 }, code: ErrorCode.SEAT_COUNT_LIMIT },
    { name: 'seat count 21', options: { seatCount: 21 }, code: ErrorCode.SEAT_COUNT_LIMIT },
    { name: 'fractional seat count', options: { seatCount: 2.5 }, code: ErrorCode.SEAT_COUNT_LIMIT },
    { name: 'blank name', options: { roomName: '   ' }, code: ErrorCode.INVALID_ROOM_NAME },
    { name: 'name of 101 characters', options: { roomName: 'n'.repeat(101) }, code: ErrorCode.INVALID_ROOM_NAME },
    { name: 'cover URL over 500', options: { coverUrl: 'u'.repeat(501) }, code: ErrorCode.INVALID_PARAMETER },
    { name: 'notice over 500', options: { notice: 'n'.repeat(501) }, code: ErrorCode.INVALID_PARAMETER },
    { name: 'unknown seat mode', options: { seatMode: 'open' as 'free' }, code: ErrorCode.INVALID_PARAMETER },
    {
      name: 'non-boolean isMessageDisabled',
      options: { isMessageDisabled: 'yes' as unknown as boolean },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'non-boolean isPublicVisible',
      options: { isPublicVisible: 1 as unknown as boolean },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'non-boolean keepOwnerOnSeat',
      options: { keepOwnerOnSeat: 'no' as unknown as boolean },
      code: ErrorCode.INVALID_PARAMETER,
    },
  ] as Array<{ name: string; roomId?: string; options?: StartOptions; code: ErrorCode }>) {
    it(`${row.name} → ${row.code}`, () => {
      expectError(createRoomState({ roomId: row.roomId ?? ROOM_ID, owner, options: row.options, now: NOW }), row.code);
    });
  }

  for (const row of [
    { id: 'abc', valid: true },
    { id: '!', valid: true },
    { id: '', valid: false },
    { id: ' ', valid: false },
    { id: 'x'.repeat(48), valid: true },
    { id: 'x'.repeat(49), valid: false },
    { id: '房间', valid: false },
    { id: null, valid: false },
  ]) {
    it(`isValidRoomId(${JSON.stringify(row.id)?.slice(0, 12)}…) is ${row.valid}`, () =>
      assert.equal(isValidRoomId(row.id), row.valid));
  }
});

describe('updateInfo', () => {
  const room = setup(roomWith({ options: { roomName: 'Same' } }), (s) => applyForSeat(s, as(alice), null, 60, NOW));

  for (const row of [
    {
      name: 'an admin → OWNER_REQUIRED (-2300)',
      actor: as(admin),
      patch: { name: 'x' },
      code: ErrorCode.OWNER_REQUIRED,
    },
    {
      name: 'a member → OWNER_REQUIRED (-2300)',
      actor: as(alice),
      patch: { name: 'x' },
      code: ErrorCode.OWNER_REQUIRED,
    },
    {
      name: 'empty name → INVALID_ROOM_NAME (-2107)',
      actor: as(owner),
      patch: { name: '' },
      code: ErrorCode.INVALID_ROOM_NAME,
    },
    {
      name: 'blank name → INVALID_ROOM_NAME',
      actor: as(owner),
      patch: { name: ' \n ' },
      code: ErrorCode.INVALID_ROOM_NAME,
    },
    {
      name: 'name of 101 characters → INVALID_ROOM_NAME',
      actor: as(owner),
      patch: { name: 'n'.repeat(101) },
      code: ErrorCode.INVALID_ROOM_NAME,
    },
    {
      name: 'cover URL over 500 → INVALID_PARAMETER (-1001)',
      actor: as(owner),
      patch: { coverUrl: 'u'.repeat(501) },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'notice over 500 → INVALID_PARAMETER',
      actor: as(owner),
      patch: { notice: 'n'.repeat(501) },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'bad seat mode → INVALID_PARAMETER',
      actor: as(owner),
      patch: { seatMode: 'FreeToTake' as 'free' },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'non-boolean isMessageDisabled → INVALID_PARAMETER',
      actor: as(owner),
      patch: { isMessageDisabled: 0 as unknown as boolean },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'non-boolean isPublicVisible → INVALID_PARAMETER',
      actor: as(owner),
      patch: { isPublicVisible: 'true' as unknown as boolean },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'a null patch → INVALID_PARAMETER',
      actor: as(owner),
      patch: null as unknown as LiveInfoPatch,
      code: ErrorCode.INVALID_PARAMETER,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => updateInfo(s, row.actor, row.patch), row.code));
  }

  for (const row of [
    { name: 'an empty patch', patch: {} },
    { name: 'the same values', patch: { name: 'Same', seatMode: 'apply', isMessageDisabled: false } as LiveInfoPatch },
    { name: 'the same name with surrounding spaces', patch: { name: '  Same ' } },
    { name: 'fields the owner may not change', patch: { roomId: 'other', seatCount: 3 } as LiveInfoPatch },
  ]) {
    it(`${row.name} is a no-op`, () => expectNoop(room, updateInfo(room, as(owner), row.patch)));
  }

  for (const row of [
    { name: 'the owner', actor: as(owner) },
    { name: 'the system', actor: system },
  ]) {
    it(`${row.name} changes several fields in one info.updated; switching to free admits nobody`, () => {
      const patch: LiveInfoPatch = {
        name: ' New ',
        notice: 'hi',
        seatMode: 'free',
        isMessageDisabled: true,
        isPublicVisible: false,
        coverUrl: 'c',
      };
      const { state, events } = expectOk(updateInfo(room, row.actor, patch));
      const info: LiveInfo = {
        ...room.info,
        name: 'New',
        notice: 'hi',
        seatMode: 'free',
        isMessageDisabled: true,
        isPublicVisible: false,
        coverUrl: 'c',
      };
      assert.deepEqual(events, [{ type: 'info.updated', info }]);
      assert.deepEqual(state.info, info);
      assert.deepEqual(state.requests, room.requests, 'pending applications stay');
      assert.equal(seatOf(state, 'alice'), -1);
    });
  }
});

describe('endRoom', () => {
  const room = setup(
    roomWith(),
    (s) => applyForSeat(s, as(alice), null, 60, NOW),
    (s) => inviteToSeat(s, as(admin), 'bob', null, 60, NOW),
  );
  const [a, b] = room.requests as [SeatRequest, SeatRequest];

  for (const row of [
    { name: 'an admin → OWNER_REQUIRED (-2300)', actor: as(admin) },
    { name: 'a member → OWNER_REQUIRED (-2300)', actor: as(alice) },
  ]) {
    it(row.name, () => expectRejected(room, (s) => endRoom(s, row.actor), ErrorCode.OWNER_REQUIRED));
  }

  it('the owner ends it: every request cancelled, then room.ended', () => {
    const { state, events } = expectOk(endRoom(room, as(owner)));
    assert.deepEqual(events, [
      { type: 'request.updated', request: { ...a, status: 'cancelled', responderId: 'owner' } },
      { type: 'request.updated', request: { ...b, status: 'cancelled', responderId: 'owner' } },
      { type: 'room.ended', by: 'owner' },
    ]);
    assert.equal(state.status, 'ended');
    assert.deepEqual(state.requests, []);
  });
});

describe('leaveRoom', () => {
  const room = setup(roomWith({ seated: { 3: alice } }), (s) => applyForSeat(s, as(bob), null, 60, NOW));

  for (const row of [
    { name: 'the owner → OWNER_CANNOT_LEAVE (-2102)', who: owner, code: ErrorCode.OWNER_CANNOT_LEAVE },
    { name: 'a non-member → NOT_IN_ROOM (-2101)', who: stranger, code: ErrorCode.NOT_IN_ROOM },
  ]) {
    it(row.name, () => expectRejected(room, (s) => leaveRoom(s, as(row.who)), row.code));
  }

  it('a seated member leaves: seat freed, then member.left', () => {
    const { state, events } = expectOk(leaveRoom(room, as(alice)));
    assert.deepEqual(events, [
      { type: 'seats.updated', seats: [emptySeatOf(3)] },
      { type: 'member.left', userId: 'alice', reason: 'left', by: null, total: 3, refill: null },
    ]);
    assert.equal(mapGet(state.members, 'alice'), undefined);
    assert.equal(state.memberCount, 3);
    assert.deepEqual(state.recent, ['bob', 'admin', 'owner']);
  });

  it('a member with a pending application takes it with them', () => {
    const { state, events } = expectOk(leaveRoom(room, as(bob)));
    assert.deepEqual(events, [
      { type: 'request.updated', request: { ...room.requests[0]!, status: 'cancelled', responderId: 'bob' } },
      { type: 'member.left', userId: 'bob', reason: 'left', by: null, total: 3, refill: null },
    ]);
    assert.deepEqual(state.requests, []);
  });
});

describe('kickMember', () => {
  const room = roomWith({ members: [admin, admin2, alice, bob], admins: [admin, admin2], seated: { 3: alice } });

  for (const row of [
    {
      name: 'by a member → OWNER_OR_ADMIN_REQUIRED (-2301)',
      actor: as(bob),
      target: 'alice',
      code: ErrorCode.OWNER_OR_ADMIN_REQUIRED,
    },
    {
      name: 'an admin on the owner → PERMISSION_DENIED (100006)',
      actor: as(admin),
      target: 'owner',
      code: ErrorCode.PERMISSION_DENIED,
    },
    {
      name: 'an admin on another admin → OWNER_REQUIRED (-2300)',
      actor: as(admin),
      target: 'admin2',
      code: ErrorCode.OWNER_REQUIRED,
    },
    {
      name: 'the owner on self → CANNOT_TARGET_SELF (-2906)',
      actor: as(owner),
      target: 'owner',
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
    {
      name: 'an admin on self → CANNOT_TARGET_SELF (-2906)',
      actor: as(admin),
      target: 'admin',
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
    {
      name: 'a non-member → NOT_A_MEMBER (100005)',
      actor: as(owner),
      target: 'stranger',
      code: ErrorCode.NOT_A_MEMBER,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => kickMember(s, row.actor, row.target), row.code));
  }

  for (const row of [
    { name: 'an admin kicks a seated member', actor: as(admin), target: 'alice', seatEvent: true },
    { name: 'the owner kicks an admin', actor: as(owner), target: 'admin2', seatEvent: false },
    { name: 'the system kicks a member', actor: system, target: 'bob', seatEvent: false },
  ]) {
    it(row.name, () => {
      const { state, events } = expectOk(kickMember(room, row.actor, row.target));
      assert.deepEqual(events, [
        ...(row.seatEvent ? [{ type: 'seats.updated', seats: [emptySeatOf(3)] }] : []),
        {
          type: 'member.left',
          userId: row.target,
          reason: 'kicked',
          by: row.actor.user.userId,
          total: 4,
          refill: null,
        },
      ]);
      assert.equal(mapGet(state.members, row.target), undefined);
      assert.equal(seatOf(state, row.target), -1);
    });
  }
});

describe('banMembers and unbanMembers', () => {
  const room = roomWith({ members: [admin, admin2, alice, bob], admins: [admin, admin2], seated: { 3: alice } });
  const many = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

  for (const row of [
    {
      name: 'no users → INVALID_PARAMETER (-1001)',
      actor: as(owner),
      ids: [] as string[],
      seconds: 60,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: '21 users → INVALID_PARAMETER (-1001)',
      actor: as(owner),
      ids: many(21),
      seconds: 60,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'an empty user ID → INVALID_PARAMETER',
      actor: as(owner),
      ids: ['alice', ''],
      seconds: 60,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'not an array → INVALID_PARAMETER',
      actor: as(owner),
      ids: 'alice' as unknown as string[],
      seconds: 60,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: '0 seconds → INVALID_PARAMETER',
      actor: as(owner),
      ids: ['alice'],
      seconds: 0,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'negative seconds → INVALID_PARAMETER',
      actor: as(owner),
      ids: ['alice'],
      seconds: -1,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'fractional seconds → INVALID_PARAMETER',
      actor: as(owner),
      ids: ['alice'],
      seconds: 1.5,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'seconds over ten years → INVALID_PARAMETER',
      actor: as(owner),
      ids: ['alice'],
      seconds: MAX_SANCTION_SEC + 1,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'by a member → OWNER_OR_ADMIN_REQUIRED (-2301)',
      actor: as(bob),
      ids: ['alice'],
      seconds: 60,
      code: ErrorCode.OWNER_OR_ADMIN_REQUIRED,
    },
    {
      name: 'an admin including the owner → PERMISSION_DENIED (100006)',
      actor: as(admin),
      ids: ['alice', 'owner'],
      seconds: 60,
      code: ErrorCode.PERMISSION_DENIED,
    },
    {
      name: 'an admin including another admin → OWNER_REQUIRED (-2300)',
      actor: as(admin),
      ids: ['admin2'],
      seconds: 60,
      code: ErrorCode.OWNER_REQUIRED,
    },
    {
      name: 'including oneself → CANNOT_TARGET_SELF (-2906)',
      actor: as(owner),
      ids: ['alice', 'owner'],
      seconds: 60,
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => banMembers(s, row.actor, row.ids, row.seconds, NOW), row.code));
  }

  it('banning an absent user persists, emits nothing, and blocks their join (100016) until it expires', () => {
    const { state, events } = expectOk(banMembers(room, as(admin), ['stranger'], 60, NOW));
    assert.deepEqual(events, []);
    assert.deepEqual({ ...state.bans }, { stranger: NOW + 60_000 });
    assert.deepEqual(state.members, room.members);
    const banned = deepFreeze(state);
    expectRejected(banned, (s) => joinRoom(s, stranger, NOW + 59_999), ErrorCode.MEMBER_BANNED);
    expectOk(joinRoom(banned, stranger, NOW + 60_000));
  });

  it('banning a present, seated member removes them (seat freed, member.left banned) and they cannot come back', () => {
    const { state, events } = expectOk(banMembers(room, as(owner), ['alice', 'alice', 'bob'], 3_600, NOW));
    assert.deepEqual(events, [
      { type: 'seats.updated', seats: [emptySeatOf(3)] },
      { type: 'member.left', userId: 'alice', reason: 'banned', by: 'owner', total: 4, refill: null },
      { type: 'member.left', userId: 'bob', reason: 'banned', by: 'owner', total: 3, refill: null },
    ]);
    assert.deepEqual({ ...state.bans }, { alice: NOW + 3_600_000, bob: NOW + 3_600_000 });
    expectRejected(deepFreeze(state), (s) => joinRoom(s, alice, NOW + 1), ErrorCode.MEMBER_BANNED);
  });

  it('20 users in one call is allowed', () => {
    const { state } = expectOk(banMembers(room, as(owner), many(20), MAX_SANCTION_SEC, NOW));
    assert.equal(Object.keys(state.bans).length, 20);
  });

  const banned = setup(room, (s) => banMembers(s, as(owner), ['stranger', 'carol'], 60, NOW));

  for (const row of [
    {
      name: 'by a member → OWNER_OR_ADMIN_REQUIRED (-2301)',
      actor: as(bob),
      ids: ['stranger'],
      code: ErrorCode.OWNER_OR_ADMIN_REQUIRED,
    },
    {
      name: 'no users → INVALID_PARAMETER (-1001)',
      actor: as(owner),
      ids: [] as string[],
      code: ErrorCode.INVALID_PARAMETER,
    },
    { name: '21 users → INVALID_PARAMETER', actor: as(owner), ids: many(21), code: ErrorCode.INVALID_PARAMETER },
  ]) {
    it(`unban ${row.name}`, () => expectRejected(banned, (s) => unbanMembers(s, row.actor, row.ids), row.code));
  }

  it('unban lifts the ban at once (no events) and the user may join', () => {
    const { state, events } = expectOk(unbanMembers(banned, as(admin), ['stranger', 'never-banned']));
    assert.deepEqual(events, []);
    assert.deepEqual({ ...state.bans }, { carol: NOW + 60_000 });
    expectOk(joinRoom(deepFreeze(state), stranger, NOW + 1));
  });
});

describe('muteMember', () => {
  const room = roomWith({ members: [admin, admin2, alice, bob], admins: [admin, admin2] });

  for (const row of [
    {
      name: 'by a member → OWNER_OR_ADMIN_REQUIRED (-2301)',
      actor: as(bob),
      target: 'alice',
      seconds: 60,
      code: ErrorCode.OWNER_OR_ADMIN_REQUIRED,
    },
    {
      name: 'oneself → CANNOT_TARGET_SELF (-2906)',
      actor: as(admin),
      target: 'admin',
      seconds: 60,
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
    {
      name: 'an admin on the owner → PERMISSION_DENIED (100006)',
      actor: as(admin),
      target: 'owner',
      seconds: 60,
      code: ErrorCode.PERMISSION_DENIED,
    },
    {
      name: 'an admin on another admin → OWNER_REQUIRED (-2300)',
      actor: as(admin),
      target: 'admin2',
      seconds: 60,
      code: ErrorCode.OWNER_REQUIRED,
    },
    {
      name: 'negative seconds → INVALID_PARAMETER (-1001)',
      actor: as(owner),
      target: 'alice',
      seconds: -1,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'fractional seconds → INVALID_PARAMETER',
      actor: as(owner),
      target: 'alice',
      seconds: 0.5,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'over ten years → INVALID_PARAMETER',
      actor: as(owner),
      target: 'alice',
      seconds: MAX_SANCTION_SEC + 1,
      code: ErrorCode.INVALID_PARAMETER,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => muteMember(s, row.actor, row.target, row.seconds, NOW), row.code));
  }

  for (const row of [
    { name: 'an admin mutes a member', actor: as(admin), target: 'alice' },
    { name: 'the owner mutes an admin', actor: as(owner), target: 'admin2' },
    { name: 'an absent user can be muted ahead of time', actor: as(owner), target: 'stranger' },
  ]) {
    it(row.name, () => {
      const { state, events } = expectOk(muteMember(room, row.actor, row.target, 60, NOW));
      assert.deepEqual(events, [
        { type: 'member.muted', userId: row.target, until: NOW + 60_000, by: row.actor.user.userId },
      ]);
      assert.deepEqual({ ...state.mutes }, { [row.target]: NOW + 60_000 });
    });
  }

  it('mute 0 unmutes (until 0, entry removed)', () => {
    const muted = setup(
      room,
      (s) => muteMember(s, as(owner), 'alice', 60, NOW),
      (s) => muteMember(s, as(owner), 'bob', 60, NOW),
    );
    const { state, events } = expectOk(muteMember(muted, as(admin), 'alice', 0, NOW + 1));
    assert.deepEqual(events, [{ type: 'member.muted', userId: 'alice', until: 0, by: 'admin' }]);
    assert.deepEqual({ ...state.mutes }, { bob: NOW + 60_000 });
  });

  it('mute 0 of someone who is not muted is a no-op', () =>
    expectNoop(room, muteMember(room, as(owner), 'alice', 0, NOW)));
});

describe('setAdmin', () => {
  const room = roomWith({ members: [admin, alice, bob, carol, dave, eve] });
  const five = setup(
    roomWith({ members: [admin, admin2, alice, bob, carol, dave, eve], admins: [admin, admin2, alice, bob, carol] }),
  );

  for (const row of [
    {
      name: 'by an admin → OWNER_REQUIRED (-2300)',
      room,
      actor: as(admin),
      target: 'alice',
      on: true,
      code: ErrorCode.OWNER_REQUIRED,
    },
    {
      name: 'by a member → OWNER_REQUIRED (-2300)',
      room,
      actor: as(alice),
      target: 'bob',
      on: true,
      code: ErrorCode.OWNER_REQUIRED,
    },
    {
      name: 'an empty user ID → INVALID_PARAMETER (-1001)',
      room,
      actor: as(owner),
      target: '',
      on: true,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'the owner → CANNOT_TARGET_SELF (-2906)',
      room,
      actor: as(owner),
      target: 'owner',
      on: true,
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
    {
      name: 'a sixth admin → TOO_MANY_ADMINS (100020)',
      room: five,
      actor: as(owner),
      target: 'dave',
      on: true,
      code: ErrorCode.TOO_MANY_ADMINS,
    },
  ]) {
    it(row.name, () => expectRejected(row.room, (s) => setAdmin(s, row.actor, row.target, row.on), row.code));
  }

  for (const row of [
    { name: 'making an admin an admin again', room, target: 'admin', on: true },
    { name: 'removing a non-admin', room, target: 'alice', on: false },
    { name: 'making an existing admin an admin when five exist', room: five, target: 'carol', on: true },
  ]) {
    it(`${row.name} is a no-op`, () => expectNoop(row.room, setAdmin(row.room, as(owner), row.target, row.on)));
  }

  it('adds and removes admins with admins.updated', () => {
    const added = expectOk(setAdmin(room, as(owner), 'alice', true));
    assert.deepEqual(added.events, [{ type: 'admins.updated', admins: ['admin', 'alice'] }]);
    const removed = expectOk(setAdmin(five, system, 'admin2', false));
    assert.deepEqual(removed.events, [{ type: 'admins.updated', admins: ['admin', 'alice', 'bob', 'carol'] }]);
    expectOk(setAdmin(deepFreeze(removed.state), as(owner), 'dave', true));
  });
});

describe('disconnectMember, expireLeases and tick', () => {
  const room = roomWith({ seated: { 3: alice } });

  it('a non-member disconnecting is a no-op', () => expectNoop(room, disconnectMember(room, 'stranger', NOW)));

  it('a seated member keeps the seat for the lease, offline, and nobody is told', () => {
    const { state, events } = expectOk(disconnectMember(room, 'alice', NOW));
    assert.deepEqual(events, []);
    assert.equal(seatOf(state, 'alice'), 3);
    assert.equal(mapGet(state.members, 'alice')?.online, false);
    assert.deepEqual({ ...state.leases }, { alice: NOW + 30_000 });
    assert.equal(nextDeadline(state), NOW + 30_000);
  });

  it('an unseated member is removed at once (member.left disconnected)', () => {
    const { state, events } = expectOk(disconnectMember(room, 'bob', NOW));
    assert.deepEqual(events, [
      { type: 'member.left', userId: 'bob', reason: 'disconnected', by: null, total: 3, refill: null },
    ]);
    assert.equal(mapGet(state.members, 'bob'), undefined);
    assert.deepEqual({ ...state.leases }, {});
  });

  it('with a zero lease a seated member is removed at once, seat freed', () => {
    const noLease = roomWith({ limits: { seatLeaseMs: 0 }, seated: { 3: alice } });
    const { events } = expectOk(disconnectMember(noLease, 'alice', NOW));
    assert.deepEqual(events, [
      { type: 'seats.updated', seats: [emptySeatOf(3)] },
      { type: 'member.left', userId: 'alice', reason: 'disconnected', by: null, total: 3, refill: null },
    ]);
  });

  it('with a zero lease a seated owner loses the seat at once but stays a member, offline', () => {
    const noLease = roomWith({ limits: { seatLeaseMs: 0 } });
    const { state, events } = expectOk(disconnectMember(noLease, 'owner', NOW));
    assert.deepEqual(events, [{ type: 'seats.updated', seats: [emptySeatOf(0)] }]);
    assert.equal(mapGet(state.members, 'owner')?.online, false);
    assert.deepEqual({ ...state.leases }, {});
  });

  it('an unseated owner stays a member, offline', () => {
    const off = setup(room, (s) => leaveSeat(s, as(owner)));
    const { state, events } = expectOk(disconnectMember(off, 'owner', NOW));
    assert.deepEqual(events, []);
    assert.equal(mapGet(state.members, 'owner')?.online, false);
    assert.deepEqual({ ...state.leases }, {});
  });

  const leased = setup(
    room,
    (s) => disconnectMember(s, 'alice', NOW),
    (s) => disconnectMember(s, 'owner', NOW + 5_000),
  );

  it('nothing happens before the lease runs out', () => {
    expectNoop(leased, expireLeases(leased, NOW + 29_999));
    expectNoop(leased, tick(leased, NOW + 29_999));
  });

  it('at the lease a member is removed (seat freed, member.left disconnected)', () => {
    const { state, events } = expectOk(expireLeases(leased, NOW + 30_000));
    assert.deepEqual(events, [
      { type: 'seats.updated', seats: [emptySeatOf(3)] },
      { type: 'member.left', userId: 'alice', reason: 'disconnected', by: null, total: 3, refill: null },
    ]);
    assert.deepEqual({ ...state.leases }, { owner: NOW + 35_000 });
    assert.equal(nextDeadline(state), NOW + 35_000);
  });

  it("at the owner's lease only the seat is freed; the owner stays a member", () => {
    const { state, events } = expectOk(tick(leased, NOW + 35_000));
    assert.deepEqual(events, [
      { type: 'seats.updated', seats: [emptySeatOf(3)] },
      { type: 'member.left', userId: 'alice', reason: 'disconnected', by: null, total: 3, refill: null },
      { type: 'seats.updated', seats: [emptySeatOf(0)] },
    ]);
    assert.ok(mapGet(state.members, 'owner'));
    assert.deepEqual({ ...state.leases }, {});
    assert.equal(nextDeadline(state), null);
  });

  it('tick expires requests before leases, in one result', () => {
    const both = setup(leased, (s) => applyForSeat(s, as(bob), null, 30, NOW));
    const { events } = expectOk(tick(both, NOW + 30_000));
    assert.deepEqual(
      events.map((e) => e.type),
      ['request.updated', 'seats.updated', 'member.left'],
    );
  });

  it('tick and nextDeadline do nothing on an ended room', () => {
    const ended = setup(leased, (s) => endRoom(s, as(owner)));
    expectNoop(ended, tick(ended, NOW + 100_000));
    assert.equal(nextDeadline(ended), null);
  });

  it('nextDeadline is the earliest request expiry or lease; requests without a timeout do not count', () => {
    assert.equal(nextDeadline(room), null);
    const forever = setup(room, (s) => applyForSeat(s, as(bob), null, 0, NOW));
    assert.equal(nextDeadline(forever), null);
    const soon = setup(leased, (s) => inviteToSeat(s, as(owner), 'bob', null, 10, NOW));
    assert.equal(nextDeadline(soon), NOW + 10_000);
  });
});

describe('updateOwnerFans', () => {
  const room = roomWith();
  for (const row of [
    { name: 'someone other than the owner', userId: 'alice', fans: 3 },
    { name: 'an unchanged count', userId: 'owner', fans: 0 },
  ]) {
    it(`${row.name} is a no-op`, () => expectNoop(room, updateOwnerFans(room, row.userId, row.fans)));
  }

  it('a new owner fan count updates the info and emits fans.updated', () => {
    const { state, events } = expectOk(updateOwnerFans(room, 'owner', 12));
    assert.deepEqual(events, [{ type: 'fans.updated', userId: 'owner', fans: 12 }]);
    assert.equal(state.info.ownerFans, 12);
  });
});

// Keeps the seat helpers honest for the lease tests above: alice really is on seat 3.
describe('room fixtures', () => {
  it('roomWith seats who it is told to', () => {
    assert.deepEqual(roomWith({ seated: { 3: alice } }).seats[3], seatWith(3, alice));
    assert.equal(user('x').userName, 'X');
    assert.equal(carol.userId, 'carol');
  });
});

describe("an owner's draft of name, cover and notice", () => {
  const ok: InfoDraft = { name: 'Late night', coverUrl: 'https://example.test/c.png', notice: 'Be kind' };
  it('a good draft has no problems (a relative cover and an empty notice included)', () => {
    assert.deepEqual(infoDraftProblems(ok), {});
    assert.deepEqual(infoDraftProblems({ ...ok, coverUrl: '/covers/1.png', notice: '' }), {});
    assert.deepEqual(infoDraftProblems({ ...ok, coverUrl: '  ' }), {});
  });
  it("names each field's problem, lengths counted in code points as the rules count them", () => {
    const rows: ReadonlyArray<readonly [string, InfoDraft, ReturnType<typeof infoDraftProblems>]> = [
      ['blank name', { ...ok, name: '   ' }, { name: { kind: 'required' } }],
      ['name of 100 emoji', { ...ok, name: '😀'.repeat(100) }, {}],
      ['name of 101 characters', { ...ok, name: 'n'.repeat(101) }, { name: { kind: 'too-long', max: 100 } }],
      ['cover without a scheme', { ...ok, coverUrl: 'example.test/c.png' }, { coverUrl: { kind: 'cover' } }],
      ['javascript: cover', { ...ok, coverUrl: 'javascript:alert(1)' }, { coverUrl: { kind: 'cover' } }],
      [
        'cover of 501 characters',
        { ...ok, coverUrl: `https://${'c'.repeat(493)}` },
        { coverUrl: { kind: 'too-long', max: 500 } },
      ],
      ['notice of 501 characters', { ...ok, notice: 'n'.repeat(501) }, { notice: { kind: 'too-long', max: 500 } }],
      [
        'all three',
        { name: '', coverUrl: 'x', notice: 'n'.repeat(501) },
        { name: { kind: 'required' }, coverUrl: { kind: 'cover' }, notice: { kind: 'too-long', max: 500 } },
      ],
    ];
    for (const [what, draft, problems] of rows) assert.deepEqual(infoDraftProblems(draft), problems, what);
  });
  it("a draft's patch holds only what changes, name and cover trimmed", () => {
    const info = roomWith({}).info;
    const same: InfoDraft = { name: ` ${info.name} `, coverUrl: info.coverUrl, notice: info.notice };
    assert.deepEqual(infoDraftPatch(same, info), {});
    assert.deepEqual(infoDraftPatch({ ...same, name: ' New ', notice: ' hi ' }, info), { name: 'New', notice: ' hi ' });
    assert.deepEqual(infoDraftPatch(ok, null), { name: ok.name, coverUrl: ok.coverUrl, notice: ok.notice });
  });
});
