// In-process local server for integration tests: real HTTP + WebSocket on loopback, real SQLite (a temp file
// unless ':memory:' is asked for), real LocalBackend clients through the `ws` package.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { type VoiceRoomServer, type ServerOptions, startServer } from '../../server/app.js';
import { genUserSig } from '../../server/auth/usersig.js';
import { type ServerConfig, loadConfig } from '../../server/config.js';
import { type LocalBackend, createLocalBackend } from '../../src/backends/local/index.js';
import { type Room, createRoom } from '../../src/index.js';

export const sdkAppId = 1400000077;
export const secretKey = 'integration-secret';

export function sig(userId: string, expireSec = 3600): string {
  return genUserSig({ sdkAppId, secretKey, userId, expireSec });
}

/** The query a REST call (or an admin-only GET such as /healthz) carries to be signed as the App admin. */
export function adminQuery(): string {
  return new URLSearchParams({
    sdkappid: String(sdkAppId),
    identifier: 'administrator',
    usersig: sig('administrator'),
    random: '1',
    contenttype: 'json',
  }).toString();
}

export async function testServer(
  overrides: Partial<ServerConfig> = {},
  options: ServerOptions = {},
): Promise<VoiceRoomServer & { dispose(): Promise<void> }> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'vr-it-'));
  const server = await startServer(
    loadConfig([], {}, { port: 0, dataDir, logLevel: 'silent', sdkAppId, secretKey, ...overrides }),
    options,
  );
  return Object.assign(server, {
    async dispose() {
      await server.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** `sockets`, when given, collects each WebSocket the backend opens (a test that cuts one as the network would). */
export function localBackend(server: { url: string }, userId: string, sockets?: WebSocket[]): LocalBackend {
  return createLocalBackend({
    url: server.url,
    socket: (u) => {
      const socket = new WebSocket(u);
      sockets?.push(socket);
      return socket as never;
    },
    credentials: async () => ({ sdkAppId, userId, userSig: sig(userId) }),
    reconnect: { minMs: 20, maxMs: 200 },
  });
}

export function client(server: { url: string }, userId: string, roomId: string, sockets?: WebSocket[]): Room {
  return createRoom({
    backend: localBackend(server, userId, sockets),
    roomId,
    user: { userId, userName: userId.toUpperCase(), avatarUrl: '' },
  });
}

export async function closeAll(rooms: Iterable<Room>): Promise<void> {
  for (const room of rooms) {
    room.dispose();
    await room.backend.close();
  }
}

/** The suite's one `until()` (test/until.ts), re-exported for the server tests. */
import { PATIENCE_MS, until } from '../until.js';

export { until };

/**
 * A frame as tests read it: the server coalesces a connection's batches per fan-out tick (`batches` frames); tests
 * about events see them one `batch` at a time, in the order they came. (test/server/fanout.test.ts checks the framing.)
 */
export function eventFrames<F extends object>(frame: F): F[] {
  const f = frame as { t?: unknown; batches?: unknown };
  if (f.t !== 'batches' || !Array.isArray(f.batches)) return [frame];
  return f.batches.map((batch: unknown) => ({ t: 'batch', batch }) as unknown as F);
}

/** A raw protocol client: for hostile frames and for killing a connection without a goodbye. */
export async function rawSocket(
  server: { url: string },
  userId: string,
): Promise<{
  ws: WebSocket;
  frames: Record<string, unknown>[];
  next(pred: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}> {
  const ws = new WebSocket(
    `${server.url.replace('http', 'ws')}/ws?sdkAppId=${sdkAppId}&userId=${userId}&userSig=${sig(userId)}`,
  );
  const frames: Record<string, unknown>[] = [];
  const waiters: { pred: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] =
    [];
  ws.on('message', (data) => {
    for (const frame of eventFrames(JSON.parse(data.toString()) as Record<string, unknown>)) {
      frames.push(frame);
      for (const w of waiters.splice(0)) {
        if (w.pred(frame)) w.resolve(frame);
        else waiters.push(w);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (pred: (f: Record<string, unknown>) => boolean) => {
    const seen = frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching frame')), PATIENCE_MS);
      waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  };
  return { ws, frames, next };
}

/** Deterministic PRNG (mulberry32) so a fuzz failure replays with the same inputs. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
