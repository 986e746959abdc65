import { BehaviorSubject, type Observable, distinctUntilChanged } from 'rxjs';

/**
 * Whether this page may play sound. `blocked`: the browser refused to start playback without a user gesture;
 * call `enableSound()` from a click. `idle`: nothing to play yet.
 */
export type AutoplayState = 'idle' | 'playing' | 'blocked';

/**
 * Plays one remote audio track per seat through its own <audio> element (kept out of the DOM), with a volume per
 * seat (0–100; 0 = silent) and an optional output device. Chromium also needs the element to play for the
 * receiver to decode (getStats' audioLevel stays 0 otherwise), so even a silenced seat keeps playing, muted.
 */
export class SeatPlayback {
  readonly #elements = new Map<number, HTMLAudioElement>();
  readonly #volumes = new Map<number, number>();
  #sinkId: string | null = null;
  readonly #autoplay = new BehaviorSubject<AutoplayState>('idle');
  readonly autoplay$: Observable<AutoplayState> = this.#autoplay.pipe(distinctUntilChanged());

  get autoplayState(): AutoplayState {
    return this.#autoplay.getValue();
  }

  attach(seat: number, track: MediaStreamTrack | null): void {
    this.detach(seat);
    if (!track || typeof document === 'undefined') return;
    const element = document.createElement('audio');
    element.autoplay = true;
    element.srcObject = new MediaStream([track]);
    this.#elements.set(seat, element);
    this.#applyVolume(seat, element);
    if (this.#sinkId) void this.#setSink(element, this.#sinkId);
    this.#play(element);
  }

  detach(seat: number): void {
    const element = this.#elements.get(seat);
    if (!element) return;
    element.pause();
    element.srcObject = null;
    this.#elements.delete(seat);
  }

  /** 0–100 for this seat in this browser only; 0 silences it. */
  setVolume(seat: number, volume: number): void {
    this.#volumes.set(seat, Math.max(0, Math.min(100, volume)));
    const element = this.#elements.get(seat);
    if (element) this.#applyVolume(seat, element);
  }

  /** What this browser actually does with a seat right now (tests and diagnostics). */
  outputOf(seat: number): { readonly playing: boolean; readonly muted: boolean; readonly volume: number } | null {
    const element = this.#elements.get(seat);
    return element
      ? { playing: !element.paused, muted: element.muted, volume: Math.round(element.volume * 100) }
      : null;
  }

  volumeOf(seat: number): number {
    return this.#volumes.get(seat) ?? 100;
  }

  /** Routes every seat to an output device (HTMLMediaElement.setSinkId); rejects where unsupported. */
  async setOutput(deviceId: string): Promise<void> {
    this.#sinkId = deviceId;
    await Promise.all([...this.#elements.values()].map((e) => this.#setSink(e, deviceId)));
  }

  /** Starts playback after a user gesture (the answer to `autoplay$ === 'blocked'`). */
  async enableSound(): Promise<void> {
    const results = await Promise.allSettled([...this.#elements.values()].map((e) => e.play()));
    if (results.every((r) => r.status === 'fulfilled'))
      this.#autoplay.next(this.#elements.size > 0 ? 'playing' : 'idle');
    else throw (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
  }

  dispose(): void {
    for (const seat of [...this.#elements.keys()]) this.detach(seat);
    this.#autoplay.next('idle');
  }

  #applyVolume(seat: number, element: HTMLAudioElement): void {
    const volume = this.volumeOf(seat);
    element.muted = volume === 0;
    element.volume = volume / 100;
  }

  #play(element: HTMLAudioElement): void {
    element.play().then(
      () => {
        if (this.#autoplay.getValue() !== 'blocked') this.#autoplay.next('playing');
      },
      (error: unknown) => {
        if (error && typeof error === 'object' && (error as { name?: string }).name === 'NotAllowedError')
          this.#autoplay.next('blocked');
      },
    );
  }

  async #setSink(element: HTMLAudioElement, deviceId: string): Promise<void> {
    const withSink = element as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (typeof withSink.setSinkId !== 'function') throw new Error('This browser cannot choose the audio output');
    await withSink.setSinkId(deviceId);
  }
}
