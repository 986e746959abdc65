// The room invariants, as one checker. Three layers:
//  - `roomViolations`: what holds of any room a client or a server holds (seats, requests, admins, barrage);
//  - `snapshotViolations`: that, plus what a client's snapshot summarises (audience, gift totals). The contract
//    suite (test/contract/room-contract.ts) runs it on the snapshots every backend's clients see;
//  - `violations`: the property test's whole world (world-model.ts): the server's state with its members, leases,
//    bans, wallets and ledger, and the client that applied every batch.
// Each message starts with the invariant's name (`seats.unique: …`), so a test can say which one it expects.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { RECENT_AUDIENCE } from '../../../src/model/audience.js';
import { BARRAGE_HISTORY, MAX_BARRAGE_LENGTH } from '../../../src/model/barrage.js';
import type { RoomSnapshot, RoomState } from '../../../src/model/room.js';
import { MAX_ADMINS } from '../../../src/model/user.js';
import { balanceOf } from '../../../src/rules/gifts.js';
import { mapGet, mapKeys, mapValues } from '../../../src/rules/persistent-map.js';
import { toSnapshot } from '../../../src/rules/snapshot.js';
import { ACTORS, type World } from './world-model.js';

/** The parts a server's room state and a client's snapshot share. */
export type RoomView = Pick<RoomSnapshot, 'status' | 'info' | 'seats' | 'requests' | 'admins' | 'barrage'>;

type Report = (name: string, detail: string) => void;

/** Every broken invariant of a room as anyone holds it, each prefixed by its name. Empty when all hold. */
export function roomViolations(room: RoomView): string[] {
  const out: string[] = [];
  const v: Report = (name, detail) => out.push(`${name}: ${detail}`);
  const ownerId = room.info.owner.userId;

  // Seats: as many as the room says, indices 0..n-1 in order, one seat per user, locked and empty seats silent.
  if (room.seats.length !== room.info.seatCount)
    v('seats.count', `${room.seats.length} seats, info says ${room.info.seatCount}`);
  room.seats.forEach((seat, i) => {
    if (seat.index !== i) v('seats.index', `seat at position ${i} has index ${seat.index}`);
    if (seat.locked && seat.user) v('seats.locked', `${seat.user.userId} sits on locked seat ${i}`);
    if (!seat.user && seat.selfMuted) v('seats.selfMute', `empty seat ${i} is self-muted`);
  });
  const seated = new Set<string>();
  for (const seat of room.seats) {
    if (!seat.user) continue;
    if (seated.has(seat.user.userId)) v('seats.unique', `${seat.user.userId} holds more than one seat`);
    seated.add(seat.user.userId);
  }

  // Requests: pending only, one application per user, one invitation per invitee, subjects unseated, seat indices
  // valid, none once the room has ended.
  const applicants = new Set<string>();
  const invitees = new Set<string>();
  for (const r of room.requests) {
    if (r.status !== 'pending') v('requests.pending', `${r.requestId} is ${r.status} but still queued`);
    const subject = r.type === 'apply' ? r.from.userId : r.to?.userId;
    if (r.type === 'apply') {
      if (r.to !== null) v('requests.shape', `application ${r.requestId} has a target`);
      if (applicants.has(r.from.userId)) v('requests.oneApplication', `${r.from.userId} has two pending applications`);
      applicants.add(r.from.userId);
    } else if (!r.to) v('requests.shape', `invitation ${r.requestId} has no invitee`);
    else {
      if (invitees.has(r.to.userId)) v('requests.oneInvitation', `${r.to.userId} has two pending invitations`);
      invitees.add(r.to.userId);
    }
    if (subject !== undefined && seated.has(subject))
      v('requests.seated', `${subject} is seated and still has pending ${r.requestId}`);
    if (r.seatIndex !== null && !(Number.isInteger(r.seatIndex) && r.seatIndex >= 0 && r.seatIndex < room.seats.length))
      v('requests.seatIndex', `${r.requestId} asks for seat ${r.seatIndex}`);
  }
  if (room.status !== 'live' && room.requests.length > 0)
    v('requests.ended', 'an ended room still has pending requests');

  // Admins.
  if (room.admins.length > MAX_ADMINS) v('admins.max', `${room.admins.length} admins`);
  if (room.admins.includes(ownerId)) v('admins.owner', 'the owner is listed as an admin');
  if (new Set(room.admins).size !== room.admins.length) v('admins.unique', `duplicates in ${room.admins.join(',')}`);

  // Barrage.
  if (room.barrage.length > BARRAGE_HISTORY) v('barrage.size', `${room.barrage.length} messages kept`);
  if (new Set(room.barrage.map((m) => m.messageId)).size !== room.barrage.length)
    v('barrage.unique', 'duplicate message IDs');
  for (const m of room.barrage) {
    const length = [...m.text].length;
    if (length < 1 || length > MAX_BARRAGE_LENGTH || m.text !== m.text.trim())
      v('barrage.text', `message ${m.messageId} has ${length} characters`);
  }
  return out;
}

