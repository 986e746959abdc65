import type { Db } from './database.js';

/**
 * Room fields the Live REST API has and the shared room model does not (the kit's clients never need them).
 * Kept per room ID together with the room's createdAt, so a room ID reused after its room ended never inherits
 * the old room's fields.
 */
export interface RoomExtras {
  readonly createdAt: number;
  readonly maxMemberCount?: number;
  /** MaxSeatCount as asked for when IsSeatEnabled was false (the room then has no seats). */
  readonly maxSeatCount?: number;
  readonly category: readonly number[];
  readonly activityStatus: number;
  readonly customInfo: string;
  readonly isUnlimitedRoomEnabled: boolean;
  /** Seat indices whose video is forbidden (lock_seat ForbidVideo): kept and reported, nothing to enforce in an audio kit. */
  readonly videoDisabled: readonly number[];
}

export function defaultExtras(createdAt: number): RoomExtras {
  return {
    createdAt,
    category: [],
    activityStatus: 0,
    customInfo: '',
    isUnlimitedRoomEnabled: false,
    videoDisabled: [],
  };
}

export interface MetadataItem {
  readonly Key: string;
  readonly Value: string;
}

/** SQLite tables behind the REST-only state: room extras and room metadata. Synchronous, like SqlitePersistence. */
export class RestRepository {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      extras: db.prepare('SELECT created_at, extras FROM room_extras WHERE room_id = ?'),
      saveExtras: db.prepare(
        'INSERT INTO room_extras (room_id, created_at, extras) VALUES (?, ?, ?) ON CONFLICT (room_id) DO UPDATE SET created_at = excluded.created_at, extras = excluded.extras',
      ),
      metadata: db.prepare('SELECT key, value FROM metadata WHERE room_id = ? ORDER BY rowid'),
      setMetadata: db.prepare(
        'INSERT INTO metadata (room_id, key, value) VALUES (?, ?, ?) ON CONFLICT (room_id, key) DO UPDATE SET value = excluded.value',
      ),
      delMetadata: db.prepare('DELETE FROM metadata WHERE room_id = ? AND key = ?'),
      clearMetadata: db.prepare('DELETE FROM metadata WHERE room_id = ?'),
    };
  }

  /**
   * The extras of the room created at `createdAt`; defaults when none were stored for that room. Read from SQLite
   * on each call (REST only): memory does not grow with every room REST ever created.
   */
  extrasOf(roomId: string, createdAt: number): RoomExtras {
    const row = this.stmts.extras.get(roomId) as { created_at: number; extras: string } | undefined;
    if (!row || row.created_at !== createdAt) return defaultExtras(createdAt);
    return {
      ...defaultExtras(row.created_at),
      ...(JSON.parse(row.extras) as Partial<RoomExtras>),
      createdAt: row.created_at,
    };
  }

  saveExtras(roomId: string, extras: RoomExtras): void {
    this.stmts.saveExtras.run(roomId, extras.createdAt, JSON.stringify(extras));
  }

  metadata(roomId: string): MetadataItem[] {
    return (this.stmts.metadata.all(roomId) as { key: string; value: string }[]).map((r) => ({
      Key: r.key,
      Value: r.value,
    }));
  }

  setMetadata(roomId: string, items: readonly MetadataItem[]): void {
    this.db.transaction(() => {
      for (const item of items) this.stmts.setMetadata.run(roomId, item.Key, item.Value);
    })();
  }

  deleteMetadata(roomId: string, keys: readonly string[]): void {
    this.db.transaction(() => {
      for (const key of keys) this.stmts.delMetadata.run(roomId, key);
    })();
  }

  clearMetadata(roomId: string): void {
    this.stmts.clearMetadata.run(roomId);
  }
}
