import { recordOf } from '../../../src/rules/records.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommandOf } from '../../../src/model/commands.js';
import type { RoomEvent, RoomEventType } from '../../../src/model/events.js';
import type { SeatRequest } from '../../../src/model/request.js';
import type { RoomSnapshot, RoomState } from '../../../src/model/room.js';
import type { UserInfo } from '../../../src/model/user.js';
import { joinRoom } from '../../../src/rules/audience.js';
import { applyRoomCommand, type RoomCommandType } from '../../../src/rules/dispatch.js';
import { createWallets, sendGift } from '../../../src/rules/gifts.js';
import type { Actor } from '../../../src/rules/permissions.js';
import { disconnectMember, tick, updateOwnerFans } from '../../../src/rules/room.js';
import { applyBatch, applyEvent, toSnapshot } from '../../../src/rules/snapshot.js';
import {
  admin,
  alice,
  as,
  bob,
  carol,
  dave,
  deepFreeze,
  NOW,
  owner,
  ROOM_ID,
  roomWith,
  system,
  user,
} from './fixtures.js';

const room = roomWith({ seated: { 2: alice } });
const snap = deepFreeze(toSnapshot(room));
/** A message carrying the cloud's order, as the Tencent backend makes them. */
const msg = (messageId: string, seq: number) => ({
  messageId,
  sender: bob,
  role: 'member' as const,
  text: messageId,
  sentAt: NOW,
  seq,
});

function pending(n: number, from: UserInfo): SeatRequest {
  return {
    requestId: `${ROOM_ID}-r${n}`,
    type: 'apply',
    from,
    to: null,
    seatIndex: null,
    status: 'pending',
    createdAt: NOW,
    expiresAt: null,
    responderId: null,
  };
}

describe('toSnapshot', () => {
  it('projects the state a client may see', () => {
    assert.deepEqual(snap, {
      roomId: ROOM_ID,
      version: 1,
      status: 'live',
      info: room.info,
      seats: room.seats,
      requests: [],
      admins: ['admin'],
      barrage: [],
      likes: { total: 0 },
      gifts: { amount: 0, count: 0, leaderboard: [] },
      audience: { recent: [bob, alice, admin, owner], total: 4 },
      mutes: recordOf<number>(),
    });
  });
});

