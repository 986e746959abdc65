// Renders the project's gift effects with the real svgaplayerweb in headless Chromium and saves three frames
// of each (and one strip per effect) to test-results/gifts/, so people can look at what the catalog plays.
//
//   node --import tsx scripts/gift-frames.ts [outDir]
//
// CHROME_PATH overrides the browser (default: Debian's /usr/bin/chromium).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEFAULT_GIFT_CATALOG, giftAssets } from '../server/gifts/catalog.js';
import { EFFECTS } from '../server/gifts/effects.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.argv[2] ?? join(root, 'test-results/gifts');
mkdirSync(outDir, { recursive: true });

const assets = giftAssets();
const player = readFileSync(join(root, 'node_modules/svgaplayerweb/build/svga.min.js'));
const page = `<!doctype html><meta charset="utf-8"><style>
  body { margin: 0; padding: 12px; display: flex; gap: 12px;
         background: radial-gradient(circle at 50% 30%, #3b2a5c, #141021 70%); }
  canvas { width: 300px; height: 534px; border-radius: 12px; background: rgba(255,255,255,0.04); }
</style><canvas width="300" height="534"></canvas><canvas width="300" height="534"></canvas><canvas width="300" height="534"></canvas>
<script src="/svga.min.js"></script>`;

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  const asset = assets.get(url);
  const body = url === '/' ? page : url === '/svga.min.js' ? player : asset?.body;
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  const type =
    url === '/'
      ? 'text/html'
      : url.endsWith('.js')
        ? 'text/javascript'
        : (asset?.contentType ?? 'application/octet-stream');
  res.writeHead(200, { 'content-type': type }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--no-first-run',
  ],
});
const written: string[] = [];
try {
  const tab = await browser.newPage({ viewport: { width: 960, height: 560 } });
  const problems: string[] = [];
  tab.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text());
  });
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(`http://127.0.0.1:${port}/`);
  for (const effect of EFFECTS) {
    const frames: number[] = await tab.evaluate(async (id) => {
      type Player = { setVideoItem(v: unknown): void; stepToFrame(f: number): void; _renderer: { _prepared: boolean } };
      const SVGA = (
        window as unknown as {
          SVGA: {
            Parser: new () => { load(u: string, ok: (v: { frames: number }) => void, err: (e: unknown) => void): void };
            Player: new (c: HTMLCanvasElement) => Player;
          };
        }
      ).SVGA;
      const item = await new Promise<{ frames: number }>((ok, err) =>
        new SVGA.Parser().load(`/gifts/${id}.svga`, ok, err),
      );
      const picks = [0.2, 0.45, 0.7].map((p) => Math.floor(item.frames * p));
      const canvases = [...document.querySelectorAll('canvas')];
      await Promise.all(
        canvases.map(async (canvas, i) => {
          const player = new SVGA.Player(canvas);
          player.setVideoItem(item);
          while (!player._renderer._prepared) await new Promise((r) => setTimeout(r, 10));
          player.stepToFrame(picks[i] ?? 0);
        }),
      );
      return picks;
    }, effect.id);
    const canvases = await tab.$$('canvas');
    for (const [i, canvas] of canvases.entries()) {
      const path = join(outDir, `${effect.id}-${String(frames[i]).padStart(2, '0')}.png`);
      await canvas.screenshot({ path });
      written.push(path);
    }
    const strip = join(outDir, `${effect.id}-strip.png`);
    await tab.screenshot({ path: strip });
    written.push(strip);
  }
  // The gift panel's icons, on dark and light backgrounds.
  const cells = DEFAULT_GIFT_CATALOG.map(
    (g) => `<figure><img src="${g.iconUrl}" width="72" height="72" alt=""><figcaption>${g.name}</figcaption></figure>`,
  ).join('');
  await tab.setContent(`<style>body{margin:0;font:13px system-ui;} .row{display:flex;gap:8px;padding:12px;}
    figure{margin:0;width:96px;text-align:center;} .dark{background:#1a1625;color:#eee;} .light{background:#f8f9fa;color:#222;}</style>
    <div class="row dark">${cells}</div><div class="row light">${cells}</div>`);
  await tab.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
  const iconSheet = join(outDir, 'icons.png');
  await tab.screenshot({ path: iconSheet, fullPage: true });
  written.push(iconSheet);
  if (problems.length > 0) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  server.close();
}
for (const [path, asset] of assets) writeFileSync(join(outDir, path.replace('/gifts/', '')), asset.body);
console.log(written.join('\n'));
