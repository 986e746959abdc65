import { ErrorCode } from '../model/errors.js';
import type { RoomEvent } from '../model/events.js';
import { MAX_REQUEST_TIMEOUT_SEC, type RequestStatus, type SeatRequest } from '../model/request.js';
import type { RoomState } from '../model/room.js';
import { type Actor, isManager, requireManager } from './permissions.js';
import { closeRequest } from './request-queue.js';
import { type RuleResult, fail, ok } from './result.js';
import { hostSeatOf, occupySeat, seatOf } from './seats.js';
import { mapGet } from './persistent-map.js';

function validTimeout(timeoutSec: unknown): timeoutSec is number {
  return (
    Number.isInteger(timeoutSec) && (timeoutSec as number) >= 0 && (timeoutSec as number) <= MAX_REQUEST_TIMEOUT_SEC
  );
}

/** Whether `userId` may be asked onto seat `index`: it exists, is open, and is not the owner's host seat. */
function checkSeatFor(room: RoomState, index: number | null, userId: string): RuleResult<RoomState> {
  if (index === null) return ok(room);
  if (!Number.isInteger(index) || index < 0 || index >= room.seats.length) return fail(ErrorCode.SEAT_NOT_FOUND);
  const seat = room.seats[index]!;
  if (seat.locked) return fail(ErrorCode.SEAT_LOCKED);
  if (seat.user) return fail(ErrorCode.SEAT_OCCUPIED);
  if (index === hostSeatOf(room) && userId !== room.info.owner.userId)
    return fail(ErrorCode.PERMISSION_DENIED, 'The host seat belongs to the owner');
  return ok(room);
}

function addRequest(
  room: RoomState,
  request: Omit<SeatRequest, 'requestId' | 'status' | 'responderId'>,
): RuleResult<RoomState> {
  const requestSeq = room.requestSeq + 1;
  const created: SeatRequest = {
    ...request,
    requestId: `${room.info.roomId}-r${requestSeq}`,
    status: 'pending',
    responderId: null,
  };
  return ok({ ...room, requestSeq, requests: [...room.requests, created] }, [
    { type: 'request.updated', request: created },
  ]);
}

/** A member asks for a seat in apply mode; at most one pending application per user. */
export function applyForSeat(
  room: RoomState,
  actor: Actor,
  index: number | null,
  timeoutSec: number,
  now: number,
): RuleResult<RoomState> {
  const userId = actor.user.userId;
  if (!validTimeout(timeoutSec))
    return fail(ErrorCode.INVALID_PARAMETER, 'timeoutSec must be an integer from 0 to 86400');
  if (seatOf(room, userId) >= 0) return fail(ErrorCode.ALREADY_ON_SEAT);
  if (room.requests.some((r) => r.type === 'apply' && r.from.userId === userId)) return fail(ErrorCode.ALREADY_QUEUED);
  const seatCheck = checkSeatFor(room, index, userId);
  if (!seatCheck.ok) return seatCheck;
  return addRequest(room, {
    type: 'apply',
    from: actor.user,
    to: null,
    seatIndex: index,
    createdAt: now,
    expiresAt: timeoutSec > 0 ? now + timeoutSec * 1000 : null,
  });
}

/** An owner/admin invites a member to a seat; one pending invitation per invitee. */
export function inviteToSeat(
  room: RoomState,
  actor: Actor,
  userId: string,
  index: number | null,
  timeoutSec: number,
  now: number,
): RuleResult<RoomState> {
  const denied = requireManager(room, actor);
  if (denied) return { ok: false, error: denied };
  if (!validTimeout(timeoutSec))
    return fail(ErrorCode.INVALID_PARAMETER, 'timeoutSec must be an integer from 0 to 86400');
  if (userId === actor.user.userId) return fail(ErrorCode.CANNOT_TARGET_SELF);
  const member = mapGet(room.members, userId);
  if (!member) return fail(ErrorCode.NOT_A_MEMBER);
  if (seatOf(room, userId) >= 0) return fail(ErrorCode.ALREADY_ON_SEAT);
  if (room.requests.some((r) => r.type === 'invite' && r.to?.userId === userId))
    return fail(ErrorCode.REQUEST_DUPLICATE);
  const seatCheck = checkSeatFor(room, index, userId);
  if (!seatCheck.ok) return seatCheck;
  return addRequest(room, {
    type: 'invite',
    from: actor.user,
    to: member.user,
    seatIndex: index,
    createdAt: now,
    expiresAt: timeoutSec > 0 ? now + timeoutSec * 1000 : null,
  });
}

