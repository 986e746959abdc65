/**
 * Fan-out benchmark for the local room server (issue 8): N WebSocket clients in one room on loopback.
 * - barrage throughput: one sender pipelines M messages; deliveries/s until every client has all of them;
 * - take-seat latency: a client takes (then leaves) a seat; time until every client has the seat event (p50/p99).
 * Baseline: a bare `ws` broadcast server (bench/bare-server.mjs) doing the same fan-out in the same run. Both
 * servers run as child processes so the clients (in this process) load neither server's event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { genUserSig } from '../server/auth/usersig.js';

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 2000);
/** Room message ceiling: combined barrage rates tried (msg/s), each for CEILING_MS, from CEILING_SENDERS senders. */
const CEILING_RATES = (process.env['BENCH_CEILING_RATES'] ?? '25,50,100,200,400').split(',').map(Number);
const CEILING_MS = Number(process.env['BENCH_CEILING_MS'] ?? 5_000);
const CEILING_SENDERS = Number(process.env['BENCH_CEILING_SENDERS'] ?? 300);
/** A rate passes when every listener got every message, in order per sender, with p99 send→receive within this. */
const CEILING_P99_MS = 1_000;
const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 200);
const TRIALS = Number(process.env['BENCH_TRIALS'] ?? 40);
const sdkAppId = 1400000099;
const secretKey = 'bench-secret';
const root = new URL('..', import.meta.url).pathname;

