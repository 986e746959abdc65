import { type PropertyValues, html, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { filter, scan } from 'rxjs';
import type { Room, RoomPhase } from '../../src/index.js';
import { VrElement } from '../base/vr-element.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { VrLikeEvent } from '../events/like.js';
import { formatNumber, msg } from '../i18n/locale.js';
import type { HeartOwner } from './hearts-part.js';
import { styles } from './like-button.styles.js';
import './strings.js'; // before anything renders (addStrings)

/** Bursts for other people's likes come at most this often, however many likes arrive. */
const BURST_INTERVAL_MS = 350;
const BURST_MAX = 6;
/** Other people's likes are announced to screen readers at most this often. */
const ANNOUNCE_INTERVAL_MS = 10_000;
const NO_LIKES = { total: 0, mine: 0 } as const;

const heartPath = svg`<path d="M12 20.6 10.7 19.4C6 15.2 3 12.4 3 8.9 3 6.1 5.2 4 7.9 4c1.6 0 3.1.7 4.1 1.9C13 4.7 14.5 4 16.1 4 18.8 4 21 6.1 21 8.9c0 3.5-3 6.3-7.7 10.5z"/>`;

/**
 * @summary A big round heart: taps like the room, hearts float up, and the room's total shows below.
 *
 * @description Each tap first dispatches a cancelable `vr-like`; unless cancelled it calls `room.like()`, which
 * counts the tap at once and sends taps in batches (one `like.send` per flush interval). Every tap launches a
 * floating heart with a random drift and colour (at most `maxHearts` alive at once; all `aria-hidden`); the hearts'
 * code comes a moment after the button (fetched when the browser is idle), and taps before it arrived are counted at
 * once and float their hearts when it is there. Likes from other people (`likes.received` events) launch small
 * bursts, throttled, and are mirrored into a polite live region at most every 10 s. With `prefers-reduced-motion` (or the `reduced-motion` attribute) no hearts
 * float: the button gives a brief scale pulse instead. The total uses compact notation (`1.2K`, `1.2万`).
 *
 * @fires vr-like - Before a tap is counted; cancel to count nothing (and show no hearts).
 *
 * @csspart base - The wrapper.
 * @csspart button - The round heart button.
 * @csspart count - The total count badge.
 * @csspart hearts - The layer the floating hearts rise in.
 *
 * @cssproperty --vr-like-size - Button diameter (default 56px).
 * @cssproperty --vr-like-rise - How far hearts float up (default 200px).
 * @cssproperty --vr-gradient-accent - The button's fill.
 */
@customElement('vr-like-button')
export class VrLikeButton extends VrElement {
  static override styles = styles;

  /** No floating hearts, only a brief pulse (as `prefers-reduced-motion: reduce` does). */
  @property({ type: Boolean, attribute: 'reduced-motion', reflect: true }) reducedMotion = false;

  /** Most hearts alive at once; the oldest give way. */
  @property({ type: Number, attribute: 'max-hearts' }) maxHearts = 30;

  /** No bursts for other people's likes. */
  @property({ type: Boolean, attribute: 'no-burst' }) noBurst = false;

  @state() private announcement = '';

  @query('.hearts') private layer!: HTMLElement;
  @query('button.like') private button!: HTMLButtonElement;

  readonly #likes = this.observe((room) => room.likes$, NO_LIKES as { readonly total: number; readonly mine: number });
  readonly #phase = this.observe((room) => room.phase$, 'idle' as RoomPhase);
  /** A running sum of other people's likes; its growth is what bursts show. */
  readonly #others = this.observe(
    (room) =>
      room.events$.pipe(
        filter((e) => e.type === 'likes.received' && e.userId !== room.user.userId),
        scan((sum, e) => sum + (e.type === 'likes.received' ? e.count : 0), 0),
      ),
    0,
  );
  #othersShown = 0;
  #othersAnnounced = 0;
  #lastBurst = -Infinity;
  #lastAnnounce = -Infinity;
  #burstTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #heartTimers = new Set<ReturnType<typeof setTimeout>>();
  /** The hearts' code and styles: a chunk of its own (hearts-part.ts), fetched when idle or by the first like. */
  readonly #heartsPart = new LazyPart(this, () => VrLikeButton.importHearts());
  /** Hearts of likes that came before their code did: they rise once it arrives (at most `maxHearts`). */
  #waiting: HeartOwner[] = [];

  /**
   * Imports the hearts' chunk. A static only so a test can delay it or make one fetch fail.
   * @internal
   */
  static importHearts = () => import('./hearts-part.js');

  /** The room's total, my unsent taps included. */
  get total(): number {
    return this.#likes.value.total;
  }

  /** Hearts currently floating. */
  get heartCount(): number {
    return this.layer?.childElementCount ?? 0;
  }

  /** The hearts' code is there: a like floats its hearts at once. */
  get heartsReady(): boolean {
    return this.#heartsPart.module !== undefined;
  }

  /** Whether hearts are replaced by a pulse (the property, or the user's system setting). */
  get motionReduced(): boolean {
    return (
      this.reducedMotion || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches)
    );
  }

  /** Likes the room once, as a tap does (the intent event included). */
  tap(): void {
    const room = this.activeRoom;
    if (!room || this.#phase.value !== 'live') return;
    const intent = new VrLikeEvent({ taps: 1 });
    this.dispatchEvent(intent);
    if (intent.defaultPrevented) return;
    room.like(1);
    this.#celebrate(1, 'mine');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The hearts come after the first like: their code is fetched ahead of it, when the page has nothing better to
    // do (not for someone who asked for less motion: they see a pulse, which the button has).
    this.#heartsPart.prefetchWhenIdle(() => !this.motionReduced);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#waiting = [];
    clearTimeout(this.#burstTimer);
    for (const timer of this.#heartTimers) clearTimeout(timer);
    this.#heartTimers.clear();
    this.layer?.replaceChildren();
  }

  protected override roomChanged(_room: Room | undefined): void {
    this.#othersShown = 0;
    this.#othersAnnounced = 0;
    // Likes of the last room still waiting for the hearts' code float nothing in this one.
    this.#waiting = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.hasUpdated) this.#showOthers();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The hearts' code arrived (the update it asked for): the likes that came before it float their hearts now.
    if (this.#waiting.length > 0 && this.#heartsPart.module) {
      const waiting = this.#waiting;
      this.#waiting = [];
      if (!this.motionReduced) waiting.forEach((who, i) => this.#launch(who, i * 90));
    }
  }

  protected override render() {
    const total = this.total;
    const compact = formatNumber(total, { notation: 'compact', maximumFractionDigits: 1 });
    return html`<div class="wrap" part="base">
      <div class="hearts" part="hearts" aria-hidden="true"></div>
      <button
        class="like"
        part="button"
        type="button"
        data-focus-ring
        aria-label=${total > 0 ? msg('like.labelCount', { n: total, count: compact }) : msg('like.label')}
        ?disabled=${!this.activeRoom || this.#phase.value !== 'live'}
        @click=${this.tap}
        @animationend=${this.#onPulseEnd}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">${heartPath}</svg>
      </button>
      <span class="count ${total === 0 ? 'zero' : ''}" part="count" aria-hidden="true">${compact}</span>
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </div>`;
  }

  #onPulseEnd = (event: AnimationEvent): void => {
    if (event.target === this.button) this.button.classList.remove('pulse');
  };

  /** Hearts (or the pulse) for `count` likes; `other` hearts are smaller and start around the button. */
  #celebrate(count: number, who: HeartOwner): void {
    if (this.motionReduced) {
      const button = this.button;
      button.classList.remove('pulse');
      // Restart the animation when taps come faster than it runs.
      void button.offsetWidth;
      button.classList.add('pulse');
      return;
    }
    for (let i = 0; i < count; i++) this.#launch(who, i * 90);
  }

  #launch(who: HeartOwner, delay: number): void {
    const layer = this.layer;
    if (!layer) return;
    const part = this.#heartsPart.module;
    if (part) {
      part.launchHeart(layer, who, delay, this.maxHearts, this.#heartTimers);
      return;
    }
    // Not there yet (or its fetch failed: this like tries again). The like itself is already counted.
    if (this.#waiting.length >= Math.max(1, this.maxHearts)) this.#waiting.shift();
    this.#waiting.push(who);
    void this.#heartsPart.fetch();
  }

  /** Bursts for likes from other people, at most one per BURST_INTERVAL_MS; the rest wait for the next one. */
  #showOthers(): void {
    const sum = this.#others.value;
    if (sum <= this.#othersShown) {
      this.#othersShown = Math.min(this.#othersShown, sum);
      return;
    }
    const now = performance.now();
    const wait = this.#lastBurst + BURST_INTERVAL_MS - now;
    if (wait > 0) {
      clearTimeout(this.#burstTimer);
      this.#burstTimer = setTimeout(() => this.requestUpdate(), wait);
      return;
    }
    const delta = sum - this.#othersShown;
    this.#othersShown = sum;
    this.#lastBurst = now;
    if (!this.noBurst) this.#celebrate(Math.min(BURST_MAX, delta), 'other');
    if (now - this.#lastAnnounce >= ANNOUNCE_INTERVAL_MS) {
      this.#lastAnnounce = now;
      this.announcement = msg('like.received', { n: sum - this.#othersAnnounced });
      this.#othersAnnounced = sum;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-like-button': VrLikeButton;
  }
}
