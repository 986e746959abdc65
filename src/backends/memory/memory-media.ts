import { BehaviorSubject, type Observable, distinctUntilChanged } from 'rxjs';
import type { AutoplayState } from '../../media/playback.js';
import type { BackendMedia, MediaConnectionState, SeatAudioReport } from '../room-backend.js';

/**
 * The memory backend moves no audio (there is no network), but it keeps the media port's promises: connecting,
 * publishing and volumes are accepted and reported, so the store's audio state (mic, per-seat audio, local mutes)
 * behaves the same in demos and tests without a microphone. `active: null` tells the store to derive who is
 * audible from the seats.
 */
export class MemoryMedia implements BackendMedia {
  readonly needsMicrophone = false;
  readonly #state = new BehaviorSubject<MediaConnectionState>('idle');
  readonly state$: Observable<MediaConnectionState> = this.#state.pipe(distinctUntilChanged());
  readonly audio$: Observable<SeatAudioReport> = new BehaviorSubject<SeatAudioReport>({ levels: {}, active: null });
  readonly autoplay$: Observable<AutoplayState> = new BehaviorSubject<AutoplayState>('playing');
  readonly volumes = new Map<number, number>();
  published: MediaStreamTrack | null = null;

  async connect(): Promise<void> {
    this.#state.next('connected');
  }
  async disconnect(): Promise<void> {
    this.published = null;
    this.#state.next('idle');
  }
  async publish(track: MediaStreamTrack): Promise<void> {
    this.published = track;
  }
  async unpublish(): Promise<void> {
    this.published = null;
  }
  setSeatVolume(seatIndex: number, volume: number): void {
    this.volumes.set(seatIndex, volume);
  }
  async enableSound(): Promise<void> {}

  /** Reports a transport state as a real one would (a demo or test of what a room shows when audio drops). */
  setConnectionState(state: MediaConnectionState): void {
    this.#state.next(state);
  }
}
