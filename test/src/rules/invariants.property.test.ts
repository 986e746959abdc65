/**
 * Property test of the room rules: random operation sequences from several users against ONE pure room model,
 * driven only through the public rules (joinRoom, applyRoomCommand, sendGift, disconnectMember, tick,
 * updateOwnerFans) and committed exactly as the servers commit (version = previous + 1 per batch with events).
 * After every step the room, wallet and replication invariants are checked; the second suite proves the checker
 * itself can fail.
 *
 * Reproduce a failure with the seed and path fast-check prints: FC_SEED=<seed> FC_PATH=<path> node --import tsx --test …
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { RECENT_AUDIENCE } from '../../../src/model/audience.js';
import { BARRAGE_HISTORY, MAX_BARRAGE_LENGTH } from '../../../src/model/barrage.js';
import type { CommandOf } from '../../../src/model/commands.js';
import { ErrorCode, RoomError, isErrorCode } from '../../../src/model/errors.js';
import type { RoomEvent } from '../../../src/model/events.js';
import type { Gift, LedgerRow } from '../../../src/model/gift.js';
import type { RoomSnapshot, RoomState } from '../../../src/model/room.js';
import type { UserInfo } from '../../../src/model/user.js';
import { MAX_ADMINS } from '../../../src/model/user.js';
import { joinRoom } from '../../../src/rules/audience.js';
import { type RoomCommandType, applyRoomCommand } from '../../../src/rules/dispatch.js';
import { type WalletState, balanceOf, createWallets, sendGift } from '../../../src/rules/gifts.js';
import type { Actor } from '../../../src/rules/permissions.js';
import type { RuleResult } from '../../../src/rules/result.js';
import { createRoomState, disconnectMember, tick, updateOwnerFans } from '../../../src/rules/room.js';
import { applyBatch, toSnapshot } from '../../../src/rules/snapshot.js';
import { mapDelete, mapGet, mapKeys, mapSet, mapValues } from '../../../src/rules/persistent-map.js';

// ---------------------------------------------------------------------------------------------------------------
// Cast and catalog
// ---------------------------------------------------------------------------------------------------------------

const ROOM_ID = 'prop-room';
const OWNER = 'owner';
const ADMINS = ['admin1', 'admin2'] as const;
const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5'] as const;
/** Never joins: every command it sends must fail and change nothing. */
const OUTSIDER = 'outsider';
/** Not even a known user: a target that never exists. */
const GHOST = 'ghost';
/** The REST App admin's identity when it acts as a system actor. */
const SYSTEM = 'administrator';
const NAMED = [OWNER, ...ADMINS, ...MEMBERS] as const;
const ACTORS = [...NAMED, OUTSIDER] as const;

const START = 1_700_000_000_000;
const INITIAL_BALANCE = 500;

const CATALOG: readonly Gift[] = deepFreeze([
  { giftId: 'free', name: 'Heart', iconUrl: '', price: 0, level: 0 },
  { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 },
  { giftId: 'car', name: 'Car', iconUrl: '', price: 50, level: 2, animationUrl: 'car.svga' },
  { giftId: 'rocket', name: 'Rocket', iconUrl: '', price: 300, level: 3, animationUrl: 'rocket.svga' },
]);

function userInfo(userId: string): UserInfo {
  return { userId, userName: `User ${userId}`, avatarUrl: '' };
}

// ---------------------------------------------------------------------------------------------------------------
// The world and its driver (mirrors MemoryServer.commit)
// ---------------------------------------------------------------------------------------------------------------

interface World {
  readonly room: RoomState;
  readonly wallets: WalletState;
  /** Every ledger row the sends returned (the rules return rows; the caller, here the test, keeps them). */
  readonly ledger: readonly LedgerRow[];
  /** A client that received every batch since the start, applied with applyBatch. */
  readonly client: RoomSnapshot;
  readonly now: number;
  readonly seatCount: number;
  /** Sum of every like batch broadcast. */
  readonly likes: number;
  /** Every request ID ever created, so commands can name stale ones too. */
  readonly requestIds: readonly string[];
  /** Crowd user IDs created so far (c-1, c-2, …). */
  readonly crowd: number;
  readonly steps: number;
}

type AnyResult = RuleResult<RoomState> | RuleResult<{ room: RoomState; wallets: WalletState; row: LedgerRow }>;

/** Freezes what is not frozen yet; thanks to structural sharing only the new parts of a state are walked. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** The version the server would store: previous + 1 when the batch has events, else unchanged. */
function commitVersion(previous: RoomState, events: readonly RoomEvent[]): number {
  return previous.version + (events.length > 0 ? 1 : 0);
}

/**
 * Commits one rule result as MemoryServer.commit does. A failure must be a RoomError with a documented code and
 * leaves the world exactly as it was (the previous state is frozen, so a rule that wrote to it would have thrown).
 */
function commit(world: World, result: AnyResult): World {
  if (!result.ok) {
    assert.ok(result.error instanceof RoomError, 'a failed rule returns a RoomError');
    assert.ok(isErrorCode(result.error.code), `documented error code, got ${String(result.error.code)}`);
    return world;
  }
  const next = 'wallets' in result.state ? result.state.room : (result.state as RoomState);
  const wallets = 'wallets' in result.state ? result.state.wallets : world.wallets;
  const ledger = 'row' in result.state ? [...world.ledger, result.state.row] : world.ledger;
  const { events } = result;
  const version = commitVersion(world.room, events);
  const room = deepFreeze(next.version === version ? next : { ...next, version });
  let client = world.client;
  let likes = world.likes;
  let requestIds = world.requestIds;
  if (events.length > 0) {
    client = deepFreeze(applyBatch(client, { roomId: ROOM_ID, version, events }));
    for (const e of events) {
      if (e.type === 'likes.received') likes += e.count;
      if (e.type === 'request.updated' && e.request.status === 'pending' && !requestIds.includes(e.request.requestId)) {
        requestIds = [...requestIds, e.request.requestId];
      }
    }
  }
  return { ...world, room, wallets: deepFreeze(wallets), ledger: deepFreeze(ledger), client, likes, requestIds };
}

