import type { Clock } from '../model/clock.js';
import { takeLikes } from '../rules/likes.js';
import { likesSent, likesSettled, tapLikes } from './room-reducers.js';
import type { RoomViewState } from './room-state.js';
import type { Store } from './store.js';

/** Taps waiting to be sent that go out at once instead of waiting for the timer. */
const FLUSH_AT_TAPS = 100;

/**
 * My likes: a tap counts at once (the store's `myLikes`, which `likes$` adds to the room's total) and taps go to the
 * server in batches, one `like.send` per flush interval or per 100 taps. Sent likes stay counted as in flight until
 * the batch that counts them is applied, or the send fails.
 */
export class LikeBatcher {
  #timer: unknown = null;
  /** Versions of applied batches that counted my likes, so a flush knows whether its event reached the store. */
  readonly #countedVersions = new Set<number>();

  readonly #store: Store<RoomViewState>;
  readonly #clock: Clock;
  readonly #flushMs: number;
  /** Sends `count` likes; resolves with the version of the batch that counts them, if the backend says. */
  readonly #send: (count: number) => Promise<{ readonly version?: number }>;

  constructor(
    store: Store<RoomViewState>,
    clock: Clock,
    flushMs: number,
    send: (count: number) => Promise<{ readonly version?: number }>,
  ) {
    this.#store = store;
    this.#clock = clock;
    this.#flushMs = flushMs;
    this.#send = send;
  }

  /** Counts `taps` taps now and schedules their sending (only while live in the room). */
  tap(taps: number): void {
    if (this.#store.value.phase !== 'live') return;
    this.#store.update(tapLikes(this.#clock.now(), taps));
    if (this.#store.value.myLikes.batch.pending >= FLUSH_AT_TAPS) void this.flush();
    else if (this.#timer === null) this.#timer = this.#clock.setTimeout(() => void this.flush(), this.#flushMs);
  }

  /** Sends whatever taps are waiting; resolves when the server counted them (or refused). */
  async flush(): Promise<void> {
    this.cancel();
    const { send, batch } = takeLikes(this.#store.value.myLikes.batch, this.#clock.now());
    if (send === 0) return;
    this.#store.update(likesSent(batch, send));
    try {
      const { version } = await this.#send(send);
      // A resync snapshot that already includes these likes skips the event that would have taken them off
      // inFlight; without this they would stay counted twice.
      if (version !== undefined && !this.#countedVersions.delete(version)) this.#store.update(likesSettled(send));
    } catch {
      // The server never counted these; stop showing them. The error already went to error$.
      this.#store.update(likesSettled(send));
    }
    if (this.#store.value.myLikes.batch.pending > 0 && this.#timer === null) {
      this.#timer = this.#clock.setTimeout(() => void this.flush(), this.#flushMs);
    }
  }

  /** The batch at `version` counted likes of mine (the store took them off in flight as it applied it). */
  counted(version: number): void {
    this.#countedVersions.add(version);
  }

  /** No more sending on the timer (leaving the room, disposing it). */
  cancel(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
