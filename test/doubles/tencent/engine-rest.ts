// A few Live REST API levers of the RoomEngine test double (a customer's server acting on the same rooms, seed 002
// §3.5: room_engine_http_mic get_seat_list / pick_user_on_seat / kick_user_off_seat / lock_seat, and
// live_engine_http_srv destroy_room). They answer REST bodies ({ ActionStatus, ErrorCode, ErrorInfo, RequestId,
// Response? }) synchronously; what they change reaches the clients as events, like any other change. The operator
// is the App admin account "administrator".
import { TUIChangeReason, TUIRoomDismissedReason } from '../../../src/backends/tencent/engine-sdk.js';
import { ENGINE_CODE } from './engine-codes.js';
import type { EngineCloud } from './engine-cloud.js';
import { changeRoom, dismissRoom } from './engine-rooms.js';
import { tellKickedOffSeat } from './engine-seats.js';
import type { RoomState } from './engine-state.js';

export interface RestSeat {
  Index: number;
  /** '' for a free seat. */
  Member_Account: string;
  IsTakenDisabled: boolean;
  IsVideoDisabled: boolean;
  IsAudioDisabled: boolean;
}

export interface RestResponse {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  RequestId: string;
  Response?: { SeatList: RestSeat[] };
}

/** The App admin account REST calls act as. */
export const REST_OPERATOR = 'administrator';
/** REST's "invalid parameter" (seed 002: 100002 参数非法). */
const INVALID_PARAM = 100002;

let requestSeq = 0;
function answer(code = 0, info = '', response?: RestResponse['Response']): RestResponse {
  requestSeq += 1;
  const body: RestResponse = {
    ActionStatus: code === 0 ? 'OK' : 'FAIL',
    ErrorCode: code,
    ErrorInfo: info,
    RequestId: `Id-rest-${requestSeq}`,
  };
  if (response) body.Response = response;
  return body;
}

type Found = { room: RoomState; failure?: undefined } | { room?: undefined; failure: RestResponse };
function find(cloud: EngineCloud, roomId: string): Found {
  const room = cloud.rooms.get(roomId);
  return room
    ? { room }
    : { failure: answer(ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST, 'the room does not exist or was dismissed') };
}

export function restGetSeatList(cloud: EngineCloud, roomId: string): RestResponse {
  const { room, failure } = find(cloud, roomId);
  if (!room) return failure;
  return answer(0, '', {
    SeatList: room.seats.map((s, Index) => ({
      Index,
      Member_Account: s.userId,
      IsTakenDisabled: s.locked,
      IsVideoDisabled: s.videoLocked,
      IsAudioDisabled: s.audioLocked,
    })),
  });
}

/** The user leaves their seat; they get onKickedOffSeat from "administrator". */
export function restKickUserOffSeat(cloud: EngineCloud, roomId: string, userId: string): RestResponse {
  const { room, failure } = find(cloud, roomId);
  if (!room) return failure;
  const index = room.seats.findIndex((s) => s.userId === userId);
  if (index < 0) return answer(ENGINE_CODE.ERR_USER_NOT_IN_SEAT, 'the user is not on a seat');
  changeRoom(cloud, room, () => (room.seats[index]!.userId = ''), TUIChangeReason.kChangedByAdmin);
  tellKickedOffSeat(cloud, room, userId, index, REST_OPERATOR);
  return answer();
}

/** ForbidTaken: an occupant is taken off first (then gets onKickedOffSeat), as the REST docs say. */
export function restLockSeat(cloud: EngineCloud, roomId: string, index: number, locked: boolean): RestResponse {
  const { room, failure } = find(cloud, roomId);
  if (!room) return failure;
  if (!room.settings.isSeatEnabled) return answer(ENGINE_CODE.ERR_SEAT_NOT_SUPPORT_LINK_MIC, 'this room has no seats');
  const seat = room.seats[index];
  if (!seat) return answer(INVALID_PARAM, 'no such seat');
  const occupant = locked ? seat.userId : '';
  changeRoom(
    cloud,
    room,
    () => {
      if (occupant) seat.userId = '';
      seat.locked = locked;
    },
    TUIChangeReason.kChangedByAdmin,
  );
  if (occupant) tellKickedOffSeat(cloud, room, occupant, index, REST_OPERATOR);
  return answer();
}

/** Seats a present member without asking them. */
export function restPickUserOnSeat(cloud: EngineCloud, roomId: string, index: number, userId: string): RestResponse {
  const { room, failure } = find(cloud, roomId);
  if (!room) return failure;
  if (!room.settings.isSeatEnabled) return answer(ENGINE_CODE.ERR_SEAT_NOT_SUPPORT_LINK_MIC, 'this room has no seats');
  const seat = room.seats[index];
  if (!seat) return answer(INVALID_PARAM, 'no such seat');
  if (!room.members.has(userId)) return answer(ENGINE_CODE.ERR_USER_NOT_ENTERED, 'the user is not in the room');
  if (room.seats.some((s) => s.userId === userId))
    return answer(ENGINE_CODE.ERR_ALREADY_IN_SEAT, 'the user is already on a seat');
  if (seat.locked) return answer(ENGINE_CODE.ERR_SEAT_LOCKED, 'the seat is locked');
  if (seat.userId) return answer(ENGINE_CODE.ERR_SEAT_OCCUPIED, 'the seat is taken');
  changeRoom(cloud, room, () => (seat.userId = userId), TUIChangeReason.kChangedByAdmin);
  return answer();
}

/** Every member gets onRoomDismissed (kByServer). */
export function restDestroyRoom(cloud: EngineCloud, roomId: string): RestResponse {
  const { room, failure } = find(cloud, roomId);
  if (!room) return failure;
  dismissRoom(cloud, room, TUIRoomDismissedReason.kByServer);
  return answer();
}
