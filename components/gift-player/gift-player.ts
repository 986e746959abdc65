import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
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
import { avatarIn } from '../base/identity.js';
import { ReducedMotionController } from '../base/reduced-motion.js';
import { VrElement } from '../base/vr-element.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { VrGiftEffectEndEvent, VrGiftEffectStartEvent } from '../events/gift-effect.js';
import { msg } from '../i18n/locale.js';
import { styles } from './gift-player.styles.js';
import type { GiftPlayerStatus, PlayableEffect } from './status.js';
import type { SvgaStage } from './svga-stage.js';

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

  /** Where a full-screen animation is; the queue knows the rest (idle, still). */
  @state() private stagePhase: 'loading' | 'playing' = 'loading';
  @state() private progress = 0;
  @state() private announcement = '';

  private readonly catalog = this.observe((room) => room.gifts$, EMPTY_GIFTS);

  /** What shows when: banners, the stage, combos, the storm cap (src/rules/gift-effects.ts). */
  private queue = new GiftEffectQueue(() => this.settings);
  /** Banners, the stage's views and the SVGA stage: a chunk of its own, see `loadPart()`. */
  private readonly effectsPart = new LazyPart(this, () => VrGiftPlayer.importPart());
  /** The full-screen stage, made when the part arrives. */
  private svga: SvgaStage | undefined;
  /** The one timer wired to the queue: it fires at the queue's next deadline, `clockAt`. */
  private clock: number | undefined;
  private clockAt: number | undefined;
  private pumpScheduled = false;
  private effects: Subscription | undefined;
  private effectsRoom: Room | undefined;
  private readonly osMotion = new ReducedMotionController(this);
  private readonly bumpsSeen = new Map<number, number>();

  /**
   * Imports the part that draws effects. A static only so a test can make one fetch fail.
   * @internal
   */
  static importPart = () => import('./effects-part.js');

  /** The svgaplayerweb Player, once an animation needed one (the demo's screenshot fixture steps its frames). */
  private get player() {
    return this.svga?.player;
  }

  /** Reduced motion is in effect (forced by the attribute or asked for by the OS). */
  get motionReduced(): boolean {
    return this.reducedMotion || this.osMotion.matches;
  }

  get status(): GiftPlayerStatus {
    return {
      queued: this.queue.queued,
      banners: this.queue.banners.length,
      stage: this.stageMode,
      dropped: this.queue.dropped,
      merged: this.queue.merged,
      timers:
        (this.clock !== undefined ? 1 : 0) + (this.effectsPart.prefetchPending ? 1 : 0) + (this.svga?.pending ?? 0),
      player: this.player !== undefined,
      sounds: this.svga?.sound?.playing ?? 0,
      ready: this.effectsPart.module !== undefined,
    };
  }

  /**
   * Plays an effect: merged into a running combo when it continues one, else queued by priority. Ignored while
   * the player is not on the page (there is nobody to show it to).
   */
  play(effect: PlayableEffect): void {
    if (!this.isConnected) return;
    this.apply(this.queue.play(effect, performance.now()));
    this.schedulePump();
  }

  /** Stops everything now: the stage, every banner and the queue. */
  clear(): void {
    this.svga?.stop();
    this.apply(this.queue.clear());
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribeEffects();
    // Fetched ahead of the first gift, once the page has nothing better to do, so a gift shows without a wait.
    if (partFetched) this.loadPart();
    else this.effectsPart.prefetchWhenIdle();
  }

  /** Fetches the part that draws effects, unless it is there or on its way; a failed fetch is tried again by the next effect. */
  private loadPart(): void {
    // The update the arrival asks for starts what waited (see `updated`); after a failure the effects wait in the
    // queue, for the next one to try again.
    void this.effectsPart.fetch().then((arrived) => {
      if (arrived) partFetched = true;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.effects?.unsubscribe();
    this.effects = undefined;
    this.effectsRoom = undefined;
    this.clear();
    this.svga?.release();
    this.queue = new GiftEffectQueue(() => this.settings); // the counts start again on the next connect
    this.bumpsSeen.clear();
  }

  protected override roomChanged(_room: Room | undefined): void {
    this.clear();
    this.svga?.cancelPreload(); // the next update preloads the new room's catalog
    this.subscribeEffects();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The part arrived (by loadPart, or by the LazyPart itself when the player came back to the page): the stage is
    // made and what waited in the queue starts now, in full.
    const part = this.effectsPart.module;
    if (part && !this.svga) {
      this.svga = new part.SvgaStage(this);
      this.schedulePump();
    }
    this.popCombos();
    if (this.preload && !this.motionReduced) this.svga?.preload(this.catalog.value);
  }

  protected override render() {
    const reduced = this.motionReduced;
    const part = this.effectsPart.module;
    return html`
      <div part="lanes" class="lanes" aria-hidden="true">
        ${
          part
            ? repeat(
                this.queue.banners,
                (item) => item.id,
                (item) =>
                  part.banner(
                    item,
                    item.effect.senderAvatarUrl || avatarIn(this.activeRoom?.state.snapshot, item.effect.senderId),
                    reduced,
                  ),
              )
            : nothing
        }
      </div>
      <div
        part="stage"
        class=${classMap({ stage: true, active: this.stageMode !== 'idle', [this.stageMode]: true })}
        aria-hidden="true"
      >
        <div class="canvas-box"></div>
        ${this.renderStageContent()}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private renderStageContent() {
    const item = this.queue.stage;
    const part = this.effectsPart.module;
    if (!item || !part) return nothing;
    return this.stageMode === 'still'
      ? part.stillCard(item)
      : part.stageCaption(item, this.stageMode === 'loading', this.progress);
  }

  // ---- the queue, wired to time and to the stage ----

  private get settings(): GiftEffectSettings {
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

  private get stageMode(): GiftPlayerStatus['stage'] {
    const stage = this.queue.stage;
    if (!stage) return 'idle';
    return stage.mode === 'still' ? 'still' : this.stagePhase;
  }

  /** Shows what the queue decided: events, the announcement, the animation, and the timer for its next deadline. */
  private apply(changes: readonly GiftEffectChange[]): void {
    for (const change of changes) {
      const { item } = change;
      if (change.kind === 'start' && change.mode === 'fullscreen') this.startAnimation(item);
      else if (change.kind === 'start') this.started(item);
      else if (change.kind === 'merge' && item.mode !== null) this.announce(item);
      else if (change.kind === 'end') this.ended(item, change.mode, change.outcome);
    }
    this.armClock();
    this.requestUpdate();
  }

  /**
   * Effects arriving in the same task are ordered by priority together before anything starts. Nothing starts
   * before the part that draws them is there: they wait in the queue (its storm cap and combos apply) meanwhile.
   */
  private schedulePump(): void {
    if (!this.svga) {
      // The update that sees the part makes the stage and pumps (see `updated`).
      if (!this.effectsPart.module) this.loadPart();
      return;
    }
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      if (this.isConnected) this.apply(this.queue.pump(performance.now()));
    });
  }

  /** One timer for the whole queue, due when the first banner or still card on screen is. */
  private armClock(): void {
    const at = this.queue.nextDeadline();
    if (at === this.clockAt) return;
    clearTimeout(this.clock);
    this.clockAt = at;
    this.clock = undefined;
    if (at === undefined) return;
    // Rounded up: a timer a fraction of a millisecond early would find nothing due and spin once more.
    this.clock = window.setTimeout(
      () => {
        this.clock = this.clockAt = undefined;
        this.apply(this.queue.advance(performance.now()));
        this.schedulePump(); // a still card that ended frees the stage for the next full-screen effect
      },
      Math.ceil(at - performance.now()),
    );
  }

  private startAnimation(item: GiftEffectItem): void {
    const url = item.effect.animationUrl!;
    // Nothing is pumped before the update that saw the part made the stage.
    const svga = this.svga!;
    this.progress = 0;
    this.stagePhase = svga.isReady(url) ? 'playing' : 'loading';
    this.started(item);
    svga.play(url, this.loadTimeout, {
      onProgress: (fraction) => (this.progress = fraction),
      onPlaying: () => (this.stagePhase = 'playing'),
      onEnd: (outcome) => this.endAnimation(item, outcome),
    });
  }

  /** The animation ended; one that failed shows its gift as a banner instead (the queue puts it first in line). */
  private endAnimation(item: GiftEffectItem, outcome: 'finished' | 'failed'): void {
    if (this.queue.stage !== item) return;
    this.svga?.stop();
    this.apply(this.queue.finishStage(outcome));
    this.schedulePump();
  }

  // ---- helpers ----

  private subscribeEffects(): void {
    const room = this.activeRoom;
    if (room === this.effectsRoom && this.effects) return;
    this.effects?.unsubscribe();
    this.effectsRoom = room;
    this.effects = this.isConnected ? room?.giftEffects$.subscribe((effect) => this.play(effect)) : undefined;
  }

  private announce(item: GiftEffectItem): void {
    this.announcement = this.effectsPart.module?.sentence(item, msg) ?? '';
  }

  private started(item: GiftEffectItem): void {
    this.announce(item);
    this.dispatchEvent(new VrGiftEffectStartEvent({ effect: item.effect, mode: item.mode ?? 'banner' }));
  }

  private ended(item: GiftEffectItem, mode: GiftEffectMode, outcome: GiftEffectOutcome): void {
    this.bumpsSeen.delete(item.id);
    this.dispatchEvent(new VrGiftEffectEndEvent({ effect: item.effect, mode, outcome, combo: item.combo }));
  }

  /** The ×N counters of the combos that grew since the last update pop (not under reduced motion). */
  private popCombos(): void {
    const stage = this.queue.stage;
    const items = stage ? [...this.queue.banners, stage] : this.queue.banners;
    for (const item of items) {
      const seen = this.bumpsSeen.get(item.id) ?? 0;
      if (item.bump === seen) continue;
      this.bumpsSeen.set(item.id, item.bump);
      if (this.motionReduced) continue;
      const selector = item === stage ? '.stage .combo' : `.banner[data-id="${item.id}"] .combo`;
      this.effectsPart.module?.popCounter(this.renderRoot.querySelector<HTMLElement>(selector));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-gift-player': VrGiftPlayer;
  }
}
