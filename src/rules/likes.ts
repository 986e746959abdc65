import { ErrorCode } from '../model/errors.js';
import { LIKE_FLUSH_INTERVAL_MS, MAX_LIKES_PER_BATCH } from '../model/like.js';
import type { RoomState } from '../model/room.js';
import type { Actor } from './permissions.js';
import { allowRate } from './rate-limit.js';
import { entry, withEntry } from './records.js';
import { type RuleResult, fail, ok } from './result.js';
import { mapHas } from './persistent-map.js';

/** The server side: one batch of taps from one user, counted into the room total and broadcast as one event. */
export function sendLikes(room: RoomState, actor: Actor, count: number, now: number): RuleResult<RoomState> {
  const userId = actor.user.userId;
  if (!mapHas(room.members, userId)) return fail(ErrorCode.NOT_IN_ROOM);
  if (!Number.isInteger(count) || count < 1 || count > MAX_LIKES_PER_BATCH) {
    return fail(ErrorCode.INVALID_PARAMETER, `count must be an integer from 1 to ${MAX_LIKES_PER_BATCH}`);
  }
  const rate = allowRate(entry(room.rates, userId)?.like, room.limits.likeRate, now);
  if (!rate.allowed) return fail(ErrorCode.RATE_LIMITED);
  const total = room.likes.total + count;
  const rates = withEntry(room.rates, userId, { ...entry(room.rates, userId), like: rate.log });
  return ok({ ...room, likes: { total }, rates }, [{ type: 'likes.received', userId, count, total }]);
}

/** The client side: taps accumulate and leave as one batch per interval (or when a batch is full). */
export interface LikeBatch {
  readonly pending: number;
  /** When the oldest pending tap happened, or null when nothing is pending. */
  readonly since: number | null;
}

export const emptyLikeBatch: LikeBatch = { pending: 0, since: null };

export function tapLike(batch: LikeBatch, now: number, taps = 1): LikeBatch {
  return { pending: batch.pending + taps, since: batch.since ?? now };
}

/** What to send now (0 = nothing) and the batch left behind. */
export function flushLikes(
  batch: LikeBatch,
  now: number,
  intervalMs = LIKE_FLUSH_INTERVAL_MS,
  force = false,
): { send: number; batch: LikeBatch } {
  const due =
    force ||
    batch.since === null ||
    now - batch.since >= intervalMs ||
    batch.pending === 0 ||
    batch.pending >= MAX_LIKES_PER_BATCH;
  return due ? takeLikes(batch, now) : { send: 0, batch };
}

/**
 * `flushLikes` when the batch is due: a full batch at most leaves now, the rest stays (pending since `now`). The
 * store's batcher decides when on its own timer, so it takes this alone (the timing check stays out of its bundle).
 */
export function takeLikes(batch: LikeBatch, now: number): { send: number; batch: LikeBatch } {
  if (batch.pending === 0 || batch.since === null) return { send: 0, batch: emptyLikeBatch };
  const send = Math.min(batch.pending, MAX_LIKES_PER_BATCH);
  const rest = batch.pending - send;
  return { send, batch: rest > 0 ? { pending: rest, since: now } : emptyLikeBatch };
}
