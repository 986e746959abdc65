import type { UserInfo } from './user.js';

/** `free`: a take succeeds at once. `apply`: a take by a member becomes an application (REST: FreeToTake / ApplyToTake). */
export const SeatMode = {
  free: 'free',
  apply: 'apply',
} as const;
export type SeatMode = (typeof SeatMode)[keyof typeof SeatMode];

/** What a move does when the target seat is occupied. */
export const MovePolicy = {
  abort: 'abort',
  swap: 'swap',
} as const;
export type MovePolicy = (typeof MovePolicy)[keyof typeof MovePolicy];

export interface Seat {
  /** 0-based; the owner sits on seat 0 when the room starts. */
  readonly index: number;
  readonly user: UserInfo | null;
  /** A locked seat cannot be taken. */
  readonly locked: boolean;
  /** Owner/admin forbade the microphone on this seat (device control, not the occupant's choice). */
  readonly audioLocked: boolean;
  /** The occupant muted themselves; cleared when the seat changes hands. */
  readonly selfMuted: boolean;
}

export const DEFAULT_SEAT_COUNT = 10;
export const MIN_SEAT_COUNT = 1;
export const MAX_SEAT_COUNT = 20;
