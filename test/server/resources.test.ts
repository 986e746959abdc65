// Issue 12 §3: bounded resources per connection and per user. Each attack runs against a real server on loopback
// for a few seconds and stops by itself; the bounds below are deliberately loose (the figures, measured longer, are
// in BENCHMARKS.md). Memory is the server child process's RSS (Linux /proc; not asserted elsewhere).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloseCode } from '../../src/backends/local/protocol.js';
import { ErrorCode } from '../../src/model/errors.js';
import { openDatabase } from '../../server/db/database.js';
import { type ServerProcess, startServerProcess } from '../contract/local-server.js';
import {
  type AttackResult,
  type Conn,
  type Frame,
  connect,
  inputFlood,
  median,
  member,
  nonReaders,
  overlappingOffers,
} from './attacks.js';
import { sdkAppId, secretKey, testServer, until } from './helpers.js';

/**
 * Server memory (peak RSS) may grow at most this much during an attack: 4 connections × the 2 MiB output cap, plus
 * the garbage of the answers serialized before the cut (V8 collects it lazily), plus slack for a loaded machine.
 */
const MAX_RSS_GROWTH = 96 * 1024 * 1024;
/**
 * A normal client's median command latency under attack: at most 3× its baseline + 25 ms. The baseline is its idle
 * median, or, when the machine got busier after that (CI shares 2 cores; load 20–45 has been seen), the same probe's
 * median on an unattacked server process in the same window, whichever is higher: the machine's load slows both
 * servers alike, only the attack's cost slows the attacked one alone.
 */
const latencyBound = (result: AttackResult) => Math.max(median(result.idleMs), median(result.controlMs)) * 3 + 25;
/** How long each attack runs here (the benchmark runs them longer). */
const ATTACK_MS = 4_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function assertBounded(result: AttackResult, what: string): void {
  const idle = median(result.idleMs);
  const attacked = median(result.attackMs);
  assert.ok(
    result.attackMs.length >= 5,
    `${what}: the normal client got answers during the attack (${result.attackMs.length})`,
  );
  assert.ok(result.controlMs.length >= 5, `${what}: the unattacked server answered too (${result.controlMs.length})`);
  assert.ok(
    attacked <= latencyBound(result),
    `${what}: command latency ${attacked.toFixed(1)} ms under attack, ${idle.toFixed(1)} ms idle, ` +
      `${median(result.controlMs).toFixed(1)} ms on the unattacked server meanwhile`,
  );
  if (result.rssBefore !== null && result.rssPeak !== null) {
    assert.ok(
      result.rssPeak - result.rssBefore <= MAX_RSS_GROWTH,
      `${what}: server memory grew ${mb(result.rssPeak - result.rssBefore)} (from ${mb(result.rssBefore)})`,
    );
  }
}

const inProcess = { sdkAppId, secretKey };

/** Collects every frame a raw connection receives (answers included). */
function recorder(conn: Conn): Frame[] {
  const frames: Frame[] = [];
  conn.ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Frame));
  return frames;
}

