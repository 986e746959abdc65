import { GIFT_COMBO_WINDOW_MS, type GiftEffect } from '../model/gift.js';
import { comboKeyOf } from './gifts.js';

/**
 * The gift player's schedule without a page: which gifts show as banners in which order, which one has the
 * full-screen stage, which sends merge into a running combo, what a storm drops, and when each thing ends. It keeps
 * no timers and reads no clock: every call takes `now`, and `nextDeadline()` says when `advance(now)` has work, so
 * `<vr-gift-player>` wires one timer to it and Node tests drive it with a made-up clock.
 *
 * Calls answer what changed (started, merged, leaving, ended), in order; nothing starts before `pump(now)`, so the
 * caller can gather the effects of one task and let priority order them together.
 */

/** How an effect shows: an animation on the full-screen stage, a banner in a lane, or (reduced motion) a still card. */
export type GiftEffectMode = 'fullscreen' | 'banner' | 'still';

/** Why an effect ended: it played out, its animation failed (it then shows as a banner), or it was cut. */
export type GiftEffectOutcome = 'finished' | 'failed' | 'dropped' | 'cleared';

export interface GiftEffectSettings {
  /** Banners on screen at once. */
  readonly maxBanners: number;
  /** Effects that may wait; beyond it the oldest waiting banner is dropped (the storm cap). */
  readonly maxQueue: number;
  /** Full-screen effects that may wait; more are shown as banners. */
  readonly maxFullscreenQueue: number;
  /** How long a banner stays after its last combo. */
  readonly bannerDuration: number;
  /** How long a banner takes to slide out before its lane is free. */
  readonly leaveDuration: number;
  /** How long a full-screen gift's still card stays (reduced motion). */
  readonly stillDuration: number;
  /** Sends closer together than this (same sender, gift and receiver) merge into one combo. */
  readonly comboWindow: number;
  /** Nothing animates: full-screen gifts show as still cards and banners leave without sliding. */
  readonly reducedMotion: boolean;
}

export const DEFAULT_GIFT_EFFECT_SETTINGS: GiftEffectSettings = {
  maxBanners: 2,
  maxQueue: 24,
  maxFullscreenQueue: 4,
  bannerDuration: 3_200,
  leaveDuration: 260,
  stillDuration: 2_600,
  comboWindow: GIFT_COMBO_WINDOW_MS,
  reducedMotion: false,
};

/** One effect on its way through the queue. The queue owns it; callers read it. */
export interface GiftEffectItem {
  /** Unique within its queue: a fallback banner gets a new one. */
  readonly id: number;
  readonly effect: GiftEffect;
  readonly key: string;
  /** Wants the full-screen stage (has an animation); false for banners, demoted effects and failed loads. */
  readonly fullscreen: boolean;
  readonly combo: number;
  /** Last send merged into this item, for the combo window. */
  readonly lastAt: number;
  /** Bumped on every merge so the ×N counter can pop. */
  readonly bump: number;
  /** A banner sliding out: its lane frees at `until`, and it takes no more combos. */
  readonly leaving: boolean;
  /** How it shows, once started. */
  readonly mode: GiftEffectMode | null;
  /** When its current phase ends; undefined while it waits, and while an animation plays (its player ends it). */
  readonly until: number | undefined;
}

export type GiftEffectChange =
  | { readonly kind: 'start'; readonly item: GiftEffectItem; readonly mode: GiftEffectMode }
  | { readonly kind: 'merge'; readonly item: GiftEffectItem }
  | { readonly kind: 'leave'; readonly item: GiftEffectItem }
  | {
      readonly kind: 'end';
      readonly item: GiftEffectItem;
      readonly mode: GiftEffectMode;
      readonly outcome: GiftEffectOutcome;
    };

type Item = { -readonly [K in keyof GiftEffectItem]: GiftEffectItem[K] };

/** A product's own effect may carry names without IDs: the names then stand in for them. */
export function effectComboKey(effect: GiftEffect): string {
  return comboKeyOf(
    effect.senderId ?? effect.senderName,
    effect.giftId ?? effect.name,
    effect.receiverId ?? effect.receiverName,
  );
}

