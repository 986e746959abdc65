/**
 * SFU benchmark (issue 3), `npm run bench sfu`:
 * 1. Load: 8 speakers × 20 and × 100 listeners, all headless werift clients in this process, against the local
 *    server in a child process (bench/sfu-server.ts). Over a fixed window: the server's CPU time per packet it
 *    sent to a listener and per packet it received from a speaker, and its resident memory.
 * 2. Latency seen by a listener in one Chromium page (fake microphone): RTT (both legs) + jitter-buffer delay
 *    from getStats, through the SFU, against a direct browser-to-browser RTCPeerConnection in the same page and
 *    the same run. Measured idle and again while the 8 × 20 load runs.
 * As root it re-runs itself inside `unshare -n` so nothing leaves loopback. Results and method: BENCHMARKS.md.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { SFU_ARGS, launchOptions } from '../scripts/chromium.mjs';
import { genUserSig } from '../server/auth/usersig.js';
import { HeadlessClient } from '../server/sfu/headless-client.js';
import { rerunInNetns } from './netns.js';

const SDK_APP_ID = 1400000111;
const SECRET = 'bench-sfu-secret';
const SPEAKERS = 8;
const LISTENER_COUNTS = (process.env['BENCH_SFU_LISTENERS'] ?? '20,100').split(',').map(Number);
const WINDOW_MS = Number(process.env['BENCH_SFU_WINDOW_MS'] ?? 10_000);
const root = new URL('..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sigOf = (userId: string) => genUserSig({ sdkAppId: SDK_APP_ID, secretKey: SECRET, userId, expireSec: 3600 });

interface ServerStats {
  sfu: { peers: number; forwarded: number; sent: number; dropped: number };
  cpu: { user: number; system: number };
  rss: number;
  heapUsed: number;
}

export function startChild(
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; stats(): Promise<ServerStats> }> {
  const child = fork(`${root}bench/sfu-server.ts`, [], {
    cwd: root,
    execArgv: [
      '--import',
      'tsx',
      ...(process.env['BENCH_SFU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_SFU_PROF']}`] : []),
    ],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_SDKAPPID: String(SDK_APP_ID), BENCH_SECRET: SECRET, ...env },
  });
  const stats = () =>
    new Promise<ServerStats>((resolve) => {
      child.once('message', (m) => resolve(m as ServerStats));
      child.send('stats');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, stats });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

/** Stops the server child started by `startChild` and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function clients(url: string, prefix: string, count: number, countOnly = false): Promise<HeadlessClient[]> {
  const all: HeadlessClient[] = [];
  // Small batches: every client is a DTLS handshake on a shared machine.
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from(
      { length: Math.min(10, count - start) },
      (_, k) =>
        new HeadlessClient({
          url,
          sdkAppId: SDK_APP_ID,
          userId: `${prefix}${start + k}`,
          userSig: sigOf(`${prefix}${start + k}`),
          countOnly,
        }),
    );
    await Promise.all(batch.map((c) => c.connect()));
    all.push(...batch);
  }
  return all;
}

async function loadRun(
  url: string,
  stats: () => Promise<ServerStats>,
  listeners: number,
  during?: () => Promise<unknown>,
) {
  const roomId = `load${listeners}`;
  const speakers = await clients(url, `s${listeners}x`, SPEAKERS);
  await speakers[0]!.command('room.start', { roomId, options: { seatMode: 'free', seatCount: 10 } });
  for (let i = 1; i < SPEAKERS; i++) {
    await speakers[i]!.command('room.join', { roomId });
    await speakers[i]!.command('seat.take', { index: i });
  }
  // Listeners count packets by their clear RTP header (HeadlessClient countOnly): decrypting 100 × 400 packets/s in
  // this process would make the load generator, not the server, the limit. BENCH_SFU_FULL_LISTENERS=1 gives the
  // old full werift listeners (the same server work per packet sent, for comparing with earlier figures).
  const audience = await clients(url, `l${listeners}x`, listeners, process.env['BENCH_SFU_FULL_LISTENERS'] !== '1');
  for (const c of audience) await c.command('room.join', { roomId });
  const everyone = [...speakers, ...audience];
  for (let start = 0; start < everyone.length; start += 10)
    await Promise.all(everyone.slice(start, start + 10).map((c) => c.startAudio()));
  for (const s of speakers) s.publish({ dbov: 25 });
  await sleep(2_000); // warm-up: jitter in the first packets, JIT
  const before = await stats();
  // Speakers receive the other seats too, so delivery is counted over everyone the server sends to.
  const receivedNow = () => everyone.reduce((n, c) => n + c.seats.reduce((m, s) => m + (s?.packets ?? 0), 0), 0);
  const received0 = receivedNow();
  const extra = during ? during() : Promise.resolve(undefined);
  await sleep(WINDOW_MS);
  const after = await stats();
  const extraResult = await extra;
  const received = receivedNow() - received0;
  for (const s of speakers) s.unpublish();
  const cpuUs = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  const sent = after.sfu.sent - before.sfu.sent;
  const forwarded = after.sfu.forwarded - before.sfu.forwarded;
  await Promise.all(everyone.map((c) => c.close()));
  await sleep(500);
  return {
    listeners,
    sentPerSec: (sent * 1000) / WINDOW_MS,
    forwardedPerSec: (forwarded * 1000) / WINDOW_MS,
    cpuPercent: (cpuUs / 1000 / WINDOW_MS) * 100,
    usPerSent: cpuUs / Math.max(1, sent),
    usPerForwarded: cpuUs / Math.max(1, forwarded),
    rssMiB: after.rss / 2 ** 20,
    heapMiB: after.heapUsed / 2 ** 20,
    deliveredRatio: received / Math.max(1, sent),
    extra: extraResult,
  };
}

interface Sample {
  rttMs: number;
  jitterBufferMs: number;
  packets: number;
  emitted: number;
  delay: number;
}
type PageSample = { sfu: { speakerRttMs: number; listener: Sample } | null; direct: Sample | null };
declare const bench: {
  sfu(o: unknown): Promise<void>;
  direct(): Promise<void>;
  sample(): Promise<PageSample>;
  close(): Promise<void>;
};

/** Jitter-buffer delay per emitted sample over a window (the cumulative counters' difference) and the mean RTTs. */
async function latencyWindow(sample: () => Promise<PageSample>, ms: number) {
  const first = await sample();
  const rtts = { speaker: [] as number[], listener: [] as number[], direct: [] as number[] };
  let last = first;
  for (let t = 0; t < ms; t += 500) {
    await sleep(500);
    last = await sample();
    if (last.sfu) {
      rtts.speaker.push(last.sfu.speakerRttMs);
      rtts.listener.push(last.sfu.listener.rttMs);
    }
    if (last.direct) rtts.direct.push(last.direct.rttMs);
  }
  const mean = (xs: number[]) => {
    const v = xs.filter(Number.isFinite);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  };
  const jb = (a: Sample | undefined, b: Sample | undefined) =>
    a && b && b.emitted > a.emitted ? ((b.delay - a.delay) / (b.emitted - a.emitted)) * 1000 : NaN;
  const sfuJb = jb(first.sfu?.listener, last.sfu?.listener);
  const directJb = jb(first.direct ?? undefined, last.direct ?? undefined);
  const speakerRtt = mean(rtts.speaker);
  const listenerRtt = mean(rtts.listener);
  const directRtt = mean(rtts.direct);
  return {
    sfu: {
      speakerRttMs: speakerRtt,
      listenerRttMs: listenerRtt,
      jitterBufferMs: sfuJb,
      oneWayMs: speakerRtt / 2 + listenerRtt / 2 + sfuJb,
    },
    direct: { rttMs: directRtt, jitterBufferMs: directJb, oneWayMs: directRtt / 2 + directJb },
  };
}

