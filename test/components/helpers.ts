// Shared set-up for component tests: one in-process server per test, real Room stores as clients, so a test
// sees what a user would see when another user acts. `useScene()` is the set-up of a describe block; `scene()`
// makes a further scene inside a test.
import { expect, fixtureCleanup } from '@open-wc/testing';
import { setLocale } from '../../components/index.js';
import {
  type ManualClock,
  type MemoryServer,
  createManualClock,
  createMemoryBackend,
  createMemoryServer,
} from '../../src/backends/memory/index.js';
import { type Gift, type Room, type RoomLimits, type SeatMode, type UserInfo, createRoom } from '../../src/index.js';
import type { Answer, RoomBackend } from '../../src/index.js';

export const ROOM_ID = 'room-under-test';

export const people = {
  ava: { userId: 'ava', userName: 'Ava Chen', avatarUrl: '' },
  ben: { userId: 'ben', userName: 'Ben Ito', avatarUrl: '' },
  cleo: { userId: 'cleo', userName: 'Cleo', avatarUrl: '' },
  dev: { userId: 'dev', userName: 'Dev Patel', avatarUrl: '' },
} satisfies Record<string, UserInfo>;

/** Two gifts with no assets, for tests that send gifts without playing them (`catalog` below). */
export const plainGifts: readonly Gift[] = [
  { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 },
  { giftId: 'rocket', name: 'Rocket', iconUrl: '', price: 100, level: 3 },
];

export interface SceneOptions {
  /** The room's seat mode and seat count as the owner starts it (free, 8 seats). */
  readonly seatMode?: SeatMode;
  readonly seatCount?: number;
  /**
   * The server and every client store run on a manual clock that moves only when the test advances it
   * (`scene.clock.advance(ms)`): rate limits, mutes and like batching become deterministic ("the 4th message
   * in 10 s is refused"). Without it they run on real time (durations and countdowns tick by themselves).
   */
  readonly manualClock?: boolean;
  /** The server's limits (rate limits…) where a test wants others than its defaults. */
  readonly limits?: Partial<RoomLimits>;
  /** The server's gift catalog (none by default) and every account's starting balance. */
  readonly catalog?: readonly Gift[];
  readonly initialBalance?: number;
}

export interface Scene {
  readonly server: MemoryServer;
  /** The manual clock with `manualClock: true`, else undefined (real time). */
  readonly clock: ManualClock | undefined;
  /** The owner (seated on seat 0). */
  readonly host: Room;
  /** A client that has not joined yet (for history-on-join tests). */
  client(user: UserInfo, backend?: RoomBackend): Room;
  /** Joins another client to the room. */
  join(user: UserInfo, backend?: RoomBackend): Promise<Room>;
  /** Disposes every room and closes every backend of the scene. */
  close(): Promise<void>;
}

/** A scene on a manual clock (`manualClock: true`). */
export interface ClockScene extends Scene {
  readonly clock: ManualClock;
}

/** A room started by Ava on a fresh in-process server, with the options above. */
export async function scene(options: SceneOptions & { manualClock: true }): Promise<ClockScene>;
export async function scene(options?: SceneOptions): Promise<Scene>;
export async function scene(options: SceneOptions = {}): Promise<Scene> {
  const clock = options.manualClock ? createManualClock() : undefined;
  const server = createMemoryServer({
    ...(clock && { clock }),
    ...(options.limits && { limits: options.limits }),
    ...(options.catalog && { catalog: options.catalog }),
    ...(options.initialBalance !== undefined && { initialBalance: options.initialBalance }),
  });
  const rooms: Room[] = [];
  const client = (user: UserInfo, backend: RoomBackend = createMemoryBackend({ server })) => {
    const room = createRoom({ backend, roomId: ROOM_ID, user, ...(clock && { clock }) });
    rooms.push(room);
    return room;
  };
  const host = client(people.ava);
  await host.start({ roomName: 'Night Talk', seatCount: options.seatCount ?? 8, seatMode: options.seatMode ?? 'free' });
  return {
    server,
    clock,
    host,
    client,
    async join(user, backend) {
      const room = client(user, backend);
      await room.join();
      return room;
    },
    async close() {
      for (const room of rooms) {
        room.dispose();
        await room.backend.close();
      }
      server.stop();
    },
  };
}

