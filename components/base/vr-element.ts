import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import type { Room } from '../../src/index.js';
import { roomContext } from '../context.js';
import { ContextConsumer } from '../controllers/context.js';
import { StoreController } from '../controllers/store-controller.js';
import { LocaleController, localeReady } from '../i18n/locale.js';
import { installTokens } from '../styles/tokens.js';
import { loadElementsIn } from './lazy-elements.js';

/** `auto` (or no attribute) follows the page, or the OS when the page says nothing. */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * The base of every `vr-*` element: a `.room` that falls back to the room an ancestor `<vr-room>` provides,
 * store subscriptions that follow whichever room is current, a locale that re-renders on `setLocale()`, and the
 * design tokens installed in the element's document.
 *
 * Subclasses declare what they render from with `observe()` and never subscribe by hand, so every subscription
 * ends when the element leaves the page (the leak tests hold each element to this).
 */
export class VrElement extends LitElement {
  /** The room to render. Without one, the room provided by the nearest `<vr-room>` ancestor. */
  @property({ attribute: false }) room: Room | undefined;

  /** Forces a colour theme for this element and everything inside it; unset follows the page (or the OS). */
  @property({ reflect: true }) theme: Theme | undefined;

  protected readonly localize = new LocaleController(this);

  // Added before any subclass controller (field initialisers run base-first), so by the time the store
  // controllers subscribe in hostConnected the context has already answered. Each value re-renders the element.
  readonly #roomConsumer = new ContextConsumer(this, roomContext);

  readonly #storeControllers: StoreController<unknown>[] = [];

  // A lazy element this one renders (the room's sheet panels) is fetched when it first appears in its tree.
  readonly #lazyChildren = { hostUpdated: () => loadElementsIn(this.renderRoot) };

  #boundRoom: Room | undefined;

  constructor() {
    super();
    this.addController(this.#lazyChildren);
  }

  /** The room in effect: `.room` if set, else the provided one. */
  get activeRoom(): Room | undefined {
    return this.room ?? this.#roomConsumer.value;
  }

  /** The room's time (its authority's clock), for countdowns against deadlines in the state; Date.now() without a room. */
  protected roomNow(): number {
    return this.activeRoom?.now() ?? Date.now();
  }

  override connectedCallback(): void {
    installTokens(this.ownerDocument);
    super.connectedCallback();
    this.#boundRoom = this.activeRoom;
  }

  /** A store slice of the current room, kept current and dropped with the element; each change re-renders. */
  protected observe<T>(pick: (room: Room) => Observable<T>, initialValue: T): StoreController<T> {
    return this.#track(pick, initialValue, undefined);
  }

  /**
   * A store slice of the current room handed to `onValue` on each change, without re-rendering this element (for
   * values it passes straight on, like the seat levels to the grid). Subscribed and dropped like `observe`.
   */
  protected watch<T>(pick: (room: Room) => Observable<T>, onValue: (value: T) => void): void {
    this.#track(pick, undefined as T, onValue);
  }

  #track<T>(
    pick: (room: Room) => Observable<T>,
    initialValue: T,
    onValue: ((value: T) => void) | undefined,
  ): StoreController<T> {
    const controller = new StoreController<T>(
      this,
      () => {
        const room = this.activeRoom;
        return room ? pick(room) : undefined;
      },
      initialValue,
      onValue,
    );
    this.#storeControllers.push(controller as StoreController<unknown>);
    return controller;
  }

  /** Called when the room in effect changes (after the store controllers switched to it). */
  protected roomChanged(_room: Room | undefined): void {}

  /** The first render waits for a locale table still loading (a Chinese page's), so no English flashes first. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = this.hasUpdated ? undefined : localeReady();
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const room = this.activeRoom;
    if (room !== this.#boundRoom && this.isConnected) {
      this.#boundRoom = room;
      for (const controller of this.#storeControllers) controller.reset();
      this.roomChanged(room);
    }
  }
}
