import type { Gift } from '../../src/index.js';
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

/** svgaplayerweb's renderer state (src/Canvas/renderer.js): `_prepared` turns true once its images have loaded. */
interface RendererOwner {
  readonly _renderer?: { readonly _prepared?: boolean };
}

/** What the element hears about one animation it asked for. Nothing more is heard after `stop()`. */
export interface AnimationRun {
  /** How much of the file has loaded, while it loads. */
  onProgress(fraction: number): void;
  /** It loaded and now plays (not called for a file that was ready at once). */
  onPlaying(): void;
  /** Called once: 'finished' after its frames were drawn, 'failed' when it could not be loaded, parsed or drawn. */
  onEnd(outcome: 'finished' | 'failed'): void;
}

/** The element the stage draws in: its `.canvas-box` gets the canvas. */
export interface StageHost {
  readonly ownerDocument: Document;
  readonly renderRoot: ParentNode;
  readonly isConnected: boolean;
}

/**
 * The full-screen animation of `<vr-gift-player>`: loads an SVGA file, plays it once in one svgaplayerweb Player
 * with its sound, and says how it ended. The player and its canvas are made with the first animation and kept
 * until `release()`. Also preloads a catalog's files in idle time.
 */
export class SvgaStage {
  /** The svgaplayerweb Player, once one was needed. */
  player: SvgaPlayer | undefined;
  sound: EffectSound | undefined;
  #canvas: HTMLCanvasElement | undefined;
  #animating = false;
  /** The load timeout, then the safety net once the animation plays. */
  #timer: number | undefined;
  /** The run allowed to call back; `stop()` forgets it. */
  #run: AnimationRun | undefined;
  #preloadHandle: number | undefined;
  /** The catalog being preloaded; a new one (or `cancelPreload()`) stops the walk through the old one. */
  #preloading: readonly Gift[] | undefined;

  readonly #host: StageHost;

  constructor(host: StageHost) {
    this.#host = host;
  }