describe('applyEvent', () => {
  const withRequests = deepFreeze({ ...snap, requests: [pending(1, bob), pending(2, carol)] });
  const rows: Array<{
    name: string;
    type: RoomEventType;
    before?: RoomSnapshot;
    event: RoomEvent;
    expected: (s: RoomSnapshot) => RoomSnapshot;
  }> = [
    {
      name: 'replaces the info',
      type: 'info.updated',
      event: { type: 'info.updated', info: { ...snap.info, name: 'New' } },
      expected: (s) => ({ ...s, info: { ...s.info, name: 'New' } }),
    },
    {
      name: 'marks the room ended and drops the queue',
      type: 'room.ended',
      before: withRequests,
      event: { type: 'room.ended', by: 'owner' },
      expected: (s) => ({ ...s, status: 'ended', requests: [] }),
    },
    {
      name: 'replaces only the seats listed',
      type: 'seats.updated',
      event: {
        type: 'seats.updated',
        seats: [
          { index: 2, user: null, locked: false, audioLocked: false, selfMuted: false },
          { index: 5, user: bob, locked: false, audioLocked: true, selfMuted: true },
        ],
      },
      expected: (s) => ({
        ...s,
        seats: s.seats.map((seat) =>
          seat.index === 2
            ? { ...seat, user: null }
            : seat.index === 5
              ? { ...seat, user: bob, audioLocked: true, selfMuted: true }
              : seat,
        ),
      }),
    },
    {
      name: 'changes nothing for seat.kicked (seats.updated carries the change)',
      type: 'seat.kicked',
      event: { type: 'seat.kicked', userId: 'alice', index: 2, by: 'owner' },
      expected: (s) => s,
    },
    {
      name: 'appends a new pending request',
      type: 'request.updated',
      before: withRequests,
      event: { type: 'request.updated', request: pending(3, dave) },
      expected: (s) => ({ ...s, requests: [...s.requests, pending(3, dave)] }),
    },
    {
      name: 'replaces a known pending request in place',
      type: 'request.updated',
      before: withRequests,
      event: { type: 'request.updated', request: { ...pending(1, bob), seatIndex: 4 } },
      expected: (s) => ({ ...s, requests: [{ ...pending(1, bob), seatIndex: 4 }, pending(2, carol)] }),
    },
    {
      name: 'removes a request that is no longer pending',
      type: 'request.updated',
      before: withRequests,
      event: { type: 'request.updated', request: { ...pending(1, bob), status: 'accepted', responderId: 'admin' } },
      expected: (s) => ({ ...s, requests: [pending(2, carol)] }),
    },
    {
      name: 'ignores a closed request it never saw',
      type: 'request.updated',
      before: withRequests,
      event: { type: 'request.updated', request: { ...pending(9, dave), status: 'timeout' } },
      expected: (s) => s,
    },
    {
      name: 'appends a barrage message',
      type: 'barrage.received',
      event: {
        type: 'barrage.received',
        message: { messageId: 'm1', sender: bob, role: 'member', text: 'hi', sentAt: NOW },
      },
      expected: (s) => ({ ...s, barrage: [{ messageId: 'm1', sender: bob, role: 'member', text: 'hi', sentAt: NOW }] }),
    },
    {
      name: "puts a message with the cloud's order before the later ones",
      type: 'barrage.received',
      before: deepFreeze({ ...snap, barrage: [msg('m1', 1), msg('m3', 3), msg('m4', 4)] }),
      event: { type: 'barrage.received', message: msg('m2', 2) },
      expected: (s) => ({ ...s, barrage: [msg('m1', 1), msg('m2', 2), msg('m3', 3), msg('m4', 4)] }),
    },
    {
      name: 'appends an ordered message that is the latest',
      type: 'barrage.received',
      before: deepFreeze({ ...snap, barrage: [msg('m1', 1)] }),
      event: { type: 'barrage.received', message: msg('m5', 5) },
      expected: (s) => ({ ...s, barrage: [msg('m1', 1), msg('m5', 5)] }),
    },
    {
      name: 'takes the like total from the event',
      type: 'likes.received',
      event: { type: 'likes.received', userId: 'bob', count: 3, total: 42 },
      expected: (s) => ({ ...s, likes: { total: 42 } }),
    },
    {
      name: 'takes the gift totals from the event',
      type: 'gift.received',
      event: {
        type: 'gift.received',
        gift: {
          entryId: 'g1',
          gift: { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 },
          count: 2,
          sender: bob,
          receiver: owner,
          amount: 2,
          sentAt: NOW,
        },
        totals: { amount: 2, count: 2, leaderboard: [{ user: bob, amount: 2 }] },
      },
      expected: (s) => ({ ...s, gifts: { amount: 2, count: 2, leaderboard: [{ user: bob, amount: 2 }] } }),
    },
    {
      name: 'puts a new entrant first with the new total',
      type: 'member.joined',
      event: { type: 'member.joined', user: carol, total: 5 },
      expected: (s) => ({ ...s, audience: { recent: [carol, bob, alice, admin, owner], total: 5 } }),
    },
    {
      name: 'moves a re-entrant to the front without duplicating',
      type: 'member.joined',
      event: { type: 'member.joined', user: admin, total: 4 },
      expected: (s) => ({ ...s, audience: { recent: [admin, bob, alice, owner], total: 4 } }),
    },
    {
      name: 'drops a leaver and appends the refill',
      type: 'member.left',
      event: { type: 'member.left', userId: 'alice', reason: 'left', by: null, total: 4, refill: dave },
      expected: (s) => ({ ...s, audience: { recent: [bob, admin, owner, dave], total: 4 } }),
    },
    {
      name: 'does not duplicate a refill already listed',
      type: 'member.left',
      event: { type: 'member.left', userId: 'alice', reason: 'kicked', by: 'owner', total: 3, refill: owner },
      expected: (s) => ({ ...s, audience: { recent: [bob, admin, owner], total: 3 } }),
    },
    {
      name: 'records a mute',
      type: 'member.muted',
      event: { type: 'member.muted', userId: 'bob', until: NOW + 1, by: 'owner' },
      expected: (s) => ({ ...s, mutes: recordOf({ bob: NOW + 1 }) }),
    },
    {
      name: 'removes a mute when until is 0',
      type: 'member.muted',
      before: deepFreeze({ ...snap, mutes: { bob: NOW + 1, alice: NOW + 2 } }),
      event: { type: 'member.muted', userId: 'bob', until: 0, by: 'owner' },
      expected: (s) => ({ ...s, mutes: recordOf({ alice: NOW + 2 }) }),
    },
    {
      name: 'replaces the admins',
      type: 'admins.updated',
      event: { type: 'admins.updated', admins: ['admin', 'bob'] },
      expected: (s) => ({ ...s, admins: ['admin', 'bob'] }),
    },
    {
      name: "updates the owner's fan count",
      type: 'fans.updated',
      event: { type: 'fans.updated', userId: 'owner', fans: 9 },
      expected: (s) => ({ ...s, info: { ...s.info, ownerFans: 9 } }),
    },
    {
      name: 'ignores fan counts of others',
      type: 'fans.updated',
      event: { type: 'fans.updated', userId: 'bob', fans: 9 },
      expected: (s) => s,
    },
  ];

  for (const row of rows) {
    it(`${row.type}: ${row.name}`, () => {
      const before = row.before ?? snap;
      assert.equal(row.event.type, row.type);
      assert.deepEqual(applyEvent(before, row.event), row.expected(before));
    });
  }

  it('has a row for every event type', () => {
    const all: Record<RoomEventType, true> = {
      'info.updated': true,
      'room.ended': true,
      'seats.updated': true,
      'seat.kicked': true,
      'request.updated': true,
      'barrage.received': true,
      'likes.received': true,
      'gift.received': true,
      'member.joined': true,
      'member.left': true,
      'member.muted': true,
      'admins.updated': true,
      'fans.updated': true,
    };
    assert.deepEqual(new Set(rows.map((r) => r.type)), new Set(Object.keys(all)));
  });

  it('keeps the last 200 barrage messages', () => {
    let s: RoomSnapshot = snap;
    for (let i = 0; i < 205; i++)
      s = applyEvent(s, {
        type: 'barrage.received',
        message: { messageId: `m${i}`, sender: bob, role: 'member', text: 't', sentAt: NOW },
      });
    assert.equal(s.barrage.length, 200);
    assert.equal(s.barrage[0]?.messageId, 'm5');
  });

  it('keeps the latest 100 entrants', () => {
    let s: RoomSnapshot = snap;
    for (let i = 0; i < 120; i++) s = applyEvent(s, { type: 'member.joined', user: user(`u${i}`), total: 5 + i });
    assert.equal(s.audience.recent.length, 100);
    assert.equal(s.audience.recent[0]?.userId, 'u119');
  });
});

