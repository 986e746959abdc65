// `npm start` as a newcomer runs it, for the end-to-end tests that drive the demo: a free loopback port, the start
// script in its own process group (so a forced stop also ends the build or server it started), and Chromium's
// launch flags for pages with fake microphones on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const executablePath = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];
/**
 * An element's output-only state through its read-only property (`phase`, `connection`, `view` of <vr-room>,
 * `blocked` of <vr-barrage>): the elements show it as custom states, not attributes a page could set.
 */
export function state(locator: Locator, name: string, timeout?: number): Promise<string | null> {
  return locator.evaluate(
    (el, prop) => {
      const value = (el as unknown as Record<string, unknown>)[prop];
      return value === undefined || value === null ? null : String(value);
    },
    name,
    timeout === undefined ? undefined : { timeout },
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  output: string;
}

/** `npm start` as a newcomer runs it: node scripts/start.mjs, waiting for the "listening on" line. */
export async function startServer(port: number, dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, VR_PORT: String(port), VR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a forced stop also ends the vite build or server it started (a SIGKILL to the
    // script alone left the server running after the test).
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running: Running = { child, url: '', exited, output: '' };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`npm start did not listen within 180 s:\n${running.output}`));
    }, 180_000);
    const onData = (chunk: Buffer) => {
      running.output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(running.output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (running.output += c.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before listening:\n${running.output}`));
    });
  });
  return { ...running, url, child, exited };
}

/** SIGKILL to the start script and everything it started (it runs in its own process group). */
export function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Ctrl-C: SIGINT to the start script's own PID; it must stop the server and exit 0. */
export async function stopServer(running: Running): Promise<number | null> {
  running.child.kill('SIGINT');
  const code = await Promise.race([running.exited, sleep(15_000).then(() => 'timeout' as const)]);
  if (code === 'timeout') {
    killGroup(running.child);
    throw new Error('npm start did not stop within 15 s of SIGINT');
  }
  return code;
}

/** The end of a test: Ctrl-C, then (after 10 s) a forced stop of the whole group; never throws. */
export async function shutDown(running: Running | null): Promise<void> {
  if (!running) return;
  running.child.kill('SIGINT');
  await Promise.race([running.exited, sleep(10_000)]);
  if (running.child.exitCode === null) killGroup(running.child);
}