/** One step: run, commit, check. The version must grow by exactly one with events and stay put without. */
/** What the random sequences reached, so a generator that stops reaching the interesting cases fails loudly. */
const reached = new Map<string, number>();
function note(what: string): void {
  reached.set(what, (reached.get(what) ?? 0) + 1);
}

function step(world: World, label: string, run: (w: World) => AnyResult): World {
  const result = run(world);
  const next = commit(world, result);
  noteOutcome(world, next, label, result);
  const hadEvents = result.ok && result.events.length > 0;
  const problems = [...versionViolations(world.room, next.room, hadEvents), ...violations(next)];
  if (!result.ok) {
    if (next !== world) problems.push('failure.changed: a failed rule changed the world');
  }
  if (problems.length > 0) {
    const outcome = result.ok
      ? `ok with ${result.events.map((e) => e.type).join(', ') || 'no events'}`
      : `failed ${result.error.code} ${result.error.message}`;
    assert.fail(`after step ${world.steps + 1} (${label}; ${outcome}):\n  ${problems.join('\n  ')}`);
  }
  return { ...next, steps: world.steps + 1 };
}

function noteOutcome(before: World, after: World, label: string, result: AnyResult): void {
  const kind = /"type":"([\w.]+)"[^→]*$/.exec(label)?.[1] ?? /"t":"(\w+)"/.exec(label)?.[1] ?? '?';
  if (!result.ok) {
    note(`fail ${result.error.code}`);
    return;
  }
  note(`ok ${kind}`);
  for (const e of result.events) {
    note(`event ${e.type}`);
    if (e.type === 'request.updated') note(`request ${e.request.type} ${e.request.status}`);
    if (e.type === 'member.left') note(`left ${e.reason}${e.refill ? ' refill' : ''}`);
  }
  const { room } = after;
  if (
    room.barrage.length === BARRAGE_HISTORY &&
    before.room.barrage.length === BARRAGE_HISTORY &&
    result.events.some((e) => e.type === 'barrage.received')
  )
    note('barrage history rolled over');
  if (room.recent.length === RECENT_AUDIENCE && room.memberCount > RECENT_AUDIENCE) note('recent list full');
  if (room.admins.length === MAX_ADMINS) note('admins full');
  if (Object.keys(room.leases).length > 0) note('lease running');
  if (room.seats.some((s) => s.user && !mapGet(room.members, s.user.userId)?.online)) note('offline user seated');
  if (room.requests.some((r) => r.type === 'apply') && room.requests.some((r) => r.type === 'invite'))
    note('both request kinds pending');
}

/** applyRoomCommand bumps the version itself; check it agrees with the server's commit. */
function roomCommand(world: World, actorId: string, command: CommandOf<RoomCommandType>, system = false): AnyResult {
  const actor: Actor = system ? { user: userInfo(actorId), system: true } : { user: userInfo(actorId) };
  const applied = applyRoomCommand(world.room, actor, command, world.now);
  if (applied.ok) {
    assert.equal(
      applied.state.version,
      commitVersion(world.room, applied.events),
      `applyRoomCommand version for ${command.type}`,
    );
    checkResult(applied.state, actorId, command, applied.result);
  }
  return applied;
}

/** The answers a client gets must describe the state that was committed. */
function checkResult(room: RoomState, actorId: string, command: CommandOf<RoomCommandType>, result: unknown): void {
  if (command.type === 'seat.take') {
    const r = result as
      { seated: true; index: number } | { seated: false; request: { from: UserInfo; status: string } };
    if (r.seated) assert.equal(room.seats[r.index]?.user?.userId, actorId, 'seat.take answers the seat taken');
    else
      assert.ok(
        room.requests.includes(r.request as never) && r.request.from.userId === actorId,
        'seat.take answers the pending application',
      );
  }
  if (command.type === 'request.invite')
    assert.ok(room.requests.includes(result as never), 'request.invite answers the pending invitation');
  if (command.type === 'request.respond' || command.type === 'request.cancel') {
    const r = result as { requestId: string; status: string };
    assert.equal(r.requestId, command.requestId);
    assert.ok(
      !room.requests.some((q) => q.requestId === r.requestId),
      `${command.type} answers a request that left the queue`,
    );
  }
  if (command.type === 'like.send') assert.equal((result as { total: number }).total, room.likes.total);
}

// ---------------------------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------------------------

function requestSeq(requestId: string): number {
  const match = /-r(\d+)$/.exec(requestId);
  return match ? Number(match[1]) : Number.NaN;
}

