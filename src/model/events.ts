import type { BarrageMessage } from './barrage.js';
import type { GiftReceived, GiftTotals } from './gift.js';
import type { LiveInfo } from './live-info.js';
import type { SeatRequest } from './request.js';
import type { Seat } from './seat.js';
import type { UserInfo } from './user.js';

export const LeaveReason = {
  left: 'left',
  kicked: 'kicked',
  banned: 'banned',
  /** The connection dropped (and, for a seated user, the seat lease ran out). */
  disconnected: 'disconnected',
} as const;
export type LeaveReason = (typeof LeaveReason)[keyof typeof LeaveReason];

/** What a room broadcasts after a change. Every client applies these in version order (see rules/snapshot.ts). */
export type RoomEvent =
  | { readonly type: 'info.updated'; readonly info: LiveInfo }
  | { readonly type: 'room.ended'; readonly by: string }
  /** Only the seats that changed. */
  | { readonly type: 'seats.updated'; readonly seats: readonly Seat[] }
  /** The occupant was removed from a seat by someone else (kick or lock). */
  | {
      readonly type: 'seat.kicked';
      readonly userId: string;
      readonly index: number;
      readonly by: string;
      /** REST kick_user_off_seat `Data`: a note shown to the kicked user. */ readonly data?: string;
    }
  /** A request changed state; pending ones are (re)listed, others leave the queue. */
  | { readonly type: 'request.updated'; readonly request: SeatRequest }
  | { readonly type: 'barrage.received'; readonly message: BarrageMessage }
  | { readonly type: 'likes.received'; readonly userId: string; readonly count: number; readonly total: number }
  | { readonly type: 'gift.received'; readonly gift: GiftReceived; readonly totals: GiftTotals }
  | { readonly type: 'member.joined'; readonly user: UserInfo; readonly total: number }
  /** `refill` is the next-latest entrant that now enters the recent-100 list, if any. */
  | {
      readonly type: 'member.left';
      readonly userId: string;
      readonly reason: LeaveReason;
      readonly by: string | null;
      readonly total: number;
      readonly refill: UserInfo | null;
    }
  | { readonly type: 'member.muted'; readonly userId: string; readonly until: number; readonly by: string }
  | { readonly type: 'admins.updated'; readonly admins: readonly string[] }
  | { readonly type: 'fans.updated'; readonly userId: string; readonly fans: number };

export type RoomEventType = RoomEvent['type'];

/** One accepted change: all its events share one room version, strictly one more than the previous batch. */
export interface EventBatch {
  readonly roomId: string;
  readonly version: number;
  readonly events: readonly RoomEvent[];
  /**
   * The authority's clock when the batch was made (epoch ms). Deadlines in the state (request timeouts, mutes,
   * leases) are on that clock; clients use it to correct countdowns for their own clock's skew.
   */
  readonly at?: number;
}
