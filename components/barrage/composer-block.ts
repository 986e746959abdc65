import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock } from '../../src/index.js';

/** `m:ss` (or `h:mm:ss`): short, unambiguous in every locale, and it ticks visibly. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The two blocks of the composer that run on time: my mute, whose time left ticks on screen every second, and the
 * cooldown after the server refused a message as too fast. A host that leaves the page keeps no timer.
 */
export class ComposerBlockController implements ReactiveController {
  #limited = false;
  /** The cooldown's timer, with the clock that armed it (the room's, so tests drive it with their manual clock). */
  #rateTimer: { clock: Clock; handle: unknown } | undefined;
  #muteBase: { until: number; roomNow: number; at: number } | null = null;
  #muteTicker: ReturnType<typeof setInterval> | undefined;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The cooldown runs: the composer says so and sends nothing. */
  get rateLimited(): boolean {
    return this.#limited;
  }

  /** Starts (or restarts) the cooldown of `ms` on `clock`. */
  startCooldown(clock: Clock, ms: number): void {
    this.#setLimited(true);
    this.#stopCooldown();
    this.#rateTimer = { clock, handle: clock.setTimeout(() => this.#setLimited(false), ms) };
  }

  /**
   * Follows my mute (`until`: the room's time it ends), called on each host update. The room's clock may not be the
   * page's (tests use a manual clock; a server's differs by skew), so the time left is measured from the room's
   * `roomNow()` at the moment the mute arrived, plus page time elapsed since.
   */
  trackMute(muted: boolean, until: number, roomNow: () => number): void {
    if (muted && this.#muteBase?.until !== until) this.#muteBase = { until, roomNow: roomNow(), at: performance.now() };
    if (!muted) this.#muteBase = null;
    if (muted && this.#muteTicker === undefined)
      this.#muteTicker = setInterval(() => this.#host.requestUpdate(), 1_000);
    if (!muted && this.#muteTicker !== undefined) this.#stopTicker();
  }

  /** Milliseconds left of my mute (0 when not muted). */
  muteRemaining(): number {
    const base = this.#muteBase;
    if (!base) return 0;
    return base.until - (base.roomNow + (performance.now() - base.at));
  }

  hostDisconnected(): void {
    this.#stopTicker();
    this.#stopCooldown();
    this.#limited = false;
  }

  #setLimited(limited: boolean): void {
    this.#limited = limited;
    this.#host.requestUpdate();
  }

  #stopCooldown(): void {
    this.#rateTimer?.clock.clearTimeout(this.#rateTimer.handle);
    this.#rateTimer = undefined;
  }

  #stopTicker(): void {
    clearInterval(this.#muteTicker);
    this.#muteTicker = undefined;
  }
}
