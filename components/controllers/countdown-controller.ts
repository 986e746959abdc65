import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Counts whole seconds down on screen, then calls `done` once: a notice that acts by itself unless someone acts
 * first. Every second requests a host update; a host that leaves the page stops the count.
 */
export class CountdownController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;
  #remaining: number | null = null;
  /** The count started for the current stretch of `follow(true, …)`: it does not start again until that ends. */
  #ran = false;

  readonly #host: ReactiveControllerHost;
  readonly #done: () => void;

  constructor(host: ReactiveControllerHost, done: () => void) {
    this.#host = host;
    this.#done = done;
    host.addController(this);
  }

  /** Seconds left, or null while no count runs. */
  get left(): number | null {
    return this.#remaining;
  }

  /**
   * Counts once per stretch of `active` (from `seconds`, when positive), and stops the count when `active` ends. A
   * count that was stopped (someone acted first) does not start again until the next stretch.
   */
  follow(active: boolean, seconds: number): void {
    if (active && !this.#ran && seconds > 0 && this.#remaining === null) {
      // From `seconds`, rounded up; no count runs now (`#remaining` is null), so none to replace.
      this.#ran = true;
      this.#remaining = Math.ceil(seconds);
      this.#timer = setInterval(() => {
        const left = (this.#remaining ?? 1) - 1;
        if (left > 0) {
          this.#remaining = left;
          this.#host.requestUpdate();
          return;
        }
        this.stop();
        this.#done();
      }, 1_000);
      this.#host.requestUpdate();
    } else if (!active) {
      this.#ran = false;
      this.stop();
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#remaining === null) return;
    this.#remaining = null;
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }
}
