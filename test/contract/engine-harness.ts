// The Tencent backend's test harness. Tencent Cloud is unreachable here, so every client gets the RoomEngine double
// of test/doubles/tencent (one shared in-memory cloud per harness, typed against the SDK's own typings) and a manual
// clock shared by the cloud and every store. Coins live on "your server": a wallet here, charged by the cloud's gift
// pre-verification callback, as a real deployment would. Used by the shared room contract and the Tencent-only tests.
import {
  type TencentBackend,
  type TencentWallet,
  createTencentBackend,
} from '../../src/backends/tencent/engine-backend.js';
import type { GiftCategory } from '../../src/backends/tencent/engine-sdk.js';
import { type ManualClock, createManualClock } from '../../src/model/clock.js';
import type { Gift } from '../../src/model/gift.js';
import type { MicrophoneSource } from '../../src/media/microphone.js';
import type { UserInfo } from '../../src/model/user.js';
import { type Room, createRoom } from '../../src/store/room.js';
import { EngineCloud } from '../doubles/tencent/engine-cloud.js';
import { engineUserSig } from '../doubles/tencent/engine-codes.js';
import { type BackendHarness, CONTRACT_CATALOG } from './harness.js';

const catalog: readonly Gift[] = CONTRACT_CATALOG.map((gift) => ({ ...gift, category: 'Popular' }));
/** The same catalog as the console's gift configuration holds it. */
const categories: GiftCategory[] = [
  {
    categoryID: 'popular',
    name: 'Popular',
    desc: '',
    extensionInfo: {},
    giftList: catalog.map((g) => ({
      giftID: g.giftId,
      name: g.name,
      desc: '',
      iconUrl: g.iconUrl,
      resourceUrl: g.animationUrl ?? '',
      level: g.level,
      coins: g.price,
      extensionInfo: {},
    })),
  },
];
const HEARTBEAT_MS = 5_000;
const SDK_APP_ID = 1400000001;
// setTimeout, not setImmediate: the harness also runs in Chromium (test/components/tencent-room.test.ts).
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
let harnesses = 0;

/** Your server's coins: the wallet the gift pre-verification callback charges. */
export class MemoryWallet implements TencentWallet {
  private readonly coins = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  constructor(private readonly initial = 500) {}
  set(userId: string, coins: number): void {
    this.coins.set(userId, coins);
    this.versions.set(userId, (this.versions.get(userId) ?? 0) + 1);
  }
  /** The pre-verification callback: takes the coins, or refuses the gift. */
  charge(userId: string, amount: number): boolean {
    const have = this.coins.get(userId) ?? this.initial;
    if (have < amount) return false;
    this.set(userId, have - amount);
    return true;
  }
  async balance(userId: string) {
    return { balance: this.coins.get(userId) ?? this.initial, walletVersion: this.versions.get(userId) ?? 0 };
  }
}

export interface EngineHarness extends BackendHarness {
  readonly cloud: EngineCloud;
  readonly clock: ManualClock;
  readonly wallet: MemoryWallet;
  backendOf(room: Room): TencentBackend;
  /** A client with store options of its own (a microphone, say). */
  clientWith(
    user: UserInfo,
    roomOptions: { readonly microphone?: MicrophoneSource | null },
    roomId?: string,
  ): Promise<Room>;
}

export async function makeEngineHarness(): Promise<EngineHarness> {
  const clock = createManualClock();
  const cloud = new EngineCloud(clock, SDK_APP_ID, { heartbeatMs: HEARTBEAT_MS });
  const wallet = new MemoryWallet();
  cloud.setGiftCatalog(categories);
  cloud.giftPreVerification = (userId, gift, count) => wallet.charge(userId, gift.coins * count);
  const clients = new Map<Room, TencentBackend>();
  const roomId = `engine-contract-${++harnesses}`;
  async function clientWith(
    user: UserInfo,
    roomOptions: { readonly microphone?: MicrophoneSource | null },
    id: string,
  ): Promise<Room> {
    const sdk = cloud.sdk();
    const backend = createTencentBackend({
      credentials: async () => ({
        sdkAppId: SDK_APP_ID,
        userId: user.userId,
        userSig: engineUserSig(SDK_APP_ID, user.userId, clock.now() + 86_400_000),
      }),
      sdk: async () => sdk,
      wallet,
      clock,
      commandTimeoutMs: 3_000,
      signInTimeoutMs: 3_000,
    });
    const room = createRoom({ backend, roomId: id, user, clock, ...roomOptions });
    clients.set(room, backend);
    return room;
  }
  return {
    name: 'tencent',
    cloud,
    clock,
    wallet,
    backendOf(room) {
      const backend = clients.get(room);
      if (!backend) throw new Error('not a client of this harness');
      return backend;
    },
    roomId,
    catalog,
    leaseMs: HEARTBEAT_MS,
    patienceMs: 2_000,
    client: (user, id = roomId) => clientWith(user, {}, id),
    clientWith: (user, roomOptions, id = roomId) => clientWith(user, roomOptions, id),
    async advance(ms) {
      clock.advance(ms);
      await flush();
    },
    async drop(room) {
      cloud.setOnline(room.user.userId, false);
      await flush();
    },
    async resume(room) {
      cloud.setOnline(room.user.userId, true);
      await flush();
    },
    async setBalance(userId, coins) {
      wallet.set(userId, coins);
    },
    async settle() {
      // The double delivers on microtasks: two macrotask turns let every delivery and its handlers run.
      await flush();
      await flush();
    },
    async close() {
      for (const room of clients.keys()) room.dispose();
      // A client a test left offline would sit out its backend's command limit (commandTimeoutMs, 3 s) on each call
      // close() makes (leaving, signing out): 6 s of wall time per such test with nothing left to check. Back online
      // first, those calls are answered at once.
      for (const room of clients.keys()) cloud.setOnline(room.user.userId, true);
      for (const backend of clients.values()) await backend.close();
      clients.clear();
    },
  };
}

/** The suite's one `until()` (test/until.ts), re-exported for the Tencent tests. */
export { until } from '../until.js';
