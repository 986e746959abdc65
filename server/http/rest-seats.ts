import {
  ErrorCode,
  type RoomEvent,
  type RoomState,
  type Seat,
  fail,
  occupySeat,
  ok,
  releaseSeatOf,
  seatOf,
  withSeats,
} from '../../src/core.js';
import { type Handler, type RestCall, applyRule, liveRoom } from './rest-context.js';
import { RestCode, RestError } from './rest-envelope.js';
import type { RestBody } from './rest-schema.js';
import { restSeatList, seatsEnabled } from './rest-shapes.js';
import { mapGet } from '../../src/core.js';

/**
 * `room_engine_http_mic` seat commands (seed L16510-17260). Seat indices are 0-based, as in the seed's examples.
 * rest-schema.ts checks each body first; an index the room lacks is checked here.
 */

function seatRoom(call: RestCall, roomId: string): RoomState {
  const room = liveRoom(call, roomId);
  if (!seatsEnabled(room))
    throw new RestError(RestCode.SEATS_DISABLED, 'this room has no seats (created without IsSeatEnabled)');
  return room;
}

function seatIndex(call: RestCall, room: RoomState, index: number): void {
  if (index >= room.seats.length) throw call.invalid(`Index must be from 0 to ${room.seats.length - 1}`);
}

/** A room without seats answers an empty SeatList (the seed lists no 100211 for this query). */
export const getSeatList: Handler<RestBody<'room_engine_http_mic', 'get_seat_list'>> = (call, body) => {
  const room = liveRoom(call, body.RoomId);
  return { Response: { SeatList: restSeatList(room, call.ctx.repo.extrasOf(room.info.roomId, room.info.createdAt)) } };
};

export const pickUserOnSeat: Handler<RestBody<'room_engine_http_mic', 'pick_user_on_seat'>> = (call, body) => {
  const { RoomId: roomId, Index: index, Member_Account: userId } = body;
  const room = seatRoom(call, roomId);
  seatIndex(call, room, index);
  applyRule(call, roomId, (r) => {
    const member = mapGet(r.members, userId);
    if (!member) return fail(ErrorCode.NOT_A_MEMBER, `${userId} is not in the room`);
    if (seatOf(r, userId) >= 0) return fail(ErrorCode.ALREADY_ON_SEAT);
    // A member whose connection dropped (the owner, who stays a member, or someone whose seat lease still runs)
    // is not in the room to sit down: seated now, nothing would ever free the seat while others stay online.
    if (!member.online) return fail(ErrorCode.NOT_A_MEMBER, `${userId} is not online in the room`);
    if (r.requests.some((q) => q.status === 'pending' && q.type === 'apply' && q.from.userId === userId))
      return fail(ErrorCode.ALREADY_QUEUED, `${userId} has a pending seat application: answer it instead`);
    const seat = r.seats[index]!;
    if (seat.locked) return fail(ErrorCode.SEAT_LOCKED);
    if (seat.user) {
      const full = r.seats.every((s) => s.user || s.locked);
      return fail(full ? ErrorCode.SEATS_FULL : ErrorCode.SEAT_HAS_USER);
    }
    return occupySeat(r, member.user, index);
  });
};

/**
 * Frees the user's seat and tells the room `seat.kicked` with the seed's `Data` (the kick notice's custom text).
 * The App admin may do this to anyone, the owner included, as REST lock_seat does.
 */
export const kickUserOffSeat: Handler<RestBody<'room_engine_http_mic', 'kick_user_off_seat'>> = (call, body) => {
  const { RoomId: roomId, Member_Account: userId, Data: data } = body;
  seatRoom(call, roomId);
  applyRule(call, roomId, (r) => {
    const index = seatOf(r, userId);
    if (index < 0) return fail(ErrorCode.NOT_ON_SEAT, `${userId} is not on a seat`);
    const released = releaseSeatOf(r, userId);
    return ok(released.state, [
      ...released.events,
      { type: 'seat.kicked', userId, index, by: call.ctx.actor.user.userId, data },
    ]);
  });
};

export const lockSeat: Handler<RestBody<'room_engine_http_mic', 'lock_seat'>> = (call, body) => {
  const { ctx } = call;
  const { RoomId: roomId, Index: index, ForbidTaken: forbidTaken, ForbidVideo: forbidVideo } = body;
  const forbidAudio = body.ForbidAudio;
  const room = seatRoom(call, roomId);
  seatIndex(call, room, index);
  const extras = ctx.repo.extrasOf(roomId, room.info.createdAt);
  const videoChanged = forbidVideo !== undefined && extras.videoDisabled.includes(index) !== forbidVideo;
  if (videoChanged) {
    const videoDisabled = forbidVideo
      ? [...extras.videoDisabled, index].sort((a, b) => a - b)
      : extras.videoDisabled.filter((i) => i !== index);
    ctx.repo.saveExtras(roomId, { ...extras, videoDisabled });
  }
  const before = ctx.engine.room(roomId);
  const next = applyRule(call, roomId, (r) => {
    let seat: Seat = r.seats[index]!;
    let state = r;
    const events: RoomEvent[] = [];
    // Locking kicks the occupant first (seed L17085), whoever it is: the App admin outranks everyone.
    if (forbidTaken === true && seat.user) {
      const occupant = seat.user.userId;
      const released = releaseSeatOf(state, occupant);
      state = released.state;
      events.push(...released.events, { type: 'seat.kicked', userId: occupant, index, by: ctx.actor.user.userId });
      seat = state.seats[index]!;
    }
    const changed: Seat = {
      ...seat,
      ...(forbidTaken !== undefined ? { locked: forbidTaken } : {}),
      ...(forbidAudio !== undefined ? { audioLocked: forbidAudio } : {}),
    };
    if (changed.locked === seat.locked && changed.audioLocked === seat.audioLocked) return ok(state, events);
    const updated = withSeats(state, [changed]);
    return ok(updated.state, [...events, updated.event]);
  });
  // Only the video flag changed: no room event, but the seat info did change for the callback.
  if (videoChanged && next === before) ctx.callbacks.as(call.origin, () => ctx.callbacks.seatInfoChanged(next));
};
