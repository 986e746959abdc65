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
import { restSeatList, seatsEnabled } from './rest-shapes.js';
import { mapGet } from '../../src/core.js';

/** `room_engine_http_mic` seat commands (seed L16510-17260). Seat indices are 0-based, as in the seed's examples. */

/** Data of kick_user_off_seat is required by the seed but unbounded there; we cap it. */
export const MAX_KICK_DATA_BYTES = 1_024;

function seatRoom(call: RestCall, roomId: string): RoomState {
  const room = liveRoom(call, roomId);
  if (!seatsEnabled(room))
    throw new RestError(RestCode.SEATS_DISABLED, 'this room has no seats (created without IsSeatEnabled)');
  return room;
}

function seatIndex(call: RestCall, room: RoomState, index: number): void {
  if (index >= room.seats.length) throw call.fields.err(`Index must be from 0 to ${room.seats.length - 1}`);
}

/** A room without seats answers an empty SeatList (the seed lists no 100211 for this query). */
export const getSeatList: Handler = (call) => {
  const room = liveRoom(call, call.fields.roomId());
  return { Response: { SeatList: restSeatList(room, call.ctx.repo.extrasOf(room.info.roomId, room.info.createdAt)) } };
};

export const pickUserOnSeat: Handler = (call) => {
  const roomId = call.fields.roomId();
  const index = call.fields.integer('Index', { min: 0, max: 1_000 });
  const userId = call.fields.string('Member_Account', { maxBytes: 32, minBytes: 1 });
  const room = seatRoom(call, roomId);
  seatIndex(call, room, index);
  applyRule(call, roomId, (r) => {
    const member = mapGet(r.members, userId);
    if (!member) return fail(ErrorCode.NOT_A_MEMBER, `${userId} is not in the room`);
    if (seatOf(r, userId) >= 0) return fail(ErrorCode.ALREADY_ON_SEAT);
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
export const kickUserOffSeat: Handler = (call) => {
  const roomId = call.fields.roomId();
  const userId = call.fields.string('Member_Account', { maxBytes: 32, minBytes: 1 });
  const data = call.fields.string('Data', { maxBytes: MAX_KICK_DATA_BYTES });
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

export const lockSeat: Handler = (call) => {
  const { ctx } = call;
  const roomId = call.fields.roomId();
  const index = call.fields.integer('Index', { min: 0, max: 1_000 });
  const forbidTaken = call.fields.boolean('ForbidTaken');
  const forbidVideo = call.fields.boolean('ForbidVideo');
  const forbidAudio = call.fields.boolean('ForbidAudio');
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
