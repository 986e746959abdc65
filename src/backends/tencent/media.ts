import { BehaviorSubject, type Observable, distinctUntilChanged } from 'rxjs';
import type { AutoplayState } from '../../media/playback.js';
import type { Seat } from '../../model/seat.js';
import { entry } from '../../rules/records.js';
import type { BackendMedia, MediaConnectionState, SeatAudioReport } from '../room-backend.js';
import type { TencentAudio, TencentAudioEvent } from './audio.js';

/**
 * The store's audio port over TRTC, so a Tencent room shows the same voice UI as a local one: the store captures
 * the microphone (device choice, permission errors, mute) and hands the track over (TRTC custom capture); TRTC's
 * volume evaluation becomes per-seat speaking levels 0–100, remote audio available/unavailable becomes the seats
 * whose audio reaches listeners, AUTOPLAY_FAILED the `blocked` autoplay state that `enableSound()` resumes, and
 * per-seat volumes go to `setRemoteAudioVolume` of the seat's occupant. Role switching and publishing follow the
 * seat in TencentAudio; this class only translates.
 */
export class TencentMedia implements BackendMedia {
  readonly needsMicrophone = true;
  private readonly state = new BehaviorSubject<MediaConnectionState>('idle');
  private readonly report = new BehaviorSubject<SeatAudioReport>({ levels: {}, active: [] });
  private readonly autoplay = new BehaviorSubject<AutoplayState>('idle');
  readonly state$: Observable<MediaConnectionState> = this.state.pipe(distinctUntilChanged());
  readonly audio$: Observable<SeatAudioReport> = this.report.asObservable();
  readonly autoplay$: Observable<AutoplayState> = this.autoplay.pipe(distinctUntilChanged());

  private track: MediaStreamTrack | null = null;
  private driven = false;
  /** Users whose audio is on the air (remote: available; me: publishing unmuted). */
  private readonly audible = new Set<string>();
  private levels: Readonly<Record<string, number>> = {};
  private readonly resumes: Array<() => Promise<void>> = [];

  constructor(
    /** My user ID (known once signed in). */
    private readonly myId: () => string,
    /** The seats as this client knows them now (the owner's engine or a member's mirror). */
    private readonly seats: () => readonly Seat[],
    private readonly audio: () => TencentAudio | null,
  ) {}

  /** Every TencentAudio event passes here (the backend forwards them). */
  handle(event: TencentAudioEvent): void {
    switch (event.type) {
      case 'connection':
        this.state.next(event.state === 'connected' ? 'connected' : event.state === 'disconnected' ? 'idle' : 'connecting');
        if (event.state === 'disconnected') this.clear();
        break;
      case 'kicked':
        this.state.next('idle');
        this.clear();
        break;
      case 'levels':
        this.levels = event.levels;
        this.publishReport();
        break;
      case 'remote-audio':
        if (event.available) this.audible.add(event.userId);
        else this.audible.delete(event.userId);
        if (event.available && this.autoplay.getValue() === 'idle') this.autoplay.next('playing');
        this.publishReport();
        break;
      case 'publishing':
        if (event.publishing && !event.muted) this.audible.add(this.myId());
        else this.audible.delete(this.myId());
        this.publishReport();
        break;
      case 'autoplay-blocked':
        this.resumes.push(event.resume);
        this.autoplay.next('blocked');
        break;
      default:
        break;
    }
  }

  /** Seats changed (someone sat down or left): the same levels now belong to other seats. */
  seatsChanged(): void {
    this.publishReport();
  }

  /** The track and whether the store captures, for a TencentAudio created after the store said so. */
  get capture(): { track: MediaStreamTrack | null; driven: boolean } {
    return { track: this.track, driven: this.driven };
  }

  captureByStore(yes: boolean): void {
    this.driven = yes;
    void this.audio()?.setTrack(this.track, yes);
  }

  async connect(): Promise<void> {
    // Entering the TRTC room follows joining; the backend does it (and hands this port's capture to TencentAudio).
  }

  async disconnect(): Promise<void> {
    this.track = null;
    await this.audio()?.setTrack(null, this.driven);
  }

  async publish(track: MediaStreamTrack): Promise<void> {
    this.track = track;
    await this.audio()?.setTrack(track, this.driven);
  }

  async unpublish(): Promise<void> {
    this.track = null;
    await this.audio()?.setTrack(null, this.driven);
  }

  setSeatVolume(_seatIndex: number, volume: number, userId: string | null): void {
    if (userId && userId !== this.myId()) this.audio()?.setRemoteVolume(userId, volume);
  }

  async enableSound(): Promise<void> {
    const resumes = this.resumes.splice(0);
    await Promise.all(resumes.map((resume) => resume().catch(() => undefined)));
    this.autoplay.next('playing');
  }

  private clear(): void {
    this.audible.clear();
    this.levels = {};
    this.publishReport();
  }

  private publishReport(): void {
    const levels: Record<number, number> = {};
    const active: number[] = [];
    for (const seat of this.seats()) {
      const userId = seat.user?.userId;
      if (!userId) continue;
      const level = Math.round((entry(this.levels, userId) ?? 0) * 100);
      if (level > 0) levels[seat.index] = level;
      if (this.audible.has(userId)) active.push(seat.index);
    }
    this.report.next({ levels, active });
  }
}
