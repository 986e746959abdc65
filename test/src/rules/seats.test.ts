import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/model/errors.js';
import type { RoomState } from '../../../src/model/room.js';
import type { Seat } from '../../../src/model/seat.js';
import type { UserInfo } from '../../../src/model/user.js';
import { applyForSeat, inviteToSeat, respondToRequest } from '../../../src/rules/requests.js';
import {
  createSeats,
  emptySeat,
  firstFreeSeat,
  hostSeatOf,
  isValidSeatCount,
  kickFromSeat,
  leaveSeat,
  lockSeat,
  lockSeatAudio,
  moveSeat,
  seatOf,
  setSelfMute,
  takeSeat,
} from '../../../src/rules/seats.js';
import {
  admin,
  admin2,
  alice,
  as,
  bob,
  carol,
  deepFreeze,
  expectNoop,
  expectOk,
  expectRejected,
  NOW,
  occupants,
  owner,
  roomWith,
  seatAt,
  system,
  setup,
} from './fixtures.js';
import { mapGet } from '../../../src/rules/persistent-map.js';

/** A seat as the rules build it. */
function seat(index: number, user: UserInfo | null, patch: Partial<Seat> = {}): Seat {
  return { index, user, locked: false, audioLocked: false, selfMuted: false, ...patch };
}

/** Applies setup rules (each must succeed) and freezes the result. */
describe('seat helpers', () => {
  it('createSeats makes empty, unlocked, 0-based seats', () => {
    assert.deepEqual(createSeats(3), [seat(0, null), seat(1, null), seat(2, null)]);
    assert.deepEqual(emptySeat(4, true, true), seat(4, null, { locked: true, audioLocked: true }));
  });

  for (const row of [
    { count: 0, valid: false },
    { count: 1, valid: true },
    { count: 10, valid: true },
    { count: 20, valid: true },
    { count: 21, valid: false },
    { count: 2.5, valid: false },
    { count: '10', valid: false },
    { count: Number.NaN, valid: false },
  ]) {
    it(`isValidSeatCount(${String(row.count)}) is ${row.valid}`, () =>
      assert.equal(isValidSeatCount(row.count), row.valid));
  }

  it('seatOf and firstFreeSeat skip occupied and locked seats', () => {
    const room = setup(roomWith({ seated: { 2: alice } }), (s) => lockSeat(s, as(owner), 1, true));
    assert.equal(seatOf(room, 'owner'), 0);
    assert.equal(seatOf(room, 'alice'), 2);
    assert.equal(seatOf(room, 'bob'), -1);
    assert.equal(firstFreeSeat(room), 3);
  });
});

