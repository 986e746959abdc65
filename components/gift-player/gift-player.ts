import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Subscription } from 'rxjs';
import { GIFT_COMBO_WINDOW_MS, type Gift, comboKeyOf, type GiftEffect, type Room } from '../../src/index.js';
import { initialsOf } from '../base/identity.js';
import { VrElement } from '../base/vr-element.js';
import { type GiftEffectMode, type GiftEffectOutcome, VrGiftEffectEndEvent, VrGiftEffectStartEvent } from '../events/gift-effect.js';
import { formatNumber, msg, msgIsolated } from '../i18n/locale.js';
import { styles } from './gift-player.styles.js';
import type { SvgaPlayer, SvgaVideo } from './svga-loader.js';
import type { EffectSound, SvgaAudioTrack } from './svga-sound.js';

// The SVGA loader, its worker client and the effect sound are their own chunk, fetched with the first full-screen
// effect (or the first preload), so a page that shows no animation never downloads them (issue 14).
type SvgaEffects = typeof import('./svga-effects.js');
let effects: SvgaEffects | undefined;
let effectsLoading: Promise<SvgaEffects> | undefined;
function loadEffects(): Promise<SvgaEffects> {
  effectsLoading ??= import('./svga-effects.js').then(
    (module) => (effects = module),
    (error: unknown) => {
      effectsLoading = undefined; // offline for a moment: the next effect tries again
      throw error;
    },
  );
  return effectsLoading;
}

/** An effect to play: the store's `GiftEffect`, optionally with the sender's avatar. */
export type PlayableEffect = GiftEffect & { readonly senderAvatarUrl?: string };

/** What the player is doing, for tests, benchmarks and products that want to wait for quiet. */
export interface GiftPlayerStatus {
  /** Effects waiting for a lane or the stage. */
  readonly queued: number;
  /** Banners on screen (including ones sliding out). */
  readonly banners: number;
  readonly stage: 'idle' | 'loading' | 'playing' | 'still';
  /** Effects dropped by the storm cap since the player connected. */
  readonly dropped: number;
  /** Effects merged into a running or queued combo since the player connected. */
  readonly merged: number;
  /** Pending timers, idle callbacks and running SVGA animations: 0 when the player is quiet. */
  readonly timers: number;
  /** An svgaplayerweb Player exists (it is released on disconnect). */
  readonly player: boolean;
  /** Sound tracks of the running effect scheduled or playing (Web Audio; 0 when silent or blocked by autoplay). */
  readonly sounds: number;
}

interface Item {
  readonly id: number;
  readonly effect: PlayableEffect;
  readonly key: string;
  /** Wants the full-screen stage (has an animation); false for banners and for failed loads. */
  fullscreen: boolean;
  combo: number;
  /** Last send merged into this item, for the combo window. */
  lastAt: number;
  /** Bumped on every merge so the ×N counter can pop. */
  bump: number;
  leaving: boolean;
  mode: GiftEffectMode | null;
  timer: number | undefined;
}

const EMPTY_GIFTS: readonly Gift[] = [];
const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';
/** How long a banner takes to slide out before its lane is free (matches the CSS). */
const LEAVE_MS = 260;

let nextId = 1;

/** svgaplayerweb's renderer state (src/Canvas/renderer.js): `_prepared` turns true once its images have loaded. */
interface RendererOwner {
  readonly _renderer?: { readonly _prepared?: boolean };
}

function effectComboKey(effect: GiftEffect): string {
  // A product's own effect may carry names without IDs: the names then stand in for them.
  return comboKeyOf(effect.senderId ?? effect.senderName, effect.giftId ?? effect.name, effect.receiverId ?? effect.receiverName);
}

