// What everything that drives Chromium or serves a page needs (browser and end-to-end tests, screenshots, browser
// benchmarks): the browser path (overridable with CHROME_PATH), the launch flags that work headless as root on
// these machines, a free loopback port, and waiting until a server answers. The one definition: web-test-runner's
// config, test/e2e and bench/*.ts launch from here too, and build their pages here (types in chromium.d.mts).
import { createServer } from 'node:net';
import { build } from 'esbuild';

export const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Fake microphone, no permission prompt, audio that plays without a gesture, WebRTC on loopback. */
export const MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];

/**
 * MEDIA_ARGS for pages that talk WebRTC through the local SFU, in a network namespace: listeners have no
 * microphone permission, so Chromium would hide their addresses behind mDNS names that nothing resolves there.
 */
export const SFU_ARGS = [...MEDIA_ARGS, '--disable-features=WebRtcHideLocalIpsWithMdns'];

/** Playwright's launch options: headless Chromium at `executablePath` with CHROMIUM_ARGS and then `extraArgs`. */
export function launchOptions(extraArgs = []) {
  return { executablePath, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] };
}

/** Bundles the page script at `entry` (a path) for Chromium as one ES module, in memory; resolves to its code. */
export async function buildPage(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

/** The HTML of a page that only loads the module at `src` (as `buildPage` made it). */
export function pageHtml(src) {
  return `<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="${src}"></script>`;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx; fails early if `child` (the server process) exits. */
export async function waitForServer(url, child, timeoutMs = 30_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no answer at ${url}`);
}
