#!/usr/bin/env node
// Screenshots of the component fixtures in light and dark, phone and desktop, for people to look at:
//   node scripts/screenshots.mjs            → test-results/screenshots/<fixture>-<scheme>-<w>x<h>.png
// Serves the project with vite (started directly, stopped by PID) and drives Debian's Chromium through
// playwright-core; CHROME_PATH overrides the browser.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_ARGS, executablePath, freePort, waitForServer } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'test-results', 'screenshots');
const fixtures = [
  { name: 'seat-grid', path: '/demo/fixtures/seat-grid.html' },
  { name: 'gifts', path: '/demo/fixtures/gifts.html' },
  { name: 'requests', path: '/demo/fixtures/requests.html' },
  { name: 'barrage', path: '/demo/fixtures/barrage.html' },
];
const viewports = [
  { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { width: 1280, height: 800, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
];
const schemes = ['light', 'dark'];
const args = CHROMIUM_ARGS;

/** @type {Promise<{ giftAssets: () => Map<string, { contentType: string, body: Uint8Array }>, DEFAULT_GIFT_CATALOG: unknown }> | undefined} */
let giftModule;
/** @param {import('playwright-core').Route} route */
async function serveGiftAsset(route) {
  giftModule ??= tsImport('../server/gifts/catalog.ts', import.meta.url);
  const { giftAssets, DEFAULT_GIFT_CATALOG } = await giftModule;
  const path = new URL(route.request().url()).pathname;
  if (path === '/gifts/catalog.json')
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify(DEFAULT_GIFT_CATALOG) });
  const asset = giftAssets().get(path);
  if (!asset) return route.fulfill({ status: 404, body: 'not found' });
  return route.fulfill({ contentType: asset.contentType, body: Buffer.from(asset.body) });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const vite = spawn(
  join(root, 'node_modules/.bin/vite'),
  ['--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let viteLog = '';
vite.stdout.on('data', (chunk) => (viteLog += chunk));
vite.stderr.on('data', (chunk) => (viteLog += chunk));

let browser;
let failed = false;
try {
  await waitForServer(`${base}${fixtures[0].path}`, vite);
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({ executablePath, headless: true, args });
  // SCREENSHOT_ONLY=gifts,seat-grid limits the run to those fixtures.
  const only = process.env.SCREENSHOT_ONLY?.split(',');
  for (const fixture of fixtures.filter((f) => !only || only.includes(f.name))) {
    for (const scheme of schemes) {
      for (const { width, height, ...device } of viewports) {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, ...device });
        const page = await context.newPage();
        // The gift catalog and its icons and SVGA effects (server/gifts), as the room server and the test runner serve them.
        await page.route('**/gifts/**', (route) => serveGiftAsset(route));
        const problems = [];
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
        await page.goto(`${base}${fixture.path}${process.env.SCREENSHOT_QUERY ?? ''}`);
        try {
          await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 20_000 });
        } catch (error) {
          throw new Error(`${fixture.name} never became ready: ${problems.join('; ') || error.message}`, {
            cause: error,
          });
        }
        const file = join(outDir, `${fixture.name}-${scheme}-${width}x${height}.png`);
        await page.screenshot({ path: file });
        if (process.env.SCREENSHOT_FULL)
          await page.screenshot({ path: file.replace('.png', '-full.png'), fullPage: true });
        console.log(`${problems.length ? '!' : '✓'} ${file}`);
        for (const problem of problems) console.log(`    ${problem}`);
        if (problems.length) failed = true;
        await context.close();
      }
    }
  }
} catch (error) {
  failed = true;
  console.error(error);
  console.error(viteLog);
} finally {
  await browser?.close();
  vite.kill('SIGTERM');
}
process.exitCode = failed ? 1 : 0;
