import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Subscription } from 'rxjs';
import {
  DEFAULT_GIFT_EFFECT_SETTINGS as DEFAULTS,
  type Gift,
  type GiftEffectChange,
  type GiftEffectItem,
  type GiftEffectMode,
  type GiftEffectOutcome,
  GiftEffectQueue,
  type GiftEffectSettings,
  type Room,
} from '../../src/index.js';
import { ReducedMotionController } from '../base/reduced-motion.js';
import { VrElement } from '../base/vr-element.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { VrGiftEffectEndEvent } from '../events/gift-effect.js';
import { styles } from './gift-player.styles.js';
import type { GiftPlayerStatus, PlayableEffect } from './status.js';
import type { EffectRunner } from './effect-runner.js';

export type { GiftPlayerStatus, PlayableEffect } from './status.js';

const EMPTY_GIFTS: readonly Gift[] = [];
/** Some player of this page has fetched the code that draws effects: the next one takes it at once, not when idle. */
let partFetched = false;
/** How long a banner takes to slide out before its lane is free (matches the CSS). */
const LEAVE_MS = 260;

/**
 * @summary Plays the room's gifts: full-screen SVGA effects for gifts with an animation, sliding banners for the rest.
 *
 * @description Plays everything `room.giftEffects$` emits, and whatever a product passes to `play(effect)`.
 * Effects wait in one queue with priority: a full-screen effect takes the stage before any waiting banner takes a
 * lane, and up to `max-banners` banners run at once beside it. The same sender sending the same gift to the same
 * receiver within `combo-window` ms adds to the running banner (or effect) as "×N" instead of queueing again.
 *
 * What draws effects is fetched when the browser is idle after the player connected, or by the first effect
 * (which waits for it, then plays in full); svgaplayerweb is imported only when the first animation plays (or when
 * the catalog is preloaded, see `preload`). A load shows its progress; a file that fails to load or parse plays as a banner instead. The player
 * is an overlay that never takes a click (`pointer-events: none`), and a gift storm cannot freeze the page: at
 * most `max-queue` effects wait, the oldest banners are dropped first beyond that, and full-screen effects beyond
 * `max-fullscreen-queue` are shown as banners.
 *
 * With `prefers-reduced-motion: reduce` (or the `reduced-motion` attribute) nothing animates: a full-screen gift
 * shows as a still card and banners appear without sliding. The visual layer is `aria-hidden`; every effect is
 * announced once in a polite live region ("Ann sent Rocket ×3 to Bo").
 *
 * Position the element over the room (it is `position: absolute; inset: 0` by default, so give its container
 * `position: relative`, or set `position: fixed` on it to cover the viewport).
 *
 * @fires vr-gift-effect-start - An effect started showing (`mode`: fullscreen, banner or still).
 * @fires vr-gift-effect-end - An effect ended (`outcome`: finished, failed → shown as a banner, dropped, cleared).
 *
 * @csspart lanes - The column the banners slide into.
 * @csspart banner - Each banner.
 * @csspart avatar - The sender's avatar in a banner.
 * @csspart combo - The ×N counter of a banner or of the full-screen caption.
 * @csspart stage - The full-screen layer (canvas, caption, loading indicator, still card).
 * @csspart caption - Who sent what, under a full-screen effect.
 * @csspart progress - The loading indicator of a full-screen effect.
 * @csspart still - The still card shown instead of an animation under reduced motion.
 *
 * @cssproperty --vr-gift-banner-top - Distance of the first banner lane from the top (default 22%).
 * @cssproperty --vr-gift-banner-width - Banner width (default min(340px, 100% - 24px)).
 * @cssproperty --vr-gift-banner-bg - Banner background.
 * @cssproperty --vr-gift-caption-bottom - Distance of the full-screen caption from the bottom (default 16%).
 * @cssproperty --vr-gift-stage-scrim - Colour laid under a full-screen effect (default a light veil).
 * @cssproperty --vr-gift-player-z - z-index of the overlay (default 20).
 */
