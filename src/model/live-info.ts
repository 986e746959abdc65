import type { SeatMode } from './seat.js';
import type { UserInfo } from './user.js';

/** What the room tells everyone about itself. */
export interface LiveInfo {
  readonly roomId: string;
  readonly name: string;
  readonly coverUrl: string;
  readonly notice: string;
  readonly owner: UserInfo;
  readonly seatMode: SeatMode;
  readonly seatCount: number;
  /** Room-wide barrage mute (REST IsMessageDisabled); owner and admins are exempt. */
  readonly isMessageDisabled: boolean;
  readonly isPublicVisible: boolean;
  readonly createdAt: number;
  /** Fans of the owner, kept fresh so the owner card needs no extra query. */
  readonly ownerFans: number;
  /**
   * The owner sat down on seat 0 when the room started (StartOptions.keepOwnerOnSeat): seat 0 is then the host
   * seat, which nobody else may move onto. Absent in rooms created without it (REST, older data).
   */
  readonly keepOwnerOnSeat?: boolean;
}

/** The fields an owner may change while live. */
export type LiveInfoPatch = Partial<
  Pick<LiveInfo, 'name' | 'coverUrl' | 'notice' | 'seatMode' | 'isMessageDisabled' | 'isPublicVisible'>
>;

export interface StartOptions {
  readonly roomName?: string;
  readonly coverUrl?: string;
  readonly notice?: string;
  readonly seatCount?: number;
  readonly seatMode?: SeatMode;
  readonly isPublicVisible?: boolean;
  readonly isMessageDisabled?: boolean;
  /** The owner sits on seat 0 when the room starts (default true). */
  readonly keepOwnerOnSeat?: boolean;
}

export const MAX_ROOM_ID_BYTES = 48;
export const MAX_ROOM_NAME_LENGTH = 100;
export const MAX_NOTICE_LENGTH = 500;
export const MAX_URL_LENGTH = 500;
