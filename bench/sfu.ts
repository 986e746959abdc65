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
import { chromium } from 'playwright-core';
import { SFU_ARGS, buildPage, launchOptions, pageHtml } from '../scripts/chromium.mjs';
import { genUserSig } from '../server/auth/usersig.js';
import { HeadlessClient } from '../server/sfu/headless-client.js';
import type { ListenerReply, ListenerRequest } from './sfu-listeners.js';
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

/** Listeners per child process (bench/sfu-listeners.ts); 0 keeps every listener in this process, as before. */
const LISTENERS_PER_PROCESS = Number(process.env['BENCH_SFU_LISTENERS_PER_PROCESS'] ?? 50);

/** The listeners of a load run, in this process or in child processes; what they received, and their CPU time. */
interface Audience {
  received(): Promise<number>;
  cpu(): Promise<number>;
  close(): Promise<void>;
}

async function inProcessAudience(url: string, roomId: string, prefix: string, count: number, countOnly: boolean) {
  const audience = await clients(url, prefix, count, countOnly);
  for (const c of audience) await c.command('room.join', { roomId });
  for (let start = 0; start < audience.length; start += 10)
    await Promise.all(audience.slice(start, start + 10).map((c) => c.startAudio()));
  const own: Audience = {
    received: async () => audience.reduce((n, c) => n + c.seats.reduce((m, s) => m + (s?.packets ?? 0), 0), 0),
    cpu: async () => 0, // counted with this process
    close: async () => void (await Promise.all(audience.map((c) => c.close()))),
  };
  return own;
}

