// A test double of trtc-sdk-v5, from its typings (node_modules/trtc-sdk-v5/index.d.ts) and the TRTC Web v5 docs:
// - TRTC.create() per client, TRTC.TYPE / EVENT / ERROR_CODE with the SDK's string and number values;
// - enterRoom checks the UserSig (SERVER_ERROR 5400 with the account code as extraCode, e.g. 70001) and rejects a
//   second enterRoom before exitRoom (INVALID_OPERATION 5104);
// - live scene: an audience member cannot publish (startLocalAudio → INVALID_OPERATION 5107), switchRole needs an
//   entered room (5101); anchors' REMOTE_USER_ENTER/EXIT and REMOTE_AUDIO_AVAILABLE/UNAVAILABLE reach everyone else;
// - updateLocalAudio({ mute }) toggles remote audio availability, stopLocalAudio or leaving the anchor role ends it;
// - AUDIO_VOLUME after enableAudioVolumeEvaluation (levels set by the test; '' is the local user);
// - the test can fail the microphone (DEVICE_ERROR 5300 + extraCode), block autoplay, kick (KICKED_OUT reason).
import type { Clock } from '../../../src/model/clock.js';

export const TRTC_EVENT = {
  ERROR: 'error', AUTOPLAY_FAILED: 'autoplay-failed', KICKED_OUT: 'kicked-out', REMOTE_USER_ENTER: 'remote-user-enter',
  REMOTE_USER_EXIT: 'remote-user-exit', REMOTE_AUDIO_AVAILABLE: 'remote-audio-available', REMOTE_AUDIO_UNAVAILABLE: 'remote-audio-unavailable',
  AUDIO_VOLUME: 'audio-volume', CONNECTION_STATE_CHANGED: 'connection-state-changed',
} as const;
export const TRTC_TYPE = { SCENE_LIVE: 'live', SCENE_RTC: 'rtc', ROLE_ANCHOR: 'anchor', ROLE_AUDIENCE: 'audience', AUDIO_PROFILE_STANDARD: 'standard' } as const;
export const TRTC_ERROR_CODE = {
  INVALID_PARAMETER: 5000, INVALID_OPERATION: 5100, ENV_NOT_SUPPORTED: 5200, DEVICE_ERROR: 5300, SERVER_ERROR: 5400,
  OPERATION_FAILED: 5500, OPERATION_ABORT: 5998, UNKNOWN_ERROR: 5999,
} as const;

export class RtcErrorDouble extends Error {
  override readonly name = 'RtcError';
  constructor(readonly code: number, readonly extraCode: number | undefined, message: string, readonly functionName = '') {
    super(message);
  }
}

type Handler = (event: never) => void;

export class TrtcCloud {
  readonly clients = new Set<TrtcClient>();
  /** Calls in order, per user, for assertions. */
  readonly calls: { user: string; api: string; args?: unknown }[] = [];
  /** The next startLocalAudio of this user fails with DEVICE_ERROR and this extraCode. */
  readonly micFailures = new Map<string, number>();

  constructor(readonly clock: Clock, readonly sdkAppId = 1400000001) {}

  factory() {
    return { create: () => new TrtcClient(this), TYPE: TRTC_TYPE, EVENT: TRTC_EVENT, ERROR_CODE: TRTC_ERROR_CODE };
  }

  inRoom(roomId: string, except?: TrtcClient): TrtcClient[] {
    return [...this.clients].filter((c) => c !== except && c.roomId === roomId);
  }

  client(userId: string): TrtcClient | undefined {
    return [...this.clients].find((c) => c.userId === userId && c.roomId !== null);
  }
}

