import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Follows the OS's `prefers-reduced-motion: reduce` while its element is on the page, updating it on a change. */
export class ReducedMotionController implements ReactiveController {
  /** The OS asks for reduced motion. */
  matches = false;
  #media: MediaQueryList | undefined;

  readonly #host: ReactiveControllerHost & Element;

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#media = this.#host.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)');
    this.#media?.addEventListener('change', this.#onChange);
    this.#set(this.#media?.matches ?? false);
  }

  hostDisconnected(): void {
    this.#media?.removeEventListener('change', this.#onChange);
    this.#media = undefined;
  }

  readonly #onChange = (event: MediaQueryListEvent) => this.#set(event.matches);

  #set(matches: boolean): void {
    if (matches === this.matches) return;
    this.matches = matches;
    this.#host.requestUpdate();
  }
}
