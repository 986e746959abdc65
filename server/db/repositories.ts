import type { EngineInitialState, EnginePersistence, Receipt, RoomCounters } from '../../src/engine/room-engine.js';
import type { BarrageMessage, Gift, LedgerRow, RoomEvent, RoomState, Seat, UserProfile } from '../../src/core.js';
import {
  BARRAGE_HISTORY,
  type FollowState,
  type Member,
  emptyMap,
  emptyRecord,
  entry,
  mapSet,
  recordOf,
} from '../../src/core.js';
import type { Db } from './database.js';

/** The durable part of a room: everything but who is connected right now. */
type StoredRoom = Pick<
  RoomState,
  | 'version'
  | 'status'
  | 'info'
  | 'seats'
  | 'admins'
  | 'bans'
  | 'mutes'
  | 'likes'
  | 'gifts'
  | 'viewCount'
  | 'entrySeq'
  | 'requestSeq'
  | 'messageSeq'
  | 'limits'
>;

/**
 * How long the answer to a money-moving command is kept for retries. Far longer than a client keeps a command
 * waiting (LocalBackend: 10 s by default, reconnects included) and than a restart takes; short enough that the
 * table stays small (one row per gift in the window, pruned as gifts are sent).
 */
export const RECEIPT_TTL_MS = 15 * 60_000;

/** How far ahead room counters are reserved (see SqlitePersistence): the most a restart makes them jump. */
export const COUNTER_BLOCK = 100;

/**
 * SQLite behind the engine's persistence port. Room rows are rewritten only when a durable part changed (compared by
 * reference, which the immutable rules make exact), barrage is appended row by row and trimmed to the last 200.
 *
 * Counters that name things (version, barrage/request/entry sequences) are reserved in blocks instead: the
 * room_counters row holds numbers at least as high as any the room has used, written in the transaction of the
 * change that first goes past the previous reservation, and a restart continues after the reservation. Since the
 * engine stores before it broadcasts or answers, no client ever saw a number beyond the file's reservation, so
 * counters never go back, not even after kill -9. Writing the exact counters with every batch would add a row
 * update, one more WAL page, to every barrage's commit; a block costs one row write per COUNTER_BLOCK changes.
 * The price is that versions and IDs jump forward by up to a block at each restart, which clients take in their
 * stride (they resync after a reconnect, and a jump is just a gap).
 */
export class SqlitePersistence implements EnginePersistence {
  /** Reservations committed to room_counters, per room (absent: reserve at the next change). */
  private readonly reserved = new Map<string, RoomCounters>();
  private readonly stmts;

  /** `db` is public so server/db/rest-repository.ts can keep the REST-only tables in the same file. */
  constructor(readonly db: Db) {
    this.stmts = {
      saveRoom: db.prepare(
        'INSERT INTO rooms (room_id, status, state, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (room_id) DO UPDATE SET status = excluded.status, state = excluded.state, updated_at = excluded.updated_at',
      ),
      // A plain INSERT: a repeated message ID is a bug that must fail the command, never overwrite a stored message.
      addBarrage: db.prepare('INSERT INTO barrage (room_id, seq, message) VALUES (?, ?, ?)'),
      saveCounters: db.prepare(
        'INSERT INTO room_counters (room_id, version, message_seq, request_seq, entry_seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT (room_id) DO UPDATE SET version = excluded.version, message_seq = excluded.message_seq, request_seq = excluded.request_seq, entry_seq = excluded.entry_seq',
      ),
      getCounters: db.prepare(
        'SELECT version, message_seq, request_seq, entry_seq FROM room_counters WHERE room_id = ?',
      ),
      addReceipt: db.prepare(
        'INSERT INTO receipts (user_id, request_id, command, answer, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      getReceipt: db.prepare(
        'SELECT command, answer, created_at FROM receipts WHERE user_id = ? AND request_id = ? AND created_at >= ?',
      ),
      pruneReceipts: db.prepare('DELETE FROM receipts WHERE created_at < ?'),
      trimBarrage: db.prepare('DELETE FROM barrage WHERE room_id = ? AND seq <= ?'),
      clearBarrage: db.prepare('DELETE FROM barrage WHERE room_id = ?'),
      saveProfile: db.prepare(
        'INSERT INTO profiles (user_id, user_name, avatar_url, level) VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET user_name = excluded.user_name, avatar_url = excluded.avatar_url, level = excluded.level',
      ),
      follow: db.prepare('INSERT OR IGNORE INTO follows (follower_id, user_id, created_at) VALUES (?, ?, ?)'),
      unfollow: db.prepare('DELETE FROM follows WHERE follower_id = ? AND user_id = ?'),
      setBalance: db.prepare(
        'INSERT INTO balances (user_id, coins) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET coins = excluded.coins',
      ),
      addLedger: db.prepare(
        'INSERT INTO ledger (entry_id, room_id, sender_id, receiver_id, gift_id, count, unit_price, amount, created_at) VALUES (@entryId, @roomId, @senderId, @receiverId, @giftId, @count, @unitPrice, @amount, @createdAt)',
      ),
      // A top-up's row with its RequestId (null without one), in the same statement: see migration 5.
      addTopUp: db.prepare(
        'INSERT INTO ledger (entry_id, room_id, sender_id, receiver_id, gift_id, count, unit_price, amount, created_at, request_id) VALUES (@entryId, @roomId, @senderId, @receiverId, @giftId, @count, @unitPrice, @amount, @createdAt, @requestId)',
      ),
      topUpOf: db.prepare('SELECT entry_id, receiver_id, amount FROM ledger WHERE request_id = ?'),
      setSetting: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      getBalance: db.prepare('SELECT coins FROM balances WHERE user_id = ?').pluck(),
      delSetting: db.prepare('DELETE FROM settings WHERE key = ?'),
    };
  }

