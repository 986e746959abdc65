// The property test's world model (invariants.property.test.ts): one pure room driven only through the public
// rules and committed exactly as the servers commit (MemoryServer.commit: version = previous + 1 per batch with
// events), with its wallets, ledger, like total and one client that applied every batch. The cast and catalog
// the random operations draw from live here too. What must hold of a world is in invariants.ts.
import assert from 'node:assert/strict';
import type { CommandOf } from '../../../src/model/commands.js';
import { RoomError, isErrorCode } from '../../../src/model/errors.js';
import type { RoomEvent } from '../../../src/model/events.js';
import type { Gift, LedgerRow } from '../../../src/model/gift.js';
import type { RoomSnapshot, RoomState } from '../../../src/model/room.js';
import type { UserInfo } from '../../../src/model/user.js';
import { type RoomCommandType, applyRoomCommand } from '../../../src/rules/dispatch.js';
import type { WalletState } from '../../../src/rules/gifts.js';
import type { Actor } from '../../../src/rules/permissions.js';
import type { RuleResult } from '../../../src/rules/result.js';
import { applyBatch } from '../../../src/rules/snapshot.js';

// ---------------------------------------------------------------------------------------------------------------
// Cast and catalog
// ---------------------------------------------------------------------------------------------------------------

export const ROOM_ID = 'prop-room';
export const OWNER = 'owner';
export const ADMINS = ['admin1', 'admin2'] as const;
export const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5'] as const;
/** Never joins: every command it sends must fail and change nothing. */
export const OUTSIDER = 'outsider';
/** Not even a known user: a target that never exists. */
export const GHOST = 'ghost';
/** The REST App admin's identity when it acts as a system actor. */
export const SYSTEM = 'administrator';
export const NAMED = [OWNER, ...ADMINS, ...MEMBERS] as const;
export const ACTORS = [...NAMED, OUTSIDER] as const;

export const START = 1_700_000_000_000;
export const INITIAL_BALANCE = 500;

export const CATALOG: readonly Gift[] = deepFreeze([
  { giftId: 'free', name: 'Heart', iconUrl: '', price: 0, level: 0 },
  { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 },
  { giftId: 'car', name: 'Car', iconUrl: '', price: 50, level: 2, animationUrl: 'car.svga' },
  { giftId: 'rocket', name: 'Rocket', iconUrl: '', price: 300, level: 3, animationUrl: 'rocket.svga' },
]);

export function userInfo(userId: string): UserInfo {
  return { userId, userName: `User ${userId}`, avatarUrl: '' };
}

// ---------------------------------------------------------------------------------------------------------------
// The world and its driver (mirrors MemoryServer.commit)
// ---------------------------------------------------------------------------------------------------------------

export interface World {
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

export type AnyResult = RuleResult<RoomState> | RuleResult<{ room: RoomState; wallets: WalletState; row: LedgerRow }>;

/** Freezes what is not frozen yet; thanks to structural sharing only the new parts of a state are walked. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** The version the server would store: previous + 1 when the batch has events, else unchanged. */
export function commitVersion(previous: RoomState, events: readonly RoomEvent[]): number {
  return previous.version + (events.length > 0 ? 1 : 0);
}

/**
 * Commits one rule result as MemoryServer.commit does. A failure must be a RoomError with a documented code and
 * leaves the world exactly as it was (the previous state is frozen, so a rule that wrote to it would have thrown).
 */
export function commit(world: World, result: AnyResult): World {
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

/** applyRoomCommand bumps the version itself; check it agrees with the server's commit. */
export function roomCommand(
  world: World,
  actorId: string,
  command: CommandOf<RoomCommandType>,
  system = false,
): AnyResult {
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
