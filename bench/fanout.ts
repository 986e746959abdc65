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
const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 200);
const TRIALS = Number(process.env['BENCH_TRIALS'] ?? 40);
const sdkAppId = 1400000099;
const secretKey = 'bench-secret';
const root = new URL('..', import.meta.url).pathname;

function startChild(args: string[], env: Record<string, string>, pattern: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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
    const batch = await Promise.all(Array.from({ length: Math.min(100, count - start) }, (_, k) => new Promise<Client>((resolve, reject) => {
      const ws = new WebSocket(urlFor(start + k), { perMessageDeflate: false });
      const client: Client = { ws, onText: () => undefined };
      ws.on('message', (data) => client.onText(data.toString()));
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    })));
    clients.push(...batch);
  }
  return clients;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Waits until `received(i)` reached `target` for every client; returns elapsed ms since `start`. */
function everyoneHas(clients: Client[], count: (c: Client, text: string) => boolean, target: number, start: number): Promise<number> {
  return new Promise((resolve) => {
    let done = 0;
    for (const c of clients) {
      let n = 0;
      c.onText = (text) => {
        if (!count(c, text)) return;
        n += 1;
        if (n === target && ++done === clients.length) resolve(performance.now() - start);
      };
    }
  });
}

async function ours(): Promise<{ throughput: number; p50: number; p99: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vr-bench-'));
  const { child, url } = await startChild(['--import', 'tsx', 'server/main.ts'], {
    VR_PORT: '0', VR_DATA_DIR: dataDir, VR_SDKAPPID: String(sdkAppId), VR_SECRET_KEY: secretKey, VR_LOG_LEVEL: 'warn', VR_DEMO_GIFTS: '0',
    VR_COMMAND_RATE: '100000', VR_BARRAGE_RATE: '1000000/1000', VR_MAX_CONNECTIONS: String(CLIENTS + 10),
  }, /listening on (http:\/\/\S+)/);
  try {
    const wsUrl = url.replace('http', 'ws');
    const clients = await connectAll((i) => `${wsUrl}/ws?sdkAppId=${sdkAppId}&userId=u${i}&userSig=${genUserSig({ sdkAppId, secretKey, userId: `u${i}`, expireSec: 3600 })}`, CLIENTS);
    const host = clients[0]!;
    // Everyone says hello and joins; the host starts the room first.
    const answered = (c: Client, id: string) => new Promise<void>((resolve) => (c.onText = (t) => t.includes(`"id":"${id}"`) && resolve()));
    const wait = answered(host, 's');
    host.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'Host', avatarUrl: '' }));
    host.ws.send(JSON.stringify({ t: 'cmd', id: 's', type: 'room.start', args: { roomId: 'bench', options: { roomName: 'Bench', seatMode: 'free', seatCount: 20 } } }));
    await wait;
    for (let start = 1; start < clients.length; start += 200) {
      await Promise.all(clients.slice(start, start + 200).map((c, k) => {
        const done = answered(c, 'j');
        c.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: `U${start + k}`, avatarUrl: '' }));
        c.ws.send(JSON.stringify({ t: 'cmd', id: 'j', type: 'room.join', args: { roomId: 'bench' } }));
        return done;
      }));
    }
    await new Promise((r) => setTimeout(r, 500));
    // Throughput.
    const isBarrage = (_c: Client, t: string) => t.includes('"barrage.received"');
    let start = performance.now();
    const got = everyoneHas(clients, isBarrage, MESSAGES, start);
    for (let m = 0; m < MESSAGES; m++) host.ws.send(JSON.stringify({ t: 'cmd', id: `b${m}`, type: 'barrage.send', args: { text: `message number ${m} from the bench` } }));
    const elapsed = await got;
    const throughput = (MESSAGES * CLIENTS) / (elapsed / 1000);
    await new Promise((r) => setTimeout(r, 300));
    // Take-seat latency: take and leave seat 5 from client 1, timing until everyone has the seats event.
    const taker = clients[1]!;
    const latencies: number[] = [];
    for (let t = 0; t < TRIALS; t++) {
      const type = t % 2 === 0 ? 'seat.take' : 'seat.leave';
      start = performance.now();
      const seen = everyoneHas(clients, (_c, text) => text.includes('"seats.updated"'), 1, start);
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
    const payload = (m: number) => JSON.stringify({ t: 'batch', batch: { roomId: 'bench', version: m, events: [{ type: 'barrage.received', message: { messageId: `bench-m${m}`, sender: { userId: 'u0', userName: 'Host', avatarUrl: '' }, role: 'owner', text: `message number ${m} from the bench`, sentAt: Date.now() } }] } });
    let start = performance.now();
    const got = everyoneHas(clients, (_c, t) => t.includes('"barrage.received"'), MESSAGES, start);
    for (let m = 0; m < MESSAGES; m++) sender.ws.send(payload(m));
    const elapsed = await got;
    const throughput = (MESSAGES * CLIENTS) / (elapsed / 1000);
    await new Promise((r) => setTimeout(r, 300));
    const latencies: number[] = [];
    for (let t = 0; t < TRIALS; t++) {
      start = performance.now();
      const seen = everyoneHas(clients, (_c, text) => text.includes('"seats.updated"'), 1, start);
      clients[1]!.ws.send(JSON.stringify({ t: 'batch', batch: { roomId: 'bench', version: t, events: [{ type: 'seats.updated', seats: [{ index: 5, user: { userId: 'u1', userName: 'U1', avatarUrl: '' }, locked: false, audioLocked: false, selfMuted: false }] }] } }));
      latencies.push(await seen);
    }
    latencies.sort((a, b) => a - b);
    for (const c of clients) c.ws.terminate();
    return { throughput, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await stop(child);
  }
}

export async function runFanout(): Promise<void> {
  console.log(`\nFan-out: ${CLIENTS} WebSocket clients in one room, ${MESSAGES} barrage messages, ${TRIALS} seat changes`);
  const base = await bare();
  const mine = await ours();
  const f = (n: number) => n.toFixed(1);
  console.log('| measure | local server | bare ws broadcast | ratio |');
  console.log('|---|---|---|---|');
  console.log(`| barrage deliveries/s | ${Math.round(mine.throughput).toLocaleString('en')} | ${Math.round(base.throughput).toLocaleString('en')} | ${(mine.throughput / base.throughput).toFixed(2)} (target ≥ 0.7) |`);
  console.log(`| take-seat p50 until every client has it | ${f(mine.p50)} ms | ${f(base.p50)} ms | ${(mine.p50 / base.p50).toFixed(2)}× |`);
  console.log(`| take-seat p99 until every client has it | ${f(mine.p99)} ms | ${f(base.p99)} ms | ${(mine.p99 / base.p99).toFixed(2)}× (target ≤ 2×) |`);
}
