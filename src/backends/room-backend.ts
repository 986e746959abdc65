import type { Observable } from 'rxjs';
import type { Answer, CommandArgs, CommandType } from '../model/commands.js';
import type { RoomError } from '../model/errors.js';
import type { EventBatch } from '../model/events.js';
import type { UserInfo } from '../model/user.js';
import type { AutoplayState } from '../media/playback.js';

export const ConnectionState = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  /** Lost, trying again; a seated user keeps the seat for the lease meanwhile. */
  reconnecting: 'reconnecting',
  disconnected: 'disconnected',
} as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/** What a backend reports besides answers: room event batches (in version order per room) and connection changes. */
export type BackendEvent =
  | { readonly type: 'batch'; readonly batch: EventBatch }
  /** Several batches that arrived together (in order): the store applies them as one update, one render. */
  | { readonly type: 'batches'; readonly batches: readonly EventBatch[] }
  | { readonly type: 'connection'; readonly state: ConnectionState; readonly error?: RoomError };

export type { Answer };

/**
 * The port every backend implements (memory, local server, Tencent). Commands return Promises that reject with a
 * RoomError carrying a documented code; state reaches the store only through `events$` and snapshots.
 */
export interface RoomBackend {
  readonly kind: string;
  readonly events$: Observable<BackendEvent>;
  /** Identifies this client to the backend (credentials are the backend's business). Idempotent. */
  connect(user: UserInfo): Promise<void>;
  send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Answer<T>>;
  /** Leaves cleanly where possible and releases every resource. */
  close(): Promise<void>;
  /**
   * Connects again after the backend stopped on purpose: `disconnected` with SIGNED_IN_ELSEWHERE (this user opened
   * the room in another tab, which replaced this connection). Rejoins the room it was in, which in turn replaces
   * the other tab. Optional: backends without it cannot take a room back.
   */
  reconnect?(): Promise<void>;
  /**
   * Who may receive a gift: anyone seated (the default) or only the room's owner (Tencent Cloud, whose gifts always
   * go to the anchor). `<vr-gift-panel>` offers receivers accordingly.
   */
  readonly giftReceivers?: 'seated' | 'owner';
  /** Room audio, for backends that carry it (local: WebRTC through the server's SFU; Tencent: RoomEngine/TRTC). */
  readonly media?: BackendMedia | undefined;
}

/** How far the backend's audio transport is (nothing vendor-specific: TRTC maps onto the same states). */
export type MediaConnectionState = 'idle' | 'connecting' | 'connected' | 'failed' | 'unsupported';

/** Per-seat audio as the backend measures it. */
export interface SeatAudioReport {
  /** Seat index → speaking level 0–100 (missing = 0). */
  readonly levels: Readonly<Record<number, number>>;
  /** Seats whose audio currently reaches listeners, or null if the backend cannot tell (then: occupied, unmuted seats). */
  readonly active: readonly number[] | null;
}

/**
 * The audio half of a backend. The store decides (mic before seat, release on leave, volumes); the backend only
 * moves audio. Seat-indexed, because seats are what a voice room shows; the occupant's user ID comes along for
 * backends that address audio by user (TRTC).
 */
export interface BackendMedia {
  /** False for backends that move no real audio (the memory backend): the store then opens no microphone. */
  readonly needsMicrophone: boolean;
  readonly state$: Observable<MediaConnectionState>;
  readonly audio$: Observable<SeatAudioReport>;
  readonly autoplay$: Observable<AutoplayState>;
  /** Starts receiving the room's seats; called after joining (or with it, see `connectsWithEnter`). Idempotent. */
  connect(): Promise<void>;
  /**
   * True when `connect()` may be called right after the join (or start) command was sent, before its answer: the
   * backend's transport runs them in that order (the local server does, on one socket), so the audio negotiation
   * overlaps the join instead of waiting a round trip for it. If the join fails the store calls `disconnect()`.
   */
  readonly connectsWithEnter?: boolean;
  /** Stops sending and receiving. */
  disconnect(): Promise<void>;
  /**
   * Whether the store captures the microphone and hands its track to `publish` (true in a browser). Backends whose
   * SDK can capture by itself (TRTC) then never open a second microphone; without a store track they may.
   */
  captureByStore?(yes: boolean): void;
  /** Sends this track as my seat's audio (the backend/server decides where it is heard). */
  publish(track: MediaStreamTrack): Promise<void>;
  unpublish(): Promise<void>;
  /** Playback volume 0–100 of one seat in this browser only (0 = silent). */
  setSeatVolume(seatIndex: number, volume: number, userId: string | null): void;
  /** Starts playback from a user gesture after autoplay was blocked. */
  enableSound(): Promise<void>;
  /** Routes playback to an output device where the browser supports it. */
  setOutputDevice?(deviceId: string): Promise<void>;
  /** The received track of one seat (tests, custom visualisations). */
  remoteTrack$?(seatIndex: number): Observable<MediaStreamTrack | null>;
}
