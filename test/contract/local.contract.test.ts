// The shared room contract on the local backend: a real server process on loopback (WebSocket + SQLite), real
// LocalBackend clients. The server runs on a manual clock moved over HTTP, and every client store gets a manual
// clock started at the server's time and moved with it, so leases, timeouts and mute expiry agree everywhere.
import { after, before, describe } from 'node:test';
import { type LocalBackend } from '../../src/backends/local/index.js';
import { type ManualClock, createManualClock } from '../../src/model/clock.js';
import { type Room, createRoom } from '../../src/store/room.js';
import { type BackendHarness, CONTRACT_CATALOG } from './harness.js';
import { type ServerProcess, startServerProcess } from './local-server.js';
import { runRoomContract } from './room-contract.js';

const LEASE_MS = 5_000;
let server: ServerProcess;
let harnesses = 0;

async function makeLocalHarness(): Promise<BackendHarness> {
  const clocks = new Set<ManualClock>();
  const clients = new Map<Room, LocalBackend>();
  const roomId = `local-contract-${++harnesses}`;
  return {
    name: 'local',
    roomId,
    catalog: CONTRACT_CATALOG,
    leaseMs: LEASE_MS,
    patienceMs: 3_000,
    async client(user, id = roomId) {
      const clock = createManualClock(await server.now());
      clocks.add(clock);
      const backend = server.backend(user.userId);
      const room = createRoom({ backend, roomId: id, user, clock });
      clients.set(room, backend);
      return room;
    },
    async advance(ms) {
      await server.advance(ms);
      for (const clock of clocks) clock.advance(ms);
    },
    async drop(room) {
      // The lease starts when the server notices the drop; wait for that so time moved afterwards counts.
      const before = await server.connections();
      clients.get(room)!.disconnect();
      const start = Date.now();
      while ((await server.connections()) >= before) {
        if (Date.now() - start > 5_000) throw new Error('the server never noticed the drop');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async resume(room) {
      await clients.get(room)!.reconnect();
    },
    async setBalance(userId, coins) {
      const answer = await server.rest('vr_gift', 'set_balance', { UserID: userId, Coins: coins });
      if (answer['ErrorCode'] !== 0) throw new Error(`set_balance failed: ${JSON.stringify(answer)}`);
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

describe('local backend (server process on loopback)', () => {
  before(async () => {
    server = await startServerProcess({
      manualClock: true,
      env: { VR_SEAT_LEASE_MS: String(LEASE_MS), VR_INITIAL_BALANCE: '500' },
    });
    const answer = await server.rest('vr_gift', 'set_catalog', { GiftList: CONTRACT_CATALOG });
    if (answer['ErrorCode'] !== 0) throw new Error(`set_catalog failed: ${JSON.stringify(answer)}`);
  });
  after(async () => {
    await server.stop();
  });
  runRoomContract(makeLocalHarness);
});