/**
 * @summary Plays the room's gifts: full-screen SVGA effects for gifts with an animation, sliding banners for the rest.
 *
 * @description Plays everything `room.giftEffects$` emits, and whatever a product passes to `play(effect)`.
 * Effects wait in one queue with priority: a full-screen effect takes the stage before any waiting banner takes a
 * lane, and up to `max-banners` banners run at once beside it. The same sender sending the same gift to the same
 * receiver within `combo-window` ms adds to the running banner (or effect) as "×N" instead of queueing again.
 *
 * svgaplayerweb is imported only when the first animation plays (or when the catalog is preloaded, see
 * `preload`). A load shows its progress; a file that fails to load or parse plays as a banner instead. The player
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
  @property({ type: Number, attribute: 'max-banners' }) maxBanners = 2;

  /** Effects that may wait; beyond it the oldest waiting banner is dropped (the storm cap). */
  @property({ type: Number, attribute: 'max-queue' }) maxQueue = 24;

  /** Full-screen effects that may wait; more are shown as banners (a room full of rockets still moves on). */
  @property({ type: Number, attribute: 'max-fullscreen-queue' }) maxFullscreenQueue = 4;

  /** How long a banner stays after its last combo, in ms. */
  @property({ type: Number, attribute: 'banner-duration' }) bannerDuration = 3_200;

  /** How long the still card of a full-screen gift stays under reduced motion, in ms. */
  @property({ type: Number, attribute: 'still-duration' }) stillDuration = 2_600;

  /** Sends closer together than this (same sender, gift and receiver) merge into one combo, in ms. */
  @property({ type: Number, attribute: 'combo-window' }) comboWindow = GIFT_COMBO_WINDOW_MS;

  /** Gives up on an animation that has not loaded after this many ms and shows the banner instead. */
  @property({ type: Number, attribute: 'load-timeout' }) loadTimeout = 8_000;

  /** Fetch and parse the catalog's animations in idle time, so the first send of each plays at once. */
  @property({ type: Boolean }) preload = true;

  @state() private banners: Item[] = [];
  @state() private stage: Item | null = null;
  @state() private stageMode: 'idle' | 'loading' | 'playing' | 'still' = 'idle';
  @state() private progress = 0;
  @state() private announcement = '';
  @state() private osReducedMotion = false;

  private readonly catalog = this.observe((room) => room.gifts$, EMPTY_GIFTS);

  private bannerQueue: Item[] = [];
  private fullQueue: Item[] = [];
  private readonly timers = new Set<number>();
  private pumpScheduled = false;
  private dropped = 0;
  private merged = 0;
  private effects: Subscription | undefined;
  private effectsRoom: Room | undefined;
  private media: MediaQueryList | undefined;
  private canvas: HTMLCanvasElement | undefined;
  private player: SvgaPlayer | undefined;
  private animating = false;
  private sound: EffectSound | undefined;
  private preloadedCatalog: readonly Gift[] | undefined;
  private preloadHandle: number | undefined;
  private readonly bumpsSeen = new Map<number, number>();

  /** Reduced motion is in effect (forced by the attribute or asked for by the OS). */
  get motionReduced(): boolean {
    return this.reducedMotion || this.osReducedMotion;
  }

  get status(): GiftPlayerStatus {
    return {
      queued: this.bannerQueue.length + this.fullQueue.length,
      banners: this.banners.length,
      stage: this.stageMode,
      dropped: this.dropped,
      merged: this.merged,
      timers: this.timers.size + (this.preloadHandle !== undefined ? 1 : 0) + (this.animating ? 1 : 0),
      player: this.player !== undefined,
      sounds: this.sound?.playing ?? 0,
    };
  }

  /**
   * Plays an effect: merged into a running combo when it continues one, else queued by priority. Ignored while
   * the player is not on the page (there is nobody to show it to).
   */
  play(effect: PlayableEffect): void {
    if (!this.isConnected) return;
    const now = performance.now();
    const key = effectComboKey(effect);
    const running = this.findCombo(key, now);
    if (running) {
      running.combo = effect.combo !== undefined && effect.combo > effect.count ? Math.max(effect.combo, running.combo + 0) : running.combo + effect.count;
      running.lastAt = now;
      running.bump += 1;
      this.merged += 1;
      if (running.mode === 'banner' && !running.leaving) this.armBannerTimer(running);
      if (running.mode !== null) this.announce(running);
      this.requestUpdate();
      return;
    }
    const item: Item = {
      id: nextId++, effect, key, fullscreen: !!effect.animationUrl, combo: effect.combo ?? effect.count,
      lastAt: now, bump: 0, leaving: false, mode: null, timer: undefined,
    };
    this.enqueue(item);
  }

  /** Stops everything now: the stage, every banner and the queue. */
  clear(): void {
    for (const item of [...this.bannerQueue, ...this.fullQueue]) this.end(item, 'cleared');
    this.bannerQueue = [];
    this.fullQueue = [];
    for (const item of this.banners) this.end(item, 'cleared');
    this.banners = [];
    if (this.stage) this.finishStage('cleared');
    for (const handle of this.timers) clearTimeout(handle);
    this.timers.clear();
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribeEffects();
    const view = this.ownerDocument.defaultView;
    this.media = view?.matchMedia?.(REDUCED_MOTION_QUERY);
    this.osReducedMotion = this.media?.matches ?? false;
    this.media?.addEventListener('change', this.onMotionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.effects?.unsubscribe();
    this.effects = undefined;
    this.effectsRoom = undefined;
    this.media?.removeEventListener('change', this.onMotionChange);
    this.media = undefined;
    this.cancelPreload();
    this.clear();
    this.releasePlayer();
    this.dropped = 0;
    this.merged = 0;
    this.bumpsSeen.clear();
  }

  protected override roomChanged(_room: Room | undefined): void {
    this.clear();
    this.preloadedCatalog = undefined;
    this.subscribeEffects();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.popCombos();
    this.schedulePreload();
  }

  protected override render() {
    const reduced = this.motionReduced;
    return html`
      <div part="lanes" class="lanes" aria-hidden="true">
        ${repeat(this.banners, (item) => item.id, (item) => this.renderBanner(item, reduced))}
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

  private renderBanner(item: Item, reduced: boolean) {
    const e = item.effect;
    const avatar = this.avatarOf(e);
    return html`
      <div part="banner" class=${classMap({ banner: true, leaving: item.leaving, still: reduced })} data-id=${item.id}>
        <span part="avatar" class="avatar">
          ${avatar ? html`<img src=${avatar} alt="" />` : html`<span class="initials">${initialsOf(e.senderName)}</span>`}
        </span>
        <span class="text">
          <span class="sender"><bdi>${e.senderName}</bdi></span>
          <span class="what">${msgIsolated('gift.sentTo', { gift: e.name, receiver: e.receiverName })}</span>
        </span>
        ${e.iconUrl ? html`<img class="gift-icon" src=${e.iconUrl} alt="" />` : nothing}
        <span part="combo" class="combo" data-combo=${item.combo}><span class="x">×</span>${formatNumber(item.combo)}</span>
      </div>
    `;
  }

  private renderStageContent() {
    const item = this.stage;
    if (!item) return nothing;
    const e = item.effect;
    if (this.stageMode === 'still') {
      return html`
        <div part="still" class="still-card">
          ${e.iconUrl ? html`<img src=${e.iconUrl} alt="" />` : nothing}
          <strong class="still-name"><bdi>${e.name}</bdi></strong>
          <span class="still-text">${this.sentenceIsolated(item)}</span>
          <span part="combo" class="combo" data-combo=${item.combo}><span class="x">×</span>${formatNumber(item.combo)}</span>
        </div>
      `;
    }
    const percent = formatNumber(this.progress, { style: 'percent', maximumFractionDigits: 0 });
    return html`
      ${this.stageMode === 'loading'
        ? html`<div part="progress" class="progress" style=${styleMap({ '--p': String(this.progress) })}>
            <span class="ring"></span>
            <span class="progress-text">${msg('gift.loadingEffect', { gift: e.name, percent })}</span>
          </div>`
        : nothing}
      <div part="caption" class="caption">
        <span class="caption-text"><strong><bdi>${e.senderName}</bdi></strong> ${msgIsolated('gift.sentTo', { gift: e.name, receiver: e.receiverName })}</span>
        <span part="combo" class="combo" data-combo=${item.combo}><span class="x">×</span>${formatNumber(item.combo)}</span>
      </div>
    `;
  }

  // ---- queue ----

  private findCombo(key: string, now: number): Item | undefined {
    const fresh = (item: Item | null): item is Item => !!item && item.key === key && !item.leaving && now - item.lastAt <= this.comboWindow;
    if (fresh(this.stage)) return this.stage;
    return this.banners.find(fresh) ?? this.bannerQueue.find(fresh) ?? this.fullQueue.find(fresh);
  }

  private enqueue(item: Item): void {
    if (item.fullscreen && this.fullQueue.length >= this.maxFullscreenQueue) item.fullscreen = false;
    if (this.bannerQueue.length + this.fullQueue.length >= this.maxQueue) {
      // The storm cap: the oldest waiting banner goes first (the newest sends are the ones people look for);
      // a queue of nothing but full-screen effects drops its oldest.
      const victim = this.bannerQueue.shift() ?? (item.fullscreen ? this.fullQueue.shift() : undefined);
      if (victim) {
        this.dropped += 1;
        this.end(victim, 'dropped');
      } else {
        this.dropped += 1;
        this.end(item, 'dropped');
        return;
      }
    }
    (item.fullscreen ? this.fullQueue : this.bannerQueue).push(item);
    this.schedulePump();
  }

  /** Effects arriving in the same task are ordered by priority together before anything starts. */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (!this.isConnected) return;
    if (!this.stage && this.fullQueue.length > 0) this.startStage(this.fullQueue.shift()!);
    while (this.banners.length < this.maxBanners && this.bannerQueue.length > 0) this.startBanner(this.bannerQueue.shift()!);
  }

  private startBanner(item: Item): void {
    item.mode = 'banner';
    this.banners = [...this.banners, item];
    this.armBannerTimer(item);
    this.started(item);
  }

  private armBannerTimer(item: Item): void {
    this.clearTimer(item.timer);
    item.timer = this.setTimer(() => this.leaveBanner(item), this.bannerDuration);
  }

  private leaveBanner(item: Item): void {
    item.leaving = true;
    this.requestUpdate();
    item.timer = this.setTimer(
      () => {
        this.banners = this.banners.filter((b) => b !== item);
        this.bumpsSeen.delete(item.id);
        this.end(item, 'finished');
        this.pump();
      },
      this.motionReduced ? 0 : LEAVE_MS,
    );
  }

  // ---- the full-screen stage ----

  private startStage(item: Item): void {
    this.stage = item;
    this.progress = 0;
    if (this.motionReduced || !item.effect.animationUrl) {
      item.mode = 'still';
      this.stageMode = 'still';
      this.started(item);
      item.timer = this.setTimer(() => this.finishStage('finished'), this.stillDuration);
      return;
    }
    item.mode = 'fullscreen';
    const url = item.effect.animationUrl;
    const ready = effects?.cachedSvga(url);
    if (ready) {
      this.stageMode = 'playing';
      this.started(item);
      this.playVideo(item, ready);
      return;
    }
    this.stageMode = 'loading';
    this.started(item);
    item.timer = this.setTimer(() => this.fallBack(item), this.loadTimeout);
    loadEffects()
      .then((fx) =>
        fx.loadSvga(url, {
          onProgress: (fraction) => {
            if (this.stage === item) this.progress = fraction;
          },
        }),
      )
      .then(
      (video) => {
        if (this.stage !== item || !this.isConnected) return;
        this.clearTimer(item.timer);
        this.stageMode = 'playing';
        this.playVideo(item, video);
      },
      () => this.fallBack(item),
    );
  }

  private async playVideo(item: Item, video: SvgaVideo): Promise<void> {
    let player: SvgaPlayer;
    let fx: SvgaEffects;
    try {
      fx = await loadEffects();
      player = await this.ensurePlayer();
    } catch {
      this.fallBack(item);
      return;
    }
    if (this.stage !== item || !this.isConnected) return;
    this.sizeCanvas();
    // A movie with nothing to show (the loader refuses such files; svgaplayerweb's own parser does not) is a
    // failure: it would otherwise leave a blank stage and end as 'finished'.
    if (!(video.frames >= 1) || (video as { sprites?: unknown[] }).sprites?.length === 0) {
      this.fallBack(item);
      return;
    }
    player.loops = 1;
    player.clearsAfterStop = true;
    player.setContentMode('AspectFit');
    // 'finished' means the movie was drawn: frames advanced (or a one-frame movie was drawn once) and the renderer
    // had its images. A renderer still waiting for images that never load, or an animation that never got a
    // frame (a tab in the background throttles rAF), ends as 'failed' and the gift shows as a banner instead.
    let framesShown = 0;
    player.onFrame(() => (framesShown += 1));
    const rendered = () => (player as unknown as RendererOwner)._renderer?._prepared !== false && (framesShown > 0 || video.frames === 1);
    const end = () => {
      if (this.stage !== item) return;
      if (rendered()) this.finishStage('finished');
      else this.fallBack(item);
    };
    player.onFinished(() => {
      this.animating = false;
      end();
    });
    try {
      fx.showSvga(player, video);
      player.startAnimation();
      this.animating = true;
      // svgaplayerweb would play the movie's sound only through a `Howl` global: the kit plays it (svga-sound.ts).
      const sounds = fx.svgaSounds(video);
      if (sounds) {
        this.sound = new fx.EffectSound();
        this.sound.start((video as { audios?: SvgaAudioTrack[] }).audios ?? [], sounds, video.FPS);
      }
    } catch {
      this.fallBack(item);
      return;
    }
    // A player whose onFinished never comes (a tab in the background throttles rAF) must not hold the stage.
    const seconds = video.frames / Math.max(1, video.FPS);
    item.timer = this.setTimer(end, seconds * 1000 + 4_000);
  }

  /** The animation could not be had: the gift still shows, as a banner at the front of the lane queue. */
  private fallBack(item: Item): void {
    if (this.stage !== item) return;
    this.finishStage('failed');
    const banner: Item = { ...item, id: nextId++, fullscreen: false, mode: null, timer: undefined, leaving: false };
    this.bannerQueue.unshift(banner);
    this.schedulePump();
  }

  private finishStage(outcome: GiftEffectOutcome): void {
    const item = this.stage;
    if (!item) return;
    this.clearTimer(item.timer);
    if (this.animating) {
      this.player?.stopAnimation(true);
      this.animating = false;
    }
    this.sound?.stop();
    this.sound = undefined;
    this.player?.clear();
    this.stage = null;
    this.stageMode = 'idle';
    this.progress = 0;
    this.end(item, outcome);
    this.schedulePump();
  }

  private async ensurePlayer(): Promise<SvgaPlayer> {
    if (this.player) return this.player;
    const SVGA = await (await loadEffects()).loadSvgaModule();
    if (this.player) return this.player;
    const box = this.renderRoot.querySelector<HTMLElement>('.canvas-box');
    if (!box) throw new Error('not rendered');
    const canvas = this.ownerDocument.createElement('canvas');
    box.append(canvas);
    this.canvas = canvas;
    this.sizeCanvas();
    this.player = new SVGA.Player(canvas);
    return this.player;
  }

  /** svgaplayerweb maps the movie onto the canvas's CSS box, so its bitmap must match that box. */
  private sizeCanvas(): void {
    const canvas = this.canvas;
    const box = canvas?.parentElement;
    if (!canvas || !box) return;
    const width = Math.max(1, Math.round(box.clientWidth));
    const height = Math.max(1, Math.round(box.clientHeight));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
  }

  /** Stops and drops the svgaplayerweb player and its canvas (their bitmaps are the big memory here). */
  private releasePlayer(): void {
    if (this.player) {
      this.player.onFinished(() => undefined);
      this.player.stopAnimation(true);
      this.player.clear();
    }
    this.animating = false;
    this.sound?.stop();
    this.sound = undefined;
    this.player = undefined;
    if (this.canvas) {
      this.canvas.width = 0;
      this.canvas.height = 0;
      this.canvas.remove();
      this.canvas = undefined;
    }
  }

  // ---- preloading ----

  private schedulePreload(): void {
    const gifts = this.catalog.value;
    if (!this.preload || this.motionReduced || gifts === this.preloadedCatalog || gifts.length === 0) return;
    this.preloadedCatalog = gifts;
    const urls = [...new Set(gifts.map((g) => g.animationUrl).filter((u): u is string => !!u))];
    this.cancelPreload();
    const next = () => {
      this.preloadHandle = undefined;
      const url = urls.shift();
      if (!url || !this.isConnected) return;
      // One file at a time, each in idle time, so preloading never competes with what is on screen.
      loadEffects().then((fx) => fx.loadSvga(url)).catch(() => undefined).finally(() => {
        if (this.isConnected && this.preloadedCatalog === gifts) this.preloadHandle = this.idle(next);
      });
    };
    this.preloadHandle = this.idle(next);
  }

  private idle(fn: () => void): number {
    const view = this.ownerDocument.defaultView as (Window & typeof globalThis) | null;
    if (view && 'requestIdleCallback' in view) return view.requestIdleCallback(fn, { timeout: 2_000 });
    return window.setTimeout(fn, 200);
  }

  private cancelPreload(): void {
    if (this.preloadHandle === undefined) return;
    const view = this.ownerDocument.defaultView as (Window & typeof globalThis) | null;
    if (view && 'cancelIdleCallback' in view) view.cancelIdleCallback(this.preloadHandle);
    else clearTimeout(this.preloadHandle);
    this.preloadHandle = undefined;
  }

  // ---- helpers ----

  private subscribeEffects(): void {
    const room = this.activeRoom;
    if (room === this.effectsRoom && this.effects) return;
    this.effects?.unsubscribe();
    this.effectsRoom = room;
    this.effects = this.isConnected ? room?.giftEffects$.subscribe((effect) => this.play(effect)) : undefined;
  }

  private readonly onMotionChange = (event: MediaQueryListEvent) => {
    this.osReducedMotion = event.matches;
  };

  /** The sender's avatar: given with the effect, else whatever the room knows about the sender. */
  private avatarOf(effect: PlayableEffect): string {
    if (effect.senderAvatarUrl) return effect.senderAvatarUrl;
    const id = effect.senderId;
    const snapshot = this.activeRoom?.state.snapshot;
    if (!id || !snapshot) return '';
    const user =
      snapshot.seats.find((s) => s.user?.userId === id)?.user ??
      snapshot.audience.recent.find((u) => u.userId === id) ??
      (snapshot.info.owner.userId === id ? snapshot.info.owner : undefined);
    return user?.avatarUrl ?? '';
  }

  private sentence(item: Item): string {
    const e = item.effect;
    const params = { sender: e.senderName, gift: e.name, receiver: e.receiverName, count: item.combo };
    return item.combo > 1 ? msg('gift.announce', params) : msg('gift.announceOne', params);
  }

  /** The same sentence for display, names isolated (the live region keeps plain text for screen readers). */
  private sentenceIsolated(item: Item) {
    const e = item.effect;
    const params = { sender: e.senderName, gift: e.name, receiver: e.receiverName, count: item.combo };
    return item.combo > 1 ? msgIsolated('gift.announce', params) : msgIsolated('gift.announceOne', params);
  }

  private announce(item: Item): void {
    this.announcement = this.sentence(item);
  }

  private started(item: Item): void {
    this.announce(item);
    this.dispatchEvent(new VrGiftEffectStartEvent({ effect: item.effect, mode: item.mode ?? 'banner' }));
  }

  private end(item: Item, outcome: GiftEffectOutcome): void {
    this.clearTimer(item.timer);
    item.timer = undefined;
    this.dispatchEvent(new VrGiftEffectEndEvent({ effect: item.effect, mode: item.mode ?? (item.fullscreen ? 'fullscreen' : 'banner'), outcome, combo: item.combo }));
  }

  /** The ×N counter pops when a combo grows (a Web Animation: it cleans itself up). */
  private popCombos(): void {
    const items = this.stage ? [...this.banners, this.stage] : this.banners;
    for (const item of items) {
      const seen = this.bumpsSeen.get(item.id) ?? 0;
      if (item.bump === seen) continue;
      this.bumpsSeen.set(item.id, item.bump);
      if (this.motionReduced) continue;
      const counter =
        item === this.stage
          ? this.renderRoot.querySelector<HTMLElement>('.stage .combo')
          : this.renderRoot.querySelector<HTMLElement>(`.banner[data-id="${item.id}"] .combo`);
      counter?.animate?.(
        [{ transform: 'scale(1.7)', filter: 'brightness(1.5)' }, { transform: 'scale(0.92)' }, { transform: 'scale(1)' }],
        { duration: 320, easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)' },
      );
    }
  }

  private setTimer(fn: () => void, ms: number): number {
    const handle = window.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  private clearTimer(handle: number | undefined): void {
    if (handle === undefined) return;
    clearTimeout(handle);
    this.timers.delete(handle);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-gift-player': VrGiftPlayer;
  }
}