  roomChanged(previous: RoomState | undefined, next: RoomState, events: readonly RoomEvent[]): void {
    const reservation = this.db.transaction(() => {
      if (!previous || previous.info.createdAt !== next.info.createdAt) this.stmts.clearBarrage.run(next.info.roomId);
      if (!previous || durableChanged(previous, next)) this.writeRoom(next);
      for (const event of events) {
        if (event.type !== 'barrage.received') continue;
        const seq = Number(event.message.messageId.split('-m').pop());
        this.stmts.addBarrage.run(next.info.roomId, seq, JSON.stringify(event.message));
        this.stmts.trimBarrage.run(next.info.roomId, seq - BARRAGE_HISTORY);
      }
      return this.reserve(next);
    })();
    this.reserved.set(next.info.roomId, reservation);
  }

  giftSent(row: LedgerRow, senderBalance: number, room: RoomState, receipt?: Receipt): void {
    // One transaction: the balance, the ledger row, the room totals and the answer land together or not at all.
    const reservation = this.db.transaction(() => {
      this.stmts.addLedger.run(row);
      this.stmts.setBalance.run(row.senderId, senderBalance);
      this.writeRoom(room);
      this.stmts.setSetting.run('wallet.seq', String(Number(row.entryId.slice(1))));
      if (receipt) {
        this.stmts.pruneReceipts.run(receipt.at - RECEIPT_TTL_MS);
        this.stmts.addReceipt.run(
          receipt.userId,
          receipt.requestId,
          receipt.command,
          JSON.stringify(receipt.answer),
          receipt.at,
        );
      }
      return this.reserve(room);
    })();
    this.reserved.set(room.info.roomId, reservation);
  }

  receipt(userId: string, requestId: string, now: number): Receipt | undefined {
    const row = this.stmts.getReceipt.get(userId, requestId, now - RECEIPT_TTL_MS) as
      { command: string; answer: string; created_at: number } | undefined;
    return row
      ? {
          userId,
          requestId,
          command: row.command,
          answer: JSON.parse(row.answer) as Receipt['answer'],
          at: row.created_at,
        }
      : undefined;
  }

  counters(roomId: string): RoomCounters | undefined {
    const row = this.stmts.getCounters.get(roomId) as
      { version: number; message_seq: number; request_seq: number; entry_seq: number } | undefined;
    return row
      ? { version: row.version, messageSeq: row.message_seq, requestSeq: row.request_seq, entrySeq: row.entry_seq }
      : undefined;
  }

  balanceOf(userId: string): number | undefined {
    return this.stmts.getBalance.get(userId) as number | undefined;
  }

