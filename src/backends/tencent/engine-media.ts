import { BehaviorSubject, type Observable, distinctUntilChanged } from 'rxjs';
import type { AutoplayState } from '../../media/playback.js';
import type { Seat } from '../../model/seat.js';
import type { BackendMedia, MediaConnectionState, SeatAudioReport } from '../room-backend.js';
import type { EngineInstance, RoomEventPayloads } from './engine-sdk.js';

/**
 * The store's audio port over RoomEngine, so a Tencent room shows the same voice UI as a local one. The engine
 * captures and publishes the microphone itself (its web SDK takes no outside track), so `publish` opens the engine's
 * microphone when the store has opened the kit's (which keeps device choice, permission errors and the level meter),
 * and `unpublish` closes it. The engine's per-user volumes become per-seat speaking levels, its audio states the
 * seats whose audio reaches listeners, and `onAutoPlayFailed` the `blocked` autoplay state `enableSound()` resumes.
 */
export class EngineMedia implements BackendMedia {
  readonly needsMicrophone = true;
  readonly #state = new BehaviorSubject<MediaConnectionState>('idle');
  readonly #report = new BehaviorSubject<SeatAudioReport>({ levels: {}, active: [] });
  readonly #autoplay = new BehaviorSubject<AutoplayState>('idle');
  readonly state$: Observable<MediaConnectionState> = this.#state.pipe(distinctUntilChanged());
  readonly audio$: Observable<SeatAudioReport> = this.#report.asObservable();
  readonly autoplay$: Observable<AutoplayState> = this.#autoplay.pipe(distinctUntilChanged());

  /** Users whose audio is on the air, as the engine reports it. */
  readonly #audible = new Set<string>();
  #levels = new Map<string, number>();
  readonly #resumes: Array<() => void> = [];
  #microphoneOpen = false;

  readonly #engine: () => EngineInstance | null;
  /** The seats as the backend's mirror has them now. */
  readonly #seats: () => readonly Seat[];

  constructor(engine: () => EngineInstance | null, seats: () => readonly Seat[]) {
    this.#engine = engine;
    this.#seats = seats;
  }

  /** Whether the engine reports this user's audio as on (the backend derives self-mute from it). */
  isAudible(userId: string): boolean {
    return this.#audible.has(userId);
  }

  audioState({ userId, hasAudio }: RoomEventPayloads['onUserAudioStateChanged']): void {
    if (hasAudio) this.#audible.add(userId);
    else this.#audible.delete(userId);
    if (hasAudio && this.#autoplay.getValue() === 'idle') this.#autoplay.next('playing');
    this.#publishReport();
  }

  volumes({ userVolumeList }: RoomEventPayloads['onUserVoiceVolumeChanged']): void {
    this.#levels = new Map((userVolumeList ?? []).map((v) => [v.userId, v.volume] as const));
    this.#publishReport();
  }

  autoplayFailed({ resume }: RoomEventPayloads['onAutoPlayFailed']): void {
    this.#resumes.push(resume);
    this.#autoplay.next('blocked');
  }

  /** The seats changed hands: the same levels now belong to other seats. */
  seatsChanged(): void {
    this.#publishReport();
  }

  /** Entered or left the room: audio rides on the room, so that is the transport's state. */
  entered(inRoom: boolean): void {
    this.#state.next(inRoom ? 'connected' : 'idle');
    if (!inRoom) this.#clear();
  }

  captureByStore(): void {
    // The engine captures by itself; the store's capture only decides when (see publish).
  }

  async connect(): Promise<void> {
    // Audio comes with entering the room (joinLive/startLive); nothing more to connect.
  }

  async disconnect(): Promise<void> {
    await this.unpublish();
  }

  async publish(): Promise<void> {
    const engine = this.#engine();
    if (!engine || this.#microphoneOpen) return;
    this.#microphoneOpen = true;
    try {
      await engine.openLocalMicrophone();
    } catch (error) {
      this.#microphoneOpen = false;
      throw error;
    }
  }

  async unpublish(): Promise<void> {
    const engine = this.#engine();
    if (!engine || !this.#microphoneOpen) return;
    this.#microphoneOpen = false;
    await engine.closeLocalMicrophone().catch(() => undefined);
  }

  /**
   * The web engine has one playout volume for the whole room, so a seat's volume here is all-or-nothing for its
   * occupant: 0 mutes them in this browser, anything else plays them.
   */
  setSeatVolume(_seatIndex: number, volume: number, userId: string | null): void {
    const engine = this.#engine();
    if (engine && userId) void engine.muteRemoteAudioStream({ userId, isMute: volume === 0 }).catch(() => undefined);
  }

  async enableSound(): Promise<void> {
    for (const resume of this.#resumes.splice(0)) {
      try {
        resume();
      } catch {
        // A resume that fails leaves that user silent; the next autoplay failure asks again.
      }
    }
    this.#autoplay.next('playing');
  }

  async setOutputDevice(deviceId: string): Promise<void> {
    await this.#engine()?.setCurrentSpeakerDevice({ deviceId });
  }

  #clear(): void {
    this.#audible.clear();
    this.#levels.clear();
    this.#microphoneOpen = false;
    this.#publishReport();
  }

  #publishReport(): void {
    const levels: Record<number, number> = {};
    const active: number[] = [];
    for (const seat of this.#seats()) {
      const userId = seat.user?.userId;
      if (!userId) continue;
      const level = Math.max(0, Math.min(100, Math.round(this.#levels.get(userId) ?? 0)));
      if (level > 0) levels[seat.index] = level;
      if (this.#audible.has(userId)) active.push(seat.index);
    }
    this.#report.next({ levels, active });
  }
}
