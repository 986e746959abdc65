import { type ReactiveController, type ReactiveControllerHost, nothing } from 'lit';
import { type Clock, type ErrorCode, type RoomError, systemClock, toRoomError } from '../../src/index.js';
import { VrCommandErrorEvent } from '../events/command-error.js';
import { errorText } from '../i18n/locale.js';

/** How long every element shows a failed command's message: one duration, so the kit's bubbles agree. */
export const ERROR_VISIBLE_MS = 6_000;

/** A failed command, as the host shows it. */
export interface CommandFailure {
  /** The busy key the command ran under. */
  readonly key: string;
  readonly code: ErrorCode;
  /** The documented message for `code` in the locale of the moment it failed. */
  readonly message: string;
  readonly error: RoomError;
}

/** What anything thrown by `key`'s work becomes on screen: its RoomError code and the documented message. */
export function commandFailure(key: string, caught: unknown): CommandFailure {
  const error = toRoomError(caught);
  return { key, code: error.code, message: errorText(error.code), error };
}

export interface IntentRun<T> {
  /**
   * The cancelable `vr-*` intent to dispatch from the host first (built lazily, so nothing is built for a run that
   * returns early). A listener's `preventDefault()` ends the run before the command; null dispatches nothing.
   */
  readonly intent?: (() => Event | null) | undefined;
  /** The room command; null for intents without a default action (the run then only dispatches). */
  readonly command: (() => Promise<T>) | null;
  /** After the failure is shown and `vr-command-error` fired: an element's own legacy event, say. */
  readonly onError?: ((failure: CommandFailure) => void) | undefined;
  /**
   * `sticky` keeps the message until the next run or `dismiss()` (a failure the user must retry); `silent` shows
   * nothing (the element reports it its own way) but still fires `vr-command-error`. Default: shown for ERROR_VISIBLE_MS.
   */
  readonly show?: 'timed' | 'sticky' | 'silent' | undefined;
}

export type RunOutcome<T> =
  | { readonly status: 'prevented' }
  | { readonly status: 'complete'; readonly value: T | undefined }
  | { readonly status: 'error'; readonly failure: CommandFailure };

type Host = ReactiveControllerHost & EventTarget;

/**
 * The one path from a user's intent to a room command, modelled on `@lit/task`: dispatch the cancelable intent, run
 * the command unless a listener prevented it, keep its key busy meanwhile, and on failure show the documented
 * message for ERROR_VISIBLE_MS and fire one `vr-command-error`. Every change requests a host update.
 *
 * Busy here is this client's own in-flight commands; what other clients have pending comes from the store
 * (`pending$`), which elements still read for that.
 */
export class IntentController implements ReactiveController {
  readonly #host: Host;
  readonly #clock: () => Clock;
  readonly #running = new Map<string, number>();
  #failure: CommandFailure | null = null;
  #timer: { clock: Clock; handle: unknown } | undefined;
  #connected = false;

  /** `clock` times the message (a test's manual clock); the page's timers by default. */
  constructor(host: Host, options: { clock?: () => Clock } = {}) {
    this.#host = host;
    this.#clock = options.clock ?? (() => systemClock);
    host.addController(this);
  }

  /** The failure on show, or null. */
  get error(): CommandFailure | null {
    return this.#failure;
  }

  /** A command under `key` (or, without a key, any command) is in flight. */
  busy(key?: string): boolean {
    return key === undefined ? this.#running.size > 0 : this.#running.has(key);
  }

  /**
   * Dispatches the intent and, unless prevented, runs the command with `key` busy. Never rejects: a failure is
   * shown, fired as `vr-command-error` and returned.
   */
  async run<T>(key: string, { intent, command, onError, show = 'timed' }: IntentRun<T>): Promise<RunOutcome<T>> {
    this.dismiss();
    const event = intent?.() ?? null;
    if (event && !this.#host.dispatchEvent(event)) return { status: 'prevented' };
    if (!command) return { status: 'complete', value: undefined };
    this.#mark(key, 1);
    try {
      return { status: 'complete', value: await command() };
    } catch (caught) {
      const failure = commandFailure(key, caught);
      if (show !== 'silent') this.showFailure(failure, show === 'timed');
      this.#host.dispatchEvent(new VrCommandErrorEvent({ key, code: failure.code, message: failure.message }));
      onError?.(failure);
      return { status: 'error', failure };
    } finally {
      this.#mark(key, -1);
    }
  }

  /** Shows a failure that did not come from `run` (a search, a load) the same way, without firing an event. */
  showFailure(failure: CommandFailure, timed = true): void {
    // A command that fails after its element left the page has nobody to show it to, and must not leave a timer.
    if (!this.#connected) return;
    this.#stopTimer();
    this.#failure = failure;
    if (timed) {
      const clock = this.#clock();
      this.#timer = { clock, handle: clock.setTimeout(() => this.dismiss(), ERROR_VISIBLE_MS) };
    }
    this.#host.requestUpdate();
  }

  /** Hides the message now (a new action, a close button: a function of its own, so a button can take it). */
  readonly dismiss = (): void => {
    this.#stopTimer();
    if (this.#failure === null) return;
    this.#failure = null;
    this.#host.requestUpdate();
  };

  /** Like `Task.render`: the `error` template while a failure shows, else `nothing`. */
  render(templates: { error: (failure: CommandFailure) => unknown }): unknown {
    return this.#failure ? templates.error(this.#failure) : nothing;
  }

  hostConnected(): void {
    this.#connected = true;
  }

  /** A detached element keeps no timer; its message is gone when it comes back. */
  hostDisconnected(): void {
    this.#connected = false;
    this.#stopTimer();
    this.#failure = null;
  }

  #mark(key: string, delta: 1 | -1): void {
    const count = (this.#running.get(key) ?? 0) + delta;
    if (count > 0) this.#running.set(key, count);
    else this.#running.delete(key);
    this.#host.requestUpdate();
  }

  #stopTimer(): void {
    this.#timer?.clock.clearTimeout(this.#timer.handle);
    this.#timer = undefined;
  }
}
