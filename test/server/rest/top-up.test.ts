// REST vr_gift/top_up with a RequestId is safe to retry, as a payment API's idempotency key: a product backend
// that retries after a timeout or a crash (the first call committed, its answer was lost) gets the first call's
// entry back instead of crediting the user again, across a restart, under concurrency, and on a data directory
// written before the key existed. Real SQLite files, the real HTTP server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { openDatabase } from '../../../server/db/database.js';
import { databaseFile, loadConfig } from '../../../server/config.js';
import { SDK_APP_ID, SECRET_KEY, type TestServer, fails, response, startTestServer } from './helpers.js';

const G = 'vr_gift';
/** Every user starts with the configuration's initial balance. */
const INITIAL = 1000;

interface TopUp {
  UserID: string;
  Coins: number;
  EntryId: string;
  Repeated?: boolean;
}

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh data directory (a real SQLite file) and the configuration that reopens it. */
function dataDirConfig() {
  const dataDir = mkdtempSync(join(tmpdir(), 'vr-topup-'));
  dirs.push(dataDir);
  return loadConfig([], {}, { port: 0, dataDir, logLevel: 'silent', sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY });
}

let config: ReturnType<typeof dataDirConfig>;
let t: TestServer;
beforeEach(async () => {
  config = dataDirConfig();
  t = await startTestServer({ sfu: false }, config);
});
afterEach(async () => {
  await t.close();
});

const topUp = async (body: Record<string, unknown>) => response<TopUp>(await t.rest(G, 'top_up', body));
const balance = async (userId: string) =>
  response<{ Coins: number }>(await t.rest(G, 'get_balance', { UserID: userId })).Coins;
const ledger = async (userId: string) =>
  response<{ Total: number; LedgerList: { EntryId: string; Amount: number }[] }>(
    await t.rest(G, 'get_ledger', { UserID: userId }),
  );

