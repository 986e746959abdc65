import { ErrorCode, RoomError } from '../../model/errors.js';
import { type Gift, MAX_GIFT_COUNT } from '../../model/gift.js';
import type { GiftReceipt } from './envelope.js';

/**
 * Coins and the gift catalog live on the app's own server: Tencent Cloud has no wallet, and a browser (even the
 * owner's) must never be trusted with balances. The sender's client asks this service to check and deduct
 * atomically, then hands the receipt to the room; the owner's client only adds it to the room totals.
 */
export interface TencentGiftService {
  catalog(): Promise<readonly Gift[]>;
  wallet(userId: string): Promise<{ balance: number; walletVersion: number }>;
  /** Check + deduct + ledger row in one step; rejects with a RoomError (GIFT_NOT_FOUND, INSUFFICIENT_BALANCE …). */
  charge(order: { roomId: string; senderId: string; receiverId: string; giftId: string; count: number }): Promise<GiftReceipt>;
  /** Gives a charge back when the room refused the gift after it was paid (the receiver left meanwhile). */
  refund?(receipt: GiftReceipt, senderId: string): Promise<void>;
}

/**
 * An in-memory stand-in for that server: for demos and tests only (balances vanish with the page and every
 * browser has its own). Production apps pass their own `gifts` service.
 */
export class MemoryGiftService implements TencentGiftService {
  private readonly balances = new Map<string, number>();
  private seq = 0;

  constructor(private gifts: readonly Gift[] = [], private readonly initialBalance = 0) {}

  async catalog(): Promise<readonly Gift[]> {
    return this.gifts;
  }

  setCatalog(gifts: readonly Gift[]): void {
    this.gifts = gifts;
  }

  setBalance(userId: string, coins: number): void {
    if (!Number.isSafeInteger(coins) || coins < 0) throw new RoomError(ErrorCode.INVALID_PARAMETER, 'coins must be a non-negative integer');
    this.balances.set(userId, coins);
    this.seq += 1;
  }

  async wallet(userId: string): Promise<{ balance: number; walletVersion: number }> {
    return { balance: this.balances.get(userId) ?? this.initialBalance, walletVersion: this.seq };
  }

  async charge(order: { roomId: string; senderId: string; receiverId: string; giftId: string; count: number }): Promise<GiftReceipt> {
    const gift = this.gifts.find((g) => g.giftId === order.giftId);
    if (!gift) throw new RoomError(ErrorCode.GIFT_NOT_FOUND);
    if (!Number.isInteger(order.count) || order.count < 1 || order.count > MAX_GIFT_COUNT) throw new RoomError(ErrorCode.INVALID_PARAMETER, `count must be an integer from 1 to ${MAX_GIFT_COUNT}`);
    const amount = gift.price * order.count;
    const balance = this.balances.get(order.senderId) ?? this.initialBalance;
    if (balance < amount) throw new RoomError(ErrorCode.INSUFFICIENT_BALANCE);
    this.balances.set(order.senderId, balance - amount);
    this.seq += 1;
    return { entryId: `g${this.seq}`, giftId: gift.giftId, count: order.count, amount, balance: balance - amount, walletVersion: this.seq, gift };
  }

  async refund(receipt: GiftReceipt, senderId: string): Promise<void> {
    this.balances.set(senderId, (this.balances.get(senderId) ?? this.initialBalance) + receipt.amount);
    this.seq += 1;
  }
}

export function createMemoryGiftService(options: { catalog?: readonly Gift[]; initialBalance?: number } = {}): MemoryGiftService {
  return new MemoryGiftService(options.catalog ?? [], options.initialBalance ?? 0);
}