/** Every broken invariant of a world, each prefixed by its name. Empty when all hold. */
function violations(world: World): string[] {
  const { room, wallets, ledger, now } = world;
  const out: string[] = [];
  const v = (name: string, detail: string) => out.push(`${name}: ${detail}`);
  const live = room.status === 'live';
  const ownerId = room.info.owner.userId;

  // Seats: constant count, indices 0..n-1 in order, one seat per user, locked seats empty, occupants are members.
  if (room.seats.length !== world.seatCount || room.info.seatCount !== world.seatCount) {
    v('seats.count', `${room.seats.length} seats, info says ${room.info.seatCount}, started with ${world.seatCount}`);
  }
  room.seats.forEach((seat, i) => {
    if (seat.index !== i) v('seats.index', `seat at position ${i} has index ${seat.index}`);
    if (seat.locked && seat.user) v('seats.locked', `${seat.user.userId} sits on locked seat ${i}`);
    if (!seat.user && seat.selfMuted) v('seats.selfMute', `empty seat ${i} is self-muted`);
  });
  const seated = room.seats.flatMap((s) => (s.user ? [s.user.userId] : []));
  const seenSeated = new Set<string>();
  for (const id of seated) {
    if (seenSeated.has(id)) v('seats.unique', `${id} holds more than one seat`);
    seenSeated.add(id);
    const member = mapGet(room.members, id);
    if (!member) v('seats.member', `${id} is seated but not a member`);
    // No ghost seats: a seated user who is offline holds the seat only for the lease.
    else if (!member.online && room.leases[id] === undefined)
      v('seats.ghost', `${id} is seated, offline and has no lease`);
  }

  // Requests: pending only, arrival order, one application per user, one invitation per invitee, subjects are
  // unseated members, seat indices valid.
  const applicants = new Set<string>();
  const invitees = new Set<string>();
  let lastSeq = 0;
  for (const r of room.requests) {
    if (r.status !== 'pending') v('requests.pending', `${r.requestId} is ${r.status} but still queued`);
    const seq = requestSeq(r.requestId);
    if (!(seq > lastSeq) || seq > room.requestSeq)
      v('requests.order', `${r.requestId} out of arrival order or beyond requestSeq ${room.requestSeq}`);
    lastSeq = seq;
    const subject = r.type === 'apply' ? r.from.userId : r.to?.userId;
    if (r.type === 'apply') {
      if (r.to !== null) v('requests.shape', `application ${r.requestId} has a target`);
      if (applicants.has(r.from.userId)) v('requests.oneApplication', `${r.from.userId} has two pending applications`);
      applicants.add(r.from.userId);
    } else {
      if (!r.to) v('requests.shape', `invitation ${r.requestId} has no invitee`);
      else {
        if (invitees.has(r.to.userId)) v('requests.oneInvitation', `${r.to.userId} has two pending invitations`);
        invitees.add(r.to.userId);
      }
    }
    if (subject !== undefined) {
      if (seenSeated.has(subject)) v('requests.seated', `${subject} is seated and still has pending ${r.requestId}`);
      if (!mapGet(room.members, subject))
        v('requests.member', `${subject}, subject of ${r.requestId}, is not a member`);
    }
    if (
      r.seatIndex !== null &&
      !(Number.isInteger(r.seatIndex) && r.seatIndex >= 0 && r.seatIndex < room.seats.length)
    ) {
      v('requests.seatIndex', `${r.requestId} asks for seat ${r.seatIndex}`);
    }
  }
  if (!live && room.requests.length > 0) v('requests.ended', 'an ended room still has pending requests');

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
function versionViolations(before: RoomState, after: RoomState, hadEvents: boolean): string[] {
  if (hadEvents && after.version !== before.version + 1)
    return [`version.bump: ${before.version} → ${after.version} on a batch with events`];
  if (!hadEvents && after.version !== before.version)
    return [`version.still: ${before.version} → ${after.version} without events`];
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

/** A request named by position: among the pending ones, or among every request ever made (mostly stale). */
interface RequestRef {
  readonly pending: boolean;
  readonly i: number;
}

type CmdSpec =
  | CommandOf<RoomCommandType>
  | { readonly type: 'request.respond'; readonly ref: RequestRef; readonly accept: boolean }
  | { readonly type: 'request.cancel'; readonly ref: RequestRef }
  /** Takes the i-th locked seat (mod the number locked; seat 0 when none is). */
  | { readonly type: 'seat.take'; readonly lockedSeat: number }
  /** Invites the invitee of the i-th pending invitation again (a duplicate unless it just ended). */
  | { readonly type: 'request.invite'; readonly reinvite: number }
  /** Kicks whoever sits on the i-th occupied seat (mod the number occupied). */
  | { readonly type: 'seat.kick'; readonly occupied: number };

type Op =
  | { readonly t: 'join'; readonly user: string }
  | { readonly t: 'disconnect'; readonly user: string }
  | { readonly t: 'advance'; readonly ms: number; readonly tick: boolean }
  | { readonly t: 'cmd'; readonly actor: string; readonly cmd: CmdSpec }
  | {
      readonly t: 'gift';
      readonly actor: string;
      readonly giftId: string;
      readonly count: number;
      readonly receiver: string;
    }
  | { readonly t: 'burst'; readonly actor: string; readonly n: number }
  | { readonly t: 'crowdJoin'; readonly n: number }
  | { readonly t: 'crowdLeave'; readonly i: number; readonly how: 'leave' | 'disconnect' | 'kick' | 'ban' }
  | { readonly t: 'fans'; readonly fans: number }
  /** The invitee of the i-th pending invitation answers it. */
  | { readonly t: 'answerInvite'; readonly i: number; readonly accept: boolean }
  /** The REST App admin (a system actor that is not in the room) moderates. */
  | { readonly t: 'system'; readonly cmd: CmdSpec };

function resolveRef(world: World, ref: RequestRef): string {
  const list = ref.pending ? world.room.requests.map((r) => r.requestId) : world.requestIds;
  return list.length === 0 ? `${ROOM_ID}-r999` : list[ref.i % list.length]!;
}

function resolveCmd(world: World, spec: CmdSpec): CommandOf<RoomCommandType> {
  if (spec.type === 'request.respond' && 'ref' in spec)
    return { type: 'request.respond', requestId: resolveRef(world, spec.ref), accept: spec.accept };
  if (spec.type === 'request.cancel' && 'ref' in spec)
    return { type: 'request.cancel', requestId: resolveRef(world, spec.ref) };
  if (spec.type === 'seat.take' && 'lockedSeat' in spec) {
    const locked = world.room.seats.filter((seat) => seat.locked).map((seat) => seat.index);
    return { type: 'seat.take', index: locked.length === 0 ? 0 : locked[spec.lockedSeat % locked.length]! };
  }
  if (spec.type === 'request.invite' && 'reinvite' in spec) {
    const invitees = world.room.requests.flatMap((r) => (r.type === 'invite' ? [r.to!.userId] : []));
    return {
      type: 'request.invite',
      userId: invitees.length === 0 ? GHOST : invitees[spec.reinvite % invitees.length]!,
      index: null,
    };
  }
  if (spec.type === 'seat.kick' && 'occupied' in spec) {
    const occupants = world.room.seats.flatMap((seat) => (seat.user ? [seat.user.userId] : []));
    return { type: 'seat.kick', userId: occupants.length === 0 ? GHOST : occupants[spec.occupied % occupants.length]! };
  }
  return spec as CommandOf<RoomCommandType>;
}

/** A dropped connection cannot send anything (the server answers CONNECTION_LOST before any rule runs). */
function isOffline(world: World, userId: string): boolean {
  return mapGet(world.room.members, userId)?.online === false;
}

const crowdId = (n: number) => `c-${n}`;

function crowdMembers(world: World): string[] {
  return mapKeys(world.room.members).filter((id) => id.startsWith('c-'));
}

function crowdLeave(world: World, op: Extract<Op, { t: 'crowdLeave' }>, label: string): World {
  const crowd = crowdMembers(world);
  if (crowd.length === 0) return world;
  const id = crowd[op.i % crowd.length]!;
  const full = `${label} → ${id}`;
  if (isOffline(world, id) && (op.how === 'leave' || op.how === 'disconnect')) return world;
  switch (op.how) {
    case 'leave':
      return step(world, full, (w) => roomCommand(w, id, { type: 'room.leave' }));
    case 'disconnect':
      return step(world, full, (w) => disconnectMember(w.room, id, w.now));
    case 'kick':
      return step(world, full, (w) => roomCommand(w, OWNER, { type: 'member.kick', userId: id }));
    case 'ban':
      return step(world, full, (w) => roomCommand(w, OWNER, { type: 'member.ban', userIds: [id], seconds: 60 }));
  }
}

function runOp(world: World, op: Op): World {
  const label = JSON.stringify(op);
  switch (op.t) {
    case 'join':
      return step(world, label, (w) => joinRoom(w.room, userInfo(op.user), w.now));
    case 'disconnect':
      if (isOffline(world, op.user)) return world;
      return step(world, label, (w) => disconnectMember(w.room, op.user, w.now));
    case 'advance': {
      const advanced: World = { ...world, now: world.now + op.ms };
      return op.tick ? step(advanced, label, (w) => tick(w.room, w.now)) : advanced;
    }
    case 'cmd': {
      if (isOffline(world, op.actor)) return world;
      const command = resolveCmd(world, op.cmd);
      return step(world, `${label} → ${JSON.stringify(command)}`, (w) => roomCommand(w, op.actor, command));
    }
    case 'gift':
      if (isOffline(world, op.actor)) return world;
      return step(world, label, (w) =>
        sendGift(
          { room: w.room, wallets: w.wallets, catalog: CATALOG },
          { user: userInfo(op.actor) },
          { giftId: op.giftId, count: op.count, receiverId: op.receiver },
          w.now,
        ),
      );
    case 'burst': {
      if (isOffline(world, op.actor)) return world;
      let w = world;
      for (let k = 0; k < op.n; k++)
        w = step(w, `${label} #${k}`, (x) => roomCommand(x, op.actor, { type: 'barrage.send', text: `burst ${k}` }));
      return w;
    }
    case 'crowdJoin': {
      let w = world;
      for (let k = 0; k < op.n; k++) {
        const id = crowdId(w.crowd + 1);
        w = step({ ...w, crowd: w.crowd + 1 }, `${label} ${id}`, (x) => joinRoom(x.room, userInfo(id), x.now));
      }
      return w;
    }
    case 'crowdLeave':
      return crowdLeave(world, op, label);
    case 'fans':
      return step(world, label, (w) => updateOwnerFans(w.room, OWNER, op.fans));
    case 'system': {
      const command = resolveCmd(world, op.cmd);
      return step(world, `${label} → ${JSON.stringify(command)}`, (w) => roomCommand(w, SYSTEM, command, true));
    }
    case 'answerInvite': {
      const invitations = world.room.requests.filter((r) => r.type === 'invite');
      const invitation = invitations[op.i % Math.max(1, invitations.length)];
      if (!invitation || isOffline(world, invitation.to!.userId)) return world;
      const command = { type: 'request.respond' as const, requestId: invitation.requestId, accept: op.accept };
      return step(world, `${label} → ${invitation.to!.userId} ${JSON.stringify(command)}`, (w) =>
        roomCommand(w, invitation.to!.userId, command),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------------

const actorArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(OWNER) },
  { weight: 3, arbitrary: fc.constantFrom(...ADMINS) },
  { weight: 5, arbitrary: fc.constantFrom(...MEMBERS) },
  { weight: 1, arbitrary: fc.constant(OUTSIDER) },
);
const targetArb = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...NAMED) },
  { weight: 1, arbitrary: fc.constantFrom(OUTSIDER, GHOST, crowdId(1), crowdId(2)) },
);
/** Mostly valid indices for small rooms, plus every kind of invalid one. */
const seatIndexArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 6, max: 19 }) },
  { weight: 2, arbitrary: fc.constantFrom(-1, 20, 21, 1.5) },
);
const takeIndexArb = fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: seatIndexArb });
const timeoutArb = fc.constantFrom(undefined, undefined, 0, 1, 5, 60, -1, 1.5, 86_401);
const refArb: fc.Arbitrary<RequestRef> = fc
  .record({ pending: fc.boolean(), i: fc.nat(20) })
  .map((r) => ({ pending: r.pending || r.i % 4 !== 0, i: r.i }));
const textArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('hi', 'hello 😀', ' padded ', '<b>not html</b>') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '\u0000\u0007',
      'a'.repeat(MAX_BARRAGE_LENGTH),
      'a'.repeat(MAX_BARRAGE_LENGTH + 1),
      '😀'.repeat(MAX_BARRAGE_LENGTH),
      ` ${'b'.repeat(MAX_BARRAGE_LENGTH)} `,
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const secondsArb = fc.constantFrom(0, 1, 60, 3600, -1, 1.5);

const cmdArb: fc.Arbitrary<CmdSpec> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ type: fc.constant('seat.take' as const), index: takeIndexArb, timeoutSec: timeoutArb }),
  },
  { weight: 3, arbitrary: fc.constant({ type: 'seat.leave' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('seat.move' as const),
      index: seatIndexArb,
      policy: fc.constantFrom(undefined, 'abort' as const, 'swap' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('seat.kick' as const), userId: targetArb }) },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('seat.lock' as const), index: seatIndexArb, locked: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('seat.lockAudio' as const), index: seatIndexArb, locked: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('seat.selfMute' as const), muted: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('request.invite' as const),
      userId: targetArb,
      index: takeIndexArb,
      timeoutSec: timeoutArb,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ type: fc.constant('request.respond' as const), ref: refArb, accept: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('request.cancel' as const), ref: refArb }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('request.respondAll' as const), accept: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('room.update' as const),
      patch: fc.oneof(
        fc.record({ seatMode: fc.constantFrom('free' as const, 'apply' as const) }),
        fc.record({ isMessageDisabled: fc.boolean() }),
        fc.record({ name: fc.constantFrom('Renamed', '  ', 'x'.repeat(101)) }),
      ),
    }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('barrage.send' as const), text: textArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('like.send' as const),
      count: fc.constantFrom(1, 5, 100, 101, 0, -1, 2.5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('member.mute' as const), userId: targetArb, seconds: secondsArb }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('member.kick' as const), userId: targetArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('member.ban' as const),
      userIds: fc.oneof(
        { weight: 8, arbitrary: fc.array(targetArb, { maxLength: 3 }) },
        { weight: 1, arbitrary: fc.constant(Array.from({ length: 21 }, (_, i) => `x${i}`)) },
      ),
      seconds: fc.constantFrom(1, 5, 60, 0, -5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('member.unban' as const),
      userIds: fc.array(targetArb, { maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('admin.set' as const), userId: targetArb, admin: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.constant({ type: 'room.leave' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'room.end' as const }) },
);

/** What owners and admins do most: answer, invite, kick, lock, promote. Sent by a manager so that most can succeed. */
const managerCmdArb: fc.Arbitrary<CmdSpec> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('request.invite' as const),
      userId: targetArb,
      index: takeIndexArb,
      timeoutSec: timeoutArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('request.invite' as const), reinvite: fc.nat(5) }) },
  {
    weight: 5,
    arbitrary: fc.record({ type: fc.constant('request.respond' as const), ref: refArb, accept: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('request.cancel' as const), ref: refArb }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('request.respondAll' as const), accept: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('seat.kick' as const), userId: targetArb }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('seat.kick' as const), occupied: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('seat.lock' as const), index: seatIndexArb, locked: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('admin.set' as const),
      userId: targetArb,
      admin: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('member.kick' as const), userId: targetArb }) },
);

