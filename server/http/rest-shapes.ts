import type { RoomState } from '../../src/core.js';
import type { RoomExtras } from '../db/rest-repository.js';

/**
 * How a room looks in REST answers and callbacks (seed field names). A room whose seats are disabled
 * (REST create_room without IsSeatEnabled) is a room with no seats at all: `seats` is empty and
 * `info.seatCount` is 0, so no client can take a seat there either and nothing else needs to remember it.
 */
export function seatsEnabled(room: RoomState): boolean {
  return room.seats.length > 0;
}

export type TakeSeatMode = 'None' | 'FreeToTake' | 'ApplyToTake';

export function takeSeatMode(room: RoomState): TakeSeatMode {
  if (!seatsEnabled(room)) return 'None';
  return room.info.seatMode === 'free' ? 'FreeToTake' : 'ApplyToTake';
}

export const seconds = (ms: number): number => Math.floor(ms / 1000);

export function maxMemberCount(room: RoomState, extras: RoomExtras): number {
  return extras.maxMemberCount ?? room.limits.maxMembers;
}

export function maxSeatCount(room: RoomState, extras: RoomExtras): number {
  return seatsEnabled(room) ? room.seats.length : (extras.maxSeatCount ?? 0);
}

/** get_room_info's `RoomInfo` (seed L13930), plus CustomInfo (settable by update_room_info, readable nowhere else). */
export function restRoomInfo(room: RoomState, extras: RoomExtras): Record<string, unknown> {
  return {
    RoomId: room.info.roomId,
    RoomName: room.info.name,
    RoomType: 'Live',
    Owner_Account: room.info.owner.userId,
    CreateTime: seconds(room.info.createdAt),
    IsSeatEnabled: seatsEnabled(room),
    TakeSeatMode: takeSeatMode(room),
    MaxSeatCount: maxSeatCount(room, extras),
    MaxMemberCount: maxMemberCount(room, extras),
    IsMessageDisabled: room.info.isMessageDisabled,
    CoverURL: room.info.coverUrl,
    Category: [...extras.category],
    ActivityStatus: extras.activityStatus,
    ViewCount: room.viewCount,
    IsPublicVisible: room.info.isPublicVisible,
    CustomInfo: extras.customInfo,
  };
}

/** get_seat_list's `SeatList` and Mic.CallbackAfterSeatInfoChanged's: Member_Account is absent on an empty seat. */
export function restSeatList(room: RoomState, extras: RoomExtras): Record<string, unknown>[] {
  return room.seats.map((seat) => ({
    Index: seat.index,
    ...(seat.user ? { Member_Account: seat.user.userId } : {}),
    IsTakenDisabled: seat.locked,
    IsVideoDisabled: extras.videoDisabled.includes(seat.index),
    IsAudioDisabled: seat.audioLocked,
  }));
}
