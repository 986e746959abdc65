import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/** An observable, or a getter for one so the source can follow a host property such as `.room`. */
export type StoreSource<T> = Observable<T> | (() => Observable<T> | undefined) | undefined;

/**
 * Renders a host from an observable: `value` holds the latest emission and every emission requests an
 * update. The subscription lives exactly as long as the host is connected, so an element removed from
 * the page never keeps a room's store (and through it the backend) alive.
 */
export class StoreController<T> implements ReactiveController {
  /** The latest emitted value, or the initial value until the source emits. */
  value: T;

  readonly #host: ReactiveControllerHost;
  readonly #initialValue: T;
  #source: StoreSource<T>;
  #subscription: Subscription | undefined;
  #connected = false;

  /**
   * Without `onValue`, every emission stores `value` and re-renders the host. With it, emissions go to the callback
   * instead and the host is not re-rendered (a stream that feeds a child directly, like the seat levels).
   */
  readonly #onValue: ((value: T) => void) | undefined;

  constructor(host: ReactiveControllerHost, source: StoreSource<T>, initialValue: T, onValue?: (value: T) => void) {
    this.#host = host;
    this.#onValue = onValue;
    this.#source = source;
    this.value = initialValue;
    this.#initialValue = initialValue;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  /**
   * Switches to another source (for example when the host's `.room` changes). While connected the old
   * subscription is dropped first, so two rooms never write into one element.
   */
  setSource(source: StoreSource<T>): void {
    this.#source = source;
    if (this.#connected) {
      this.#unsubscribe();
      this.#subscribe();
    }
  }

  /** Re-evaluates a getter source; call it after the property the getter reads has changed. */
  refresh(): void {
    this.setSource(this.#source);
  }

  /**
   * Forgets the latest value and re-subscribes: for a source that now points at another room, whose state
   * must not be shown with the previous room's value in between (or forever, if the new source is undefined).
   */
  reset(): void {
    this.value = this.#initialValue;
    this.refresh();
    this.#host.requestUpdate();
  }

  #subscribe(): void {
    const observable = typeof this.#source === 'function' ? this.#source() : this.#source;
    if (observable === undefined) return;
    const onValue = this.#onValue;
    this.#subscription = observable.subscribe((value) => {
      this.value = value;
      if (onValue) onValue(value);
      else this.#host.requestUpdate();
    });
  }

  #unsubscribe(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}