export class TrtcClient {
  userId = '';
  roomId: string | null = null;
  role: string = TRTC_TYPE.ROLE_ANCHOR;
  publishing = false;
  muted = false;
  destroyed = false;
  volumeInterval = 0;
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private readonly cloud: TrtcCloud) {
    cloud.clients.add(this);
  }

  on(event: string, handler: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }

  off(event: string, handler: Handler) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }

  emit(event: string, payload: unknown): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) (h as (e: unknown) => void)(payload);
  }

  private log(api: string, args?: unknown) {
    this.cloud.calls.push({ user: this.userId, api, args });
  }

  private broadcast(event: string, payload: unknown) {
    if (!this.roomId) return;
    for (const other of this.cloud.inRoom(this.roomId, this)) queueMicrotask(() => other.emit(event, payload));
  }

  async enterRoom(config: { sdkAppId: number; userId: string; userSig: string; strRoomId?: string; roomId?: number; scene?: string; role?: string }) {
    this.cloud.calls.push({ user: config.userId, api: 'enterRoom', args: { role: config.role, scene: config.scene, strRoomId: config.strRoomId } });
    if (this.destroyed) throw new RtcErrorDouble(TRTC_ERROR_CODE.INVALID_OPERATION, 5100, 'destroyed', 'enterRoom');
    if (this.roomId !== null) throw new RtcErrorDouble(TRTC_ERROR_CODE.INVALID_OPERATION, 5104, 'already entered; call exitRoom first', 'enterRoom');
    if (!config.strRoomId && !config.roomId) throw new RtcErrorDouble(TRTC_ERROR_CODE.INVALID_PARAMETER, 5015, 'roomId or strRoomId required', 'enterRoom');
    if (config.sdkAppId !== this.cloud.sdkAppId) throw new RtcErrorDouble(TRTC_ERROR_CODE.SERVER_ERROR, -8, 'bad sdkAppId', 'enterRoom');
    const [tag, app, user, expires] = config.userSig.split(':');
    if (tag !== 'sig' || Number(app) !== config.sdkAppId) throw new RtcErrorDouble(TRTC_ERROR_CODE.SERVER_ERROR, 70003, 'userSig verification failed', 'enterRoom');
    if (user !== config.userId) throw new RtcErrorDouble(TRTC_ERROR_CODE.SERVER_ERROR, 70013, 'userSig is for another user', 'enterRoom');
    if (Number(expires) <= this.cloud.clock.now()) throw new RtcErrorDouble(TRTC_ERROR_CODE.SERVER_ERROR, 70001, 'userSig expired', 'enterRoom');
    this.userId = config.userId;
    this.role = config.scene === TRTC_TYPE.SCENE_LIVE ? (config.role ?? TRTC_TYPE.ROLE_ANCHOR) : TRTC_TYPE.ROLE_ANCHOR;
    const roomId = config.strRoomId ?? String(config.roomId);
    // The same userId entering the same room kicks the one who was there first.
    for (const other of this.cloud.inRoom(roomId)) if (other.userId === this.userId) other.kickOut('kick');
    this.roomId = roomId;
    if (this.role === TRTC_TYPE.ROLE_ANCHOR) this.broadcast(TRTC_EVENT.REMOTE_USER_ENTER, { userId: this.userId });
  }

  async exitRoom() {
    this.log('exitRoom');
    if (this.roomId === null) return;
    if (this.publishing) this.broadcast(TRTC_EVENT.REMOTE_AUDIO_UNAVAILABLE, { userId: this.userId });
    if (this.role === TRTC_TYPE.ROLE_ANCHOR) this.broadcast(TRTC_EVENT.REMOTE_USER_EXIT, { userId: this.userId, reason: 0 });
    this.roomId = null;
    this.publishing = false;
  }

  async switchRole(role: string) {
    this.log('switchRole', role);
    if (this.roomId === null) throw new RtcErrorDouble(TRTC_ERROR_CODE.INVALID_OPERATION, 5101, 'enter the room first', 'switchRole');
    if (role === this.role) return;
    if (role === TRTC_TYPE.ROLE_AUDIENCE) {
      if (this.publishing) this.broadcast(TRTC_EVENT.REMOTE_AUDIO_UNAVAILABLE, { userId: this.userId });
      this.publishing = false;
      this.broadcast(TRTC_EVENT.REMOTE_USER_EXIT, { userId: this.userId, reason: 3 });
    } else {
      this.broadcast(TRTC_EVENT.REMOTE_USER_ENTER, { userId: this.userId });
    }
    this.role = role;
  }

  /** The custom track published (startLocalAudio/updateLocalAudio option.audioTrack), if any. */
  audioTrack: unknown = null;

  async startLocalAudio(config: { mute?: boolean; option?: { audioTrack?: unknown } } = {}) {
    this.log('startLocalAudio', config);
    const failure = this.cloud.micFailures.get(this.userId);
    if (failure !== undefined) {
      this.cloud.micFailures.delete(this.userId);
      throw new RtcErrorDouble(TRTC_ERROR_CODE.DEVICE_ERROR, failure, `microphone failed (${failure})`, 'startLocalAudio');
    }
    if (this.roomId !== null && this.role === TRTC_TYPE.ROLE_AUDIENCE) throw new RtcErrorDouble(TRTC_ERROR_CODE.INVALID_OPERATION, 5107, 'audience cannot publish', 'startLocalAudio');
    this.publishing = true;
    this.audioTrack = config.option?.audioTrack ?? null;
    this.muted = !!config.mute;
    if (!this.muted) this.broadcast(TRTC_EVENT.REMOTE_AUDIO_AVAILABLE, { userId: this.userId });
  }

  async updateLocalAudio(config: { mute?: boolean; option?: { audioTrack?: unknown } }) {
    this.log('updateLocalAudio', config);
    if (!this.publishing) throw new RtcErrorDouble(TRTC_ERROR_CODE.INVALID_OPERATION, 5106, 'start local audio first', 'updateLocalAudio');
    if (config.option?.audioTrack) this.audioTrack = config.option.audioTrack;
    if (config.mute !== undefined && config.mute !== this.muted) {
      this.muted = config.mute;
      this.broadcast(this.muted ? TRTC_EVENT.REMOTE_AUDIO_UNAVAILABLE : TRTC_EVENT.REMOTE_AUDIO_AVAILABLE, { userId: this.userId });
    }
  }

  async stopLocalAudio() {
    this.log('stopLocalAudio');
    if (this.publishing && !this.muted) this.broadcast(TRTC_EVENT.REMOTE_AUDIO_UNAVAILABLE, { userId: this.userId });
    this.publishing = false;
  }

  /** Remote playback volume per user (0–100), as setRemoteAudioVolume left it. */
  readonly remoteVolumes = new Map<string, number>();

  setRemoteAudioVolume(userId: string, volume: number) {
    this.log('setRemoteAudioVolume', { userId, volume });
    if (typeof userId !== 'string' || !Number.isFinite(volume) || volume < 0) throw new RtcErrorDouble(TRTC_ERROR_CODE.INVALID_PARAMETER, 5000, 'setRemoteAudioVolume: userId and volume ≥ 0', 'setRemoteAudioVolume');
    this.remoteVolumes.set(userId, volume);
  }

  enableAudioVolumeEvaluation(interval = 2000) {
    this.log('enableAudioVolumeEvaluation', interval);
    this.volumeInterval = interval;
  }

  destroy() {
    this.log('destroy');
    if (this.roomId !== null) throw new RtcErrorDouble(TRTC_ERROR_CODE.OPERATION_FAILED, 5500, 'exit the room before destroy', 'destroy');
    this.destroyed = true;
    this.cloud.clients.delete(this);
  }

  // ---- levers for tests ----

  /** One AUDIO_VOLUME event, as the SDK emits every `interval` ms ('' = me). */
  volumes(result: { userId: string; volume: number }[]): void {
    if (this.volumeInterval > 0) this.emit(TRTC_EVENT.AUDIO_VOLUME, { result: result.map((r) => ({ ...r, floatVolume: r.volume / 100 })) });
  }

  kickOut(reason: 'kick' | 'banned' | 'room_disband'): void {
    this.roomId = null;
    this.publishing = false;
    this.emit(TRTC_EVENT.KICKED_OUT, { reason });
  }

  blockAutoplay(userId: string): { resumed: boolean } {
    const state = { resumed: false };
    this.emit(TRTC_EVENT.AUTOPLAY_FAILED, { userId, mediaType: 'audio', resume: async () => void (state.resumed = true) });
    return state;
  }

  fail(code: number, extraCode?: number): void {
    this.emit(TRTC_EVENT.ERROR, new RtcErrorDouble(code, extraCode, `error ${code}/${extraCode ?? ''}`));
  }

  connection(state: 'CONNECTED' | 'RECONNECTING' | 'RECONNECTED' | 'DISCONNECTED'): void {
    this.emit(TRTC_EVENT.CONNECTION_STATE_CHANGED, { prevState: 'CONNECTED', state });
  }
}