/** Invitations only matter if invitees answer them: a member answers (mostly) its own pending requests. */
const answerArb: fc.Arbitrary<CmdSpec> = fc.record({
  type: fc.constant('request.respond' as const),
  ref: refArb,
  accept: fc.boolean(),
});

// room.end is rare on purpose: after it every command fails, which is checked but teaches little.
const endIsRare = (spec: CmdSpec, roll: number) => spec.type !== 'room.end' || roll < 0.15;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 60,
    arbitrary: fc
      .record({ actor: actorArb, cmd: cmdArb, roll: fc.double({ min: 0, max: 1, noNaN: true }) })
      .filter(({ cmd, roll }) => endIsRare(cmd, roll))
      .map(({ actor, cmd }) => ({ t: 'cmd' as const, actor, cmd })),
  },
  {
    weight: 20,
    arbitrary: fc.record({
      t: fc.constant('cmd' as const),
      actor: fc.constantFrom(OWNER, OWNER, ...ADMINS),
      cmd: managerCmdArb,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('cmd' as const),
      actor: fc.constantFrom(...MEMBERS, ...ADMINS, OWNER),
      cmd: answerArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('system' as const),
      cmd: fc.oneof(
        managerCmdArb,
        fc.record({
          type: fc.constant('member.ban' as const),
          userIds: fc.array(targetArb, { minLength: 1, maxLength: 3 }),
          seconds: fc.constantFrom(5, 60),
        }),
        fc.record({ type: fc.constant('member.mute' as const), userId: targetArb, seconds: secondsArb }),
        fc.record({
          type: fc.constant('room.update' as const),
          patch: fc.record({ seatMode: fc.constantFrom('free' as const, 'apply' as const) }),
        }),
        fc.record({ type: fc.constant('seat.lockAudio' as const), index: seatIndexArb, locked: fc.boolean() }),
      ),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('answerInvite' as const), i: fc.nat(5), accept: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('cmd' as const),
      actor: fc.constantFrom(...MEMBERS),
      cmd: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record({
            type: fc.constant('seat.take' as const),
            index: takeIndexArb,
            timeoutSec: timeoutArb,
          }),
        },
        { weight: 1, arbitrary: fc.record({ type: fc.constant('seat.take' as const), lockedSeat: fc.nat(5) }) },
      ),
    }),
  },
  { weight: 8, arbitrary: fc.record({ t: fc.constant('join' as const), user: fc.constantFrom(...NAMED) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('disconnect' as const), user: fc.constantFrom(...NAMED) }) },
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.constantFrom(0, 100, 1_000, 3_000, 5_000, 30_000, 61_000),
      tick: fc.boolean(),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('gift' as const),
      actor: actorArb,
      giftId: fc.constantFrom('free', 'rose', 'car', 'rocket', 'rocket', 'unknown'),
      count: fc.constantFrom(1, 1, 2, 10, 0, -1, 1.5, 10_000),
      receiver: targetArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('burst' as const),
      actor: fc.constantFrom(OWNER, OWNER, ...ADMINS),
      n: fc.integer({ min: 20, max: 250 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crowdJoin' as const), n: fc.integer({ min: 1, max: 8 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('crowdLeave' as const),
      i: fc.nat(200),
      how: fc.constantFrom('leave' as const, 'disconnect' as const, 'kick' as const, 'ban' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('fans' as const), fans: fc.nat(5) }) },
);