describe('takeSeat', () => {
  const base = setup(roomWith({ members: [admin, alice, bob, carol], seated: { 2: bob } }), (s) =>
    lockSeat(s, as(owner), 4, true),
  );
  const full = roomWith({
    options: { seatCount: 3 },
    seated: { 1: alice, 2: bob },
    members: [admin, alice, bob, carol],
  });
  const fullWithLock = setup(roomWith({ options: { seatCount: 2 } }), (s) => lockSeat(s, as(owner), 1, true));

  for (const row of [
    {
      name: 'locked seat → SEAT_LOCKED (100200)',
      room: base,
      who: carol,
      index: 4 as number | null,
      code: ErrorCode.SEAT_LOCKED,
    },
    { name: 'occupied seat → SEAT_OCCUPIED (100201)', room: base, who: carol, index: 2, code: ErrorCode.SEAT_OCCUPIED },
    {
      name: 'index = seat count → SEAT_NOT_FOUND (-2344)',
      room: base,
      who: carol,
      index: 10,
      code: ErrorCode.SEAT_NOT_FOUND,
    },
    {
      name: 'negative index → SEAT_NOT_FOUND (-2344)',
      room: base,
      who: carol,
      index: -1,
      code: ErrorCode.SEAT_NOT_FOUND,
    },
    {
      name: 'fractional index → SEAT_NOT_FOUND (-2344)',
      room: base,
      who: carol,
      index: 1.5,
      code: ErrorCode.SEAT_NOT_FOUND,
    },
    {
      name: 'already seated → ALREADY_ON_SEAT (100203)',
      room: base,
      who: bob,
      index: 3,
      code: ErrorCode.ALREADY_ON_SEAT,
    },
    {
      name: 'already seated, even on a bad index → ALREADY_ON_SEAT',
      room: base,
      who: bob,
      index: 99,
      code: ErrorCode.ALREADY_ON_SEAT,
    },
    {
      name: 'all seats full, index null → SEATS_FULL (100205)',
      room: full,
      who: carol,
      index: null,
      code: ErrorCode.SEATS_FULL,
    },
    {
      name: 'only locked seats left, index null → SEATS_FULL',
      room: fullWithLock,
      who: alice,
      index: null,
      code: ErrorCode.SEATS_FULL,
    },
  ]) {
    it(row.name, () => expectRejected(row.room, (s) => takeSeat(s, as(row.who), row.index), row.code));
  }

  for (const row of [
    { name: 'a named free seat', index: 3 as number | null, expected: 3 },
    { name: 'index null takes the first free seat', index: null, expected: 1 },
  ]) {
    it(`takes ${row.name}`, () => {
      const { state, events } = expectOk(takeSeat(base, as(carol), row.index));
      assert.deepEqual(events, [{ type: 'seats.updated', seats: [seat(row.expected, carol)] }]);
      assert.deepEqual(seatAt(state, row.expected), seat(row.expected, carol));
      assert.equal(seatOf(state, 'carol'), row.expected);
    });
  }

  it("a take ends the taker's pending application and invitation (cancelled by the taker)", () => {
    const room = setup(
      roomWith(),
      (s) => applyForSeat(s, as(alice), null, 60, NOW),
      (s) => inviteToSeat(s, as(admin), 'alice', 5, 60, NOW),
    );
    const [application, invitation] = room.requests;
    const { state, events } = expectOk(takeSeat(room, as(alice), 3));
    assert.deepEqual(events, [
      { type: 'seats.updated', seats: [seat(3, alice)] },
      { type: 'request.updated', request: { ...application!, status: 'cancelled', responderId: 'alice' } },
      { type: 'request.updated', request: { ...invitation!, status: 'cancelled', responderId: 'alice' } },
    ]);
    assert.deepEqual(state.requests, []);
  });
});

describe('leaveSeat', () => {
  it('not seated → NOT_ON_SEAT (100206)', () =>
    expectRejected(roomWith(), (s) => leaveSeat(s, as(alice)), ErrorCode.NOT_ON_SEAT));

  it('frees the seat; the seat keeps its audio lock, the self-mute leaves with the person', () => {
    const room = setup(
      roomWith({ seated: { 3: alice } }),
      (s) => setSelfMute(s, as(alice), true),
      (s) => lockSeatAudio(s, as(owner), 3, true),
    );
    const { state, events } = expectOk(leaveSeat(room, as(alice)));
    const freed = seat(3, null, { audioLocked: true });
    assert.deepEqual(events, [{ type: 'seats.updated', seats: [freed] }]);
    assert.deepEqual(seatAt(state, 3), freed);
  });

  it('the owner may leave the seat (only the room is theirs to keep)', () => {
    const { events } = expectOk(leaveSeat(roomWith(), as(owner)));
    assert.deepEqual(events, [{ type: 'seats.updated', seats: [seat(0, null)] }]);
  });
});