  /**
   * Ledger rows, newest first, filtered by a user (sender or receiver) and/or a room: a page and the total,
   * answered by SQLite from its indexes, so neither the engine nor REST ever holds the ledger.
   */
  ledger(query: { userId?: string; roomId?: string; offset: number; limit: number }): {
    total: number;
    rows: LedgerRow[];
  } {
    const where: string[] = [];
    const params: Record<string, string | number> = { offset: query.offset, limit: query.limit };
    if (query.userId !== undefined) {
      where.push('(sender_id = @userId OR receiver_id = @userId)');
      params['userId'] = query.userId;
    }
    if (query.roomId !== undefined) {
      where.push('room_id = @roomId');
      params['roomId'] = query.roomId;
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare(`SELECT COUNT(*) FROM ledger ${filter}`).pluck().get(params) as number;
    const rows = (
      this.db
        .prepare(`SELECT * FROM ledger ${filter} ORDER BY rowid DESC LIMIT @limit OFFSET @offset`)
        .all(params) as Record<string, unknown>[]
    ).map((r): LedgerRow => ({
      entryId: r['entry_id'] as string,
      roomId: r['room_id'] as string,
      senderId: r['sender_id'] as string,
      receiverId: r['receiver_id'] as string,
      giftId: r['gift_id'] as string,
      count: r['count'] as number,
      unitPrice: r['unit_price'] as number,
      amount: r['amount'] as number,
      createdAt: r['created_at'] as number,
    }));
    return { total, rows };
  }

  balanceSet(userId: string, coins: number): void {
    this.db.transaction(() => {
      this.stmts.setBalance.run(userId, coins);
      const seq = Number((this.stmts.getSetting.get('wallet.seq') as { value: string } | undefined)?.value ?? 0);
      this.stmts.setSetting.run('wallet.seq', String(seq + 1));
    })();
  }

  toppedUp(row: LedgerRow, balance: number, requestId?: string): void {
    this.db.transaction(() => {
      this.stmts.addTopUp.run({ ...row, requestId: requestId ?? null });
      this.stmts.setBalance.run(row.receiverId, balance);
      this.stmts.setSetting.run('wallet.seq', String(Number(row.entryId.slice(1))));
    })();
  }

  /**
   * The top-up a REST RequestId credited (its ledger row: entry, user, coins), or undefined when none did. Read by
   * the index on request_id, whatever the ledger's size.
   */
  topUpOf(requestId: string): { entryId: string; userId: string; coins: number } | undefined {
    const row = this.stmts.topUpOf.get(requestId) as
      { entry_id: string; receiver_id: string; amount: number } | undefined;
    return row ? { entryId: row.entry_id, userId: row.receiver_id, coins: row.amount } : undefined;
  }

  followChanged(followerId: string, userId: string, follow: boolean): void {
    if (follow) this.stmts.follow.run(followerId, userId, Date.now());
    else this.stmts.unfollow.run(followerId, userId);
  }

  profileSaved(profile: UserProfile): void {
    this.stmts.saveProfile.run(profile.userId, profile.userName, profile.avatarUrl, profile.level);
  }

  catalogSaved(catalog: readonly Gift[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM catalog').run();
      const insert = this.db.prepare('INSERT INTO catalog (position, gift) VALUES (?, ?)');
      catalog.forEach((gift, i) => insert.run(i, JSON.stringify(gift)));
    })();
  }

