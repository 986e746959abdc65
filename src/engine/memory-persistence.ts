import type { LedgerRow } from '../model/gift.js';
import type { RoomState } from '../model/room.js';
import type { EnginePersistence, RoomCounters } from './room-engine.js';

/** Ended rooms whose last counters the memory backend remembers (the server's persistence keeps them all, on disk). */
export const ENDED_COUNTERS_KEPT = 1_000;

/**
 * The persistence an engine has when it is given none (the memory backend): nothing outlives the process, so
 * profiles, follows, the catalog and receipts are dropped. Only what the engine reads back is kept, in memory:
 * balances (the engine holds none of its own) and the last counters of recently ended rooms, so a reused room ID
 * continues after them. With it the engine calls its persistence unconditionally, whatever backend it runs in.
 */
export class MemoryPersistence implements EnginePersistence {
  readonly #balances = new Map<string, number>();
  /** roomId → counters of a recently ended room, oldest first (bounded by ENDED_COUNTERS_KEPT). */
  readonly #ended = new Map<string, RoomCounters>();

  roomChanged(_previous: RoomState | undefined, next: RoomState): void {
    if (next.status === 'live') return;
    const roomId = next.info.roomId;
    const { version, messageSeq, requestSeq, entrySeq } = next;
    this.#ended.delete(roomId);
    this.#ended.set(roomId, { version, messageSeq, requestSeq, entrySeq });
    if (this.#ended.size > ENDED_COUNTERS_KEPT) this.#ended.delete(this.#ended.keys().next().value!);
  }

  counters(roomId: string): RoomCounters | undefined {
    return this.#ended.get(roomId);
  }

  /** No receipts: an in-process backend has no retries that outlive the process to answer. */
  receipt(): undefined {
    return undefined;
  }

  giftSent(row: LedgerRow, senderBalance: number): void {
    this.#balances.set(row.senderId, senderBalance);
  }

  balanceOf(userId: string): number | undefined {
    return this.#balances.get(userId);
  }

  balanceSet(userId: string, coins: number): void {
    this.#balances.set(userId, coins);
  }

  toppedUp(row: LedgerRow, balance: number): void {
    this.#balances.set(row.receiverId, balance);
  }

  followChanged(): void {}
  profileSaved(): void {}
  catalogSaved(): void {}
}
