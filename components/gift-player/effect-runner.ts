import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import type {
  Gift,
  GiftEffectChange,
  GiftEffectItem,
  GiftEffectMode,
  GiftEffectOutcome,
  GiftEffectQueue,
} from '../../src/index.js';
import { avatarIn } from '../base/identity.js';
import { VrGiftEffectStartEvent } from '../events/gift-effect.js';
import { msg } from '../i18n/locale.js';
import { banner, popCounter, sentence, stageCaption, stillCard } from './effect-views.js';
import type { VrGiftPlayer } from './gift-player.js';
import type { GiftPlayerStatus } from './status.js';
import { SvgaStage } from './svga-stage.js';

/**
 * What the runner reads from `<vr-gift-player>` and tells it: its public options, room and events it reads and
 * dispatches itself; the queue and the end events are the element's (effects end before the runner exists too).
 */
export interface RunnerHost {
  readonly element: VrGiftPlayer;
  /** The player's queue (a new one after each disconnect). */
  readonly queue: () => GiftEffectQueue;
  /** An effect ended: the element's event. */
  readonly ended: (item: GiftEffectItem, mode: GiftEffectMode, outcome: GiftEffectOutcome) => void;
}

/**
 * What plays the gift player's queue once its part is there (issue 14): the queue's changes shown (events, the
 * announcement, the animation), one timer at the queue's next deadline, the full-screen stage, the combo pops, and
 * the banners and stage content drawn. Until it is there the element only queues (the storm cap and combos apply
 * there, src/rules/gift-effects.ts), so nothing that arrived is lost; it makes a runner when the part arrives and the
 * runner starts what waited.
 */
export class EffectRunner {
  /** The full-screen stage (svgaplayerweb, the effect sound), made with the runner. */
  readonly svga: SvgaStage;
  /** The polite live region's sentence. */
  announcement = '';
  /** Where a full-screen animation is; the queue knows the rest (idle, still). */
  #stagePhase: 'loading' | 'playing' = 'loading';
  #progress = 0;
  /** The one timer wired to the queue: it fires at the queue's next deadline, `clockAt`. */
  #clock: number | undefined;
  #clockAt: number | undefined;
  #pumpScheduled = false;
  readonly #bumpsSeen = new Map<number, number>();

  readonly #host: RunnerHost;

  constructor(host: RunnerHost) {
    this.#host = host;
    this.svga = new SvgaStage(host.element);
    // What waited in the queue for this part starts now, after the update that made the runner.
    this.schedulePump();
  }

  get stageMode(): GiftPlayerStatus['stage'] {
    const stage = this.#host.queue().stage;
    if (!stage) return 'idle';
    return stage.mode === 'still' ? 'still' : this.#stagePhase;
  }

