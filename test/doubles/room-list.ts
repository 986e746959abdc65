// Room-list fixtures shared by the RoomDirectory store tests (Node) and the <vr-room-list> element tests
// (Chromium): many live rooms on one memory server, and a backend whose `room.list` can be made to fail.
// Imports only the kit, so both runners load it.
import { createMemoryBackend, type MemoryServer } from '../../src/backends/memory/index.js';
import { ErrorCode, type RoomBackend, RoomError, createRoom } from '../../src/index.js';

/**
 * `count` live rooms r00, r01…; room i has `i % listenerCycle` listeners besides its owner, so the directory's
 * order (by viewers, then ID) is known.
 */
export async function openRooms(server: MemoryServer, count: number, listenerCycle = 5): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const roomId = `r${String(i).padStart(2, '0')}`;
    const owner = createRoom({
      backend: createMemoryBackend({ server }),
      roomId,
      user: { userId: `o${i}`, userName: `Owner ${i}`, avatarUrl: '' },
    });
    await owner.start({ roomName: `Room ${i}` });
    for (let j = 0; j < i % listenerCycle; j += 1) {
      await createRoom({
        backend: createMemoryBackend({ server }),
        roomId,
        user: { userId: `l${i}x${j}`, userName: 'L', avatarUrl: '' },
      }).join();
    }
  }
}

/** A memory backend whose `room.list` fails with CONNECTION_LOST while `failing` is set. */
export function flakyRoomList(server: MemoryServer): RoomBackend & { failing: boolean } {
  const inner = createMemoryBackend({ server });
  const backend: RoomBackend & { failing: boolean } = {
    kind: 'flaky',
    failing: false,
    events$: inner.events$,
    connect: (user) => inner.connect(user),
    close: () => inner.close(),
    send: ((type, args) =>
      backend.failing && type === 'room.list'
        ? Promise.reject(new RoomError(ErrorCode.CONNECTION_LOST))
        : inner.send(type, args)) as RoomBackend['send'],
  };
  return backend;
}
