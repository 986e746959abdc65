import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommandOf, CommandResult, RoomCommand } from '../../../src/model/commands.js';
import { ErrorCode } from '../../../src/model/errors.js';
import type { SeatRequest } from '../../../src/model/request.js';
import type { RoomState } from '../../../src/model/room.js';
import { applyRoomCommand, isRoomCommand, ROOM_COMMANDS, type RoomCommandType } from '../../../src/rules/dispatch.js';
import type { Actor } from '../../../src/rules/permissions.js';
import { lockSeat } from '../../../src/rules/seats.js';
import {
  admin,
  alice,
  as,
  bob,
  carol,
  clone,
  deepFreeze,
  expectError,
  NOW,
  owner,
  ROOM_ID,
  roomWith,
  stranger,
  system,
  unwrapOk,
} from './fixtures.js';

type Cmd = CommandOf<RoomCommandType>;

/** Runs a command that must succeed; freezes the result for the next step. */
function run(room: RoomState, actor: Actor, command: Cmd, now = NOW) {
  const applied = applyRoomCommand(room, actor, command, now);
  if (!applied.ok) assert.fail(`${command.type} failed: ${applied.error.code} ${applied.error.message}`);
  return { state: deepFreeze(applied.state), events: applied.events, result: applied.result };
}

function rejected(room: RoomState, actor: Actor, command: Cmd, code: ErrorCode): void {
  const before = clone(room);
  expectError(applyRoomCommand(room, actor, command, NOW), code);
  assert.deepEqual(room, before);
}

const applyRoom = roomWith({ members: [admin, alice, bob, carol], options: { seatMode: 'apply' } });
const freeRoom = roomWith({ members: [admin, alice, bob, carol], options: { seatMode: 'free' } });

describe('applyRoomCommand: seat.take by mode and role', () => {
  for (const row of [
    { name: 'apply mode, a member: an application', room: applyRoom, who: alice, seated: false },
    { name: 'apply mode, an admin: seated at once', room: applyRoom, who: admin, seated: true },
    {
      name: 'apply mode, the owner (off seat): seated at once',
      room: roomWith({ options: { keepOwnerOnSeat: false } }),
      who: owner,
      seated: true,
    },
    { name: 'free mode, a member: seated at once', room: freeRoom, who: alice, seated: true },
  ]) {
    it(row.name, () => {
      const { state, events, result } = run(row.room, as(row.who), { type: 'seat.take', index: 4 });
      assert.equal(state.version, row.room.version + 1);
      if (row.seated) {
        assert.deepEqual(result, { seated: true, index: 4 });
        assert.deepEqual(events, [
          {
            type: 'seats.updated',
            seats: [{ index: 4, user: row.who, locked: false, audioLocked: false, selfMuted: false }],
          },
        ]);
        assert.deepEqual(state.requests, []);
      } else {
        const request: SeatRequest = {
          requestId: `${ROOM_ID}-r1`,
          type: 'apply',
          from: row.who,
          to: null,
          seatIndex: 4,
          status: 'pending',
          createdAt: NOW,
          expiresAt: NOW + 60_000,
          responderId: null,
        };
        assert.deepEqual(result, { seated: false, request });
        assert.deepEqual(events, [{ type: 'request.updated', request }]);
        assert.equal(state.seats[4]?.user, null);
      }
    });
  }

  it('seat.take with index null reports the seat actually taken', () => {
    const { result } = run(freeRoom, as(bob), { type: 'seat.take', index: null });
    assert.deepEqual(result, { seated: true, index: 1 });
  });

  it('an application honours timeoutSec (0 = none)', () => {
    const result = run(applyRoom, as(alice), { type: 'seat.take', index: null, timeoutSec: 0 })
      .result as CommandResult<'seat.take'>;
    assert.ok(!result.seated);
    assert.equal(result.request.expiresAt, null);
  });

  for (const row of [
    {
      name: 'a string index → INVALID_PARAMETER (-1001)',
      index: '3' as unknown as number,
      code: ErrorCode.INVALID_PARAMETER,
    },
    { name: 'a nonexistent seat → SEAT_NOT_FOUND (-2344)', index: 10, code: ErrorCode.SEAT_NOT_FOUND },
  ]) {
    it(row.name, () => rejected(freeRoom, as(alice), { type: 'seat.take', index: row.index }, row.code));
  }

  it('a second application → ALREADY_QUEUED (100202)', () => {
    const { state } = run(applyRoom, as(alice), { type: 'seat.take', index: null });
    rejected(state, as(alice), { type: 'seat.take', index: 3 }, ErrorCode.ALREADY_QUEUED);
  });
});

