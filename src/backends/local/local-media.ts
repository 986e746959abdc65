import { BehaviorSubject, type Observable, distinctUntilChanged } from 'rxjs';
import { ErrorCode, RoomError, toRoomError } from '../../model/errors.js';
import { SeatPlayback } from '../../media/playback.js';
import type { AutoplayState } from '../../media/playback.js';
import type { BackendMedia, MediaConnectionState, SeatAudioReport } from '../room-backend.js';
import type { RtcOffer, RtcRequest, ServerFrame } from './protocol.js';

export interface LocalMediaOptions {
  /** ICE servers for a server that is not reachable directly (none needed on one machine or a LAN). */
  readonly iceServers?: RTCIceServer[];
  /** How long to wait for the audio connection before reporting `failed`. */
  readonly connectTimeoutMs?: number;
  /** Back-off between attempts after a failed or lost audio connection (default 1 s doubling up to 30 s). */
  readonly retry?: { readonly minMs?: number; readonly maxMs?: number };
}

type Signal = (request: RtcRequest) => Promise<unknown>;

const EMPTY_REPORT: SeatAudioReport = { levels: {}, active: [] };

/**
 * The local backend's audio: one RTCPeerConnection to the server's SFU. The server offers fixed transceivers
 * (my microphone + one per seat), so taking, leaving or changing seats never renegotiates: publishing is a
 * `replaceTrack` on the one sender, and each seat's receiver keeps playing whoever sits there.
 */
export class LocalMedia implements BackendMedia {
  readonly needsMicrophone = true;
  // The offer goes out on the socket right behind the join; the server runs the two in order (issue 14).
  readonly connectsWithEnter = true;
  readonly #state = new BehaviorSubject<MediaConnectionState>('idle');
  readonly #report = new BehaviorSubject<SeatAudioReport>(EMPTY_REPORT);
  readonly #playback = new SeatPlayback();
  readonly #seatTracks: BehaviorSubject<MediaStreamTrack | null>[] = [];
  readonly state$: Observable<MediaConnectionState> = this.#state.pipe(distinctUntilChanged());
  readonly audio$: Observable<SeatAudioReport> = this.#report.asObservable();
  readonly autoplay$: Observable<AutoplayState> = this.#playback.autoplay$;
  #pc: RTCPeerConnection | null = null;
  #sender: RTCRtpSender | null = null;
  #track: MediaStreamTrack | null = null;
  #connecting: Promise<void> | null = null;
  #wanted = false;
  #generation = 0;
  #mids: readonly string[] = [];
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retries = 0;

  readonly #signal: Signal;
  readonly #options: LocalMediaOptions;

  constructor(signal: Signal, options: LocalMediaOptions = {}) {
    this.#signal = signal;
    this.#options = options;
  }

  /** The peer connection (tests read getStats from it). */
  get peerConnection(): RTCPeerConnection | null {
    return this.#pc;
  }

  /** Seat index → mid of its m-line, as the server offered (maps getStats' inbound-rtp `mid` to seats). */
  get seatMids(): readonly string[] {
    return this.#mids;
  }

  /** What this browser does with a seat's audio: playing, muted, volume (diagnostics and tests). */
  outputOf(seatIndex: number): { readonly playing: boolean; readonly muted: boolean; readonly volume: number } | null {
    return this.#playback.outputOf(seatIndex);
  }

