/**
 * How far the room authority's clock runs ahead of this client's (ms; negative = behind), from the `at` stamps on
 * event batches. Every sample is the true offset minus that batch's delivery delay, so the largest of the recent
 * samples is the best estimate (the most promptly delivered batch). Offsets within a second are network noise and
 * count as zero, so clients on a shared or well-synced clock see exactly the deadlines they are sent.
 */
export class ClockOffset {
  readonly #samples: number[] = [];

  readonly #window: number;
  readonly #noiseMs: number;

  constructor(window = 16, noiseMs = 1_000) {
    this.#window = window;
    this.#noiseMs = noiseMs;
  }

  /** One batch stamped `authorityAt` arrived at `localNow`. */
  sample(authorityAt: unknown, localNow: number): void {
    if (typeof authorityAt !== 'number' || !Number.isFinite(authorityAt)) return;
    this.#samples.push(authorityAt - localNow);
    if (this.#samples.length > this.#window) this.#samples.shift();
  }

  get value(): number {
    if (this.#samples.length === 0) return 0;
    const best = Math.max(...this.#samples);
    return Math.abs(best) < this.#noiseMs ? 0 : best;
  }
}