export async function runSfuBench(): Promise<void> {
  if (rerunInNetns('sfu')) return;
  const { child, url, stats } = await startChild();
  const page = await build({
    entryPoints: [`${root}bench/sfu-page.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const http = createServer((req, res) => {
    if (req.url === '/app.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(page.outputFiles[0]!.contents);
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>loading</title><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const pageUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const browser = await chromium.launch(launchOptions(SFU_ARGS));
  try {
    const context = await browser.newContext({ permissions: ['microphone'] });
    const tab = await context.newPage();
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => document.title === 'ready');
    await tab.evaluate((o) => bench.sfu(o), {
      url,
      sdkAppId: SDK_APP_ID,
      roomId: 'latency',
      speaker: { userId: 'latspk', userSig: sigOf('latspk') },
      listener: { userId: 'latlis', userSig: sigOf('latlis') },
    });
    await tab.evaluate(() => bench.direct());
    await sleep(2_000);
    const sample = () => tab.evaluate(() => bench.sample());
    const idle = await latencyWindow(sample, 8_000);
    const loads = [];
    for (const n of LISTENER_COUNTS)
      loads.push(
        await loadRun(
          url,
          stats,
          n,
          n === LISTENER_COUNTS[0] ? () => latencyWindow(sample, Math.min(8_000, WINDOW_MS - 1_000)) : undefined,
        ),
      );
    await tab.evaluate(() => bench.close());

    const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
    console.log(
      `\nSFU load (${SPEAKERS} speakers, werift clients, ${WINDOW_MS / 1000} s window; server in its own process)`,
    );
    console.log(
      '| listeners | packets in/s | packets out/s | server CPU | CPU per packet out | CPU per packet in | server RSS | delivered |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of loads) {
      console.log(
        `| ${r.listeners} | ${f(r.forwardedPerSec, 0)} | ${f(r.sentPerSec, 0)} | ${f(r.cpuPercent)} % of a core | ${f(r.usPerSent, 2)} µs | ${f(r.usPerForwarded, 1)} µs | ${f(r.rssMiB, 0)} MiB | ${f(r.deliveredRatio * 100)} % |`,
      );
    }
    console.log('\nAudio path latency seen by a listener (Chromium getStats; one-way ≈ RTT/2 per leg + jitter buffer)');
    console.log('| path | condition | RTT | jitter buffer | one-way estimate |');
    console.log('|---|---|---|---|---|');
    const rows: [string, Awaited<ReturnType<typeof latencyWindow>>][] = [['idle', idle]];
    const loaded = loads[0]?.extra as Awaited<ReturnType<typeof latencyWindow>> | undefined;
    if (loaded) rows.push([`under ${SPEAKERS}×${LISTENER_COUNTS[0]} load`, loaded]);
    for (const [condition, l] of rows) {
      console.log(
        `| direct browser ↔ browser (baseline) | ${condition} | ${f(l.direct.rttMs, 2)} ms | ${f(l.direct.jitterBufferMs)} ms | ${f(l.direct.oneWayMs)} ms |`,
      );
      console.log(
        `| browser → SFU → browser | ${condition} | ${f(l.sfu.speakerRttMs, 2)} + ${f(l.sfu.listenerRttMs, 2)} ms | ${f(l.sfu.jitterBufferMs)} ms | ${f(l.sfu.oneWayMs)} ms (${f(l.sfu.oneWayMs - l.direct.oneWayMs)} ms over baseline) |`,
      );
    }
  } finally {
    await browser.close().catch(() => undefined);
    http.close();
    await stopChild(child);
  }
}

/**
 * `npm run bench sfu-forward`: the SFU's two send paths (server/sfu/forward.ts) against each other in one run: a
 * server child per path, 8 speakers × 20 listeners, alternating werift → direct → werift → direct … so drifting
 * machine load falls on both alike. Reports server CPU per packet sent, median of the rounds, and the ratio.
 */
export async function runSfuForwardBench(): Promise<void> {
  if (rerunInNetns('sfu-forward')) return;
  const rounds = Number(process.env['BENCH_SFU_ROUNDS'] ?? 3);
  const listeners = Number(process.env['BENCH_SFU_FORWARD_LISTENERS'] ?? 20);
  const results: Record<'werift' | 'direct', { usPerSent: number; cpuPercent: number; deliveredRatio: number }[]> = {
    werift: [],
    direct: [],
  };
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['werift', 'direct'] as const) {
      const { child, url, stats } = await startChild({ BENCH_SFU_FORWARD: mode });
      try {
        const r = await loadRun(url, stats, listeners);
        results[mode].push(r);
        console.log(
          `round ${round + 1} ${mode}: ${r.usPerSent.toFixed(2)} µs per packet sent, ${r.cpuPercent.toFixed(1)} % of a core, delivered ${(r.deliveredRatio * 100).toFixed(1)} %`,
        );
      } finally {
        await stopChild(child);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const werift = median(results.werift.map((r) => r.usPerSent));
  const direct = median(results.direct.map((r) => r.usPerSent));
  console.log(`\nSFU send path, 8 × ${listeners}, ${rounds} alternating rounds (load average ${loadAverage()}):`);
  console.log('| path | CPU per packet sent (median) |');
  console.log('|---|---|');
  console.log(`| werift RTCRtpSender.sendRtp (baseline) | ${werift.toFixed(2)} µs |`);
  console.log(`| direct (server/sfu/forward.ts) | ${direct.toFixed(2)} µs (${(direct / werift).toFixed(3)}×) |`);
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
  } catch {
    return '?';
  }
}
