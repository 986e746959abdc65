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
export function setFollow(state: FollowState, followerId: string, userId: string, follow: boolean): RuleResult<FollowState> {
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
