export interface LikeCounts {
  /** All likes the room received. */
  readonly total: number;
}

/** The most likes one batch may carry; a client flushes before it reaches this. */
export const MAX_LIKES_PER_BATCH = 100;
/** How often a client flushes batched taps. */
export const LIKE_FLUSH_INTERVAL_MS = 500;
export const DEFAULT_LIKE_RATE = { limit: 10, windowMs: 1_000 } as const;