function startChild(
  args: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Client {
  ws: WebSocket;
  onText: (text: string) => void;
}

async function connectAll(urlFor: (i: number) => string, count: number): Promise<Client[]> {
  const clients: Client[] = [];
  for (let start = 0; start < count; start += 100) {
    const batch = await Promise.all(
      Array.from(
        { length: Math.min(100, count - start) },
        (_, k) =>
          new Promise<Client>((resolve, reject) => {
            const ws = new WebSocket(urlFor(start + k), { perMessageDeflate: false });
            const client: Client = { ws, onText: () => undefined };
            ws.on('message', (data) => client.onText(data.toString()));
            ws.once('open', () => resolve(client));
            ws.once('error', reject);
          }),
      ),
    );
    clients.push(...batch);
  }
  return clients;
}

/** Everyone says hello and joins room "bench"; the first client starts it. */
async function joinRoom(clients: Client[]): Promise<void> {
  const host = clients[0]!;
  // Everyone says hello and joins; the host starts the room first.
  const answered = (c: Client, id: string) =>
    new Promise<void>((resolve) => (c.onText = (t) => t.includes(`"id":"${id}"`) && resolve()));
  const wait = answered(host, 's');
  host.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'Host', avatarUrl: '' }));
  host.ws.send(
    JSON.stringify({
      t: 'cmd',
      id: 's',
      type: 'room.start',
      args: { roomId: 'bench', options: { roomName: 'Bench', seatMode: 'free', seatCount: 20 } },
    }),
  );
  await wait;
  for (let start = 1; start < clients.length; start += 200) {
    await Promise.all(
      clients.slice(start, start + 200).map((c, k) => {
        const done = answered(c, 'j');
        c.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: `U${start + k}`, avatarUrl: '' }));
        c.ws.send(JSON.stringify({ t: 'cmd', id: 'j', type: 'room.join', args: { roomId: 'bench' } }));
        return done;
      }),
    );
  }
  await new Promise((r) => setTimeout(r, 500));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Waits until every client has received `target` of what `count` counts (a frame may carry several: the server
 * coalesces a busy room's batches per tick); returns elapsed ms since `start`.
 */
function everyoneHas(
  clients: Client[],
  count: (c: Client, text: string) => number,
  target: number,
  start: number,
): Promise<number> {
  return new Promise((resolve) => {
    let done = 0;
    for (const c of clients) {
      let n = 0;
      c.onText = (text) => {
        const more = count(c, text);
        if (more === 0 || n >= target) return;
        n += more;
        if (n >= target && ++done === clients.length) resolve(performance.now() - start);
      };
    }
  });
}

/** How many times `needle` occurs in `text`. */
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

async function ours(): Promise<{ throughput: number; p50: number; p99: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vr-bench-'));
  const { child, url } = await startChild(
    ['--import', 'tsx', 'server/main.ts'],
    {
      VR_PORT: '0',
      VR_DATA_DIR: dataDir,
      VR_SDKAPPID: String(sdkAppId),
      VR_SECRET_KEY: secretKey,
      VR_LOG_LEVEL: 'warn',
      VR_DEMO_GIFTS: '0',
      VR_COMMAND_RATE: '100000',
      VR_BARRAGE_RATE: '1000000/1000',
      VR_MAX_CONNECTIONS: String(CLIENTS + 10),
    },
    /listening on (http:\/\/\S+)/,
  );
  try {
    const wsUrl = url.replace('http', 'ws');
    const clients = await connectAll(
      (i) =>
        `${wsUrl}/ws?sdkAppId=${sdkAppId}&userId=u${i}&userSig=${genUserSig({ sdkAppId, secretKey, userId: `u${i}`, expireSec: 3600 })}`,
      CLIENTS,
    );
    await joinRoom(clients);
    const host = clients[0]!;
    await new Promise((r) => setTimeout(r, 500));
    // Throughput.
    const isBarrage = (_c: Client, t: string) => occurrences(t, '"barrage.received"');
    let start = performance.now();
    const got = everyoneHas(clients, isBarrage, MESSAGES, start);
    for (let m = 0; m < MESSAGES; m++)
      host.ws.send(
        JSON.stringify({
          t: 'cmd',
          id: `b${m}`,
          type: 'barrage.send',
          args: { text: `message number ${m} from the bench` },
        }),
      );
    const elapsed = await got;
    const throughput = (MESSAGES * CLIENTS) / (elapsed / 1000);
    await new Promise((r) => setTimeout(r, 300));
    // Take-seat latency: take and leave seat 5 from client 1, timing until everyone has the seats event.
    const taker = clients[1]!;
    const latencies: number[] = [];
    for (let t = 0; t < TRIALS; t++) {
      const type = t % 2 === 0 ? 'seat.take' : 'seat.leave';
      start = performance.now();
      const seen = everyoneHas(clients, (_c, text) => occurrences(text, '"seats.updated"'), 1, start);
      taker.ws.send(JSON.stringify({ t: 'cmd', id: `s${t}`, type, args: type === 'seat.take' ? { index: 5 } : {} }));
      latencies.push(await seen);
    }
    latencies.sort((a, b) => a - b);
    for (const c of clients) c.ws.terminate();
    return { throughput, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bare(): Promise<{ throughput: number; p50: number; p99: number }> {
  const { child, url } = await startChild(['bench/bare-server.mjs'], {}, /listening on (ws:\/\/\S+)/);
  try {
    const clients = await connectAll(() => url, CLIENTS);
    await new Promise((r) => setTimeout(r, 300));
    const sender = clients[0]!;
    // Same payload size as our batch frame, so the bytes on the wire are comparable.
    const payload = (m: number) =>
      JSON.stringify({
        t: 'batch',
        batch: {
          roomId: 'bench',
          version: m,
          events: [
            {
              type: 'barrage.received',
              message: {
                messageId: `bench-m${m}`,
                sender: { userId: 'u0', userName: 'Host', avatarUrl: '' },
                role: 'owner',
                text: `message number ${m} from the bench`,
                sentAt: Date.now(),
              },
            },
          ],
        },
      });
    let start = performance.now();
    const got = everyoneHas(clients, (_c, t) => occurrences(t, '"barrage.received"'), MESSAGES, start);
    for (let m = 0; m < MESSAGES; m++) sender.ws.send(payload(m));
    const elapsed = await got;
    const throughput = (MESSAGES * CLIENTS) / (elapsed / 1000);
    await new Promise((r) => setTimeout(r, 300));
    const latencies: number[] = [];
    for (let t = 0; t < TRIALS; t++) {
      start = performance.now();
      const seen = everyoneHas(clients, (_c, text) => occurrences(text, '"seats.updated"'), 1, start);
      clients[1]!.ws.send(
        JSON.stringify({
          t: 'batch',
          batch: {
            roomId: 'bench',
            version: t,
            events: [
              {
                type: 'seats.updated',
                seats: [
                  {
                    index: 5,
                    user: { userId: 'u1', userName: 'U1', avatarUrl: '' },
                    locked: false,
                    audioLocked: false,
                    selfMuted: false,
                  },
                ],
              },
            ],
          },
        }),
      );
      latencies.push(await seen);
    }
    latencies.sort((a, b) => a - b);
    for (const c of clients) c.ws.terminate();
    return { throughput, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await stop(child);
  }
}

interface CeilingRow {
  readonly rate: number;
  readonly delivered: number;
  readonly expected: number;
  readonly outOfOrder: number;
  readonly p50: number;
  readonly p99: number;
  readonly framesPerClientPerSec: number;
  readonly pass: boolean;
}

/**
 * The room message ceiling: for each combined rate, CEILING_SENDERS of the clients send barrage in turn (each well
 * under the server's default per-user limit of 5 per 3 s: at 400 msg/s each sends 1.33/s) while every client
 * counts what it receives. Message texts carry the rate, the sender, its sequence number and the send time (this
 * process's clock), read back with a regular expression rather than JSON.parse so the listeners' side stays cheap.
 */
async function ceiling(clients: Client[], send: (sender: Client, text: string) => void): Promise<CeilingRow[]> {
  const rows: CeilingRow[] = [];
  const senders = clients.slice(1, 1 + CEILING_SENDERS);
  const pattern = /r(\d+)s(\d+)n(\d+)t(\d+\.?\d*)/g;
  for (const rate of CEILING_RATES) {
    const count = Math.round((rate * CEILING_MS) / 1000);
    const latencies: number[] = [];
    let delivered = 0;
    let outOfOrder = 0;
    let frames = 0;
    const perClient = clients.map(() => ({ got: 0, last: new Map<number, number>() }));
    clients.forEach((c, i) => {
      const mine = perClient[i]!;
      c.onText = (text) => {
        frames += 1;
        const now = performance.now();
        for (const m of text.matchAll(pattern)) {
          if (Number(m[1]) !== rate) continue;
          const sender = Number(m[2]);
          const n = Number(m[3]);
          if ((mine.last.get(sender) ?? -1) >= n) outOfOrder += 1;
          mine.last.set(sender, n);
          mine.got += 1;
          delivered += 1;
          // Every 10th client's latencies: enough for a p99 over hundreds of thousands of deliveries.
          if (i % 10 === 0) latencies.push(now - Number(m[4]));
        }
      };
    });
    const started = performance.now();
    for (let k = 0; k < count; k += 1) {
      // Paced by the clock, not by setInterval's drift: message k goes out at started + k / rate.
      const due = started + (k * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const s = k % senders.length;
      send(senders[s]!, `r${rate}s${s}n${Math.floor(k / senders.length)}t${performance.now().toFixed(1)}`);
    }
    const sendSpan = performance.now() - started;
    // Up to 5 s for the tail to arrive; whatever has not by then is lost.
    const deadline = performance.now() + 5_000;
    while (perClient.some((p) => p.got < count) && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    latencies.sort((a, b) => a - b);
    const expected = count * clients.length;
    const p99 = latencies.length ? percentile(latencies, 99) : Infinity;
    rows.push({
      rate,
      delivered,
      expected,
      outOfOrder,
      p50: latencies.length ? percentile(latencies, 50) : Infinity,
      p99,
      framesPerClientPerSec: frames / clients.length / ((performance.now() - started) / 1000),
      pass: delivered === expected && outOfOrder === 0 && p99 <= CEILING_P99_MS && sendSpan < CEILING_MS * 1.2,
    });
    for (const c of clients) c.onText = () => undefined;
    // Let the room settle between rates.
    await new Promise((r) => setTimeout(r, 1_000));
    // Beyond the first failing rate the next ones only take longer.
    if (!rows.at(-1)!.pass) break;
  }
  return rows;
}

async function ourCeiling(): Promise<CeilingRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vr-bench-'));
  // The server's defaults (per-user barrage limit, command rate, fan-out tick) except for the connection cap.
  const { child, url } = await startChild(
    ['--import', 'tsx', 'server/main.ts'],
    {
      VR_PORT: '0',
      VR_DATA_DIR: dataDir,
      VR_SDKAPPID: String(sdkAppId),
      VR_SECRET_KEY: secretKey,
      VR_LOG_LEVEL: 'warn',
      VR_DEMO_GIFTS: '0',
      VR_MAX_CONNECTIONS: String(CLIENTS + 10),
      ...(process.env['BENCH_FANOUT_TICK_MS'] ? { VR_FANOUT_TICK_MS: process.env['BENCH_FANOUT_TICK_MS'] } : {}),
    },
    /listening on (http:\/\/\S+)/,
  );
  try {
    const wsUrl = url.replace('http', 'ws');
    const clients = await connectAll(
      (i) =>
        `${wsUrl}/ws?sdkAppId=${sdkAppId}&userId=u${i}&userSig=${genUserSig({ sdkAppId, secretKey, userId: `u${i}`, expireSec: 3600 })}`,
      CLIENTS,
    );
    await joinRoom(clients);
    let id = 0;
    const rows = await ceiling(clients, (sender, text) =>
      sender.ws.send(JSON.stringify({ t: 'cmd', id: `c${++id}`, type: 'barrage.send', args: { text } })),
    );
    for (const c of clients) c.ws.terminate();
    return rows;
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bareCeiling(): Promise<CeilingRow[]> {
  const { child, url } = await startChild(['bench/bare-server.mjs'], {}, /listening on (ws:\/\/\S+)/);
  try {
    const clients = await connectAll(() => url, CLIENTS);
    await new Promise((r) => setTimeout(r, 300));
    let m = 0;
    // One frame per message to every client, as our batch frame of one message would be.
    const rows = await ceiling(clients, (sender, text) =>
      sender.ws.send(
        JSON.stringify({
          t: 'batch',
          batch: {
            roomId: 'bench',
            version: ++m,
            events: [
              {
                type: 'barrage.received',
                message: {
                  messageId: `bench-m${m}`,
                  sender: { userId: 'u1', userName: 'U1', avatarUrl: '' },
                  role: 'member',
                  text,
                  sentAt: Date.now(),
                },
              },
            ],
          },
        }),
      ),
    );
    for (const c of clients) c.ws.terminate();
    return rows;
  } finally {
    await stop(child);
  }
}

export async function runCeiling(): Promise<void> {
  console.log(
    `\nRoom message ceiling: ${CLIENTS} WebSocket listeners in one room, ${CEILING_SENDERS} senders in turn, ${CEILING_MS / 1000} s per rate; a rate passes with no loss, in order per sender, p99 ≤ ${CEILING_P99_MS} ms`,
  );
  const base = await bareCeiling();
  const mine = await ourCeiling();
  const f = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : '—');
  console.log(
    '| combined rate | local server: delivered | p50 / p99 | frames per client/s | bare ws, a frame per message: delivered | p50 / p99 |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const rate of CEILING_RATES) {
    const a = mine.find((r) => r.rate === rate);
    const b = base.find((r) => r.rate === rate);
    if (!a && !b) continue;
    const cell = (r: CeilingRow | undefined) =>
      r
        ? `${((100 * r.delivered) / r.expected).toFixed(1)} %${r.outOfOrder ? `, ${r.outOfOrder} out of order` : ''}${r.pass ? ' ✓' : ' ✗'}`
        : 'not run (a lower rate failed)';
    console.log(
      `| ${rate} msg/s | ${cell(a)} | ${a ? `${f(a.p50)} / ${f(a.p99)}` : '—'} | ${a ? a.framesPerClientPerSec.toFixed(1) : '—'} | ${cell(b)} | ${b ? `${f(b.p50)} / ${f(b.p99)}` : '—'} |`,
    );
  }
  const top = (rows: CeilingRow[]) => rows.filter((r) => r.pass).at(-1)?.rate ?? 0;
  console.log(`\nCeiling: local server ${top(mine)} msg/s, bare broadcaster ${top(base)} msg/s.`);
}

export async function runFanout(): Promise<void> {
  console.log(
    `\nFan-out: ${CLIENTS} WebSocket clients in one room, ${MESSAGES} barrage messages, ${TRIALS} seat changes`,
  );
  const base = await bare();
  const mine = await ours();
  const f = (n: number) => n.toFixed(1);
  console.log('| measure | local server | bare ws broadcast | ratio |');
  console.log('|---|---|---|---|');
  console.log(
    `| barrage deliveries/s | ${Math.round(mine.throughput).toLocaleString('en')} | ${Math.round(base.throughput).toLocaleString('en')} | ${(mine.throughput / base.throughput).toFixed(2)} (target ≥ 0.7) |`,
  );
  console.log(
    `| take-seat p50 until every client has it | ${f(mine.p50)} ms | ${f(base.p50)} ms | ${(mine.p50 / base.p50).toFixed(2)}× |`,
  );
  console.log(
    `| take-seat p99 until every client has it | ${f(mine.p99)} ms | ${f(base.p99)} ms | ${(mine.p99 / base.p99).toFixed(2)}× (target ≤ 2×) |`,
  );
}
