/**
 * Join → first audio (issue 14), `npm run bench audio-join`: a Chromium page holds a speaker on seat 0 (a steady
 * tone as microphone) and, trial after trial, a new listener that calls `join()` and waits for the first inbound
 * audio level > 0.01 from seat 0. The listener's timeline is taken at the socket and from getStats polled every
 * 2 ms. Interleaved with each trial, the baseline: a direct RTCPeerConnection pair in the same page, from its
 * creation to its first audible sample (what WebRTC itself costs on this machine). The server runs in its own
 * process (bench/sfu-server.ts); as root the bench runs inside `unshare -n` so nothing leaves loopback.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { SFU_ARGS, buildPage, launchOptions, pageHtml } from '../scripts/chromium.mjs';
import { genUserSig } from '../server/auth/usersig.js';
import { rerunInNetns } from './netns.js';
import { startChild, stopChild } from './sfu.js';

const SDK_APP_ID = 1400000111;
const SECRET = 'bench-sfu-secret';
const TRIALS = Number(process.env['BENCH_AUDIO_JOIN_TRIALS'] ?? 15);
const root = new URL('..', import.meta.url).pathname;
const sigOf = (userId: string) => genUserSig({ sdkAppId: SDK_APP_ID, secretKey: SECRET, userId, expireSec: 3600 });

type Marks = Record<string, number>;
declare const bench: {
  speaker(o: unknown): Promise<void>;
  listen(o: unknown): Promise<Marks>;
  direct(): Promise<Marks>;
  close(): Promise<void>;
};

const median = (xs: number[]) => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length === 0 ? NaN : v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};

export async function runAudioJoinBench(): Promise<void> {
  if (rerunInNetns('audio-join')) return;
  const { child, url } = await startChild();
  const page = await buildPage(`${root}bench/audio-join-page.ts`);
  const http = createServer((req, res) => {
    const sig = /^\/sig\?user=(\w+)$/.exec(req.url ?? '');
    if (sig)
      return void res
        .writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' })
        .end(sigOf(sig[1]!));
    if (req.url === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(page);
    res.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml('/app.js'));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const browser = await chromium.launch(launchOptions(SFU_ARGS));
  const load = () => spawnSync('cat', ['/proc/loadavg']).stdout?.toString().split(' ')[0] ?? '?';
  try {
    const context = await browser.newContext({ permissions: ['microphone'] });
    const tab = await context.newPage();
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => document.title === 'ready');
    await tab.evaluate((o) => bench.speaker(o), {
      url,
      sdkAppId: SDK_APP_ID,
      roomId: 'aj',
      who: { userId: 'ajspk', userSig: sigOf('ajspk') },
    });
    const loadBefore = load();
    const trials: Marks[] = [];
    const directs: Marks[] = [];
    // One warm-up of each (the first page-wide RTCPeerConnection and the server's first DTLS pay for JIT and setup).
    await tab.evaluate(() => bench.direct());
    await tab.evaluate((o) => bench.listen(o), {
      url,
      sdkAppId: SDK_APP_ID,
      roomId: 'aj',
      who: { userId: 'ajwarm', userSig: '' },
      signerUrl: `${origin}/sig?user=ajwarm`,
    });
    for (let i = 0; i < TRIALS; i++) {
      directs.push(await tab.evaluate(() => bench.direct()));
      const userId = `ajl${i}`;
      trials.push(
        await tab.evaluate((o) => bench.listen(o), {
          url,
          sdkAppId: SDK_APP_ID,
          roomId: 'aj',
          who: { userId, userSig: '' },
          signerUrl: `${origin}/sig?user=${userId}`,
        }),
      );
    }
    await tab.evaluate(() => bench.close());
    const steps = [...new Set(trials.flatMap((m) => Object.keys(m)))].sort(
      (a, b) => median(trials.map((m) => m[a]!)) - median(trials.map((m) => m[b]!)),
    );
    const f = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');
    console.log(`\nJoin → first audio, ${TRIALS} listeners one after another (load average ${loadBefore} → ${load()})`);
    console.log('| step (listener, from join()) | median | min | max |');
    console.log('|---|---|---|---|');
    for (const step of steps) {
      const xs = trials.map((m) => m[step]!).filter(Number.isFinite);
      console.log(`| ${step} | ${f(median(xs))} | ${f(Math.min(...xs))} | ${f(Math.max(...xs))} |`);
    }
    const total = median(trials.map((m) => m['first audio']!));
    const direct = median(directs.map((m) => m['first audio']!));
    console.log(
      `\nBaseline, same page and run: a direct RTCPeerConnection pair, creation → first audio: median ${f(direct)} ` +
        `(ICE ${f(median(directs.map((m) => m['ICE connected']!)))}, DTLS ${f(median(directs.map((m) => m['DTLS connected']!)))}, first packet ${f(median(directs.map((m) => m['first packet']!)))})`,
    );
    console.log(`Listener join → first audio: median ${f(total)} = ${(total / direct).toFixed(2)}× the direct pair`);
  } finally {
    await browser.close().catch(() => undefined);
    http.close();
    await stopChild(child);
  }
}
