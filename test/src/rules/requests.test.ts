import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/model/errors.js';
import type { RequestStatus, SeatRequest } from '../../../src/model/request.js';
import type { RoomState } from '../../../src/model/room.js';
import type { UserInfo } from '../../../src/model/user.js';
import {
  applicationQueue,
  applyForSeat,
  cancelRequest,
  expireRequests,
  inviteToSeat,
  pendingApplications,
  requestStatusFor,
  respondToAll,
  respondToRequest,
} from '../../../src/rules/requests.js';
import { lockSeat, seatOf, takeSeat } from '../../../src/rules/seats.js';
import {
  admin,
  admin2,
  alice,
  as,
  bob,
  carol,
  dave,
  deepFreeze,
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
  setup,
} from './fixtures.js';
import { mapGet } from '../../../src/rules/persistent-map.js';

function request(n: number, patch: Partial<SeatRequest> & Pick<SeatRequest, 'type' | 'from'>): SeatRequest {
  return {
    requestId: `${ROOM_ID}-r${n}`,
    to: null,
    seatIndex: null,
    status: 'pending',
    createdAt: NOW,
    expiresAt: NOW + 60_000,
    responderId: null,
    ...patch,
  };
}

const members = [admin, admin2, alice, bob, carol, dave];
const base = roomWith({ members, admins: [admin, admin2], seated: { 2: bob } });
const locked = setup(base, (s) => lockSeat(s, as(owner), 4, true));

describe('applyForSeat', () => {
  const applied = setup(locked, (s) => applyForSeat(s, as(alice), null, 60, NOW));

  for (const row of [
    {
      name: 'negative timeout → INVALID_PARAMETER (-1001)',
      room: locked,
      who: alice,
      index: null as number | null,
      timeout: -1,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'fractional timeout → INVALID_PARAMETER',
      room: locked,
      who: alice,
      index: null,
      timeout: 1.5,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'timeout over a day → INVALID_PARAMETER',
      room: locked,
      who: alice,
      index: null,
      timeout: 86_401,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'already seated → ALREADY_ON_SEAT (100203)',
      room: locked,
      who: bob,
      index: null,
      timeout: 60,
      code: ErrorCode.ALREADY_ON_SEAT,
    },
    {
      name: 'apply twice → ALREADY_QUEUED (100202)',
      room: applied,
      who: alice,
      index: 5,
      timeout: 60,
      code: ErrorCode.ALREADY_QUEUED,
    },
    {
      name: 'a locked seat → SEAT_LOCKED (100200)',
      room: locked,
      who: alice,
      index: 4,
      timeout: 60,
      code: ErrorCode.SEAT_LOCKED,
    },
    {
      name: 'an occupied seat → SEAT_OCCUPIED (100201)',
      room: locked,
      who: alice,
      index: 2,
      timeout: 60,
      code: ErrorCode.SEAT_OCCUPIED,
    },
    {
      name: 'a nonexistent seat → SEAT_NOT_FOUND (-2344)',
      room: locked,
      who: alice,
      index: 10,
      timeout: 60,
      code: ErrorCode.SEAT_NOT_FOUND,
    },
  ]) {
    it(row.name, () =>
      expectRejected(row.room, (s) => applyForSeat(s, as(row.who), row.index, row.timeout, NOW), row.code),
    );
  }

  for (const row of [
    {
      name: 'any seat, default timeout',
      index: null as number | null,
      timeout: 60,
      expiresAt: (NOW + 60_000) as number | null,
    },
    { name: 'a named seat', index: 5, timeout: 60, expiresAt: NOW + 60_000 },
    { name: 'no timeout (0)', index: null, timeout: 0, expiresAt: null },
    { name: 'the longest timeout (a day)', index: null, timeout: 86_400, expiresAt: NOW + 86_400_000 },
  ]) {
    it(`queues an application: ${row.name}`, () => {
      const { state, events } = expectOk(applyForSeat(locked, as(alice), row.index, row.timeout, NOW));
      const expected = request(1, { type: 'apply', from: alice, seatIndex: row.index, expiresAt: row.expiresAt });
      assert.deepEqual(events, [{ type: 'request.updated', request: expected }]);
      assert.deepEqual(state.requests, [expected]);
      assert.equal(state.requestSeq, 1);
      assert.equal(seatOf(state, 'alice'), -1, 'an application seats nobody');
    });
  }

  it('several users queue in arrival order with increasing IDs', () => {
    const room = setup(
      locked,
      (s) => applyForSeat(s, as(alice), null, 60, NOW),
      (s) => applyForSeat(s, as(carol), 5, 60, NOW + 1),
    );
    assert.deepEqual(
      room.requests.map((r) => [r.requestId, r.from.userId]),
      [
        [`${ROOM_ID}-r1`, 'alice'],
        [`${ROOM_ID}-r2`, 'carol'],
      ],
    );
    assert.deepEqual(
      pendingApplications(room).map((r) => r.from.userId),
      ['alice', 'carol'],
    );
  });

  it('an application while all seats are full is queued (it waits for a seat)', () => {
    const full = roomWith({ options: { seatCount: 2 }, seated: { 1: bob } });
    const { events } = expectOk(applyForSeat(full, as(alice), null, 60, NOW));
    assert.equal(events.length, 1);
  });
});

