/**
 * Issue 12 §1: user IDs, room IDs and field names that are also JavaScript property names (`constructor`,
 * `__proto__`, `valueOf`, `hasOwnProperty`, …) are ordinary IDs to the rules. Random operation sequences whose
 * users, owner and room are drawn from `Object.getOwnPropertyNames(Object.prototype)` plus ordinary IDs run
 * through the pure rules against a small model (who is present, who is banned or muted, what each wallet holds,
 * who follows whom), and the protocol parser must refuse such names as unknown fields.
 *
 * Reproduce a failure with the seed and path fast-check prints: FC_SEED=<seed> FC_PATH=<path> node --import tsx --test …
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FrameError } from '../../../src/backends/local/protocol.js';
import { parseClientFrame } from '../../../src/backends/local/protocol-check.js';
import { ErrorCode } from '../../../src/model/errors.js';
import type { RoomEvent } from '../../../src/model/events.js';
import type { Gift } from '../../../src/model/gift.js';
import type { RoomSnapshot, RoomState } from '../../../src/model/room.js';
import { USER_ID_PATTERN, type UserInfo } from '../../../src/model/user.js';
import { joinRoom } from '../../../src/rules/audience.js';
import { applyRoomCommand } from '../../../src/rules/dispatch.js';
import { type FollowState, emptyFollows, followInfo, setFollow } from '../../../src/rules/follows.js';
import {
  type WalletState,
  balanceOf,
  createWallets,
  leaderboard,
  sendGift,
  setBalance,
} from '../../../src/rules/gifts.js';
import type { Actor } from '../../../src/rules/permissions.js';
import type { RuleResult } from '../../../src/rules/result.js';
import { createRoomState, disconnectMember, tick } from '../../../src/rules/room.js';
import { applyBatch, toSnapshot } from '../../../src/rules/snapshot.js';
import { mapHas, mapKeys, mapValues } from '../../../src/rules/persistent-map.js';

/** Every name Object.prototype has that is also a valid user ID (all of them today), plus ordinary IDs. */
export const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).filter((n) => USER_ID_PATTERN.test(n));
const ORDINARY = ['alice', 'bob', 'u-1'] as const;
const POOL = [...PROTOTYPE_NAMES, ...ORDINARY];

const START = 1_700_000_000_000;
const INITIAL_BALANCE = 1_000;
const LEASE_MS = 30_000;
const ROSE: Gift = { giftId: 'rose', name: 'Rose', iconUrl: '', price: 3, level: 1 };
const GENEROUS = { limit: 1_000_000, windowMs: 1_000 };

const info = (userId: string): UserInfo => ({ userId, userName: `User ${userId}`, avatarUrl: '' });
const as = (userId: string): Actor => ({ user: info(userId) });

type Op =
  | { readonly kind: 'join' | 'leave' | 'drop' | 'seat' | 'barrage' | 'like'; readonly user: string }
  | { readonly kind: 'ban' | 'unban' | 'mute' | 'unmute' | 'kick'; readonly user: string }
  | { readonly kind: 'gift' | 'follow' | 'unfollow'; readonly user: string; readonly to: string }
  | { readonly kind: 'topup'; readonly user: string; readonly coins: number }
  | { readonly kind: 'expire' };

