import type { AudienceSummary } from './audience.js';
import type { BarrageMessage } from './barrage.js';
import type { GiftTotals } from './gift.js';
import type { LikeCounts } from './like.js';
import type { LiveInfo } from './live-info.js';
import type { SeatRequest } from './request.js';
import type { Seat } from './seat.js';
import type { PersistentMap } from '../rules/persistent-map.js';
import type { Role, UserInfo } from './user.js';

export const RoomStatus = {
  live: 'live',
  ended: 'ended',
} as const;
export type RoomStatus = (typeof RoomStatus)[keyof typeof RoomStatus];

export interface Member {
  readonly user: UserInfo;
  readonly joinedAt: number;
  /** Entry order, used to keep the latest entrants. */
  readonly seq: number;
  /** False while a dropped connection's lease runs. */
  readonly online: boolean;
}

/** Limits a room runs with; the server fills them from its configuration. */
export interface RoomLimits {
  readonly barrageRate: { readonly limit: number; readonly windowMs: number };
  readonly likeRate: { readonly limit: number; readonly windowMs: number };
  readonly giftRate: { readonly limit: number; readonly windowMs: number };
  /** How long a seated user whose connection dropped keeps the seat. */
  readonly seatLeaseMs: number;
  readonly maxMembers: number;
}

/**
 * The authoritative state of one room, as the server (memory or local) holds it. Everything a client sees is
 * a projection of this (`toSnapshot`), changed only by the pure rules in src/rules.
 */
export interface RoomState {
  readonly version: number;
  readonly status: RoomStatus;
  readonly info: LiveInfo;
  readonly seats: readonly Seat[];
  /** Pending requests in arrival order. */
  readonly requests: readonly SeatRequest[];
  readonly admins: readonly string[];
  /** By user ID; structurally shared, so a join or a leave costs the same in a room of 10,000 as in one of 100. */
  readonly members: PersistentMap<Member>;
  readonly memberCount: number;
  /** Latest entrants, newest first (user IDs), at most RECENT_AUDIENCE. */
  readonly recent: readonly string[];
  readonly entrySeq: number;
  /** Total entries ever (REST ViewCount). */
  readonly viewCount: number;
  readonly barrage: readonly BarrageMessage[];
  readonly likes: LikeCounts;
  readonly gifts: {
    readonly amount: number;
    readonly count: number;
    readonly contributions: Readonly<Record<string, { readonly user: UserInfo; readonly amount: number }>>;
  };
  /** userId → epoch ms until which the member may not send barrage. */
  readonly mutes: Readonly<Record<string, number>>;
  /** userId → epoch ms until which the user may not enter (Infinity-free: a very large number = permanent). */
  readonly bans: Readonly<Record<string, number>>;
  /** userId → epoch ms when a dropped seated user's seat is released. */
  readonly leases: Readonly<Record<string, number>>;
  /** userId → recent send times per limited action, for the rate limits. */
  readonly rates: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;
  readonly requestSeq: number;
  readonly messageSeq: number;
  readonly limits: RoomLimits;
}

/** What one client sees of a room: sent on join, on resync, and kept current by events. */
export interface RoomSnapshot {
  readonly roomId: string;
  readonly version: number;
  readonly status: RoomStatus;
  readonly info: LiveInfo;
  readonly seats: readonly Seat[];
  readonly requests: readonly SeatRequest[];
  readonly admins: readonly string[];
  readonly barrage: readonly BarrageMessage[];
  readonly likes: LikeCounts;
  readonly gifts: GiftTotals;
  readonly audience: AudienceSummary;
  readonly mutes: Readonly<Record<string, number>>;
}

export function roleOf(room: { readonly info: LiveInfo; readonly admins: readonly string[] }, userId: string): Role {
  if (room.info.owner.userId === userId) return 'owner';
  return room.admins.includes(userId) ? 'admin' : 'member';
}