@customElement('vr-gift-player')
export class VrGiftPlayer extends VrElement {
  static override styles = styles;

  /** Forces the still presentation even when the OS does not ask for reduced motion. */
  @property({ type: Boolean, reflect: true, attribute: 'reduced-motion' }) reducedMotion = false;

  /** Banners on screen at once. */
  @property({ type: Number, attribute: 'max-banners' }) maxBanners = DEFAULTS.maxBanners;

  /** Effects that may wait; beyond it the oldest waiting banner is dropped (the storm cap). */
  @property({ type: Number, attribute: 'max-queue' }) maxQueue = DEFAULTS.maxQueue;

  /** Full-screen effects that may wait; more are shown as banners (a room full of rockets still moves on). */
  @property({ type: Number, attribute: 'max-fullscreen-queue' }) maxFullscreenQueue = DEFAULTS.maxFullscreenQueue;

  /** How long a banner stays after its last combo, in ms. */
  @property({ type: Number, attribute: 'banner-duration' }) bannerDuration = DEFAULTS.bannerDuration;

  /** How long the still card of a full-screen gift stays under reduced motion, in ms. */
  @property({ type: Number, attribute: 'still-duration' }) stillDuration = DEFAULTS.stillDuration;

  /** Sends closer together than this (same sender, gift and receiver) merge into one combo, in ms. */
  @property({ type: Number, attribute: 'combo-window' }) comboWindow = DEFAULTS.comboWindow;

  /** Gives up on an animation that has not loaded after this many ms and shows the banner instead. */
  @property({ type: Number, attribute: 'load-timeout' }) loadTimeout = 8_000;

  /** Fetch and parse the catalog's animations in idle time, so the first send of each plays at once. */
  @property({ type: Boolean }) preload = true;

  readonly #catalog = this.observe((room) => room.gifts$, EMPTY_GIFTS);

