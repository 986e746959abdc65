import type { UserInfo } from './user.js';

export interface AudienceSummary {
  /** The latest entrants still in the room, newest first, at most RECENT_AUDIENCE. */
  readonly recent: readonly UserInfo[];
  /** Exact number of members in the room. */
  readonly total: number;
}

export interface AudiencePage {
  readonly members: readonly UserInfo[];
  /** Opaque cursor for the next page; '' when there is none. */
  readonly next: string;
  readonly total: number;
}

export const RECENT_AUDIENCE = 100;
export const AUDIENCE_PAGE_SIZE = 50;
