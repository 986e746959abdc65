/**
 * Property test of the room rules: random operation sequences from several users against ONE pure room model,
 * driven only through the public rules (joinRoom, applyRoomCommand, sendGift, disconnectMember, tick,
 * updateOwnerFans) and committed exactly as the servers commit (version = previous + 1 per batch with events).
 * After every step the room, wallet and replication invariants are checked; the last suite proves the checker
 * itself can fail. The world model is in world-model.ts, the invariant checker in invariants.ts (the contract
 * suite checks the clients' snapshots with the same checker).
 *
 * Reproduce a failure with the seed and path fast-check prints: FC_SEED=<seed> FC_PATH=<path> node --import tsx --test …
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RECENT_AUDIENCE } from '../../../src/model/audience.js';
import { BARRAGE_HISTORY, MAX_BARRAGE_LENGTH } from '../../../src/model/barrage.js';
import type { CommandOf } from '../../../src/model/commands.js';
import { ErrorCode } from '../../../src/model/errors.js';
import type { RoomSnapshot, RoomState } from '../../../src/model/room.js';
import { MAX_ADMINS } from '../../../src/model/user.js';
import { joinRoom } from '../../../src/rules/audience.js';
import type { RoomCommandType } from '../../../src/rules/dispatch.js';
import { createWallets, sendGift } from '../../../src/rules/gifts.js';
import { createRoomState, disconnectMember, tick, updateOwnerFans } from '../../../src/rules/room.js';
import { applyBatch, toSnapshot } from '../../../src/rules/snapshot.js';
import { mapDelete, mapGet, mapKeys, mapSet } from '../../../src/rules/persistent-map.js';
import { snapshotViolations, versionViolations, violations } from './invariants.js';
import {
  ADMINS,
  type AnyResult,
  CATALOG,
  GHOST,
  INITIAL_BALANCE,
  MEMBERS,
  NAMED,
  OUTSIDER,
  OWNER,
  ROOM_ID,
  START,
  SYSTEM,
  type World,
  commit,
  deepFreeze,
  roomCommand,
  userInfo,
} from './world-model.js';

// ---------------------------------------------------------------------------------------------------------------
// Steps (run, commit, check) and what the sequences reached
// ---------------------------------------------------------------------------------------------------------------

/** What the random sequences reached, so a generator that stops reaching the interesting cases fails loudly. */
const reached = new Map<string, number>();
function note(what: string): void {
  reached.set(what, (reached.get(what) ?? 0) + 1);
}

/** One step: run, commit, check. The version must grow by exactly one with events and stay put without. */
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

  it("reports a client snapshot's audience and gift-total violations", () => {
    const { client } = validWorld();
    assert.deepEqual(snapshotViolations(client), []);
    const expectIn = (snapshot: RoomSnapshot, name: string) => {
      const found = snapshotViolations(snapshot);
      assert.ok(
        found.some((v) => v.startsWith(`${name}:`)),
        `expected a ${name} violation, got ${JSON.stringify(found)}`,
      );
    };
    const { audience, gifts } = client;
    expectIn(
      { ...client, audience: { ...audience, recent: [...audience.recent, audience.recent[0]!] } },
      'audience.unique',
    );
    expectIn({ ...client, audience: { ...audience, total: audience.recent.length - 1 } }, 'audience.total');
    const entry = gifts.leaderboard[0]!;
    expectIn(
      { ...client, gifts: { ...gifts, leaderboard: [entry, { ...entry, amount: entry.amount + 1 }] } },
      'gifts.leaderboard',
    );
    expectIn({ ...client, seats: client.seats.slice(0, 3) }, 'seats.count');
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
