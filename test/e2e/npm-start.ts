// `npm start` as a newcomer runs it, for the end-to-end tests that drive the demo: a free loopback port, the start
// script in its own process group (so a forced stop also ends the build or server it started), and (from
// scripts/chromium.mjs) Chromium's launch options for pages with fake microphones on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** What a suite that drives `npm start`'s demo holds while it runs (see `demoRun`). */
export interface DemoRun {
  /** `npm start`'s server; a test that stops and restarts it sets this (null while stopped). */
  server: Running | null;
  readonly port: number;
  readonly dataDir: string;
  readonly browser: Browser;
  /** test-results/<name>/, emptied when the suite starts. */
  readonly shots: string;
  /** Pages the suite opened: the last picture of each open one lands in `shots` when the suite ends. */
  readonly pages: Page[];
}

/**
 * The set-up of a suite that drives the demo through `npm start` (node:test `before`/`after` of the calling
 * `describe`): a fresh data dir, the server on a free port, headless Chromium with SFU_ARGS (and `extraArgs`).
 * After it: a picture of every open page (`last-<i>.png`, or what `pictures` names), then the browser closed,
 * the server stopped and the data dir removed, whatever failed.
 */
export function demoRun(
  name: string,
  options: { extraArgs?: readonly string[]; pictures?: () => Iterable<readonly [string, Page]> } = {},
): DemoRun {
  const run = { server: null, pages: [], shots: join(root, 'test-results', name) } as unknown as {
    -readonly [K in keyof DemoRun]: DemoRun[K];
  };
  before(async () => {
    rmSync(run.shots, { recursive: true, force: true });
    mkdirSync(run.shots, { recursive: true });
    run.dataDir = mkdtempSync(join(tmpdir(), `vr-${name}-`));
    run.port = await freePort();
    run.server = await startServer(run.port, run.dataDir);
    run.browser = await chromium.launch(launchOptions([...SFU_ARGS, ...(options.extraArgs ?? [])]));
  });
  after(async () => {
    const pictures = options.pictures?.() ?? run.pages.map((page, i) => [`last-${i}`, page] as const);
    for (const [picture, page] of pictures)
      if (!page.isClosed()) await page.screenshot({ path: join(run.shots, `${picture}.png`) }).catch(() => undefined);
    await run.browser?.close().catch(() => undefined);
    await shutDown(run.server);
    if (run.dataDir) rmSync(run.dataDir, { recursive: true, force: true });
  });
  return run;
}