describe('moveSeat', () => {
  // alice on 1 (self-muted), bob on 2 (seat 2 audio-locked), seat 3 audio-locked and empty, seat 4 locked.
  const room = setup(
    roomWith({ members: [admin, alice, bob, carol], seated: { 1: alice, 2: bob } }),
    (s) => setSelfMute(s, as(alice), true),
    (s) => lockSeatAudio(s, as(owner), 2, true),
    (s) => lockSeatAudio(s, as(owner), 3, true),
    (s) => lockSeat(s, as(owner), 4, true),
  );

  for (const row of [
    {
      name: 'not seated → NOT_ON_SEAT (100206)',
      who: carol,
      index: 3,
      policy: 'abort' as const,
      code: ErrorCode.NOT_ON_SEAT,
    },
    {
      name: 'nonexistent seat → SEAT_NOT_FOUND (-2344)',
      who: alice,
      index: 10,
      policy: 'abort' as const,
      code: ErrorCode.SEAT_NOT_FOUND,
    },
    {
      name: 'locked seat → SEAT_LOCKED (100200)',
      who: alice,
      index: 4,
      policy: 'abort' as const,
      code: ErrorCode.SEAT_LOCKED,
    },
    {
      name: 'locked seat, even with swap → SEAT_LOCKED',
      who: alice,
      index: 4,
      policy: 'swap' as const,
      code: ErrorCode.SEAT_LOCKED,
    },
    {
      name: 'occupied seat with abort → SEAT_OCCUPIED (100201)',
      who: alice,
      index: 2,
      policy: 'abort' as const,
      code: ErrorCode.SEAT_OCCUPIED,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => moveSeat(s, as(row.who), row.index, row.policy), row.code));
  }

  it('the default policy is abort', () =>
    expectRejected(room, (s) => moveSeat(s, as(alice), 2), ErrorCode.SEAT_OCCUPIED));

  it("moving onto one's own seat is a no-op", () => expectNoop(room, moveSeat(room, as(alice), 1)));

  it('to a free seat: the self-mute travels with the person, the audio lock stays with the seat', () => {
    const { state, events } = expectOk(moveSeat(room, as(alice), 3));
    const left = seat(1, null);
    const arrived = seat(3, alice, { selfMuted: true, audioLocked: true });
    assert.deepEqual(events, [{ type: 'seats.updated', seats: [left, arrived] }]);
    assert.deepEqual([seatAt(state, 1), seatAt(state, 3)], [left, arrived]);
  });

  it('swap by a manager: both people change seats, each keeps their self-mute, locks stay put', () => {
    const withAdmin = setup(
      room,
      (s) => takeSeat(s, as(admin), 5),
      (s) => setSelfMute(s, as(admin), true),
    );
    const { state, events } = expectOk(moveSeat(withAdmin, as(admin), 2, 'swap'));
    const five = seat(5, bob);
    const two = seat(2, admin, { selfMuted: true, audioLocked: true });
    assert.deepEqual(events, [{ type: 'seats.updated', seats: [five, two] }]);
    assert.deepEqual(occupants(state).slice(0, 6), ['owner', 'alice', 'admin', '', '', 'bob']);
    assert.deepEqual([seatAt(state, 5), seatAt(state, 2)], [five, two]);
  });
});