describe('applyRoomCommand: guards', () => {
  const ended = deepFreeze(run(applyRoom, as(owner), { type: 'room.end' }).state);
  const commands: Cmd[] = [
    { type: 'room.leave' },
    { type: 'room.end' },
    { type: 'room.update', patch: { name: 'x' } },
    { type: 'seat.take', index: null },
    { type: 'seat.leave' },
    { type: 'seat.move', index: 3 },
    { type: 'seat.kick', userId: 'alice' },
    { type: 'seat.lock', index: 3, locked: true },
    { type: 'seat.lockAudio', index: 3, locked: true },
    { type: 'seat.selfMute', muted: true },
    { type: 'request.invite', userId: 'alice', index: null },
    { type: 'request.respond', requestId: 'x', accept: true },
    { type: 'request.cancel', requestId: 'x' },
    { type: 'request.respondAll', accept: true },
    { type: 'barrage.send', text: 'hi' },
    { type: 'like.send', count: 1 },
    { type: 'member.mute', userId: 'alice', seconds: 5 },
    { type: 'member.kick', userId: 'alice' },
    { type: 'member.ban', userIds: ['alice'], seconds: 5 },
    { type: 'member.unban', userIds: ['alice'] },
    { type: 'admin.set', userId: 'alice', admin: true },
  ];

  it('the table covers every room command', () => {
    assert.deepEqual(commands.map((c) => c.type).sort(), [...ROOM_COMMANDS].sort());
  });

  for (const command of commands) {
    it(`${command.type} on an ended room → ROOM_ENDED (-2905), even for the owner`, () =>
      rejected(ended, as(owner), command, ErrorCode.ROOM_ENDED));
    it(`${command.type} by a non-member → NOT_IN_ROOM (-2101)`, () =>
      rejected(applyRoom, as(stranger), command, ErrorCode.NOT_IN_ROOM));
  }

  it('the system actor needs no membership', () => {
    const { state, events } = run(applyRoom, system, { type: 'member.kick', userId: 'bob' });
    assert.deepEqual(
      events.map((e) => e.type),
      ['member.left'],
    );
    assert.equal(state.version, applyRoom.version + 1);
  });

  it('a command that is not a room command → INVALID_PARAMETER (-1001)', () => {
    const join = { type: 'room.join', roomId: ROOM_ID } as unknown as Cmd;
    assert.equal(isRoomCommand(join as RoomCommand), false);
    assert.equal(isRoomCommand({ type: 'seat.leave' }), true);
    rejected(applyRoom, as(alice), join, ErrorCode.INVALID_PARAMETER);
  });

  it('the owner leaving the room → OWNER_CANNOT_LEAVE (-2102)', () =>
    rejected(applyRoom, as(owner), { type: 'room.leave' }, ErrorCode.OWNER_CANNOT_LEAVE));
});

describe('applyRoomCommand: versions', () => {
  const locked = deepFreeze(unwrapOk(lockSeat(freeRoom, as(owner), 7, true)));
  const withSeat = run(locked, as(alice), { type: 'seat.take', index: 3 }).state;

  it('several events from one command share one version bump', () => {
    const { state, events } = run(withSeat, as(owner), { type: 'seat.lock', index: 3, locked: true });
    assert.deepEqual(
      events.map((e) => e.type),
      ['seats.updated', 'seat.kicked', 'seats.updated'],
    );
    assert.equal(state.version, withSeat.version + 1);
  });

  it('consecutive commands bump one each', () => {
    let state = withSeat;
    const start = state.version;
    for (const command of [
      { type: 'seat.selfMute', muted: true },
      { type: 'seat.move', index: 5 },
      { type: 'barrage.send', text: 'x' },
    ] as Cmd[])
      state = run(state, as(alice), command).state;
    assert.equal(state.version, start + 3);
  });

  for (const row of [
    { name: 'locking a locked seat', actor: as(owner), command: { type: 'seat.lock', index: 7, locked: true } as Cmd },
    {
      name: 'lifting an audio lock that is not there',
      actor: as(owner),
      command: { type: 'seat.lockAudio', index: 3, locked: false } as Cmd,
    },
    {
      name: 'self-muting twice (unmuted → unmuted)',
      actor: as(alice),
      command: { type: 'seat.selfMute', muted: false } as Cmd,
    },
    { name: "moving onto one's own seat", actor: as(alice), command: { type: 'seat.move', index: 3 } as Cmd },
    { name: 'an empty room.update', actor: as(owner), command: { type: 'room.update', patch: {} } as Cmd },
    {
      name: 'renaming to the same name',
      actor: as(owner),
      command: { type: 'room.update', patch: { name: ` ${ROOM_ID} ` } } as Cmd,
    },
    {
      name: 'admin.set for an existing admin',
      actor: as(owner),
      command: { type: 'admin.set', userId: 'admin', admin: true } as Cmd,
    },
    {
      name: 'unmuting someone not muted',
      actor: as(admin),
      command: { type: 'member.mute', userId: 'bob', seconds: 0 } as Cmd,
    },
    {
      name: 'respondAll with an empty queue',
      actor: as(admin),
      command: { type: 'request.respondAll', accept: true } as Cmd,
    },
  ]) {
    it(`no-op: ${row.name} leaves the state (and version) untouched`, () => {
      const { state, events } = run(withSeat, row.actor, row.command);
      assert.deepEqual(events, []);
      assert.equal(state, withSeat);
    });
  }

  it('a change nobody is told about (unban) keeps the version', () => {
    const banned = run(withSeat, as(owner), { type: 'member.ban', userIds: ['ghost'], seconds: 60 });
    assert.deepEqual(banned.events, []);
    assert.equal(banned.state.version, withSeat.version);
    const unbanned = run(banned.state, as(owner), { type: 'member.unban', userIds: ['ghost'] });
    assert.deepEqual({ ...unbanned.state.bans }, {});
    assert.equal(unbanned.state.version, withSeat.version);
  });

  it('a failed command keeps the version (and returns no state)', () => {
    rejected(withSeat, as(bob), { type: 'seat.take', index: 3 }, ErrorCode.SEAT_OCCUPIED);
  });
});

