import type { RoomError } from '../../model/errors.js';
import { emptyRecord } from '../../rules/records.js';
import { fromTrtcError, fromTrtcKickedOut } from './errors.js';
import type { TrtcFactory, TrtcLike } from './sdk-types.js';

/** What the audio side reports, for the voice UI (speaking rings, autoplay button, per-seat mic state). */
export type TencentAudioEvent =
  /** Speaking levels 0..1 per userId (my own under my userId), from TRTC volume evaluation. */
  | { readonly type: 'levels'; readonly levels: Readonly<Record<string, number>> }
  /** A remote user started or stopped publishing audio. */
  | { readonly type: 'remote-audio'; readonly userId: string; readonly available: boolean }
  /** A remote anchor entered or left the TRTC room (audience members are invisible in the live scene). */
  | { readonly type: 'remote-user'; readonly userId: string; readonly present: boolean }
  /** The browser blocked playback until a user gesture; call `resume()` from a click handler. */
  | { readonly type: 'autoplay-blocked'; readonly userId: string; readonly resume: () => Promise<void> }
  | { readonly type: 'publishing'; readonly publishing: boolean; readonly muted: boolean }
  | { readonly type: 'connection'; readonly state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected' }
  /** Kicked out of the TRTC room (reason mapped: signed in elsewhere, banned, room dismissed). */
  | { readonly type: 'kicked'; readonly reason: string; readonly error: RoomError }
  | { readonly type: 'error'; readonly error: RoomError };

export interface AudioCredentials {
  readonly sdkAppId: number;
  readonly userId: string;
  readonly userSig: string;
  readonly privateMapKey?: string;
}

/** Volume evaluation interval: fast enough for speaking rings, slow enough to be cheap. */
export const VOLUME_INTERVAL_MS = 300;

/**
 * One TRTC room per Chat room: entered as audience in the live scene; promoted to anchor and publishing while the
 * user holds a seat; demoted again when the seat is gone. Every call runs in one queue, so role switches never
 * interleave, and exitRoom always follows an enterRoom (also a failed one: the SDK needs the pair to clean up).
 */
export class TencentAudio {
  private trtc: TrtcLike | null = null;
  private TRTC: TrtcFactory | null = null;
  private queue: Promise<void> = Promise.resolve();
  private entered = false;
  private anchor = false;
  private publishing = false;
  private muted = false;
  private wantSeat = false;
  private wantMuted = false;
  /** The store's microphone track; TRTC publishes it instead of capturing by itself (custom capture). */
  private track: MediaStreamTrack | null = null;
  /** True once a store drives capture: then a seat publishes only with its track, never TRTC's own capture. */
  private waitForTrack = false;
  private readonly detach: Array<() => void> = [];

  constructor(
    private readonly load: () => Promise<TrtcFactory>,
    private readonly userId: string,
    private readonly emit: (event: TencentAudioEvent) => void,
  ) {}

  get isEntered(): boolean {
    return this.entered;
  }

  /** Enters the TRTC room `roomId` (string room ID) as audience. */
  enter(roomId: string, credentials: () => Promise<AudioCredentials>): Promise<void> {
    return this.run(async () => {
      if (this.trtc) return;
      const TRTC = (this.TRTC ??= await this.load());
      const trtc = TRTC.create();
      this.trtc = trtc;
      this.listen(TRTC, trtc);
      this.emit({ type: 'connection', state: 'connecting' });
      const c = await credentials();
      try {
        await trtc.enterRoom({
          sdkAppId: c.sdkAppId, userId: c.userId, userSig: c.userSig, strRoomId: roomId,
          scene: TRTC.TYPE.SCENE_LIVE, role: TRTC.TYPE.ROLE_AUDIENCE, autoReceiveAudio: true,
          ...(c.privateMapKey ? { privateMapKey: c.privateMapKey } : {}),
        });
      } catch (error) {
        // enterRoom and exitRoom come in pairs even when entering failed.
        await trtc.exitRoom().catch(() => undefined);
        this.dispose();
        const mapped = fromTrtcError(error);
        this.emit({ type: 'error', error: mapped });
        throw mapped;
      }
      this.entered = true;
      trtc.enableAudioVolumeEvaluation(VOLUME_INTERVAL_MS);
      this.emit({ type: 'connection', state: 'connected' });
      await this.applySeat();
    });
  }

  /** Follows my seat: seated → anchor + publishing (muted if I or the seat lock say so); not seated → audience. */
  setSeat(seated: boolean, muted: boolean): Promise<void> {
    this.wantSeat = seated;
    this.wantMuted = muted;
    return this.run(() => this.applySeat());
  }

  /**
   * The microphone track to publish (the store captures it, with its device choice and error states), or null.
   * `waitForTrack`: a seat without a track waits for one instead of letting TRTC open the microphone itself.
   */
  setTrack(track: MediaStreamTrack | null, waitForTrack: boolean): Promise<void> {
    const replaced = track !== this.track;
    this.track = track;
    this.waitForTrack = waitForTrack;
    return this.run(async () => {
      const trtc = this.trtc;
      if (replaced && track && trtc && this.publishing) {
        try {
          await trtc.updateLocalAudio({ option: { audioTrack: track } });
        } catch (error) {
          this.emit({ type: 'error', error: fromTrtcError(error) });
        }
      }
      await this.applySeat();
    });
  }

  /** Playback volume 0–100 of one remote user in this browser. */
  setRemoteVolume(userId: string, volume: number): void {
    try {
      this.trtc?.setRemoteAudioVolume?.(userId, Math.max(0, Math.min(100, Math.round(volume))));
    } catch (error) {
      this.emit({ type: 'error', error: fromTrtcError(error) });
    }
  }

  /** Leaves the TRTC room (idempotent). */
  exit(): Promise<void> {
    this.wantSeat = false;
    return this.run(async () => {
      const trtc = this.trtc;
      if (!trtc) return;
      if (this.publishing) await trtc.stopLocalAudio().catch(() => undefined);
      if (this.entered) await trtc.exitRoom().catch(() => undefined);
      this.dispose();
      this.emit({ type: 'connection', state: 'disconnected' });
    });
  }

  private async applySeat(): Promise<void> {
    const trtc = this.trtc;
    const TRTC = this.TRTC;
    if (!trtc || !TRTC || !this.entered) return;
    try {
      if (this.wantSeat && !this.publishing) {
        if (!this.anchor) {
          await trtc.switchRole(TRTC.TYPE.ROLE_ANCHOR);
          this.anchor = true;
        }
        if (this.waitForTrack && !this.track) return;
        const option = { profile: TRTC.TYPE.AUDIO_PROFILE_STANDARD, ...(this.track ? { audioTrack: this.track } : {}) };
        await trtc.startLocalAudio({ mute: this.wantMuted, option });
        this.publishing = true;
        this.muted = this.wantMuted;
        this.emit({ type: 'publishing', publishing: true, muted: this.muted });
      } else if (this.wantSeat && this.muted !== this.wantMuted) {
        await trtc.updateLocalAudio({ mute: this.wantMuted });
        this.muted = this.wantMuted;
        this.emit({ type: 'publishing', publishing: true, muted: this.muted });
      } else if (!this.wantSeat && (this.publishing || this.anchor)) {
        if (this.publishing) await trtc.stopLocalAudio();
        this.publishing = false;
        this.muted = false;
        if (this.anchor) await trtc.switchRole(TRTC.TYPE.ROLE_AUDIENCE);
        this.anchor = false;
        this.emit({ type: 'publishing', publishing: false, muted: false });
      }
    } catch (error) {
      this.emit({ type: 'error', error: fromTrtcError(error) });
    }
  }

  private listen(TRTC: TrtcFactory, trtc: TrtcLike): void {
    const on = <E>(name: string, handler: (event: E) => void) => {
      const h = handler as (event: never) => void;
      trtc.on(name, h);
      this.detach.push(() => trtc.off(name, h));
    };
    on<{ result: { userId: string; volume: number }[] }>(TRTC.EVENT.AUDIO_VOLUME, ({ result }) => {
      // By user ID, which may be `__proto__`: a null-prototype record stores it like any other ID.
      const levels = emptyRecord<number>();
      for (const { userId, volume } of result) levels[userId === '' ? this.userId : userId] = Math.max(0, Math.min(100, volume)) / 100;
      this.emit({ type: 'levels', levels });
    });
    on<{ userId: string }>(TRTC.EVENT.REMOTE_USER_ENTER, ({ userId }) => this.emit({ type: 'remote-user', userId, present: true }));
    on<{ userId: string }>(TRTC.EVENT.REMOTE_USER_EXIT, ({ userId }) => this.emit({ type: 'remote-user', userId, present: false }));
    on<{ userId: string }>(TRTC.EVENT.REMOTE_AUDIO_AVAILABLE, ({ userId }) => this.emit({ type: 'remote-audio', userId, available: true }));
    on<{ userId: string }>(TRTC.EVENT.REMOTE_AUDIO_UNAVAILABLE, ({ userId }) => this.emit({ type: 'remote-audio', userId, available: false }));
    on<{ userId?: string; resume?: () => Promise<void> }>(TRTC.EVENT.AUTOPLAY_FAILED, (event) => {
      this.emit({ type: 'autoplay-blocked', userId: event.userId ?? '', resume: () => (event.resume ? event.resume() : Promise.resolve()) });
    });
    on<{ reason: string }>(TRTC.EVENT.KICKED_OUT, ({ reason }) => {
      // The SDK has left the room by itself; nothing to exit any more.
      this.dispose();
      this.emit({ type: 'kicked', reason, error: fromTrtcKickedOut(reason) });
    });
    on<{ state: string }>(TRTC.EVENT.CONNECTION_STATE_CHANGED, ({ state }) => {
      const mapped = state === 'CONNECTED' || state === 'RECONNECTED' ? 'connected' : state === 'RECONNECTING' ? 'reconnecting' : state === 'CONNECTING' ? 'connecting' : 'disconnected';
      this.emit({ type: 'connection', state: mapped });
    });
    on<unknown>(TRTC.EVENT.ERROR, (error) => this.emit({ type: 'error', error: fromTrtcError(error) }));
  }

  private dispose(): void {
    for (const off of this.detach.splice(0)) off();
    const trtc = this.trtc;
    this.trtc = null;
    this.entered = false;
    this.anchor = false;
    this.publishing = false;
    this.muted = false;
    try {
      trtc?.destroy();
    } catch {
      // destroy throws if called twice; nothing left to release
    }
  }

  private run(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
