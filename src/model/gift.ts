import type { UserInfo } from './user.js';

export interface Gift {
  readonly giftId: string;
  readonly name: string;
  readonly iconUrl: string;
  /** Coins per unit. */
  readonly price: number;
  readonly level: number;
  /** An SVGA file played full screen; without it the gift shows as a banner. */
  readonly animationUrl?: string;
  readonly category?: string;
}

export type GiftCatalog = readonly Gift[];

export interface Balance {
  readonly userId: string;
  readonly coins: number;
}

/** One row per send: the ledger is the truth a balance can be recomputed from. */
export interface LedgerRow {
  readonly entryId: string;
  readonly roomId: string;
  readonly senderId: string;
  readonly receiverId: string;
  readonly giftId: string;
  readonly count: number;
  readonly unitPrice: number;
  readonly amount: number;
  readonly createdAt: number;
}

export interface LeaderboardEntry {
  readonly user: UserInfo;
  /** Coins this user spent on gifts in the room. */
  readonly amount: number;
}

export interface GiftTotals {
  readonly amount: number;
  readonly count: number;
  /** Top contributors, highest first. */
  readonly leaderboard: readonly LeaderboardEntry[];
}

/** A gift as the room sees it arrive. */
export interface GiftReceived {
  readonly entryId: string;
  readonly gift: Gift;
  readonly count: number;
  readonly sender: UserInfo;
  readonly receiver: UserInfo;
  readonly amount: number;
  readonly sentAt: number;
}

/** What `<vr-gift-player>` plays; products may pass their own. */
export interface GiftEffect {
  readonly giftId?: string;
  readonly name: string;
  readonly iconUrl?: string;
  readonly animationUrl?: string;
  readonly count: number;
  readonly senderName: string;
  readonly receiverName: string;
  /** Sends merged into one combo (same sender, gift and receiver within the combo window). */
  readonly combo?: number;
  readonly senderId?: string;
  readonly receiverId?: string;
  readonly senderAvatarUrl?: string;
}

export const GIFT_COUNTS = [1, 10, 66, 99, 520, 1314] as const;
export const MAX_GIFT_COUNT = 9_999;
export const LEADERBOARD_SIZE = 20;
export const GIFT_COMBO_WINDOW_MS = 3_000;
export const DEFAULT_GIFT_RATE = { limit: 10, windowMs: 1_000 } as const;
