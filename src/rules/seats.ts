import { ErrorCode, RoomError } from '../model/errors.js';
import type { RoomEvent } from '../model/events.js';
import { MAX_SEAT_COUNT, MIN_SEAT_COUNT, type MovePolicy, type Seat } from '../model/seat.js';
import type { RoomState } from '../model/room.js';
import type { UserInfo } from '../model/user.js';
import { closeRequestsOnSeated } from './request-queue.js';
import { type Actor, actorRole, requireManager, requireOutrank } from './permissions.js';
import { type RuleResult, fail, ok } from './result.js';

export function createSeats(count: number): Seat[] {
  return Array.from({ length: count }, (_, index) => emptySeat(index));
}

export function emptySeat(index: number, locked = false, audioLocked = false): Seat {
  return { index, user: null, locked, audioLocked, selfMuted: false };
}

export function isValidSeatCount(count: unknown): count is number {
  return Number.isInteger(count) && (count as number) >= MIN_SEAT_COUNT && (count as number) <= MAX_SEAT_COUNT;
}

/** The seat index a user sits on, or -1. */
export function seatOf(room: Pick<RoomState, 'seats'>, userId: string): number {
  return room.seats.findIndex((seat) => seat.user?.userId === userId);
}

/** The first seat `userId` could take: free, unlocked, and not the host seat unless they own the room. */
export function firstFreeSeat(room: Pick<RoomState, 'seats' | 'info'>, userId?: string): number {
  const host = userId === room.info.owner.userId ? -1 : hostSeatOf(room);
  return room.seats.findIndex((seat, index) => !seat.user && !seat.locked && index !== host);
}

function checkIndex(room: RoomState, index: unknown): RoomError | null {
  return Number.isInteger(index) && (index as number) >= 0 && (index as number) < room.seats.length
    ? null
    : new RoomError(ErrorCode.SEAT_NOT_FOUND);
}

/** Replaces the given seats (by index) and reports exactly those as changed. */
export function withSeats(room: RoomState, changed: readonly Seat[]): { state: RoomState; event: RoomEvent } {
  const seats = room.seats.slice();
  for (const seat of changed) seats[seat.index] = seat;
  return { state: { ...room, seats }, event: { type: 'seats.updated', seats: changed } };
}

/**
 * Puts `user` on a seat: the given one, or (index null) the first free one. Shared by take, accept and invite,
 * so every path to a seat checks the same things in the same order.
 */
export function occupySeat(room: RoomState, user: UserInfo, index: number | null): RuleResult<RoomState> {
  if (seatOf(room, user.userId) >= 0) return fail(ErrorCode.ALREADY_ON_SEAT);
  let target = index;
  if (target === null) {
    target = firstFreeSeat(room, user.userId);
    if (target < 0) return fail(ErrorCode.SEATS_FULL);
  } else {
    const bad = checkIndex(room, target);
    if (bad) return { ok: false, error: bad };
  }
  // The host seat stays the owner's while they are away from it: no take, approval, invitation or REST pick seats
  // anyone else there (moves are checked the same way in moveDenied).
  if (target === hostSeatOf(room) && user.userId !== room.info.owner.userId)
    return fail(ErrorCode.PERMISSION_DENIED, 'The host seat belongs to the owner');
  const seat = room.seats[target]!;
  if (seat.locked) return fail(ErrorCode.SEAT_LOCKED);
  if (seat.user) return fail(ErrorCode.SEAT_OCCUPIED);
  const { state, event } = withSeats(room, [{ ...seat, user, selfMuted: false }]);
  const closed = closeRequestsOnSeated(state, user.userId);
  return ok(closed.state, [event, ...closed.events]);
}

/** Empties whatever seat the user holds; no-op (no events) when they hold none. */
export function releaseSeatOf(room: RoomState, userId: string): { state: RoomState; events: RoomEvent[] } {
  const index = seatOf(room, userId);
  if (index < 0) return { state: room, events: [] };
  const seat = room.seats[index]!;
  const { state, event } = withSeats(room, [{ ...seat, user: null, selfMuted: false }]);
  return { state, events: [event] };
}

/** A direct take (free mode, or an owner/admin in apply mode). Apply-mode members go through `applyForSeat`. */
export function takeSeat(room: RoomState, actor: Actor, index: number | null): RuleResult<RoomState> {
  return occupySeat(room, actor.user, index);
}

export function leaveSeat(room: RoomState, actor: Actor): RuleResult<RoomState> {
  if (seatOf(room, actor.user.userId) < 0) return fail(ErrorCode.NOT_ON_SEAT);
  const { state, events } = releaseSeatOf(room, actor.user.userId);
  return ok(state, events);
}

/**
 * The host seat: seat 0 of a room whose owner sat down there when it started (`keepOwnerOnSeat`, the default).
 * It is the owner's place; -1 when the room has none (started with `keepOwnerOnSeat: false`, or over REST).
 */
export function hostSeatOf(room: Pick<RoomState, 'info'>): number {
  return room.info.keepOwnerOnSeat === true ? 0 : -1;
}

