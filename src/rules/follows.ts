import { ErrorCode } from '../model/errors.js';
import type { FollowInfo } from '../model/follow.js';
import { emptyRecord, entry, withEntry } from './records.js';
import { type RuleResult, fail, ok } from './result.js';

/** Who follows whom, with fan counts kept alongside so reading one never scans every edge. */
export interface FollowState {
  readonly following: Readonly<Record<string, readonly string[]>>;
  readonly fans: Readonly<Record<string, number>>;
}

export const emptyFollows: FollowState = { following: emptyRecord(), fans: emptyRecord() };

export function isFollowing(state: FollowState, followerId: string, userId: string): boolean {
  return entry(state.following, followerId)?.includes(userId) ?? false;
}

/** Follow (true) or unfollow (false). Repeating either is a no-op, so retries are harmless. */
export function setFollow(
  state: FollowState,
  followerId: string,
  userId: string,
  follow: boolean,
): RuleResult<FollowState> {
  if (typeof userId !== 'string' || !userId) return fail(ErrorCode.INVALID_PARAMETER, 'userId required');
  if (followerId === userId) return fail(ErrorCode.CANNOT_TARGET_SELF);
  if (isFollowing(state, followerId, userId) === follow) return ok(state);
  const mine = entry(state.following, followerId) ?? [];
  const fans = entry(state.fans, userId) ?? 0;
  return ok({
    following: withEntry(state.following, followerId, follow ? [...mine, userId] : mine.filter((id) => id !== userId)),
    fans: withEntry(state.fans, userId, follow ? fans + 1 : fans - 1),
  });
}

export function followInfo(state: FollowState, viewerId: string, userId: string): FollowInfo {
  return {
    userId,
    following: isFollowing(state, viewerId, userId),
    fans: entry(state.fans, userId) ?? 0,
    followingCount: entry(state.following, userId)?.length ?? 0,
  };
}

/** Users one user may follow at most, unless the engine is given another limit (the server's VR_MAX_FOLLOWING). */
export const MAX_FOLLOWING = 5_000;

/** What one follow change touches: the follower's own edge and count, and whether the target exists. */
export interface FollowCheck {
  readonly followerId: string;
  readonly userId: string;
  readonly follow: boolean;
  /** Whether followerId follows userId now. */
  readonly following: boolean;
  /** How many users followerId follows now. */
  readonly followingCount: number;
  /** Whether userId is a known user (signed in once, or imported): nobody follows an ID that names no one. */
  readonly userExists: boolean;
  readonly maxFollowing?: number;
}

/**
 * Checks one follow change against only what it touches, so a caller keeping follows per user (the engine: a Set
 * per follower and a count per user) applies it in place and a follow never copies the fan table. The state is
 * whether anything changes: repeating a follow or an unfollow is a no-op, so retries are harmless. Following an
 * unknown user is USER_NOT_FOUND; following more than `maxFollowing` users is FOLLOW_LIMIT. Unfollowing is always
 * allowed.
 */
export function checkFollow(input: FollowCheck): RuleResult<boolean> {
  if (typeof input.userId !== 'string' || !input.userId) return fail(ErrorCode.INVALID_PARAMETER, 'userId required');
  if (input.followerId === input.userId) return fail(ErrorCode.CANNOT_TARGET_SELF);
  if (input.following === input.follow) return ok(false);
  if (input.follow && !input.userExists) return fail(ErrorCode.USER_NOT_FOUND);
  const max = input.maxFollowing ?? MAX_FOLLOWING;
  if (input.follow && input.followingCount >= max)
    return fail(ErrorCode.FOLLOW_LIMIT, `A user may follow at most ${max} users`);
  return ok(true);
}