/** The scene of the running test, as `useScene()` hands it out. */
export interface SceneHandle<S extends Scene = Scene> extends Omit<Scene, 'clock' | 'close'> {
  readonly clock: S['clock'];
  /** Closes the test's scene and opens another with `options` in its place (a test that needs apply mode…). */
  restart(options: SceneOptions): Promise<void>;
}

/**
 * The set-up of a describe block of element tests: before each test English and a fresh `scene(options)`; after
 * it, the mounted fixtures removed (so elements let go of their rooms first, as on a page) and the scene closed.
 * The handle reaches the running test's scene: `const s = useScene(); … s.host, s.join(people.ben)`.
 */
export function useScene(options: SceneOptions & { manualClock: true }): SceneHandle<ClockScene>;
export function useScene(options?: SceneOptions): SceneHandle;
export function useScene(options: SceneOptions = {}): SceneHandle {
  let current: Scene | undefined;
  const now = (): Scene => {
    if (!current) throw new Error('the scene exists only while a test runs (use it inside it() or a hook)');
    return current;
  };
  beforeEach(async () => {
    setLocale('en');
    current = await scene(options);
  });
  afterEach(async () => {
    fixtureCleanup();
    await current?.close();
    current = undefined;
  });
  return {
    get server() {
      return now().server;
    },
    get clock() {
      return now().clock;
    },
    get host() {
      return now().host;
    },
    client: (user, backend) => now().client(user, backend),
    join: (user, backend) => now().join(user, backend),
    async restart(next) {
      await now().close();
      current = undefined;
      current = await scene(next);
    },
  };
}

/**
 * A memory backend whose answers wait for `release()`: lets a test look at a command while it is pending.
 * Everything else (events, other commands while not held) behaves as the plain memory backend.
 */
export function gatedBackend(server: MemoryServer): RoomBackend & { hold(): void; release(): void } {
  const inner = createMemoryBackend({ server });
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  return {
    kind: inner.kind,
    events$: inner.events$,
    connect: (user) => inner.connect(user),
    close: () => inner.close(),
    async send(type, args) {
      const answer = inner.send(type, args);
      // Rejections are awaited below; until then they must not count as unhandled.
      answer.catch(() => undefined);
      if (gate) await gate;
      return answer as Promise<Answer<typeof type>>;
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = null;
      open?.();
    },
  } as RoomBackend & { hold(): void; release(): void };
}

/**
 * The leak check of an element: mounts what `mount(i)` puts on the page and removes it, `times` times; `store` (a
 * room or a room directory) must be observed while the element is there and by nothing once it has gone. The
 * caller gives the test its own time budget (`this.timeout`): 100 mounts take long on a loaded machine.
 */
export async function expectNoSubscriptionLeft(
  store: { readonly observed: boolean },
  mount: (i: number) => Promise<Element>,
  times = 100,
): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const el = await mount(i);
    expect(store.observed, `observed while mounted (mount ${i + 1})`).to.equal(true);
    el.remove();
  }
  expect(store.observed, `nothing subscribed after ${times} mounts and removals`).to.equal(false);
}

/** The suite's one `until()` (test/until.ts), re-exported for the component tests. */
export { until } from '../until.js';

/** An importer that fails as an offline fetch does while `failing` (then imports), counting its calls. */
export function offlineImport<M>(importer: () => Promise<M>) {
  const gate = {
    failing: true,
    calls: 0,
    import: (): Promise<M> => {
      gate.calls += 1;
      return gate.failing ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : importer();
    },
  };
  return gate;
}