/**
 * Seats the request's subject: on the seat asked for when it is still free, otherwise on any free seat (the asker
 * wanted a seat, not necessarily that one). If no seat is free the request stays pending and the answer fails.
 */
function admit(room: RoomState, request: SeatRequest, responderId: string): RuleResult<RoomState> {
  const subject = request.type === 'apply' ? request.from : request.to!;
  const wanted = request.seatIndex;
  const wantedFree = wanted !== null && checkSeatFor(room, wanted, subject.userId).ok;
  // Close first so seating does not report this request as 'cancelled'.
  const closed = closeRequest(room, request.requestId, 'accepted', responderId);
  const seated = occupySeat(closed.state, subject, wantedFree ? wanted : null);
  if (!seated.ok) return seated;
  return ok(seated.state, [...closed.events, ...seated.events]);
}

export function respondToRequest(
  room: RoomState,
  actor: Actor,
  requestId: string,
  accept: boolean,
): RuleResult<RoomState> {
  const request = room.requests.find((r) => r.requestId === requestId);
  if (!request) return fail(ErrorCode.REQUEST_INVALID);
  const allowed = request.type === 'apply' ? isManager(room, actor) : request.to?.userId === actor.user.userId;
  if (!allowed) return fail(ErrorCode.REQUEST_NO_PERMISSION);
  if (accept) return admit(room, request, actor.user.userId);
  const closed = closeRequest(room, requestId, 'rejected', actor.user.userId);
  return ok(closed.state, closed.events);
}

/** The applicant withdraws an application; any owner/admin may withdraw an invitation. */
export function cancelRequest(room: RoomState, actor: Actor, requestId: string): RuleResult<RoomState> {
  const request = room.requests.find((r) => r.requestId === requestId);
  if (!request) return fail(ErrorCode.REQUEST_INVALID);
  const allowed = request.type === 'apply' ? request.from.userId === actor.user.userId : isManager(room, actor);
  if (!allowed) return fail(ErrorCode.REQUEST_NO_PERMISSION);
  const closed = closeRequest(room, requestId, 'cancelled', actor.user.userId);
  return ok(closed.state, closed.events);
}

/**
 * Admit all / reject all, in arrival order. Admitting stops quietly when the seats run out: the rest stay queued,
 * which is what an owner pressing "admit all" on a nearly full room expects.
 */
export function respondToAll(
  room: RoomState,
  actor: Actor,
  accept: boolean,
): RuleResult<RoomState> & { handled?: number } {
  const denied = requireManager(room, actor);
  if (denied) return { ok: false, error: denied };
  let state = room;
  const events: RoomEvent[] = [];
  let handled = 0;
  for (const request of room.requests.filter((r) => r.type === 'apply')) {
    const result = accept
      ? admit(state, request, actor.user.userId)
      : respondToRequest(state, actor, request.requestId, false);
    if (!result.ok) {
      if (result.error.code === ErrorCode.SEATS_FULL) break;
      continue;
    }
    state = result.state;
    events.push(...result.events);
    handled += 1;
  }
  return { ...ok(state, events), handled };
}

/** Server timers call this; it is also safe to call at any time. */
export function expireRequests(room: RoomState, now: number): RuleResult<RoomState> {
  let state = room;
  const events: RoomEvent[] = [];
  for (const request of room.requests) {
    if (request.expiresAt !== null && request.expiresAt <= now) {
      const closed = closeRequest(state, request.requestId, 'timeout', null);
      state = closed.state;
      events.push(...closed.events);
    }
  }
  return ok(state, events);
}

/**
 * How a request looks to one viewer: an owner/admin who did not answer an application someone else answered
 * sees it as handled by other, so their stale approve button can say why it disappeared.
 */
export function requestStatusFor(request: SeatRequest, viewerId: string, viewerIsManager: boolean): RequestStatus {
  if (
    request.type === 'apply' &&
    (request.status === 'accepted' || request.status === 'rejected') &&
    viewerIsManager &&
    request.responderId !== viewerId
  ) {
    return 'handled-by-other';
  }
  return request.status;
}

export function pendingApplications(room: Pick<RoomState, 'requests'>): SeatRequest[] {
  return room.requests.filter((r) => r.type === 'apply');
}

/**
 * Applications still waiting for an answer, oldest first: the order an owner or admin answers them in (the room's
 * prompt shows the first, the requests panel lists them all). A client's list also holds ended requests.
 */
export function applicationQueue(requests: readonly SeatRequest[]): SeatRequest[] {
  return requests.filter((r) => r.type === 'apply' && r.status === 'pending').sort((a, b) => a.createdAt - b.createdAt);
}
