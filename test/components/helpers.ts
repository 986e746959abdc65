// Shared set-up for component tests: one in-process server per test, real Room stores as clients, so a test
// sees what a user would see when another user acts.
import { createMemoryBackend, createMemoryServer, type MemoryServer } from '../../src/backends/memory/index.js';
import { type Room, type SeatMode, type UserInfo, createRoom } from '../../src/index.js';
import type { Answer, RoomBackend } from '../../src/index.js';

export const ROOM_ID = 'room-under-test';

export const people = {
  ava: { userId: 'ava', userName: 'Ava Chen', avatarUrl: '' },
  ben: { userId: 'ben', userName: 'Ben Ito', avatarUrl: '' },
  cleo: { userId: 'cleo', userName: 'Cleo', avatarUrl: '' },
  dev: { userId: 'dev', userName: 'Dev Patel', avatarUrl: '' },
} satisfies Record<string, UserInfo>;

export interface Scene {
  readonly server: MemoryServer;
  /** The owner (seated on seat 0). */
  readonly host: Room;
  /** Joins another client to the room. */
  join(user: UserInfo, backend?: RoomBackend): Promise<Room>;
  /** Disposes every room and closes every backend of the scene. */
  close(): Promise<void>;
}

export async function scene(options: { seatMode?: SeatMode; seatCount?: number } = {}): Promise<Scene> {
  const server = createMemoryServer();
  const rooms: Room[] = [];
  const open = (user: UserInfo, backend: RoomBackend = createMemoryBackend({ server })) => {
    const room = createRoom({ backend, roomId: ROOM_ID, user });
    rooms.push(room);
    return room;
  };
  const host = open(people.ava);
  await host.start({ roomName: 'Night Talk', seatCount: options.seatCount ?? 8, seatMode: options.seatMode ?? 'free' });
  return {
    server,
    host,
    async join(user, backend) {
      const room = open(user, backend);
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

/** The suite's one `until()` (test/until.ts), re-exported for the component tests. */
export { until } from '../until.js';