async function childAudience(url: string, roomId: string, prefix: string, count: number, countOnly: boolean) {
  const children: ChildProcess[] = [];
  for (let start = 0; start < count; start += LISTENERS_PER_PROCESS)
    children.push(
      fork(`${root}bench/sfu-listeners.ts`, [], {
        cwd: root,
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, BENCH_SDKAPPID: String(SDK_APP_ID), BENCH_SECRET: SECRET },
      }),
    );
  const ask = (child: ChildProcess, request: ListenerRequest) =>
    new Promise<ListenerReply>((resolve, reject) => {
      child.once('message', (m: ListenerReply) => (m.t === 'error' ? reject(new Error(m.message)) : resolve(m)));
      child.send(request);
    });
  const sum = async (pick: (m: Extract<ListenerReply, { t: 'count' }>) => number) => {
    const replies = await Promise.all(children.map((c) => ask(c, { t: 'count' })));
    return replies.reduce((n, m) => n + (m.t === 'count' ? pick(m) : 0), 0);
  };
  const joined = await Promise.all(
    children.map((child, k) => {
      const first = k * LISTENERS_PER_PROCESS;
      const userIds = Array.from(
        { length: Math.min(LISTENERS_PER_PROCESS, count - first) },
        (_, i) => `${prefix}${first + i}`,
      );
      return ask(child, { t: 'join', url, roomId, userIds, countOnly });
    }),
  );
  const failed = joined.reduce((n, m) => n + (m.t === 'joined' ? m.failed : 0), 0);
  if (failed > 0) console.log(`${failed} of ${count} listeners failed to negotiate audio and are left out`);
  const audience: Audience = {
    received: () => sum((m) => m.received),
    cpu: () => sum((m) => m.cpu),
    close: async () =>
      void (await Promise.all(
        children.map((child) => {
          const exited = new Promise((r) => child.once('exit', r));
          child.send({ t: 'close' } satisfies ListenerRequest);
          return exited;
        }),
      )),
  };
  return audience;
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
  // Listeners count packets by their clear RTP header (HeadlessClient countOnly): decrypting 100 × 400 packets/s
  // would make the load generator, not the server, the limit. BENCH_SFU_FULL_LISTENERS=1 gives full werift
  // listeners (the same server work per packet sent, for comparing with earlier figures). They run in child
  // processes, 50 each (BENCH_SFU_LISTENERS_PER_PROCESS; 0: in this process, as the figures before 2026-12-05).
  const countOnly = process.env['BENCH_SFU_FULL_LISTENERS'] !== '1';
  const audience = await (LISTENERS_PER_PROCESS > 0 ? childAudience : inProcessAudience)(
    url,
    roomId,
    `l${listeners}x`,
    listeners,
    countOnly,
  );
  for (let start = 0; start < speakers.length; start += 10)
    await Promise.all(speakers.slice(start, start + 10).map((c) => c.startAudio()));
  for (const s of speakers) s.publish({ dbov: 25 });
  await sleep(2_000); // warm-up: jitter in the first packets, JIT
  // Speakers receive the other seats too, so delivery is counted over everyone the server sends to.
  const receivedNow = async () =>
    speakers.reduce((n, c) => n + c.seats.reduce((m, s) => m + (s?.packets ?? 0), 0), 0) + (await audience.received());
  const generatorCpu = async () => {
    const own = process.cpuUsage();
    return own.user + own.system + (await audience.cpu());
  };
  const before = await stats();
  const [received0, generator0] = [await receivedNow(), await generatorCpu()];
  const extra = during ? during() : Promise.resolve(undefined);
  await sleep(WINDOW_MS);
  const after = await stats();
  const [received1, generator1] = [await receivedNow(), await generatorCpu()];
  const extraResult = await extra;
  for (const s of speakers) s.unpublish();
  const userUs = after.cpu.user - before.cpu.user;
  const systemUs = after.cpu.system - before.cpu.system;
  const cpuUs = userUs + systemUs;
  const sent = after.sfu.sent - before.sfu.sent;
  const forwarded = after.sfu.forwarded - before.sfu.forwarded;
  await Promise.all([...speakers.map((c) => c.close()), audience.close()]);
  await sleep(500);
  return {
    listeners,
    sentPerSec: (sent * 1000) / WINDOW_MS,
    forwardedPerSec: (forwarded * 1000) / WINDOW_MS,
    cpuPercent: (cpuUs / 1000 / WINDOW_MS) * 100,
    usPerSent: cpuUs / Math.max(1, sent),
    userUsPerSent: userUs / Math.max(1, sent),
    systemUsPerSent: systemUs / Math.max(1, sent),
    usPerForwarded: cpuUs / Math.max(1, forwarded),
    generatorPercent: ((generator1 - generator0) / 1000 / WINDOW_MS) * 100,
    rssMiB: after.rss / 2 ** 20,
    heapMiB: after.heapUsed / 2 ** 20,
    deliveredRatio: (received1 - received0) / Math.max(1, sent),
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
  const page = await buildPage(`${root}bench/sfu-page.ts`);
  const http = createServer((req, res) => {
    if (req.url === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(page);
    res.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml('/app.js'));
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
 * `npm run bench sfu-forward`: the SFU's send paths (server/sfu/forward.ts) against each other in one run: a server
 * child per path, 8 speakers × 20 listeners (BENCH_SFU_FORWARD_LISTENERS), alternating werift → direct → socket →
 * werift … so drifting machine load falls on all alike. A variant is a path, optionally with the one SRTP profile
 * the server accepts (`socket:aes-cm-128-hmac-sha1-80`); BENCH_SFU_PATHS lists them. Reports the server's CPU per
 * packet sent (user and kernel), the median over the rounds, and each path's ratio to werift's and to the first
 * path after it.
 */
export async function runSfuForwardBench(): Promise<void> {
  if (rerunInNetns('sfu-forward')) return;
  const rounds = Number(process.env['BENCH_SFU_ROUNDS'] ?? 3);
  const listeners = Number(process.env['BENCH_SFU_FORWARD_LISTENERS'] ?? 20);
  const variants = (process.env['BENCH_SFU_PATHS'] ?? 'werift,direct,socket').split(',');
  const results = new Map<string, Awaited<ReturnType<typeof loadRun>>[]>(variants.map((v) => [v, []]));
  const loads: string[] = [loadAverage()];
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const [path, srtp] = variant.split(':');
      const { child, url, stats } = await startChild({
        BENCH_SFU_FORWARD: path!,
        ...(srtp ? { BENCH_SFU_SRTP: srtp } : {}),
      });
      try {
        const r = await loadRun(url, stats, listeners);
        results.get(variant)!.push(r);
        console.log(
          `round ${round + 1} ${variant}: ${r.usPerSent.toFixed(2)} µs per packet sent (user ${r.userUsPerSent.toFixed(2)}, kernel ${r.systemUsPerSent.toFixed(2)}), ${r.cpuPercent.toFixed(1)} % of a core, in ${r.forwardedPerSec.toFixed(0)}/s, out ${r.sentPerSec.toFixed(0)}/s, delivered ${(r.deliveredRatio * 100).toFixed(1)} %, generator ${r.generatorPercent.toFixed(1)} % of a core`,
        );
      } finally {
        await stopChild(child);
      }
    }
    loads.push(loadAverage());
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const of = (variant: string, pick: (r: Awaited<ReturnType<typeof loadRun>>) => number) =>
    median(results.get(variant)!.map(pick));
  const base = of(variants[0]!, (r) => r.usPerSent);
  console.log(
    `\nSFU send path, 8 × ${listeners}, ${rounds} alternating rounds (load average at the start and after each round: ${loads.join(', ')}):`,
  );
  console.log(`| path | CPU per packet sent (median) | user | kernel | × ${variants[0]} | × previous row |`);
  console.log('|---|---|---|---|---|---|');
  variants.forEach((variant, k) => {
    const us = of(variant, (r) => r.usPerSent);
    const previous = k > 0 ? of(variants[k - 1]!, (r) => r.usPerSent) : us;
    console.log(
      `| ${variant} | ${us.toFixed(2)} µs | ${of(variant, (r) => r.userUsPerSent).toFixed(2)} µs | ${of(variant, (r) => r.systemUsPerSent).toFixed(2)} µs | ${(us / base).toFixed(3)}× | ${(us / previous).toFixed(3)}× |`,
    );
  });
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
  } catch {
    return '?';
  }
}
