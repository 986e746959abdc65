import { Subscription } from 'rxjs';
import type { BackendMedia } from '../backends/room-backend.js';
import { type MicrophoneSource, createMicrophone } from '../media/microphone.js';
import { ErrorCode, RoomError, toRoomError } from '../model/errors.js';
import {
  micOff,
  setAutoplay,
  setLevels,
  setListenerMuted,
  setMediaConnection,
  setMic,
  setSpeakerVolume,
} from './room-reducers.js';
import { MIC_OFF, type MicState, type RoomViewState } from './room-state.js';
import { myApplicationOf, mySeatOf, playbackVolume, seatMic, seatsOf } from './selectors.js';
import type { Store } from './store.js';

export interface RoomAudioOptions {
  readonly store: Store<RoomViewState>;
  /** The backend's audio half, if it carries audio. */
  readonly media: BackendMedia | undefined;
  /** The microphone a page gave the room (`RoomOptions.microphone`); undefined: the default for the backend. */
  readonly microphone: MicrophoneSource | null | undefined;
  readonly userId: string;
  /** Where an audio failure goes (the room's `error$`). */
  readonly report: (error: unknown) => void;
}

/**
 * The room's audio in this browser: the microphone follows my seat (opened before a take, published while seated,
 * silent while muted or locked, released when I leave it), playback follows my volumes and listener mute, and the
 * media transport's reports (levels, autoplay, connection) go into the store. The room state says what should be;
 * this makes the microphone and the backend's media match it after every change.
 */
export class RoomAudio {
  /** The microphone used on a seat, or null (no capture: the memory backend, Node). */
  readonly microphone: MicrophoneSource | null;
  readonly #store: Store<RoomViewState>;
  readonly #media: BackendMedia | undefined;
  readonly #userId: string;
  readonly #report: (error: unknown) => void;
  /** Seat takes / invitation answers in flight: the microphone stays open while they run. */
  #seatOps = 0;
  #published: MediaStreamTrack | null = null;
  readonly #appliedVolumes = new Map<number, number>();
  #reconcileQueued = false;
  /** Audio was shut down for a room this client is no longer in (ended, kicked, left). */
  #stopped = false;
  #closed = false;

  constructor(options: RoomAudioOptions) {
    this.#store = options.store;
    this.#media = options.media;
    this.#userId = options.userId;
    this.#report = options.report;
    // Outside a browser (Node tests, servers driving rooms) there is no microphone to open; in a browser even an
    // insecure page gets one, so that it can say why it cannot capture (−1003) instead of seating a silent user.
    const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
    this.microphone =
      options.microphone !== undefined
        ? options.microphone
        : this.#media?.needsMicrophone && inBrowser
          ? createMicrophone()
          : null;
    this.#media?.captureByStore?.(this.microphone !== null);
  }

