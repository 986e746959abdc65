import { type Observable, Subject, type Subscription, filter, firstValueFrom, map, race, timer } from 'rxjs';
import type { Answer, BackendEvent, ConnectionState, RoomBackend } from '../backends/room-backend.js';
import type { MicrophoneSource } from '../media/microphone.js';
import type { AudiencePage, AudienceSummary } from '../model/audience.js';
import type { BarrageMessage } from '../model/barrage.js';
import { type Clock, systemClock } from '../model/clock.js';
import { ClockOffset } from './clock-offset.js';
import { type PendingCounts, type PendingKey, isPendingIn, pendingKey } from './pending-key.js';
import type { CommandArgs, CommandResult, CommandType } from '../model/commands.js';
import { ErrorCode, RoomError, toRoomError } from '../model/errors.js';
import type { EventBatch, RoomEvent } from '../model/events.js';
import type { FollowInfo } from '../model/follow.js';
import { GIFT_COMBO_WINDOW_MS, type Gift, type GiftEffect, type GiftReceived, type GiftTotals } from '../model/gift.js';
import { LIKE_FLUSH_INTERVAL_MS } from '../model/like.js';
import type { LiveInfo, LiveInfoPatch, StartOptions } from '../model/live-info.js';
import type { SeatRequest } from '../model/request.js';
import type { RoomSnapshot } from '../model/room.js';
import type { RoomListPage } from '../model/room-list.js';
import type { MovePolicy, Seat, SeatMode } from '../model/seat.js';
import type { UserInfo, UserProfile } from '../model/user.js';
import { entry } from '../rules/records.js';
import { Store, select, shallowArrayEqual } from './store.js';
import { BatchSequencer } from './batch-sequencer.js';
import { LikeBatcher } from './like-batcher.js';
import { RoomAudio } from './room-audio.js';
import { RoomEventStreams } from './room-events.js';
import {
  adminsOf,
  audienceOf,
  barrageBlockOf,
  barrageOf,
  giftTotalsOf,
  levelsOf,
  likesOf,
  meOf,
  micOf,
  myApplicationOf,
  myInvitationOf,
  mySeatOf,
  requestsOf,
  sameFields,
  sameSeatAudio,
  seatAudioOf,
  seatsOf,
} from './selectors.js';
import {
  addPending,
  applyBatches,
  connectionChanged,
  enterFailed,
  entered,
  entering,
  leftWhileAway,
  removePending,
  setBalance,
  setCatalog,
  setFollow,
  setNow,
  setPhase,
  setSnapshot,
} from './room-reducers.js';
import {
  type AudioViewState,
  type Me,
  type MicState,
  type RequestUpdate,
  type RoomPhase,
  type RoomViewState,
  type SeatAudio,
  initialRoomState,
} from './room-state.js';

export { RoomPhase } from './room-state.js';
export { playbackVolume } from './selectors.js';
export type { AudioViewState, Me, MicState, RequestUpdate, RoomViewState, SeatAudio } from './room-state.js';

export interface RoomOptions {
  readonly backend: RoomBackend;
  readonly roomId: string;
  readonly user: UserInfo;
  readonly clock?: Clock;
  readonly likeFlushMs?: number;
  readonly comboWindowMs?: number;
  /**
   * The microphone used on a seat. Defaults to the browser microphone when the backend carries real audio
   * (`backend.media.needsMicrophone`), otherwise none (the memory backend: state is still reported).
   */
  readonly microphone?: MicrophoneSource | null;
}

/**
 * The room facade: one store per room and client, fed only by the backend's ordered event batches and snapshots,
 * so a rejected or out-of-order answer can never leave it inconsistent. Commands return Promises that resolve once
 * the store reflects them, and reject with a RoomError that also goes to `error$`.
 */
