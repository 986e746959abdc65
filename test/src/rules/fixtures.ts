// Shared fixtures for the rule tests: a cast of users, a room builder that goes through the real rules
// (createRoomState + joinRoom + setAdmin + occupySeat), and assertions that pin a rule's outcome exactly.
import assert from 'node:assert/strict';
import { type ErrorCode, RoomError } from '../../../src/model/errors.js';
import type { RoomEvent } from '../../../src/model/events.js';
import type { StartOptions } from '../../../src/model/live-info.js';
import type { RoomLimits, RoomState } from '../../../src/model/room.js';
import type { Seat } from '../../../src/model/seat.js';
import type { UserInfo } from '../../../src/model/user.js';
import { joinRoom } from '../../../src/rules/audience.js';
import type { Actor } from '../../../src/rules/permissions.js';
import type { RuleResult } from '../../../src/rules/result.js';
import { createRoomState, setAdmin } from '../../../src/rules/room.js';
import { occupySeat } from '../../../src/rules/seats.js';

export const NOW = 1_700_000_000_000;
export const ROOM_ID = 'room-1';

export function user(userId: string): UserInfo {
  return {
    userId,
    userName: userId.charAt(0).toUpperCase() + userId.slice(1),
    avatarUrl: `https://example.test/${userId}.png`,
  };
}

export const owner = user('owner');
export const admin = user('admin');
export const admin2 = user('admin2');
export const alice = user('alice');
export const bob = user('bob');
export const carol = user('carol');
export const dave = user('dave');
export const eve = user('eve');
/** Never joins any room built here. */
export const stranger = user('stranger');

export const as = (u: UserInfo): Actor => ({ user: u });
/** The REST App admin. */
export const system: Actor = { user: user('administrator'), system: true };

/** Recursively freezes a value so a rule that mutates its input throws instead of passing silently. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * A deep copy that keeps each object's prototype: the rules keep ID-keyed records as null-prototype objects
 * (src/rules/records.ts), which structuredClone would turn into ordinary ones and deepStrictEqual would then tell
 * apart from the original.
 */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => clone(item)) as T;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = clone((value as Record<string, unknown>)[key]);
  return copy as T;
}

export interface RoomSpec {
  readonly roomId?: string;
  readonly options?: StartOptions;
  readonly limits?: Partial<RoomLimits>;
  /** Joined in this order after the owner. Default: admin, alice, bob. */
  readonly members?: readonly UserInfo[];
  /** Made admins by the owner (must also be members to be present). Default: [admin] when admin is a member. */
  readonly admins?: readonly UserInfo[];
  /** Seat index → occupant (a member), seated after the owner's seat 0. */
  readonly seated?: Readonly<Record<number, UserInfo>>;
  readonly now?: number;
}

export function unwrapOk<S>(result: RuleResult<S>): S {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code} ${result.error.message}`);
  return result.state;
}

/** A live room built through the real rules; deep-frozen so every test also proves the rules are pure. */
export function roomWith(spec: RoomSpec = {}): RoomState {
  const now = spec.now ?? NOW;
  const members = spec.members ?? [admin, alice, bob];
  const admins = spec.admins ?? (members.includes(admin) ? [admin] : []);
  let room = unwrapOk(
    createRoomState({ roomId: spec.roomId ?? ROOM_ID, owner, options: spec.options, now, limits: spec.limits }),
  );
  for (const [i, m] of members.entries()) room = unwrapOk(joinRoom(room, m, now + i + 1));
  for (const a of admins) room = unwrapOk(setAdmin(room, as(owner), a.userId, true));
  for (const [index, occupant] of Object.entries(spec.seated ?? {}))
    room = unwrapOk(occupySeat(room, occupant, Number(index)));
  return deepFreeze(room);
}

/** `room` after each of `steps` (rules that must succeed), deep-frozen like `roomWith`'s rooms. */
export function setup(room: RoomState, ...steps: Array<(s: RoomState) => RuleResult<RoomState>>): RoomState {
  let state = room;
  for (const step of steps) state = unwrapOk(step(state));
  return deepFreeze(state);
}

/** Asserts a failure with exactly this code, and that the failed rule handed back no state and no events. */
export function expectError<S>(result: RuleResult<S>, code: ErrorCode): RoomError {
  assert.equal(result.ok, false, `expected error ${code}, got ok`);
  if (result.ok) throw new Error('unreachable');
  assert.ok(result.error instanceof RoomError, 'error is a RoomError');
  assert.equal(result.error.code, code, `expected code ${code}, got ${result.error.code} (${result.error.message})`);
  assert.equal('state' in result, false, 'a failed rule returns no state');
  assert.equal('events' in result, false, 'a failed rule returns no events');
  return result.error;
}

/** Runs a rule on a (frozen) state and asserts it fails with `code` and leaves the state exactly as it was. */
export function expectRejected<S, T>(state: S, run: (s: S) => RuleResult<T>, code: ErrorCode): void {
  const before = clone(state);
  expectError(run(state), code);
  assert.deepEqual(state, before, 'a failed rule changes nothing');
}

export function expectOk<S>(result: RuleResult<S>): { state: S; events: readonly RoomEvent[] } {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code} (${result.error.message})`);
  return { state: result.state, events: result.events };
}

/** A no-op: ok, the very same state object, and no events. */
export function expectNoop<S>(state: S, result: RuleResult<S>): void {
  const { state: next, events } = expectOk(result);
  assert.equal(next, state, 'a no-op returns the same state');
  assert.deepEqual(events, []);
}

export function seatAt(room: RoomState, index: number): Seat {
  const seat = room.seats[index];
  assert.ok(seat, `seat ${index} exists`);
  return seat;
}

/** The users on the seats, by index ('' for empty), for compact assertions. */
export function occupants(room: RoomState): string[] {
  return room.seats.map((s) => s.user?.userId ?? '');
}

export function seatAfter(seat: Seat, patch: Partial<Seat>): Seat {
  return { ...seat, ...patch };
}