  /** Follows the media's reports into the store and the store with the microphone and playback. */
  follow(): Subscription {
    const subscription = new Subscription();
    const media = this.#media;
    if (!media) return subscription;
    subscription.add(media.audio$.subscribe((report) => this.#store.update(setLevels(report))));
    subscription.add(media.autoplay$.subscribe((autoplay) => this.#store.update(setAutoplay(autoplay))));
    subscription.add(media.state$.subscribe((connection) => this.#store.update(setMediaConnection(connection))));
    // The microphone and playback follow the room: seated → publish, unseated → release, volumes → backend.
    subscription.add(this.#store.onChange(() => this.#queueReconcile()));
    return subscription;
  }

  /**
   * Starts audio with a start or join where the backend allows it (its offer request follows the join on the same
   * socket), so the negotiation overlaps the join's round trip instead of waiting for it (issue 14). Call the
   * function it returns once the join is answered: `live` brings audio up (a failure is reported on audio$ and
   * error$ but does not undo the join), otherwise what was started is taken down again.
   */
  enter(): (live: boolean) => Promise<void> {
    const media = this.#media;
    const early = media?.connectsWithEnter ? media.connect() : null;
    return async (live) => {
      if (live) (early ?? media?.connect())?.catch((error: unknown) => this.#report(error));
      else if (early) {
        early.catch(() => undefined);
        await media!.disconnect().catch(() => undefined);
      }
    };
  }

  /** Opens the microphone, then runs the seat operation; a refused microphone means no seat operation at all. */
  withMicrophone<R>(operation: () => Promise<R>): Promise<R> {
    this.#seatOps += 1;
    const mic = this.microphone;
    // Without a microphone to open the command goes out at once (pending$ shows it synchronously, as before).
    const running = !mic || mic.track ? operation() : this.#acquireMicrophone(mic).then(operation);
    return running.finally(() => {
      this.#seatOps -= 1;
      this.#queueReconcile();
    });
  }

  setListenerMute(muted: boolean): void {
    this.#store.update(setListenerMuted(muted));
  }

  setSpeakerVolume(userId: string, volume: number): void {
    this.#store.update(setSpeakerVolume(userId, Math.max(0, Math.min(100, Math.round(volume)))));
  }

  async enableSound(): Promise<void> {
    await this.#media?.enableSound();
  }

  async setOutputDevice(deviceId: string): Promise<void> {
    const media = this.#media;
    if (!media?.setOutputDevice)
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'This backend cannot choose the audio output');
    await media.setOutputDevice(deviceId);
  }

  /** Leaves audio entirely: no publishing, no microphone, no peer connection. */
  async stop(): Promise<void> {
    this.#published = null;
    this.microphone?.release();
    this.#appliedVolumes.clear();
    if (!this.#closed) this.#store.update(micOff());
    await this.#media?.disconnect().catch(() => undefined);
  }

  /** The room is done with audio: it stops, and the store is left alone from now on. */
  close(): void {
    this.#closed = true;
    void this.stop();
  }

  /** Opens `mic`, which has no track (`withMicrophone` asks only then). */
  async #acquireMicrophone(mic: MicrophoneSource): Promise<void> {
    this.#setMic({ status: 'acquiring' });
    try {
      await mic.acquire();
      this.#setMic({ status: 'on' });
    } catch (error) {
      const roomError = toRoomError(error);
      this.#setMic({ status: 'error', error: { code: roomError.code, message: roomError.message } });
      this.#report(roomError);
      throw roomError;
    }
  }

  #setMic(mic: MicState): void {
    if (!this.#closed) this.#store.update(setMic(mic));
  }

  #queueReconcile(): void {
    if (this.#reconcileQueued || this.#closed) return;
    this.#reconcileQueued = true;
    queueMicrotask(() => {
      this.#reconcileQueued = false;
      if (!this.#closed) this.#reconcile();
    });
  }

  /** Makes the microphone and playback match the room (idempotent; runs after every state change). */
  #reconcile(): void {
    const media = this.#media;
    if (!media) return;
    const s = this.#store.value;
    // Playback: every seat at my volume for its occupant, or silent while I muted listening.
    for (const seat of seatsOf(s)) {
      const userId = seat.user?.userId ?? null;
      const volume = playbackVolume(s.audio, userId);
      if (this.#appliedVolumes.get(seat.index) !== volume) {
        this.#appliedVolumes.set(seat.index, volume);
        media.setSeatVolume(seat.index, volume, userId);
      }
    }
    if (s.phase !== 'live' && s.phase !== 'joining') {
      if (s.phase !== 'idle' && !this.#stopped) {
        this.#stopped = true;
        void this.stop();
      }
      return;
    }
    this.#stopped = false;
    const mic = this.microphone;
    if (!mic) return;
    if (s.displaced) {
      // The other tab speaks for me now: this one gives the microphone back (its light goes out) until taken back.
      if (mic.track || this.#published) {
        this.#published = null;
        mic.release();
        if (s.audio.mic.status !== 'error') this.#setMic(MIC_OFF);
      }
      return;
    }
    const me = this.#userId;
    const seat = mySeatOf(me)(s);
    const applying = myApplicationOf(me)(s) !== null;
    if (seat) {
      const track = mic.track;
      if (!track) {
        // Seated without a microphone (the owner placed on seat 0 at start, or moved by someone): open it once;
        // after a failure, mic$ shows the error and the user retries.
        if (s.audio.mic.status === 'off' && this.#seatOps === 0) {
          void this.withMicrophone(async () => undefined).catch(() => undefined);
        }
        return;
      }
      const next = seatMic(seat);
      // Muted or locked: the track stays captured but sends silence (the server drops it anyway).
      track.enabled = next.status === 'on';
      if (this.#published !== track) {
        this.#published = track;
        media.publish(track).catch((error: unknown) => this.#report(error));
      }
      if (s.audio.mic.status !== next.status || s.audio.mic.reason !== next.reason) this.#setMic(next);
    } else if (this.#seatOps === 0 && !applying && (mic.track || this.#published)) {
      // Off the seat (left, kicked, application over): stop capture and give the microphone back.
      this.#published = null;
      media.unpublish().catch(() => undefined);
      mic.release();
      if (s.audio.mic.status !== 'error') this.#setMic(MIC_OFF);
    }
  }
}