  /** Pending timers, idle callbacks and running animations: 0 when the stage is quiet. */
  get pending(): number {
    return (
      (this.#timer !== undefined ? 1 : 0) + (this.#preloadHandle !== undefined ? 1 : 0) + (this.#animating ? 1 : 0)
    );
  }

  /** The file is loaded and parsed: it plays at once, with no loading state. */
  isReady(url: string): boolean {
    return effects?.cachedSvga(url) !== undefined;
  }

  /** Plays `url` once, in place of whatever played before; gives up if it has not loaded after `loadTimeout` ms. */
  play(url: string, loadTimeout: number, run: AnimationRun): void {
    this.stop();
    this.#run = run;
    const ready = effects?.cachedSvga(url);
    if (ready) {
      void this.#show(run, ready);
      return;
    }
    this.#setTimer(() => this.#end(run, 'failed'), loadTimeout);
    loadEffects()
      .then((fx) => fx.loadSvga(url, { onProgress: (fraction) => this.#run === run && run.onProgress(fraction) }))
      .then(
        (video) => {
          if (this.#run !== run) return;
          this.#setTimer(undefined);
          run.onPlaying();
          void this.#show(run, video);
        },
        () => this.#end(run, 'failed'),
      );
  }

  /** Stops the animation, its sound and its timer, without calling back. */
  stop(): void {
    this.#run = undefined;
    this.#setTimer(undefined);
    if (this.#animating) {
      this.player?.stopAnimation(true);
      this.#animating = false;
    }
    this.sound?.stop();
    this.sound = undefined;
    this.player?.clear();
  }

  /** Stops preloading, and stops and drops the svgaplayerweb player and its canvas (their bitmaps are the big memory here). */
  release(): void {
    this.cancelPreload();
    this.#run = undefined;
    this.#setTimer(undefined);
    if (this.player) {
      this.player.onFinished(() => undefined);
      this.player.stopAnimation(true);
      this.player.clear();
    }
    this.#animating = false;
    this.sound?.stop();
    this.sound = undefined;
    this.player = undefined;
    if (this.#canvas) {
      this.#canvas.width = 0;
      this.#canvas.height = 0;
      this.#canvas.remove();
      this.#canvas = undefined;
    }
  }

  /**
   * Fetches and parses the catalog's animations one at a time, each in idle time, so the first send of each plays
   * at once and preloading never competes with what is on screen. The same catalog again is a no-op.
   */
  preload(catalog: readonly Gift[]): void {
    if (catalog === this.#preloading || catalog.length === 0) return;
    this.cancelPreload();
    this.#preloading = catalog;
    const urls = [...new Set(catalog.map((g) => g.animationUrl).filter((u): u is string => !!u))];
    const next = () => {
      this.#preloadHandle = undefined;
      const url = urls.shift();
      if (!url) return;
      // Off the page before the walk began (the part came after the player left, so no release() ended it): the same
      // catalog starts again when the player is back, rather than counting as preloaded.
      if (!this.#host.isConnected) return void (this.#preloading = undefined);
      loadEffects()
        .then((fx) => fx.loadSvga(url))
        .catch(() => undefined)
        .finally(() => {
          if (this.#host.isConnected && this.#preloading === catalog) this.#preloadHandle = this.#idle(next);
        });
    };
    this.#preloadHandle = this.#idle(next);
  }

  cancelPreload(): void {
    this.#preloading = undefined;
    if (this.#preloadHandle === undefined) return;
    const view = this.#host.ownerDocument.defaultView as (Window & typeof globalThis) | null;
    if (view && 'cancelIdleCallback' in view) view.cancelIdleCallback(this.#preloadHandle);
    else clearTimeout(this.#preloadHandle);
    this.#preloadHandle = undefined;
  }

  #end(run: AnimationRun, outcome: 'finished' | 'failed'): void {
    if (this.#run !== run) return;
    this.stop();
    run.onEnd(outcome);
  }

  async #show(run: AnimationRun, video: SvgaVideo): Promise<void> {
    let player: SvgaPlayer;
    let fx: SvgaEffects;
    try {
      fx = await loadEffects();
      player = await this.#ensurePlayer();
    } catch {
      this.#end(run, 'failed');
      return;
    }
    if (this.#run !== run) return;
    this.#sizeCanvas();
    // A movie with nothing to show (the loader refuses such files; svgaplayerweb's own parser does not) is a
    // failure: it would otherwise leave a blank stage and end as 'finished'.
    if (!(video.frames >= 1) || (video as { sprites?: unknown[] }).sprites?.length === 0) {
      this.#end(run, 'failed');
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
    const rendered = () =>
      (player as unknown as RendererOwner)._renderer?._prepared !== false && (framesShown > 0 || video.frames === 1);
    const done = () => this.#end(run, rendered() ? 'finished' : 'failed');
    player.onFinished(() => {
      this.#animating = false;
      done();
    });
    try {
      fx.showSvga(player, video);
      player.startAnimation();
      this.#animating = true;
      // svgaplayerweb would play the movie's sound only through a `Howl` global: the kit plays it (svga-sound.ts).
      const sounds = fx.svgaSounds(video);
      if (sounds) {
        this.sound = new fx.EffectSound();
        this.sound.start((video as { audios?: SvgaAudioTrack[] }).audios ?? [], sounds, video.FPS);
      }
    } catch {
      this.#end(run, 'failed');
      return;
    }
    // A player whose onFinished never comes (a tab in the background throttles rAF) must not hold the stage.
    const seconds = video.frames / Math.max(1, video.FPS);
    this.#setTimer(done, seconds * 1000 + 4_000);
  }

  async #ensurePlayer(): Promise<SvgaPlayer> {
    if (this.player) return this.player;
    const SVGA = await (await loadEffects()).loadSvgaModule();
    if (this.player) return this.player;
    const box = this.#host.renderRoot.querySelector<HTMLElement>('.canvas-box');
    if (!box) throw new Error('not rendered');
    const canvas = this.#host.ownerDocument.createElement('canvas');
    box.append(canvas);
    this.#canvas = canvas;
    this.#sizeCanvas();
    this.player = new SVGA.Player(canvas);
    return this.player;
  }

  /** svgaplayerweb maps the movie onto the canvas's CSS box, so its bitmap must match that box. */
  #sizeCanvas(): void {
    const canvas = this.#canvas;
    const box = canvas?.parentElement;
    if (!canvas || !box) return;
    const width = Math.max(1, Math.round(box.clientWidth));
    const height = Math.max(1, Math.round(box.clientHeight));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
  }

  /** Replaces the stage's one timer (or just clears it). */
  #setTimer(fn: (() => void) | undefined, ms = 0): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!fn) return;
    const handle = window.setTimeout(() => {
      if (this.#timer === handle) this.#timer = undefined;
      fn();
    }, ms);
    this.#timer = handle;
  }

  #idle(fn: () => void): number {
    const view = this.#host.ownerDocument.defaultView as (Window & typeof globalThis) | null;
    if (view && 'requestIdleCallback' in view) return view.requestIdleCallback(fn, { timeout: 2_000 });
    return window.setTimeout(fn, 200);
  }
}
