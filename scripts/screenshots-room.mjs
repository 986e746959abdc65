#!/usr/bin/env node
// Screenshots of the whole room screen (host, listener, ended notice) and the lobby's room list, in light and
// dark, phone and desktop, for people to look at:
//   node scripts/screenshots-room.mjs [host|listener|ended|list …]  → test-results/screenshots/room-<page>-<scheme>-<w>x<h>.png
// Serves the project with vite (started directly, stopped by PID) and drives Debian's Chromium through
// playwright-core; CHROME_PATH overrides the browser.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'test-results', 'screenshots');
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const pages = ['host', 'listener', 'ended', 'list'];
const chosen = process.argv.slice(2).filter((p) => pages.includes(p));
const fixtures = (chosen.length ? chosen : pages).map((page) => ({ name: `room-${page}`, path: `/demo/fixtures/room.html?page=${page}` }));
const viewports = [
  { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { width: 1280, height: 800, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
];
const schemes = ['light', 'dark'];
const args = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, timeoutMs = 30_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`vite exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite did not answer at ${url}`);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const vite = spawn(join(root, 'node_modules/.bin/vite'), ['--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let viteLog = '';
vite.stdout.on('data', (chunk) => (viteLog += chunk));
vite.stderr.on('data', (chunk) => (viteLog += chunk));

let browser;
let failed = false;
try {
  await waitForServer(`${base}${fixtures[0].path}`, vite);
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({ executablePath, headless: true, args });
  for (const fixture of fixtures) {
    for (const scheme of schemes) {
      for (const { width, height, ...device } of viewports) {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, ...device });
        const page = await context.newPage();
        const problems = [];
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
        await page.goto(`${base}${fixture.path}${process.env.SCREENSHOT_QUERY ? `&${process.env.SCREENSHOT_QUERY.replace(/^[?&]/, '')}` : ''}`);
        try {
          await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 20_000 });
        } catch (error) {
          throw new Error(`${fixture.name} never became ready: ${problems.join('; ') || error.message}`);
        }
        const file = join(outDir, `${fixture.name}-${scheme}-${width}x${height}.png`);
        await page.screenshot({ path: file });
        if (process.env.SCREENSHOT_FULL) await page.screenshot({ path: file.replace('.png', '-full.png'), fullPage: true });
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
