// The resource attacks of issue 12 §3 against a real server process on loopback, shared by the resource tests
// (test/server/resources.test.ts, short runs with loose bounds) and the benchmark (bench/resources.ts, longer runs
// whose figures go to BENCHMARKS.md). Every attack is bounded in time and count and stops by itself.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { genUserSig } from '../../server/auth/usersig.js';
import { SDK_APP_ID, SECRET_KEY, type ServerProcess } from '../contract/local-server.js';

export type Frame = Record<string, unknown>;

/** Resident memory of a process (Linux /proc); null elsewhere, where memory bounds are not asserted. */
export function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 100 ms until stopped; reports the peak. */
export function sampleRss(pid: number): { stop(): number | null } {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    const now = rssOf(pid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      const now = rssOf(pid);
      return now !== null && peak !== null ? Math.max(now, peak) : peak;
    },
  };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};

/** A protocol client on a raw WebSocket: commands by requestId, or raw frames for the hostile ones. */
export interface Conn {
  readonly ws: WebSocket;
  /** Resolves with the close code (1006 when the connection was dropped without a close frame). */
  readonly closed: Promise<number>;
  call(type: string, args?: Frame, timeoutMs?: number): Promise<Frame>;
  hello(): Promise<Frame>;
}

let nextId = 1;

export async function connect(
  url: string,
  userId: string,
  options: { autoPong?: boolean; sdkAppId?: number; secretKey?: string } = {},
): Promise<Conn> {
  const sdkAppId = options.sdkAppId ?? SDK_APP_ID;
  const sig = genUserSig({ sdkAppId, secretKey: options.secretKey ?? SECRET_KEY, userId, expireSec: 3600 });
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws?sdkAppId=${sdkAppId}&userId=${userId}&userSig=${sig}`, {
    autoPong: options.autoPong ?? true,
  });
  const pending = new Map<string, (frame: Frame) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    if (frame['t'] === 'answer' && typeof frame['id'] === 'string') pending.get(frame['id'])?.(frame);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const send = (frame: Frame, timeoutMs: number) =>
    new Promise<Frame>((resolve, reject) => {
      const id = frame['id'] as string;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`no answer to ${String(frame['type'] ?? frame['t'])} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(answer);
      });
      ws.send(JSON.stringify(frame));
    });
  return {
    ws,
    closed,
    call: (type, args = {}, timeoutMs = 10_000) => send({ t: 'cmd', id: `c${nextId++}`, type, args }, timeoutMs),
    hello: () => send({ t: 'hello', id: `h${nextId++}`, userName: userId, avatarUrl: '' }, 10_000),
  };
}

/** A signed-in client in a room (the room is started when `start`). */
export async function member(url: string, userId: string, roomId: string, start = false): Promise<Conn> {
  const conn = await connect(url, userId);
  await conn.hello();
  const answer = await conn.call(
    start ? 'room.start' : 'room.join',
    start ? { roomId, options: { roomName: roomId, seatMode: 'free' } } : { roomId },
  );
  if (answer['ok'] !== true) throw new Error(`${userId} could not enter ${roomId}: ${JSON.stringify(answer)}`);
  return conn;
}

/** Round trips of a cheap command, one after another, for `ms` (at most `max` of them). */
export async function latencies(conn: Conn, ms: number, max = 200): Promise<number[]> {
  const out: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end && out.length < max) {
    const start = performance.now();
    // A server too swamped to answer within 10 s (the benchmark's "before") counts as 10 s, and the probe goes on.
    const answer = await conn.call('wallet.get').catch(() => ({ ok: true }));
    if (answer['ok'] !== true) throw new Error(`wallet.get failed: ${JSON.stringify(answer)}`);
    out.push(performance.now() - start);
    // A normal client is not a tight loop: about 20 commands a second.
    await new Promise((r) => setTimeout(r, 40));
  }
  return out;
}

export interface AttackResult {
  /** Close codes of the attacking connections the server closed (not those the attack ended itself), in order. */
  readonly closes: number[];
  /** Server RSS before the attack and its peak during it (bytes; null off Linux). */
  readonly rssBefore: number | null;
  readonly rssPeak: number | null;
  /** A normal client's command round trips (ms) before and during the attack. */
  readonly idleMs: number[];
  readonly attackMs: number[];
  /**
   * The same probe's round trips on an unattacked server process during the attack window (when a `control`
   * connection was given): what the machine's own load did to a command meanwhile.
   */
  readonly controlMs: number[];
}

/** A normal client on a second, unattacked server, probed side by side with the attacked one. */
export interface AttackOptions {
  readonly ms: number;
  readonly control?: Conn;
}

/**
 * Runs `attack` for `ms` while a normal client measures command latency and the server's memory is sampled; with a
 * `control` connection, the same probe runs on an unattacked server in the same window.
 */
async function measured(
  server: ServerProcess,
  probe: Conn,
  { ms, control }: AttackOptions,
  attack: (until: number, closes: number[]) => Promise<void>,
): Promise<AttackResult> {
  const idleMs = await latencies(probe, 1_000, 25);
  const rssBefore = rssOf(server.child.pid!);
  const rss = sampleRss(server.child.pid!);
  const closes: number[] = [];
  const until = performance.now() + ms;
  // The probe starts a little after the attack, so it measures the attack's steady state rather than its first burst.
  const settled = new Promise((r) => setTimeout(r, Math.min(500, ms / 4)));
  const probing = settled.then(() => latencies(probe, until - performance.now()));
  const controlling = control ? settled.then(() => latencies(control, until - performance.now())) : [];
  await attack(until, closes);
  const [attackMs, controlMs] = await Promise.all([probing, controlling]);
  return { closes, rssBefore, rssPeak: rss.stop(), idleMs, attackMs, controlMs };
}

