import type { ReactiveController, ReactiveElement } from 'lit';

// The community Context Protocol
// (https://github.com/webcomponents-cg/community-protocols/blob/main/proposals/context.md), as much of it as the kit
// uses: `<vr-room>` provides its room and every `VrElement` consumes it. It replaces @lit/context, whose provider,
// consumer, value notifier and event classes were ~640 B gzip of the kit's initial load for this one context
// (issue 14). It speaks the same events, so a consumer or provider written with @lit/context (or any other
// implementation of the protocol) and the exported `roomContext` works with the kit's elements.

/**
 * A context key typed with its value: @lit/context's `Context` shape, so each side accepts the other's keys (a key is
 * made by a cast, as @lit/context's `createContext` does).
 */
export type Context<K, V> = K & { __context__: V };

type Callback = (value: unknown, unsubscribe?: () => void) => void;

/**
 * The protocol's `context-request` (all fields) and `context-provider` (`context`, `contextTarget`) events. Plain
 * events with the fields assigned: providers and consumers read the fields, never the class.
 */
interface ContextEvent extends Event {
  readonly context: unknown;
  /** The consumer (or the new provider); older consumers leave it out, then it is the event's first target. */
  readonly contextTarget?: Element;
  readonly callback: Callback;
  readonly subscribe?: boolean;
}

function dispatch(target: Element, type: string, fields: Partial<ContextEvent>): void {
  target.dispatchEvent(Object.assign(new Event(type, { bubbles: true, composed: true }), fields));
}

/** The element behind `event` if the event is about `context` and not from `host` (which provides what it consumes). */
function sender(event: Event, context: unknown, host: Element): Element | undefined {
  const { context: asked, contextTarget = event.composedPath()[0] as Element } = event as ContextEvent;
  return asked === context && contextTarget !== host ? contextTarget : undefined;
}

/**
 * Receives `context` from the nearest provider above its host while the host is connected, and re-renders the host
 * on each value. A consumer no provider answered (its provider is defined later, or not on the page yet) asks
 * again when a provider of the context announces itself (`context-provider`) anywhere in its document.
 */
export class ContextConsumer<V> implements ReactiveController {
  /** The provided value; undefined while no provider answered since the host last connected. */
  value: V | undefined;

  readonly #host: ReactiveElement;
  readonly #context: Context<unknown, V>;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveElement, context: Context<unknown, V>) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  hostConnected(): void {
    // Not the value from before: moved out from under every provider, the host has none.
    this.value = undefined;
    this.#host.ownerDocument.addEventListener('context-provider', this.#retry);
    this.#request();
  }

  hostDisconnected(): void {
    this.#host.ownerDocument.removeEventListener('context-provider', this.#retry);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #request(): void {
    dispatch(this.#host, 'context-request', {
      context: this.#context,
      contextTarget: this.#host,
      callback: this.#receive,
      subscribe: true,
    });
  }

  // One function for the host's life: a provider keys its subscriptions by it.
  readonly #receive: Callback = (value, unsubscribe) => {
    this.#host.ownerDocument.removeEventListener('context-provider', this.#retry);
    // Another unsubscribe is another provider (a nearer one appeared): leave the old one.
    if (unsubscribe !== this.#unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    this.value = value as V;
    this.#host.requestUpdate();
  };

  readonly #retry = (event: Event): void => {
    if (sender(event, this.#context, this.#host)) this.#request();
  };
}

/**
 * Provides `context` to the host's descendants (through shadow roots and slots): answers their requests with
 * `value`, and calls every subscriber again when it changes. Connecting, it announces itself, so a provider above
 * hands the subscriptions of the host's descendants over to it.
 */
export class ContextProvider<V> implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #context: Context<unknown, V>;
  #value: V | undefined;
  readonly #subscribers = new Map<Callback, [consumer: Element, unsubscribe: () => void]>();

  constructor(host: ReactiveElement, context: Context<unknown, V>) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
    host.addEventListener('context-request', this.#answer);
    host.addEventListener('context-provider', this.#handOver);
  }

  setValue(value: V | undefined): void {
    if (Object.is(value, this.#value)) return;
    this.#value = value;
    for (const [callback, [, unsubscribe]] of this.#subscribers) callback(value, unsubscribe);
  }

  hostConnected(): void {
    dispatch(this.#host, 'context-provider', { context: this.#context, contextTarget: this.#host });
  }

  readonly #answer = (event: Event): void => {
    const consumer = sender(event, this.#context, this.#host);
    if (!consumer) return;
    event.stopPropagation();
    const { callback, subscribe } = event as ContextEvent;
    let unsubscribe: (() => void) | undefined;
    // Without `subscribe`, the value once and no unsubscribe: the consumer gets no later values.
    if (subscribe) {
      unsubscribe = this.#subscribers.get(callback)?.[1] ?? (() => this.#subscribers.delete(callback));
      this.#subscribers.set(callback, [consumer, unsubscribe]);
    }
    callback(this.#value, unsubscribe);
  };

  // A provider connected below the host: each subscriber asks again, and the ones under it get their value there.
  readonly #handOver = (event: Event): void => {
    if (!sender(event, this.#context, this.#host)) return;
    event.stopPropagation();
    for (const [callback, [consumer]] of this.#subscribers)
      dispatch(consumer, 'context-request', {
        context: this.#context,
        contextTarget: consumer,
        callback,
        subscribe: true,
      });
  };
}
