import type { RateLimit } from '../model/barrage.js';

/** Sliding-window limiter over timestamps: pure, the caller keeps the log in its state. */
export function allowRate(
  log: readonly number[] | undefined,
  limit: RateLimit,
  now: number,
): { allowed: boolean; log: readonly number[] } {
  const since = now - limit.windowMs;
  const recent = (log ?? []).filter((t) => t > since);
  if (recent.length >= limit.limit) return { allowed: false, log: recent };
  return { allowed: true, log: [...recent, now] };
}
