import type { Role, UserInfo } from './user.js';

export interface BarrageMessage {
  readonly messageId: string;
  readonly sender: UserInfo;
  /** The sender's role when sent, so owner/admin badges survive later changes. */
  readonly role: Role;
  /** Plain text; components render it as text, never as HTML. */
  readonly text: string;
  readonly sentAt: number;
  /**
   * The message's place in the room's stream where the backend has one from its cloud (Tencent: the Chat group
   * sequence). A message that arrives after a later one (its sender learns the sequence only from the send's
   * answer) is put back in its place, so every client shows one order. Absent where arrival order is the order.
   */
  readonly seq?: number;
}

export const MAX_BARRAGE_LENGTH = 200;
export const BARRAGE_HISTORY = 200;

export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export const DEFAULT_BARRAGE_RATE: RateLimit = { limit: 5, windowMs: 3_000 };
