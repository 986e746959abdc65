export interface FollowInfo {
  readonly userId: string;
  /** Whether the asking user follows `userId`. */
  readonly following: boolean;
  /** How many users follow `userId`. */
  readonly fans: number;
  /** How many users `userId` follows. */
  readonly followingCount: number;
}
