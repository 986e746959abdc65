import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { NEVER } from 'rxjs';
import type { RoomBackend } from '../../../src/backends/room-backend.js';
import type { Answer, CommandType } from '../../../src/model/commands.js';
import { emptyRecord } from '../../../src/rules/records.js';
import {
  type PendingKey,
  anyPendingIn,
  isPendingIn,
  micPendingKeys,
  pendingKey,
  seatPendingKeys,
} from '../../../src/store/pending-key.js';
import type { SeatRequest } from '../../../src/model/request.js';
import type { Seat } from '../../../src/model/seat.js';
import { type Room, createRoom } from '../../../src/store/room.js';

describe('pendingKey: every builder and the key it makes', () => {
  // The strings are public (pending$, isPending): pages key their own spinners by them, so they never change.
  const table: ReadonlyArray<readonly [string, PendingKey, string]> = [
    ['seatTake(3)', pendingKey.seatTake(3), 'seat.take:3'],
    ['seatTake(null)', pendingKey.seatTake(null), 'seat.take:any'],
    ['seatMove(2)', pendingKey.seatMove(2), 'seat.move:2'],
    ['seatKick(bob)', pendingKey.seatKick('bob'), 'seat.kick:bob'],
    ['seatLock(4)', pendingKey.seatLock(4), 'seat.lock:4'],
    ['seatLockAudio(4)', pendingKey.seatLockAudio(4), 'seat.lockAudio:4'],
    ['requestInvite(bob)', pendingKey.requestInvite('bob'), 'request.invite:bob'],
    ['requestRespond(r1)', pendingKey.requestRespond('r1'), 'request.respond:r1'],
    ['requestCancel(r1)', pendingKey.requestCancel('r1'), 'request.cancel:r1'],
    ['seatMode()', pendingKey.seatMode(), 'room.update:seatMode'],
    ['giftSend(rose)', pendingKey.giftSend('rose'), 'gift.send:rose'],
    ['follow(bob)', pendingKey.follow('bob'), 'follow:bob'],
    ['memberMute(bob)', pendingKey.memberMute('bob'), 'member.mute:bob'],
    ['memberKick(bob)', pendingKey.memberKick('bob'), 'member.kick:bob'],
    ['adminSet(bob)', pendingKey.adminSet('bob'), 'admin.set:bob'],
  ];
  for (const [call, key, expected] of table) {
    it(`${call} → ${expected}`, () => assert.equal(key, expected));
  }
  it('the table has a row for every builder', () => {
    assert.equal(table.length, Object.keys(pendingKey).length + 1, 'seatTake has two rows (a seat, any seat)');
  });
  it('a misspelt key does not typecheck', () => {
    const pending = emptyRecord<number>();
    // @ts-expect-error -- no command is called seat.tkae
    assert.equal(isPendingIn(pending, 'seat.tkae:3'), false);
    // @ts-expect-error -- seats are counted by index, not by name
    assert.equal(isPendingIn(pending, 'seat.take:three'), false);
    assert.equal(isPendingIn(pending, 'seat.take:3'), false);
  });
});

describe('isPendingIn', () => {
  const pending = Object.assign(emptyRecord<number>(), { 'seat.take:3': 1, 'barrage.send': 2, 'follow:bob': 0 });
  const table: ReadonlyArray<readonly [PendingKey, boolean]> = [
    ['seat.take:3', true],
    ['barrage.send', true],
    ['follow:bob', false],
    ['seat.take:4', false],
    // A user-chosen ID that names a prototype property is just another absent key.
    [pendingKey.follow('constructor'), false],
  ];
  for (const [key, expected] of table) {
    it(`${key}: ${expected}`, () => assert.equal(isPendingIn(pending, key), expected));
  }
  it('reads an ordinary object too, never its prototype', () => {
    assert.equal(isPendingIn({ 'room.end': 1 }, 'room.end'), true);
    assert.equal(isPendingIn({}, 'toString' as PendingKey), false);
  });
});

/** A backend that never answers: every command stays in flight, so pending$ shows its key. */
const silent: RoomBackend = {
  kind: 'silent',
  events$: NEVER,
  connect: async () => undefined,
  send: <T extends CommandType>() => new Promise<Answer<T>>(() => undefined),
  close: async () => undefined,
};

