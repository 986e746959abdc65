// What the shared room contract (room-contract.ts) needs from a backend. Every adapter (memory, local server,
// Tencent double) implements this once in its *.contract.test.ts and then runs the same behaviours.
// Kept backend-neutral: no manual clock, no server object, no SDK types; only clients and a few admin levers
// that every backend has in some form (a REST call, an SDK console action, a method on an in-process server).
import type { Gift } from '../../src/model/gift.js';
import type { UserInfo } from '../../src/model/user.js';
import type { Room } from '../../src/store/room.js';

export interface BackendHarness {
  /** Shown in the test names (`room contract (memory)`). */
  readonly name: string;
  /**
   * A room id no other harness instance uses, so backends whose server outlives one test (a shared local server,
   * the Tencent double) never see leftovers of another test.
   */
  readonly roomId: string;
  /**
   * A Room (the store facade) over a fresh backend connection for `user`, for `roomId` (default: the harness's),
   * not yet started or joined. The harness owns it: `close()` disposes it and closes its connection.
   */
  client(user: UserInfo, roomId?: string): Promise<Room>;
  /**
   * Moves time forward by `ms` as the server and the clients see it (request timeouts, seat leases, mute expiry,
   * like batching). Memory: a manual clock; network backends may simply sleep. Resolves once the timers that fell
   * due ran (their events may still be on the way: poll with `until`).
   */
  advance(ms: number): Promise<void>;
  /** The client's connection drops without a goodbye (the server starts its seat lease). */
  drop(room: Room): Promise<void>;
  /** The dropped connection comes back (same user, same room). */
  resume(room: Room): Promise<void>;
  /** Sets a user's coin balance (REST/admin top-up). */
  setBalance(userId: string, coins: number): Promise<void>;
  /** The gift catalog the server serves; at least two gifts, the cheapest priced at least 2 coins. */
  readonly catalog: readonly Gift[];
  /** How long a dropped seated user keeps the seat (the server's configured lease). */
  readonly leaseMs: number;
  /**
   * How long `until` may wait for something another client did to show up. Memory: a few hundred ms is plenty;
   * network backends set what their round trips need.
   */
  readonly patienceMs?: number;
  /**
   * A barrier: resolves once everything done so far has reached the given clients. Backends with one room version
   * leave it out (the contract then waits for every client to reach the server's version); a cloud authority with
   * no room-wide version (Tencent) says when its deliveries are done.
   */
  settle?(rooms: readonly Room[]): Promise<void>;
  /** Disposes every client, closes every connection and stops whatever the harness started. */
  close(): Promise<void>;
}

export type MakeHarness = () => Promise<BackendHarness>;

/** The gift catalog every harness serves (the Tencent one adds the console's category). */
export const CONTRACT_CATALOG: readonly Gift[] = [
  { giftId: 'rose', name: 'Rose', iconUrl: '/gifts/rose.png', price: 10, level: 1 },
  {
    giftId: 'rocket',
    name: 'Rocket',
    iconUrl: '/gifts/rocket.png',
    price: 200,
    level: 3,
    animationUrl: '/gifts/rocket.svga',
  },
];
