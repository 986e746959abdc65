import { Subject } from 'rxjs';
import { type Clock, systemClock } from '../../model/clock.js';
import type { Answer, CommandArgs, CommandOf, CommandType } from '../../model/commands.js';
import { ErrorCode, RoomError } from '../../model/errors.js';
import type { LeaveReason, RoomEvent } from '../../model/events.js';
import type { FollowInfo } from '../../model/follow.js';
import { type Gift, type GiftReceived, MAX_GIFT_COUNT } from '../../model/gift.js';
import { DEFAULT_REQUEST_TIMEOUT_SEC, type RequestStatus, type SeatRequest } from '../../model/request.js';
import { type Member, type RoomSnapshot, type RoomState, roleOf } from '../../model/room.js';
import type { AudiencePage } from '../../model/audience.js';
import type { RoomListPage } from '../../model/room-list.js';
import type { UserInfo, UserProfile } from '../../model/user.js';
import { normalizeBarrage } from '../../rules/barrage.js';
import { type RoomCommandType, applyRoomCommand } from '../../rules/dispatch.js';
import { leaderboard } from '../../rules/gifts.js';
import { mapFrom } from '../../rules/persistent-map.js';
import { emptyRecord, entry, recordOf, withEntry } from '../../rules/records.js';
import { DEFAULT_LIMITS, createRoomState } from '../../rules/room.js';
import { seatOf } from '../../rules/seats.js';
import { applyBatch } from '../../rules/snapshot.js';
import type { BackendEvent, ConnectionState, RoomBackend } from '../room-backend.js';
import { fromEngineError } from './engine-errors.js';
import { EngineMedia } from './engine-media.js';
import {
  catalogFrom,
  changedSeats,
  liveInfoFrom,
  ownerOf,
  roomListItemFrom,
  seatFrom,
  seatModeFrom,
  seatModeTo,
  userFrom,
} from './engine-model.js';
import {
  type ChatSendResult,
  CONV_GROUP,
  type EngineInstance,
  type EngineSdk,
  type GiftEventPayloads,
  type LiveListEventPayloads,
  type RoomEventPayloads,
  type TUILiveInfo,
  type TUIRequest,
  type TUIRequestCallback,
  TUILiveGiftManagerEvents,
  TUILiveListManagerEvents,
  TUIMoveSeatPolicy,
  TUIRequestAction,
  TUIRequestCallbackType,
  TUIRole,
  TUIRoomEvents,
  TUIRoomType,
} from './engine-sdk.js';
import { loadEngine } from './load.js';

export interface TencentCredentials {
  readonly sdkAppId: number;
  readonly userId: string;
  /** Made by your server with the app's secret key: never compute a UserSig in the browser. */
  readonly userSig: string;
  /** When the UserSig runs out (epoch ms); the provider is asked again a minute before. */
  readonly expiresAt?: number;
}

/**
 * Coins live on your server: Tencent Cloud runs the gifts (catalog, messages, counts) and asks your server's gift
 * pre-verification callback before each one, which is where the coins are checked and taken. The kit only shows
 * the balance, so this is the one thing it needs from your server for gifts.
 */
export interface TencentWallet {
  balance(userId: string): Promise<{ readonly balance: number; readonly walletVersion: number }>;
}

/** What the cloud's client SDK cannot do but your server (with the REST API) can. Each is optional. */
export interface TencentServerActions {
  /** Lifts bans (REST: the Chat group's ban list); without it `member.unban` fails. */
  unban?(roomId: string, userIds: readonly string[]): Promise<void>;
}

export interface TencentBackendOptions {
  /** Your server's signer. Called again before expiry and when the engine reports the UserSig expired. */
  readonly credentials: () => Promise<TencentCredentials>;
  /** The RoomEngine loader; defaults to a lazy import() of the SDK. Tests pass the double. */
  readonly sdk?: () => Promise<EngineSdk>;
  /** Coin balances (your server). Without it balances read 0 and gifts still go through the cloud's callback. */
  readonly wallet?: TencentWallet;
  readonly server?: TencentServerActions;
  /** The room clock (request and mute deadlines, batch times). Network time limits always run on real time. */
  readonly clock?: Clock;
  /** How long sign-in may take before it fails with TIMEOUT (the SDK itself waits forever offline). Default 15 s. */
  readonly signInTimeoutMs?: number;
  /** How long one command may wait for the cloud's answer and for its effect to show. Default 10 s. */
  readonly commandTimeoutMs?: number;
}

/** Custom message telling the room the owner's fan count changed; receivers ask the cloud, never trust a number. */
export const FANS_BUSINESS_ID = 'voiceroom.fans';
/**
 * Custom message with a mute's end `{ userId, until }` (epoch ms), from the owner or admin who muted: Chat ends a
 * mute on its own but tells only that a member is muted, not until when. Heeded only from a manager, and only for
 * a mute the cloud announced (it sets that mute's end; it never mutes or unmutes anyone by itself).
 */
export const MUTE_BUSINESS_ID = 'voiceroom.mute';
/**
 * Custom message with what the engine's requests leave out, `{ requestId, seatIndex, expiresAt }`, from the request's
 * sender: managers see which seat an applicant wants and the countdown, an invitee the offered seat, and a request
 * the cloud closes at its deadline reads as timed out rather than cancelled. Heeded only from the request's sender.
 */
export const REQUEST_BUSINESS_ID = 'voiceroom.request';
/** Clients' clocks differ a little: a request closed this close to its deadline timed out. */
const DEADLINE_TOLERANCE_MS = 1_000;
const MAX_REQUEST_NOTES = 200;
/** A member muted with no end the cloud told us: shown as muted until the cloud says otherwise. */
const UNTIL_LIFTED = 8_640_000_000_000;
const CREDENTIAL_MARGIN_MS = 60_000;
const USER_LIST_PAGES = 10;

interface Waiter {
  readonly check: () => boolean;
  readonly done: () => void;
}

let instances = 0;

/**
 * The room port over Tencent Cloud's RoomEngine. The cloud is the authority: rooms are the engine's live rooms
 * (`TUIRoomType.kLive`, seats enabled), so every client, the Live REST API, Tencent's callbacks and TUILiveKit's apps
 * share one seat table. Each command is first checked by the kit's own rules on a copy of what this client knows
 * (same errors as every other backend, and nothing is sent that would be refused), then performed by the engine;
 * it resolves once the engine's events show its effect. Those events become the store's versioned batches: this
 * client numbers them itself, since the cloud has no room version.
 */
export class TencentBackend implements RoomBackend {
  readonly kind = 'tencent';
  readonly giftReceivers = 'owner';
  readonly #subject = new Subject<BackendEvent>();
  readonly events$ = this.#subject.asObservable();
  readonly media: EngineMedia;

  readonly #options: TencentBackendOptions;
  readonly #clock: Clock;
  readonly #id = ++instances;
  #user: UserInfo | null = null;
  #creds: TencentCredentials | null = null;
  #sdk: EngineSdk | null = null;
  #engine: EngineInstance | null = null;
  #connecting: Promise<void> | null = null;
  #connection: ConnectionState = 'idle';
  #closed = false;
  readonly #detach: Array<() => void> = [];

  #roomId: string | null = null;
  #mirror: RoomSnapshot | null = null;
  #version = 0;
  readonly #waiters = new Set<Waiter>();
  /** Requests this client made (applications, invitations), for the engine's request callbacks. */
  readonly #mine = new Map<string, SeatRequest>();
  /** Request callbacks that arrived before the call that made the request returned its ID. */
  readonly #early = new Map<string, TUIRequestCallback>();
  /** Users the engine reported muting their own audio while seated. */
  readonly #selfMuted = new Set<string>();
  #catalog: readonly Gift[] = [];
  #giftSeq = 0;
  #contributions: Record<string, { readonly user: UserInfo; readonly amount: number }> = emptyRecord();
  #fansQuery: Promise<void> | null = null;

  constructor(options: TencentBackendOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.media = new EngineMedia(
      () => this.#engine,
      () => this.#mirror?.seats ?? [],
    );
  }

  // ---- RoomBackend ----

  async connect(user: UserInfo): Promise<void> {
    if (this.#closed) throw new RoomError(ErrorCode.CONNECTION_LOST);
    if (this.#user && this.#user.userId !== user.userId)
      throw new RoomError(ErrorCode.REPEATED_OPERATION, 'This backend is signed in as another user');
    this.#user = { userId: user.userId, userName: user.userName.trim() || user.userId, avatarUrl: user.avatarUrl };
    this.#connecting ??= this.#signIn().catch((error: unknown) => {
      this.#connecting = null;
      this.#setConnection('disconnected');
      throw fromEngineError(error);
    });
    await this.#connecting;
  }

