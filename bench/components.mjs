#!/usr/bin/env node
// Component benchmark (issue 4, "Performance"): 20 seats whose speaking levels change 10×/s each, for 10 s, in
// Chromium. Reports long tasks (> 50 ms) and frame times (requestAnimationFrame deltas) for
//   - baseline: the same 20 avatars as plain divs updated the same way (the floor),
//   - <vr-seat-grid> alone, and
//   - the whole <vr-room> screen,
// all in one run and one browser, so the comparison survives a noisy shared machine.
//   node bench/components.mjs          (or: npm run bench components)
// Serves bench/pages/seats.html with vite (started directly, stopped by PID); CHROME_PATH overrides the browser.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, MEDIA_ARGS, executablePath, freePort, waitForServer } from '../scripts/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FRAME_BUDGET_MS = 1000 / 60;
const args = [...CHROMIUM_ARGS, ...MEDIA_ARGS];

const percentile = (values, p) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const MODES = [
  { mode: 'baseline', name: '20 plain divs (baseline)' },
  { mode: 'grid', name: '`<vr-seat-grid>`, 20 seats' },
  { mode: 'room', name: '`<vr-room>` (whole screen), 20 seats' },
  { mode: 'room&barrage=50', name: '`<vr-room>`, 20 seats + barrage 50 msg/s' },
  // BENCH_DIAGNOSE=1: the same grid with the seats' glow animations and shadows switched off (paint vs. update cost).
  ...(process.env.BENCH_DIAGNOSE
    ? [{ mode: 'grid&still', name: '`<vr-seat-grid>`, glow and ripple off (diagnosis)' }]
    : []),
];

export async function runComponents() {
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
  const rows = [];
  try {
    await waitForServer(`${base}/bench/pages/seats.html`, vite);
    browser = await chromium.launch({ executablePath, headless: true, args });
    // Rounds interleave the pages (baseline, grid, room, baseline, …) so a burst of load from other processes on a
    // shared machine hits all of them alike; each figure below is the median over the rounds.
    for (let round = 0; round < ROUNDS; round += 1)
      for (const { mode, name } of MODES) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
        const page = await context.newPage();
        const problems = [];
        page.on('pageerror', (error) => problems.push(error.message));
        // Other work on the checkout must not reload the page mid-measurement: the HMR client becomes a no-op.
        await page.route('**/@vite/client', (route) =>
          route.fulfill({
            contentType: 'application/javascript',
            body:
              'const hot = { accept() {}, dispose() {}, prune() {}, invalidate() {}, on() {}, off() {}, send() {}, data: {} };\n' +
              'export const createHotContext = () => hot; export const injectQuery = (u) => u; export const updateStyle = () => {}; export const removeStyle = () => {};',
          }),
        );
        await page.goto(`${base}/bench/pages/seats.html?mode=${mode}`);
        await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
        // Let vite's module graph, fonts and first layout settle before measuring.
        await page.waitForTimeout(1_000);
        const result = await page.evaluate((ms) => window.benchStart(ms), DURATION_MS);
        if (problems.length) throw new Error(`${mode}: ${problems.join('; ')}`);
        const { longTasks, frames, updates } = result;
        rows.push({
          mode,
          name,
          updates,
          longTasks: longTasks.length,
          longestTask: longTasks.length ? Math.max(...longTasks) : 0,
          frames: frames.length,
          p50: percentile(frames, 50),
          p95: percentile(frames, 95),
          p99: percentile(frames, 99),
          worst: frames.length ? Math.max(...frames) : 0,
        });
        await context.close();
      }
  } catch (error) {
    console.error(viteLog);
    throw error;
  } finally {
    await browser?.close();
    vite.kill('SIGTERM');
  }
  const ms = (v) => `${v.toFixed(1)} ms`;
  const median = (values) => percentile(values, 50);
  const summary = MODES.map(({ mode, name }) => {
    const rounds = rows.filter((r) => r.mode === mode);
    const pick = (key) => median(rounds.map((r) => r[key]));
    return {
      name,
      perRound: rounds.map((r) => r.longTasks).join(' / '),
      longTasks: pick('longTasks'),
      longestTask: pick('longestTask'),
      updates: pick('updates'),
      frames: pick('frames'),
      p50: pick('p50'),
      p95: pick('p95'),
      p99: pick('p99'),
    };
  });
  console.log(
    `\n20 seats, each level updated 10×/s for ${DURATION_MS / 1000} s (Chromium, 1280×800), median of ${ROUNDS} interleaved rounds:\n`,
  );
  // Ratios against the baseline of the same round, then the median over rounds: a burst of load from other
  // processes hits a round's pages alike, so the ratio says more than the absolute figures on a shared machine.
  const ratio = (mode, key) => {
    const values = rows
      .filter((r) => r.mode === mode)
      .map((r, i) => r[key] / rows.filter((b) => b.mode === 'baseline')[i][key]);
    return median(values);
  };
  console.log(
    '| page | level updates | long tasks > 50 ms (each round) | longest task | frames | frames ÷ baseline | p50 frame | p95 frame | p95 ÷ baseline | p99 frame |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [i, r] of summary.entries()) {
    const mode = MODES[i].mode;
    console.log(
      `| ${r.name} | ${r.updates} | ${r.longTasks} (${r.perRound}) | ${r.longestTask ? ms(r.longestTask) : '—'} | ${r.frames} | ${ratio(mode, 'frames').toFixed(3)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ratio(mode, 'p95').toFixed(3)} | ${ms(r.p99)} |`,
    );
  }
  const failures = summary.slice(1).filter((r) => r.longTasks > 0 || r.p95 > FRAME_BUDGET_MS + 0.5);
  console.log(
    `\nTarget: no long task over 50 ms and p95 frame time within one 60 Hz frame (${FRAME_BUDGET_MS.toFixed(1)} ms): ` +
      (failures.length ? `missed by ${failures.map((f) => f.name).join(', ')}` : 'met'),
  );
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runComponents();
}
