import type { RoomEvent } from '../model/events.js';
import type { RequestStatus, SeatRequest } from '../model/request.js';
import type { RoomState } from '../model/room.js';

/** Ends one pending request; ended requests leave the queue and are announced once with their final status. */
export function closeRequest(
  room: RoomState,
  requestId: string,
  status: RequestStatus,
  responderId: string | null,
): { state: RoomState; request: SeatRequest | null; events: RoomEvent[] } {
  const request = room.requests.find((r) => r.requestId === requestId);
  if (!request) return { state: room, request: null, events: [] };
  const closed: SeatRequest = { ...request, status, responderId };
  return {
    state: { ...room, requests: room.requests.filter((r) => r !== request) },
    request: closed,
    events: [{ type: 'request.updated', request: closed }],
  };
}

function closeWhere(
  room: RoomState,
  match: (r: SeatRequest) => boolean,
  status: RequestStatus,
  responderId: string | null,
): { state: RoomState; events: RoomEvent[] } {
  let state = room;
  const events: RoomEvent[] = [];
  for (const request of room.requests.filter(match)) {
    const closed = closeRequest(state, request.requestId, status, responderId);
    state = closed.state;
    events.push(...closed.events);
  }
  return { state, events };
}

/** A user who got a seat by any path has nothing left to ask for: their application and invitations end. */
export function closeRequestsOnSeated(room: RoomState, userId: string): { state: RoomState; events: RoomEvent[] } {
  return closeWhere(room, (r) => involves(r, userId), 'cancelled', userId);
}

/** A user who leaves the room takes their requests with them (applications they made, invitations to them). */
export function closeRequestsOfLeaver(
  room: RoomState,
  userId: string,
  by: string | null,
): { state: RoomState; events: RoomEvent[] } {
  return closeWhere(room, (r) => involves(r, userId), 'cancelled', by ?? userId);
}

export function closeAllRequests(room: RoomState, by: string): { state: RoomState; events: RoomEvent[] } {
  return closeWhere(room, () => true, 'cancelled', by);
}

/** The applicant of an application or the invitee of an invitation. */
export function subjectOf(request: SeatRequest): string {
  return request.type === 'apply' ? request.from.userId : request.to!.userId;
}

function involves(request: SeatRequest, userId: string): boolean {
  return subjectOf(request) === userId;
}