export class GiftEffectQueue {
  #bannerQueue: Item[] = [];
  #fullQueue: Item[] = [];
  #lanes: Item[] = [];
  #staged: Item | null = null;
  #nextId = 1;
  #droppedCount = 0;
  #mergedCount = 0;

  readonly #settings: () => GiftEffectSettings;

  /** `settings` is read on every call, so a caller's live properties (attributes, reduced motion) apply at once. */
  constructor(settings: () => GiftEffectSettings = () => DEFAULT_GIFT_EFFECT_SETTINGS) {
    this.#settings = settings;
  }

  /** Banners on screen, in lane order (including ones sliding out). */
  get banners(): readonly GiftEffectItem[] {
    return this.#lanes;
  }

  /** The effect on the full-screen stage (an animation or a still card). */
  get stage(): GiftEffectItem | null {
    return this.#staged;
  }

  /** Effects waiting for a lane or the stage. */
  get queued(): number {
    return this.#bannerQueue.length + this.#fullQueue.length;
  }

  /** Effects dropped by the storm cap. */
  get dropped(): number {
    return this.#droppedCount;
  }

  /** Sends merged into a running or waiting combo. */
  get merged(): number {
    return this.#mergedCount;
  }

  /** A send: merged into a combo it continues (shown or waiting), else queued by priority. Starts nothing. */
  play(effect: GiftEffect, now: number): GiftEffectChange[] {
    const key = effectComboKey(effect);
    const running = this.#findCombo(key, now);
    if (running) {
      // An effect from the store carries the combo the store counted (above its count): that figure wins when ahead.
      const counted = effect.combo ?? 0;
      running.combo = counted > effect.count ? Math.max(counted, running.combo) : running.combo + effect.count;
      running.lastAt = now;
      running.bump += 1;
      this.#mergedCount += 1;
      // A combo keeps its banner up: the time counts from the last send (#findCombo skips one on its way out).
      if (running.mode === 'banner') running.until = now + this.#settings().bannerDuration;
      return [{ kind: 'merge', item: running }];
    }
    const item: Item = {
      id: this.#nextId++,
      effect,
      key,
      fullscreen: !!effect.animationUrl,
      combo: effect.combo ?? effect.count,
      lastAt: now,
      bump: 0,
      leaving: false,
      mode: null,
      until: undefined,
    };
    return this.#enqueue(item);
  }

