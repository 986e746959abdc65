// Restarts without amnesia, tried the way production fails: the real server in a child process on loopback, real
// clients (LocalBackend + the room store, as a page runs them) under mixed load, `kill -9` at seeded random moments,
// a restart on the same data directory, and after each restart the checks a user or an accountant would make:
// versions and IDs never go back, every acknowledged gift is charged exactly once, every client shows the server's
// state again without a reload. VR_CHAOS_SEED replays a failing run's choices (timing still varies).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { genUserSig } from '../../server/auth/usersig.js';
import { createLocalBackend } from '../../src/backends/local/index.js';
import { ErrorCode, type Room, RoomError, type RoomSnapshot, createRoom, toRoomError } from '../../src/index.js';
import { PATIENCE_MS, until } from '../until.js';
import { prng } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SDK_APP_ID = 1400000099;
const SECRET_KEY = 'chaos-secret';
const SEED = Number(process.env['VR_CHAOS_SEED'] ?? 20261204);
const KILLS = 10;
const INITIAL_BALANCE = 100_000;
const GIFTS = [
  { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 },
  { giftId: 'star', name: 'Star', iconUrl: '', price: 7, level: 2 },
];
/** Clients reach the server through this placeholder; the socket factory points it at the current process. */
const PLACEHOLDER = 'ws://chaos-server';

interface ServerChild {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<unknown>;
}

/**
 * The server bundled once with esbuild and run by plain node: under tsx every start pays seconds of TypeScript
 * loading on a busy machine, and this test starts the server eleven times. Same source, same process model.
 */
