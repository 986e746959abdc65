/**
 * `npm run bench -- resources`: the resource attacks of issue 12 §3 against a real server process on loopback, with
 * the figures BENCHMARKS.md records (test/server/resources.test.ts runs the same attacks briefly with loose bounds).
 *
 * - memory (peak RSS of the server process) and a normal client's command latency (median round trip of
 *   `wallet.get`, idle and under attack) under: 4 non-reading connections asking for a ~130 KB snapshot at 200/s
 *   each; 4 connections sending valid 16 KiB frames at line rate; ~40 overlapping audio offers/s on one connection;
 * - gift cost (median round trip of gift.send) with 0 and 1,000,000 ledger rows, and start-up time and RSS of a
 *   server over the 1M-row data directory.
 *
 * RESOURCE_BENCH_BEFORE=/path/to/checkout also runs every measure against that checkout's server (e.g. an export of
 * the previous commit with node_modules linked), so before and after come from the same run on the same machine.
 * RESOURCE_BENCH_SECONDS (default 10) sets each attack's length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/db/database.js';
import { type ServerProcess, startServerProcess } from '../test/contract/local-server.js';
import {
  type AttackResult,
  inputFlood,
  median,
  member,
  nonReaders,
  overlappingOffers,
  rssOf,
} from '../test/server/attacks.js';

const seconds = Number(process.env['RESOURCE_BENCH_SECONDS'] ?? 10);
const before = process.env['RESOURCE_BENCH_BEFORE'];
const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Row {
  readonly measure: string;
  readonly values: string[];
}
const rows: Row[] = [];
const put = (measure: string, column: number, value: string) => {
  let row = rows.find((r) => r.measure === measure);
  if (!row) rows.push((row = { measure, values: [] }));
  row.values[column] = value;
  console.log(`${measure} [${column}]: ${value}`);
};

async function withServer<T>(
  cwd: string | undefined,
  env: Record<string, string>,
  dataDir: string | undefined,
  run: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  // Start-up over a big ledger took 8 s on an idle machine before the ledger moved to SQLite.
  const server = await startServerProcess({
    env: { VR_LOG_LEVEL: 'error', ...env },
    startTimeoutMs: 180_000,
    ...(cwd ? { cwd } : {}),
    ...(dataDir ? { dataDir } : {}),
  });
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

function report(column: number, name: string, result: AttackResult): void {
  put(`${name}: server RSS before → peak`, column, `${mb(result.rssBefore)} → ${mb(result.rssPeak)}`);
  put(
    `${name}: command latency idle / under attack (median)`,
    column,
    `${ms(median(result.idleMs))} / ${ms(median(result.attackMs))}`,
  );
  put(
    `${name}: attacking connections closed by the server`,
    column,
    result.closes.length ? `${result.closes.length} (${[...new Set(result.closes)].join(', ')})` : 'none',
  );
}

async function attacks(column: number, cwd: string | undefined): Promise<void> {
  await withServer(cwd, { VR_COMMAND_RATE: '200', VR_BARRAGE_RATE: '1000/1000' }, undefined, async (server) => {
    const host = await member(server.url, 'host', 'big', true);
    for (let i = 0; i < 200; i++) await host.call('barrage.send', { text: `${'✦'.repeat(190)} ${i}` });
    const probe = await member(server.url, 'probe', 'big');
    report(column, 'non-reading clients', await nonReaders(server, probe, 'big', { ms: seconds * 1000 }));
  });
  await withServer(cwd, { VR_COMMAND_RATE: '200' }, undefined, async (server) => {
    await member(server.url, 'host', 'flood', true);
    const probe = await member(server.url, 'probe', 'flood');
    report(column, 'input flood', await inputFlood(server, probe, { ms: seconds * 1000 }));
  });
  await withServer(cwd, { VR_COMMAND_RATE: '200' }, undefined, async (server) => {
    await member(server.url, 'host', 'audio', true);
    const probe = await member(server.url, 'probe', 'audio');
    const result = await overlappingOffers(server, probe, 'audio', { ms: seconds * 1000 });
    report(column, `overlapping offers (${result.offers} in ${seconds} s)`, result);
    await new Promise((r) => setTimeout(r, 2_000));
    put('overlapping offers: server RSS 2 s after', column, mb(rssOf(server.child.pid!)));
  });
}

/** A data directory with `rows` ledger rows over 10,000 users (schema of this checkout; an older server ignores the extra index). */
function ledgerDir(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'vr-bench-ledger-'));
  const db = openDatabase(join(dir, 'voiceroom.sqlite'));
  const insert = db.prepare(
    'INSERT INTO ledger (entry_id, room_id, sender_id, receiver_id, gift_id, count, unit_price, amount, created_at) VALUES (?, ?, ?, ?, ?, 1, 1, 1, ?)',
  );
  const balance = db.prepare('INSERT OR REPLACE INTO balances (user_id, coins) VALUES (?, 1000000)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++)
      insert.run(`old${i}`, `r${i % 1000}`, `u${i % 10_000}`, `u${(i + 1) % 10_000}`, 'rose', i);
    for (let i = 0; i < 10_000; i++) balance.run(`u${i}`);
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('wallet.seq', ?)").run(String(rows));
    db.prepare('INSERT OR REPLACE INTO catalog (position, gift) VALUES (0, ?)').run(
      JSON.stringify({ giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 }),
    );
  })();
  db.close();
  return dir;
}

