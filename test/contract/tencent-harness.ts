// The Tencent backend's test harness. Tencent Cloud is unreachable here, so every client gets the Chat and TRTC
// doubles of test/doubles/tencent (one shared in-memory cloud per harness, written from the SDKs' typings and docs)
// and a manual clock shared by the cloud, the owner's room timers and every store. Used by the shared room contract
// (tencent.contract.test.ts) and by the Tencent-only tests, which also look at the clouds.
import { type TencentBackend, createMemoryGiftService, createTencentBackend } from '../../src/backends/tencent/index.js';
import type { ChatSdk, TrtcFactory } from '../../src/backends/tencent/index.js';
import { type ManualClock, createManualClock } from '../../src/model/clock.js';
import type { Gift } from '../../src/model/gift.js';
import type { MicrophoneSource } from '../../src/media/microphone.js';
import type { UserInfo } from '../../src/model/user.js';
import { type Room, createRoom } from '../../src/store/room.js';
import { ChatCloud, type ChatInstance, doubleUserSig } from '../doubles/tencent/chat-double.js';
import { TrtcCloud } from '../doubles/tencent/trtc-double.js';
import type { BackendHarness } from './harness.js';

const catalog: readonly Gift[] = [
  { giftId: 'rose', name: 'Rose', iconUrl: '/gifts/rose.png', price: 10, level: 1 },
  { giftId: 'rocket', name: 'Rocket', iconUrl: '/gifts/rocket.png', price: 200, level: 3, animationUrl: '/gifts/rocket.svga' },
];
const LEASE_MS = 5_000;
const SDK_APP_ID = 1400000001;
// setTimeout, not setImmediate: the harness also runs in Chromium (test/components/tencent-room.test.ts).
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
let harnesses = 0;

export interface TencentHarness extends BackendHarness {
  readonly chatCloud: ChatCloud;
  readonly trtcCloud: TrtcCloud;
  readonly clock: ManualClock;
  backendOf(room: Room): TencentBackend;
  /** A client with store options of its own (a microphone, say). */
  clientWith(user: UserInfo, roomOptions: { readonly microphone?: MicrophoneSource | null }, roomId?: string): Promise<Room>;
}

export interface TencentHarnessOptions {
  /** Register Chat's signaling-module (default true); without it seat requests travel as plain commands. */
  readonly signalling?: boolean;
}

export async function makeTencentHarness(options: TencentHarnessOptions = {}): Promise<TencentHarness> {
  const modules = { 'group-module': {}, 'follow-module': {}, ...(options.signalling === false ? {} : { 'signaling-module': {} }) };
  const clock = createManualClock();
  const chatCloud = new ChatCloud(clock, SDK_APP_ID);
  const trtcCloud = new TrtcCloud(clock, SDK_APP_ID);
  const gifts = createMemoryGiftService({ catalog, initialBalance: 500 });
  const clients = new Map<Room, TencentBackend>();
  const roomId = `tencent-contract-${++harnesses}`;
  const chatOf = (room: Room): ChatInstance => {
    const found = [...chatCloud.instances].find((i) => i.userID === room.user.userId && i.ready);
    if (!found) throw new Error(`${room.user.userId} has no Chat instance`);
    return found;
  };
  async function clientWith(user: UserInfo, roomOptions: { readonly microphone?: MicrophoneSource | null }, id: string): Promise<Room> {
    const backend = createTencentBackend({
      credentials: async () => ({ sdkAppId: SDK_APP_ID, userId: user.userId, userSig: doubleUserSig(SDK_APP_ID, user.userId, clock.now() + 86_400_000) }),
      sdk: {
        chat: async (): Promise<ChatSdk> => ({ TencentCloudChat: chatCloud.factory(), modules }),
        trtc: async () => trtcCloud.factory() as unknown as TrtcFactory,
      },
      gifts,
      clock,
      limits: { seatLeaseMs: LEASE_MS },
      commandTimeoutMs: 3_000,
    });
    const room = createRoom({ backend, roomId: id, user, clock, ...roomOptions });
    clients.set(room, backend);
    return room;
  }
  return {
    name: 'tencent',
    chatCloud,
    trtcCloud,
    clock,
    backendOf(room) {
      const backend = clients.get(room);
      if (!backend) throw new Error('not a client of this harness');
      return backend;
    },
    roomId,
    catalog,
    leaseMs: LEASE_MS,
    patienceMs: 2_000,
    client: (user, id = roomId) => clientWith(user, {}, id),
    clientWith: (user, roomOptions, id = roomId) => clientWith(user, roomOptions, id),

    async advance(ms) {
      clock.advance(ms);
      await flush();
    },
    async drop(room) {
      chatCloud.disconnect(chatOf(room));
      trtcCloud.client(room.user.userId)?.connection('RECONNECTING');
      await flush();
    },
    async resume(room) {
      const instance = [...chatCloud.instances].find((i) => i.userID === room.user.userId && !i.connected);
      if (instance) chatCloud.reconnect(instance);
      trtcCloud.client(room.user.userId)?.connection('RECONNECTED');
      await flush();
    },
    async setBalance(userId, coins) {
      gifts.setBalance(userId, coins);
    },
    async close() {
      for (const [room, backend] of clients) {
        room.dispose();
        await backend.close();
      }
      clients.clear();
    },
  };
}

/** The suite's one `until()` (test/until.ts), re-exported for the Tencent tests. */
export { until } from '../until.js';