  /** Fills the stage first, then the free lanes: a full-screen effect never waits behind banners. */
  pump(now: number): GiftEffectChange[] {
    const changes: GiftEffectChange[] = [];
    if (!this.#staged && this.#fullQueue.length > 0) changes.push(this.#startStage(this.#fullQueue.shift()!, now));
    const { maxBanners } = this.#settings();
    while (this.#lanes.length < maxBanners && this.#bannerQueue.length > 0)
      changes.push(this.#startBanner(this.#bannerQueue.shift()!, now));
    return changes;
  }

  /** The earliest `until` of anything on screen: when `advance` next has work. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const item of this.#onScreen())
      if (item.until !== undefined && (next === undefined || item.until < next)) next = item.until;
    return next;
  }

  /**
   * Ends every phase due by `now`, earliest first: a banner's time runs out (it slides out), a banner that slid out
   * frees its lane (the next waiting effect takes it at once), a still card's time runs out (the stage frees; the
   * next full-screen effect waits for `pump`, like every stage change).
   */
  advance(now: number): GiftEffectChange[] {
    const changes: GiftEffectChange[] = [];
    for (;;) {
      let due: Item | undefined;
      for (const item of this.#onScreen())
        if (item.until !== undefined && item.until <= now && (!due || item.until < due.until!)) due = item;
      if (!due) return changes;
      if (due === this.#staged) {
        changes.push(...this.finishStage('finished'));
      } else if (!due.leaving) {
        due.leaving = true;
        due.until = now + (this.#settings().reducedMotion ? 0 : this.#settings().leaveDuration);
        changes.push({ kind: 'leave', item: due });
      } else {
        this.#lanes = this.#lanes.filter((b) => b !== due);
        due.until = undefined;
        changes.push(this.#ended(due, 'finished'), ...this.pump(now));
      }
    }
  }

  /**
   * Ends what is on the stage; the next one waits for `pump`. An animation that failed (it could not be loaded or
   * drawn) still shows its gift: as a banner at the front of the lane queue, past the storm cap (it was admitted).
   */
  finishStage(outcome: GiftEffectOutcome): GiftEffectChange[] {
    const item = this.#staged;
    if (!item) return [];
    item.until = undefined;
    this.#staged = null;
    if (outcome === 'failed')
      this.#bannerQueue.unshift({ ...item, id: this.#nextId++, fullscreen: false, mode: null, leaving: false });
    return [this.#ended(item, outcome)];
  }

  /** Stops everything now: the queue, every banner and the stage, each ending as cleared. */
  clear(): GiftEffectChange[] {
    const changes = [...this.#bannerQueue, ...this.#fullQueue, ...this.#lanes].map((item) =>
      this.#ended(item, 'cleared'),
    );
    this.#bannerQueue = [];
    this.#fullQueue = [];
    this.#lanes = [];
    return [...changes, ...this.finishStage('cleared')];
  }

  #onScreen(): Item[] {
    return this.#staged ? [...this.#lanes, this.#staged] : this.#lanes;
  }

  /** A combo continues what is on the stage, a banner, or a waiting effect; never a banner on its way out. */
  #findCombo(key: string, now: number): Item | undefined {
    const window = this.#settings().comboWindow;
    const fresh = (item: Item | null): item is Item =>
      !!item && item.key === key && !item.leaving && now - item.lastAt <= window;
    if (fresh(this.#staged)) return this.#staged;
    return this.#lanes.find(fresh) ?? this.#bannerQueue.find(fresh) ?? this.#fullQueue.find(fresh);
  }

  #enqueue(item: Item): GiftEffectChange[] {
    const { maxQueue, maxFullscreenQueue } = this.#settings();
    const changes: GiftEffectChange[] = [];
    // A room full of rockets still moves on: full-screen effects beyond their own cap wait as banners.
    if (item.fullscreen && this.#fullQueue.length >= maxFullscreenQueue) item.fullscreen = false;
    if (this.queued >= maxQueue) {
      // The storm cap: the oldest waiting banner goes first (the newest sends are the ones people look for);
      // a queue of nothing but full-screen effects drops its oldest, or the newcomer if it is a banner.
      const victim = this.#bannerQueue.shift() ?? (item.fullscreen ? this.#fullQueue.shift() : undefined);
      this.#droppedCount += 1;
      changes.push(this.#ended(victim ?? item, 'dropped'));
      if (!victim) return changes;
    }
    (item.fullscreen ? this.#fullQueue : this.#bannerQueue).push(item);
    return changes;
  }

  #startStage(item: Item, now: number): GiftEffectChange {
    this.#staged = item;
    // Reduced motion shows a still card for its time; an animation has no deadline here, its player ends it. What
    // comes from the full-screen queue has an animation: only an effect with one is queued there.
    const still = this.#settings().reducedMotion;
    item.mode = still ? 'still' : 'fullscreen';
    item.until = still ? now + this.#settings().stillDuration : undefined;
    return { kind: 'start', item, mode: item.mode };
  }

  #startBanner(item: Item, now: number): GiftEffectChange {
    item.mode = 'banner';
    item.until = now + this.#settings().bannerDuration;
    this.#lanes = [...this.#lanes, item];
    return { kind: 'start', item, mode: 'banner' };
  }

  #ended(item: Item, outcome: GiftEffectOutcome): GiftEffectChange {
    return { kind: 'end', item, mode: item.mode ?? (item.fullscreen ? 'fullscreen' : 'banner'), outcome };
  }
}
