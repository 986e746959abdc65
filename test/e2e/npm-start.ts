// `npm start` as a newcomer runs it, for the end-to-end tests that drive the demo: a free loopback port, the start
// script in its own process group (so a forced stop also ends the build or server it started), and (from
// scripts/chromium.mjs) Chromium's launch options for pages with fake microphones on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { SFU_ARGS, freePort, launchOptions } from '../../scripts/chromium.mjs';

// Chromium's path and flags and a free port: the one definition in scripts/chromium.mjs.
export { SFU_ARGS, freePort, launchOptions };

export const root = fileURLToPath(new URL('../..', import.meta.url));
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

/**
 * `promise`'s value, or 'timeout' after `ms`. The timer is cleared when the promise settles first: a pending one
 * would keep the test file's process alive for the rest of `ms` after its last test (node --test waits for the
 * process to exit), 10 s of every demo suite's wall time with nothing running.
 */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<'timeout'>((r) => (timer = setTimeout(r, ms, 'timeout')))]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  output: string;
}

/**
 * `npm start` as a newcomer runs it: node scripts/start.mjs, waiting for the "listening on" line. `demoDir` is its
 * VR_DEMO_DIR (default: the shared .vr-build/demo, built by whoever finds it out of date).
 */
export async function startServer(port: number, dataDir: string, demoDir?: string): Promise<Running> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, VR_PORT: String(port), VR_DATA_DIR: dataDir, ...(demoDir ? { VR_DEMO_DIR: demoDir } : {}) },
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
  const code = await within(running.exited, 15_000);
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
  await within(running.exited, 10_000);
  if (running.child.exitCode === null) killGroup(running.child);
}

/** What a suite that drives `npm start`'s demo holds while it runs (see `demoRun`). */
export interface DemoRun {
  /** `npm start`'s server; a test that stops and restarts it sets this (null while stopped). */
  server: Running | null;
  readonly port: number;
  readonly dataDir: string;
  /** The newcomer's own demo build directory (`newcomer: true`); undefined: the shared .vr-build/demo. */
  readonly demoDir: string | undefined;
  readonly browser: Browser;
  /** test-results/<name>/, emptied when the suite starts. */
  readonly shots: string;
  /** Pages the suite opened: the last picture of each open one lands in `shots` when the suite ends. */
  readonly pages: Page[];
}

/**
 * The demo's gift assets, shared by the suites of one `npm test` run: scripts/test.mjs names a directory of its
 * own run in VR_E2E_GIFT_CACHE. The server draws them into a fresh data directory before it listens (~6 s of CPU,
 * 20 s of wall time at load 15), and reads them from there afterwards when their key (the catalog and the
 * generator's version: server/gifts/catalog.ts) still matches; so a suite's data directory starts with the ones the
 * first server of the run drew, as if that server had run on it before. A file run alone draws its own.
 */
const giftCache = process.env['VR_E2E_GIFT_CACHE'];
const giftAssetsOf = (dataDir: string) => join(dataDir, 'gift-assets');

function seedGiftAssets(dataDir: string): void {
  if (giftCache && existsSync(join(giftCache, 'manifest.json')))
    cpSync(giftCache, giftAssetsOf(dataDir), { recursive: true });
}

function keepGiftAssets(dataDir: string): void {
  if (!giftCache || existsSync(giftCache) || !existsSync(join(giftAssetsOf(dataDir), 'manifest.json'))) return;
  // Copied whole, then renamed into place: a suite beside this one sees all of it or none.
  const partial = `${giftCache}.${process.pid}`;
  cpSync(giftAssetsOf(dataDir), partial, { recursive: true });
  try {
    renameSync(partial, giftCache);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another suite's is already there
  }
}

/**
 * The set-up of a suite that drives the demo through `npm start` (node:test `before`/`after` of the calling
 * `describe`): a fresh data dir, the server on a free port, headless Chromium with SFU_ARGS (and `extraArgs`).
 * After it: a picture of every open page (`last-<i>.png`, or what `pictures` names), then the browser closed,
 * the server stopped and the data dir removed, whatever failed.
 *
 * `newcomer: true` is a fresh clone's first `npm start`: the demo built into an empty directory of its own
 * (removed after), the gift assets drawn into the empty data dir. Otherwise the suite serves the shared
 * .vr-build/demo (built when out of date) and starts with the run's gift assets (see `giftCache`).
 */
export function demoRun(
  name: string,
  options: {
    extraArgs?: readonly string[];
    pictures?: () => Iterable<readonly [string, Page]>;
    newcomer?: boolean;
  } = {},
): DemoRun {
  const run = { server: null, pages: [], shots: join(root, 'test-results', name) } as unknown as {
    -readonly [K in keyof DemoRun]: DemoRun[K];
  };
  before(async () => {
    rmSync(run.shots, { recursive: true, force: true });
    mkdirSync(run.shots, { recursive: true });
    run.dataDir = mkdtempSync(join(tmpdir(), `vr-${name}-`));
    if (options.newcomer) {
      mkdirSync(join(root, '.vr-build'), { recursive: true });
      run.demoDir = mkdtempSync(join(root, '.vr-build', `${name}-`));
    } else seedGiftAssets(run.dataDir);
    run.port = await freePort();
    const started = Date.now();
    run.server = await startServer(run.port, run.dataDir, run.demoDir);
    const listening = Date.now();
    keepGiftAssets(run.dataDir);
    run.browser = await chromium.launch(launchOptions([...SFU_ARGS, ...(options.extraArgs ?? [])]));
    // Where a suite's set-up time goes, in every run's output (CONTRIBUTING.md, "How `npm test` runs").
    const built = /npm start: (demo .*)/.exec(run.server.output)?.[1] ?? '';
    console.log(
      `${name}: npm start listened in ${((listening - started) / 1000).toFixed(1)} s (${built}), ` +
        `Chromium started in ${((Date.now() - listening) / 1000).toFixed(1)} s`,
    );
  });
  after(async () => {
    const pictures = options.pictures?.() ?? run.pages.map((page, i) => [`last-${i}`, page] as const);
    for (const [picture, page] of pictures)
      if (!page.isClosed()) await page.screenshot({ path: join(run.shots, `${picture}.png`) }).catch(() => undefined);
    await run.browser?.close().catch(() => undefined);
    await shutDown(run.server);
    if (run.dataDir) rmSync(run.dataDir, { recursive: true, force: true });
    if (run.demoDir) {
      rmSync(run.demoDir, { recursive: true, force: true });
      rmSync(`${run.demoDir}.build.json`, { force: true });
    }
  });
  return run;
}
