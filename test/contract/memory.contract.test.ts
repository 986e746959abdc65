// The shared room contract on the in-process memory backend: one server per test, a manual clock shared by the
// server and every client store, so timeouts, leases and mute expiry run the moment the test advances time.
import { describe } from 'node:test';
import {
  type MemoryBackend,
  createManualClock,
  createMemoryBackend,
  createMemoryServer,
} from '../../src/backends/memory/index.js';
import { type Room, createRoom } from '../../src/store/room.js';
import { type BackendHarness, CONTRACT_CATALOG } from './harness.js';
import { runRoomContract } from './room-contract.js';

const catalog = CONTRACT_CATALOG;
const LEASE_MS = 5_000;

/** Lets queued microtasks and zero-delay timers (event delivery, store reactions) run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

let harnesses = 0;

async function makeMemoryHarness(): Promise<BackendHarness> {
  const clock = createManualClock();
  const server = createMemoryServer({ clock, catalog, initialBalance: 500, limits: { seatLeaseMs: LEASE_MS } });
  const clients = new Map<Room, MemoryBackend>();
  const roomId = `contract-${++harnesses}`;
  const backendOf = (room: Room): MemoryBackend => {
    const backend = clients.get(room);
    if (!backend) throw new Error(`${room.user.userId} is not a client of this harness`);
    return backend;
  };
  return {
    name: 'memory',
    roomId,
    catalog,
    leaseMs: LEASE_MS,
    patienceMs: 1_000,
    async client(user, id = roomId) {
      const backend = createMemoryBackend({ server });
      const room = createRoom({ backend, roomId: id, user, clock });
      clients.set(room, backend);
      return room;
    },
    async advance(ms) {
      clock.advance(ms);
      await flush();
    },
    async drop(room) {
      backendOf(room).drop();
      await flush();
    },
    async resume(room) {
      backendOf(room).resume();
      await flush();
    },
    async setBalance(userId, coins) {
      server.setBalance(userId, coins);
    },
    async close() {
      for (const [room, backend] of clients) {
        room.dispose();
        await backend.close();
      }
      clients.clear();
      server.stop();
    },
  };
}

describe('memory backend', () => {
  runRoomContract(makeMemoryHarness);
});