const id = fc.constantFrom(...POOL);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('join' as const), user: id }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('leave' as const, 'drop' as const, 'seat' as const, 'barrage' as const, 'like' as const),
      user: id,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('ban' as const, 'unban' as const, 'mute' as const, 'unmute' as const, 'kick' as const),
      user: id,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('gift' as const, 'follow' as const, 'unfollow' as const),
      user: id,
      to: id,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('topup' as const), user: id, coins: fc.integer({ min: 0, max: 50 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
);

/** What the rules must agree with. */
interface Model {
  readonly present: Set<string>;
  /** Present but offline (a dropped seated user whose lease runs, or the dropped owner). */
  readonly offline: Set<string>;
  readonly banned: Set<string>;
  readonly muted: Set<string>;
  readonly balances: Map<string, number>;
  readonly following: Map<string, Set<string>>;
}

interface World {
  room: RoomState;
  client: RoomSnapshot;
  wallets: WalletState;
  follows: FollowState;
  now: number;
}

function own(record: object): string[] {
  return Object.keys(record).sort();
}

/** A client replica kept by applying every batch, as the store does. */
function commit(world: World, result: RuleResult<RoomState>): boolean {
  if (!result.ok) return false;
  const events: readonly RoomEvent[] = result.events;
  const version = world.room.version + (events.length > 0 ? 1 : 0);
  world.room = { ...result.state, version };
  if (events.length > 0) world.client = applyBatch(world.client, { roomId: world.room.info.roomId, version, events });
  return true;
}

function expectCode(result: RuleResult<unknown>, code: ErrorCode, what: string): void {
  assert.equal(result.ok, false, `${what}: expected ${code}, got ok`);
  if (!result.ok)
    assert.equal(
      result.error.code,
      code,
      `${what}: expected ${code}, got ${result.error.code} (${result.error.message})`,
    );
}

function expectOk(result: RuleResult<unknown>, what: string): void {
  if (!result.ok) assert.fail(`${what}: expected ok, got ${result.error.code} (${result.error.message})`);
}

function check(world: World, model: Model, step: string): void {
  const { room } = world;
  const where = `after ${step}`;
  assert.equal(room.memberCount, model.present.size, `${where}: memberCount`);
  assert.deepEqual(
    mapKeys(room.members).sort(),
    [...model.present].sort(),
    `${where}: exactly the present users are members`,
  );
  for (const u of POOL) {
    assert.equal(mapHas(room.members, u), model.present.has(u), `${where}: ${u} membership`);
    assert.equal(
      Object.hasOwn(room.leases, u),
      model.present.has(u) && model.offline.has(u) && room.seats.some((s) => s.user?.userId === u),
      `${where}: ${u} lease`,
    );
    assert.equal(balanceOf(world.wallets, u), model.balances.get(u) ?? INITIAL_BALANCE, `${where}: ${u} balance`);
    const fi = followInfo(world.follows, u, u);
    assert.equal(fi.followingCount, model.following.get(u)?.size ?? 0, `${where}: ${u} follows`);
    assert.equal(fi.fans, [...model.following.values()].filter((set) => set.has(u)).length, `${where}: ${u} fans`);
  }
  for (const m of [...mapValues(room.members)])
    assert.equal(typeof m.seq, 'number', `${where}: member entries are members`);
  const snapshot = toSnapshot(room);
  assert.equal(snapshot.audience.total, model.present.size, `${where}: audience total`);
  assert.equal(world.client.audience.total, model.present.size, `${where}: replica audience total`);
  // The replica's mutes match the server's, key for key (an ordinary object would have swallowed `__proto__`).
  assert.deepEqual(own(world.client.mutes), own(snapshot.mutes), `${where}: replica mutes`);
  assert.deepEqual(own(room.mutes), [...model.muted].sort(), `${where}: mutes`);
  assert.deepEqual(own(room.bans), [...model.banned].sort(), `${where}: bans`);
  const board = leaderboard(room, 100);
  assert.ok(
    board.every((row) => typeof row.amount === 'number' && Number.isFinite(row.amount)),
    `${where}: leaderboard amounts`,
  );
}

function run(roomId: string, owner: string, ops: readonly Op[]): void {
  const created = createRoomState({
    roomId,
    owner: info(owner),
    now: START,
    options: { seatMode: 'free' },
    limits: { seatLeaseMs: LEASE_MS, barrageRate: GENEROUS, likeRate: GENEROUS, giftRate: GENEROUS },
  });
  expectOk(created, `start ${roomId} as ${owner}`);
  if (!created.ok) return;
  const world: World = {
    room: created.state,
    client: toSnapshot(created.state),
    wallets: createWallets(INITIAL_BALANCE),
    follows: emptyFollows,
    now: START,
  };
  const model: Model = {
    present: new Set([owner]),
    offline: new Set(),
    banned: new Set(),
    muted: new Set(),
    balances: new Map(),
    following: new Map(),
  };
  check(world, model, 'start');
  const cmd = (actor: string, command: Parameters<typeof applyRoomCommand>[2]) =>
    applyRoomCommand(world.room, as(actor), command, world.now);
  const seated = (u: string) => world.room.seats.some((s) => s.user?.userId === u);

  for (const [i, op] of ops.entries()) {
    world.now += 10;
    const label = `#${i} ${JSON.stringify(op)}`;
    switch (op.kind) {
      case 'join': {
        const r = joinRoom(world.room, info(op.user), world.now);
        if (model.banned.has(op.user)) {
          expectCode(r, ErrorCode.MEMBER_BANNED, label);
          break;
        }
        expectOk(r, label);
        commit(world, r);
        model.present.add(op.user);
        model.offline.delete(op.user);
        break;
      }
      case 'leave': {
        const r = cmd(op.user, { type: 'room.leave' });
        if (!model.present.has(op.user)) expectCode(r, ErrorCode.NOT_IN_ROOM, label);
        else if (op.user === owner) expectCode(r, ErrorCode.OWNER_CANNOT_LEAVE, label);
        else {
          expectOk(r, label);
          commit(world, r);
          model.present.delete(op.user);
          model.offline.delete(op.user);
        }
        break;
      }
      case 'drop': {
        if (!model.present.has(op.user) || model.offline.has(op.user)) break;
        const keeps = op.user === owner || seated(op.user);
        const r = disconnectMember(world.room, op.user, world.now);
        expectOk(r, label);
        commit(world, r);
        if (keeps) model.offline.add(op.user);
        else model.present.delete(op.user);
        break;
      }
      case 'seat': {
        if (!model.present.has(op.user) || model.offline.has(op.user)) break;
        const r = cmd(op.user, { type: 'seat.take', index: null });
        if (seated(op.user)) expectCode(r, ErrorCode.ALREADY_ON_SEAT, label);
        else if (world.room.seats.every((s) => s.user || s.locked)) expectCode(r, ErrorCode.SEATS_FULL, label);
        else {
          expectOk(r, label);
          commit(world, r);
        }
        break;
      }
      case 'expire': {
        world.now += LEASE_MS + 1;
        const r = tick(world.room, world.now);
        expectOk(r, label);
        commit(world, r);
        for (const u of [...model.offline]) {
          if (u === owner) continue;
          model.present.delete(u);
          model.offline.delete(u);
        }
        break;
      }
      case 'barrage':
      case 'like': {
        const r =
          op.kind === 'barrage'
            ? cmd(op.user, { type: 'barrage.send', text: `hi from ${op.user}` })
            : cmd(op.user, { type: 'like.send', count: 1 });
        if (!model.present.has(op.user)) expectCode(r, ErrorCode.NOT_IN_ROOM, label);
        else if (op.kind === 'barrage' && model.muted.has(op.user)) expectCode(r, ErrorCode.MEMBER_MUTED, label);
        else {
          expectOk(r, label);
          commit(world, r);
        }
        break;
      }
      case 'ban':
      case 'unban':
      case 'mute':
      case 'unmute':
      case 'kick': {
        const r =
          op.kind === 'ban'
            ? cmd(owner, { type: 'member.ban', userIds: [op.user], seconds: 600 })
            : op.kind === 'unban'
              ? cmd(owner, { type: 'member.unban', userIds: [op.user] })
              : op.kind === 'kick'
                ? cmd(owner, { type: 'member.kick', userId: op.user })
                : cmd(owner, { type: 'member.mute', userId: op.user, seconds: op.kind === 'mute' ? 600 : 0 });
        if (op.user === owner && op.kind !== 'unban') {
          expectCode(r, ErrorCode.CANNOT_TARGET_SELF, label);
          break;
        }
        if (!model.present.has(owner)) {
          expectCode(r, ErrorCode.NOT_IN_ROOM, label);
          break;
        }
        if (op.kind === 'kick' && !model.present.has(op.user)) {
          expectCode(r, ErrorCode.NOT_A_MEMBER, label);
          break;
        }
        expectOk(r, label);
        commit(world, r);
        if (op.kind === 'ban') {
          model.banned.add(op.user);
          model.present.delete(op.user);
          model.offline.delete(op.user);
        }
        if (op.kind === 'unban') model.banned.delete(op.user);
        if (op.kind === 'kick') {
          model.present.delete(op.user);
          model.offline.delete(op.user);
        }
        if (op.kind === 'mute') model.muted.add(op.user);
        if (op.kind === 'unmute') model.muted.delete(op.user);
        break;
      }
      case 'gift': {
        const r = sendGift(
          { room: world.room, wallets: world.wallets, catalog: [ROSE] },
          as(op.user),
          { giftId: 'rose', count: 1, receiverId: op.to },
          world.now,
        );
        const balance = model.balances.get(op.user) ?? INITIAL_BALANCE;
        if (!model.present.has(op.user)) {
          expectCode(r, ErrorCode.NOT_IN_ROOM, label);
          break;
        }
        if (op.user === op.to) {
          expectCode(r, ErrorCode.CANNOT_TARGET_SELF, label);
          break;
        }
        if (!model.present.has(op.to)) {
          expectCode(r, ErrorCode.NOT_A_MEMBER, label);
          break;
        }
        if (balance < ROSE.price) {
          expectCode(r, ErrorCode.INSUFFICIENT_BALANCE, label);
          break;
        }
        expectOk(r, label);
        if (!r.ok) break;
        assert.equal(r.state.received.amount, ROSE.price, `${label}: amount`);
        world.wallets = r.state.wallets;
        commit(world, { ok: true, state: r.state.room, events: r.events });
        model.balances.set(op.user, balance - ROSE.price);
        break;
      }
      case 'topup': {
        const r = setBalance(world.wallets, op.user, op.coins);
        expectOk(r, label);
        if (r.ok) world.wallets = r.state;
        model.balances.set(op.user, op.coins);
        break;
      }
      case 'follow':
      case 'unfollow': {
        const follow = op.kind === 'follow';
        const r = setFollow(world.follows, op.user, op.to, follow);
        if (op.user === op.to) {
          expectCode(r, ErrorCode.CANNOT_TARGET_SELF, label);
          break;
        }
        expectOk(r, label);
        if (r.ok) world.follows = r.state;
        const mine = model.following.get(op.user) ?? new Set<string>();
        if (follow) mine.add(op.to);
        else mine.delete(op.to);
        model.following.set(op.user, mine);
        assert.equal(followInfo(world.follows, op.user, op.to).following, follow, `${label}: following`);
        break;
      }
    }
    check(world, model, label);
  }
}

const seed =
  process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']), path: process.env['FC_PATH'] };

describe('IDs that are JavaScript property names, through the pure rules', () => {
  it('the pool covers the prototype names the issue names', () => {
    for (const name of ['constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'toString'])
      assert.ok(PROTOTYPE_NAMES.includes(name), name);
  });

  it('counts joins, keeps member counts exact, lets members leave, charges gifts and bans absent IDs without a trace', () => {
    fc.assert(
      fc.property(id, id, fc.array(opArb, { minLength: 1, maxLength: 60 }), (roomId, owner, ops) =>
        run(roomId, owner, ops),
      ),
      { numRuns: 300, includeErrorInReport: true, ...seed },
    );
  });

  it('every prototype name joins, gifts, is banned while absent, and leaves (a fixed walk through the whole pool)', () => {
    for (const roomId of PROTOTYPE_NAMES) {
      const ops: Op[] = [];
      for (const u of POOL) if (u !== 'alice') ops.push({ kind: 'join', user: u });
      for (const u of POOL)
        if (u !== 'alice')
          ops.push({ kind: 'gift', user: u, to: 'alice' === u ? 'bob' : 'bob' === u ? 'alice' : 'bob' });
      ops.push({ kind: 'join', user: 'alice' });
      for (const u of POOL)
        if (u !== 'alice') ops.push({ kind: 'mute', user: u }, { kind: 'follow', user: 'alice', to: u });
      for (const u of POOL) if (u !== 'alice') ops.push({ kind: 'leave', user: u });
      for (const u of POOL) if (u !== 'alice') ops.push({ kind: 'ban', user: u }, { kind: 'unmute', user: u });
      run(roomId, 'alice', ops);
    }
  });
});

describe('field names that are JavaScript property names, through the protocol parser', () => {
  const refused = (raw: string): string => {
    try {
      parseClientFrame(raw);
    } catch (error) {
      assert.ok(error instanceof FrameError, 'a FrameError');
      assert.equal(error.error.code, ErrorCode.INVALID_PARAMETER);
      return error.error.message;
    }
    assert.fail(`accepted ${raw}`);
  };

  it('refuses them as unknown fields in command frames, their args, nested objects, hello and rtc frames', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype)),
        fc.constantFrom('frame', 'cmd', 'nested', 'hello', 'rtc'),
        (field, where) => {
          const extra = `${JSON.stringify(field)}:1`;
          const raw =
            where === 'frame'
              ? `{"t":"cmd","id":"x","type":"seat.leave","args":{},${extra}}`
              : where === 'cmd'
                ? `{"t":"cmd","id":"x","type":"seat.take","args":{"index":1,${extra}}}`
                : where === 'nested'
                  ? `{"t":"cmd","id":"x","type":"room.update","args":{"patch":{"name":"n",${extra}}}}`
                  : where === 'hello'
                    ? `{"t":"hello","id":"x","userName":"n","avatarUrl":"",${extra}}`
                    : `{"t":"rtc","id":"x","op":"close",${extra}}`;
          assert.match(refused(raw), /unknown field/, raw);
        },
      ),
      { numRuns: 100, includeErrorInReport: true, ...seed },
    );
  });
});