describe('bounded resources per connection', () => {
  let server: ServerProcess;
  let probe: Conn;
  /** The same kind of server, never attacked: its probe shows what the machine's load alone does to a command. */
  let controlServer: ServerProcess;
  let control: Conn;

  before(async () => {
    // The SFU stays on: the offer attack needs it. Rates as in production, but barrage fast enough to fill a room.
    const env = { VR_COMMAND_RATE: '200', VR_BARRAGE_RATE: '1000/1000', VR_LOG_LEVEL: 'error' };
    [server, controlServer] = await Promise.all([startServerProcess({ env }), startServerProcess({ env })]);
    const host = await member(server.url, 'host', 'big', true);
    // A big snapshot to ask for (the was 240 KB): 200 messages of 200 characters in the history.
    for (let i = 0; i < 200; i++) await host.call('barrage.send', { text: `${'✦'.repeat(190)} ${i}` });
    probe = await member(server.url, 'probe', 'big');
    await member(controlServer.url, 'host', 'big', true);
    control = await member(controlServer.url, 'probe', 'big');
  });
  after(async () => {
    await Promise.all([server.stop(), controlServer.stop()]);
  });

  it('cuts off clients that do not read, whatever they ask for (4005 / dropped), and memory stays bounded', async () => {
    // At least half what a quiet machine asks in the window (a 5 ms pace), however long a loaded one takes for it.
    const result = await nonReaders(server, probe, 'big', { ms: ATTACK_MS, control, minRequests: ATTACK_MS / 5 / 2 });
    assert.equal(result.closes.length, 4, 'every non-reading connection was cut off before the attack ended');
    assertBounded(result, 'non-reading clients');
  });

  it('budgets input before parsing: a line-rate flood of valid 16 KiB frames is throttled and closed (4006)', async () => {
    // Each flooder goes on until the server closed it once (CI at load 8-18 once closed only 3 of 4 within 4 s).
    const result = await inputFlood(server, probe, { ms: ATTACK_MS, control, untilEachClosed: true });
    assert.ok(
      result.closes.filter((c) => c === CloseCode.inputBudget).length >= 4,
      `flooders closed with 4006, got ${JSON.stringify(result.closes)}`,
    );
    assertBounded(result, 'input flood');
  });

  it('serializes audio offers on one connection: ~40 overlapping offers/s leave memory flat', async () => {
    // At least half the offers a quiet machine sends in the window, however long a loaded one takes for them.
    const result = await overlappingOffers(server, probe, 'big', {
      ms: ATTACK_MS,
      control,
      minOffers: ATTACK_MS / 25 / 2,
    });
    assert.ok(result.offers >= ATTACK_MS / 25 / 2, `the connection stayed open for every offer: ${result.offers} sent`);
    assertBounded(result, 'overlapping offers');
  });
});

describe('liveness and slow readers', () => {
  it('only a pong proves a client alive: one that sends but never answers pings is dropped', async () => {
    const server = await testServer({}, { heartbeatMs: 100, sfu: false });
    try {
      const conn = await connect(server.url, 'deaf', { ...inProcess, autoPong: false });
      await conn.hello();
      let open = true;
      void conn.closed.then(() => (open = false));
      const started = Date.now();
      while (open && Date.now() - started < 10_000) {
        conn.ws.send(JSON.stringify({ t: 'cmd', id: `w${Date.now()}`, type: 'wallet.get', args: {} }));
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(open, false, 'dropped by the heartbeat although it kept sending');
    } finally {
      await server.dispose();
    }
  });

  it('a slow reader past the output cap is closed with 4005, answers included', async () => {
    const server = await testServer(
      { outputBufferBytes: 64 * 1024, commandRate: 100_000, barrageRate: { limit: 1_000, windowMs: 1_000 } },
      { sfu: false },
    );
    try {
      const host = await connect(server.url, 'slow-host', inProcess);
      await host.hello();
      await host.call('room.start', { roomId: 'slow', options: { roomName: 'Slow', seatMode: 'free' } });
      for (let i = 0; i < 100; i++) await host.call('barrage.send', { text: `${'x'.repeat(100)} ${i}` });
      const slow = await connect(server.url, 'slow', inProcess);
      await slow.hello();
      await slow.call('room.join', { roomId: 'slow' });
      slow.ws.pause();
      // Only answers (no batches): the cap covers every frame, not only event batches.
      for (let i = 0; i < 2_000 && server.gateway.stats().slowConsumers === 0; i++) {
        slow.ws.send(JSON.stringify({ t: 'cmd', id: `s${i}`, type: 'room.snapshot', args: {} }));
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5));
      }
      assert.equal(server.gateway.stats().slowConsumers, 1);
      slow.ws.resume();
      assert.equal(await slow.closed, CloseCode.slowConsumer);
      // The host, who reads, is untouched.
      assert.equal((await host.call('wallet.get'))['ok'], true);
    } finally {
      await server.dispose();
    }
  });
});

