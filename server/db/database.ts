import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/**
 * Migrations in code, applied in order inside one transaction each; `user_version` records how far a file got,
 * so an old data directory is upgraded in place and a new one is built from scratch.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE profiles (user_id TEXT PRIMARY KEY, user_name TEXT NOT NULL, avatar_url TEXT NOT NULL, level INTEGER NOT NULL DEFAULT 1, imported INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE rooms (room_id TEXT PRIMARY KEY, status TEXT NOT NULL, state TEXT NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE barrage (room_id TEXT NOT NULL, seq INTEGER NOT NULL, message TEXT NOT NULL, PRIMARY KEY (room_id, seq));
  CREATE TABLE follows (follower_id TEXT NOT NULL, user_id TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (follower_id, user_id));
  CREATE INDEX follows_user ON follows (user_id);
  CREATE TABLE balances (user_id TEXT PRIMARY KEY, coins INTEGER NOT NULL CHECK (coins >= 0));
  CREATE TABLE ledger (entry_id TEXT PRIMARY KEY, room_id TEXT NOT NULL, sender_id TEXT NOT NULL, receiver_id TEXT NOT NULL, gift_id TEXT NOT NULL, count INTEGER NOT NULL, unit_price INTEGER NOT NULL, amount INTEGER NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX ledger_sender ON ledger (sender_id);
  CREATE INDEX ledger_room ON ledger (room_id);
  CREATE TABLE catalog (position INTEGER PRIMARY KEY, gift TEXT NOT NULL);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE metadata (room_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (room_id, key));
  `,
  // REST-only room fields (Category, ActivityStatus, CustomInfo, MaxMemberCount, …) of the room created at created_at.
  `
  CREATE TABLE room_extras (room_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, extras TEXT NOT NULL);
  `,
  // Restarts without amnesia. room_counters: a reservation above the counters that name things (version,
  // barrage, request, entry sequences), written in the transaction of the change that passes the previous one, so
  // they never go back, not even after kill -9 (see SqlitePersistence); a small row of its own so reserving does not
  // rewrite the room's JSON. receipts: the answers to
  // money-moving commands, written in the same transaction as the money moves, so a retry after a restart gets
  // the first answer instead of paying twice (kept for RECEIPT_TTL_MS, see repositories.ts).
  `
  CREATE TABLE room_counters (room_id TEXT PRIMARY KEY, version INTEGER NOT NULL, message_seq INTEGER NOT NULL, request_seq INTEGER NOT NULL, entry_seq INTEGER NOT NULL);
  CREATE TABLE receipts (user_id TEXT NOT NULL, request_id TEXT NOT NULL, command TEXT NOT NULL, answer TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (user_id, request_id));
  CREATE INDEX receipts_age ON receipts (created_at);
  `,
  // The ledger is queried in SQLite (REST get_ledger by user as sender or receiver), never loaded into memory.
  `
  CREATE INDEX ledger_receiver ON ledger (receiver_id);
  `,
  // REST top_up's RequestId (its idempotency key), on the ledger row it credited: written in the row's own INSERT,
  // so the key exists iff the coins were added, and kept as long as the row (no expiry, unlike receipts). Unique:
  // should two writers ever race past the lookup, the second INSERT fails instead of crediting twice. Rows
  // without a key (gifts, top-ups without RequestId, rows from before this migration) stay out of the index.
  `
  ALTER TABLE ledger ADD COLUMN request_id TEXT;
  CREATE UNIQUE INDEX ledger_request ON ledger (request_id) WHERE request_id IS NOT NULL;
  `,
];

/** `trace` sees every statement SQLite runs (tests count what a command costs in SQL). */
export function openDatabase(file: string, options: { trace?: (sql: string) => void } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, options.trace ? { verbose: (sql: unknown) => options.trace!(String(sql)) } : {});
  db.pragma('journal_mode = WAL');
  // NORMAL keeps WAL durable across process crashes (only an OS crash may lose the last transactions).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