describe('Room: each command is pending under its pendingKey', () => {
  const rooms: Room[] = [];
  afterEach(() => {
    for (const room of rooms.splice(0)) room.dispose();
  });
  const table: ReadonlyArray<readonly [string, (room: Room) => unknown, PendingKey]> = [
    ['takeSeat(3)', (r) => r.takeSeat(3), pendingKey.seatTake(3)],
    ['takeSeat(null)', (r) => r.takeSeat(null), pendingKey.seatTake(null)],
    ['moveSeat(2)', (r) => r.moveSeat(2), pendingKey.seatMove(2)],
    ['kickSeat(bob)', (r) => r.kickSeat('bob'), pendingKey.seatKick('bob')],
    ['lockSeat(4)', (r) => r.lockSeat(4, true), pendingKey.seatLock(4)],
    ['lockSeatAudio(4)', (r) => r.lockSeatAudio(4, true), pendingKey.seatLockAudio(4)],
    ['inviteToSeat(bob)', (r) => r.inviteToSeat('bob'), pendingKey.requestInvite('bob')],
    ['respondRequest(r1)', (r) => r.respondRequest('r1', false), pendingKey.requestRespond('r1')],
    ['cancelRequest(r1)', (r) => r.cancelRequest('r1'), pendingKey.requestCancel('r1')],
    ['setSeatMode(apply)', (r) => r.setSeatMode('apply'), pendingKey.seatMode()],
    ['sendGift(rose)', (r) => r.sendGift({ giftId: 'rose', count: 1, receiverId: 'bob' }), pendingKey.giftSend('rose')],
    ['follow(bob)', (r) => r.follow('bob'), pendingKey.follow('bob')],
    ['muteMember(bob)', (r) => r.muteMember('bob', 60), pendingKey.memberMute('bob')],
    ['kickMember(bob)', (r) => r.kickMember('bob'), pendingKey.memberKick('bob')],
    ['setAdmin(bob)', (r) => r.setAdmin('bob', true), pendingKey.adminSet('bob')],
    ['leaveSeat()', (r) => r.leaveSeat(), 'seat.leave'],
    ['updateInfo()', (r) => r.updateInfo({ name: 'x' }), 'room.update'],
    ['respondAll()', (r) => r.respondAll(true), 'request.respondAll'],
  ];
  for (const [call, command, key] of table) {
    it(`${call} → ${key}`, () => {
      const room = createRoom({
        backend: silent,
        roomId: 'room-1',
        user: { userId: 'me', userName: 'Me', avatarUrl: '' },
      });
      rooms.push(room);
      void (command(room) as Promise<unknown>).catch(() => undefined);
      assert.deepEqual(Object.keys(room.state.pending), [key]);
      assert.equal(room.isPending(key), true);
    });
  }
});

describe('the keys that show one control busy', () => {
  const ben = { userId: 'ben', userName: 'Ben', avatarUrl: '' };
  const me = { userId: 'me', userName: 'Me', avatarUrl: '' };
  const seat = (index: number, user: typeof ben | null = null): Seat => ({
    index,
    user,
    locked: false,
    audioLocked: false,
    selfMuted: false,
  });
  const application = (seatIndex: number | null): SeatRequest => ({
    requestId: 'r1',
    type: 'apply',
    from: me,
    to: null,
    seatIndex,
    status: 'pending',
    createdAt: 0,
    expiresAt: null,
    responderId: null,
  });
  const seatKeys = ['seat.take:3', 'seat.move:3', 'seat.lock:3', 'seat.lockAudio:3'];

  it('an empty seat: taking, moving to, locking it', () => {
    assert.deepEqual(seatPendingKeys(seat(3), 'me', null), seatKeys);
  });
  it("someone else's seat adds kicking them; my own adds leaving it", () => {
    assert.deepEqual(seatPendingKeys(seat(3, ben), 'me', null), [...seatKeys, 'seat.kick:ben']);
    assert.deepEqual(seatPendingKeys(seat(3, me), 'me', null), [...seatKeys, 'seat.kick:me', 'seat.leave']);
  });
  it('my application adds withdrawing it, on the seat it asks for only', () => {
    assert.deepEqual(seatPendingKeys(seat(3), 'me', application(3)), [...seatKeys, 'request.cancel:r1']);
    assert.deepEqual(seatPendingKeys(seat(3), 'me', application(4)), seatKeys);
    assert.deepEqual(seatPendingKeys(seat(3), 'me', application(null)), seatKeys);
  });
  it('the microphone button: self-mute, withdrawing my application, taking the seat it offers', () => {
    assert.deepEqual(micPendingKeys(null, -1), ['seat.selfMute']);
    assert.deepEqual(micPendingKeys(application(null), 2), ['seat.selfMute', 'request.cancel:r1', 'seat.take:2']);
    assert.deepEqual(micPendingKeys(null, 0), ['seat.selfMute', 'seat.take:0']);
  });
  it('anyPendingIn: one key in flight is enough', () => {
    assert.equal(anyPendingIn({ 'seat.take:2': 1 }, micPendingKeys(null, 2)), true);
    assert.equal(anyPendingIn({ 'seat.take:3': 1 }, micPendingKeys(null, 2)), false);
    assert.equal(anyPendingIn({}, []), false);
  });
});