  /** Its pending timer and the stage's: 0 when quiet. */
  get timers(): number {
    return (this.#clock !== undefined ? 1 : 0) + this.svga.pending;
  }

  /** Shows what the queue decided: events, the announcement, the animation, and the timer for its next deadline. */
  apply(changes: readonly GiftEffectChange[]): void {
    for (const change of changes) {
      const { item } = change;
      if (change.kind === 'start' && change.mode === 'fullscreen') this.#startAnimation(item);
      else if (change.kind === 'start') this.#started(item);
      else if (change.kind === 'merge' && item.mode !== null) this.#announce(item);
      else if (change.kind === 'end') {
        this.#bumpsSeen.delete(item.id);
        this.#host.ended(item, change.mode, change.outcome);
      }
    }
    this.#armClock();
    this.#host.element.requestUpdate();
  }

  /** A new effect: what the queue decided at once (a merge, a drop), then a pump. */
  play(changes: readonly GiftEffectChange[]): void {
    this.apply(changes);
    this.schedulePump();
  }

  /** Effects arriving in the same task are ordered by priority together before anything starts. */
  schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      if (this.#host.element.isConnected) this.apply(this.#host.queue().pump(performance.now()));
    });
  }

  /** Stops everything now: the stage, every banner and the queue. */
  clear(): void {
    this.svga.stop();
    this.apply(this.#host.queue().clear());
    this.announcement = '';
  }

  /** The player left the page (after `clear()`): the stage lets go of its player and canvas. */
  release(): void {
    this.svga.release();
    this.#bumpsSeen.clear();
  }

  /** For the element's `updated`: the combos that grew pop, and the catalog preloads. */
  updated(catalog: readonly Gift[]): void {
    this.#popCombos();
    const { element } = this.#host;
    if (element.preload && !element.motionReduced) this.svga.preload(catalog);
  }

  /**
   * The player's view: banner lanes and the full-screen stage with its canvas box. The live region speaking
   * `announcement` is the element's own, on the page before this part (gift-player.ts).
   */
  render() {
    const mode = this.stageMode;
    return html`
      <div part="lanes" class="lanes" aria-hidden="true">${this.#banners()}</div>
      <div part="stage" class=${classMap({ stage: true, active: mode !== 'idle', [mode]: true })} aria-hidden="true">
        <div class="canvas-box"></div>
        ${this.#stageContent()}
      </div>
    `;
  }

  #banners() {
    const reduced = this.#host.element.motionReduced;
    const snapshot = this.#host.element.activeRoom?.state.snapshot;
    return repeat(
      this.#host.queue().banners,
      (item) => item.id,
      (item) => banner(item, item.effect.senderAvatarUrl || avatarIn(snapshot, item.effect.senderId), reduced),
    );
  }

  #stageContent() {
    const item = this.#host.queue().stage;
    if (!item) return nothing;
    return this.stageMode === 'still'
      ? stillCard(item)
      : stageCaption(item, this.stageMode === 'loading', this.#progress);
  }

  /** One timer for the whole queue, due when the first banner or still card on screen is. */
  #armClock(): void {
    const at = this.#host.queue().nextDeadline();
    if (at === this.#clockAt) return;
    clearTimeout(this.#clock);
    this.#clockAt = at;
    this.#clock = undefined;
    if (at === undefined) return;
    // Rounded up: a timer a fraction of a millisecond early would find nothing due and spin once more.
    this.#clock = window.setTimeout(
      () => {
        this.#clock = this.#clockAt = undefined;
        this.apply(this.#host.queue().advance(performance.now()));
        this.schedulePump(); // a still card that ended frees the stage for the next full-screen effect
      },
      Math.ceil(at - performance.now()),
    );
  }

  #startAnimation(item: GiftEffectItem): void {
    const url = item.effect.animationUrl!;
    this.#progress = 0;
    this.#stagePhase = this.svga.isReady(url) ? 'playing' : 'loading';
    this.#started(item);
    this.svga.play(url, this.#host.element.loadTimeout, {
      onProgress: (fraction) => {
        this.#progress = fraction;
        this.#host.element.requestUpdate();
      },
      onPlaying: () => {
        this.#stagePhase = 'playing';
        this.#host.element.requestUpdate();
      },
      onEnd: (outcome) => this.#endAnimation(item, outcome),
    });
  }

  /** The animation ended; one that failed shows its gift as a banner instead (the queue puts it first in line). */
  #endAnimation(item: GiftEffectItem, outcome: 'finished' | 'failed'): void {
    const queue = this.#host.queue();
    if (queue.stage !== item) return;
    this.svga.stop();
    this.apply(queue.finishStage(outcome));
    this.schedulePump();
  }

  #announce(item: GiftEffectItem): void {
    this.announcement = sentence(item, msg);
  }

  #started(item: GiftEffectItem): void {
    this.#announce(item);
    const mode = item.mode ?? 'banner';
    this.#host.element.dispatchEvent(new VrGiftEffectStartEvent({ effect: item.effect, mode }));
  }

  /** The ×N counters of the combos that grew since the last update pop (not under reduced motion). */
  #popCombos(): void {
    const queue = this.#host.queue();
    const stage = queue.stage;
    const items = stage ? [...queue.banners, stage] : queue.banners;
    for (const item of items) {
      const seen = this.#bumpsSeen.get(item.id) ?? 0;
      if (item.bump === seen) continue;
      this.#bumpsSeen.set(item.id, item.bump);
      if (this.#host.element.motionReduced) continue;
      const selector = item === stage ? '.stage .combo' : `.banner[data-id="${item.id}"] .combo`;
      popCounter(this.#host.element.renderRoot.querySelector<HTMLElement>(selector));
    }
  }
}