describe('moveSeat authority: who may move whom, the host seat, the seat audio lock', () => {
  // owner on the host seat 0; admin on 1, admin2 on 2, alice on 3, bob on 4 (seat 4 audio-locked), carol on 5;
  // seat 6 empty and audio-locked; seats 7-9 empty.
  const room = setup(
    roomWith({
      members: [admin, admin2, alice, bob, carol],
      admins: [admin, admin2],
      seated: { 1: admin, 2: admin2, 3: alice, 4: bob, 5: carol },
    }),
    (s) => lockSeatAudio(s, as(owner), 4, true),
    (s) => lockSeatAudio(s, as(owner), 6, true),
  );
  // The same cast in a room started without the owner on seat 0: no host seat.
  const noHost = setup(
    roomWith({ options: { keepOwnerOnSeat: false }, members: [admin, alice, bob], seated: { 1: admin, 2: alice } }),
    (s) => takeSeat(s, as(owner), 3),
  );

  it('a room started with its owner seated has seat 0 as host seat; one started without has none', () => {
    assert.equal(hostSeatOf(room), 0);
    assert.equal(hostSeatOf(noHost), -1);
  });

  for (const row of [
    // Members never move anyone else.
    { name: 'a member swaps onto the owner on the host seat', who: alice, index: 0, code: ErrorCode.PERMISSION_DENIED },
    { name: 'a member swaps onto an admin', who: alice, index: 1, code: ErrorCode.OWNER_OR_ADMIN_REQUIRED },
    { name: 'a member swaps onto another admin', who: carol, index: 2, code: ErrorCode.OWNER_OR_ADMIN_REQUIRED },
    { name: 'a member swaps onto another member', who: alice, index: 5, code: ErrorCode.OWNER_OR_ADMIN_REQUIRED },
    // Admins move members only: not the owner, not another admin.
    { name: 'an admin swaps onto the owner', who: admin, index: 0, code: ErrorCode.PERMISSION_DENIED },
    { name: 'an admin swaps onto another admin', who: admin, index: 2, code: ErrorCode.OWNER_REQUIRED },
    // The host seat is the owner's, even when empty or when the owner would hand it over by a swap.
    {
      name: 'the owner swaps off the host seat, putting a member on it',
      who: owner,
      index: 3,
      code: ErrorCode.PERMISSION_DENIED,
    },
    {
      name: 'the owner swaps off the host seat, putting an admin on it',
      who: owner,
      index: 1,
      code: ErrorCode.PERMISSION_DENIED,
    },
    // The seat audio lock holds a member in place: neither a move nor a swap lifts it.
    { name: 'an audio-locked member moves to a free seat', who: bob, index: 7, code: ErrorCode.SEAT_AUDIO_LOCKED },
    {
      name: 'an audio-locked member moves to another locked seat',
      who: bob,
      index: 6,
      code: ErrorCode.SEAT_AUDIO_LOCKED,
    },
    { name: 'an audio-locked member swaps with a member', who: bob, index: 5, code: ErrorCode.SEAT_AUDIO_LOCKED },
    { name: 'an audio-locked member swaps onto the owner', who: bob, index: 0, code: ErrorCode.SEAT_AUDIO_LOCKED },
  ]) {
    it(`${row.name} → ${row.code}`, () =>
      expectRejected(room, (s) => moveSeat(s, as(row.who), row.index, 'swap'), row.code));
  }

  it("an empty host seat is still the owner's: members and admins may not move onto it", () => {
    const ownerOff = setup(room, (s) => moveSeat(s, as(owner), 8));
    assert.equal(seatAt(ownerOff, 0).user, null);
    for (const who of [alice, carol, admin]) {
      for (const policy of ['abort', 'swap'] as const)
        expectRejected(ownerOff, (s) => moveSeat(s, as(who), 0, policy), ErrorCode.PERMISSION_DENIED);
    }
    const back = expectOk(moveSeat(ownerOff, as(owner), 0));
    assert.equal(seatAt(back.state, 0).user?.userId, 'owner');
  });

  for (const row of [
    { name: 'an admin swaps with a member', who: admin, index: 3, expected: ['owner', 'alice', 'admin2', 'admin'] },
    {
      name: 'an admin swaps with the audio-locked member (a manager may lift the lock anyway)',
      who: admin,
      index: 4,
      expected: ['owner', 'bob', 'admin2', 'alice', 'admin'],
    },
  ]) {
    it(`allowed: ${row.name}`, () => {
      const { state } = expectOk(moveSeat(room, as(row.who), row.index, 'swap'));
      assert.deepEqual(occupants(state).slice(0, row.expected.length), row.expected);
    });
  }

  it('allowed: the owner, off the host seat, swaps with an admin and with a member', () => {
    const ownerOff = setup(room, (s) => moveSeat(s, as(owner), 8));
    const withAdmin = expectOk(moveSeat(ownerOff, as(owner), 2, 'swap'));
    assert.deepEqual(
      [seatAt(withAdmin.state, 2).user?.userId, seatAt(withAdmin.state, 8).user?.userId],
      ['owner', 'admin2'],
    );
    const withMember = expectOk(moveSeat(ownerOff, as(owner), 5, 'swap'));
    assert.deepEqual(
      [seatAt(withMember.state, 5).user?.userId, seatAt(withMember.state, 8).user?.userId],
      ['owner', 'carol'],
    );
  });

  it('allowed: an audio-locked admin moves (a manager may lift the lock anyway); an unlocked member moves to a free seat', () => {
    const adminLocked = setup(room, (s) => lockSeatAudio(s, as(owner), 1, true));
    expectOk(moveSeat(adminLocked, as(admin), 7));
    expectOk(moveSeat(room, as(alice), 7));
    expectOk(moveSeat(room, as(alice), 6));
  });

  it("an empty host seat is the owner's by every path: take, apply, invite, approval, the first free seat", () => {
    const ownerOff = setup(
      room,
      (s) => moveSeat(s, as(owner), 8),
      (s) => leaveSeat(s, as(carol)),
    );
    assert.equal(seatAt(ownerOff, 0).user, null);
    for (const who of [carol, admin2]) {
      const seated = who === admin2 ? setup(ownerOff, (s) => leaveSeat(s, as(admin2))) : ownerOff;
      expectRejected(seated, (s) => takeSeat(s, as(who), 0), ErrorCode.PERMISSION_DENIED);
    }
    expectRejected(ownerOff, (s) => applyForSeat(s, as(carol), 0, 60, NOW), ErrorCode.PERMISSION_DENIED);
    expectRejected(ownerOff, (s) => inviteToSeat(s, as(owner), 'carol', 0, 60, NOW), ErrorCode.PERMISSION_DENIED);
    expectRejected(ownerOff, (s) => inviteToSeat(s, as(admin), 'carol', 0, 60, NOW), ErrorCode.PERMISSION_DENIED);
    // No seat asked for: the first free seat is never the host seat for anyone but the owner.
    assert.equal(firstFreeSeat(ownerOff, 'carol'), 5);
    assert.equal(firstFreeSeat(ownerOff, 'owner'), 0);
    const taken = expectOk(takeSeat(ownerOff, as(carol), null));
    assert.equal(seatOf(taken.state, 'carol'), 5);
    // An application for "any seat" approved while only the host seat and locked seats are free stays pending.
    const applied = setup(ownerOff, (s) => applyForSeat(s, as(carol), null, 60, NOW));
    const full = setup(applied, ...[5, 6, 7, 9].map((i) => (s: RoomState) => lockSeat(s, as(owner), i, true)));
    const requestId = full.requests[0]!.requestId;
    expectRejected(full, (s) => respondToRequest(s, as(owner), requestId, true), ErrorCode.SEATS_FULL);
    // The owner comes back to it.
    assert.equal(seatAt(expectOk(moveSeat(full, as(owner), 0)).state, 0).user?.userId, 'owner');
  });

  it('without a host seat, seat 0 is an ordinary seat', () => {
    const { state } = expectOk(moveSeat(noHost, as(alice), 0));
    assert.equal(seatAt(state, 0).user?.userId, 'alice');
    const swapped = expectOk(moveSeat(noHost, as(owner), 1, 'swap'));
    assert.deepEqual(occupants(swapped.state).slice(0, 4), ['', 'owner', 'alice', 'admin']);
  });
});