describe('applyRoomCommand: result shapes', () => {
  // r1: alice applies, r2: bob applies, r3: admin invites carol.
  let room = applyRoom;
  room = run(room, as(alice), { type: 'seat.take', index: 2 }).state;
  room = run(room, as(bob), { type: 'seat.take', index: null }).state;
  const invited = run(room, as(admin), { type: 'request.invite', userId: 'carol', index: 5, timeoutSec: 30 });
  room = invited.state;
  const [r1, r2, r3] = room.requests as [SeatRequest, SeatRequest, SeatRequest];

  it('request.invite answers the new invitation', () => {
    assert.deepEqual(invited.result, {
      requestId: `${ROOM_ID}-r3`,
      type: 'invite',
      from: admin,
      to: carol,
      seatIndex: 5,
      status: 'pending',
      createdAt: NOW,
      expiresAt: NOW + 30_000,
      responderId: null,
    });
  });

  for (const row of [
    { name: 'accept', accept: true, req: r1, status: 'accepted' as const },
    { name: 'reject', accept: false, req: r1, status: 'rejected' as const },
  ]) {
    it(`request.respond (${row.name}) answers the closed request`, () => {
      const { result, state } = run(room, as(owner), {
        type: 'request.respond',
        requestId: row.req.requestId,
        accept: row.accept,
      });
      assert.deepEqual(result, { ...row.req, status: row.status, responderId: 'owner' });
      assert.equal(state.version, room.version + 1);
    });
  }

  it('request.respond by the invitee answers the accepted invitation', () => {
    const { result, state } = run(room, as(carol), { type: 'request.respond', requestId: r3.requestId, accept: true });
    assert.deepEqual(result, { ...r3, status: 'accepted', responderId: 'carol' });
    assert.equal(state.seats[5]?.user?.userId, 'carol');
  });

  it('request.cancel answers the cancelled request', () => {
    const { result } = run(room, as(bob), { type: 'request.cancel', requestId: r2.requestId });
    assert.deepEqual(result, { ...r2, status: 'cancelled', responderId: 'bob' });
  });

  it('request.respond by a member → REQUEST_NO_PERMISSION (-2310)', () =>
    rejected(
      room,
      as(carol),
      { type: 'request.respond', requestId: r1.requestId, accept: true },
      ErrorCode.REQUEST_NO_PERMISSION,
    ));

  for (const row of [
    { accept: true, handled: 2, left: [r3] },
    { accept: false, handled: 2, left: [r3] },
  ]) {
    it(`request.respondAll (accept=${row.accept}) answers how many it handled`, () => {
      const { result, state } = run(room, as(admin), { type: 'request.respondAll', accept: row.accept });
      assert.deepEqual(result, { handled: row.handled });
      assert.deepEqual(state.requests, row.left);
      assert.equal(state.version, room.version + 1);
    });
  }

  it('like.send answers the new room total', () => {
    const first = run(room, as(alice), { type: 'like.send', count: 4 });
    assert.deepEqual(first.result, { total: 4 });
    assert.deepEqual(run(first.state, as(bob), { type: 'like.send', count: 6 }).result, { total: 10 });
  });

  for (const command of [
    { type: 'seat.leave' },
    { type: 'barrage.send', text: 'hi' },
    { type: 'member.mute', userId: 'bob', seconds: 5 },
  ] as Cmd[]) {
    it(`${command.type} answers null`, () => assert.equal(run(room, as(owner), command).result, null));
  }
});