describe('REST top_up with a RequestId', () => {
  it('a retry answers the same EntryId, adds no ledger row and credits once', async () => {
    const first = await topUp({ UserID: 'ann', Coins: 100, RequestId: 'pay-0001' });
    assert.deepEqual(first, { UserID: 'ann', Coins: INITIAL + 100, EntryId: first.EntryId, Repeated: false });
    const retry = await topUp({ UserID: 'ann', Coins: 100, RequestId: 'pay-0001' });
    assert.deepEqual(retry, { UserID: 'ann', Coins: INITIAL + 100, EntryId: first.EntryId, Repeated: true });
    assert.equal(await balance('ann'), INITIAL + 100);
    assert.deepEqual(
      (await ledger('ann')).LedgerList.map((r) => [r.EntryId, r.Amount]),
      [[first.EntryId, 100]],
    );

    // A retry answers the balance as it is now (documented), not as it was after the first call.
    const other = await topUp({ UserID: 'ann', Coins: 7, RequestId: 'pay-0002' });
    assert.notEqual(other.EntryId, first.EntryId, 'another key is another payment');
    const late = await topUp({ UserID: 'ann', Coins: 100, RequestId: 'pay-0001' });
    assert.deepEqual(late, { UserID: 'ann', Coins: INITIAL + 107, EntryId: first.EntryId, Repeated: true });
    assert.equal((await ledger('ann')).Total, 2);
  });

  it('a retry after a restart on the same file still credits once', async () => {
    const first = await topUp({ UserID: 'bo', Coins: 250, RequestId: 'order-42' });
    await t.close();
    t = await startTestServer({ sfu: false }, config);
    const retry = await topUp({ UserID: 'bo', Coins: 250, RequestId: 'order-42' });
    assert.deepEqual(retry, { UserID: 'bo', Coins: INITIAL + 250, EntryId: first.EntryId, Repeated: true });
    assert.equal(await balance('bo'), INITIAL + 250);
    assert.equal((await ledger('bo')).Total, 1);
    // New keys still credit after the restart, with entries of their own.
    const next = await topUp({ UserID: 'bo', Coins: 1, RequestId: 'order-43' });
    assert.equal(next.Repeated, false);
    assert.notEqual(next.EntryId, first.EntryId);
    assert.equal(await balance('bo'), INITIAL + 251);
  });

  it('identical calls at once credit once, and all answer the one entry', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => topUp({ UserID: 'cy', Coins: 30, RequestId: 'burst' })),
    );
    assert.equal(new Set(answers.map((a) => a.EntryId)).size, 1, 'one entry');
    assert.equal(answers.filter((a) => !a.Repeated).length, 1, 'one credit, the others are repeats');
    assert.equal(await balance('cy'), INITIAL + 30);
    assert.equal((await ledger('cy')).Total, 1);
  });

  it('the key reused with another UserID or Coins is refused (100002) and changes nothing', async () => {
    const first = await topUp({ UserID: 'dee', Coins: 10, RequestId: 'k-1' });
    for (const body of [
      { UserID: 'eve', Coins: 10, RequestId: 'k-1' },
      { UserID: 'dee', Coins: 11, RequestId: 'k-1' },
      { UserID: 'eve', Coins: 99, RequestId: 'k-1' },
    ]) {
      const answer = fails(await t.rest(G, 'top_up', body), 100002);
      assert.equal(answer.ErrorInfo, 'RequestId was already used for a top-up with another UserID or Coins');
    }
    assert.equal(await balance('dee'), INITIAL + 10);
    assert.equal(await balance('eve'), INITIAL);
    assert.equal((await ledger('eve')).Total, 0);
    assert.equal((await ledger('dee')).Total, 1);
    // The key still names its first payment.
    assert.equal((await topUp({ UserID: 'dee', Coins: 10, RequestId: 'k-1' })).EntryId, first.EntryId);
  });

  it('refuses a bad RequestId (100002) and changes nothing; any printable key is one, __proto__ too', async () => {
    const refused: [unknown, string][] = [
      [5, 'RequestId must be a string'],
      [true, 'RequestId must be a string'],
      [null, 'RequestId must be a string'],
      [['a'], 'RequestId must be a string'],
      [{ id: 'a' }, 'RequestId must be a string'],
      ['', 'RequestId must not be empty'],
      ['x'.repeat(65), 'RequestId is longer than 64 bytes'],
      ['\n', 'RequestId must be printable ASCII without spaces, 1-64 characters'],
      ['pay\n1', 'RequestId must be printable ASCII without spaces, 1-64 characters'],
      ['pay 1', 'RequestId must be printable ASCII without spaces, 1-64 characters'],
      ['pay\u00001', 'RequestId must be printable ASCII without spaces, 1-64 characters'],
      ['payé', 'RequestId must be printable ASCII without spaces, 1-64 characters'],
      ['\ud800', 'RequestId must be Unicode text (it has a lone surrogate)'],
    ];
    for (const [value, info] of refused) {
      const answer = fails(await t.rest(G, 'top_up', { UserID: 'fay', Coins: 5, RequestId: value }), 100002);
      assert.equal(answer.ErrorInfo, info, JSON.stringify(value));
    }
    assert.equal(await balance('fay'), INITIAL, 'nothing was credited');
    assert.equal((await ledger('fay')).Total, 0);

    const keys = ['__proto__', 'constructor', 'x'.repeat(64), '!', '~"{}\\'];
    const entries = new Set<string>();
    for (const key of keys) {
      const first = await topUp({ UserID: 'fay', Coins: 5, RequestId: key });
      assert.equal(first.Repeated, false, key);
      entries.add(first.EntryId);
      const retry = await topUp({ UserID: 'fay', Coins: 5, RequestId: key });
      assert.deepEqual([retry.EntryId, retry.Repeated], [first.EntryId, true], key);
    }
    assert.equal(entries.size, keys.length, 'each key is its own payment');
    assert.equal(await balance('fay'), INITIAL + 5 * keys.length);
    assert.equal((await ledger('fay')).Total, keys.length);
  });

  it('a credit that fails leaves no key behind, so the retry credits (once)', async () => {
    // The balance is written after the ledger row (and its key) in the same transaction: failing it must roll the
    // key back too, or the retry would answer "done" for coins never added.
    const db = t.server.persistence.db;
    db.exec("CREATE TEMP TRIGGER full_disk BEFORE INSERT ON balances BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    fails(await t.rest(G, 'top_up', { UserID: 'gus', Coins: 60, RequestId: 'try-1' }), 100001);
    db.exec('DROP TRIGGER full_disk');
    assert.equal(await balance('gus'), INITIAL);
    assert.equal((await ledger('gus')).Total, 0);
    const retry = await topUp({ UserID: 'gus', Coins: 60, RequestId: 'try-1' });
    assert.equal(retry.Repeated, false, 'the failed call credited nothing, so the retry is the credit');
    const again = await topUp({ UserID: 'gus', Coins: 60, RequestId: 'try-1' });
    assert.deepEqual([again.EntryId, again.Repeated], [retry.EntryId, true]);
    assert.equal(await balance('gus'), INITIAL + 60);
  });

  it('without a RequestId a call is not safe to retry: each one credits, as before', async () => {
    const a = await topUp({ UserID: 'hal', Coins: 3 });
    const b = await topUp({ UserID: 'hal', Coins: 3 });
    assert.notEqual(a.EntryId, b.EntryId);
    assert.equal('Repeated' in a, false, 'the answer is as it always was');
    assert.equal(await balance('hal'), INITIAL + 6);
  });
});

describe('REST top_up keys on a data directory from before them', () => {
  it('an old file opens (migrated in place) and its top-ups become retry-safe', async () => {
    // A file as the previous schema version left it: the ledger without request_id, user_version 4.
    await t.close();
    const file = databaseFile(config);
    const db = openDatabase(file);
    db.exec('DROP INDEX IF EXISTS ledger_request');
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('ledger');
    if (columns.includes('request_id')) db.exec('ALTER TABLE ledger DROP COLUMN request_id');
    db.pragma('user_version = 4');
    db.prepare(
      "INSERT INTO ledger (entry_id, room_id, sender_id, receiver_id, gift_id, count, unit_price, amount, created_at) VALUES ('t1', '', '', 'ivy', '', 1, 9, 9, 1)",
    ).run();
    db.close();

    t = await startTestServer({ sfu: false }, config);
    const first = await topUp({ UserID: 'ivy', Coins: 20, RequestId: 'after-upgrade' });
    const retry = await topUp({ UserID: 'ivy', Coins: 20, RequestId: 'after-upgrade' });
    assert.deepEqual([retry.EntryId, retry.Repeated], [first.EntryId, true]);
    assert.notEqual(first.EntryId, 't1', 'entries continue after the old rows');
    assert.equal((await ledger('ivy')).Total, 2, 'the old row is kept, and one new row');
    const migrated = t.server.persistence.db;
    assert.equal(migrated.pragma('user_version', { simple: true }), 5);
    // The key is found by its index, whatever the ledger's size.
    const plan = migrated
      .prepare('EXPLAIN QUERY PLAN SELECT entry_id, receiver_id, amount FROM ledger WHERE request_id = ?')
      .all('k') as { detail: string }[];
    assert.match(plan.map((p) => p.detail).join('; '), /USING INDEX ledger_request/);
  });
});
