// After a live ends, the same client (one backend: one browser tab) starts or joins another room without a reload.
// The people in the ended room used to get "already in another room" (−2108) until they reloaded. Run against
// the memory backend and a real local room server (LocalBackend over WebSocket).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMemoryBackend, createMemoryServer } from '../../../src/backends/memory/index.js';
import type { RoomBackend } from '../../../src/backends/room-backend.js';
import type { UserInfo } from '../../../src/model/user.js';
import { createRoom } from '../../../src/store/room.js';
import { type ServerProcess, startServerProcess } from '../../contract/local-server.js';
import { until } from '../../until.js';

const olivia: UserInfo = { userId: 'olivia', userName: 'Olivia', avatarUrl: '' };
const leo: UserInfo = { userId: 'leo', userName: 'Leo', avatarUrl: '' };

async function afterEnd(backends: { owner: RoomBackend; listener: RoomBackend }, prefix: string): Promise<void> {
  const first = createRoom({ backend: backends.owner, roomId: `${prefix}-first`, user: olivia });
  await first.start({ roomName: 'First' });
  const listening = createRoom({ backend: backends.listener, roomId: `${prefix}-first`, user: leo });
  await listening.join();
  await first.end();
  await until(() => listening.state.phase === 'ended', 'the listener sees the end');
  first.dispose();
  listening.dispose();

  // The owner starts another room and the listener joins it, each on the backend they had.
  const second = createRoom({ backend: backends.owner, roomId: `${prefix}-second`, user: olivia });
  await second.start({ roomName: 'Second' });
  assert.equal(second.state.phase, 'live');
  const joining = createRoom({ backend: backends.listener, roomId: `${prefix}-second`, user: leo });
  await joining.join();
  assert.equal(joining.state.phase, 'live');
  assert.deepEqual(joining.state.snapshot?.audience.recent.map((u) => u.userId).sort(), ['leo', 'olivia']);

  // That one ends too; now the listener starts a room of his own.
  await second.end();
  await until(() => joining.state.phase === 'ended', 'the listener sees the second end');
  joining.dispose();
  const own = createRoom({ backend: backends.listener, roomId: `${prefix}-own`, user: leo });
  await own.start({ roomName: 'Leo’s' });
  assert.equal(own.state.phase, 'live');
  second.dispose();
  own.dispose();
}

describe('after a live ends, the same client starts or joins another room', () => {
  it('memory backend', async () => {
    const server = createMemoryServer();
    const owner = createMemoryBackend({ server });
    const listener = createMemoryBackend({ server });
    try {
      await afterEnd({ owner, listener }, 'mem');
    } finally {
      await owner.close();
      await listener.close();
      server.stop();
    }
  });

  describe('local room server', () => {
    let server: ServerProcess;
    before(async () => {
      server = await startServerProcess();
    });
    after(async () => {
      await server?.stop();
    });

    it('LocalBackend', async () => {
      const owner = server.backend('olivia');
      const listener = server.backend('leo');
      try {
        await afterEnd({ owner, listener }, 'local');
      } finally {
        await owner.close();
        await listener.close();
      }
    });
  });
});