describe('kickFromSeat', () => {
  const room = roomWith({
    members: [admin, admin2, alice, bob],
    admins: [admin, admin2],
    seated: { 1: admin, 2: admin2, 3: alice },
  });

  for (const row of [
    {
      name: 'a member → OWNER_OR_ADMIN_REQUIRED (-2301)',
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
      name: 'a member on self → CANNOT_TARGET_SELF (-2906)',
      actor: as(alice),
      target: 'alice',
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
    {
      name: 'the system on the owner → PERMISSION_DENIED (100006)',
      actor: system,
      target: 'owner',
      code: ErrorCode.PERMISSION_DENIED,
    },
    { name: 'an unseated target → NOT_ON_SEAT (100206)', actor: as(owner), target: 'bob', code: ErrorCode.NOT_ON_SEAT },
  ]) {
    it(row.name, () => expectRejected(room, (s) => kickFromSeat(s, row.actor, row.target), row.code));
  }

  for (const row of [
    { name: 'the owner kicks a member', actor: as(owner), target: alice, index: 3 },
    { name: 'an admin kicks a member', actor: as(admin), target: alice, index: 3 },
    { name: 'the owner kicks an admin', actor: as(owner), target: admin2, index: 2 },
    { name: 'the system kicks an admin', actor: system, target: admin, index: 1 },
  ]) {
    it(`${row.name}: seat freed, then seat.kicked`, () => {
      const { state, events } = expectOk(kickFromSeat(room, row.actor, row.target.userId));
      assert.deepEqual(events, [
        { type: 'seats.updated', seats: [seat(row.index, null)] },
        { type: 'seat.kicked', userId: row.target.userId, index: row.index, by: row.actor.user.userId },
      ]);
      assert.equal(seatOf(state, row.target.userId), -1);
      assert.ok(mapGet(state.members, row.target.userId), 'a seat kick keeps the user in the room');
    });
  }
});

describe('lockSeat', () => {
  const room = setup(
    roomWith({
      members: [admin, admin2, alice, bob],
      admins: [admin, admin2],
      seated: { 1: admin, 2: admin2, 3: alice },
    }),
    (s) => lockSeat(s, as(owner), 5, true),
  );

  for (const row of [
    {
      name: 'a member → OWNER_OR_ADMIN_REQUIRED (-2301)',
      actor: as(bob),
      index: 4,
      locked: true,
      code: ErrorCode.OWNER_OR_ADMIN_REQUIRED,
    },
    {
      name: 'nonexistent seat → SEAT_NOT_FOUND (-2344)',
      actor: as(owner),
      index: 10,
      locked: true,
      code: ErrorCode.SEAT_NOT_FOUND,
    },
    {
      name: "an admin locking the owner's seat → PERMISSION_DENIED (100006)",
      actor: as(admin),
      index: 0,
      locked: true,
      code: ErrorCode.PERMISSION_DENIED,
    },
    {
      name: "an admin locking another admin's seat → OWNER_REQUIRED (-2300)",
      actor: as(admin),
      index: 2,
      locked: true,
      code: ErrorCode.OWNER_REQUIRED,
    },
    {
      name: 'the owner locking the seat they sit on → CANNOT_TARGET_SELF (-2906)',
      actor: as(owner),
      index: 0,
      locked: true,
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => lockSeat(s, row.actor, row.index, row.locked), row.code));
  }

  for (const row of [
    { name: 'locking a locked seat', index: 5, locked: true },
    { name: 'unlocking an unlocked seat', index: 4, locked: false },
  ]) {
    it(`${row.name} is a no-op`, () => expectNoop(room, lockSeat(room, as(owner), row.index, row.locked)));
  }

  for (const row of [
    { name: 'the owner locks an empty seat', actor: as(owner), index: 4, locked: true },
    { name: 'an admin locks an empty seat', actor: as(admin), index: 6, locked: true },
    { name: 'an admin unlocks a locked seat', actor: as(admin), index: 5, locked: false },
  ]) {
    it(row.name, () => {
      const { state, events } = expectOk(lockSeat(room, row.actor, row.index, row.locked));
      assert.deepEqual(events, [{ type: 'seats.updated', seats: [seat(row.index, null, { locked: row.locked })] }]);
      assert.equal(seatAt(state, row.index).locked, row.locked);
    });
  }

  for (const row of [
    { name: "the owner locks an admin's seat", actor: as(owner), index: 2, occupant: 'admin2' },
    { name: "an admin locks a member's seat", actor: as(admin), index: 3, occupant: 'alice' },
  ]) {
    it(`${row.name}: the occupant is kicked first (seats.updated + seat.kicked + seats.updated)`, () => {
      const { state, events } = expectOk(lockSeat(room, row.actor, row.index, true));
      assert.deepEqual(events, [
        { type: 'seats.updated', seats: [seat(row.index, null)] },
        { type: 'seat.kicked', userId: row.occupant, index: row.index, by: row.actor.user.userId },
        { type: 'seats.updated', seats: [seat(row.index, null, { locked: true })] },
      ]);
      assert.deepEqual(seatAt(state, row.index), seat(row.index, null, { locked: true }));
      assert.equal(seatOf(state, row.occupant), -1);
    });
  }

  it('a locked seat keeps its audio lock and cannot be taken', () => {
    const audio = setup(room, (s) => lockSeatAudio(s, as(owner), 3, true));
    const { state } = expectOk(lockSeat(audio, as(owner), 3, true));
    assert.deepEqual(seatAt(state, 3), seat(3, null, { locked: true, audioLocked: true }));
    expectRejected(deepFreeze(state), (s) => takeSeat(s, as(bob), 3), ErrorCode.SEAT_LOCKED);
  });
});

describe('lockSeatAudio and setSelfMute', () => {
  const room = roomWith({
    members: [admin, admin2, alice, bob],
    admins: [admin, admin2],
    seated: { 1: admin, 2: admin2, 3: alice },
  });

  for (const row of [
    {
      name: 'a member → OWNER_OR_ADMIN_REQUIRED (-2301)',
      actor: as(bob),
      index: 3,
      code: ErrorCode.OWNER_OR_ADMIN_REQUIRED,
    },
    {
      name: 'a member on their own seat → OWNER_OR_ADMIN_REQUIRED (-2301)',
      actor: as(alice),
      index: 3,
      code: ErrorCode.OWNER_OR_ADMIN_REQUIRED,
    },
    { name: 'nonexistent seat → SEAT_NOT_FOUND (-2344)', actor: as(owner), index: -1, code: ErrorCode.SEAT_NOT_FOUND },
    {
      name: "an admin on the owner's seat → PERMISSION_DENIED (100006)",
      actor: as(admin),
      index: 0,
      code: ErrorCode.PERMISSION_DENIED,
    },
    {
      name: "an admin on another admin's seat → OWNER_REQUIRED (-2300)",
      actor: as(admin),
      index: 2,
      code: ErrorCode.OWNER_REQUIRED,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => lockSeatAudio(s, row.actor, row.index, true), row.code));
  }

  for (const row of [
    { name: "the owner locks a member's mic", actor: as(owner), index: 3, occupant: alice as UserInfo | null },
    { name: "the owner locks an admin's mic", actor: as(owner), index: 2, occupant: admin2 as UserInfo | null },
    { name: "an admin locks a member's mic", actor: as(admin), index: 3, occupant: alice as UserInfo | null },
    { name: 'an admin locks their own mic', actor: as(admin), index: 1, occupant: admin as UserInfo | null },
    { name: 'an admin locks an empty seat', actor: as(admin), index: 7, occupant: null },
  ]) {
    it(row.name, () => {
      const { state, events } = expectOk(lockSeatAudio(room, row.actor, row.index, true));
      assert.deepEqual(events, [
        { type: 'seats.updated', seats: [seat(row.index, row.occupant, { audioLocked: true })] },
      ]);
      assert.equal(seatAt(state, row.index).audioLocked, true);
      assert.equal(seatAt(state, row.index).selfMuted, false, 'the audio lock is not a self-mute');
    });
  }

  it('repeating the audio lock is a no-op, and so is unlocking an unlocked seat', () => {
    const locked = setup(room, (s) => lockSeatAudio(s, as(owner), 3, true));
    expectNoop(locked, lockSeatAudio(locked, as(owner), 3, true));
    expectNoop(room, lockSeatAudio(room, as(owner), 3, false));
  });

  it('self-mute when not seated → NOT_ON_SEAT (100206)', () =>
    expectRejected(room, (s) => setSelfMute(s, as(bob), true), ErrorCode.NOT_ON_SEAT));

  it('self-mute and unmute toggle only selfMuted; repeating is a no-op', () => {
    const muted = expectOk(setSelfMute(room, as(alice), true));
    assert.deepEqual(muted.events, [{ type: 'seats.updated', seats: [seat(3, alice, { selfMuted: true })] }]);
    const frozen = deepFreeze(muted.state);
    expectNoop(frozen, setSelfMute(frozen, as(alice), true));
    const unmuted = expectOk(setSelfMute(frozen, as(alice), false));
    assert.deepEqual(unmuted.events, [{ type: 'seats.updated', seats: [seat(3, alice)] }]);
  });

  it('audio lock then self-unmute → SEAT_AUDIO_LOCKED (-2360), even when not self-muted; self-mute still works', () => {
    const locked = setup(
      room,
      (s) => setSelfMute(s, as(alice), true),
      (s) => lockSeatAudio(s, as(admin), 3, true),
    );
    expectRejected(locked, (s) => setSelfMute(s, as(alice), false), ErrorCode.SEAT_AUDIO_LOCKED);
    const lockedUnmuted = setup(room, (s) => lockSeatAudio(s, as(admin), 3, true));
    expectRejected(lockedUnmuted, (s) => setSelfMute(s, as(alice), false), ErrorCode.SEAT_AUDIO_LOCKED);
    const { events } = expectOk(setSelfMute(lockedUnmuted, as(alice), true));
    assert.deepEqual(events, [
      { type: 'seats.updated', seats: [seat(3, alice, { audioLocked: true, selfMuted: true })] },
    ]);
  });

  it('after the audio lock is lifted the occupant may unmute again', () => {
    const lifted = setup(
      room,
      (s) => setSelfMute(s, as(alice), true),
      (s) => lockSeatAudio(s, as(owner), 3, true),
      (s) => lockSeatAudio(s, as(owner), 3, false),
    );
    const { events } = expectOk(setSelfMute(lifted, as(alice), false));
    assert.deepEqual(events, [{ type: 'seats.updated', seats: [seat(3, alice)] }]);
  });

  it("a new occupant does not inherit the previous occupant's self-mute", () => {
    const left = setup(
      room,
      (s) => setSelfMute(s, as(alice), true),
      (s) => leaveSeat(s, as(alice)),
    );
    const { state } = expectOk(takeSeat(left, as(bob), 3));
    assert.deepEqual(seatAt(state, 3), seat(3, bob));
  });
});