  /** What shows when: banners, the stage, combos, the storm cap (src/rules/gift-effects.ts). */
  #queue = new GiftEffectQueue(() => this.#settings);
  /** What shows the queue (banners, the stage's views, the SVGA stage, the timer): a chunk of its own, see `loadPart()`. */
  readonly #effectsPart = new LazyPart(
    this,
    () => VrGiftPlayer.importPart(),
    // After a failed fetch, effects waiting in the queue are fetched for when the network may be back.
    () => this.#queue.queued > 0,
  );
  /** Runs the queue once the part is there (made by the update that sees it); until then effects only queue. */
  #runner: EffectRunner | undefined;
  #effects: Subscription | undefined;
  #effectsRoom: Room | undefined;
  readonly #osMotion = new ReducedMotionController(this);

  /**
   * Imports the part that draws effects. A static only so a test can make one fetch fail.
   * @internal
   */
  static importPart = () => import('./effects-part.js');

  /**
   * The svgaplayerweb Player, once an animation needed one. TypeScript-private rather than `#`: the demo's screenshot
   * fixture steps its frames and a test watches it stop.
   */
  private get player() {
    return this.#runner?.svga.player;
  }

  /** Reduced motion is in effect (forced by the attribute or asked for by the OS). */
  get motionReduced(): boolean {
    return this.reducedMotion || this.#osMotion.matches;
  }

  get status(): GiftPlayerStatus {
    return {
      queued: this.#queue.queued,
      banners: this.#queue.banners.length,
      stage: this.#runner?.stageMode ?? 'idle',
      dropped: this.#queue.dropped,
      merged: this.#queue.merged,
      timers: (this.#runner?.timers ?? 0) + (this.#effectsPart.prefetchPending ? 1 : 0),
      player: this.player !== undefined,
      sounds: this.#runner?.svga.sound?.playing ?? 0,
      ready: this.#effectsPart.module !== undefined,
    };
  }

  /**
   * Plays an effect: merged into a running combo when it continues one, else queued by priority. Ignored while
   * the player is not on the page (there is nobody to show it to).
   */
  play(effect: PlayableEffect): void {
    if (!this.isConnected) return;
    const changes = this.#queue.play(effect, performance.now());
    if (this.#runner) this.#runner.play(changes);
    else {
      // Nothing starts before the part: it waits in the queue (the storm cap and combos apply meanwhile).
      this.#endings(changes);
      if (!this.#effectsPart.module) this.#loadPart();
    }
  }

  /** Stops everything now: the stage, every banner and the queue. */
  clear(): void {
    if (this.#runner) this.#runner.clear();
    else this.#endings(this.#queue.clear());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#subscribeEffects();
    // Fetched ahead of the first gift, once the page has nothing better to do, so a gift shows without a wait.
    if (partFetched) this.#loadPart();
    else this.#effectsPart.prefetchWhenIdle();
  }

  /**
   * Fetches the part that draws effects, unless it is there or on its way; a failed fetch is tried again by the next
   * effect, or when the network may be back while effects wait.
   */
  #loadPart(): void {
    // The update the arrival asks for starts what waited (see `updated`); after a failure the effects wait in the
    // queue, for the next one (or the network coming back) to try again.
    void this.#effectsPart.fetch().then((arrived) => {
      if (arrived) partFetched = true;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#effects?.unsubscribe();
    this.#effects = undefined;
    this.#effectsRoom = undefined;
    this.clear();
    this.#runner?.release();
    this.#queue = new GiftEffectQueue(() => this.#settings); // the counts start again on the next connect
  }

  protected override roomChanged(_room: Room | undefined): void {
    this.clear();
    this.#runner?.svga.cancelPreload(); // the next update preloads the new room's catalog
    this.#subscribeEffects();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The part arrived (by loadPart, or by the LazyPart itself when the player came back to the page): the runner is
    // made before this render, which draws the lanes and the stage (empty: nothing starts before the pump, which runs
    // after this update), and what waited in the queue starts now, in full.
    const part = this.#effectsPart.module;
    if (part && !this.#runner) {
      this.#runner = new part.EffectRunner({
        element: this,
        queue: () => this.#queue,
        ended: (item, mode, outcome) => this.#ended(item, mode, outcome),
      });
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#runner?.updated(this.#catalog.value);
  }

  /**
   * Nothing shows before the part that draws effects: the lanes and the stage come with it. The live region is here
   * from the first render: a screen reader announces changes to a region it already knows, and one created with the
   * part would get its first sentence a microtask later (the first gift usually comes before the part), unheard.
   */
  protected override render() {
    const runner = this.#runner;
    return html`${runner?.render() ?? nothing}<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${runner?.announcement ?? ''}</div>`;
  }

  // ---- the queue, wired to time and to the stage ----

  get #settings(): GiftEffectSettings {
    return {
      maxBanners: this.maxBanners,
      maxQueue: this.maxQueue,
      maxFullscreenQueue: this.maxFullscreenQueue,
      bannerDuration: this.bannerDuration,
      leaveDuration: LEAVE_MS,
      stillDuration: this.stillDuration,
      comboWindow: this.comboWindow,
      reducedMotion: this.motionReduced,
    };
  }

  // ---- helpers ----

  #subscribeEffects(): void {
    const room = this.activeRoom;
    if (room === this.#effectsRoom && this.#effects) return;
    this.#effects?.unsubscribe();
    this.#effectsRoom = room;
    this.#effects = this.isConnected ? room?.giftEffects$.subscribe((effect) => this.play(effect)) : undefined;
  }

  #ended(item: GiftEffectItem, mode: GiftEffectMode, outcome: GiftEffectOutcome): void {
    this.dispatchEvent(new VrGiftEffectEndEvent({ effect: item.effect, mode, outcome, combo: item.combo }));
  }

  /** Before the part, what the queue decides can only end effects (the storm cap, a clear): their events. */
  #endings(changes: readonly GiftEffectChange[]): void {
    for (const change of changes) if (change.kind === 'end') this.#ended(change.item, change.mode, change.outcome);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-gift-player': VrGiftPlayer;
  }
}