/**
 * §3 "4 connections that never read, asking for a big snapshot at the allowed rate": each attacker joins, stops
 * reading (the socket is paused, so TCP stops acknowledging) and asks for the room snapshot every `everyMs` ms, for
 * `ms` and until it has asked `minRequests` times (on a loaded machine the timers stretch, and an attacker that asked
 * too few times would not have filled the server's output cap: the test would measure the client, not the server).
 */
export function nonReaders(
  server: ServerProcess,
  probe: Conn,
  roomId: string,
  options: AttackOptions & { attackers?: number; everyMs?: number; minRequests?: number },
): Promise<AttackResult> {
  return measured(server, probe, options, async (until, closes) => {
    const minRequests = options.minRequests ?? 0;
    const attackers = await Promise.all(
      Array.from({ length: options.attackers ?? 4 }, (_, i) => member(server.url, `sink${i}`, roomId)),
    );
    await Promise.all(
      attackers.map(async (a, i) => {
        a.ws.pause();
        let n = 0;
        let open = true;
        void a.closed.then(() => (open = false));
        while (open && (performance.now() < until || n < minRequests)) {
          a.ws.send(JSON.stringify({ t: 'cmd', id: `s${i}-${n++}`, type: 'room.snapshot', args: {} }));
          await new Promise((r) => setTimeout(r, options.everyMs ?? 5));
        }
        // A paused socket may not notice that the server dropped it: read again, and whatever the server still
        // sends drains; a connection it cut off then ends within a moment, one it kept goes on (and is ended here).
        a.ws.resume();
        const code = await Promise.race([a.closed, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
        if (code !== null) closes.push(code);
        a.ws.terminate();
        await a.closed;
      }),
    );
  });
}

/**
 * §3 "4 connections sending valid 16 KiB frames at line rate": each sends whitespace-padded (valid) `wallet.get`
 * frames of 16 KiB as fast as the socket takes them, and reconnects when the server closes it.
 *
 * With `untilEachClosed`, an attacker the server has not closed yet when `ms` is over goes on flooding until it is
 * (at most `patienceMs` more): on a loaded machine a client fills the server's budget more slowly, and a test that
 * asks whether every flooder gets closed must not depend on how many frames one could send in `ms`.
 */
export function inputFlood(
  server: ServerProcess,
  probe: Conn,
  options: AttackOptions & { attackers?: number; untilEachClosed?: boolean; patienceMs?: number },
): Promise<AttackResult> {
  return measured(server, probe, options, async (until, closes) => {
    const giveUp = until + (options.untilEachClosed ? (options.patienceMs ?? 30_000) : 0);
    await Promise.all(
      Array.from({ length: options.attackers ?? 4 }, async (_, i) => {
        let n = 0;
        let closedOnce = false;
        const goOn = () => performance.now() < until || (!closedOnce && performance.now() < giveUp);
        while (goOn()) {
          const conn = await connect(server.url, `flood${i}`).catch(() => null);
          if (!conn) break;
          await conn.hello();
          let open = true;
          void conn.closed.then((code) => {
            if (open) closes.push(code);
            closedOnce ||= open;
            open = false;
          });
          while (open && goOn()) {
            // Line rate: keep the socket's queue full, but let the event loop run so the probe is measured fairly.
            while (open && conn.ws.bufferedAmount < 256 * 1024) {
              const head = JSON.stringify({ t: 'cmd', id: `f${i}-${n++}`, type: 'wallet.get', args: {} });
              conn.ws.send(head + ' '.repeat(16 * 1024 - head.length - 1));
            }
            await new Promise((r) => setTimeout(r, 1));
          }
          if (open) {
            open = false;
            conn.ws.terminate();
            await conn.closed;
          }
        }
      }),
    );
  });
}

/**
 * §3 "overlapping audio offers (~40/s on one connection, each closing the previous mid-setup)": a member asks for a
 * new audio offer every 25 ms and never answers one, for `ms` and until it has sent at least `minOffers` (on a loaded
 * machine the 25 ms timers stretch, so a time budget alone may send too few to mean anything).
 */
export function overlappingOffers(
  server: ServerProcess,
  probe: Conn,
  roomId: string,
  options: AttackOptions & { everyMs?: number; minOffers?: number },
): Promise<AttackResult & { offers: number }> {
  let offers = 0;
  return measured(server, probe, options, async (until, closes) => {
    const conn = await member(server.url, 'offerer', roomId);
    let open = true;
    void conn.closed.then((code) => {
      if (open) closes.push(code);
      open = false;
    });
    const waiting = new Map<string, () => void>();
    conn.ws.on('message', (data: Buffer) => {
      const id = (JSON.parse(data.toString()) as Frame)['id'];
      if (typeof id === 'string') waiting.get(id)?.();
    });
    const answers: Promise<unknown>[] = [];
    while (open && (performance.now() < until || offers < (options.minOffers ?? 0))) {
      const id = `o${offers++}`;
      answers.push(
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => waiting.get(id)?.(), 10_000);
          waiting.set(id, () => {
            clearTimeout(timer);
            waiting.delete(id);
            resolve();
          });
        }),
      );
      conn.ws.send(JSON.stringify({ t: 'rtc', id, op: 'offer' }));
      await new Promise((r) => setTimeout(r, options.everyMs ?? 25));
    }
    // Every offer is answered (built, or refused as superseded) before the connection goes.
    await Promise.all(answers);
    open = false;
    conn.ws.close();
    await conn.closed;
  }).then((result) => ({ ...result, offers }));
}