describe('inviteToSeat', () => {
  const invited = setup(locked, (s) => inviteToSeat(s, as(admin), 'alice', null, 60, NOW));

  for (const row of [
    {
      name: 'by a member → OWNER_OR_ADMIN_REQUIRED (-2301)',
      room: locked,
      actor: alice,
      target: 'carol',
      index: null as number | null,
      timeout: 60,
      code: ErrorCode.OWNER_OR_ADMIN_REQUIRED,
    },
    {
      name: 'bad timeout → INVALID_PARAMETER (-1001)',
      room: locked,
      actor: admin,
      target: 'alice',
      index: null,
      timeout: -5,
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'oneself → CANNOT_TARGET_SELF (-2906)',
      room: locked,
      actor: admin,
      target: 'admin',
      index: null,
      timeout: 60,
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
    {
      name: 'a non-member → NOT_A_MEMBER (100005)',
      room: locked,
      actor: owner,
      target: 'stranger',
      index: null,
      timeout: 60,
      code: ErrorCode.NOT_A_MEMBER,
    },
    {
      name: 'a seated member → ALREADY_ON_SEAT (100203)',
      room: locked,
      actor: owner,
      target: 'bob',
      index: null,
      timeout: 60,
      code: ErrorCode.ALREADY_ON_SEAT,
    },
    {
      name: 'a duplicate (same inviter) → REQUEST_DUPLICATE (-2312)',
      room: invited,
      actor: admin,
      target: 'alice',
      index: 5,
      timeout: 60,
      code: ErrorCode.REQUEST_DUPLICATE,
    },
    {
      name: 'a duplicate (another admin) → REQUEST_DUPLICATE (-2312)',
      room: invited,
      actor: admin2,
      target: 'alice',
      index: null,
      timeout: 60,
      code: ErrorCode.REQUEST_DUPLICATE,
    },
    {
      name: 'to a locked seat → SEAT_LOCKED (100200)',
      room: locked,
      actor: owner,
      target: 'alice',
      index: 4,
      timeout: 60,
      code: ErrorCode.SEAT_LOCKED,
    },
    {
      name: 'to an occupied seat → SEAT_OCCUPIED (100201)',
      room: locked,
      actor: owner,
      target: 'alice',
      index: 2,
      timeout: 60,
      code: ErrorCode.SEAT_OCCUPIED,
    },
    {
      name: 'to a nonexistent seat → SEAT_NOT_FOUND (-2344)',
      room: locked,
      actor: owner,
      target: 'alice',
      index: 99,
      timeout: 60,
      code: ErrorCode.SEAT_NOT_FOUND,
    },
  ]) {
    it(row.name, () =>
      expectRejected(
        row.room,
        (s) => inviteToSeat(s, as(row.actor), row.target, row.index, row.timeout, NOW),
        row.code,
      ),
    );
  }

  it('queues an invitation from the inviter to the invitee', () => {
    const { state, events } = expectOk(inviteToSeat(locked, as(admin), 'alice', 6, 0, NOW));
    const expected = request(1, { type: 'invite', from: admin, to: alice, seatIndex: 6, expiresAt: null });
    assert.deepEqual(events, [{ type: 'request.updated', request: expected }]);
    assert.deepEqual(state.requests, [expected]);
  });

  it('an invitation and an application for the same user may coexist', () => {
    const room = setup(locked, (s) => applyForSeat(s, as(alice), null, 60, NOW));
    expectOk(inviteToSeat(room, as(owner), 'alice', null, 60, NOW));
  });
});

describe('respondToRequest', () => {
  // r1: alice applies for seat 5; r2: admin invites carol to seat 6.
  const room = setup(
    locked,
    (s) => applyForSeat(s, as(alice), 5, 60, NOW),
    (s) => inviteToSeat(s, as(admin), 'carol', 6, 60, NOW),
  );
  const [application, invitation] = room.requests as [SeatRequest, SeatRequest];
  const handled = setup(room, (s) => respondToRequest(s, as(admin), application.requestId, false));

  for (const row of [
    {
      name: 'an unknown ID → REQUEST_INVALID (-2311)',
      room,
      actor: admin,
      id: 'nope',
      accept: true,
      code: ErrorCode.REQUEST_INVALID,
    },
    {
      name: 'an already handled ID → REQUEST_INVALID (-2311)',
      room: handled,
      actor: admin2,
      id: application.requestId,
      accept: true,
      code: ErrorCode.REQUEST_INVALID,
    },
    {
      name: 'a member answering an application → REQUEST_NO_PERMISSION (-2310)',
      room,
      actor: dave,
      id: application.requestId,
      accept: true,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
    {
      name: 'the applicant answering their own application → REQUEST_NO_PERMISSION',
      room,
      actor: alice,
      id: application.requestId,
      accept: true,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
    {
      name: 'the inviter answering their own invitation → REQUEST_NO_PERMISSION',
      room,
      actor: admin,
      id: invitation.requestId,
      accept: true,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
    {
      name: "the owner answering someone else's invitation → REQUEST_NO_PERMISSION",
      room,
      actor: owner,
      id: invitation.requestId,
      accept: false,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
    {
      name: 'another member answering an invitation → REQUEST_NO_PERMISSION',
      room,
      actor: dave,
      id: invitation.requestId,
      accept: true,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
  ]) {
    it(row.name, () =>
      expectRejected(row.room, (s) => respondToRequest(s, as(row.actor), row.id, row.accept), row.code),
    );
  }

  for (const row of [
    { name: 'an admin accepts an application', actor: admin, req: application, subject: alice, seat: 5 },
    { name: 'the owner accepts an application', actor: owner, req: application, subject: alice, seat: 5 },
    { name: 'the invitee accepts an invitation', actor: carol, req: invitation, subject: carol, seat: 6 },
  ]) {
    it(`${row.name}: closed as accepted, then seated on the wanted seat`, () => {
      const { state, events } = expectOk(respondToRequest(room, as(row.actor), row.req.requestId, true));
      assert.deepEqual(events, [
        { type: 'request.updated', request: { ...row.req, status: 'accepted', responderId: row.actor.userId } },
        {
          type: 'seats.updated',
          seats: [{ index: row.seat, user: row.subject, locked: false, audioLocked: false, selfMuted: false }],
        },
      ]);
      assert.equal(seatOf(state, row.subject.userId), row.seat);
      assert.equal(
        state.requests.some((r) => r.requestId === row.req.requestId),
        false,
      );
    });
  }

  for (const row of [
    { name: 'an admin rejects an application', actor: admin, req: application },
    { name: 'the invitee rejects an invitation', actor: carol, req: invitation },
  ]) {
    it(`${row.name}: closed as rejected, nobody seated`, () => {
      const { state, events } = expectOk(respondToRequest(room, as(row.actor), row.req.requestId, false));
      assert.deepEqual(events, [
        { type: 'request.updated', request: { ...row.req, status: 'rejected', responderId: row.actor.userId } },
      ]);
      assert.deepEqual(occupants(state), occupants(room));
      assert.equal(state.requests.length, 1);
    });
  }

  for (const row of [
    { name: 'taken by someone else', change: (s: RoomState) => takeSeat(s, as(dave), 5) },
    { name: 'locked', change: (s: RoomState) => lockSeat(s, as(owner), 5, true) },
  ]) {
    it(`accepting when the wanted seat got ${row.name} seats the applicant on the first free seat`, () => {
      const changed = setup(room, row.change);
      const { state, events } = expectOk(respondToRequest(changed, as(admin), application.requestId, true));
      assert.deepEqual(events, [
        { type: 'request.updated', request: { ...application, status: 'accepted', responderId: 'admin' } },
        {
          type: 'seats.updated',
          seats: [{ index: 1, user: alice, locked: false, audioLocked: false, selfMuted: false }],
        },
      ]);
      assert.equal(seatOf(state, 'alice'), 1);
    });
  }

  it('accepting when every seat is full → SEATS_FULL (100205) and the request stays pending', () => {
    const full = roomWith({ options: { seatCount: 2 }, members, admins: [admin], seated: { 1: bob } });
    const pending = setup(full, (s) => applyForSeat(s, as(alice), null, 60, NOW));
    expectRejected(pending, (s) => respondToRequest(s, as(admin), `${ROOM_ID}-r1`, true), ErrorCode.SEATS_FULL);
    assert.equal(pending.requests[0]!.status, 'pending');
    // A rejection still works on a full room.
    expectOk(respondToRequest(pending, as(admin), `${ROOM_ID}-r1`, false));
  });

  it('accepting an application also cancels a pending invitation to the same user', () => {
    const both = setup(
      locked,
      (s) => applyForSeat(s, as(alice), null, 60, NOW),
      (s) => inviteToSeat(s, as(owner), 'alice', 7, 60, NOW),
    );
    const [app, inv] = both.requests as [SeatRequest, SeatRequest];
    const { state, events } = expectOk(respondToRequest(both, as(admin), app.requestId, true));
    assert.deepEqual(events, [
      { type: 'request.updated', request: { ...app, status: 'accepted', responderId: 'admin' } },
      {
        type: 'seats.updated',
        seats: [{ index: 1, user: alice, locked: false, audioLocked: false, selfMuted: false }],
      },
      { type: 'request.updated', request: { ...inv, status: 'cancelled', responderId: 'alice' } },
    ]);
    assert.deepEqual(state.requests, []);
  });
});

describe('cancelRequest', () => {
  const room = setup(
    locked,
    (s) => applyForSeat(s, as(alice), null, 60, NOW),
    (s) => inviteToSeat(s, as(admin), 'carol', null, 60, NOW),
  );
  const [application, invitation] = room.requests as [SeatRequest, SeatRequest];

  for (const row of [
    {
      name: 'an unknown ID → REQUEST_INVALID (-2311)',
      actor: alice,
      id: `${ROOM_ID}-r99`,
      code: ErrorCode.REQUEST_INVALID,
    },
    {
      name: "an admin withdrawing a member's application → REQUEST_NO_PERMISSION (-2310)",
      actor: admin,
      id: application.requestId,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
    {
      name: 'another member withdrawing an application → REQUEST_NO_PERMISSION',
      actor: dave,
      id: application.requestId,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
    {
      name: 'the invitee withdrawing an invitation → REQUEST_NO_PERMISSION (they reject instead)',
      actor: carol,
      id: invitation.requestId,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
    {
      name: 'a member withdrawing an invitation → REQUEST_NO_PERMISSION',
      actor: dave,
      id: invitation.requestId,
      code: ErrorCode.REQUEST_NO_PERMISSION,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => cancelRequest(s, as(row.actor), row.id), row.code));
  }

  for (const row of [
    { name: 'the applicant withdraws their application', actor: alice, req: application },
    { name: 'the inviter withdraws the invitation', actor: admin, req: invitation },
    { name: 'another admin withdraws the invitation', actor: admin2, req: invitation },
    { name: 'the owner withdraws the invitation', actor: owner, req: invitation },
  ]) {
    it(row.name, () => {
      const { state, events } = expectOk(cancelRequest(room, as(row.actor), row.req.requestId));
      assert.deepEqual(events, [
        { type: 'request.updated', request: { ...row.req, status: 'cancelled', responderId: row.actor.userId } },
      ]);
      assert.equal(state.requests.length, 1);
      expectError(cancelRequest(deepFreeze(state), as(row.actor), row.req.requestId), ErrorCode.REQUEST_INVALID);
    });
  }
});

describe('respondToAll', () => {
  // 4 seats: owner on 0, seat 1 free, seat 2 free, seat 3 locked. Three applications and one invitation.
  const room = setup(
    roomWith({ options: { seatCount: 4 }, members, admins: [admin] }),
    (s) => lockSeat(s, as(owner), 3, true),
    (s) => applyForSeat(s, as(alice), null, 60, NOW),
    (s) => inviteToSeat(s, as(owner), 'dave', null, 60, NOW),
    (s) => applyForSeat(s, as(bob), 2, 60, NOW + 1),
    (s) => applyForSeat(s, as(carol), null, 60, NOW + 2),
  );
  const [a, invite, b, c] = room.requests as [SeatRequest, SeatRequest, SeatRequest, SeatRequest];

  it('a member → OWNER_OR_ADMIN_REQUIRED (-2301)', () =>
    expectRejected(room, (s) => respondToAll(s, as(alice), true), ErrorCode.OWNER_OR_ADMIN_REQUIRED));

  it('admit all seats applicants in arrival order, stops at full seats and leaves the rest (and invitations) queued', () => {
    const result = respondToAll(room, as(admin), true);
    const { state, events } = expectOk(result);
    assert.equal(result.handled, 2);
    const seatOfUser = (index: number, user: UserInfo) => ({
      index,
      user,
      locked: false,
      audioLocked: false,
      selfMuted: false,
    });
    assert.deepEqual(events, [
      { type: 'request.updated', request: { ...a, status: 'accepted', responderId: 'admin' } },
      { type: 'seats.updated', seats: [seatOfUser(1, alice)] },
      { type: 'request.updated', request: { ...b, status: 'accepted', responderId: 'admin' } },
      { type: 'seats.updated', seats: [seatOfUser(2, bob)] },
    ]);
    assert.deepEqual(state.requests, [invite, c]);
    assert.deepEqual(occupants(state), ['owner', 'alice', 'bob', '']);
  });

  it('reject all rejects only applications; invitations stay', () => {
    const result = respondToAll(room, as(owner), false);
    const { state, events } = expectOk(result);
    assert.equal(result.handled, 3);
    assert.deepEqual(
      events,
      [a, b, c].map((r) => ({ type: 'request.updated', request: { ...r, status: 'rejected', responderId: 'owner' } })),
    );
    assert.deepEqual(state.requests, [invite]);
    assert.deepEqual(occupants(state), occupants(room));
  });

  for (const accept of [true, false]) {
    it(`with no applications (accept=${accept}) it is a no-op that handled 0`, () => {
      const empty = roomWith();
      const result = respondToAll(empty, as(owner), accept);
      expectNoop(empty, result);
      assert.equal(result.handled, 0);
    });
  }

  it('admit all on a full room handles nothing and changes nothing', () => {
    const full = setup(
      room,
      (s) => takeSeat(s, as(admin), 1),
      (s) => takeSeat(s, as(admin2), 2),
    );
    const result = respondToAll(full, as(owner), true);
    expectNoop(full, result);
    assert.equal(result.handled, 0);
  });
});

describe('expireRequests', () => {
  const room = setup(
    locked,
    (s) => applyForSeat(s, as(alice), null, 10, NOW),
    (s) => inviteToSeat(s, as(owner), 'carol', null, 20, NOW),
    (s) => applyForSeat(s, as(dave), null, 0, NOW),
  );
  const [a, invite, forever] = room.requests as [SeatRequest, SeatRequest, SeatRequest];

  it('nothing expires one millisecond before expiresAt', () => expectNoop(room, expireRequests(room, NOW + 9_999)));

  it('a request expires at exactly expiresAt, with status timeout and no responder', () => {
    const { state, events } = expectOk(expireRequests(room, NOW + 10_000));
    assert.deepEqual(events, [{ type: 'request.updated', request: { ...a, status: 'timeout', responderId: null } }]);
    assert.deepEqual(state.requests, [invite, forever]);
  });

  it('invitations time out too; a timeout of 0 never expires', () => {
    const { state, events } = expectOk(expireRequests(room, NOW + 10 * 365 * 86_400_000));
    assert.deepEqual(
      events,
      [a, invite].map((r) => ({ type: 'request.updated', request: { ...r, status: 'timeout', responderId: null } })),
    );
    assert.deepEqual(state.requests, [forever]);
    assert.equal(forever.expiresAt, null);
  });
});

describe('requestStatusFor', () => {
  const app = (status: RequestStatus, responderId: string | null): SeatRequest =>
    request(1, { type: 'apply', from: alice, status, responderId });
  const inv = (status: RequestStatus, responderId: string | null): SeatRequest =>
    request(2, { type: 'invite', from: admin, to: carol, status, responderId });

  for (const row of [
    {
      name: 'accepted application, seen by another manager',
      req: app('accepted', 'admin'),
      viewer: 'owner',
      manager: true,
      expected: 'handled-by-other',
    },
    {
      name: 'rejected application, seen by another manager',
      req: app('rejected', 'owner'),
      viewer: 'admin',
      manager: true,
      expected: 'handled-by-other',
    },
    {
      name: 'accepted application, seen by the manager who answered',
      req: app('accepted', 'admin'),
      viewer: 'admin',
      manager: true,
      expected: 'accepted',
    },
    {
      name: 'accepted application, seen by the applicant',
      req: app('accepted', 'admin'),
      viewer: 'alice',
      manager: false,
      expected: 'accepted',
    },
    {
      name: 'rejected application, seen by a bystander',
      req: app('rejected', 'admin'),
      viewer: 'bob',
      manager: false,
      expected: 'rejected',
    },
    {
      name: 'pending application, seen by a manager',
      req: app('pending', null),
      viewer: 'owner',
      manager: true,
      expected: 'pending',
    },
    {
      name: 'cancelled application, seen by a manager',
      req: app('cancelled', 'alice'),
      viewer: 'owner',
      manager: true,
      expected: 'cancelled',
    },
    {
      name: 'timed-out application, seen by a manager',
      req: app('timeout', null),
      viewer: 'owner',
      manager: true,
      expected: 'timeout',
    },
    {
      name: 'accepted invitation, seen by another manager',
      req: inv('accepted', 'carol'),
      viewer: 'owner',
      manager: true,
      expected: 'accepted',
    },
  ] as const) {
    it(`${row.name} → ${row.expected}`, () =>
      assert.equal(requestStatusFor(row.req, row.viewer, row.manager), row.expected));
  }
});

// The fixture cast, checked once so a typo in a member list cannot make every row above pass vacuously.
describe('request fixtures', () => {
  it('every test user except the stranger is a member', () => {
    for (const u of members) assert.ok(mapGet(base.members, u.userId), u.userId);
    assert.equal(mapGet(base.members, stranger.userId), undefined);
  });
});

describe('applicationQueue', () => {
  it('keeps the pending applications, oldest first, whatever order the list has', () => {
    const list: SeatRequest[] = [
      request(1, { type: 'apply', from: carol, createdAt: NOW + 20 }),
      request(2, { type: 'invite', from: owner, to: dave, createdAt: NOW }),
      request(3, { type: 'apply', from: alice, createdAt: NOW + 10 }),
      request(4, { type: 'apply', from: bob, createdAt: NOW, status: 'accepted' }),
      request(5, { type: 'apply', from: dave, createdAt: NOW + 30, status: 'timeout' }),
      request(6, { type: 'apply', from: admin, createdAt: NOW + 5 }),
    ];
    assert.deepEqual(
      applicationQueue(list).map((r) => r.from.userId),
      ['admin', 'alice', 'carol'],
    );
    assert.equal(list[0]!.from.userId, 'carol', 'the list itself is left as it was');
  });
});
