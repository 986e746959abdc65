import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A value that shows for a while and then goes by itself: a note about something that happened to me, a request's
 * outcome in a live region. Showing another one restarts the time; every change requests a host update, and a host
 * that leaves the page keeps no timer (the value is gone when it comes back).
 */
export class TransientController<T> implements ReactiveController {
  #current: T | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The value on show, or null. */
  get value(): T | null {
    return this.#current;
  }

  /** Shows `value` for `ms` milliseconds, replacing whatever showed. */
  show(value: T, ms: number): void {
    clearTimeout(this.#timer);
    this.#current = value;
    this.#timer = setTimeout(() => this.clear(), ms);
    this.#host.requestUpdate();
  }

  /** Hides the value now (a close button, another room: a function of its own, so a button can take it). */
  readonly clear = (): void => {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#current === null) return;
    this.#current = null;
    this.#host.requestUpdate();
  };

  hostDisconnected(): void {
    this.clear();
  }
}