interface Setup {
  readonly seatCount: number;
  readonly seatMode: 'free' | 'apply';
  readonly keepOwnerOnSeat: boolean;
  readonly isMessageDisabled: boolean;
  readonly seatLeaseMs: number;
  readonly maxMembers: number;
  /** Room-wide barrage rate generous enough that bursts fill the 200-message history. */
  readonly generousRates: boolean;
  readonly admins: readonly string[];
  readonly members: readonly string[];
  /** Members promoted at the start too, so the five-admin cap is reached often enough. */
  readonly extraAdmins: readonly string[];
  /** Crowd members joined before the named ones, so the recent-100 list overflows and refills. */
  readonly crowd: number;
}

const setupArb: fc.Arbitrary<Setup> = fc
  .record({
    seatCount: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }) },
      { weight: 1, arbitrary: fc.constantFrom(10, 20) },
    ),
    seatMode: fc.constantFrom('free' as const, 'apply' as const),
    keepOwnerOnSeat: fc.boolean(),
    isMessageDisabled: fc.boolean(),
    seatLeaseMs: fc.constantFrom(0, 5_000, 30_000, 30_000),
    maxMembers: fc.oneof({ weight: 1, arbitrary: fc.constant(6) }, { weight: 6, arbitrary: fc.constant(100_000) }),
    generousRates: fc.boolean(),
    admins: fc.subarray([...ADMINS]),
    members: fc.oneof(
      { weight: 3, arbitrary: fc.constant([...MEMBERS]) },
      { weight: 2, arbitrary: fc.subarray([...MEMBERS]) },
    ),
    crowd: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 96, max: 104 }) },
    ),
    extraAdmins: fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.subarray([...MEMBERS], { minLength: 3, maxLength: 4 }) },
    ),
  })
  // A crowd in a room capped at 6 members would be a hundred ROOM_FULL failures and nothing else.
  .map((s) => (s.maxMembers < 100 ? { ...s, crowd: 0 } : s));

/** The room as the owner starts it, then the setup's joins and admin grants, each a checked step. */
function createWorld(setup: Setup): World {
  const generous = { limit: 1_000, windowMs: 1 };
  const created = createRoomState({
    roomId: ROOM_ID,
    owner: userInfo(OWNER),
    options: {
      seatCount: setup.seatCount,
      seatMode: setup.seatMode,
      keepOwnerOnSeat: setup.keepOwnerOnSeat,
      isMessageDisabled: setup.isMessageDisabled,
    },
    now: START,
    limits: {
      seatLeaseMs: setup.seatLeaseMs,
      maxMembers: setup.maxMembers,
      ...(setup.generousRates ? { barrageRate: generous, likeRate: generous } : {}),
    },
  });
  assert.ok(created.ok, 'createRoomState');
  const room = deepFreeze(created.state);
  let world: World = {
    room,
    wallets: deepFreeze(createWallets(INITIAL_BALANCE)),
    ledger: [],
    client: deepFreeze(toSnapshot(room)),
    now: START,
    seatCount: setup.seatCount,
    likes: 0,
    requestIds: [],
    crowd: 0,
    steps: 0,
  };
  const initial = violations(world);
  assert.deepEqual(initial, [], 'a fresh room satisfies every invariant');
  if (setup.crowd > 0) world = runOp(world, { t: 'crowdJoin', n: setup.crowd });
  for (const id of [...setup.admins, ...setup.members]) world = runOp(world, { t: 'join', user: id });
  for (const id of [...setup.admins, ...setup.extraAdmins])
    world = runOp(world, { t: 'cmd', actor: OWNER, cmd: { type: 'admin.set', userId: id, admin: true } });
  return world;
}

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

/** At least 1,000; FC_NUM_RUNS may ask for more (a long bug hunt), never fewer. */
const NUM_RUNS = Math.max(1_000, Number(process.env.FC_NUM_RUNS ?? 0) || 0);

describe('room rules: invariants over random operation sequences', () => {
  it(`hold after every step of ${NUM_RUNS} random sequences (1..60 ops)`, () => {
    const replay = process.env.FC_SEED
      ? { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) }
      : {};
    fc.assert(
      fc.property(setupArb, fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }), (setup, ops) => {
        let world = createWorld(setup);
        for (const op of ops) world = runOp(world, op);
      }),
      { numRuns: NUM_RUNS, includeErrorInReport: true, ...replay },
    );
    if (process.env.FC_STATS)
      console.log(
        [...reached]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => `${k}: ${n}`)
          .join('\n'),
      );
    const wanted = [
      'ok seat.take',
      'ok seat.move',
      'ok seat.kick',
      'ok seat.lock',
      'ok seat.lockAudio',
      'ok seat.selfMute',
      'ok request.invite',
      'ok request.respond',
      'ok request.cancel',
      'ok request.respondAll',
      'ok room.update',
      'ok barrage.send',
      'ok like.send',
      'ok member.mute',
      'ok member.kick',
      'ok member.ban',
      'ok member.unban',
      'ok admin.set',
      'ok room.leave',
      'ok room.end',
      'ok gift',
      'ok join',
      'ok disconnect',
      'ok advance',
      'ok fans',
      'request apply accepted',
      'request invite accepted',
      'request apply rejected',
      'request apply timeout',
      'request invite cancelled',
      'left kicked',
      'left banned',
      'left disconnected',
      'left left refill',
      'event seat.kicked',
      `fail ${ErrorCode.INSUFFICIENT_BALANCE}`,
      `fail ${ErrorCode.TOO_MANY_ADMINS}`,
      `fail ${ErrorCode.SEAT_LOCKED}`,
      `fail ${ErrorCode.SEAT_NOT_FOUND}`,
      `fail ${ErrorCode.SEATS_FULL}`,
      `fail ${ErrorCode.ALREADY_QUEUED}`,
      `fail ${ErrorCode.REQUEST_DUPLICATE}`,
      `fail ${ErrorCode.BARRAGE_TOO_LONG}`,
      `fail ${ErrorCode.BARRAGE_EMPTY}`,
      `fail ${ErrorCode.RATE_LIMITED}`,
      `fail ${ErrorCode.ROOM_FULL}`,
      `fail ${ErrorCode.MEMBER_BANNED}`,
      `fail ${ErrorCode.NOT_IN_ROOM}`,
      `fail ${ErrorCode.ROOM_ENDED}`,
      `fail ${ErrorCode.OWNER_CANNOT_LEAVE}`,
      'barrage history rolled over',
      'recent list full',
      'admins full',
      'lease running',
      'offline user seated',
      'both request kinds pending',
    ];
    if (!process.env.FC_SEED)
      assert.deepEqual(
        wanted.filter((w) => !reached.has(w)),
        [],
        'situations the random sequences never reached',
      );
  });
});

