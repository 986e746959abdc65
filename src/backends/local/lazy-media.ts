import { BehaviorSubject, type Observable, distinctUntilChanged, of, switchMap } from 'rxjs';
import type { AutoplayState } from '../../media/playback.js';
import type { BackendMedia, MediaConnectionState, SeatAudioReport } from '../room-backend.js';
import type { LocalMedia, LocalMediaOptions } from './local-media.js';
import type { RtcRequest, ServerFrame } from './protocol.js';

type Signal = (request: RtcRequest) => Promise<unknown>;
type Importer = () => Promise<typeof import('./local-media.js')>;

const EMPTY_REPORT: SeatAudioReport = { levels: {}, active: [] };

/**
 * The local backend's audio as the store sees it, with the WebRTC half (local-media.ts: the peer connection, the
 * seats' playback) in a chunk of its own (issue 14), so a page pays for it only once it joins a room. The backend
 * starts the import when it connects, in parallel with the socket's open, hello and join, so by the time the
 * store asks for audio (right behind the join, `connectsWithEnter`) it is there and the offer is not delayed; a
 * `connect()` that comes first waits for it. What is set before it arrives (my track, seat volumes, the output
 * device) is handed over when it does. A failed import reports `failed` and is tried again like a failed
 * negotiation, after `retry.minMs` (1 s by default), while audio is still wanted.
 */
export class LazyLocalMedia implements BackendMedia {
  readonly needsMicrophone = true;
  readonly connectsWithEnter = true;
  readonly #real = new BehaviorSubject<LocalMedia | null>(null);
  /** The state before the real one exists: idle, connecting (importing) or failed (the import failed). */
  readonly #early = new BehaviorSubject<MediaConnectionState>('idle');
  #loading: Promise<LocalMedia> | null = null;
  #wanted = false;
  #disposed = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Taken over by another tab (`suspend`) until taken back (`onReconnected`): a chunk that arrives meanwhile does not
   * negotiate on the socket that is gone (it would fail, and retry until taken back), but on the return.
   */
  #suspended = false;
  #track: MediaStreamTrack | null = null;
  readonly #volumes = new Map<number, number>();
  #sinkId: string | null = null;

  readonly state$: Observable<MediaConnectionState> = this.#real.pipe(
    switchMap((media) => media?.state$ ?? this.#early),
    distinctUntilChanged(),
  );
  readonly audio$: Observable<SeatAudioReport> = this.#real.pipe(
    switchMap((media) => media?.audio$ ?? of(EMPTY_REPORT)),
  );
  readonly autoplay$: Observable<AutoplayState> = this.#real.pipe(
    switchMap((media) => media?.autoplay$ ?? of<AutoplayState>('idle')),
    distinctUntilChanged(),
  );

  readonly #signal: Signal;
  readonly #options: LocalMediaOptions;
  readonly #importer: Importer;

  /** `importer` fetches local-media.ts (tests pass one that fails or waits). */
  constructor(signal: Signal, options: LocalMediaOptions = {}, importer: Importer = () => import('./local-media.js')) {
    this.#signal = signal;
    this.#options = options;
    this.#importer = importer;
  }

  /** The peer connection (tests read getStats from it). */
  get peerConnection(): RTCPeerConnection | null {
    return this.#real.value?.peerConnection ?? null;
  }

  /** Seat index → mid of its m-line, as the server offered. */
  get seatMids(): readonly string[] {
    return this.#real.value?.seatMids ?? [];
  }

  /** What this browser does with a seat's audio (diagnostics and tests). */
  outputOf(seatIndex: number): ReturnType<LocalMedia['outputOf']> {
    return this.#real.value?.outputOf(seatIndex) ?? null;
  }

  /** Fetches the WebRTC half (once; again after a failure); the backend calls it when it connects. */
  load(): Promise<LocalMedia> {
    this.#loading ??= this.#importer().then(
      ({ LocalMedia }) => {
        const media = new LocalMedia(this.#signal, this.#options);
        if (this.#track) void media.publish(this.#track).catch(() => undefined);
        for (const [seat, volume] of this.#volumes) media.setSeatVolume(seat, volume);
        if (this.#sinkId) void media.setOutputDevice(this.#sinkId).catch(() => undefined);
        if (this.#disposed) media.dispose();
        this.#real.next(media);
        return media;
      },
      (error: unknown) => {
        this.#loading = null; // offline for a moment: the next attempt imports again
        throw error;
      },
    );
    return this.#loading;
  }

  connect(): Promise<void> {
    this.#wanted = true;
    const media = this.#real.value;
    if (media) return media.connect();
    this.#cancelRetry();
    this.#early.next('connecting');
    return this.load().then(
      (loaded) => (this.#wanted && !this.#disposed && !this.#suspended ? loaded.connect() : undefined),
      (error: unknown) => {
        this.#early.next('failed');
        if (this.#wanted && !this.#disposed)
          this.#retryTimer = setTimeout(() => {
            this.#retryTimer = null;
            if (this.#wanted) void this.connect().catch(() => undefined);
          }, this.#options.retry?.minMs ?? 1_000);
        throw error;
      },
    );
  }

  async disconnect(): Promise<void> {
    this.#wanted = false;
    this.#cancelRetry();
    this.#early.next('idle');
    await this.#real.value?.disconnect();
  }

  async publish(track: MediaStreamTrack): Promise<void> {
    this.#track = track;
    await this.#real.value?.publish(track);
  }

  async unpublish(): Promise<void> {
    this.#track = null;
    await this.#real.value?.unpublish();
  }

  setSeatVolume(seatIndex: number, volume: number): void {
    this.#volumes.set(seatIndex, volume);
    this.#real.value?.setSeatVolume(seatIndex, volume);
  }

  /** Nothing plays before the WebRTC half is there, so there is nothing to unblock until then. */
  async enableSound(): Promise<void> {
    await this.#real.value?.enableSound();
  }

  async setOutputDevice(deviceId: string): Promise<void> {
    this.#sinkId = deviceId;
    await this.#real.value?.setOutputDevice(deviceId);
  }

  remoteTrack$(seatIndex: number): Observable<MediaStreamTrack | null> {
    return this.#real.pipe(switchMap((media) => media?.remoteTrack$(seatIndex) ?? of(null)));
  }

  /** Levels frames from the server (called by the backend for the room it is in). */
  onLevels(frame: Extract<ServerFrame, { t: 'levels' }>): void {
    this.#real.value?.onLevels(frame);
  }

  /**
   * After the signalling socket came back (see LocalMedia.onReconnected). Audio still wanted is connected: the real
   * half that arrived while suspended never was, and a failed import's retry was cancelled by `suspend` (connecting
   * again joins a negotiation already under way).
   */
  onReconnected(): void {
    this.#suspended = false;
    this.#real.value?.onReconnected();
    if (this.#wanted) void this.connect().catch(() => undefined);
  }

  /** The signalling connection was taken over by another tab (see LocalMedia.suspend). */
  suspend(): void {
    this.#suspended = true;
    this.#cancelRetry();
    if (!this.#real.value) this.#early.next('idle');
    this.#real.value?.suspend();
  }

  /** The backend is closing for good. */
  dispose(): void {
    this.#disposed = true;
    this.#wanted = false;
    this.#cancelRetry();
    this.#early.next('idle');
    this.#real.value?.dispose();
  }

  #cancelRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }
}