  connect(): Promise<void> {
    this.#wanted = true;
    if (this.#state.getValue() === 'connected' && this.#pc) return Promise.resolve();
    this.#connecting ??= this.#negotiate().finally(() => (this.#connecting = null));
    return this.#connecting;
  }

  async disconnect(): Promise<void> {
    this.#wanted = false;
    this.#cancelRetry();
    const hadPc = this.#pc !== null;
    this.#teardown();
    this.#state.next('idle');
    this.#report.next(EMPTY_REPORT);
    if (hadPc) await this.#signal({ op: 'close' }).catch(() => undefined);
  }

  async publish(track: MediaStreamTrack): Promise<void> {
    this.#track = track;
    if (this.#sender && this.#sender.track !== track) await this.#sender.replaceTrack(track);
  }

  async unpublish(): Promise<void> {
    this.#track = null;
    if (this.#sender?.track) await this.#sender.replaceTrack(null);
  }

  setSeatVolume(seatIndex: number, volume: number): void {
    this.#playback.setVolume(seatIndex, volume);
  }

  enableSound(): Promise<void> {
    return this.#playback.enableSound();
  }

  setOutputDevice(deviceId: string): Promise<void> {
    return this.#playback.setOutput(deviceId);
  }

  remoteTrack$(seatIndex: number): Observable<MediaStreamTrack | null> {
    return this.#seatSubject(seatIndex).asObservable();
  }

  /** Levels frames from the server (called by the backend for the room it is in). */
  onLevels(frame: Extract<ServerFrame, { t: 'levels' }>): void {
    if (this.#pc) this.#report.next({ levels: frame.levels, active: frame.active });
  }

  /** After the signalling socket came back: the server dropped our peer with the old socket, so start again. */
  onReconnected(): void {
    if (!this.#wanted) return;
    this.#cancelRetry();
    this.#retries = 0;
    this.#teardown();
    void this.connect().catch(() => undefined);
  }

  /**
   * The signalling connection was taken over by another tab: put the audio down (the server dropped our peer) but
   * keep wanting it, so taking the room back (`onReconnected`) brings it up again.
   */
  suspend(): void {
    this.#cancelRetry();
    this.#teardown();
    this.#state.next('idle');
    this.#report.next(EMPTY_REPORT);
  }

  /** The backend is closing for good. */
  dispose(): void {
    this.#wanted = false;
    this.#cancelRetry();
    this.#teardown();
    this.#state.next('idle');
  }

  // ---- internals ----

  #seatSubject(seat: number): BehaviorSubject<MediaStreamTrack | null> {
    return (this.#seatTracks[seat] ??= new BehaviorSubject<MediaStreamTrack | null>(null));
  }

  async #negotiate(): Promise<void> {
    const Ctor = (globalThis as { RTCPeerConnection?: typeof RTCPeerConnection }).RTCPeerConnection;
    if (!Ctor) {
      this.#state.next('unsupported');
      return;
    }
    const generation = ++this.#generation;
    this.#teardown(false);
    this.#state.next('connecting');
    try {
      const offer = (await this.#signal({ op: 'offer' })) as RtcOffer;
      if (generation !== this.#generation) return;
      const pc = new Ctor({
        bundlePolicy: 'max-bundle',
        ...(this.#options.iceServers ? { iceServers: this.#options.iceServers } : {}),
      });
      this.#pc = pc;
      // Candidates are trickled once the answer is on its way (the server must have it first).
      const early: (RTCIceCandidateInit | null)[] = [];
      let answered = false;
      const sendCandidate = (c: RTCIceCandidateInit | null) => {
        const candidate =
          c && c.candidate
            ? {
                candidate: c.candidate,
                sdpMid: c.sdpMid ?? null,
                sdpMLineIndex: c.sdpMLineIndex ?? null,
                usernameFragment: c.usernameFragment ?? null,
              }
            : null;
        void this.#signal({ op: 'candidate', candidate }).catch(() => undefined);
      };
      pc.onicecandidate = (event) => {
        const c = event.candidate ? event.candidate.toJSON() : null;
        if (answered) sendCandidate(c);
        else early.push(c);
      };
      pc.onconnectionstatechange = () => {
        if (this.#pc !== pc) return;
        const s = pc.connectionState;
        if (s === 'connected') {
          this.#retries = 0;
          this.#state.next('connected');
        } else if (s === 'failed') {
          // A connection that was up and then failed (ICE gave up, the server's peer went away) is not left
          // silent: state$ says 'failed' and a fresh negotiation follows after a back-off.
          this.#state.next('failed');
          this.#scheduleRetry();
        }
      };
      this.#mids = offer.seatMids;
      await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
      for (const transceiver of pc.getTransceivers()) {
        if (transceiver.mid === offer.publishMid) {
          transceiver.direction = 'sendonly';
          this.#sender = transceiver.sender;
          if (this.#track) await transceiver.sender.replaceTrack(this.#track);
          continue;
        }
        const seat = offer.seatMids.indexOf(transceiver.mid ?? '');
        if (seat < 0) continue;
        transceiver.direction = 'recvonly';
        const track = transceiver.receiver.track;
        this.#playback.attach(seat, track);
        this.#seatSubject(seat).next(track);
      }
      await pc.setLocalDescription(await pc.createAnswer());
      await this.#signal({ op: 'answer', sdp: pc.localDescription!.sdp });
      answered = true;
      for (const c of early.splice(0)) sendCandidate(c);
      await this.#connected(pc);
    } catch (error) {
      if (generation === this.#generation) {
        this.#teardown(false);
        this.#state.next('failed');
        this.#scheduleRetry();
      }
      throw toRoomError(error);
    }
  }

  #connected(pc: RTCPeerConnection): Promise<void> {
    if (pc.connectionState === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new RoomError(ErrorCode.TIMEOUT, 'The audio connection could not be established')),
        this.#options.connectTimeoutMs ?? 15_000,
      );
      const check = () => {
        if (pc.connectionState === 'connected') {
          clearTimeout(timer);
          resolve();
        } else if (pc.connectionState === 'failed' || pc.connectionState === 'closed') {
          clearTimeout(timer);
          reject(new RoomError(ErrorCode.CONNECTION_LOST, 'The audio connection failed'));
        }
      };
      pc.addEventListener('connectionstatechange', check);
    });
  }

  /** Negotiates again after 1 s, 2 s, 4 s … (up to 30 s) while the room still wants audio. */
  #scheduleRetry(): void {
    if (!this.#wanted || this.#retryTimer !== null) return;
    const { minMs = 1_000, maxMs = 30_000 } = this.#options.retry ?? {};
    const delay = Math.min(maxMs, minMs * 2 ** this.#retries);
    this.#retries += 1;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#wanted) return;
      this.#teardown();
      // A failure schedules the next attempt itself (negotiate's catch).
      void this.connect().catch(() => undefined);
    }, delay);
  }

  #cancelRetry(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #teardown(bump = true): void {
    if (bump) this.#generation += 1;
    const pc = this.#pc;
    this.#pc = null;
    this.#sender = null;
    if (pc) {
      pc.onicecandidate = null;
      pc.onconnectionstatechange = null;
      pc.close();
    }
    this.#playback.dispose();
    for (const subject of this.#seatTracks) subject?.next(null);
  }
}
