// A component-test scene on a manual clock: the server's rate limits, mutes and the store's like batching move
// only when the test advances time, so "the 4th message in 10 s is refused" is deterministic.
import {
  type ManualClock,
  type MemoryServer,
  createManualClock,
  createMemoryBackend,
  createMemoryServer,
} from '../../src/backends/memory/index.js';
import { type Gift, type Room, type RoomBackend, type UserInfo, createRoom } from '../../src/index.js';
import type { RoomLimits } from '../../src/index.js';

export const CLOCK_ROOM_ID = 'clock-room';

export const catalog: readonly Gift[] = [
  { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 },
  { giftId: 'rocket', name: 'Rocket', iconUrl: '', price: 100, level: 3 },
];

export interface ClockScene {
  readonly clock: ManualClock;
  readonly server: MemoryServer;
  /** The owner's room (started, seated on seat 0). */
  readonly host: Room;
  /** A client that has not joined yet (for history-on-join tests) or a joined one. */
  client(user: UserInfo, backend?: RoomBackend): Room;
  join(user: UserInfo, backend?: RoomBackend): Promise<Room>;
  close(): Promise<void>;
}

export async function clockScene(limits: Partial<RoomLimits> = {}): Promise<ClockScene> {
  const clock = createManualClock();
  const server = createMemoryServer({ clock, limits, catalog, initialBalance: 100_000 });
  const rooms: Room[] = [];
  const client = (user: UserInfo, backend: RoomBackend = createMemoryBackend({ server })) => {
    const room = createRoom({ backend, roomId: CLOCK_ROOM_ID, user, clock });
    rooms.push(room);
    return room;
  };
  const host = client({ userId: 'ava', userName: 'Ava Chen', avatarUrl: '' });
  await host.start({ roomName: 'Night Talk', seatCount: 8, seatMode: 'free' });
  return {
    clock,
    server,
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