describe('room rules: counterexamples the property test found', () => {
  it("releases the owner's seat when the owner drops and seats have no lease (seatLeaseMs 0): no ghost seat", () => {
    // Shrunk counterexample (seed -395431342): seatLeaseMs 0, owner on seat 0, the owner disconnects.
    const world = createWorld({
      seatCount: 1,
      seatMode: 'free',
      keepOwnerOnSeat: true,
      isMessageDisabled: false,
      seatLeaseMs: 0,
      maxMembers: 6,
      generousRates: false,
      admins: [],
      members: [],
      crowd: 0,
      extraAdmins: [],
    });
    assert.equal(world.room.seats[0]!.user?.userId, OWNER);
    const after = runOp(world, { t: 'disconnect', user: OWNER });
    assert.equal(after.room.seats[0]!.user, null);
    assert.equal(mapGet(after.room.members, OWNER)?.online, false, 'the owner stays a member, offline');
    assert.equal(after.room.version, world.room.version + 1, 'everyone is told the seat is free');
    assert.equal(mapGet(runOp(after, { t: 'join', user: OWNER }).room.members, OWNER)?.online, true);
  });
});

describe('room rules: the invariant checker can fail', () => {
  /** A small valid world: owner on seat 0, admin1 admin on seat 1, m1 applied, m2 invited, one gift sent. */
  function validWorld(): World {
    let w = createWorld({
      seatCount: 4,
      seatMode: 'apply',
      keepOwnerOnSeat: true,
      isMessageDisabled: false,
      seatLeaseMs: 30_000,
      maxMembers: 100_000,
      generousRates: false,
      admins: ['admin1'],
      members: ['m1', 'm2', 'm3'],
      crowd: 0,
      extraAdmins: [],
    });
    w = runOp(w, { t: 'cmd', actor: 'admin1', cmd: { type: 'seat.take', index: 1 } });
    w = runOp(w, { t: 'cmd', actor: 'm1', cmd: { type: 'seat.take', index: null } });
    w = runOp(w, { t: 'cmd', actor: OWNER, cmd: { type: 'request.invite', userId: 'm2', index: 2 } });
    w = runOp(w, { t: 'gift', actor: 'm3', giftId: 'car', count: 2, receiver: OWNER });
    w = runOp(w, { t: 'cmd', actor: 'm3', cmd: { type: 'barrage.send', text: 'hello' } });
    w = runOp(w, { t: 'cmd', actor: 'm3', cmd: { type: 'like.send', count: 3 } });
    return w;
  }

  const corrupt = (w: World, room: Partial<RoomState>): World => ({ ...w, room: { ...w.room, ...room } });
  const expectViolation = (w: World, name: string) => {
    const found = violations(w);
    assert.ok(
      found.some((v) => v.startsWith(`${name}:`)),
      `expected a ${name} violation, got ${JSON.stringify(found)}`,
    );
  };

  it('accepts the valid world it corrupts below', () => {
    const w = validWorld();
    assert.deepEqual(violations(w), []);
    assert.equal(w.room.requests.length, 2);
    assert.equal(w.ledger.length, 1);
    assert.equal(w.room.barrage.length, 1);
  });

  it('reports seat violations', () => {
    const w = validWorld();
    const seats = w.room.seats;
    const owner = seats[0]!.user!;
    expectViolation(corrupt(w, { seats: seats.map((s, i) => (i === 3 ? { ...s, user: owner } : s)) }), 'seats.unique');
    expectViolation(corrupt(w, { seats: seats.map((s, i) => (i === 0 ? { ...s, locked: true } : s)) }), 'seats.locked');
    expectViolation(corrupt(w, { seats: seats.slice(0, 3) }), 'seats.count');
    expectViolation(corrupt(w, { seats: [seats[1]!, seats[0]!, seats[2]!, seats[3]!] }), 'seats.index');
    expectViolation(
      corrupt(w, { seats: seats.map((s, i) => (i === 3 ? { ...s, user: userInfo(OUTSIDER) } : s)) }),
      'seats.member',
    );
    const offline = { ...mapGet(w.room.members, 'admin1')!, online: false };
    expectViolation(corrupt(w, { members: mapSet(w.room.members, 'admin1', offline) }), 'seats.ghost');
    expectViolation(
      corrupt(w, { seats: seats.map((s, i) => (i === 3 ? { ...s, selfMuted: true } : s)) }),
      'seats.selfMute',
    );
  });

  it('reports request violations', () => {
    const w = validWorld();
    const [application, invitation] = w.room.requests;
    assert.equal(application!.type, 'apply');
    assert.equal(invitation!.type, 'invite');
    const again = (r: typeof application, seq: number) => ({ ...r!, requestId: `${ROOM_ID}-r${seq}` });
    expectViolation(
      corrupt(w, { requests: [application!, invitation!, again(application, 3)], requestSeq: 3 }),
      'requests.oneApplication',
    );
    expectViolation(
      corrupt(w, { requests: [application!, invitation!, again(invitation, 3)], requestSeq: 3 }),
      'requests.oneInvitation',
    );
    expectViolation(corrupt(w, { requests: [invitation!, application!] }), 'requests.order');
    expectViolation(
      corrupt(w, { requests: [{ ...application!, status: 'accepted' }, invitation!] }),
      'requests.pending',
    );
    const seatedApplicant = { ...application!, from: userInfo('admin1') };
    expectViolation(corrupt(w, { requests: [seatedApplicant, invitation!] }), 'requests.seated');
    const strangerInvited = { ...invitation!, to: userInfo(OUTSIDER) };
    expectViolation(corrupt(w, { requests: [application!, strangerInvited] }), 'requests.member');
    expectViolation(corrupt(w, { requests: [application!, { ...invitation!, seatIndex: 4 }] }), 'requests.seatIndex');
  });

  it('reports member, recent, admin and barrage violations', () => {
    const w = validWorld();
    expectViolation(corrupt(w, { memberCount: w.room.memberCount + 1 }), 'members.count');
    expectViolation(
      corrupt(w, { members: mapDelete(w.room.members, 'm3'), memberCount: w.room.memberCount - 1 }),
      'recent.member',
    );
    expectViolation(corrupt(w, { recent: [...w.room.recent, w.room.recent[0]!] }), 'recent.unique');
    expectViolation(corrupt(w, { recent: [...w.room.recent].reverse() }), 'recent.latest');
    expectViolation(
      corrupt(w, { recent: Array.from({ length: RECENT_AUDIENCE + 1 }, (_, i) => `u${i}`) }),
      'recent.size',
    );
    expectViolation(corrupt(w, { bans: { m3: w.now + 1_000 } }), 'members.banned');
    expectViolation(corrupt(w, { leases: { m3: w.now + 1_000 } }), 'leases.online');
    expectViolation(
      corrupt(w, { members: mapSet(w.room.members, 'm3', { ...mapGet(w.room.members, 'm3')!, online: false }) }),
      'members.offline',
    );
    expectViolation(corrupt(w, { admins: ['admin1', 'a2', 'a3', 'a4', 'a5', 'a6'] }), 'admins.max');
    expectViolation(corrupt(w, { admins: ['admin1', OWNER] }), 'admins.owner');
    const message = w.room.barrage[0]!;
    const history = Array.from({ length: BARRAGE_HISTORY + 1 }, (_, i) => ({ ...message, messageId: `m${i}` }));
    expectViolation(corrupt(w, { barrage: history }), 'barrage.size');
    expectViolation(corrupt(w, { likes: { total: w.room.likes.total + 1 } }), 'likes.total');
  });

  it('reports wallet and gift-total violations', () => {
    const w = validWorld();
    expectViolation(
      { ...w, wallets: { ...w.wallets, balances: { ...w.wallets.balances, m3: -1 } } },
      'wallet.negative',
    );
    expectViolation(
      { ...w, wallets: { ...w.wallets, balances: { ...w.wallets.balances, m3: INITIAL_BALANCE } } },
      'wallet.ledger',
    );
    expectViolation(corrupt(w, { gifts: { ...w.room.gifts, amount: w.room.gifts.amount + 1 } }), 'gifts.totals');
    expectViolation(corrupt(w, { gifts: { ...w.room.gifts, contributions: {} } }), 'gifts.contributions');
  });

  it('reports a client that missed or misapplied a batch, and version mistakes', () => {
    const w = validWorld();
    const sent = roomCommand(w, 'm3', { type: 'like.send', count: 2 });
    assert.ok(sent.ok);
    // The state moved on but the client never got the batch.
    expectViolation(
      { ...w, room: { ...sent.state, version: w.room.version + 1 } as RoomState, likes: w.likes + 2 },
      'replication',
    );
    // A client that applied a batch the state never committed.
    const phantom = applyBatch(w.client, {
      roomId: ROOM_ID,
      version: w.room.version + 1,
      events: [{ type: 'admins.updated', admins: [] }],
    });
    expectViolation({ ...w, client: phantom }, 'replication');
    assert.match(versionViolations(w.room, w.room, true).join(), /^version\.bump/);
    assert.match(versionViolations(w.room, { ...w.room, version: w.room.version + 2 }, true).join(), /^version\.bump/);
    assert.match(
      versionViolations(w.room, { ...w.room, version: w.room.version + 1 }, false).join(),
      /^version\.still/,
    );
    assert.deepEqual(versionViolations(w.room, { ...w.room, version: w.room.version + 1 }, true), []);
  });

  it('makes a rule that writes to the previous state throw, and a failure keep the same world', () => {
    const w = validWorld();
    assert.ok(Object.isFrozen(w.room) && Object.isFrozen(w.room.seats) && Object.isFrozen(w.room.seats[0]));
    assert.throws(
      () =>
        step(w, 'mutating rule', (x) => {
          (x.room.seats as Seat[])[0] = { ...x.room.seats[0]!, locked: true };
          return { ok: true, state: x.room, events: [] };
        }),
      TypeError,
    );
    assert.equal(commit(w, roomCommand(w, OUTSIDER, { type: 'seat.leave' })), w);
    // A step whose rule lies about its events is caught by the replication check.
    assert.throws(
      () => step(w, 'silent change', (x) => ({ ok: true, state: { ...x.room, admins: [] }, events: [] })),
      /replication/,
    );
  });
});

type Seat = RoomState['seats'][number];
