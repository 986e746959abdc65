// A real local room server in a child process, on loopback, for tests: `node --import tsx server/main.ts` with a
// temporary SQLite directory. With `manualClock` it runs on VR_TEST_CLOCK (time moves only through POST
// /dev/clock), so the contract suite can pass request timeouts and seat leases without waiting for them.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { genUserSig } from '../../server/auth/usersig.js';
import { type LocalBackend, createLocalBackend } from '../../src/backends/local/index.js';

export const SDK_APP_ID = 1400000042;
export const SECRET_KEY = 'contract-secret';

export interface ServerProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Moves the server's manual clock; returns the server's new time. */
  advance(ms: number): Promise<number>;
  now(): Promise<number>;
  /** Open WebSocket connections as the server counts them (GET /healthz, asked as the App admin). */
  connections(): Promise<number>;
  /** A REST call signed as the App admin. */
  rest(service: string, command: string, body: unknown): Promise<Record<string, unknown>>;
  backend(userId: string): LocalBackend;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `cwd`: another checkout's server (the resource benchmark measures the previous commit's server this way). */
export async function startServerProcess(
  options: {
    env?: Record<string, string>;
    dataDir?: string;
    manualClock?: boolean;
    cwd?: string;
    startTimeoutMs?: number;
  } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vr-server-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: options.cwd ?? new URL('../..', import.meta.url).pathname,
    env: {
      ...process.env,
      VR_HOST: '127.0.0.1',
      VR_PORT: '0',
      VR_DATA_DIR: dataDir,
      VR_SDKAPPID: String(SDK_APP_ID),
      VR_SECRET_KEY: SECRET_KEY,
      VR_LOG_LEVEL: 'warn',
      VR_COMMAND_RATE: '10000',
      VR_DEMO_GIFTS: '0',
      ...(options.manualClock ? { VR_TEST_CLOCK: '1' } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${stderr}`));
    }, options.startTimeoutMs ?? 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stderr}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  async function clock(ms: number): Promise<number> {
    const res = await fetch(`${url}/dev/clock?advance=${ms}`, { method: 'POST' });
    if (!res.ok) throw new Error(`clock control refused (${res.status}): start the server with manualClock`);
    return ((await res.json()) as { now: number }).now;
  }

  return {
    url,
    dataDir,
    child,
    advance: clock,
    now: () => clock(0),
    async connections() {
      const q = new URLSearchParams({
        sdkappid: String(SDK_APP_ID),
        identifier: 'administrator',
        usersig: genUserSig({ sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY, userId: 'administrator', expireSec: 3600 }),
      });
      const res = await fetch(`${url}/healthz?${q}`);
      return ((await res.json()) as { connections: number }).connections;
    },
    async rest(service, command, body) {
      const q = new URLSearchParams({
        sdkappid: String(SDK_APP_ID),
        identifier: 'administrator',
        usersig: genUserSig({ sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY, userId: 'administrator', expireSec: 3600 }),
        random: String(Math.floor(Math.random() * 4294967295)),
        contenttype: 'json',
      });
      const res = await fetch(`${url}/v4/${service}/${command}?${q}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    },
    backend(userId) {
      return createLocalBackend({
        url,
        socket: (u) => new WebSocket(u) as never,
        credentials: async () => ({
          sdkAppId: SDK_APP_ID,
          userId,
          userSig: genUserSig({ sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY, userId, expireSec: 3600 }),
        }),
        reconnect: { minMs: 50, maxMs: 500 },
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
