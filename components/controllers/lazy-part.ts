import type { CSSResult, ReactiveController, ReactiveElement } from 'lit';
import { retryWhenBack, whenIdle } from '../base/lazy-elements.js';

/** A module with a part of an element's template (a panel that opens on demand) and the styles it needs. */
export interface PartModule {
  readonly styles: CSSResult;
}

const modules = new WeakMap<() => Promise<PartModule>, Promise<PartModule>>();

/**
 * A region of an element that most people never open (the audience panel), kept out of the kit's initial load
 * (issue 14): its module is imported the first time `load()` is called, its styles join the element's shadow root
 * then, and the host updates. Until `module` is there, the host renders a loading state in its place.
 *
 * A host that shows something meanwhile which the part would complete (a prompt or note that is due, notices in words
 * alone) passes `again`: after a failed fetch, the part is fetched again at the next sign the network is back (see
 * `retryWhenBack`) if `again()` still says it is wanted. Without it a failure waits for the host to ask again.
 */
export class LazyPart<M extends PartModule> implements ReactiveController {
  /** The loaded module, once it arrived. */
  module: M | undefined;
  /** The last fetch that failed (cleared by the next try), for the host to show with a way to try again. */
  error: unknown = null;
  #started = false;
  #fetching = false;
  /** Cancels the idle fetch while one is scheduled. */
  #cancelIdle: (() => void) | undefined;
  #idleDone = false;

  readonly #host: ReactiveElement;
  readonly #importer: () => Promise<M>;
  readonly #again: (() => boolean) | undefined;

  constructor(host: ReactiveElement, importer: () => Promise<M>, again?: () => boolean) {
    this.#host = host;
    this.#importer = importer;
    this.#again = again;
    host.addController(this);
  }

  /** Fetches the part (once per page); resolves when it renders in this host. */
  async load(): Promise<M> {
    if (this.module) return this.module;
    let loading = modules.get(this.#importer) as Promise<M> | undefined;
    if (!loading) {
      loading = this.#importer();
      modules.set(this.#importer, loading);
      // Offline for a moment: the next open tries again.
      loading.catch(() => modules.delete(this.#importer));
    }
    this.#started = true;
    const module = await loading;
    if (!this.module) {
      adopt(this.#host, module.styles);
      this.module = module;
      this.#host.requestUpdate();
    }
    return module;
  }

  /** True while the module is on its way. */
  get loading(): boolean {
    return this.#fetching;
  }

  /**
   * Fetches the part unless it is there or on its way: resolves true once it renders, false if the fetch failed
   * (`error` holds why, and the host updates to show it). The next call tries again, and so does the network coming
   * back while the host's `again()` holds.
   */
  async fetch(): Promise<boolean> {
    if (this.module) return true;
    if (this.#fetching) return false;
    this.#fetching = true;
    // This fetch is the one the idle prefetch would have made: if it fails, the idle one must not try again later
    // (only a reason, such as the user's next action or the network coming back, asks again).
    this.#cancelIdle?.();
    this.#cancelIdle = undefined;
    this.#idleDone = true;
    if (this.error !== null) {
      this.error = null;
      this.#host.requestUpdate(); // "Try again": the loading state again while it is on its way
    }
    try {
      await this.load();
      return true;
    } catch (error) {
      this.error = error;
      this.#host.requestUpdate();
      // Never at once (offline, that would loop); a host off the page asks again itself when it comes back.
      if (this.#again) retryWhenBack(this.#retry);
      return false;
    } finally {
      this.#fetching = false;
    }
  }

  /**
   * The retry `retryWhenBack` runs after a failed fetch: one function per part, so a part that failed several times
   * before the network came back (each new message retrying the pill, say) is asked for once, not once per failure.
   */
  readonly #retry = (): void => {
    if (this.#again?.() && this.#host.isConnected) void this.fetch();
  };

  /**
   * Fetches the part ahead of its first use, once the browser has nothing better to do (at the latest a few seconds
   * later), unless `wanted()` says by then that it no longer is. Once per connection; leaving the page cancels it.
   */
  prefetchWhenIdle(wanted: () => boolean = () => true): void {
    // Not for a host off the page: an update still pending when it was removed runs after its hostDisconnected, and
    // an idle fetch scheduled then had nothing left to cancel it (it then fetched for a page that no longer had it).
    if (this.module || this.#cancelIdle || this.#idleDone || !this.#host.isConnected) return;
    const run = () => {
      this.#cancelIdle = undefined;
      this.#idleDone = true;
      if (wanted() && this.#host.isConnected) void this.fetch();
    };
    this.#cancelIdle = whenIdle(run);
  }

  /** An idle fetch is scheduled and has not run yet (a pending timer, for the host's own bookkeeping). */
  get prefetchPending(): boolean {
    return this.#cancelIdle !== undefined;
  }

  hostDisconnected(): void {
    this.#cancelIdle?.();
    this.#cancelIdle = undefined;
    this.#idleDone = false;
  }

  hostConnected(): void {
    // A host whose part was asked for before it was (re)attached gets it: the styles live on its shadow root. Through
    // `fetch()`, so a failure lands in `error` for the host (its fallback, "Try again"), not in an unhandled rejection.
    if (this.#started && !this.module) void this.fetch();
  }
}

/** Adds `styles` after the element's own, as Lit's `static styles` would have. */
function adopt(host: ReactiveElement, styles: CSSResult): void {
  const root = host.renderRoot;
  if (!(root instanceof ShadowRoot)) return;
  const sheet = styles.styleSheet;
  if (sheet) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // No constructable style sheets: Lit put its own <style> elements first in the root; ours goes right after them.
  const style = document.createElement('style');
  style.textContent = styles.cssText;
  const own = root.querySelectorAll(':scope > style');
  root.insertBefore(style, own.length > 0 ? own[own.length - 1]!.nextSibling : root.firstChild);
}