async function gifts(column: number, cwd: string | undefined, dirs: Record<number, string>): Promise<void> {
  for (const [rows, dir] of Object.entries(dirs)) {
    const started = performance.now();
    await withServer(cwd, { VR_COMMAND_RATE: '1000' }, dir, async (server) => {
      const startup = performance.now() - started;
      if (Number(rows) > 0) {
        put('start-up over 1M ledger rows (spawn → listening)', column, ms(startup));
        put('server RSS after start-up over 1M ledger rows', column, mb(rssOf(server.child.pid!)));
      }
      const host = await member(server.url, 'ghost', `gifts${rows}`, true);
      // 10 senders, 10 gifts each: under the per-user gift rate (10/s), one at a time.
      const senders = await Promise.all(
        Array.from({ length: 10 }, (_, i) => member(server.url, `u${i}`, `gifts${rows}`)),
      );
      const times: number[] = [];
      for (let round = 0; round < 10; round++) {
        for (const sender of senders) {
          const t = performance.now();
          const answer = await sender.call('gift.send', { giftId: 'rose', count: 1, receiverId: 'ghost' });
          if (answer['ok'] !== true) throw new Error(`gift failed: ${JSON.stringify(answer)}`);
          times.push(performance.now() - t);
        }
      }
      put(
        `gift.send round trip (median of 100) with ${Number(rows).toLocaleString('en')} ledger rows`,
        column,
        ms(median(times)),
      );
      put(
        `server RSS after 100 gifts with ${Number(rows).toLocaleString('en')} ledger rows`,
        column,
        mb(rssOf(server.child.pid!)),
      );
      host.ws.close();
    });
  }
}

export async function runResourcesBench(): Promise<void> {
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ');
  console.log(`load average at start (1/5/15 min): ${load()}`);
  const columns = before ? [before, undefined] : [undefined];
  const dirs = { 0: ledgerDir(0), 1_000_000: ledgerDir(1_000_000) };
  try {
    for (const [column, cwd] of columns.entries()) {
      await attacks(column, cwd);
      await gifts(column, cwd, dirs);
    }
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`load average at end (1/5/15 min): ${load()}`);
  const heads = before ? ['before', 'after'] : ['this checkout'];
  console.log(`| measure | ${heads.join(' | ')} |`);
  console.log(`|---|${heads.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.measure} | ${heads.map((_, i) => row.values[i] ?? '').join(' | ')} |`);
}