/**
 * Why `actor` may not move from seat `from` to seat `to` (a swap when `to` is occupied), or null. A move changes
 * who sits where, so it answers to the same authority as a kick: moving someone else off a seat needs a manager
 * who outranks them; nobody but the owner lands on the host seat; and a member whose seat's microphone is
 * forbidden may not walk away from the lock (it belongs to the seat, and lifting it is a manager's decision).
 */
export function moveDenied(room: RoomState, actor: Actor, from: number, to: number): RoomError | null {
  const source = room.seats[from]!;
  const target = room.seats[to]!;
  const role = actorRole(room, actor);
  const host = hostSeatOf(room);
  if (source.audioLocked && role === 'member')
    return new RoomError(
      ErrorCode.SEAT_AUDIO_LOCKED,
      'The microphone on your seat is forbidden: a move cannot lift that',
    );
  if (to === host && role !== 'owner')
    return new RoomError(ErrorCode.PERMISSION_DENIED, 'The host seat belongs to the owner');
  if (target.user) {
    const outranked = requireOutrank(room, actor, target.user.userId);
    if (outranked) return outranked;
    // The displaced occupant lands on the actor's seat, which must then not be the host seat.
    if (from === host) return new RoomError(ErrorCode.PERMISSION_DENIED, 'The host seat belongs to the owner');
  }
  return null;
}

export function moveSeat(
  room: RoomState,
  actor: Actor,
  index: number,
  policy: MovePolicy = 'abort',
): RuleResult<RoomState> {
  const from = seatOf(room, actor.user.userId);
  if (from < 0) return fail(ErrorCode.NOT_ON_SEAT);
  const bad = checkIndex(room, index);
  if (bad) return { ok: false, error: bad };
  if (from === index) return ok(room);
  const source = room.seats[from]!;
  const target = room.seats[index]!;
  if (target.locked) return fail(ErrorCode.SEAT_LOCKED);
  if (target.user && policy !== 'swap') return fail(ErrorCode.SEAT_OCCUPIED);
  const denied = moveDenied(room, actor, from, index);
  if (denied) return { ok: false, error: denied };
  // The self-mute belongs to the person, so it travels with them; locks belong to the seat and stay.
  const moved: Seat = { ...target, user: source.user, selfMuted: source.selfMuted };
  const left: Seat = { ...source, user: target.user, selfMuted: target.user ? target.selfMuted : false };
  const { state, event } = withSeats(room, [left, moved]);
  return ok(state, [event]);
}

export function kickFromSeat(room: RoomState, actor: Actor, userId: string): RuleResult<RoomState> {
  const denied = requireOutrank(room, actor, userId);
  if (denied) return { ok: false, error: denied };
  const index = seatOf(room, userId);
  if (index < 0) return fail(ErrorCode.NOT_ON_SEAT);
  const { state, events } = releaseSeatOf(room, userId);
  return ok(state, [...events, { type: 'seat.kicked', userId, index, by: actor.user.userId }]);
}

/** Locking an occupied seat kicks its occupant first (as REST lock_seat does), so a locked seat is always empty. */
export function lockSeat(room: RoomState, actor: Actor, index: number, locked: boolean): RuleResult<RoomState> {
  const denied = requireManager(room, actor);
  if (denied) return { ok: false, error: denied };
  const bad = checkIndex(room, index);
  if (bad) return { ok: false, error: bad };
  let seat = room.seats[index]!;
  if (seat.locked === locked) return ok(room);
  let state = room;
  const events: RoomEvent[] = [];
  if (locked && seat.user) {
    const kicked = kickFromSeat(room, actor, seat.user.userId);
    if (!kicked.ok) return kicked;
    state = kicked.state;
    events.push(...kicked.events);
    seat = state.seats[index]!;
  }
  const next = withSeats(state, [{ ...seat, locked }]);
  return ok(next.state, [...events, next.event]);
}

export function lockSeatAudio(room: RoomState, actor: Actor, index: number, locked: boolean): RuleResult<RoomState> {
  const denied = requireManager(room, actor);
  if (denied) return { ok: false, error: denied };
  const bad = checkIndex(room, index);
  if (bad) return { ok: false, error: bad };
  const seat = room.seats[index]!;
  if (seat.user && seat.user.userId !== actor.user.userId && actorRole(room, actor) !== 'owner') {
    const outranked = requireOutrank(room, actor, seat.user.userId);
    if (outranked) return { ok: false, error: outranked };
  }
  if (seat.audioLocked === locked) return ok(room);
  const { state, event } = withSeats(room, [{ ...seat, audioLocked: locked }]);
  return ok(state, [event]);
}

/** The speaker's own choice; unmuting a seat whose audio is locked is refused. */
export function setSelfMute(room: RoomState, actor: Actor, muted: boolean): RuleResult<RoomState> {
  const index = seatOf(room, actor.user.userId);
  if (index < 0) return fail(ErrorCode.NOT_ON_SEAT);
  const seat = room.seats[index]!;
  if (!muted && seat.audioLocked) return fail(ErrorCode.SEAT_AUDIO_LOCKED);
  if (seat.selfMuted === muted) return ok(room);
  const { state, event } = withSeats(room, [{ ...seat, selfMuted: muted }]);
  return ok(state, [event]);
}