  async send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Answer<T>> {
    if (this.#closed) throw new RoomError(ErrorCode.CONNECTION_LOST);
    if (!this.#user || !this.#engine) throw new RoomError(ErrorCode.NOT_LOGGED_IN);
    try {
      return (await this.#dispatch(type, args)) as Answer<T>;
    } catch (error) {
      throw fromEngineError(error);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const engine = this.#engine;
    if (engine && this.#roomId && this.#mirror?.status === 'live' && !this.#isOwner()) {
      await this.#limit(engine.getLiveListManager().leaveLive(), 'leaving').catch(() => undefined);
    }
    await this.media.disconnect().catch(() => undefined);
    for (const off of this.#detach.splice(0)) off();
    if (this.#renewTimer !== null) clearTimeout(this.#renewTimer);
    this.#renewTimer = null;
    for (const w of this.#waiters) w.done();
    this.#waiters.clear();
    // Not destroyed: the SDK's gift and live-list managers belong to the page's first engine and break with it.
    this.#engine = null;
    if (this.#sdk) await this.#limit(this.#sdk.TUIRoomEngine.logout(), 'signing out').catch(() => undefined);
    this.#subject.next({ type: 'connection', state: 'disconnected' });
    this.#subject.complete();
  }

  async reconnect(): Promise<void> {
    if (this.#closed || !this.#user) throw new RoomError(ErrorCode.CONNECTION_LOST);
    // `connected` makes the store resync from room.snapshot, so it is said only once the room is entered again:
    // said at sign-in, the store read the mirror from before the take-over and kept it (entering emits no batch).
    this.#setConnection('reconnecting');
    this.#connecting = this.#signIn(false).catch((error: unknown) => {
      this.#connecting = null;
      this.#setConnection('disconnected');
      throw fromEngineError(error);
    });
    await this.#connecting;
    if (this.#roomId) {
      try {
        await this.#enter(this.#roomId, false);
      } catch (error) {
        // Not back in (ended, banned meanwhile): the store's resync then finds no room and says so.
        this.#roomId = null;
        this.#setConnection('connected');
        throw fromEngineError(error);
      }
    }
    this.#setConnection('connected');
  }

  // ---- sign-in ----

  async #credentials(force = false): Promise<TencentCredentials> {
    const c = this.#creds;
    if (!force && c && (c.expiresAt === undefined || c.expiresAt - CREDENTIAL_MARGIN_MS > Date.now())) return c;
    const fresh = await this.#options.credentials();
    if (!fresh || typeof fresh.sdkAppId !== 'number' || !fresh.userId || !fresh.userSig)
      throw new RoomError(ErrorCode.NOT_LOGGED_IN, 'The credentials provider returned no usable UserSig');
    if (this.#user && fresh.userId !== this.#user.userId)
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'The credentials are for another user');
    this.#creds = fresh;
    return fresh;
  }

  /** `announce`: report connecting/connected (a reconnect reports them itself, around re-entering the room). */
  async #signIn(announce = true): Promise<void> {
    if (announce) this.#setConnection('connecting');
    const ms = this.#options.signInTimeoutMs ?? 15_000;
    const creds = await this.#limit(this.#credentials(), 'getting a UserSig', ms);
    const sdk = (this.#sdk ??= await this.#limit(
      (this.#options.sdk ?? loadEngine)(),
      'loading the RoomEngine SDK',
      ms,
    ));
    await this.#limit(
      sdk.TUIRoomEngine.login({ sdkAppId: creds.sdkAppId, userId: creds.userId, userSig: creds.userSig }),
      'signing in to Tencent Cloud',
      ms,
    );
    this.#signedIn(creds);
    const me = this.#user!;
    await this.#limit(
      sdk.TUIRoomEngine.setSelfInfo({ userName: me.userName, avatarUrl: me.avatarUrl }),
      'setting the profile',
      ms,
    ).catch(() => undefined);
    if (!this.#engine) {
      this.#engine = engineOf(sdk.TUIRoomEngine);
      this.#listen(this.#engine);
      this.#watchNetwork();
    }
    if (announce) this.#setConnection('connected');
  }

  /** The SDK waits forever without a network; every call gets a limit and a clear code instead. */
  #limit<T>(promise: Promise<T>, what: string, ms = this.#options.commandTimeoutMs ?? 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new RoomError(ErrorCode.TIMEOUT, `Tencent Cloud did not answer ${what} within ${Math.round(ms / 1000)} s`),
          ),
        ms,
      );
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(fromEngineError(error));
        },
      );
    });
  }

  #setConnection(state: ConnectionState, error?: RoomError): void {
    if (this.#connection === state && !error) return;
    this.#connection = state;
    if (!this.#subject.closed) this.#subject.next({ type: 'connection', state, ...(error ? { error } : {}) });
  }

  /** The browser knows first when the network goes: show reconnecting rather than waiting for a call to time out. */
  #watchNetwork(): void {
    const target = globalThis as {
      addEventListener?: (type: string, fn: () => void) => void;
      removeEventListener?: (type: string, fn: () => void) => void;
    };
    if (typeof target.addEventListener !== 'function') return;
    const offline = () => this.#setConnection('reconnecting');
    const online = () => this.#setConnection('connected');
    target.addEventListener('offline', offline);
    target.addEventListener('online', online);
    this.#detach.push(() => {
      target.removeEventListener?.('offline', offline);
      target.removeEventListener?.('online', online);
    });
  }

  // ---- events ----

  #listen(engine: EngineInstance): void {
    const on = <K extends keyof RoomEventPayloads>(event: K, handler: (payload: RoomEventPayloads[K]) => void) => {
      const fn = (payload: RoomEventPayloads[K]) => {
        if (this.#engine === engine) handler(payload);
      };
      engine.on(TUIRoomEvents[event], fn);
      this.#detach.push(() => engine.off(TUIRoomEvents[event], fn));
    };
    on('onSeatListChanged', ({ seatList }) => seatList && this.#seatsFromCloud(seatList));
    on('onKickedOffSeat', ({ seatIndex, userId }) =>
      this.#commit([{ type: 'seat.kicked', userId: this.#user!.userId, index: seatIndex, by: userId ?? '' }]),
    );
    on('onRequestReceived', ({ request }) => this.#requestReceived(request));
    on('onRequestCancelled', ({ requestId, userId }) => this.#requestClosed(requestId, 'cancelled', userId));
    on('onRequestProcessed', ({ requestId, userId }) => this.#requestClosed(requestId, 'handled-by-other', userId));
    on('onRemoteUserEnterRoom', ({ roomId, userInfo }) =>
      this.#memberJoined(roomId, userFrom(userInfo), userInfo.userRole, userInfo.isMessageDisabled),
    );
    on('onRemoteUserLeaveRoom', ({ roomId, userInfo }) => this.#memberLeft(roomId, userInfo.userId, 'left'));
    on('onUserRoleChanged', ({ userId, userRole }) => this.#roleChanged(userId, userRole));
    on('onRoomNameChanged', ({ roomName }) => this.#infoChanged({ name: roomName }));
    on('onRoomSeatModeChanged', ({ seatMode }) => this.#infoChanged({ seatMode: seatModeFrom(seatMode) }));
    on('onSendMessageForAllUserDisableChanged', ({ isDisable }) => this.#infoChanged({ isMessageDisabled: isDisable }));
    on('onSendMessageForUserDisableChanged', ({ userId, isDisable }) => this.#muteChanged(userId, isDisable));
    on('onReceiveTextMessage', (message) => this.#barrageReceived(message));
    on('onReceiveCustomMessage', ({ businessId, data, sender }) => {
      if (businessId === FANS_BUSINESS_ID && sender?.userId !== this.#user?.userId) this.#refreshOwnerFans();
      if (businessId === MUTE_BUSINESS_ID) this.#muteEndHeard(sender?.userId ?? '', data);
      if (businessId === REQUEST_BUSINESS_ID) this.#requestNoteHeard(sender?.userId ?? '', data);
    });
    on('onRoomDismissed', () => this.#ended());
    on('onKickedOutOfRoom', ({ message }) => this.#removedFromRoom(/ban/i.test(message ?? '') ? 'banned' : 'kicked'));
    on('onKickedOffLine', () => this.#signedInElsewhere());
    on('onUserSigExpired', () => void this.#renewSignature());
    on('onUserAudioStateChanged', (payload) => {
      this.media.audioState(payload);
      this.#audioChanged(payload.userId, payload.hasAudio);
    });
    on('onUserVoiceVolumeChanged', (payload) => this.media.volumes(payload));
    on('onAutoPlayFailed', (payload) => this.media.autoplayFailed(payload));

    const gifts = engine.getLiveGiftManager();
    const onGift = <K extends keyof GiftEventPayloads>(event: K, handler: (payload: GiftEventPayloads[K]) => void) => {
      const fn = (payload: GiftEventPayloads[K]) => {
        if (this.#engine === engine) handler(payload);
      };
      gifts.on(TUILiveGiftManagerEvents[event], fn);
      this.#detach.push(() => gifts.off(TUILiveGiftManagerEvents[event], fn));
    };
    onGift('onReceiveGiftMessage', (payload) => this.#giftReceived(payload));
    onGift('onReceiveLikesMessage', ({ roomId, totalLikesReceived, sender }) => {
      if (roomId === this.#roomId) this.#likesReceived(sender?.userId ?? '', totalLikesReceived);
    });

    const list = engine.getLiveListManager();
    const onInfo = ({ liveModifyInfo: change }: LiveListEventPayloads['onLiveInfoChanged']) => {
      if (this.#engine !== engine || change?.roomId !== this.#roomId) return;
      this.#infoChanged({
        ...(change.coverUrl !== undefined ? { coverUrl: change.coverUrl } : {}),
        ...(change.isPublicVisible !== undefined ? { isPublicVisible: change.isPublicVisible } : {}),
      });
    };
    list.on(TUILiveListManagerEvents.onLiveInfoChanged, onInfo);
    this.#detach.push(() => list.off(TUILiveListManagerEvents.onLiveInfoChanged, onInfo));
  }

  /** One change the store applies as one version; wakes the commands waiting for their effect. */
  #commit(events: RoomEvent[]): number {
    const mirror = this.#mirror;
    if (!mirror || !this.#roomId || events.length === 0) return this.#version;
    this.#version += 1;
    const batch = { roomId: this.#roomId, version: this.#version, events, at: this.#clock.now() };
    this.#mirror = applyBatch(mirror, batch);
    if (events.some((e) => e.type === 'seats.updated')) this.media.seatsChanged();
    this.#subject.next({ type: 'batch', batch });
    for (const w of [...this.#waiters]) if (w.check()) w.done();
    return this.#version;
  }

  /** Resolves with the version at which `check` holds on the mirror (commands resolve when their effect shows). */
  #seen(check: (room: RoomSnapshot) => boolean, what: string): Promise<number> {
    const test = () => this.#mirror !== null && check(this.#mirror);
    if (test()) return Promise.resolve(this.#version);
    return new Promise<number>((resolve, reject) => {
      const ms = this.#options.commandTimeoutMs ?? 10_000;
      const waiter: Waiter = {
        check: test,
        done: () => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          if (this.#closed) reject(new RoomError(ErrorCode.CONNECTION_LOST));
          else resolve(this.#version);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(
          new RoomError(ErrorCode.TIMEOUT, `Tencent Cloud did not show ${what} within ${Math.round(ms / 1000)} s`),
        );
      }, ms);
      this.#waiters.add(waiter);
    });
  }

  #seatsFromCloud(seatList: NonNullable<RoomEventPayloads['onSeatListChanged']['seatList']>): void {
    const mirror = this.#mirror;
    if (!mirror) return;
    const seated = new Set(seatList.map((s) => s.userId).filter(Boolean));
    for (const userId of this.#selfMuted) if (!seated.has(userId)) this.#selfMuted.delete(userId);
    const seats = seatList.map((s) => seatFrom(s, (userId) => !this.#selfMuted.has(userId)));
    const changed = changedSeats(mirror.seats, seats);
    if (changed.length > 0) this.#commit([{ type: 'seats.updated', seats: changed }]);
  }

  #audioChanged(userId: string, hasAudio: boolean): void {
    const mirror = this.#mirror;
    if (!mirror) return;
    const index = seatOf(mirror, userId);
    if (index < 0) return;
    const seat = mirror.seats[index]!;
    // Audio going off on an audio-locked seat is the lock, not the occupant's choice.
    const muted = !hasAudio && !seat.audioLocked;
    if (muted) this.#selfMuted.add(userId);
    else this.#selfMuted.delete(userId);
    if (seat.selfMuted !== muted) this.#commit([{ type: 'seats.updated', seats: [{ ...seat, selfMuted: muted }] }]);
  }

  #requestReceived(request: TUIRequest): void {
    const mirror = this.#mirror;
    if (!mirror) return;
    const me = this.#user!;
    const from = userFrom(request);
    const seatIndex = seatIndexIn(request.content);
    let seatRequest: SeatRequest;
    if (request.requestAction === TUIRequestAction.kRequestToTakeSeat) {
      seatRequest = {
        requestId: request.requestId,
        type: 'apply',
        from,
        to: null,
        seatIndex,
        status: 'pending',
        createdAt: request.timestamp || this.#clock.now(),
        expiresAt: null,
        responderId: null,
      };
    } else if (request.requestAction === TUIRequestAction.kRequestRemoteUserOnSeat) {
      seatRequest = {
        requestId: request.requestId,
        type: 'invite',
        from,
        to: me,
        seatIndex,
        status: 'pending',
        createdAt: request.timestamp || this.#clock.now(),
        expiresAt: null,
        responderId: null,
      };
    } else {
      return;
    }
    const key = noteKey(request.requestId, from.userId);
    const note = this.#notes.get(key);
    if (note) {
      this.#notes.delete(key);
      seatRequest = { ...seatRequest, seatIndex: note.seatIndex, expiresAt: note.expiresAt };
    }
    this.#commit([{ type: 'request.updated', request: seatRequest }]);
  }

  /**
   * Request notes that came before their request (the cloud's and the sender's messages race), by request and
   * sender: a note forged by someone else for the same request can never replace the sender's.
   */
  readonly #notes = new Map<string, { readonly seatIndex: number | null; readonly expiresAt: number | null }>();

  #requestNoteHeard(senderId: string, data: string): void {
    let note: { requestId?: unknown; seatIndex?: unknown; expiresAt?: unknown };
    try {
      note = JSON.parse(data) as typeof note;
    } catch {
      return;
    }
    // Valid JSON need not be an object ('null' would throw in this listener): anyone in the room can send this.
    if (typeof note !== 'object' || note === null) return;
    const { requestId, seatIndex, expiresAt } = note;
    if (typeof requestId !== 'string' || !requestId) return;
    const seat = typeof seatIndex === 'number' && Number.isInteger(seatIndex) && seatIndex >= 0 ? seatIndex : null;
    const deadline = typeof expiresAt === 'number' && Number.isFinite(expiresAt) && expiresAt > 0 ? expiresAt : null;
    const request = this.#mirror?.requests.find((r) => r.requestId === requestId);
    if (!request) {
      if (this.#notes.size >= MAX_REQUEST_NOTES) this.#notes.delete(this.#notes.keys().next().value!);
      this.#notes.set(noteKey(requestId, senderId), { seatIndex: seat, expiresAt: deadline });
      return;
    }
    if (request.from.userId !== senderId || (request.seatIndex === seat && request.expiresAt === deadline)) return;
    this.#commit([{ type: 'request.updated', request: { ...request, seatIndex: seat, expiresAt: deadline } }]);
  }

  #requestClosed(requestId: string, closedAs: RequestStatus, by: string): void {
    const request = this.#mirror?.requests.find((r) => r.requestId === requestId);
    if (!request) return;
    // The cloud tells managers of a deadline passing as a cancellation.
    const timedOut =
      closedAs === 'cancelled' &&
      request.expiresAt !== null &&
      this.#clock.now() >= request.expiresAt - DEADLINE_TOLERANCE_MS;
    const status: RequestStatus = timedOut ? 'timeout' : closedAs;
    this.#commit([{ type: 'request.updated', request: { ...request, status, responderId: by || null } }]);
  }

  /** The engine's answer to a request this client made (an application or an invitation). */
  #requestAnswered(callback: TUIRequestCallback): void {
    const request = this.#mine.get(callback.requestId);
    if (!request) {
      this.#early.set(callback.requestId, callback);
      return;
    }
    const status = statusOf(callback.requestCallbackType);
    if (!status) return;
    this.#mine.delete(callback.requestId);
    const current = this.#mirror?.requests.find((r) => r.requestId === callback.requestId) ?? request;
    this.#commit([{ type: 'request.updated', request: { ...current, status, responderId: callback.userId || null } }]);
  }

  #track(request: SeatRequest): number {
    this.#mine.set(request.requestId, request);
    const note = JSON.stringify({
      requestId: request.requestId,
      seatIndex: request.seatIndex,
      expiresAt: request.expiresAt,
    });
    void this.#limit(
      this.#engine!.sendCustomMessage({ businessId: REQUEST_BUSINESS_ID, data: note }),
      'describing the request',
    ).catch(() => undefined);
    const version = this.#commit([{ type: 'request.updated', request }]);
    const early = this.#early.get(request.requestId);
    if (early) {
      this.#early.delete(request.requestId);
      this.#requestAnswered(early);
    }
    return version;
  }

  #memberJoined(roomId: string, user: UserInfo, role: number, muted: boolean): void {
    const mirror = this.#mirror;
    if (!mirror || roomId !== this.#roomId) return;
    const present = mirror.audience.recent.some((u) => u.userId === user.userId);
    const events: RoomEvent[] = [{ type: 'member.joined', user, total: mirror.audience.total + (present ? 0 : 1) }];
    if (role === TUIRole.kAdministrator && !mirror.admins.includes(user.userId))
      events.push({ type: 'admins.updated', admins: [...mirror.admins, user.userId] });
    if (muted && entry(mirror.mutes, user.userId) === undefined)
      events.push({ type: 'member.muted', userId: user.userId, until: UNTIL_LIFTED, by: '' });
    this.#commit(events);
  }

  #memberLeft(roomId: string, userId: string, reason: LeaveReason): void {
    const mirror = this.#mirror;
    if (!mirror || roomId !== this.#roomId) return;
    const present = mirror.audience.recent.some((u) => u.userId === userId);
    const events: RoomEvent[] = [
      {
        type: 'member.left',
        userId,
        reason,
        by: null,
        total: Math.max(0, mirror.audience.total - (present ? 1 : 0)),
        refill: null,
      },
    ];
    // A request of someone who left can no longer be answered.
    for (const r of mirror.requests)
      if (r.from.userId === userId || r.to?.userId === userId)
        events.push({ type: 'request.updated', request: { ...r, status: 'cancelled', responderId: null } });
    this.#commit(events);
  }

  #roleChanged(userId: string, role: number): void {
    const mirror = this.#mirror;
    if (!mirror) return;
    const admin = role === TUIRole.kAdministrator;
    if (admin === mirror.admins.includes(userId)) return;
    this.#commit([
      {
        type: 'admins.updated',
        admins: admin ? [...mirror.admins, userId] : mirror.admins.filter((id) => id !== userId),
      },
    ]);
  }

  #infoChanged(patch: Partial<RoomSnapshot['info']>): void {
    const mirror = this.#mirror;
    if (!mirror) return;
    const info = { ...mirror.info, ...patch, ownerFans: patch.ownerFans ?? mirror.info.ownerFans };
    const keys = Object.keys(info) as Array<keyof typeof info>;
    if (keys.every((k) => info[k] === mirror.info[k])) return;
    this.#commit([{ type: 'info.updated', info }]);
  }

  /** Until when a mute I ordered runs; others learn only that a member is muted, and when it is lifted. */
  readonly #muteEnds = new Map<string, number>();

  #muteChanged(userId: string, muted: boolean): void {
    const mirror = this.#mirror;
    if (!mirror) return;
    const until = muted ? (this.#muteEnds.get(userId) ?? UNTIL_LIFTED) : 0;
    if (!muted) this.#muteEnds.delete(userId);
    if ((entry(mirror.mutes, userId) ?? 0) === until) return;
    this.#commit([{ type: 'member.muted', userId, until, by: '' }]);
  }

  #muteEndHeard(senderId: string, data: string): void {
    const mirror = this.#mirror;
    if (!mirror || roleOf(mirror, senderId) === 'member') return;
    let parsed: { userId?: unknown; until?: unknown };
    try {
      parsed = JSON.parse(data) as { userId?: unknown; until?: unknown };
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    const { userId, until } = parsed;
    if (typeof userId !== 'string' || typeof until !== 'number' || !Number.isFinite(until) || until < 0) return;
    // A note only tells when a mute the cloud announced ends (or will, if the cloud's event comes after it): it never
    // mutes or unmutes by itself, so a modified manager client cannot silence anyone the cloud did not mute (the
    // owner included, whom no admin may mute). Unmutes are the cloud's event too (muteChanged).
    if (until === 0) {
      this.#muteEnds.delete(userId);
      return;
    }
    this.#muteEnds.set(userId, until);
    const current = entry(mirror.mutes, userId);
    if (current !== undefined && current !== until)
      this.#commit([{ type: 'member.muted', userId, until, by: senderId }]);
  }

  #barrageReceived(message: RoomEventPayloads['onReceiveTextMessage']): void {
    const mirror = this.#mirror;
    if (!mirror || message.roomId !== this.#roomId) return;
    const messageId = `${message.roomId}:${message.sequence}`;
    // My own message comes back too (with an empty name): I added it when the send answered.
    if (mirror.barrage.some((m) => m.messageId === messageId)) return;
    const sender = message.sender?.userId === this.#user!.userId ? this.#user! : userFrom(message.sender);
    this.#commit([
      {
        type: 'barrage.received',
        message: {
          messageId,
          sender,
          role: roleOf(mirror, sender.userId),
          text: message.textContent,
          sentAt: message.timestampInSecond * 1000 || this.#clock.now(),
          seq: message.sequence,
        },
      },
    ]);
  }

  #likesReceived(userId: string, total: number): void {
    const mirror = this.#mirror;
    if (!mirror || total <= mirror.likes.total) return;
    this.#commit([{ type: 'likes.received', userId, count: total - mirror.likes.total, total }]);
  }

  #giftReceived({ roomId, giftInfo, count, sender }: GiftEventPayloads['onReceiveGiftMessage']): void {
    const mirror = this.#mirror;
    if (!mirror || roomId !== this.#roomId || sender?.userId === this.#user?.userId) return;
    const gift =
      this.#catalog.find((g) => g.giftId === giftInfo.giftID) ??
      catalogFrom([{ categoryID: '', name: '', desc: '', extensionInfo: {}, giftList: [giftInfo] }])[0]!;
    this.#commit([this.#giftEvent(gift, count, userFrom(sender))]);
  }

  /** Gifts go to the room's owner (the cloud's gift model); totals and the leaderboard are what this client saw. */
  #giftEvent(gift: Gift, count: number, sender: UserInfo): RoomEvent {
    const mirror = this.#mirror!;
    const amount = gift.price * count;
    const before = entry(this.#contributions, sender.userId)?.amount ?? 0;
    this.#contributions = withEntry(this.#contributions, sender.userId, { user: sender, amount: before + amount });
    const received: GiftReceived = {
      entryId: `${this.#roomId}:${sender.userId}:${++this.#giftSeq}`,
      gift,
      count,
      sender,
      receiver: mirror.info.owner,
      amount,
      sentAt: this.#clock.now(),
    };
    const totals = {
      amount: mirror.gifts.amount + amount,
      count: mirror.gifts.count + count,
      leaderboard: leaderboard({ gifts: { amount: 0, count: 0, contributions: this.#contributions } }),
    };
    return { type: 'gift.received', gift: received, totals };
  }

  #ended(): void {
    if (this.#mirror?.status !== 'live') return;
    this.#commit([{ type: 'room.ended', by: this.#mirror.info.owner.userId }]);
    this.media.entered(false);
  }

  #removedFromRoom(reason: 'kicked' | 'banned'): void {
    const mirror = this.#mirror;
    if (!mirror) return;
    const me = this.#user!.userId;
    this.#commit([
      {
        type: 'member.left',
        userId: me,
        reason,
        by: null,
        total: Math.max(0, mirror.audience.total - 1),
        refill: null,
      },
    ]);
    this.media.entered(false);
    // Out of the room: commands now fail NOT_IN_ROOM, and a join asks the cloud again.
    this.#roomId = null;
  }

  #signedInElsewhere(): void {
    this.media.entered(false);
    this.#setConnection('disconnected', new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE));
  }

  /** The UserSig the engine signed in with, and the timer that fetches the next one a minute before it expires. */
  #signedWith = '';
  #renewTimer: ReturnType<typeof setTimeout> | null = null;

  #signedIn(creds: TencentCredentials): void {
    this.#signedWith = creds.userSig;
    if (this.#renewTimer !== null) clearTimeout(this.#renewTimer);
    this.#renewTimer = null;
    if (creds.expiresAt === undefined || this.#closed) return;
    // Real time: a UserSig expires on the wall clock. Long waits re-arm (setTimeout holds at most ~24.8 days).
    const wait = Math.min(Math.max(0, creds.expiresAt - CREDENTIAL_MARGIN_MS - Date.now()), 2 ** 31 - 1);
    this.#renewTimer = setTimeout(() => {
      this.#renewTimer = null;
      if (this.#closed) return;
      if (!expiring(creds)) return this.#signedIn(creds);
      // Fetched ahead, so the engine can sign in again at once when Tencent says the old one expired.
      this.#credentials(true).catch(() => undefined);
    }, wait);
  }

  async #renewSignature(): Promise<void> {
    const sdk = this.#sdk;
    if (!sdk || this.#closed) return;
    this.#setConnection('reconnecting');
    try {
      // The UserSig fetched ahead of expiry (signedIn) when there is one, else a fresh one now.
      const ahead = this.#creds;
      const creds =
        ahead && ahead.userSig !== this.#signedWith && !expiring(ahead) ? ahead : await this.#credentials(true);
      await this.#limit(
        sdk.TUIRoomEngine.login({ sdkAppId: creds.sdkAppId, userId: creds.userId, userSig: creds.userSig }),
        'signing in again',
        this.#options.signInTimeoutMs ?? 15_000,
      );
      this.#signedIn(creds);
      this.#setConnection('connected');
    } catch (error) {
      this.#setConnection('disconnected', fromEngineError(error));
    }
  }

  // ---- commands ----

  #isOwner(): boolean {
    return this.#mirror?.info.owner.userId === this.#user?.userId;
  }

  #live(): { engine: EngineInstance; roomId: string; mirror: RoomSnapshot } {
    const engine = this.#engine;
    if (!engine) throw new RoomError(ErrorCode.NOT_LOGGED_IN);
    if (!this.#roomId || !this.#mirror) throw new RoomError(ErrorCode.NOT_IN_ROOM);
    if (this.#mirror.status !== 'live') throw new RoomError(ErrorCode.ROOM_ENDED);
    return { engine, roomId: this.#roomId, mirror: this.#mirror };
  }

  /**
   * Runs the kit's own rules on a copy of the room as this client sees it: a command they refuse fails here with
   * the same code as on every other backend, and the cloud is not asked. What passes is the cloud's to decide.
   */
  #preflight<T extends RoomCommandType>(command: CommandOf<T>, extraMembers: readonly UserInfo[] = []) {
    const { mirror } = this.#live();
    const applied = applyRoomCommand(
      shadowState(mirror, [this.#user!, ...extraMembers]),
      { user: this.#user! },
      command,
      this.#clock.now(),
    );
    if (!applied.ok) throw applied.error;
    return applied;
  }

  async #dispatch(type: CommandType, raw: unknown): Promise<Answer<CommandType>> {
    const args = (raw ?? {}) as Record<string, unknown>;
    const me = this.#user!;
    switch (type) {
      case 'room.start':
        return this.#start(args as CommandArgs<'room.start'>);
      case 'room.join':
        return this.#enter(String(args.roomId ?? ''), true);
      case 'room.list':
        return { result: await this.#listRooms(args as CommandArgs<'room.list'>) };
      case 'gift.catalog':
        return { result: await this.#loadCatalog() };
      case 'wallet.get':
        return { result: await this.#wallet() };
      case 'follow.set':
        return { result: await this.#setFollow(String(args.userId ?? ''), args.follow === true) };
      case 'follow.get':
        return { result: await this.#followInfo(String(args.userId ?? '')) };
      case 'profile.get':
        return { result: await this.#profile(String(args.userId ?? '')) };
      case 'room.snapshot': {
        const { mirror } = this.#live();
        return { result: mirror, version: this.#version };
      }
      case 'audience.list':
        return { result: await this.#audience(args as CommandArgs<'audience.list'>) };
      case 'gift.send':
        return this.#sendGift(args as CommandArgs<'gift.send'>);
      default:
        break;
    }
    const { engine, roomId } = this.#live();
    const command = { type, ...args } as CommandOf<RoomCommandType>;
    switch (command.type) {
      case 'room.leave': {
        this.#preflight(command);
        await this.#limit(engine.getLiveListManager().leaveLive(), 'leaving the room');
        return { result: null, version: this.#left('left') };
      }
      case 'room.end': {
        this.#preflight(command);
        await this.#limit(engine.getLiveListManager().stopLive(), 'ending the room');
        this.#ended();
        return { result: null, version: this.#version };
      }
      case 'room.update':
        return this.#update(command);
      case 'seat.take':
        return this.#takeSeat(command);
      case 'seat.leave': {
        this.#preflight(command);
        await this.#limit(engine.leaveSeat(), 'leaving the seat');
        return { result: null, version: await this.#seen((r) => seatOf(r, me.userId) < 0, 'the seat left') };
      }
      case 'seat.move': {
        this.#preflight(command);
        const swap = command.policy === 'swap' && this.#mirror!.seats[command.index]?.user;
        await this.#limit(
          swap
            ? engine.moveUserToSeatByAdmin({
                userId: me.userId,
                targetSeatIndex: command.index,
                policy: TUIMoveSeatPolicy.kSwapPosition,
              })
            : engine.moveToSeat({ targetSeatIndex: command.index }),
          'moving seats',
        );
        return { result: null, version: await this.#seen((r) => seatOf(r, me.userId) === command.index, 'the move') };
      }
      case 'seat.kick': {
        this.#preflight(command);
        const index = seatOf(this.#mirror!, command.userId);
        await this.#limit(engine.kickUserOffSeatByAdmin({ seatIndex: index, userId: command.userId }), 'the seat kick');
        return { result: null, version: await this.#seen((r) => seatOf(r, command.userId) < 0, 'the seat kick') };
      }
      case 'seat.lock': {
        this.#preflight(command);
        const seat = this.#mirror!.seats[command.index]!;
        // The kit's rule: locking an occupied seat removes its occupant first (who is told they were kicked).
        if (command.locked && seat.user) {
          await this.#limit(
            engine.kickUserOffSeatByAdmin({ seatIndex: command.index, userId: seat.user.userId }),
            'clearing the seat',
          );
        }
        await this.#limit(
          engine.lockSeatByAdmin({
            seatIndex: command.index,
            lockParams: { lockSeat: command.locked, lockAudio: seat.audioLocked, lockVideo: false },
          }),
          'locking the seat',
        );
        return {
          result: null,
          version: await this.#seen(
            (r) =>
              r.seats[command.index]?.locked === command.locked && (!command.locked || !r.seats[command.index]?.user),
            'the seat lock',
          ),
        };
      }
      case 'seat.lockAudio': {
        this.#preflight(command);
        const seat = this.#mirror!.seats[command.index]!;
        await this.#limit(
          engine.lockSeatByAdmin({
            seatIndex: command.index,
            lockParams: { lockSeat: seat.locked, lockAudio: command.locked, lockVideo: false },
          }),
          "locking the seat's audio",
        );
        return {
          result: null,
          version: await this.#seen((r) => r.seats[command.index]?.audioLocked === command.locked, 'the audio lock'),
        };
      }
      case 'seat.selfMute': {
        this.#preflight(command);
        await this.#limit(command.muted ? engine.muteLocalAudio() : engine.unmuteLocalAudio(), 'muting');
        this.#audioChanged(me.userId, !command.muted);
        return { result: null, version: this.#version };
      }
      case 'request.invite':
        return this.#invite(command);
      case 'request.respond':
        return this.#respond(command.requestId, command.accept);
      case 'request.cancel': {
        const applied = this.#preflight(command);
        await this.#limit(engine.cancelRequest({ requestId: command.requestId }), 'cancelling the request');
        this.#mine.delete(command.requestId);
        const closed = closedIn(applied.events, command.requestId);
        return { result: closed, version: this.#commit([{ type: 'request.updated', request: closed }]) };
      }
      case 'request.respondAll': {
        this.#preflight(command);
        const pending = this.#mirror!.requests.filter((r) => r.type === 'apply' && r.status === 'pending');
        let handled = 0;
        for (const r of pending) {
          const ok = await this.#respond(r.requestId, command.accept).then(
            () => true,
            () => false,
          );
          if (ok) handled += 1;
        }
        return { result: { handled }, version: this.#version };
      }
      case 'barrage.send':
        return this.#sendBarrage(command.text);
      case 'like.send': {
        this.#preflight(command);
        const gifts = engine.getLiveGiftManager();
        await this.#limit(gifts.sendLikes({ roomId, count: command.count }), 'sending likes');
        const { totalLikesReceived } = await this.#limit(gifts.getLikesCount({ roomId }), 'counting likes');
        const total = Math.max(totalLikesReceived, this.#mirror!.likes.total + command.count);
        if (total > this.#mirror!.likes.total)
          this.#commit([{ type: 'likes.received', userId: me.userId, count: command.count, total }]);
        return { result: { total: this.#mirror!.likes.total }, version: this.#version };
      }
      case 'member.mute': {
        this.#preflight(command);
        // Chat's mute time, not the engine's disableSendingMessageByAdmin: only Chat's takes a duration (and lifts
        // the mute by itself); the engine reports both as onSendMessageForUserDisableChanged.
        const seconds = command.seconds;
        if (seconds > 0) this.#muteEnds.set(command.userId, this.#clock.now() + seconds * 1000);
        await this.#limit(
          engine.getTIM().setGroupMemberMuteTime({ groupID: roomId, userID: command.userId, muteTime: seconds }),
          'muting the member',
        );
        const until = seconds > 0 ? this.#muteEnds.get(command.userId)! : 0;
        void this.#limit(
          engine.sendCustomMessage({
            businessId: MUTE_BUSINESS_ID,
            data: JSON.stringify({ userId: command.userId, until }),
          }),
          'telling the mute',
        ).catch(() => undefined);
        const version =
          (entry(this.#mirror!.mutes, command.userId) ?? 0) === until
            ? this.#version
            : this.#commit([{ type: 'member.muted', userId: command.userId, until, by: me.userId }]);
        return { result: null, version };
      }
      case 'member.kick': {
        this.#preflight(command);
        await this.#limit(engine.kickRemoteUserOutOfRoom({ userId: command.userId }), 'the kick');
        return {
          result: null,
          version: await this.#seen((r) => !r.audience.recent.some((u) => u.userId === command.userId), 'the kick'),
        };
      }
      case 'member.ban': {
        this.#preflight(command);
        // Chat bans by removing with a duration (AVChatRoom); the reason tells the removed client it was a ban.
        await this.#limit(
          engine.getTIM().deleteGroupMember({
            groupID: roomId,
            userIDList: [...command.userIds],
            reason: 'banned',
            duration: command.seconds,
          }),
          'the ban',
        );
        return {
          result: null,
          version: await this.#seen(
            (r) => !r.audience.recent.some((u) => command.userIds.includes(u.userId)),
            'the ban',
          ),
        };
      }
      case 'member.unban': {
        this.#preflight(command);
        const unban = this.#options.server?.unban;
        if (!unban)
          throw new RoomError(
            ErrorCode.PERMISSION_DENIED,
            'Lifting a ban needs your server (TencentBackendOptions.server.unban): the client SDK cannot',
          );
        await this.#limit(unban(roomId, command.userIds), 'lifting the ban');
        return { result: null, version: this.#version };
      }
      case 'admin.set': {
        this.#preflight(command);
        await this.#limit(
          engine.changeUserRole({
            userId: command.userId,
            userRole: command.admin ? TUIRole.kAdministrator : TUIRole.kGeneralUser,
          }),
          'changing the role',
        );
        return {
          result: null,
          version: await this.#seen((r) => r.admins.includes(command.userId) === command.admin, 'the role change'),
        };
      }
    }
  }

  #left(reason: LeaveReason): number {
    const version = this.#mirror
      ? this.#commit([
          {
            type: 'member.left',
            userId: this.#user!.userId,
            reason,
            by: null,
            total: Math.max(0, this.#mirror.audience.total - 1),
            refill: null,
          },
        ])
      : this.#version;
    this.media.entered(false);
    this.#roomId = null;
    return version;
  }

  async #start({ roomId, options = {} }: CommandArgs<'room.start'>): Promise<Answer<'room.start'>> {
    const engine = this.#engine!;
    const me = this.#user!;
    const checked = createRoomState({ roomId, owner: me, options, now: this.#clock.now() });
    if (!checked.ok) throw checked.error;
    const info = checked.state.info;
    const live = await this.#limit(
      engine.getLiveListManager().startLive({
        roomId,
        roomType: TUIRoomType.kLive,
        name: info.name,
        notice: info.notice,
        coverUrl: info.coverUrl,
        isPublicVisible: info.isPublicVisible,
        isMessageDisableForAllUser: info.isMessageDisabled,
        isSeatEnabled: true,
        seatMode: seatModeTo(info.seatMode),
        maxSeatCount: info.seatCount,
        keepOwnerOnSeat: info.keepOwnerOnSeat !== false,
        isGiftEnabled: true,
        isLikeEnabled: true,
      }),
      'starting the room',
    );
    return this.#adopt(roomId, live);
  }

  async #enter(roomId: string, fresh: boolean): Promise<Answer<'room.join'>> {
    if (!this.#engine) throw new RoomError(ErrorCode.NOT_LOGGED_IN);
    if (fresh && this.#roomId === roomId && this.#mirror?.status === 'live')
      return { result: this.#mirror, version: this.#version };
    const live = await this.#limit(this.#engine.getLiveListManager().joinLive(roomId), 'joining the room');
    return this.#adopt(roomId, live);
  }

  /** Reads the whole room from the cloud once, on entering; events keep it current from then on. */
  async #adopt(roomId: string, live: TUILiveInfo): Promise<{ result: RoomSnapshot; version: number }> {
    const engine = this.#engine!;
    const me = this.#user!;
    const owner = ownerOf(live).userId === me.userId ? me : ownerOf(live);
    this.#roomId = roomId;
    this.#mine.clear();
    this.#contributions = emptyRecord();
    const [seatList, members, likes, gifts, catalog] = await Promise.all([
      this.#limit(engine.getSeatList(), 'reading the seats'),
      this.#allMembers(engine),
      this.#limit(engine.getLiveGiftManager().getLikesCount({ roomId }), 'reading the likes').catch(() => ({
        totalLikesReceived: 0,
      })),
      this.#limit(engine.getLiveGiftManager().getGiftCountByAnchor({ roomId }), 'reading the gift totals').catch(
        () => ({
          totalGiftCoins: 0,
          totalGiftsSent: 0,
          totalUniqueGiftSenders: 0,
        }),
      ),
      this.#loadCatalog().catch(() => [] as Gift[]),
    ]);
    this.#catalog = catalog;
    const admins = members.filter((m) => m.userRole === TUIRole.kAdministrator).map((m) => m.userId);
    // The engine lists members in join order; the audience shows the newest first.
    const recent = members
      .slice()
      .reverse()
      .map((m) => (m.userId === me.userId ? me : userFrom(m)));
    if (!recent.some((u) => u.userId === me.userId)) recent.unshift(me);
    let mutes = emptyRecord<number>();
    for (const m of members) if (m.isMessageDisabled) mutes = { ...mutes, [m.userId]: UNTIL_LIFTED };
    const manager = owner.userId === me.userId || admins.includes(me.userId);
    const applications = manager
      ? await this.#limit(engine.getSeatApplicationList(), 'reading the applications').catch(() => [] as TUIRequest[])
      : [];
    this.#version += 1;
    this.#mirror = {
      roomId,
      version: this.#version,
      status: 'live',
      info: liveInfoFrom(live, owner, null),
      seats: seatList.map((s) => seatFrom(s, (userId) => !this.#selfMuted.has(userId))),
      requests: applications.map((r) => ({
        requestId: r.requestId,
        type: 'apply' as const,
        from: userFrom(r),
        to: null,
        seatIndex: seatIndexIn(r.content),
        status: 'pending' as const,
        createdAt: r.timestamp || this.#clock.now(),
        expiresAt: null,
        responderId: null,
      })),
      admins,
      barrage: [],
      likes: { total: likes.totalLikesReceived },
      gifts: { amount: gifts.totalGiftCoins, count: gifts.totalGiftsSent, leaderboard: [] },
      audience: { recent: recent.slice(0, 100), total: Math.max(recent.length, members.length) },
      mutes: recordOf(mutes),
    };
    this.media.entered(true);
    this.#refreshOwnerFans();
    return { result: this.#mirror, version: this.#version };
  }

  /** The member list, newest first (the engine pages it; a very large room lists its newest pages). */
  async #allMembers(engine: EngineInstance) {
    const all: Awaited<ReturnType<EngineInstance['getUserList']>>['userInfoList'] = [];
    let nextSequence = 0;
    for (let page = 0; page < USER_LIST_PAGES; page++) {
      const result = await this.#limit(engine.getUserList({ nextSequence }), 'reading the audience');
      all.push(...result.userInfoList);
      nextSequence = result.nextSequence;
      if (!nextSequence) break;
    }
    return all;
  }

  async #update(command: CommandOf<'room.update'>): Promise<Answer<'room.update'>> {
    const { engine, roomId } = this.#live();
    const applied = this.#preflight(command);
    const patch = command.patch;
    const target = (applied.state as RoomState).info;
    if (patch.notice !== undefined && target.notice !== this.#mirror!.info.notice) {
      throw new RoomError(
        ErrorCode.INVALID_PARAMETER,
        'Tencent Cloud sets the notice when the room starts; it cannot change while live',
      );
    }
    if (target.name !== this.#mirror!.info.name)
      await this.#limit(engine.updateRoomNameByAdmin({ roomName: target.name }), 'renaming the room');
    if (target.seatMode !== this.#mirror!.info.seatMode)
      await this.#limit(
        engine.updateRoomSeatModeByAdmin({ seatMode: seatModeTo(target.seatMode) }),
        'changing the seat mode',
      );
    if (target.isMessageDisabled !== this.#mirror!.info.isMessageDisabled)
      await this.#limit(
        engine.disableSendingMessageForAllUser({ isDisable: target.isMessageDisabled }),
        'muting the room',
      );
    if (
      target.coverUrl !== this.#mirror!.info.coverUrl ||
      target.isPublicVisible !== this.#mirror!.info.isPublicVisible
    ) {
      await this.#limit(
        engine
          .getLiveListManager()
          .setLiveInfo({ roomId, coverUrl: target.coverUrl, isPublicVisible: target.isPublicVisible }),
        'updating the room',
      );
    }
    const version = await this.#seen(
      (r) =>
        r.info.name === target.name &&
        r.info.seatMode === target.seatMode &&
        r.info.isMessageDisabled === target.isMessageDisabled,
      'the room update',
    );
    // Cover and visibility come back only through onLiveInfoChanged, which not every member receives: apply them here.
    if (
      target.coverUrl !== this.#mirror!.info.coverUrl ||
      target.isPublicVisible !== this.#mirror!.info.isPublicVisible
    ) {
      this.#infoChanged({ coverUrl: target.coverUrl, isPublicVisible: target.isPublicVisible });
      return { result: null, version: this.#version };
    }
    return { result: null, version };
  }

  async #takeSeat(command: CommandOf<'seat.take'>): Promise<Answer<'seat.take'>> {
    const { engine } = this.#live();
    const me = this.#user!;
    const applied = this.#preflight(command);
    const timeoutSec = command.timeoutSec ?? DEFAULT_REQUEST_TIMEOUT_SEC;
    const application = applied.result && !applied.result.seated;
    if (!application) {
      // A direct take resolves only when accepted; any other answer leaves the SDK's promise pending forever.
      let refuse: (error: RoomError) => void = () => undefined;
      const refused = new Promise<never>((_, reject) => (refuse = reject));
      refused.catch(() => undefined);
      const requestCallback = (cb: TUIRequestCallback) => {
        if (cb.requestCallbackType !== TUIRequestCallbackType.kRequestAccepted)
          refuse(fromEngineError({ code: cb.code, message: cb.message || 'The seat was refused' }));
      };
      await Promise.race([
        this.#limit(
          engine.takeSeat({ seatIndex: command.index ?? -1, timeout: 0, requestCallback }),
          'taking the seat',
        ),
        refused,
      ]);
      const version = await Promise.race([this.#seen((r) => seatOf(r, me.userId) >= 0, 'the seat taken'), refused]);
      return { result: { seated: true, index: seatOf(this.#mirror!, me.userId) }, version };
    }
    const tui = await this.#limit(
      engine.takeSeat({
        seatIndex: command.index ?? -1,
        timeout: timeoutSec,
        requestCallback: (cb) => this.#requestAnswered(cb),
      }),
      'applying for the seat',
    );
    const now = this.#clock.now();
    const request: SeatRequest = {
      requestId: tui.requestId,
      type: 'apply',
      from: me,
      to: null,
      seatIndex: command.index,
      status: 'pending',
      createdAt: now,
      expiresAt: timeoutSec > 0 ? now + timeoutSec * 1000 : null,
      responderId: null,
    };
    const version = this.#track(request);
    return {
      result: {
        seated: false,
        request: this.#mirror!.requests.find((r) => r.requestId === request.requestId) ?? request,
      },
      version,
    };
  }

  async #invite(command: CommandOf<'request.invite'>): Promise<Answer<'request.invite'>> {
    const { engine, mirror } = this.#live();
    const invitee = mirror.audience.recent.find((u) => u.userId === command.userId) ?? {
      userId: command.userId,
      userName: command.userId,
      avatarUrl: '',
    };
    this.#preflight(command, [invitee]);
    const timeoutSec = command.timeoutSec ?? DEFAULT_REQUEST_TIMEOUT_SEC;
    const tui = await this.#limit(
      engine.takeUserOnSeatByAdmin({
        seatIndex: command.index ?? -1,
        userId: command.userId,
        timeout: timeoutSec,
        requestCallback: (cb) => this.#requestAnswered(cb),
      }),
      'inviting',
    );
    const now = this.#clock.now();
    const request: SeatRequest = {
      requestId: tui.requestId,
      type: 'invite',
      from: this.#user!,
      to: invitee,
      seatIndex: command.index,
      status: 'pending',
      createdAt: now,
      expiresAt: timeoutSec > 0 ? now + timeoutSec * 1000 : null,
      responderId: null,
    };
    const version = this.#track(request);
    return { result: this.#mirror!.requests.find((r) => r.requestId === request.requestId) ?? request, version };
  }

  async #respond(requestId: string, accept: boolean): Promise<Answer<'request.respond'>> {
    const { engine } = this.#live();
    const applied = this.#preflight({ type: 'request.respond', requestId, accept });
    const request = this.#mirror!.requests.find((r) => r.requestId === requestId)!;
    await this.#limit(engine.responseRemoteRequest({ requestId, agree: accept }), 'answering the request');
    const closed = closedIn(applied.events, requestId);
    this.#commit([{ type: 'request.updated', request: closed }]);
    if (!accept) return { result: closed, version: this.#version };
    const seatedId = request.type === 'apply' ? request.from.userId : this.#user!.userId;
    const version = await this.#seen((r) => seatOf(r, seatedId) >= 0, 'the accepted user seated');
    return { result: closed, version };
  }

  async #sendBarrage(text: string): Promise<Answer<'barrage.send'>> {
    const { engine, mirror, roomId } = this.#live();
    this.#preflight({ type: 'barrage.send', text });
    const normalized = normalizeBarrage(text);
    if (!normalized.ok) throw normalized.error;
    const me = this.#user!;
    // A plain text message to the room's group, which is what the engine's sendTextMessage sends; through Chat
    // directly because its answer carries the group sequence. The cloud delivers a message to everyone but its
    // sender, so the sender adds its own, put in its place by that sequence: every client shows one order.
    const chat = engine.getTIM();
    const sending = chat.sendMessage(
      chat.createTextMessage({ to: roomId, conversationType: CONV_GROUP, payload: { text: normalized.state } }),
    ) as Promise<ChatSendResult>;
    let shown = false;
    const show = (sent: ChatSendResult): number => {
      if (shown || this.#roomId !== roomId) return this.#version;
      shown = true;
      const seq = sent?.data?.message?.sequence;
      const sentAt = (sent?.data?.message?.time ?? 0) * 1000 || this.#clock.now();
      if (seq !== undefined && this.#mirror?.barrage.some((m) => m.messageId === `${roomId}:${seq}`))
        return this.#version;
      return this.#commit([
        {
          type: 'barrage.received',
          message: {
            messageId:
              seq !== undefined
                ? `${roomId}:${seq}`
                : `${roomId}:${me.userId}:${this.#id}:${mirror.barrage.length}:${sentAt}`,
            sender: me,
            role: roleOf(mirror, me.userId),
            text: normalized.state,
            sentAt,
            ...(seq !== undefined ? { seq } : {}),
          },
        },
      ]);
    };
    // A send that outlives its time limit (the SDK keeps trying while offline) may still land: everyone else then
    // sees it, so the sender does too, in its place. Its command already failed with TIMEOUT, whose message says so.
    sending.then(show, () => undefined);
    return { result: null, version: show(await this.#limit(sending, 'sending the message (it may still arrive)')) };
  }

  async #loadCatalog(): Promise<Gift[]> {
    const engine = this.#engine;
    if (!engine) throw new RoomError(ErrorCode.NOT_LOGGED_IN);
    const roomId = this.#roomId ?? '';
    const { giftCategoryList } = await this.#limit(
      engine.getLiveGiftManager().getGiftList({ roomId }),
      'reading the gift list',
    );
    const catalog = catalogFrom(giftCategoryList ?? []);
    this.#catalog = catalog;
    return catalog;
  }

  async #wallet(): Promise<{ balance: number; walletVersion: number }> {
    const wallet = this.#options.wallet;
    if (!wallet) return { balance: 0, walletVersion: 0 };
    const { balance, walletVersion } = await this.#limit(wallet.balance(this.#user!.userId), 'reading the balance');
    return { balance, walletVersion };
  }

  async #sendGift({ giftId, count, receiverId }: CommandArgs<'gift.send'>): Promise<Answer<'gift.send'>> {
    const { engine, mirror, roomId } = this.#live();
    const me = this.#user!;
    if (typeof giftId !== 'string' || typeof receiverId !== 'string')
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'giftId and receiverId must be strings');
    if (!Number.isInteger(count) || count < 1 || count > MAX_GIFT_COUNT)
      throw new RoomError(ErrorCode.INVALID_PARAMETER, `count must be an integer from 1 to ${MAX_GIFT_COUNT}`);
    if (receiverId === me.userId) throw new RoomError(ErrorCode.CANNOT_TARGET_SELF);
    if (receiverId !== mirror.info.owner.userId)
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'On Tencent Cloud gifts go to the room owner');
    const gift = (this.#catalog.length ? this.#catalog : await this.#loadCatalog()).find((g) => g.giftId === giftId);
    if (!gift) throw new RoomError(ErrorCode.GIFT_NOT_FOUND);
    await this.#limit(engine.getLiveGiftManager().sendGift({ roomId, giftId, count }), 'sending the gift');
    const event = this.#giftEvent(gift, count, me);
    const version = this.#commit([event]);
    const wallet = await this.#wallet().catch(() => ({ balance: 0, walletVersion: 0 }));
    return { result: { gift: (event as Extract<RoomEvent, { type: 'gift.received' }>).gift, ...wallet }, version };
  }

  async #listRooms({ cursor = '', count = 20 }: CommandArgs<'room.list'>): Promise<RoomListPage> {
    const engine = this.#engine!;
    const page = await this.#limit(engine.getLiveListManager().fetchLiveList({ cursor, count }), 'listing rooms');
    return {
      rooms: page.liveInfoList.filter((l) => l.isPublicVisible !== false).map(roomListItemFrom),
      next: page.cursor ?? '',
    };
  }

  async #audience({ cursor = '', keyword = '', count = 50 }: CommandArgs<'audience.list'>): Promise<AudiencePage> {
    const { engine, mirror } = this.#live();
    const page = await this.#limit(engine.getUserList({ nextSequence: Number(cursor) || 0 }), 'reading the audience');
    const needle = keyword.trim().toLowerCase();
    const members = page.userInfoList
      .map(userFrom)
      .filter((u) => !needle || u.userId.toLowerCase().includes(needle) || u.userName.toLowerCase().includes(needle))
      .slice(0, count);
    return { members, next: page.nextSequence ? String(page.nextSequence) : '', total: mirror.audience.total };
  }

  // ---- follows and profiles (Chat, through the engine's instance) ----

  async #setFollow(userId: string, follow: boolean): Promise<FollowInfo> {
    const chat = this.#engine!.getTIM();
    if (userId === this.#user!.userId) throw new RoomError(ErrorCode.CANNOT_TARGET_SELF);
    await this.#limit(follow ? chat.followUser([userId]) : chat.unfollowUser([userId]), 'following');
    const info = await this.#followInfo(userId);
    if (this.#mirror && userId === this.#mirror.info.owner.userId && this.#mirror.status === 'live') {
      this.#commit([{ type: 'fans.updated', userId, fans: info.fans }]);
      // Others ask the cloud for the new count when told it changed.
      void this.#engine!.sendCustomMessage({ businessId: FANS_BUSINESS_ID, data: '' }).catch(() => undefined);
    }
    return info;
  }

  async #followInfo(userId: string): Promise<FollowInfo> {
    const chat = this.#engine!.getTIM();
    const [info, type] = await Promise.all([
      this.#limit(chat.getUserFollowInfo([userId]), 'reading follows'),
      this.#limit(chat.checkFollowType([userId]), 'reading follows'),
    ]);
    // Entries carry only the counts, in the order the IDs were asked for (no userID: Chat's follow-module).
    const counts = (info.data as Array<{ followersCount?: number; followingCount?: number }>)[0];
    const relation =
      (type.data as Array<{ userID?: string; followType?: number }>).find((t) => t.userID === userId)?.followType ?? 0;
    // followType: 1 = they follow me, 2 = I follow them, 3 = both (Chat docs).
    return {
      userId,
      following: (relation & 2) !== 0,
      fans: counts?.followersCount ?? 0,
      followingCount: counts?.followingCount ?? 0,
    };
  }

  #refreshOwnerFans(): void {
    const mirror = this.#mirror;
    if (!mirror || this.#fansQuery) return;
    const ownerId = mirror.info.owner.userId;
    this.#fansQuery = this.#followInfo(ownerId)
      .then((info) => {
        if (this.#mirror && this.#mirror.info.owner.userId === ownerId && this.#mirror.info.ownerFans !== info.fans)
          this.#commit([{ type: 'fans.updated', userId: ownerId, fans: info.fans }]);
      })
      .catch(() => undefined)
      .finally(() => {
        this.#fansQuery = null;
      });
  }

  async #profile(userId: string): Promise<UserProfile> {
    const found = await this.#limit(
      this.#engine!.getTIM().getUserProfile({ userIDList: [userId] }),
      'reading the profile',
    );
    const p = (found.data as Array<{ userID: string; nick?: string; avatar?: string; level?: number }>).find(
      (x) => x.userID === userId,
    );
    if (!p) throw new RoomError(ErrorCode.USER_NOT_FOUND);
    return { userId, userName: p.nick || userId, avatarUrl: p.avatar ?? '', level: p.level ?? 1 };
  }
}

/** One engine per SDK class, for the page's life (see close()). */
const engines = new WeakMap<EngineSdk['TUIRoomEngine'], EngineInstance>();
function engineOf(Engine: EngineSdk['TUIRoomEngine']): EngineInstance {
  let engine = engines.get(Engine);
  if (!engine) {
    engine = new Engine();
    engines.set(Engine, engine);
  }
  return engine;
}

export function createTencentBackend(options: TencentBackendOptions): TencentBackend {
  return new TencentBackend(options);
}

/** A UserSig within a minute of its expiry (or past it). */
function expiring(creds: TencentCredentials): boolean {
  return creds.expiresAt !== undefined && creds.expiresAt - CREDENTIAL_MARGIN_MS <= Date.now();
}

function noteKey(requestId: string, senderId: string): string {
  return JSON.stringify([requestId, senderId]);
}

/** The kit's request status for an engine request callback (null for ones that close nothing). */
function statusOf(type: number): RequestStatus | null {
  switch (type) {
    case TUIRequestCallbackType.kRequestAccepted:
      return 'accepted';
    case TUIRequestCallbackType.kRequestRejected:
      return 'rejected';
    case TUIRequestCallbackType.kRequestCancelled:
      return 'cancelled';
    case TUIRequestCallbackType.kRequestTimeout:
      return 'timeout';
    case TUIRequestCallbackType.kRequestError:
      return 'cancelled';
    default:
      return null;
  }
}

/** The seat a request asks for, when its content names one (TUILiveKit puts the index there); else any seat. */
function seatIndexIn(content: string | undefined): number | null {
  if (!content) return null;
  const n = Number(content);
  if (Number.isInteger(n) && n >= 0) return n;
  try {
    const parsed = JSON.parse(content) as { seatIndex?: unknown };
    return typeof parsed.seatIndex === 'number' && parsed.seatIndex >= 0 ? parsed.seatIndex : null;
  } catch {
    return null;
  }
}

function closedIn(events: readonly RoomEvent[], requestId: string): SeatRequest {
  for (const e of events) if (e.type === 'request.updated' && e.request.requestId === requestId) return e.request;
  throw new RoomError(ErrorCode.REQUEST_INVALID);
}

/**
 * The room as the kit's rules need it, built from what this client sees: everyone it knows of is a member (with
 * `extra`, e.g. an invitee outside the recent list), the rest as the snapshot says. Rate limits are the cloud's.
 */
function shadowState(snapshot: RoomSnapshot, extra: readonly UserInfo[]): RoomState {
  const people = new Map<string, UserInfo>();
  for (const u of [...snapshot.audience.recent, ...extra]) people.set(u.userId, u);
  for (const s of snapshot.seats) if (s.user) people.set(s.user.userId, s.user);
  people.set(snapshot.info.owner.userId, snapshot.info.owner);
  let seq = 0;
  const members = mapFrom<Member>(
    [...people.values()].map((user) => [user.userId, { user, joinedAt: 0, seq: ++seq, online: true }] as const),
  );
  return {
    version: snapshot.version,
    status: snapshot.status,
    info: snapshot.info,
    seats: snapshot.seats,
    requests: snapshot.requests,
    admins: snapshot.admins,
    members,
    memberCount: people.size,
    recent: [...people.keys()],
    entrySeq: seq,
    viewCount: seq,
    barrage: snapshot.barrage,
    likes: snapshot.likes,
    gifts: { amount: snapshot.gifts.amount, count: snapshot.gifts.count, contributions: emptyRecord() },
    mutes: snapshot.mutes,
    bans: emptyRecord(),
    leases: emptyRecord(),
    rates: emptyRecord(),
    requestSeq: 0,
    messageSeq: 0,
    limits: DEFAULT_LIMITS,
  };
}