describe('bounded resources per user', () => {
  const rose = { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 };

  /** The SQL a server runs at start-up and for one gift, over a data directory holding `rows` ledger rows. */
  async function giftSql(rows: number): Promise<{ startup: string[]; gift: string[]; plans: string[] }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'vr-ledger-'));
    try {
      if (rows > 0) {
        const db = openDatabase(join(dataDir, 'voiceroom.sqlite'));
        const insert = db.prepare(
          'INSERT INTO ledger (entry_id, room_id, sender_id, receiver_id, gift_id, count, unit_price, amount, created_at) VALUES (?, ?, ?, ?, ?, 1, 1, 1, ?)',
        );
        const balance = db.prepare('INSERT OR REPLACE INTO balances (user_id, coins) VALUES (?, ?)');
        db.transaction(() => {
          for (let i = 0; i < rows; i++)
            insert.run(`old${i}`, `r${i % 100}`, `u${i % 5_000}`, `v${i % 5_000}`, 'rose', i);
          for (let i = 0; i < 5_000; i++) balance.run(`u${i}`, 10);
        })();
        db.close();
      }
      const log: string[] = [];
      const server = await testServer({ dataDir }, { sfu: false, sqlTrace: (sql) => log.push(sql) });
      try {
        const startup = log.splice(0);
        server.engine.setCatalog([rose]);
        const host = await connect(server.url, 'host', inProcess);
        await host.hello();
        await host.call('room.start', { roomId: 'gifts', options: { roomName: 'Gifts', seatMode: 'free' } });
        const fan = await connect(server.url, 'fan', inProcess);
        await fan.hello();
        await fan.call('room.join', { roomId: 'gifts' });
        log.splice(0);
        const sent = await fan.call('gift.send', { giftId: 'rose', count: 1, receiverId: 'host' });
        assert.equal(sent['ok'], true, JSON.stringify(sent));
        const gift = log.splice(0);
        const plans = [...startup, ...gift].flatMap((sql) => {
          if (!/^\s*(SELECT|UPDATE|DELETE|WITH)/i.test(sql)) return [];
          return (server.persistence.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(
            (r) => `${r.detail}  ← ${sql.slice(0, 80)}`,
          );
        });
        host.ws.close();
        fan.ws.close();
        return { startup, gift, plans };
      } finally {
        await server.dispose();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it('a gift costs the same SQL with 100,000 ledger rows as with none, and nothing reads the whole ledger', async () => {
    const normalize = (sql: string) => sql.replace(/'(?:[^']|'')*'|\b\d+(\.\d+)?\b/g, '?');
    const empty = await giftSql(0);
    const full = await giftSql(100_000);
    assert.ok(
      full.gift.some((sql) => /INSERT INTO ledger/i.test(sql)),
      'the gift appended its ledger row in SQLite',
    );
    assert.deepEqual(
      full.gift.map(normalize),
      empty.gift.map(normalize),
      'the same statements whatever the ledger size',
    );
    // A full scan of the ledger or the balances (at start-up or per gift) is what made both grow with history.
    const scans = full.plans.filter((p) => /^SCAN (ledger|balances)\b/.test(p));
    assert.deepEqual(scans, [], 'no statement scans the ledger or the balance table');
  });

  it('follows only users that exist, and at most maxFollowing per user (FOLLOW_LIMIT)', async () => {
    const server = await testServer({ maxFollowing: 2 }, { sfu: false });
    try {
      for (const id of ['star1', 'star2', 'star3']) {
        // Signing in once makes a user known.
        const star = await connect(server.url, id, inProcess);
        await star.hello();
        star.ws.close();
      }
      const fan = await connect(server.url, 'fan', inProcess);
      await fan.hello();
      const ghost = await fan.call('follow.set', { userId: 'nobody-signed-in-as-this', follow: true });
      assert.equal(
        (ghost['error'] as { code: number } | undefined)?.code,
        ErrorCode.USER_NOT_FOUND,
        'a follow to an unknown user is refused',
      );
      assert.equal(
        (await fan.call('follow.get', { userId: 'nobody-signed-in-as-this' }))['ok'],
        true,
        'asking about anyone still works',
      );
      assert.equal((await fan.call('follow.set', { userId: 'star1', follow: true }))['ok'], true);
      assert.equal((await fan.call('follow.set', { userId: 'star2', follow: true }))['ok'], true);
      const third = await fan.call('follow.set', { userId: 'star3', follow: true });
      assert.equal((third['error'] as { code: number } | undefined)?.code, ErrorCode.FOLLOW_LIMIT);
      // Unfollowing is always allowed and makes room again; repeating a follow is a harmless no-op.
      assert.equal((await fan.call('follow.set', { userId: 'star1', follow: false }))['ok'], true);
      assert.equal((await fan.call('follow.set', { userId: 'star2', follow: true }))['ok'], true);
      const now = await fan.call('follow.set', { userId: 'star3', follow: true });
      assert.deepEqual(now['result'], { userId: 'star3', following: true, fans: 1, followingCount: 0 });
      assert.equal(
        server.persistence.db.prepare("SELECT COUNT(*) FROM follows WHERE follower_id = 'fan'").pluck().get(),
        2,
      );
      fan.ws.close();
    } finally {
      await server.dispose();
    }
  });

  it('an ended room leaves memory after its members are told; its ID continues its versions when reused', async () => {
    const server = await testServer({}, { sfu: false });
    try {
      const host = await connect(server.url, 'end-host', inProcess);
      await host.hello();
      const started = await host.call('room.start', {
        roomId: 'ending',
        options: { roomName: 'Ending', seatMode: 'free' },
      });
      const fan = await connect(server.url, 'end-fan', inProcess);
      const seen = recorder(fan);
      await fan.hello();
      await fan.call('room.join', { roomId: 'ending' });
      const ended = await host.call('room.end');
      assert.equal(ended['ok'], true);
      await until(
        () => seen.some((f) => f['t'] === 'batch' && JSON.stringify(f).includes('"room.ended"')),
        'the member was told the room ended',
      );
      assert.equal(server.engine.room('ending'), undefined, 'the ended room is no longer in memory');
      assert.deepEqual([...server.engine.allRooms()], []);
      assert.equal(
        server.persistence.db.prepare("SELECT status FROM rooms WHERE room_id = 'ending'").pluck().get(),
        'ended',
        'still on disk',
      );
      const again = await connect(server.url, 'end-again', inProcess);
      await again.hello();
      const restarted = await again.call('room.start', {
        roomId: 'ending',
        options: { roomName: 'Again', seatMode: 'free' },
      });
      assert.ok(
        (restarted['version'] as number) > (ended['version'] as number),
        `versions continue: ${String(started['version'])} → ${String(ended['version'])} → ${String(restarted['version'])}`,
      );
      for (const c of [host, fan, again]) c.ws.close();
    } finally {
      await server.dispose();
    }
  });

  it('bounds the rooms one user starts per window (ROOM_START_LIMIT), across reconnects', async () => {
    const server = await testServer({ roomStartRate: { limit: 2, windowMs: 60_000 } }, { sfu: false });
    try {
      const codes: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        // A fresh connection each time, as the attacker did.
        const conn = await connect(server.url, 'starter', inProcess);
        await conn.hello();
        const answer = await conn.call('room.start', {
          roomId: `spam${i}`,
          options: { roomName: `Spam ${i}`, seatMode: 'free' },
        });
        codes.push(answer['ok'] === true ? 'ok' : (answer['error'] as { code: number }).code);
        conn.ws.close();
        await conn.closed;
      }
      assert.deepEqual(codes, ['ok', 'ok', ErrorCode.ROOM_START_LIMIT]);
      // Coming back to one's own live room is not a new start.
      const back = await connect(server.url, 'starter', inProcess);
      await back.hello();
      assert.equal(
        (await back.call('room.start', { roomId: 'spam0', options: { roomName: 'Spam 0', seatMode: 'free' } }))['ok'],
        true,
      );
      back.ws.close();
    } finally {
      await server.dispose();
    }
  });
});
