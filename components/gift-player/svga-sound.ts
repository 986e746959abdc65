// Sound for SVGA effects (issue 15). svgaplayerweb plays a movie's audio only through a `Howl` global (howler.js)
// and otherwise drops it silently; the kit plays the tracks itself with Web Audio, from the file's own bytes
// (decoded at load by svga-loader.ts), so no media-src and no extra library are needed.
//
// A 2.0 AudioEntity says: start the sound at `startFrame`, from `startTime` ms into it; `endFrame` is where it
// stops (0 or less than the start: it plays out). Times are scheduled on the AudioContext's clock from the moment
// the animation starts, which is the clock svgaplayerweb's animator follows closely enough for a gift effect.
//
// Autoplay: one AudioContext per page, created on the first effect with sound. If the browser keeps it suspended
// (no user gesture yet, `navigator.getAutoplayPolicy('audiocontext')` says "disallowed") the effect plays
// silently; the context is asked to resume once per effect, so sound comes back after the user interacts.

export interface SvgaAudioTrack {
  readonly audioKey: string;
  readonly startFrame: number;
  readonly endFrame: number;
  readonly startTime: number;
}

let context: AudioContext | undefined;

function audioContext(): AudioContext | undefined {
  if (context) return context;
  if (typeof AudioContext === 'undefined') return undefined;
  context = new AudioContext();
  return context;
}

/** The sound of one running effect; `stop()` silences it at once (the stage ended or was cleared). */
export class EffectSound {
  readonly #sources: AudioBufferSourceNode[] = [];
  #stopped = false;

  /** Sources scheduled and not yet ended (tests, status). */
  get playing(): number {
    return this.#sources.length;
  }

  /**
   * Schedules `tracks` of a movie at `fps`, counted from now. Returns without sound when the page may not play
   * audio yet; never throws (a gift effect is not worth an error over its sound).
   */
  start(tracks: readonly SvgaAudioTrack[], buffers: ReadonlyMap<string, AudioBuffer>, fps: number): void {
    // By the file's audio keys: a Map, so a track keyed `toString` finds no inherited function to "play" (which
    // threw, and silenced every other track of the effect with it).
    const playable = tracks.filter((t) => buffers.has(t.audioKey));
    if (playable.length === 0) return;
    const nav = navigator as Navigator & { getAutoplayPolicy?: (type: 'audiocontext') => string };
    try {
      if (nav.getAutoplayPolicy?.('audiocontext') === 'disallowed') return;
      const ctx = audioContext();
      if (!ctx) return;
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      // A context that is not running now would start the sounds late, whenever it resumes: play silently.
      if (ctx.state !== 'running') return;
      const now = ctx.currentTime;
      const rate = Math.max(1, fps);
      for (const track of playable) {
        const buffer = buffers.get(track.audioKey)!;
        const source = ctx.createBufferSource();
        source.buffer = buffer;
        source.connect(ctx.destination);
        const when = now + Math.max(0, track.startFrame) / rate;
        const offset = Math.min(buffer.duration, Math.max(0, track.startTime) / 1000);
        const duration = track.endFrame > track.startFrame ? (track.endFrame - track.startFrame) / rate : undefined;
        if (duration === undefined) source.start(when, offset);
        else source.start(when, offset, duration);
        source.addEventListener('ended', () => this.#forget(source));
        this.#sources.push(source);
      }
    } catch {
      this.stop();
    }
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const source of this.#sources.splice(0)) {
      try {
        source.stop();
      } catch {
        // Not started yet in some engines' eyes, or already stopped: either way it is silent.
      }
      source.disconnect();
    }
  }

  #forget(source: AudioBufferSourceNode): void {
    const at = this.#sources.indexOf(source);
    if (at >= 0) this.#sources.splice(at, 1);
    source.disconnect();
  }
}