  setting(key: string): string | undefined {
    return (this.stmts.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string | null): void {
    if (value === null) this.stmts.delSetting.run(key);
    else this.stmts.setSetting.run(key, value);
  }

  private writeRoom(room: RoomState): void {
    const stored: StoredRoom = {
      version: room.version,
      status: room.status,
      info: room.info,
      seats: room.seats,
      admins: room.admins,
      bans: room.bans,
      mutes: room.mutes,
      likes: room.likes,
      gifts: room.gifts,
      viewCount: room.viewCount,
      entrySeq: room.entrySeq,
      requestSeq: room.requestSeq,
      messageSeq: room.messageSeq,
      limits: room.limits,
    };
    this.stmts.saveRoom.run(room.info.roomId, room.status, JSON.stringify(stored), Date.now());
  }

  /**
   * Inside the change's transaction: the reservation that covers `room`'s counters, written if the committed one
   * does not. The caller records it only after the commit, so a rolled-back write is never taken as reserved.
   */
  private reserve(room: RoomState): RoomCounters {
    const held = this.reserved.get(room.info.roomId);
    if (held && !beyond(room, held)) return held;
    const next: RoomCounters = {
      version: room.version + COUNTER_BLOCK,
      messageSeq: room.messageSeq + COUNTER_BLOCK,
      requestSeq: room.requestSeq + COUNTER_BLOCK,
      entrySeq: room.entrySeq + COUNTER_BLOCK,
    };
    this.stmts.saveCounters.run(room.info.roomId, next.version, next.messageSeq, next.requestSeq, next.entrySeq);
    return next;
  }

  /**
   * What the engine starts from after a restart. Live rooms come back with their settings, admins, bans, mutes,
   * totals and barrage history. Seats are restored too, but their occupants are offline with a fresh seat lease:
   * whoever reconnects within the lease keeps the seat, the rest are released and everyone is told. Pending
   * requests and plain listeners are not restored: they reconnect and rejoin.
   */
  load(now: number): { initial: EngineInitialState; catalog: Gift[] | null } {
    const profiles = (
      this.db.prepare('SELECT user_id, user_name, avatar_url, level FROM profiles').all() as {
        user_id: string;
        user_name: string;
        avatar_url: string;
        level: number;
      }[]
    ).map((p): UserProfile => ({ userId: p.user_id, userName: p.user_name, avatarUrl: p.avatar_url, level: p.level }));

    const rooms: RoomState[] = [];
    // Ended rooms stay on disk (a reused ID continues their version) but not in memory.
    const rows = this.db.prepare("SELECT state FROM rooms WHERE status = 'live'").all() as { state: string }[];
    const barrageOf = this.db.prepare('SELECT message FROM barrage WHERE room_id = ? ORDER BY seq');
    for (const row of rows) {
      const saved = JSON.parse(row.state) as StoredRoom;
      const stored = withCounters(saved, this.counters(saved.info.roomId));
      rooms.push(
        restoreRoom(
          stored,
          (barrageOf.all(stored.info.roomId) as { message: string }[]).map(
            (m) => JSON.parse(m.message) as BarrageMessage,
          ),
          now,
        ),
      );
    }

    // User IDs may be `constructor` or `__proto__`: every user-keyed record is a null-prototype object.
    const following = emptyRecord<string[]>();
    const fans = emptyRecord<number>();
    for (const f of this.db.prepare('SELECT follower_id, user_id FROM follows ORDER BY created_at').all() as {
      follower_id: string;
      user_id: string;
    }[]) {
      const mine = entry(following, f.follower_id) ?? [];
      mine.push(f.user_id);
      following[f.follower_id] = mine;
      fans[f.user_id] = (entry(fans, f.user_id) ?? 0) + 1;
    }
    const follows: FollowState = { following, fans };

    // Balances and the ledger stay in SQLite (read per user, queried per page): start-up does not grow with them.
    // Without the setting (an old data directory), the highest rowid bounds the rows ever written: a key lookup, not a count.
    const walletSeq = Number(
      this.setting('wallet.seq') ??
        (this.db.prepare('SELECT MAX(rowid) FROM ledger').pluck().get() as number | null) ??
        0,
    );

    const catalogRows = this.db.prepare('SELECT gift FROM catalog ORDER BY position').all() as { gift: string }[];
    const catalog = catalogRows.length ? catalogRows.map((r) => JSON.parse(r.gift) as Gift) : null;
    return { initial: { rooms, walletSeq, follows, profiles }, catalog };
  }
}

function beyond(a: RoomCounters, reserved: RoomCounters): boolean {
  return (
    a.version > reserved.version ||
    a.messageSeq > reserved.messageSeq ||
    a.requestSeq > reserved.requestSeq ||
    a.entrySeq > reserved.entrySeq
  );
}

/**
 * The room row as of its last durable change, continued after its counters' reservation (numbers up to it may
 * have been used). The version moves one further: the restored room (members offline, seats leased) is not a
 * state clients saw under any earlier version, and a version names one state.
 */
function withCounters(stored: StoredRoom, counters: RoomCounters | undefined): StoredRoom {
  const c = counters ?? stored;
  return {
    ...stored,
    version: Math.max(stored.version, c.version) + 1,
    messageSeq: Math.max(stored.messageSeq, c.messageSeq),
    requestSeq: Math.max(stored.requestSeq, c.requestSeq),
    entrySeq: Math.max(stored.entrySeq, c.entrySeq),
  };
}

function durableChanged(a: RoomState, b: RoomState): boolean {
  return (
    a.status !== b.status ||
    a.info !== b.info ||
    a.seats !== b.seats ||
    a.admins !== b.admins ||
    a.bans !== b.bans ||
    a.mutes !== b.mutes ||
    a.likes !== b.likes ||
    a.gifts !== b.gifts ||
    a.limits !== b.limits
  );
}

function restoreRoom(stored: StoredRoom, barrage: BarrageMessage[], now: number): RoomState {
  let members = emptyMap<Member>();
  const leases = emptyRecord<number>();
  const recent: string[] = [];
  let seq = stored.entrySeq;
  const seats: Seat[] = stored.seats.map((seat) => seat);
  if (stored.status === 'live') {
    for (const seat of seats) {
      if (!seat.user) continue;
      seq += 1;
      members = mapSet(members, seat.user.userId, { user: seat.user, joinedAt: now, seq, online: false });
      leases[seat.user.userId] = now + stored.limits.seatLeaseMs;
      recent.unshift(seat.user.userId);
    }
  }
  // JSON.parse made the stored records ordinary objects (with `__proto__` as an own key, if a user had that ID):
  // back to null-prototype records before any rule reads them.
  return {
    ...stored,
    seats,
    members,
    memberCount: members.size,
    recent,
    entrySeq: seq,
    leases,
    bans: recordOf(stored.bans),
    mutes: recordOf(stored.mutes),
    gifts: { ...stored.gifts, contributions: recordOf(stored.gifts.contributions) },
    requests: [],
    barrage,
    rates: emptyRecord(),
  };
}