/** Every broken invariant of a client's snapshot: the room's, then its audience summary and gift totals. */
export function snapshotViolations(snapshot: RoomSnapshot): string[] {
  const out = roomViolations(snapshot);
  const v: Report = (name, detail) => out.push(`${name}: ${detail}`);
  const { audience, gifts } = snapshot;
  const recent = audience.recent.map((u) => u.userId);
  if (new Set(recent).size !== recent.length) v('audience.unique', `duplicates in recent ${recent.join(',')}`);
  if (recent.length > RECENT_AUDIENCE) v('audience.size', `${recent.length} recent entrants`);
  if (audience.total < recent.length) v('audience.total', `total ${audience.total} < ${recent.length} recent`);
  const board = gifts.leaderboard.map((e) => e.amount);
  if (board.some((amount, i) => i > 0 && amount > board[i - 1]!))
    v('gifts.leaderboard', `not highest first: ${board.join(',')}`);
  const onBoard = board.reduce((sum, amount) => sum + amount, 0);
  if (onBoard > gifts.amount) v('gifts.leaderboard', `leaderboard adds up to ${onBoard}, total is ${gifts.amount}`);
  if (gifts.amount < 0 || gifts.count < 0) v('gifts.totals', `negative totals ${gifts.amount}/${gifts.count}`);
  return out;
}

function requestSeq(requestId: string): number {
  const match = /-r(\d+)$/.exec(requestId);
  return match ? Number(match[1]) : Number.NaN;
}

