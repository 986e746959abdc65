#!/usr/bin/env node
// `npm run bench -- gifts` (or `node bench/gifts.mjs`): 5 gifts per second for 10 s (every third one a
// full-screen SVGA effect, the rest banners) in Chromium, played by <vr-gift-player> and, in the same browser
// right after, by a naive player that shows every banner and starts every animation at once (the baseline).
// Measures long tasks, p95 frame time (requestAnimationFrame deltas) and peak DOM nodes. Page:
// demo/fixtures/gift-bench.ts, bundled by vite; the gift files come from server/gifts. Results: BENCHMARKS.md.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const seconds = Number(process.env.GIFT_BENCH_SECONDS ?? 10);
const rate = Number(process.env.GIFT_BENCH_RATE ?? 5);
const rounds = Number(process.env.GIFT_BENCH_ROUNDS ?? 2);
// Chromium's CPU throttling (DevTools "4× slowdown" = 4): a phone-class CPU, and a load that does not depend on
// what else happens to run on the machine.
const slowdown = Number(process.env.GIFT_BENCH_CPU_SLOWDOWN ?? 1);
// `GIFT_BENCH_WORKER=off`: the page has no Worker (an old browser, a CSP without worker-src), so the kit decodes
// every cold file on the main thread (svga-loader.ts); the naive baseline parses there in every mode.
const worker = process.env.GIFT_BENCH_WORKER !== 'off';

/**
 * Builds the bench page once with vite's API into node_modules/.cache (a production bundle, like a product ships,
 * and no dev server whose file watcher could reload the page while it is measured), then serves it statically.
 */
async function buildPage() {
  const { build } = await import('vite');
  const outDir = join(root, 'node_modules/.cache/vr-gift-bench');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      rolldownOptions: { input: join(root, 'demo/fixtures/gift-bench.html') },
    },
  });
  return outDir;
}

function serveStatic(dir) {
  const types = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.map': 'application/json',
  };
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^([/\\])+/, '');
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function runGifts() {
  const { giftAssets, DEFAULT_GIFT_CATALOG } = await tsImport('../server/gifts/catalog.ts', import.meta.url);
  const assets = giftAssets();
  const server = await serveStatic(await buildPage());
  const base = `http://127.0.0.1:${server.address().port}`;
  let browser;
  const results = [];
  try {
    const path = '/demo/fixtures/gift-bench.html';
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 760 } });
    if (slowdown > 1)
      await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    if (!worker) await page.addInitScript(() => delete globalThis.Worker);
    await page.route('**/gifts/**', (route) => {
      const url = new URL(route.request().url()).pathname;
      if (url === '/gifts/catalog.json')
        return route.fulfill({ contentType: 'application/json', body: JSON.stringify(DEFAULT_GIFT_CATALOG) });
      const asset = assets.get(url);
      return asset
        ? route.fulfill({ contentType: asset.contentType, body: Buffer.from(asset.body) })
        : route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${base}${path}`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
    // Warm-up: both players' code and the svgaplayerweb module are loaded before anything is measured.
    await page.evaluate(() => window.giftBench.run({ mode: 'kit', seconds: 1, rate: 3 }));
    await page.evaluate(() => window.giftBench.run({ mode: 'naive', seconds: 1, rate: 3 }));
    for (let r = 0; r < rounds; r++) {
      for (const mode of r % 2 === 0 ? ['kit', 'naive'] : ['naive', 'kit']) {
        results.push(await page.evaluate((options) => window.giftBench.run(options), { mode, seconds, rate }));
      }
    }
  } finally {
    await browser?.close();
    server.close();
  }

  if (process.env.GIFT_BENCH_VERBOSE) console.log(results);
  const median = (mode, key) => {
    const values = results
      .filter((r) => r.mode === mode)
      .map((r) => r[key])
      .sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  };
  const worst = (mode, key) => Math.max(...results.filter((r) => r.mode === mode).map((r) => r[key]));
  const ms = (v) => `${v.toFixed(1)} ms`;
  const cpu = (slowdown > 1 ? `, CPU throttled ${slowdown}×` : '') + (worker ? '' : ', no Worker (main-thread decode)');
  console.log(
    `\nGift player: ${rate} gifts/s for ${seconds} s (1 in 3 full-screen SVGA), ${rounds} round(s) each, Chromium headless${cpu}\n`,
  );
  console.log('| measure | <vr-gift-player> | naive (all at once) | target |');
  console.log('|---|---|---|---|');
  console.log(
    `| long tasks (all rounds) | ${results.filter((r) => r.mode === 'kit').reduce((n, r) => n + r.longTasks, 0)} | ${results.filter((r) => r.mode === 'naive').reduce((n, r) => n + r.longTasks, 0)} | 0 |`,
  );
  console.log(
    `| longest task | ${ms(worst('kit', 'longestTaskMs'))} | ${ms(worst('naive', 'longestTaskMs'))} | ≤ 50 ms |`,
  );
  console.log(`| p50 frame time | ${ms(median('kit', 'p50FrameMs'))} | ${ms(median('naive', 'p50FrameMs'))} | |`);
  console.log(
    `| p95 frame time | ${ms(median('kit', 'p95FrameMs'))} | ${ms(median('naive', 'p95FrameMs'))} | ≤ 16.7 ms |`,
  );
  console.log(`| worst frame | ${ms(worst('kit', 'maxFrameMs'))} | ${ms(worst('naive', 'maxFrameMs'))} | |`);
  console.log(
    `| peak DOM nodes (incl. shadow) | ${worst('kit', 'peakNodes')} | ${worst('naive', 'peakNodes')} | bounded |`,
  );
  console.log(`| frames drawn | ${median('kit', 'frames')} | ${median('naive', 'frames')} | |`);
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runGifts();
}