function bundleServer(dir: string): string {
  const out = join(dir, 'server.cjs');
  const built = spawnSync(
    join(ROOT, 'node_modules/.bin/esbuild'),
    [
      'server/main.ts',
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--packages=external',
      '--target=node20',
      `--outfile=${out}`,
      '--log-level=error',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(built.status, 0, built.stderr);
  return out;
}

/**
 * Starts a server process up to the moment it would open the data directory, then waits: `go()` lets it run
 * server/main.ts (bundled). Node's own start and the native modules are paid while the previous server still
 * runs, so a restart costs what a restart of a warm machine costs (opening SQLite, listening), not seconds of a
 * busy machine's process start. The fresh process still reads everything from the file the killed one left.
 */
function prewarm(bundle: string, dataDir: string): { go(): Promise<ServerChild>; kill(): void } {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('better-sqlite3'); require('ws'); process.stdin.once('data', () => { process.stdin.destroy(); require(process.argv[1]); });`,
      bundle,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        // The bundle lives in a temp directory: its require('better-sqlite3') etc. resolve through NODE_PATH.
        NODE_PATH: join(ROOT, 'node_modules'),
        VR_HOST: '127.0.0.1',
        VR_PORT: '0',
        VR_DATA_DIR: dataDir,
        VR_SDKAPPID: String(SDK_APP_ID),
        VR_SECRET_KEY: SECRET_KEY,
        VR_LOG_LEVEL: 'error',
        VR_DEMO_GIFTS: '0',
        VR_SFU: '0',
        VR_COMMAND_RATE: '10000',
        VR_BARRAGE_RATE: '1000/1000',
        VR_INITIAL_BALANCE: String(INITIAL_BALANCE),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
  listening.catch(() => undefined);
  return {
    async go() {
      child.stdin!.write('go\n');
      let timer: ReturnType<typeof setTimeout> | undefined;
      // As test/contract/local-server.ts: a server gets a minute to start on a machine at load 20.
      const late = new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`server did not start in time:\n${stderr}`)), 60_000)),
      );
      try {
        return { url: await Promise.race([listening, late]), child, exited };
      } finally {
        clearTimeout(timer);
      }
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

async function rest(url: string, command: string, body: unknown): Promise<Record<string, unknown>> {
  const q = new URLSearchParams({
    sdkappid: String(SDK_APP_ID),
    identifier: 'administrator',
    usersig: genUserSig({ sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY, userId: 'administrator', expireSec: 3600 }),
    random: String(Math.floor(Math.random() * 4294967295)),
    contenttype: 'json',
  });
  const res = await fetch(`${url}/v4/vr_gift/${command}?${q}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  assert.equal(answer['ErrorCode'], 0, `${command}: ${JSON.stringify(answer)}`);
  return answer;
}

const seqOf = (id: string) => Number(/(\d+)$/.exec(id)![1]);

/** One command a worker sent: whether it was answered ok, and whether a kill happened while it waited. */
interface Sent {
  readonly kind: 'barrage' | 'gift' | 'like' | 'seat' | 'request';
  ok: boolean | null;
  atKill: boolean;
  code?: number;
  text?: string;
  sender?: string;
  entryId?: string;
  amount?: number;
  taps?: number;
}

interface Client {
  readonly userId: string;
  readonly roomId: string;
  readonly owner: boolean;
  readonly room: Room;
}

describe('chaos: kill -9 under mixed load', () => {
  it(
    `survives ${KILLS} kills: IDs never go back, acked gifts are charged once, every client shows the server's state`,
    // A backstop for a hang, not a speed limit: 11 restarts under mixed load took 118.6 s at load ~25 on 2 cores.
    { timeout: 400_000 },
    async (t) => {
      const random = prng(SEED);
      const started = Date.now();
      const work = mkdtempSync(join(tmpdir(), 'vr-chaos-'));
      const dataDir = join(work, 'data');
      const bundle = bundleServer(work);
      let server = await prewarm(bundle, dataDir).go();
      let next = prewarm(bundle, dataDir);
      const clients: Client[] = [];
      const sent: Sent[] = [];
      const inFlight = new Set<Sent>();
      const violations: string[] = [];
      const stop = { stopped: false, paused: false };
      let busy = 0;
      try {
        await rest(server.url, 'set_catalog', { GiftList: GIFTS });

        // ---- clients and what they observe ----
        const messages = new Map<string, string>(); // messageId → sender|text: one ID names one message, forever
        const requests = new Map<string, string>(); // requestId → type|from: one ID names one request, forever
        const maxSeen = new Map<string, { version: number; message: number; request: number }>();
        const lastVersion = new Map<Room, number>();
        const seenMax = (roomId: string) => {
          let m = maxSeen.get(roomId);
          if (!m) maxSeen.set(roomId, (m = { version: 0, message: 0, request: 0 }));
          return m;
        };
        const observe = (client: Client, snapshot: RoomSnapshot | null) => {
          if (!snapshot) return;
          const max = seenMax(client.roomId);
          const previous = lastVersion.get(client.room) ?? 0;
          if (snapshot.version < previous)
            violations.push(`${client.userId} saw version ${snapshot.version} after ${previous}`);
          lastVersion.set(client.room, snapshot.version);
          max.version = Math.max(max.version, snapshot.version);
          for (const m of snapshot.barrage) {
            const names = `${m.sender.userId}|${m.text}`;
            const known = messages.get(m.messageId);
            if (known === undefined) {
              if (seqOf(m.messageId) <= max.message)
                violations.push(`new message ${m.messageId} (${m.text}) does not continue after m${max.message}`);
              messages.set(m.messageId, names);
            } else if (known !== names) violations.push(`message ID ${m.messageId} names "${known}" and "${names}"`);
            max.message = Math.max(max.message, seqOf(m.messageId));
          }
          for (const r of snapshot.requests) {
            const names = `${r.type}|${r.from.userId}|${r.to?.userId ?? ''}`;
            const known = requests.get(r.requestId);
            if (known === undefined) {
              if (seqOf(r.requestId) <= max.request)
                violations.push(`new request ${r.requestId} does not continue after r${max.request}`);
              requests.set(r.requestId, names);
            } else if (known !== names) violations.push(`request ID ${r.requestId} names "${known}" and "${names}"`);
            max.request = Math.max(max.request, seqOf(r.requestId));
          }
        };
        const connect = (userId: string, roomId: string, owner: boolean): Client => {
          const backend = createLocalBackend({
            url: PLACEHOLDER.replace('ws', 'http'),
            socket: (u) => new WebSocket(u.replace(PLACEHOLDER, server.url.replace('http', 'ws'))) as never,
            credentials: async () => ({
              sdkAppId: SDK_APP_ID,
              userId,
              userSig: genUserSig({ sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY, userId, expireSec: 3600 }),
            }),
            reconnect: { minMs: 50, maxMs: 300 },
            // Longer than the whole test: a command waiting through a restart is answered, never "timed out" (which
            // would leave open whether it ran).
            requestTimeoutMs: 120_000,
            media: false,
          });
          const room = createRoom({
            backend,
            roomId,
            user: { userId, userName: userId.toUpperCase(), avatarUrl: '' },
            likeFlushMs: 60_000,
          });
          const client: Client = { userId, roomId, owner, room };
          room.snapshot$.subscribe((s) => observe(client, s));
          clients.push(client);
          return client;
        };
        for (const roomId of ['chaos-a', 'chaos-b']) {
          const owner = connect(`${roomId}-owner`, roomId, true);
          await owner.room.start({ roomName: roomId, seatMode: 'apply', seatCount: 6 });
          for (let i = 1; i <= 3; i++) await connect(`${roomId}-m${i}`, roomId, false).room.join();
        }

        // ---- the load ----
        const track = async (entry: Sent, run: () => Promise<void>) => {
          sent.push(entry);
          inFlight.add(entry);
          try {
            await run();
            entry.ok = true;
          } catch (error) {
            entry.ok = false;
            entry.code = toRoomError(error).code;
          } finally {
            inFlight.delete(entry);
          }
        };
        let counter = 0;
        const act = async (c: Client) => {
          const { room } = c;
          const snapshot = room.state.snapshot;
          const r = random();
          if (r < 0.3) {
            const text = `${c.userId}#${++counter}`;
            return track(
              { kind: 'barrage', ok: null, atKill: false, text, sender: c.userId },
              async () => void (await room.sendBarrage(text)),
            );
          }
          if (r < 0.45) {
            const taps = 1 + Math.floor(random() * 5);
            const entry: Sent = { kind: 'like', ok: null, atKill: false, taps };
            // flushLikes reports a failure on error$ instead of throwing: watch it for the length of the flush (a
            // CONNECTION_LOST there is the reconnect loop's, not the flush's: commands wait through reconnects).
            const failed = room.error$.subscribe((error) => {
              if (error.code !== ErrorCode.CONNECTION_LOST) entry.code = error.code;
            });
            return track(entry, async () => {
              room.like(taps);
              await room.flushLikes();
              failed.unsubscribe();
              if (entry.code !== undefined) throw new RoomError(entry.code as ErrorCode, 'like flush failed');
            });
          }
          if (!c.owner && r < 0.75) {
            const giftId = GIFTS[Math.floor(random() * GIFTS.length)]!.giftId;
            const count = 1 + Math.floor(random() * 3);
            const entry: Sent = { kind: 'gift', ok: null, atKill: false, sender: c.userId };
            return track(entry, async () => {
              const gift = await room.sendGift({ giftId, count, receiverId: `${c.roomId}-owner` });
              entry.entryId = gift.entryId;
              entry.amount = gift.amount;
            });
          }
          if (c.owner) {
            const application = snapshot?.requests.find((q) => q.type === 'apply' && q.status === 'pending');
            if (application)
              return track(
                { kind: 'request', ok: null, atKill: false },
                async () => void (await room.respondRequest(application.requestId, random() < 0.6)),
              );
            return;
          }
          const mine = snapshot?.seats.some((s) => s.user?.userId === c.userId);
          const applied = snapshot?.requests.find((q) => q.type === 'apply' && q.from.userId === c.userId);
          if (mine) return track({ kind: 'seat', ok: null, atKill: false }, async () => void (await room.leaveSeat()));
          if (applied && random() < 0.3)
            return track(
              { kind: 'request', ok: null, atKill: false },
              async () => void (await room.cancelRequest(applied.requestId)),
            );
          if (!applied)
            return track({ kind: 'seat', ok: null, atKill: false }, async () => void (await room.takeSeat(null)));
        };
        const worker = async (c: Client) => {
          while (!stop.stopped) {
            // Not waiting for the connection on purpose: commands sent while the server is down queue in the client.
            if (stop.paused) {
              await new Promise((r) => setTimeout(r, 20));
              continue;
            }
            busy += 1;
            try {
              await act(c);
            } finally {
              busy -= 1;
            }
            // Pacing, not an assertion: about 20 commands a second per client.
            await new Promise((r) => setTimeout(r, 20 + random() * 60));
          }
        };
        const workers = clients.map((c) => worker(c));

        // ---- kill, restart, check ----
        const charged = new Map<string, number>();
        const startMs: number[] = [];
        const checkMs: number[] = [];
        const likesBefore = new Map<string, number>();
        for (let kill = 1; kill <= KILLS; kill++) {
          stop.paused = false;
          await new Promise((r) => setTimeout(r, 150 + random() * 600));
          for (const entry of inFlight) entry.atKill = true;
          const before = new Map([...maxSeen].map(([roomId, m]) => [roomId, { ...m }]));
          server.child.kill('SIGKILL');
          await server.exited;
          // Commands sent meanwhile wait in the clients and go out again after they reconnect.
          await new Promise((r) => setTimeout(r, random() * 200));
          const launching = Date.now();
          server = await next.go();
          startMs.push(Date.now() - launching);
          next = prewarm(bundle, dataDir);
          await new Promise((r) => setTimeout(r, 100 + random() * 400));
          const checking = Date.now();

          // Quiet the load and let every command sent before and through the restart be answered.
          stop.paused = true;
          await until(() => busy === 0, `kill ${kill}: every command was answered`);
          await until(
            () => clients.every((c) => c.room.state.connection === 'connected'),
            `kill ${kill}: every client reconnected`,
          );
          assert.deepEqual(
            clients.filter((c) => c.room.state.phase !== 'live').map((c) => `${c.userId}: ${c.room.state.phase}`),
            [],
            'nobody dropped out of the room',
          );

          for (const roomId of ['chaos-a', 'chaos-b']) {
            const owner = clients.find((c) => c.roomId === roomId && c.owner)!;
            const fresh = async () => (await owner.room.backend.send('room.snapshot', {})).result;
            const first = await fresh();
            assert.ok(
              first.version > before.get(roomId)!.version,
              `kill ${kill}: ${roomId} version ${first.version} after ${before.get(roomId)!.version}`,
            );
            // Every live client shows the server's state (a fresh snapshot) again, by itself, without a reload.
            let server$ = first;
            const same = () =>
              clients
                .filter((c) => c.roomId === roomId)
                .every((c) => {
                  const s = c.room.state.snapshot!;
                  return (
                    s.version === server$.version &&
                    JSON.stringify(s.seats) === JSON.stringify(server$.seats) &&
                    JSON.stringify(s.requests.map((q) => q.requestId)) ===
                      JSON.stringify(server$.requests.map((q) => q.requestId)) &&
                    s.likes.total === server$.likes.total &&
                    s.barrage.at(-1)?.messageId === server$.barrage.at(-1)?.messageId
                  );
                });
            const deadline = Date.now() + PATIENCE_MS;
            while (!same()) {
              if (Date.now() > deadline) {
                const views = clients
                  .filter((c) => c.roomId === roomId)
                  .map((c) => `${c.userId}@${c.room.state.snapshot?.version}`);
                assert.fail(
                  `kill ${kill}: ${roomId} clients [${views.join(', ')}] never showed the server's version ${server$.version}`,
                );
              }
              await new Promise((r) => setTimeout(r, 25));
              server$ = await fresh();
            }
            // Likes are durable and only grow: at least every acknowledged tap, at most every tap sent (a flush
            // in flight at a kill may be counted again when resent: only gifts carry a receipt).
            const previousLikes = likesBefore.get(roomId) ?? 0;
            assert.ok(server$.likes.total >= previousLikes, `kill ${kill}: ${roomId} likes went back`);
            likesBefore.set(roomId, server$.likes.total);
          }

          // Money: every acknowledged gift charged exactly once, nothing else charged.
          charged.clear();
          for (const e of sent)
            if (e.kind === 'gift' && e.ok) charged.set(e.sender!, (charged.get(e.sender!) ?? 0) + e.amount!);
          const ambiguous = sent.filter(
            (e) =>
              e.kind === 'gift' &&
              e.ok === false &&
              (e.code === ErrorCode.TIMEOUT || e.code === ErrorCode.CONNECTION_LOST),
          );
          assert.equal(ambiguous.length, 0, 'no gift was left without an answer');
          for (const c of clients.filter((x) => !x.owner)) {
            const balance = await rest(server.url, 'get_balance', { UserID: c.userId });
            assert.equal(
              (balance['Response'] as { Coins: number }).Coins,
              INITIAL_BALANCE - (charged.get(c.userId) ?? 0),
              `kill ${kill}: ${c.userId} charged exactly the acknowledged gifts`,
            );
          }
          const ledger: string[] = [];
          for (let offset = 0; ; offset += 100) {
            const page = (await rest(server.url, 'get_ledger', { Offset: offset, Limit: 100 }))['Response'] as {
              LedgerList: { EntryId: string }[];
              NextOffset: number;
            };
            ledger.push(...page.LedgerList.map((r) => r.EntryId));
            if (!page.NextOffset) break;
          }
          const acked = sent.filter((e) => e.kind === 'gift' && e.ok).map((e) => e.entryId!);
          assert.equal(new Set(acked).size, acked.length, 'one ledger entry per acknowledged gift');
          assert.deepEqual(
            [...ledger].sort(),
            [...acked].sort(),
            `kill ${kill}: the ledger holds exactly the acknowledged gifts`,
          );
          // Newest first: entry IDs strictly decrease, so they only ever grew.
          ledger.forEach(
            (id, i) =>
              i > 0 && assert.ok(seqOf(id) < seqOf(ledger[i - 1]!), `ledger IDs in order: ${ledger[i - 1]} then ${id}`),
          );

          // Barrage: an acknowledged message is there once (twice only if it was in flight at a kill and resent).
          const byText = new Map<string, number>();
          for (const names of messages.values()) byText.set(names, (byText.get(names) ?? 0) + 1);
          for (const e of sent.filter((x) => x.kind === 'barrage')) {
            const n = byText.get(`${e.sender}|${e.text}`) ?? 0;
            if (e.ok && n < 1) violations.push(`acknowledged barrage ${e.text} never shown`);
            if (n > 1 && !e.atKill) violations.push(`barrage ${e.text} shown ${n} times`);
          }
          assert.deepEqual(violations, [], `kill ${kill}`);
          checkMs.push(Date.now() - checking);
        }

        stop.stopped = true;
        await Promise.all(workers);
        const count = (kind: Sent['kind'], ok: boolean) => sent.filter((e) => e.kind === kind && e.ok === ok).length;
        const taps = sent.filter((e) => e.kind === 'like' && e.ok).reduce((n, e) => n + e.taps!, 0);
        const allTaps = sent.reduce((n, e) => n + (e.kind === 'like' ? e.taps! : 0), 0);
        const totalLikes = [...likesBefore.values()].reduce((a, b) => a + b, 0);
        assert.ok(
          totalLikes >= taps &&
            totalLikes <= allTaps + sent.filter((e) => e.kind === 'like' && e.atKill).reduce((n, e) => n + e.taps!, 0),
          `likes ${totalLikes} within [${taps}, ${allTaps}+resent]`,
        );
        const codes = new Map<string, number>();
        for (const e of sent)
          if (e.ok === false) codes.set(`${e.kind} ${e.code}`, (codes.get(`${e.kind} ${e.code}`) ?? 0) + 1);
        t.diagnostic(`refusals by code: ${[...codes].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
        t.diagnostic(
          `seed ${SEED}: ${KILLS} kills, ${sent.length} commands (${['barrage', 'gift', 'like', 'seat', 'request'].map((k) => `${k} ${count(k as Sent['kind'], true)} ok/${count(k as Sent['kind'], false)} refused`).join(', ')}), ` +
            `${sent.filter((e) => e.atKill).length} in flight at a kill, ${Math.round((Date.now() - started) / 100) / 10} s ` +
            `(restarts ${startMs.join('/')} ms, settle + checks ${checkMs.join('/')} ms)`,
        );
      } finally {
        stop.stopped = true;
        for (const c of clients) {
          c.room.dispose();
          await c.room.backend.close();
        }
        next.kill();
        if (server.child.exitCode === null && server.child.signalCode === null) {
          server.child.kill('SIGKILL');
          await server.exited;
        }
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
});