/** Every broken invariant of a property-test world, each prefixed by its name. Empty when all hold. */
export function violations(world: World): string[] {
  const { room, wallets, ledger, now } = world;
  const out: string[] = [...roomViolations(room), ...snapshotViolations(world.client).map((p) => `client ${p}`)];
  const v: Report = (name, detail) => out.push(`${name}: ${detail}`);
  const live = room.status === 'live';
  const ownerId = room.info.owner.userId;

  // Seats: the count the room started with; occupants are members, and an offline one holds the seat only for
  // the lease (no ghost seats).
  if (room.seats.length !== world.seatCount || room.info.seatCount !== world.seatCount) {
    v('seats.count', `${room.seats.length} seats, info says ${room.info.seatCount}, started with ${world.seatCount}`);
  }
  for (const seat of room.seats) {
    if (!seat.user) continue;
    const id = seat.user.userId;
    const member = mapGet(room.members, id);
    if (!member) v('seats.member', `${id} is seated but not a member`);
    else if (!member.online && room.leases[id] === undefined)
      v('seats.ghost', `${id} is seated, offline and has no lease`);
  }

  // Requests: in arrival order, subjects are members.
  let lastSeq = 0;
  for (const r of room.requests) {
    const seq = requestSeq(r.requestId);
    if (!(seq > lastSeq) || seq > room.requestSeq)
      v('requests.order', `${r.requestId} out of arrival order or beyond requestSeq ${room.requestSeq}`);
    lastSeq = seq;
    const subject = r.type === 'apply' ? r.from.userId : r.to?.userId;
    if (subject !== undefined && !mapGet(room.members, subject))
      v('requests.member', `${subject}, subject of ${r.requestId}, is not a member`);
  }

  // Members and the recent-entrants list.
  const memberIds = mapKeys(room.members);
  if (room.memberCount !== memberIds.length)
    v('members.count', `memberCount ${room.memberCount} but ${memberIds.length} members`);
  if (live && !mapGet(room.members, ownerId)) v('members.owner', 'the owner is not a member of their live room');
  const seqs = new Set<number>();
  for (const id of memberIds) {
    const m = mapGet(room.members, id)!;
    if (m.user.userId !== id) v('members.key', `member ${id} holds user ${m.user.userId}`);
    if (seqs.has(m.seq) || m.seq > room.entrySeq) v('members.seq', `${id} has entry seq ${m.seq}`);
    seqs.add(m.seq);
    if (id !== ownerId && !m.online && room.leases[id] === undefined)
      v('members.offline', `${id} is offline without a lease`);
    const banned = room.bans[id];
    if (banned !== undefined && banned > now) v('members.banned', `${id} is a member while banned until ${banned}`);
  }
  if (room.viewCount < room.memberCount)
    v('members.viewCount', `viewCount ${room.viewCount} < memberCount ${room.memberCount}`);
  for (const id of Object.keys(room.leases)) {
    const m = mapGet(room.members, id);
    if (!m) v('leases.member', `lease for non-member ${id}`);
    else if (m.online) v('leases.online', `online member ${id} has a lease`);
  }
  const recentSet = new Set(room.recent);
  if (recentSet.size !== room.recent.length) v('recent.unique', `duplicates in recent ${room.recent.join(',')}`);
  if (room.recent.length > RECENT_AUDIENCE) v('recent.size', `${room.recent.length} recent entrants`);
  for (const id of room.recent) if (!mapGet(room.members, id)) v('recent.member', `${id} is recent but not a member`);
  const latest = [...mapValues(room.members)]
    .sort((a, b) => b.seq - a.seq)
    .slice(0, Math.min(RECENT_AUDIENCE, room.memberCount))
    .map((m) => m.user.userId);
  if (!isDeepStrictEqual([...room.recent], latest)) {
    v(
      'recent.latest',
      `recent [${room.recent.slice(0, 5).join(',')}…] (${room.recent.length}) is not the latest by seq [${latest.slice(0, 5).join(',')}…] (${latest.length})`,
    );
  }

  // Likes: the total is exactly what the broadcasts added up to.
  if (room.likes.total !== world.likes)
    v('likes.total', `total ${room.likes.total}, broadcasts add up to ${world.likes}`);

  // Wallets and gifts: balances are the initial balance minus the user's ledger rows; room totals are its rows.
  const spent = new Map<string, number>();
  const entryIds = new Set<string>();
  for (const row of ledger) {
    spent.set(row.senderId, (spent.get(row.senderId) ?? 0) + row.amount);
    if (entryIds.has(row.entryId)) v('ledger.unique', `duplicate entry ${row.entryId}`);
    entryIds.add(row.entryId);
    if (row.amount !== row.unitPrice * row.count || row.amount < 0)
      v('ledger.amount', `${row.entryId}: ${row.count} × ${row.unitPrice} ≠ ${row.amount}`);
  }
  for (const id of new Set([...ACTORS, ...Object.keys(wallets.balances), ...spent.keys()])) {
    const balance = balanceOf(wallets, id);
    if (balance < 0) v('wallet.negative', `${id} has ${balance} coins`);
    const expected = wallets.initialBalance - (spent.get(id) ?? 0);
    if (balance !== expected) v('wallet.ledger', `${id} has ${balance} coins, ledger says ${expected}`);
  }
  if (wallets.seq !== ledger.length) v('wallet.seq', `wallet seq ${wallets.seq} after ${ledger.length} sends`);
  const roomRows = ledger.filter((r) => r.roomId === room.info.roomId);
  const amount = roomRows.reduce((s, r) => s + r.amount, 0);
  const count = roomRows.reduce((s, r) => s + r.count, 0);
  if (room.gifts.amount !== amount || room.gifts.count !== count)
    v('gifts.totals', `room totals ${room.gifts.amount}/${room.gifts.count}, ledger ${amount}/${count}`);
  const bySender = new Map<string, number>();
  for (const r of roomRows) bySender.set(r.senderId, (bySender.get(r.senderId) ?? 0) + r.amount);
  const contributors = Object.keys(room.gifts.contributions);
  if (contributors.length !== bySender.size)
    v('gifts.contributions', `${contributors.length} contributors, ledger has ${bySender.size} senders`);
  for (const [id, c] of Object.entries(room.gifts.contributions)) {
    if (c.amount !== bySender.get(id))
      v('gifts.contributions', `${id} contributed ${c.amount}, ledger says ${bySender.get(id) ?? 0}`);
  }

  // Replication: the client that applied every batch sees exactly what a fresh snapshot shows.
  const fresh = toSnapshot(room);
  if (!isDeepStrictEqual(world.client, fresh)) {
    let diff = '';
    try {
      assert.deepStrictEqual(world.client, fresh);
    } catch (error) {
      diff = (error as Error).message.split('\n').slice(0, 40).join('\n');
    }
    v('replication', `client snapshot differs from toSnapshot(state):\n${diff}`);
  }
  return out;
}

/** Versions: strictly +1 across a step with events, unchanged otherwise. */
export function versionViolations(before: RoomState, after: RoomState, hadEvents: boolean): string[] {
  if (hadEvents && after.version !== before.version + 1)
    return [`version.bump: ${before.version} → ${after.version} on a batch with events`];
  if (!hadEvents && after.version !== before.version)
    return [`version.still: ${before.version} → ${after.version} without events`];
  return [];
}