describe('applyBatch', () => {
  it('applies the events in order and sets the version', () => {
    const after = applyBatch(snap, {
      roomId: ROOM_ID,
      version: 7,
      events: [
        { type: 'likes.received', userId: 'bob', count: 1, total: 1 },
        { type: 'likes.received', userId: 'bob', count: 2, total: 3 },
      ],
    });
    assert.equal(after.version, 7);
    assert.deepEqual(after.likes, { total: 3 });
  });

  it('sets the version even for an empty batch', () => {
    assert.deepEqual(applyBatch(snap, { roomId: ROOM_ID, version: 2, events: [] }), { ...snap, version: 2 });
  });
});

/**
 * The contract between server and clients: for every accepted change, applying its events to the snapshot before
 * gives the snapshot after. Walks a scripted session through the real dispatcher and the other rules.
 */
describe('events reproduce the authoritative snapshot', () => {
  type Step = { name: string; run: (s: RoomState) => { state: RoomState; events: readonly RoomEvent[] } };
  const cmd =
    <T extends RoomCommandType>(actor: Actor, command: CommandOf<T>, at = NOW): Step['run'] =>
    (s) => {
      const r = applyRoomCommand(s, actor, command, at);
      if (!r.ok) throw r.error;
      return r;
    };
  const rule =
    (f: (s: RoomState) => ReturnType<typeof tick>): Step['run'] =>
    (s) => {
      const r = f(s);
      if (!r.ok) throw r.error;
      return { state: { ...r.state, version: r.events.length ? s.version + 1 : s.version }, events: r.events };
    };
  const wallets = createWallets(1_000);
  const catalog = [{ giftId: 'rose', name: 'Rose', iconUrl: '', price: 2, level: 1 }];
  const crowd = Array.from({ length: 101 }, (_, i) => user(`v${i}`));
  const steps: Step[] = [
    ...crowd.map((u, i) => ({ name: `join ${u.userId}`, run: rule((s) => joinRoom(s, u, NOW + 100 + i)) })),
    { name: 'carol joins', run: rule((s) => joinRoom(s, carol, NOW + 300)) },
    { name: 'alice applies', run: cmd(as(alice), { type: 'seat.take', index: 3 }) },
    { name: 'bob applies', run: cmd(as(bob), { type: 'seat.take', index: null, timeoutSec: 5 }) },
    { name: 'admin invites carol', run: cmd(as(admin), { type: 'request.invite', userId: 'carol', index: null }) },
    {
      name: 'owner accepts alice',
      run: cmd(as(owner), { type: 'request.respond', requestId: `${ROOM_ID}-r1`, accept: true }),
    },
    { name: 'alice self-mutes', run: cmd(as(alice), { type: 'seat.selfMute', muted: true }) },
    { name: 'alice moves', run: cmd(as(alice), { type: 'seat.move', index: 6 }) },
    { name: 'owner locks seat 6', run: cmd(as(owner), { type: 'seat.lock', index: 6, locked: true }) },
    { name: 'admin locks audio on seat 1', run: cmd(as(admin), { type: 'seat.lockAudio', index: 1, locked: true }) },
    {
      name: 'carol accepts her invite',
      run: cmd(as(carol), { type: 'request.respond', requestId: `${ROOM_ID}-r3`, accept: true }),
    },
    { name: 'bob times out', run: rule((s) => tick(s, NOW + 5_000)) },
    { name: 'barrage', run: cmd(as(bob), { type: 'barrage.send', text: 'hello 🎉' }) },
    { name: 'likes', run: cmd(as(bob), { type: 'like.send', count: 5 }) },
    {
      name: 'gift',
      run: rule((s) => {
        const r = sendGift(
          { room: s, wallets, catalog },
          as(bob),
          { giftId: 'rose', count: 3, receiverId: 'carol' },
          NOW,
        );
        return r.ok ? { ok: true, state: r.state.room, events: r.events } : r;
      }),
    },
    { name: 'mute bob', run: cmd(as(admin), { type: 'member.mute', userId: 'bob', seconds: 30 }) },
    { name: 'unmute bob', run: cmd(as(admin), { type: 'member.mute', userId: 'bob', seconds: 0 }) },
    { name: 'make carol admin', run: cmd(as(owner), { type: 'admin.set', userId: 'carol', admin: true }) },
    { name: 'owner fans', run: rule((s) => updateOwnerFans(s, 'owner', 3)) },
    { name: 'rename', run: cmd(as(owner), { type: 'room.update', patch: { name: 'Renamed', seatMode: 'free' } }) },
    { name: 'kick a listed member (refill)', run: cmd(as(owner), { type: 'member.kick', userId: 'v100' }) },
    { name: 'ban bob', run: cmd(as(carol), { type: 'member.ban', userIds: ['bob', 'ghost'], seconds: 60 }) },
    { name: 'carol drops (lease, silent)', run: rule((s) => disconnectMember(s, 'carol', NOW)) },
    { name: "carol's lease runs out", run: rule((s) => tick(s, NOW + 30_000)) },
    { name: 'alice leaves', run: cmd(as(alice), { type: 'room.leave' }) },
    { name: 'dave joins', run: rule((s) => joinRoom(s, dave, NOW + 40_000)) },
    { name: 'dave takes a seat', run: cmd(as(dave), { type: 'seat.take', index: null }) },
    { name: 'the system kicks dave off his seat', run: cmd(system, { type: 'seat.kick', userId: 'dave' }) },
    { name: 'owner ends', run: cmd(as(owner), { type: 'room.end' }) },
  ];

  it('for every step, applyBatch(before, events) equals the snapshot after', () => {
    let state = roomWith({ options: { seatMode: 'apply' } });
    let client = toSnapshot(state);
    for (const step of steps) {
      const { state: next, events } = step.run(deepFreeze(state));
      if (events.length > 0) {
        assert.equal(next.version, state.version + 1, `${step.name}: one version per change`);
        client = applyBatch(client, { roomId: ROOM_ID, version: next.version, events });
      } else {
        assert.equal(next.version, state.version, `${step.name}: no events, no new version`);
      }
      assert.deepEqual(client, toSnapshot(next), `after "${step.name}"`);
      state = next;
    }
    assert.equal(state.status, 'ended');
  });
});
