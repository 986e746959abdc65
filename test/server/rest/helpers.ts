// Shared by the REST tests: a real server on loopback (in process, SQLite in memory), REST calls signed as the App
// admin over fetch, and raw WebSocket clients speaking the protocol of src/backends/local/protocol.ts.
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { type ServerOptions, type VoiceRoomServer, startServer } from '../../../server/app.js';
import { genUserSig } from '../../../server/auth/usersig.js';
import { type ServerConfig, loadConfig } from '../../../server/config.js';
import { PATIENCE_MS, until } from '../../until.js';
import { eventFrames } from '../helpers.js';

export const SDK_APP_ID = 1400000777;
export const SECRET_KEY = 'rest-tests-secret';
export const ADMIN = 'administrator';

export type Answer = Record<string, unknown> & {
  ActionStatus: string;
  ErrorCode: number;
  ErrorInfo: string;
  RequestId: string;
};

export function sig(
  userId: string,
  options: { secretKey?: string; sdkAppId?: number; expireSec?: number; now?: number } = {},
): string {
  return genUserSig({
    sdkAppId: options.sdkAppId ?? SDK_APP_ID,
    secretKey: options.secretKey ?? SECRET_KEY,
    userId,
    expireSec: options.expireSec ?? 3600,
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
}

export interface TestServer {
  readonly server: VoiceRoomServer;
  readonly url: string;
  /** A REST call signed as the App admin (or as `as`, or with a given query). */
  rest(
    service: string,
    command: string,
    body?: unknown,
    options?: {
      as?: string;
      query?: Record<string, string | null>;
      rawBody?: string;
      method?: string;
      contentType?: string;
    },
  ): Promise<Answer>;
  /** Imports accounts so they can own rooms. */
  accounts(...userIds: string[]): Promise<void>;
  /** Creates a room over REST (seats enabled unless told otherwise) and checks it worked. */
  room(roomId: string, info?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** `config`: e.g. a data directory that outlives the server (restart tests); in memory by default. */
export async function startTestServer(options: ServerOptions = {}, config?: ServerConfig): Promise<TestServer> {
  const server = await startServer(
    config ??
      loadConfig(
        [],
        {},
        { port: 0, dataDir: ':memory:', logLevel: 'silent', sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY },
      ),
    options,
  );
  const url = server.url;
  const clients = new Set<WsClient>();
  const t: TestServer = {
    server,
    url,
    async rest(service, command, body = {}, opts = {}) {
      const identifier = opts.as ?? ADMIN;
      const query: Record<string, string | null> = {
        sdkappid: String(SDK_APP_ID),
        identifier,
        usersig: sig(identifier),
        random: String(Math.floor(Math.random() * 4294967295)),
        contenttype: 'json',
        ...opts.query,
      };
      const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== null));
      const init: RequestInit = {
        method: opts.method ?? 'POST',
        headers: { 'content-type': opts.contentType ?? 'application/json' },
      };
      if (init.method !== 'GET' && init.method !== 'HEAD') init.body = opts.rawBody ?? JSON.stringify(body);
      const res = await fetch(`${url}/v4/${service}/${command}?${q}`, init);
      assert.equal(res.status, 200, 'REST answers are always HTTP 200');
      const answer = (await res.json()) as Answer;
      assert.match(answer.RequestId, /^Id-[0-9a-f]{32}-O-Seq-\d+$/);
      return answer;
    },
    async accounts(...userIds) {
      const answer = await t.rest('im_open_login_svc', 'multiaccount_import', {
        AccountList: userIds.map((UserID) => ({ UserID, Nick: `Nick ${UserID}` })),
      });
      ok(answer);
      assert.deepEqual(answer['FailAccounts'], []);
    },
    async room(roomId, info = {}) {
      ok(
        await t.rest('live_engine_http_srv', 'create_room', {
          RoomInfo: {
            RoomId: roomId,
            RoomType: 'Live',
            IsSeatEnabled: true,
            TakeSeatMode: 'FreeToTake',
            MaxSeatCount: 8,
            ...info,
          },
        }),
      );
    },
    async close() {
      for (const c of clients) c.close();
      await server.close();
    },
  };
  wsRegistry.set(t, clients);
  return t;
}

export function ok(answer: Answer): Answer {
  assert.equal(answer.ErrorCode, 0, `expected OK, got ${answer.ErrorCode} ${answer.ErrorInfo}`);
  assert.equal(answer.ActionStatus, 'OK');
  assert.equal(answer.ErrorInfo, '');
  return answer;
}

export function fails(answer: Answer, code: number): Answer {
  assert.equal(answer.ErrorCode, code, `expected ${code}, got ${answer.ErrorCode} ${answer.ErrorInfo}`);
  assert.equal(answer.ActionStatus, 'FAIL');
  assert.ok(answer.ErrorInfo.length > 0, 'a failure says why');
  return answer;
}

export function response<T = Record<string, unknown>>(answer: Answer): T {
  ok(answer);
  return answer['Response'] as T;
}

// ---- raw WebSocket clients ----

const wsRegistry = new WeakMap<TestServer, Set<WsClient>>();

export interface Frame {
  t: string;
  id?: string | null;
  ok?: boolean;
  result?: unknown;
  error?: { code: number; message: string };
  batch?: { roomId: string; version: number; events: Record<string, unknown>[] };
}

export interface WsClient {
  readonly frames: Frame[];
  send(frame: unknown): void;
  /** Sends a command and resolves with its answer frame. */
  command(type: string, args?: Record<string, unknown>): Promise<Frame>;
  /** Resolves with the first received frame (already received or future) that matches. */
  waitFor(match: (frame: Frame) => boolean, what: string, timeoutMs?: number): Promise<Frame>;
  close(): void;
}

let commandSeq = 0;

/** Connects, says hello, and (with roomId) joins the room. */
export async function connect(t: TestServer, userId: string, roomId?: string): Promise<WsClient> {
  const q = new URLSearchParams({ sdkAppId: String(SDK_APP_ID), userId, userSig: sig(userId) });
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/ws?${q}`);
  const frames: Frame[] = [];
  const waiters = new Set<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void }>();
  ws.on('message', (data) => {
    for (const frame of eventFrames(JSON.parse(String(data)) as Frame)) {
      frames.push(frame);
      for (const w of waiters)
        if (w.match(frame)) {
          waiters.delete(w);
          w.resolve(frame);
        }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client: WsClient = {
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    waitFor(match, what, timeoutMs = PATIENCE_MS) {
      const seen = frames.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<Frame>((resolve, reject) => {
        const w = {
          match,
          resolve: (f: Frame) => {
            clearTimeout(timer);
            resolve(f);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`${userId}: timed out waiting for ${what}; got ${JSON.stringify(frames.slice(-5))}`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    async command(type, args = {}) {
      const id = `c${++commandSeq}`;
      client.send({ t: 'cmd', id, type, args });
      return client.waitFor((f) => f.t === 'answer' && f.id === id, `answer to ${type}`);
    },
    close: () => ws.terminate(),
  };
  wsRegistry.get(t)?.add(client);
  client.send({ t: 'hello', id: `h${++commandSeq}`, userName: `Name ${userId}`, avatarUrl: '' });
  await client.waitFor((f) => f.t === 'answer' && typeof f.id === 'string' && f.id.startsWith('h'), 'hello answer');
  if (roomId) {
    const joined = await client.command('room.join', { roomId });
    assert.equal(joined.ok, true, `${userId} joins ${roomId}: ${JSON.stringify(joined.error)}`);
  }
  return client;
}

/** Events of every batch received so far, flattened. */
export function events(client: WsClient): Record<string, unknown>[] {
  return client.frames.filter((f) => f.t === 'batch').flatMap((f) => f.batch!.events);
}

/** The suite's one `until()` under the name the REST tests use. */
export const eventually = until;