export class Room {
  readonly roomId: string;
  readonly user: UserInfo;
  readonly backend: RoomBackend;
  /**
   * The clock this room's timers run on (the system clock unless one was given): elements schedule countdowns and
   * cooldowns on it too, so a page, a test's manual clock and the store agree on what time it is.
   */
  readonly clock: Clock;
  /** The authority's clock relative to mine, from the batches' stamps (request timeouts, mutes are on it). */
  readonly #offset = new ClockOffset();
  readonly #store: Store<RoomViewState>;
  readonly #errorSubject = new Subject<RoomError>();
  readonly #events: RoomEventStreams;
  readonly #subscription: Subscription;
  readonly #sequencer: BatchSequencer;
  readonly #likes: LikeBatcher;
  #muteTimer: unknown = null;
  #disposed = false;
  readonly #audio: RoomAudio;
  /** The last start/join, so `retry()` repeats it with the same options. */
  #lastEnter: {
    readonly type: 'room.start' | 'room.join';
    readonly args: CommandArgs<'room.start'> | CommandArgs<'room.join'>;
  } | null = null;

  readonly state$: Observable<RoomViewState>;
  readonly phase$: Observable<RoomPhase>;
  /** Why the last start/join failed, while the phase is `failed` (null otherwise). */
  readonly failure$: Observable<RoomError | null>;
  /** True while another tab or window of mine has the room (see `takeOver()`). */
  readonly displaced$: Observable<boolean>;
  readonly connection$: Observable<ConnectionState>;
  readonly snapshot$: Observable<RoomSnapshot | null>;
  readonly liveInfo$: Observable<LiveInfo | null>;
  readonly seats$: Observable<readonly Seat[]>;
  readonly mySeat$: Observable<Seat | null>;
  readonly me$: Observable<Me>;
  readonly requests$: Observable<readonly SeatRequest[]>;
  readonly myApplication$: Observable<SeatRequest | null>;
  readonly myInvitation$: Observable<SeatRequest | null>;
  readonly barrage$: Observable<readonly BarrageMessage[]>;
  readonly barrageBlock$: Observable<ErrorCode | null>;
  readonly likes$: Observable<{ readonly total: number; readonly mine: number }>;
  readonly gifts$: Observable<readonly Gift[]>;
  readonly giftTotals$: Observable<GiftTotals>;
  readonly balance$: Observable<number | null>;
  readonly audience$: Observable<AudienceSummary>;
  readonly admins$: Observable<readonly string[]>;
  readonly follows$: Observable<Readonly<Record<string, FollowInfo>>>;
  readonly pending$: Observable<PendingCounts>;
  /** Every room event after the store applied it (for notices: joins, seat changes, gift echoes). */
  readonly events$: Observable<RoomEvent>;
  /**
   * Gifts as effects to play, combos merged (same sender, gift and receiver within the window). Effects that came
   * while nothing was subscribed (a player on its way) go to the next subscriber, those of the last 10 s (20 at most).
   */
  readonly giftEffects$: Observable<GiftEffect>;
  /** Requests that concern me changing state (mine, to me, or any application if I manage the room). */
  readonly requestUpdates$: Observable<RequestUpdate>;
  /** Every command that failed. */
  readonly error$: Observable<RoomError>;
  /** My microphone: off | acquiring | on | muted | error (with the device code and why). */
  readonly mic$: Observable<MicState>;
  /** Speaking level 0–100 for every seat, several times a second while people talk. */
  readonly levels$: Observable<readonly number[]>;
  /** Per-seat audio: who can be heard, self-muted, audio-locked, level, my playback volume. */
  readonly seatAudio$: Observable<readonly SeatAudio[]>;
  /** Room audio without per-seat detail: mic, local listener mute, autoplay, transport state. */
  readonly audio$: Observable<AudioViewState>;

  constructor(options: RoomOptions) {
    this.roomId = options.roomId;
    this.user = options.user;
    this.backend = options.backend;
    this.clock = options.clock ?? systemClock;
    this.#events = new RoomEventStreams(this.user.userId, this.clock, options.comboWindowMs ?? GIFT_COMBO_WINDOW_MS);
    this.#store = new Store(initialRoomState(this.clock.now()));
    this.#likes = new LikeBatcher(this.#store, this.clock, options.likeFlushMs ?? LIKE_FLUSH_INTERVAL_MS, (count) =>
      this.#commandWithVersion('like.send', { count }),
    );
    this.#audio = new RoomAudio({
      store: this.#store,
      media: this.backend.media,
      microphone: options.microphone,
      userId: this.user.userId,
      report: (error) => this.#report(error),
    });
    const s$ = this.#store.state$;
    const me = this.user.userId;
    this.state$ = s$;
    this.phase$ = select(s$, (s) => s.phase);
    this.failure$ = select(s$, (s) => s.failure);
    this.displaced$ = select(s$, (s) => s.displaced);
    this.connection$ = select(s$, (s) => s.connection);
    this.snapshot$ = select(s$, (s) => s.snapshot);
    this.liveInfo$ = select(s$, (s) => s.snapshot?.info ?? null);
    this.seats$ = select(s$, seatsOf);
    this.mySeat$ = select(s$, mySeatOf(me));
    this.me$ = select(s$, meOf(this.user), sameFields);
    this.requests$ = select(s$, requestsOf);
    this.myApplication$ = select(s$, myApplicationOf(me));
    this.myInvitation$ = select(s$, myInvitationOf(me));
    this.barrage$ = select(s$, barrageOf);
    this.barrageBlock$ = select(s$, barrageBlockOf(me));
    this.likes$ = select(s$, likesOf, sameFields);
    this.gifts$ = select(s$, (s) => s.catalog);
    this.giftTotals$ = select(s$, giftTotalsOf);
    this.balance$ = select(s$, (s) => s.balance?.coins ?? null);
    this.audience$ = select(s$, audienceOf);
    this.admins$ = select(s$, adminsOf, shallowArrayEqual);
    this.follows$ = select(s$, (s) => s.follows);
    this.pending$ = select(s$, (s) => s.pending);
    this.events$ = this.#events.events$;
    this.giftEffects$ = this.#events.giftEffects$;
    this.requestUpdates$ = this.#events.requestUpdates$;
    this.error$ = this.#errorSubject.asObservable();
    this.audio$ = select(s$, (s) => s.audio);
    this.mic$ = select(s$, micOf(me, this.#audio.microphone !== null), sameFields);
    this.levels$ = select(s$, levelsOf, shallowArrayEqual);
    this.seatAudio$ = select(s$, seatAudioOf, sameSeatAudio);
    this.#sequencer = new BatchSequencer({
      version: () => this.#store.value.snapshot?.version ?? null,
      apply: (run) => this.#apply(run),
      adopt: (snapshot) => {
        this.#store.update(setSnapshot(snapshot, this.now()));
        this.#armMuteTimer();
      },
      fetchSnapshot: async () => (await this.backend.send('room.snapshot', {})).result,
      resynced: (snapshot) => {
        if (snapshot.status === 'ended') this.#store.update(setPhase('ended'));
      },
      // Out of the room while away (the seat lease ran out, a kick or a ban): say so instead of retrying forever.
      // The room ending or a ban meanwhile (the backend's rejoin was refused for it) shows as its batch would have.
      resyncFailed: (error) => {
        const e = toRoomError(error);
        const phase = e.code === ErrorCode.ROOM_NOT_FOUND ? 'ended' : e.code === ErrorCode.MEMBER_BANNED && 'banned';
        if (phase) return this.#store.update(setPhase(phase));
        this.#store.update(leftWhileAway());
        this.#errorSubject.next(e);
      },
    });
    this.#subscription = this.backend.events$.subscribe((event) => this.#onBackendEvent(event));
    this.#subscription.add(this.#audio.follow());
  }

  get state(): RoomViewState {
    return this.#store.value;
  }

  /** Whether something still listens to this room's state (leak tests). */
  get observed(): boolean {
    return this.#store.observed;
  }

  isPending(key: PendingKey): boolean {
    return isPendingIn(this.#store.value.pending, key);
  }

  // ---- lifecycle ----

  /** Starts the room as its owner (or returns the owner to their live room). */
  /**
   * The room's time (epoch ms): this client's clock corrected by the authority's, as its batches show it. Deadlines
   * in the state (`expiresAt` of requests, `mutes`) are on this clock; countdowns should use it, not Date.now().
   */
  now(): number {
    return this.clock.now() + this.#offset.value;
  }

  async start(options: StartOptions = {}): Promise<RoomSnapshot> {
    return this.#enter('room.start', { roomId: this.roomId, options });
  }

  async join(): Promise<RoomSnapshot> {
    return this.#enter('room.join', { roomId: this.roomId });
  }

  /**
   * Takes the room back from another tab or window of mine (`displaced`): connects again, which rejoins the room
   * and in turn makes that tab the displaced one. Without a backend that can reconnect, joins again.
   */
  async takeOver(): Promise<void> {
    if (this.backend.reconnect) await this.backend.reconnect();
    else await this.join();
  }

  /** Tries the last start or join again (after it failed: phase `failed`); a join when there was none. */
  async retry(): Promise<RoomSnapshot> {
    const last = this.#lastEnter;
    return last ? this.#enter(last.type, last.args) : this.join();
  }

  async leave(): Promise<void> {
    this.#likes.cancel();
    await this.#command('room.leave', {});
    this.#store.update(setPhase('left'));
    await this.#audio.stop();
  }

  async end(): Promise<void> {
    await this.#command('room.end', {});
  }

  /** Stops listening; the backend stays open (close it with `backend.close()` when the page is done with it). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#sequencer.close();
    this.#likes.cancel();
    if (this.#muteTimer !== null) this.clock.clearTimeout(this.#muteTimer);
    this.#subscription.unsubscribe();
    this.#audio.close();
    this.#errorSubject.complete();
    this.#events.complete();
    this.#store.complete();
  }

  // ---- seats and requests ----

  /**
   * Takes a seat (or applies for one). The microphone is opened first: if the browser refuses, no seat is taken
   * and the promise rejects with the device code (mic$ says why).
   */
  takeSeat(index: number | null, options: { timeoutSec?: number } = {}) {
    return this.#audio.withMicrophone(() =>
      this.#command('seat.take', { index, ...options }, pendingKey.seatTake(index)),
    );
  }
  leaveSeat() {
    return this.#command('seat.leave', {});
  }
  moveSeat(index: number, policy: MovePolicy = 'abort') {
    return this.#command('seat.move', { index, policy }, pendingKey.seatMove(index));
  }
  kickSeat(userId: string) {
    return this.#command('seat.kick', { userId }, pendingKey.seatKick(userId));
  }
  lockSeat(index: number, locked: boolean) {
    return this.#command('seat.lock', { index, locked }, pendingKey.seatLock(index));
  }
  lockSeatAudio(index: number, locked: boolean) {
    return this.#command('seat.lockAudio', { index, locked }, pendingKey.seatLockAudio(index));
  }
  setSelfMute(muted: boolean) {
    return this.#command('seat.selfMute', { muted });
  }
  inviteToSeat(userId: string, index: number | null = null, options: { timeoutSec?: number } = {}) {
    return this.#command('request.invite', { userId, index, ...options }, pendingKey.requestInvite(userId));
  }
  /** Answers a request; accepting an invitation to a seat opens the microphone first, like takeSeat. */
  respondRequest(requestId: string, accept: boolean) {
    const respond = () => this.#command('request.respond', { requestId, accept }, pendingKey.requestRespond(requestId));
    const invitation = this.#store.value.snapshot?.requests.find(
      (r) => r.requestId === requestId && r.type === 'invite' && r.to?.userId === this.user.userId,
    );
    return accept && invitation ? this.#audio.withMicrophone(respond) : respond();
  }
  cancelRequest(requestId: string) {
    return this.#command('request.cancel', { requestId }, pendingKey.requestCancel(requestId));
  }
  respondAll(accept: boolean) {
    return this.#command('request.respondAll', { accept });
  }
  setSeatMode(seatMode: SeatMode) {
    return this.#command('room.update', { patch: { seatMode } }, pendingKey.seatMode());
  }
  updateInfo(patch: LiveInfoPatch) {
    return this.#command('room.update', { patch });
  }

  // ---- audio (the three mutes: self-mute and seat audio lock above are room state; these are this browser's) ----

  /** Silences every speaker in this browser only; nobody else hears a difference. */
  setListenerMute(muted: boolean): void {
    this.#audio.setListenerMute(muted);
  }

  /** Playback volume 0–100 of one speaker (by user ID, so it follows them across seats) in this browser only. */
  setSpeakerVolume(userId: string, volume: number): void {
    this.#audio.setSpeakerVolume(userId, volume);
  }

  /** Starts playback after the browser blocked autoplay (`audio$.autoplay === 'blocked'`); call it from a click. */
  enableSound(): Promise<void> {
    return this.#audio.enableSound();
  }

  /** Routes room audio to an output device (see `listAudioDevices()`), where the browser supports it. */
  setOutputDevice(deviceId: string): Promise<void> {
    return this.#audio.setOutputDevice(deviceId);
  }

  // ---- barrage, likes, gifts ----

  sendBarrage(text: string) {
    return this.#command('barrage.send', { text });
  }

  /** Counts a tap at once (likes$ includes it) and sends taps in batches. */
  like(taps = 1): void {
    this.#likes.tap(taps);
  }

  /** Sends whatever taps are waiting; resolves when the server counted them (or rejects). */
  flushLikes(): Promise<void> {
    return this.#likes.flush();
  }

  async loadGifts(): Promise<readonly Gift[]> {
    const catalog = await this.#command('gift.catalog', {});
    this.#store.update(setCatalog(catalog));
    return catalog;
  }

  async refreshBalance(): Promise<number> {
    const { balance, walletVersion } = await this.#command('wallet.get', {});
    this.#store.update(setBalance(balance, walletVersion));
    return balance;
  }

  async sendGift(send: { giftId: string; count: number; receiverId: string }): Promise<GiftReceived> {
    const { gift, balance, walletVersion } = await this.#command('gift.send', send, pendingKey.giftSend(send.giftId));
    this.#store.update(setBalance(balance, walletVersion));
    return gift;
  }

  // ---- people ----

  async follow(userId: string, follow = true): Promise<FollowInfo> {
    const info = await this.#command('follow.set', { userId, follow }, pendingKey.follow(userId));
    this.#store.update(setFollow(userId, info));
    return info;
  }
  unfollow(userId: string) {
    return this.follow(userId, false);
  }
  async checkFollow(userId: string): Promise<FollowInfo> {
    const info = await this.#command('follow.get', { userId });
    this.#store.update(setFollow(userId, info));
    return info;
  }
  getProfile(userId: string): Promise<UserProfile> {
    return this.#command('profile.get', { userId });
  }
  muteMember(userId: string, seconds: number) {
    return this.#command('member.mute', { userId, seconds }, pendingKey.memberMute(userId));
  }
  kickMember(userId: string) {
    return this.#command('member.kick', { userId }, pendingKey.memberKick(userId));
  }
  banMembers(userIds: readonly string[], seconds: number) {
    return this.#command('member.ban', { userIds, seconds });
  }
  unbanMembers(userIds: readonly string[]) {
    return this.#command('member.unban', { userIds });
  }
  setAdmin(userId: string, admin: boolean) {
    return this.#command('admin.set', { userId, admin }, pendingKey.adminSet(userId));
  }
  listAudience(options: { cursor?: string; keyword?: string; count?: number } = {}): Promise<AudiencePage> {
    return this.#command('audience.list', options);
  }
  /** Public live rooms, most viewers first, 20 a page. */
  listRooms(cursor = ''): Promise<RoomListPage> {
    return this.#command('room.list', { cursor });
  }

  // ---- internals ----

  async #enter(
    type: 'room.start' | 'room.join',
    args: CommandArgs<'room.start'> | CommandArgs<'room.join'>,
  ): Promise<RoomSnapshot> {
    this.#lastEnter = { type, args };
    this.#store.update(entering());
    try {
      await this.backend.connect(this.user);
      const entering = this.#command(type, args as never) as Promise<RoomSnapshot>;
      const settleAudio = this.#audio.enter();
      let snapshot: RoomSnapshot;
      try {
        snapshot = await entering;
      } catch (error) {
        await settleAudio(false);
        throw error;
      }
      this.#sequencer.adopt(snapshot);
      this.#store.update(entered());
      await settleAudio(this.#store.value.phase === 'live');
      // Catalog and balance are part of being in a room; a failure here is reported but does not undo the join.
      await Promise.allSettled([this.loadGifts(), this.refreshBalance()]);
      return this.#store.value.snapshot!;
    } catch (error) {
      // Not back to 'idle': a screen waiting for the room would show its skeleton forever. 'failed' says why.
      const roomError = toRoomError(error);
      if (!this.#disposed) this.#store.update(enterFailed(roomError));
      throw roomError;
    }
  }

  /**
   * Sends one command to the backend and answers its result once the store has caught up with the events it
   * caused; while it is in flight `pending$` counts it under `key`, and a refusal is also published on `error$`.
   */
  async #command<T extends CommandType>(
    type: T,
    args: CommandArgs<T>,
    key: PendingKey = type,
  ): Promise<CommandResult<T>> {
    return (await this.#commandWithVersion(type, args, key)).result;
  }

  /** `command`, keeping the answer's version for callers that reconcile with it. */
  async #commandWithVersion<T extends CommandType>(
    type: T,
    args: CommandArgs<T>,
    key: PendingKey = type,
  ): Promise<Answer<T>> {
    this.#store.update(addPending(key));
    try {
      const answer: Answer<T> = await this.backend.send(type, args);
      if (answer.version !== undefined) await this.#caughtUp(answer.version);
      return answer;
    } catch (error) {
      const roomError = toRoomError(error);
      this.#report(roomError);
      throw roomError;
    } finally {
      if (!this.#disposed) this.#store.update(removePending(key));
    }
  }

  /** Resolves once the store has applied `version` (events normally arrive before the answer that caused them). */
  async #caughtUp(version: number): Promise<void> {
    // Only `entered()` makes the phase live, after a snapshot was adopted (and none is ever dropped): live has one.
    const done = (s: RoomViewState) => s.phase !== 'live' || s.snapshot!.version >= version;
    if (done(this.#store.value)) return;
    const applied$ = this.#store.state$.pipe(
      filter(done),
      map(() => true),
    );
    const late$ = timer(1_000).pipe(map(() => false));
    const inTime = await firstValueFrom(race(applied$, late$));
    if (!inTime) await this.#sequencer.resync();
  }

  #onBackendEvent(event: BackendEvent): void {
    if (event.type === 'batch' || event.type === 'batches') {
      this.#receive(event.type === 'batch' ? [event.batch] : event.batches);
      return;
    }
    const previous = this.#store.value.connection;
    this.#store.update(connectionChanged(event.state, event.error));
    if (event.error) this.#errorSubject.next(event.error);
    const away = (state: string | undefined) => state === 'reconnecting' || state === 'disconnected';
    if (away(event.state) && !away(previous)) {
      this.#sequencer.disconnected(this.#store.value.phase === 'live');
    }
    // Back after a drop or a take-over: whatever happened meanwhile comes in one snapshot.
    if (event.state === 'connected' && away(previous) && this.#store.value.phase === 'live')
      void this.#sequencer.resync();
  }

  /** Batches of this room go to the sequencer; their stamps tell how the authority's clock runs against mine. */
  #receive(batches: readonly EventBatch[]): void {
    const now = this.clock.now();
    const mine = batches.filter((batch) => batch.roomId === this.roomId);
    for (const batch of mine) this.#offset.sample(batch.at, now);
    this.#sequencer.receive(mine);
  }

  /** Consecutive batches as one store update (one emission, one render), then their events in order. */
  #apply(batches: readonly EventBatch[]): void {
    const me = this.user.userId;
    this.#store.update(applyBatches(batches, me, this.now()));
    this.#armMuteTimer();
    for (const batch of batches)
      if (batch.events.some((e) => e.type === 'likes.received' && e.userId === me)) this.#likes.counted(batch.version);
    this.#events.publish(batches, this.#store.value.snapshot!);
  }

  #report(error: unknown): void {
    if (!this.#disposed) this.#errorSubject.next(toRoomError(error));
  }

  /** A mute ends by time, not by an event: wake up when mine runs out so barrageBlock$ clears itself. */
  #armMuteTimer(): void {
    if (this.#muteTimer !== null) this.clock.clearTimeout(this.#muteTimer);
    this.#muteTimer = null;
    // Armed after a snapshot was adopted or batches applied to one: there is always a snapshot here.
    const until = entry(this.#store.value.snapshot!.mutes, this.user.userId) ?? 0;
    const wait = until - this.now();
    if (wait > 0 && !this.#disposed) {
      this.#muteTimer = this.clock.setTimeout(() => {
        this.#muteTimer = null;
        if (!this.#disposed) this.#store.update(setNow(this.now()));
      }, wait + 1);
    }
  }
}

export function createRoom(options: RoomOptions): Room {
  return new Room(options);
}
