import type { EventBatch } from '../model/events.js';
import type { RoomSnapshot } from '../model/room.js';

/** What the sequencer orders batches for: the state they apply to, and the authority to ask for a snapshot. */
export interface SequencerHost {
  /** The version the state is at, or null before the first snapshot (batches wait until there is one). */
  readonly version: () => number | null;
  /** Applies a run of consecutive batches, continuing the current version, as one change. */
  readonly apply: (run: readonly EventBatch[]) => void;
  /** Takes a snapshot as the state. */
  readonly adopt: (snapshot: RoomSnapshot) => void;
  /** Asks the authority for the room as it is now. */
  readonly fetchSnapshot: () => Promise<RoomSnapshot>;
  /** A resync's snapshot was adopted. */
  readonly resynced: (snapshot: RoomSnapshot) => void;
  /** A resync was refused (out of the room while away: the seat lease ran out, or a kick). */
  readonly resyncFailed: (error: unknown) => void;
}

/**
 * Puts a room's versioned event batches in order (docs/architecture.md §3: versions are exact). A batch that
 * arrives early waits in a buffer, a run that continues the current version is applied as one change, old and
 * duplicate batches drop out, and a gap that stays open after a run means a resync: one snapshot request at a time
 * per connection, which the batches beyond it then continue from.
 */
export class BatchSequencer {
  #buffer: EventBatch[] = [];
  #resyncing: Promise<void> | null = null;
  /**
   * Counts connection drops. Whatever was received or asked before a drop belongs to a connection (and perhaps a
   * server process) that is gone: its buffered batches are dropped and a snapshot it asked for is not adopted.
   */
  #epoch = 0;
  #resyncEpoch = -1;
  /** Since a drop the state may belong to a server that no longer exists: batches wait for the next snapshot. */
  #stale = false;
  #closed = false;

  readonly #host: SequencerHost;

  constructor(host: SequencerHost) {
    this.#host = host;
  }

  /** Batches that arrived together (a frame of several, or one): whatever continues the room is applied as one change. */
  receive(batches: readonly EventBatch[]): void {
    if (batches.length === 0) return;
    for (const batch of batches) this.#buffer.push(batch);
    // Until there is a snapshot to continue from (joining, resyncing, back from a drop) batches wait in the buffer.
    if (this.#host.version() === null || this.#resyncing || this.#stale) return;
    this.#drain();
  }

  /**
   * Takes a snapshot as the state. A join answer never rolls the state back; a resync answer always wins
   * (`authoritative`): it was asked for after everything the store applied, so a lower version means the server
   * went back (a restart that lost its last changes, another process) and its word is the only truth left.
   * Refusing it would freeze the room until the server's versions caught up with the old ones.
   */
  adopt(snapshot: RoomSnapshot, authoritative = false): void {
    const current = this.#host.version();
    if (current !== null && snapshot.version < current && !authoritative) return;
    this.#stale = false;
    this.#host.adopt(snapshot);
    // Batches that overtook the snapshot's answer (e.g. while joining) continue from it; without this they sat in
    // the buffer until some later batch happened to arrive.
    this.#drain();
  }

  /**
   * The connection dropped: what was buffered or asked for belongs to it and is forgotten. `holdBatches`: the
   * state may belong to a server that no longer exists, so batches wait for the next snapshot (`resync()`).
   */
  disconnected(holdBatches: boolean): void {
    this.#epoch += 1;
    this.#buffer = [];
    this.#stale = holdBatches;
  }

  /** Asks for a snapshot and adopts it (one request at a time per connection); resolves once that is done. */
  resync(): Promise<void> {
    // A resync asked before the latest drop may be answered from before it (a backend resending the request with
    // its old ID gets the old answer from a cache): ask again on this connection and ignore that one.
    if (this.#resyncing && this.#resyncEpoch === this.#epoch) return this.#resyncing;
    const epoch = this.#epoch;
    const running: Promise<void> = (async () => {
      try {
        const snapshot = await this.#host.fetchSnapshot();
        if (epoch !== this.#epoch || this.#closed) return;
        this.adopt(snapshot, true);
        this.#host.resynced(snapshot);
      } catch (error) {
        if (epoch !== this.#epoch || this.#closed) return;
        this.#host.resyncFailed(error);
      } finally {
        // Only one resync runs per epoch, so a later epoch's resync is not this one's to clear.
        if (this.#resyncEpoch === epoch) this.#resyncing = null;
      }
      this.#drain();
    })();
    this.#resyncing = running;
    this.#resyncEpoch = epoch;
    return running;
  }

  /** Nothing is applied or asked for any more (the room was disposed). */
  close(): void {
    this.#closed = true;
  }

  /**
   * Applies, as one change, the buffered batches that continue the current version (older ones are dropped); a
   * batch left over after that is beyond a gap, which means a resync.
   */
  #drain(): void {
    const version = this.#host.version() ?? 0;
    const byVersion = new Map<number, EventBatch>();
    for (const b of this.#buffer) if (b.version > version) byVersion.set(b.version, b);
    const run: EventBatch[] = [];
    for (let next = byVersion.get(version + 1); next; next = byVersion.get(version + 1 + run.length)) run.push(next);
    if (run.length > 0) this.#host.apply(run);
    const applied = version + run.length;
    this.#buffer = this.#buffer.filter((b) => b.version > applied);
    if (this.#buffer.length > 0 && !this.#resyncing) void this.resync();
  }
}
