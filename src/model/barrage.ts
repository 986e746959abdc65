import type { Role, UserInfo } from './user.js';

export interface BarrageMessage {
  readonly messageId: string;
  readonly sender: UserInfo;
  /** The sender's role when sent, so owner/admin badges survive later changes. */
  readonly role: Role;
  /** Plain text; components render it as text, never as HTML. */
  readonly text: string;
  readonly sentAt: number;
}

export const MAX_BARRAGE_LENGTH = 200;
export const BARRAGE_HISTORY = 200;

export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export const DEFAULT_BARRAGE_RATE: RateLimit = { limit: 5, windowMs: 3_000 };
