import { Subject } from 'rxjs';
import { type EngineSession, RoomEngine } from '../../engine/room-engine.js';
import { type Clock, systemClock } from '../../model/clock.js';
import type { Answer, CommandArgs, CommandType } from '../../model/commands.js';
import { ErrorCode, RoomError, toRoomError } from '../../model/errors.js';
import type { EventBatch } from '../../model/events.js';
import type { FollowInfo } from '../../model/follow.js';
import { type GiftReceived, MAX_GIFT_COUNT } from '../../model/gift.js';
import { DEFAULT_REQUEST_TIMEOUT_SEC, type SeatRequest } from '../../model/request.js';
import type { Member, RoomLimits, RoomSnapshot, RoomState } from '../../model/room.js';
import type { RoomListPage } from '../../model/room-list.js';
import type { UserInfo, UserProfile } from '../../model/user.js';
import { barrageBlock, normalizeBarrage } from '../../rules/barrage.js';
import { ROOM_COMMANDS } from '../../rules/dispatch.js';
import { sendGift } from '../../rules/gifts.js';
import { closeRequest } from '../../rules/request-queue.js';
import { emptyRecord, recordOf } from '../../rules/records.js';
import { cleanName } from '../../rules/names.js';
import { fail, ok } from '../../rules/result.js';
import { DEFAULT_LIMITS, createRoomState, isValidRoomId, updateOwnerFans } from '../../rules/room.js';
import { releaseSeatOf, seatOf } from '../../rules/seats.js';
import { applyBatch } from '../../rules/snapshot.js';
import type { BackendEvent, ConnectionState, RoomBackend } from '../room-backend.js';
import { type PersistedRoom, fromAttributes, readMeta, toAttributes } from './attributes.js';
import { type AudioCredentials, TencentAudio, type TencentAudioEvent } from './audio.js';
import { TencentMedia } from './media.js';
import { ENVELOPE_DESCRIPTION, type Envelope, type GiftReceipt, PartAssembler, type SeatSignal, decodeEnvelope, decodeSeatSignal, encodeEnvelope, toMessageBodies } from './envelope.js';
import { ChatCode, fromChatError, fromChatKickedOut, isExpiredSignature } from './errors.js';
import { type TencentGiftService, createMemoryGiftService } from './gift-service.js';
import { loadChat, loadTrtc } from './load.js';
import type { ChatFactory, ChatLike, ChatMessage, ChatSdk, ChatSignal, ChatSignalingResponse, TrtcFactory } from './sdk-types.js';
import { emptyMap, mapFrom, mapGet, mapHas, mapSet } from '../../rules/persistent-map.js';

export interface TencentCredentials {
  readonly sdkAppId: number;
  readonly userId: string;
  readonly userSig: string;
  /** TRTC room-entry permission (advanced permission control); passed to enterRoom/switchRole when present. */
  readonly privateMapKey?: string;
  /** When the UserSig runs out (epoch ms); the provider is asked again a minute before. */
  readonly expiresAt?: number;
}

export interface TencentBackendOptions {
  /** Your server's signer: never compute a UserSig in the browser. Called again before expiry and after auth errors. */
  readonly credentials: () => Promise<TencentCredentials>;
  /** SDK loaders; default to lazy import() of the ESM builds. Tests pass doubles. */
  readonly sdk?: { readonly trtc?: () => Promise<TrtcFactory>; readonly chat?: () => Promise<ChatSdk> };
  /** Catalog and coins (your server). Default: an in-memory service with no gifts. */
  readonly gifts?: TencentGiftService;
  /** Tencent Cloud keeps no list of voice rooms; pass your server's directory to serve `room.list`. */
  readonly listRooms?: (cursor: string, count: number) => Promise<RoomListPage>;
  /** Time for the owner's room timers (request timeouts, seat leases) and attribute writes. */
  readonly clock?: Clock;
  /** Room limits the owner's client applies (seat lease, rate limits). */
  readonly limits?: Partial<RoomLimits>;
  /** How long a member waits for the owner's answer (real time). Default 10 s. */
  readonly commandTimeoutMs?: number;
  /** Minimum spacing of group-attribute writes (Chat allows 10 per 5 s per user). Default 600 ms. */
  readonly attributeWriteIntervalMs?: number;
  /** How often the owner may ask for the online count (Chat: at most every 5–10 s). Default 10 s. */
  readonly onlineCountIntervalMs?: number;
}

/** The commands the owner's client runs for members; the rest are answered by each client itself. */
const OWNER_COMMANDS = new Set<string>([...ROOM_COMMANDS, 'room.join', 'room.snapshot', 'audience.list']);
const CREDENTIAL_MARGIN_MS = 60_000;
/** An AVChatRoom's member list holds at most the 31 newest members (Chat docs), so a shorter one is complete. */
const AVCHATROOM_LIST_CAP = 31;
/** The online count and member list trail joins and quits by 10–20 s (Chat docs): younger members are not judged. */
const MEMBER_LIST_LAG_MS = 20_000;
const READY_TIMEOUT_MS = 15_000;

interface RoomLink {
  readonly roomId: string;
  readonly ownerId: string;
  readonly owner: boolean;
}

interface Pending {
  resolve(answer: { result: unknown; version?: number }): void;
  reject(error: RoomError): void;
  timer: ReturnType<typeof setTimeout>;
}

type GroupTipPayload = { operationType?: number; userIDList?: string[]; groupID?: string };

let instances = 0;

/**
 * The room port over Tencent Cloud. Signalling rides on Chat: one AVChatRoom group per room (group ID = room ID),
 * created by the owner. The OWNER'S CLIENT is the authority, as in Tencent's own voice-room design: it runs the
 * kit's room engine (the same rules and timers as our servers) on the state it keeps, answers members' commands
 * sent to it as C2C custom messages, broadcasts every change as one versioned batch to the group, mirrors the seat
 * table and settings into group attributes, and mirrors moderation into the group APIs (mute, kick, admins, mute
 * all). Barrage travels as group text messages, likes and gifts as group custom messages; the owner counts them.
 *
 * Seat applications and invitations are Chat signalling invitations (1:1, with the request's timeout): an applicant
 * invites the owner, the owner invites an invitee, and accept/reject/cancel/timeout close them. The owner's engine
 * still orders them against seat changes (one pending application per user, handled-by-other when another admin
 * answers first, respond-all, the seat chosen at acceptance): every signalling step becomes the command it stands
 * for on the owner's engine, and every change of a request on the engine closes or opens its invitation. Without
 * the signalling module (or when an invitation is no longer known, e.g. after a reload) the same steps travel as
 * plain commands. The owner also releases the seats of users who left the group (after the seat lease) and of
 * seated users who stopped publishing on TRTC (their anchor left the TRTC room) for as long as the lease.
 *
 * Audio rides on TRTC (see audio.ts): audience in the live scene, anchor while seated.
 */
export class TencentBackend implements RoomBackend {
  readonly kind = 'tencent';
  private readonly subject = new Subject<BackendEvent>();
  readonly events$ = this.subject.asObservable();
  private readonly audioSubject = new Subject<TencentAudioEvent>();
  /** Every TRTC happening (levels by user, remote audio, anchors, autoplay, errors), for products that want them raw. */
  readonly audio$ = this.audioSubject.asObservable();
  /** The store's audio port: the same speaking levels, seat audio and autoplay state as the local backend. */
  readonly media = new TencentMedia(
    () => this.user?.userId ?? '',
    () => ((this.link?.owner ? this.authoritySnapshotSeats() : this.mirror)?.seats ?? []),
    () => this.audio,
  );

  private readonly options: TencentBackendOptions;
  private readonly clock: Clock;
  private readonly gifts: TencentGiftService;
  private readonly instanceId = `${Date.now().toString(36)}-${(++instances).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  private user: UserInfo | null = null;
  private creds: TencentCredentials | null = null;
  private connecting: Promise<void> | null = null;
  private chat: ChatLike | null = null;
  private TCC: ChatFactory | null = null;
  private readonly detach: Array<() => void> = [];
  private connection: ConnectionState = 'idle';
  private closed = false;
  private link: RoomLink | null = null;
  private audio: TencentAudio | null = null;
  private audioKey = '';
  private mirror: RoomSnapshot | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly parts = new PartAssembler();
  private outbox: Promise<unknown> = Promise.resolve();
  private seq = 0;
  // owner only
  private engine: RoomEngine | null = null;
  private ownerSession: EngineSession | null = null;
  private readonly sessions = new Map<string, EngineSession>();
  private attr = { timer: null as unknown, lastAt: Number.NEGATIVE_INFINITY, writing: false, dirty: false, stale: false, parts: 0 };
  private onlineCount = { at: Number.NEGATIVE_INFINITY, value: 0 };
  /** Seat requests riding on signalling invitations (both sides): requestId → invitation, and back. */
  private readonly invitations = new Map<string, { inviteID: string; mine: 'inviter' | 'invitee' }>();
  private readonly requestOfInvite = new Map<string, string>();
  /** Owner: seated users whose TRTC anchor left, with the timer that releases their seat. */
  private readonly silentSeats = new Map<string, unknown>();
  /** Owner: the periodic check of who is still in the group (quit tips of an AVChatRoom are best effort). */
  private auditTimer: unknown = null;

  constructor(options: TencentBackendOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.gifts = options.gifts ?? createMemoryGiftService();
  }

  // ---- RoomBackend ----

  async connect(user: UserInfo): Promise<void> {
    if (this.closed) throw new RoomError(ErrorCode.CONNECTION_LOST);
    if (this.user && this.user.userId !== user.userId) throw new RoomError(ErrorCode.REPEATED_OPERATION, 'This backend is signed in as another user');
    this.user = { userId: user.userId, userName: user.userName.trim() || user.userId, avatarUrl: user.avatarUrl };
    this.connecting ??= this.signIn().catch((error) => {
      this.connecting = null;
      throw error;
    });
    await this.connecting;
  }

  async send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Answer<T>> {
    if (this.closed) throw new RoomError(ErrorCode.CONNECTION_LOST);
    if (!this.user || !this.chat) throw new RoomError(ErrorCode.NOT_LOGGED_IN);
    try {
      return (await this.dispatch(type, args)) as Answer<T>;
    } catch (error) {
      throw toRoomError(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const link = this.link;
    if (link && !link.owner && this.chat && this.connection === 'connected') {
      // A member leaves cleanly: the owner frees the seat at once instead of waiting for the lease. The answer is
      // not awaited (the owner may be gone already); the group quit covers that case.
      const leave: Envelope = { v: 1, kind: 'cmd', id: this.nextId(), type: 'room.leave', args: {}, user: this.user! };
      await this.sendEnvelope(link.ownerId, this.TCC!.TYPES.CONV_C2C, leave).catch(() => undefined);
      await this.chat.quitGroup(link.roomId).catch(() => undefined);
    }
    this.closed = true;
    await this.audio?.exit().catch(() => undefined);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new RoomError(ErrorCode.CONNECTION_LOST));
    }
    this.pending.clear();
    if (this.attr.timer !== null) this.clock.clearTimeout(this.attr.timer);
    for (const timer of this.silentSeats.values()) this.clock.clearTimeout(timer);
    this.silentSeats.clear();
    if (this.auditTimer !== null) this.clock.clearTimeout(this.auditTimer);
    this.auditTimer = null;
    this.engine?.stop();
    for (const off of this.detach.splice(0)) off();
    const chat = this.chat;
    this.chat = null;
    if (chat) {
      await chat.logout().catch(() => undefined);
      await chat.destroy().catch(() => undefined);
    }
    this.subject.next({ type: 'connection', state: 'disconnected' });
    this.subject.complete();
    this.audioSubject.complete();
  }

  /** The room state as the owner's client holds it (null on members' clients). */
  get authorityState(): RoomState | null {
    return this.link?.owner ? (this.engine?.room(this.link.roomId) ?? null) : null;
  }

  // ---- sign-in ----

  private async credentials(force = false): Promise<TencentCredentials> {
    const c = this.creds;
    if (!force && c && (c.expiresAt === undefined || c.expiresAt - CREDENTIAL_MARGIN_MS > Date.now())) return c;
    const fresh = await this.options.credentials();
    if (!fresh || typeof fresh.sdkAppId !== 'number' || !fresh.userId || !fresh.userSig) throw new RoomError(ErrorCode.NOT_LOGGED_IN, 'The credentials provider returned no usable UserSig');
    if (this.user && fresh.userId !== this.user.userId) throw new RoomError(ErrorCode.INVALID_PARAMETER, 'The credentials are for another user');
    this.creds = fresh;
    return fresh;
  }

  private async signIn(): Promise<void> {
    this.setConnection('connecting');
    const creds = await this.credentials();
    const sdk = await (this.options.sdk?.chat ?? loadChat)();
    this.TCC = sdk.TencentCloudChat;
    const chat = sdk.TencentCloudChat.create({ SDKAppID: creds.sdkAppId, modules: sdk.modules });
    this.chat = chat;
    this.listen(chat, sdk.TencentCloudChat);
    await this.login(chat);
    const user = this.user!;
    await chat.updateMyProfile({ nick: user.userName, avatar: user.avatarUrl }).catch(() => undefined);
    this.setConnection('connected');
  }

  /** Logs in and waits for SDK_READY; an expired signature is fetched again once. */
  private async login(chat: ChatLike): Promise<void> {
    const ready = this.whenReady(chat);
    // If login fails, nobody waits for readiness any more: keep that rejection from going unhandled.
    ready.catch(() => undefined);
    let creds = await this.credentials();
    try {
      await chat.login({ userID: creds.userId, userSig: creds.userSig });
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (!isExpiredSignature(code)) throw fromChatError(error);
      creds = await this.credentials(true);
      try {
        await chat.login({ userID: creds.userId, userSig: creds.userSig });
      } catch (again) {
        throw fromChatError(again);
      }
    }
    await ready;
  }

  private whenReady(chat: ChatLike): Promise<void> {
    const TCC = this.TCC!;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        chat.off(TCC.EVENT.SDK_READY, onReady);
        reject(new RoomError(ErrorCode.TIMEOUT, 'Chat did not become ready'));
      }, READY_TIMEOUT_MS);
      // A failed sign-in must not keep the process alive for the whole timeout.
      (timer as { unref?: () => void }).unref?.();
      const onReady = () => {
        clearTimeout(timer);
        chat.off(TCC.EVENT.SDK_READY, onReady);
        resolve();
      };
      chat.on(TCC.EVENT.SDK_READY, onReady);
    });
  }

  private listen(chat: ChatLike, TCC: ChatFactory): void {
    const on = (name: string, handler: (data: unknown) => void) => {
      const h = (event: { data: unknown }) => handler(event.data);
      chat.on(name, h);
      this.detach.push(() => chat.off(name, h));
    };
    on(TCC.EVENT.MESSAGE_RECEIVED, (data) => {
      for (const message of (data as ChatMessage[]) ?? []) this.onMessage(message);
    });
    on(TCC.EVENT.KICKED_OUT, (data) => void this.onKickedOut(String((data as { type?: string })?.type ?? '')));
    on(TCC.EVENT.NET_STATE_CHANGE, (data) => this.onNetState(String((data as { state?: string })?.state ?? '')));
    on(TCC.EVENT.GROUP_ATTRIBUTES_UPDATED, (data) => this.onAttributes(data as { groupID?: string; groupAttributes?: Record<string, string> }));
    on(TCC.EVENT.MY_FOLLOWERS_LIST_UPDATED, () => void this.refreshOwnerFans());
    const TS = TCC.TSignaling;
    if (TS && chat.addSignalingListener && chat.removeSignalingListener) {
      const signal = (name: string, handler: (s: ChatSignal) => void) => {
        const h = (event: { data: unknown }) => {
          if (!this.closed && event.data && typeof event.data === 'object') handler(event.data as ChatSignal);
        };
        chat.addSignalingListener!(name, h);
        this.detach.push(() => chat.removeSignalingListener!(name, h));
      };
      signal(TS.NEW_INVITATION_RECEIVED, (s) => this.onInvitation(s));
      signal(TS.INVITEE_ACCEPTED, (s) => this.onInvitationAnswered(s, true));
      signal(TS.INVITEE_REJECTED, (s) => this.onInvitationAnswered(s, false));
      signal(TS.INVITATION_CANCELLED, (s) => this.onInvitationClosed(s, 'request.cancel'));
      signal(TS.INVITATION_TIMEOUT, (s) => this.onInvitationClosed(s, 'timeout'));
    }
  }

  private setConnection(state: ConnectionState, error?: RoomError): void {
    if (this.closed || (this.connection === state && !error)) return;
    this.connection = state;
    this.subject.next(error ? { type: 'connection', state, error } : { type: 'connection', state });
  }

  private onNetState(state: string): void {
    const TCC = this.TCC!;
    if (state === TCC.TYPES.NET_STATE_CONNECTED) {
      if (this.connection !== 'reconnecting') return;
      // Back online: a member tells the owner first (FIFO with whatever the store asks next), so a seat kept by
      // the lease is kept and the snapshot the store fetches already has us back.
      const link = this.link;
      if (link && !link.owner && !this.closed) void this.ask(link.ownerId, 'room.join', { roomId: link.roomId }).then((a) => this.adoptSnapshot(a.result as RoomSnapshot), () => undefined);
      this.setConnection('connected');
    } else if (this.connection === 'connected') {
      this.setConnection('reconnecting');
    }
  }

  private async onKickedOut(type: string): Promise<void> {
    const TCC = this.TCC!;
    if (type === TCC.TYPES.KICKED_OUT_USERSIG_EXPIRED && this.chat && !this.closed) {
      // Not final: sign in again with a fresh signature and rejoin the room.
      this.setConnection('reconnecting');
      try {
        await this.credentials(true);
        await this.login(this.chat);
        const link = this.link;
        if (link) {
          await this.chat.joinGroup({ groupID: link.roomId, type: TCC.TYPES.GRP_AVCHATROOM }).catch(() => undefined);
          if (!link.owner) await this.ask(link.ownerId, 'room.join', { roomId: link.roomId }).catch(() => undefined);
        }
        this.setConnection('connected');
        return;
      } catch (error) {
        this.setConnection('disconnected', toRoomError(error));
        return;
      }
    }
    void this.audio?.exit();
    this.setConnection('disconnected', fromChatKickedOut(type));
  }

  // ---- commands ----

  private async dispatch(type: CommandType, args: unknown): Promise<Answer<CommandType>> {
    const me = this.user!;
    switch (type) {
      case 'room.start': return this.startRoom(args as CommandArgs<'room.start'>);
      case 'room.join': return this.joinRoom((args as CommandArgs<'room.join'>).roomId);
      case 'room.list': {
        const { cursor = '', count = 20 } = args as CommandArgs<'room.list'>;
        return { result: this.options.listRooms ? await this.options.listRooms(cursor, count) : { rooms: [], next: '' } };
      }
      case 'gift.catalog': return { result: await this.gifts.catalog() };
      case 'wallet.get': return { result: await this.gifts.wallet(me.userId) };
      case 'gift.send': return this.sendGift(args as CommandArgs<'gift.send'>);
      case 'follow.set': {
        const { userId, follow } = args as CommandArgs<'follow.set'>;
        return { result: await this.setFollow(userId, follow) };
      }
      case 'follow.get': return { result: await this.followInfo((args as CommandArgs<'follow.get'>).userId) };
      case 'profile.get': return { result: await this.profile((args as CommandArgs<'profile.get'>).userId) };
      default: break;
    }
    const link = this.link;
    if (!link) throw new RoomError(ErrorCode.NOT_IN_ROOM);
    if (link.owner) {
      const answer = this.ownerExecute(this.ownerSession!, type, args);
      return answer;
    }
    if (!OWNER_COMMANDS.has(type)) throw new RoomError(ErrorCode.INVALID_PARAMETER, `unknown command ${type}`);
    if (this.connection !== 'connected') throw new RoomError(ErrorCode.CONNECTION_LOST);
    let answer: Answer<CommandType>;
    if (type === 'barrage.send') answer = await this.sendBarrage(link, (args as CommandArgs<'barrage.send'>).text);
    else if (type === 'like.send') answer = await this.askGroup(link, { v: 1, kind: 'like', id: this.nextId(), count: (args as CommandArgs<'like.send'>).count, user: me }, this.TCC!.TYPES.MSG_PRIORITY_LOW) as unknown as Answer<CommandType>;
    else if (type === 'seat.take' || type === 'request.cancel' || type === 'request.respond') answer = (await this.seatStep(link, type, args)) as unknown as Answer<CommandType>;
    else answer = (await this.ask(link.ownerId, type, args)) as unknown as Answer<CommandType>;
    if (type === 'room.snapshot') this.adoptSnapshot(answer.result as RoomSnapshot);
    if (type === 'room.leave') await this.leftRoom(true);
    return answer;
  }

  private async startRoom({ roomId, options }: CommandArgs<'room.start'>): Promise<Answer<'room.start'>> {
    const me = this.user!;
    const chat = this.chat!;
    const TCC = this.TCC!;
    if (this.link) {
      if (this.link.roomId !== roomId) throw new RoomError(ErrorCode.ALREADY_IN_ROOM);
      if (this.link.owner) return this.ownerExecute(this.ownerSession!, 'room.start', { roomId, options }) as Answer<'room.start'>;
      throw new RoomError(ErrorCode.ROOM_EXISTS);
    }
    if (!isValidRoomId(roomId)) throw new RoomError(ErrorCode.INVALID_ROOM_ID);
    const now = this.clock.now();
    const limits = { ...this.options.limits };
    const created = createRoomState({ roomId, owner: me, options, now, limits });
    if (!created.ok) throw created.error;
    let existed = false;
    try {
      await chat.createGroup({ type: TCC.TYPES.GRP_AVCHATROOM, groupID: roomId, name: groupName(options?.roomName || roomId) });
    } catch (error) {
      const code = (error as { code?: number }).code;
      // 10025: the group ID is already used by me (my room from before); 10021: by somebody else.
      if (code !== ChatCode.GROUP_ID_OWNED) throw fromChatError(error);
      existed = true;
    }
    await this.joinGroup(roomId);
    let state: RoomState = created.state;
    if (existed) {
      const stored = await chat.getGroupAttributes({ groupID: roomId, keyList: [] }).then((r) => fromAttributes(r.data.groupAttributes ?? {}), () => null);
      if (stored && stored.meta.owner === me.userId && stored.room.status === 'live') state = recoverRoom(stored.room, me, now, limits);
      else if (stored) state = { ...state, version: stored.meta.version + 1 };
    }
    this.becomeOwner(roomId, state);
    const answer = this.ownerExecute(this.ownerSession!, 'room.start', { roomId, options }) as Answer<'room.start'>;
    const attributes = toAttributes(this.engine!.room(roomId)!, this.instanceId);
    if (attributes) {
      await chat.initGroupAttributes({ groupID: roomId, groupAttributes: attributes }).catch(() => undefined);
      this.attr.parts = Object.keys(attributes).length - 1;
      this.attr.lastAt = this.clock.now();
    }
    void this.refreshOwnerFans();
    this.enterAudio(roomId);
    return answer;
  }

  private async joinRoom(roomId: string): Promise<Answer<'room.join'>> {
    const me = this.user!;
    const chat = this.chat!;
    if (this.link) {
      if (this.link.roomId !== roomId) throw new RoomError(ErrorCode.ALREADY_IN_ROOM);
      if (this.link.owner) return this.ownerExecute(this.ownerSession!, 'room.join', { roomId }) as Answer<'room.join'>;
    }
    if (!isValidRoomId(roomId)) throw new RoomError(ErrorCode.INVALID_ROOM_ID);
    const profile = await chat.getGroupProfile({ groupID: roomId }).catch((error) => {
      throw fromChatError(error);
    });
    const ownerId = profile.data.group.ownerID;
    if (ownerId === me.userId) return (await this.startRoom({ roomId, options: {} })) as unknown as Answer<'room.join'>;
    await this.joinGroup(roomId);
    this.link = { roomId, ownerId, owner: false };
    try {
      const answer = (await this.ask(ownerId, 'room.join', { roomId })) as Answer<'room.join'>;
      this.mirror = null;
      this.adoptSnapshot(answer.result);
      this.enterAudio(roomId);
      return answer;
    } catch (error) {
      this.link = null;
      await chat.quitGroup(roomId).catch(() => undefined);
      throw error;
    }
  }

  private async joinGroup(roomId: string): Promise<void> {
    try {
      await this.chat!.joinGroup({ groupID: roomId, type: this.TCC!.TYPES.GRP_AVCHATROOM });
    } catch (error) {
      if ((error as { code?: number }).code !== ChatCode.ALREADY_MEMBER) throw fromChatError(error);
    }
  }

  /** After my own leave (or end): out of the group and the TRTC room; the link goes. */
  private async leftRoom(quitGroup: boolean): Promise<void> {
    const link = this.link;
    this.link = null;
    this.mirror = null;
    await this.audio?.exit().catch(() => undefined);
    if (link && quitGroup) await this.chat?.quitGroup(link.roomId).catch(() => undefined);
  }

  private async sendBarrage(link: RoomLink, text: string): Promise<Answer<CommandType>> {
    const me = this.user!;
    const normalized = normalizeBarrage(text);
    if (!normalized.ok) throw normalized.error;
    // The owner decides; checking what my snapshot already says spares a round trip and gives the precise code
    // (Chat itself only knows "muted", 10017, for both the room mute and mine).
    const block = this.mirror ? barrageBlock(this.mirror, me.userId, this.clock.now()) : null;
    if (block !== null) throw new RoomError(block);
    const TCC = this.TCC!;
    const id = this.nextId();
    const envelope: Envelope = { v: 1, kind: 'barrage', id, user: me };
    return this.expect(id, () => {
      const message = this.chat!.createTextMessage({ to: link.roomId, conversationType: TCC.TYPES.CONV_GROUP, payload: { text: normalized.state }, cloudCustomData: encodeEnvelope(envelope) });
      return this.enqueue(() => this.chat!.sendMessage(message));
    }) as Promise<unknown> as Promise<Answer<CommandType>>;
  }

  private async sendGift({ giftId, count, receiverId }: CommandArgs<'gift.send'>): Promise<Answer<'gift.send'>> {
    const me = this.user!;
    const link = this.link;
    if (!link) throw new RoomError(ErrorCode.NOT_IN_ROOM);
    if (receiverId === me.userId) throw new RoomError(ErrorCode.CANNOT_TARGET_SELF);
    if (!Number.isInteger(count) || count < 1 || count > MAX_GIFT_COUNT) throw new RoomError(ErrorCode.INVALID_PARAMETER, `count must be an integer from 1 to ${MAX_GIFT_COUNT}`);
    const receipt = await this.gifts.charge({ roomId: link.roomId, senderId: me.userId, receiverId, giftId, count });
    try {
      if (link.owner) return this.commitGift(me, receiverId, receipt) as Answer<'gift.send'>;
      return (await this.askGroup(link, { v: 1, kind: 'gift', id: this.nextId(), receiverId, receipt, user: me }, this.TCC!.TYPES.MSG_PRIORITY_HIGH)) as Answer<'gift.send'>;
    } catch (error) {
      await this.gifts.refund?.(receipt, me.userId).catch(() => undefined);
      throw error;
    }
  }

  private async setFollow(userId: string, follow: boolean): Promise<FollowInfo> {
    const chat = this.chat!;
    if (!chat.followUser || !chat.unfollowUser) throw new RoomError(ErrorCode.INVALID_PARAMETER, 'Follows need the Chat follow module');
    if (userId === this.user!.userId) throw new RoomError(ErrorCode.CANNOT_TARGET_SELF);
    await (follow ? chat.followUser([userId]) : chat.unfollowUser([userId])).catch((error) => {
      throw fromChatError(error);
    });
    return this.followInfo(userId);
  }

  private async followInfo(userId: string): Promise<FollowInfo> {
    const chat = this.chat!;
    if (!chat.getUserFollowInfo || !chat.checkFollowType) throw new RoomError(ErrorCode.INVALID_PARAMETER, 'Follows need the Chat follow module');
    const [info, type] = await Promise.all([chat.getUserFollowInfo([userId]), chat.checkFollowType([userId])]).catch((error) => {
      throw fromChatError(error);
    });
    const counts = info.data.find((i) => i.userID === userId);
    const relation = type.data.find((t) => t.userID === userId)?.followType ?? 0;
    return { userId, following: (relation & 2) !== 0, fans: counts?.followersCount ?? 0, followingCount: counts?.followingCount ?? 0 };
  }

  private async profile(userId: string): Promise<UserProfile> {
    const found = await this.chat!.getUserProfile({ userIDList: [userId] }).catch((error) => {
      throw fromChatError(error);
    });
    const p = found.data.find((x) => x.userID === userId);
    if (!p) throw new RoomError(ErrorCode.USER_NOT_FOUND);
    return { userId, userName: p.nick || userId, avatarUrl: p.avatar ?? '', level: p.level ?? 1 };
  }

  // ---- member → owner transport ----

  private nextId(): string {
    return `${this.user!.userId}.${this.instanceId}.${++this.seq}`;
  }

  /** Sends a command to the owner (C2C) and waits for the answer. */
  private ask(ownerId: string, type: CommandType, args: unknown): Promise<{ result: unknown; version?: number }> {
    const id = this.nextId();
    const envelope: Envelope = { v: 1, kind: 'cmd', id, type, args, user: this.user! };
    return this.expect(id, () => this.sendEnvelope(ownerId, this.TCC!.TYPES.CONV_C2C, envelope));
  }

  /** Sends a group envelope the owner answers (likes, gifts). */
  private askGroup(link: RoomLink, envelope: Extract<Envelope, { id: string }>, priority: string): Promise<{ result: unknown; version?: number }> {
    return this.expect(envelope.id, () => this.sendEnvelope(link.roomId, this.TCC!.TYPES.CONV_GROUP, envelope, priority));
  }

  private expect(id: string, send: () => Promise<unknown>): Promise<{ result: unknown; version?: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RoomError(ErrorCode.TIMEOUT, 'The room owner did not answer in time'));
      }, this.options.commandTimeoutMs ?? 10_000);
      this.pending.set(id, { resolve, reject, timer });
      send().catch((error) => {
        const p = this.pending.get(id);
        if (!p) return;
        clearTimeout(p.timer);
        this.pending.delete(id);
        reject(fromChatError(error));
      });
    });
  }

  /** Every outbound message goes through one queue, so the group and each member see them in send order. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.outbox.then(task, task);
    this.outbox = run.catch(() => undefined);
    return run;
  }

  private sendEnvelope(to: string, conversationType: string, envelope: Envelope, priority?: string): Promise<unknown> {
    return this.enqueue(async () => {
      const chat = this.chat;
      if (!chat) throw new RoomError(ErrorCode.CONNECTION_LOST);
      const bodies = toMessageBodies(envelope, 'id' in envelope ? envelope.id : this.nextId());
      for (const data of bodies) {
        const message = chat.createCustomMessage({ to, conversationType, ...(priority ? { priority } : {}), payload: { data, description: ENVELOPE_DESCRIPTION, extension: '' } });
        await chat.sendMessage(message);
      }
    });
  }

  // ---- receiving ----

  private onMessage(message: ChatMessage): void {
    if (this.closed) return;
    const TCC = this.TCC!;
    const link = this.link;
    if (message.type === TCC.TYPES.MSG_GRP_TIP) {
      const payload = message.payload as GroupTipPayload;
      if (link?.owner && message.to === link.roomId && (payload.operationType === TCC.TYPES.GRP_TIP_MBR_QUIT || payload.operationType === TCC.TYPES.GRP_TIP_MBR_KICKED_OUT)) {
        for (const userId of payload.userIDList ?? []) this.memberLeftGroup(userId);
      }
      return;
    }
    if (message.type === TCC.TYPES.MSG_GRP_SYS_NOTICE) {
      const payload = message.payload as GroupTipPayload;
      // 4: removed from the group, 5: the group was dismissed. The owner's batch told the store already.
      if (link && !link.owner && payload.groupID === link.roomId && (payload.operationType === 4 || payload.operationType === 5)) void this.leftRoom(false);
      return;
    }
    if (message.type === TCC.TYPES.MSG_TEXT) {
      if (link?.owner && message.conversationType === TCC.TYPES.CONV_GROUP && message.to === link.roomId) {
        const envelope = decodeEnvelope(message.cloudCustomData);
        const text = String((message.payload as { text?: unknown }).text ?? '');
        this.ownerHandle(message, envelope?.kind === 'barrage' ? envelope.id : null, 'barrage.send', { text }, envelope?.kind === 'barrage' ? envelope.user : null);
      }
      return;
    }
    if (message.type !== TCC.TYPES.MSG_CUSTOM) return;
    let envelope = decodeEnvelope((message.payload as { data?: unknown }).data);
    if (envelope?.kind === 'part') envelope = this.parts.accept(message.from, envelope);
    if (envelope) this.onEnvelope(message, envelope);
  }

  private onEnvelope(message: ChatMessage, envelope: Envelope): void {
    const TCC = this.TCC!;
    const link = this.link;
    const c2c = message.conversationType === TCC.TYPES.CONV_C2C;
    switch (envelope.kind) {
      case 'answer': {
        const p = this.pending.get(envelope.id);
        if (!p || !c2c) return;
        clearTimeout(p.timer);
        this.pending.delete(envelope.id);
        if (envelope.ok) p.resolve({ result: envelope.result, ...(envelope.version !== undefined ? { version: envelope.version } : {}) });
        else p.reject(new RoomError(envelope.code as ErrorCode, envelope.message));
        return;
      }
      case 'batch':
        // Only the owner's batches count: Chat stamps `from`, so a member cannot forge one.
        if (link && !link.owner && !c2c && message.to === link.roomId && message.from === link.ownerId && envelope.batch.roomId === link.roomId) this.memberBatch(envelope.batch);
        return;
      case 'cmd':
        if (c2c && link?.owner) this.ownerHandle(message, envelope.id, envelope.type, envelope.args, envelope.user);
        else if (c2c) this.answer(message.from, envelope.id, new RoomError(ErrorCode.NOT_IN_ROOM, 'Not the owner of a room'));
        return;
      case 'like':
        if (!c2c && link?.owner && message.to === link.roomId) this.ownerHandle(message, envelope.id, 'like.send', { count: envelope.count }, envelope.user);
        return;
      case 'gift':
        if (!c2c && link?.owner && message.to === link.roomId) {
          const user = senderOf(message, envelope.user);
          try {
            const answer = this.commitGift(user, envelope.receiverId, envelope.receipt);
            this.answerOk(message.from, envelope.id, answer);
          } catch (error) {
            this.answer(message.from, envelope.id, toRoomError(error));
          }
        }
        return;
      default:
        return;
    }
  }

  private memberBatch(batch: EventBatch): void {
    const me = this.user!.userId;
    const mirror = this.mirror;
    if (mirror && batch.version === mirror.version + 1) this.mirror = applyBatch(mirror, batch);
    this.subject.next({ type: 'batch', batch });
    for (const e of batch.events) {
      if ((e.type === 'member.left' && e.userId === me) || e.type === 'room.ended') {
        void this.audio?.exit();
        if (e.type === 'member.left') this.link = null;
        return;
      }
    }
    this.syncAudio();
  }

  private adoptSnapshot(snapshot: RoomSnapshot | null | undefined): void {
    if (!snapshot || typeof snapshot !== 'object' || !('version' in snapshot)) return;
    if (!this.mirror || snapshot.version >= this.mirror.version) this.mirror = snapshot;
    this.syncAudio();
  }

  // ---- the owner's authority ----

  private becomeOwner(roomId: string, state: RoomState): void {
    const me = this.user!;
    const engine = new RoomEngine({ clock: this.clock, limits: this.options.limits ?? {} });
    engine.createRoom(state);
    const session = engine.openSession((batch) => this.ownerBatch(batch));
    engine.identify(session, me);
    this.engine = engine;
    this.ownerSession = session;
    this.link = { roomId, ownerId: me.userId, owner: true };
    this.scheduleAudit();
  }

  /** Every committed change: to my store, to the group, into the attributes; my own audio follows my seat. */
  private ownerBatch(batch: EventBatch): void {
    const copy = structuredClone(batch);
    queueMicrotask(() => {
      if (!this.closed) this.subject.next({ type: 'batch', batch: copy });
    });
    const link = this.link;
    if (!link) return;
    void this.sendEnvelope(link.roomId, this.TCC!.TYPES.CONV_GROUP, { v: 1, kind: 'batch', batch }).catch(() => undefined);
    this.followRequests(batch);
    this.scheduleAttributes();
    this.syncAudio();
  }

  private sessionOf(user: UserInfo): EngineSession {
    let session = this.sessions.get(user.userId);
    if (!session) {
      // Remote members get no deliveries of their own: the owner's session broadcasts each batch once.
      session = this.engine!.openSession(() => undefined);
      this.sessions.set(user.userId, session);
    }
    this.engine!.identify(session, user);
    return session;
  }

  private ownerHandle(message: Pick<ChatMessage, 'from' | 'nick' | 'avatar'>, id: string | null, type: CommandType, args: unknown, user: UserInfo | null): Answer<CommandType> | null {
    try {
      if (!OWNER_COMMANDS.has(type)) throw new RoomError(ErrorCode.INVALID_PARAMETER, `not a member command: ${type}`);
      if (message.from === this.user!.userId) throw new RoomError(ErrorCode.INVALID_PARAMETER, 'from myself');
      const session = this.sessionOf(senderOf(message, user));
      // A message from a dropped member proves they are back (their seat lease ends here).
      if (!session.online) this.engine!.resumeSession(session);
      const answer = this.ownerExecute(session, type, args);
      if (id) this.answerOk(message.from, id, answer);
      return answer;
    } catch (error) {
      if (id) this.answer(message.from, id, toRoomError(error));
      return null;
    }
  }

  private answerOk(to: string, id: string, answer: { result: unknown; version?: number }): void {
    void this.sendEnvelope(to, this.TCC!.TYPES.CONV_C2C, { v: 1, kind: 'answer', id, ok: true, result: answer.result, ...(answer.version !== undefined ? { version: answer.version } : {}) }).catch(() => undefined);
  }

  private answer(to: string, id: string, error: RoomError): void {
    void this.sendEnvelope(to, this.TCC!.TYPES.CONV_C2C, { v: 1, kind: 'answer', id, ok: false, code: error.code, message: error.message }).catch(() => undefined);
  }

  /** Runs a command on the owner's engine and mirrors its moderation into the group APIs. */
  private ownerExecute(session: EngineSession, type: CommandType, args: unknown): Answer<CommandType> {
    const engine = this.engine!;
    const roomId = this.link!.roomId;
    const before = engine.room(roomId);
    const answer = engine.execute(session, type, args as CommandArgs<CommandType>);
    this.mirrorModeration(type, args, before);
    return answer;
  }

  private mirrorModeration(type: CommandType, args: unknown, before: RoomState | undefined): void {
    const chat = this.chat;
    const TCC = this.TCC!;
    const groupID = this.link?.roomId;
    if (!chat || !groupID) return;
    const later = (op: () => Promise<unknown>) => void this.enqueue(op).catch(() => undefined);
    switch (type) {
      case 'member.kick':
        later(() => chat.deleteGroupMember({ groupID, userIDList: [(args as CommandArgs<'member.kick'>).userId], reason: 'kicked' }));
        break;
      case 'member.ban': {
        const present = (args as CommandArgs<'member.ban'>).userIds.filter((id) => before !== undefined && mapHas(before.members, id));
        if (present.length > 0) later(() => chat.deleteGroupMember({ groupID, userIDList: [...present], reason: 'banned' }));
        break;
      }
      case 'member.mute': {
        const { userId, seconds } = args as CommandArgs<'member.mute'>;
        later(() => chat.setGroupMemberMuteTime({ groupID, userID: userId, muteTime: seconds }));
        break;
      }
      case 'admin.set': {
        const { userId, admin } = args as CommandArgs<'admin.set'>;
        later(() => chat.setGroupMemberRole({ groupID, userID: userId, role: admin ? TCC.TYPES.GRP_MBR_ROLE_ADMIN : TCC.TYPES.GRP_MBR_ROLE_MEMBER }));
        break;
      }
      case 'room.update': {
        const { patch } = args as CommandArgs<'room.update'>;
        if (patch.isMessageDisabled !== undefined) later(() => chat.updateGroupProfile({ groupID, muteAllMembers: patch.isMessageDisabled! }));
        break;
      }
      case 'room.end':
        this.scheduleAttributes(true);
        later(() => chat.dismissGroup(groupID));
        void this.audio?.exit();
        break;
      default:
        break;
    }
  }

  /** A paid gift joins the room totals (the sender's service already took the coins). */
  private commitGift(sender: UserInfo, receiverId: string, receipt: GiftReceipt): Answer<'gift.send'> {
    const engine = this.engine!;
    const roomId = this.link!.roomId;
    let received: GiftReceived | null = null;
    const wallets = { initialBalance: 0, balances: { [sender.userId]: receipt.amount }, seq: Math.max(0, receipt.walletVersion - 1) };
    const result = engine.mutate(roomId, (room, now) => {
      const sent = sendGift({ room, wallets, catalog: [receipt.gift] }, { user: mapGet(room.members, sender.userId)?.user ?? sender }, { giftId: receipt.giftId, count: receipt.count, receiverId }, now);
      if (!sent.ok) return sent;
      received = { ...sent.state.received, entryId: receipt.entryId };
      const events = sent.events.map((e) => (e.type === 'gift.received' ? { ...e, gift: received! } : e));
      return { ok: true, state: sent.state.room, events };
    });
    if (!result.ok) throw result.error;
    return { result: { gift: received!, balance: receipt.balance, walletVersion: receipt.walletVersion }, version: engine.room(roomId)!.version };
  }

  /** Someone left the AVChatRoom (or lost the connection): like a dropped session, a seated user keeps the seat for the lease. */
  private memberLeftGroup(userId: string): void {
    const session = this.sessions.get(userId);
    if (session && session.online && session.roomId) this.engine!.dropSession(session);
  }

  private async refreshOwnerFans(): Promise<void> {
    const link = this.link;
    const chat = this.chat;
    if (!link?.owner || !chat?.getUserFollowInfo) return;
    const me = this.user!.userId;
    const info = await chat.getUserFollowInfo([me]).then((r) => r.data.find((i) => i.userID === me), () => undefined);
    if (info && this.link === link) this.engine!.mutate(link.roomId, (room) => updateOwnerFans(room, me, info.followersCount));
  }

  private scheduleAudit(): void {
    if (this.auditTimer !== null) this.clock.clearTimeout(this.auditTimer);
    this.auditTimer = this.clock.setTimeout(() => {
      this.auditTimer = null;
      if (this.closed || !this.link?.owner) return;
      void this.auditMembers().finally(() => {
        if (!this.closed && this.link?.owner) this.scheduleAudit();
      });
    }, this.options.onlineCountIntervalMs ?? 10_000);
  }

  /**
   * Owner: members whose quit tip never came (an AVChatRoom drops tips in busy rooms) still count as online, and a
   * seated one would keep the seat for good. The online count (rate limited) says when the group holds fewer
   * people than the engine thinks; the member list, when it is complete (under the 31-member cap), says who is
   * gone. Those are dropped like a lost connection: a seat is kept for the lease, then released.
   */
  async auditMembers(): Promise<void> {
    const link = this.link;
    const chat = this.chat;
    const room = link?.owner ? this.engine?.room(link.roomId) : undefined;
    if (!link || !chat || !room) return;
    const online = [...this.sessions].filter(([, s]) => s.online && s.roomId === link.roomId).map(([userId]) => userId);
    if (online.length === 0) return;
    const count = await this.groupOnlineCount().catch(() => null);
    // The count includes me, the owner.
    if (count === null || count > online.length) return;
    const list = await chat.getGroupMemberList({ groupID: link.roomId, count: 100, offset: 0 }).catch(() => null);
    if (!list || list.data.memberList.length >= AVCHATROOM_LIST_CAP || this.link !== link) return;
    const present = new Set(list.data.memberList.map((m) => m.userID));
    const settled = this.clock.now() - MEMBER_LIST_LAG_MS;
    const members = this.engine!.room(link.roomId)?.members ?? emptyMap<Member>();
    for (const userId of online) {
      const joinedAt = mapGet(members, userId)?.joinedAt ?? Number.POSITIVE_INFINITY;
      if (!present.has(userId) && joinedAt <= settled) this.memberLeftGroup(userId);
    }
  }

  /** The online count of the group, asked at most once per interval (Chat: every 5–10 s for AVChatRoom). */
  async groupOnlineCount(): Promise<number> {
    const link = this.link;
    if (!link || !this.chat) throw new RoomError(ErrorCode.NOT_IN_ROOM);
    const now = this.clock.now();
    if (now - this.onlineCount.at < (this.options.onlineCountIntervalMs ?? 10_000)) return this.onlineCount.value;
    this.onlineCount.at = now;
    const answer = await this.chat.getGroupOnlineMemberCount(link.roomId).catch((error) => {
      throw fromChatError(error);
    });
    this.onlineCount.value = answer.data.memberCount;
    return this.onlineCount.value;
  }

  // ---- seat requests as signalling invitations ----

  /** The signalling API when the module is registered. */
  private signalling(): Required<Pick<ChatLike, 'invite' | 'cancel' | 'accept' | 'reject'>> | null {
    const chat = this.chat;
    if (!chat?.invite || !chat.cancel || !chat.accept || !chat.reject || !this.TCC?.TSignaling) return null;
    return chat as Required<Pick<ChatLike, 'invite' | 'cancel' | 'accept' | 'reject'>>;
  }

  private linkInvitation(requestId: string, inviteID: string, mine: 'inviter' | 'invitee'): void {
    this.invitations.set(requestId, { inviteID, mine });
    this.requestOfInvite.set(inviteID, requestId);
  }

  /** Forgets an invitation (it was answered, cancelled or timed out); returns its request. */
  private unlinkInvitation(inviteID: string): string | undefined {
    const requestId = this.requestOfInvite.get(inviteID);
    if (requestId === undefined) return undefined;
    this.requestOfInvite.delete(inviteID);
    if (this.invitations.get(requestId)?.inviteID === inviteID) this.invitations.delete(requestId);
    return requestId;
  }

  /**
   * A member's seat step: an application invites the owner; cancelling my application and answering my invitation
   * are steps on the invitation I hold. The owner answers each with the engine's result. When there is no
   * invitation to act on (free mode, no signalling module, a reload lost it, the SDK no longer knows it) the step
   * goes as the plain command, and the owner's engine gives the precise answer.
   */
  private async seatStep(link: RoomLink, type: 'seat.take' | 'request.cancel' | 'request.respond', args: unknown): Promise<{ result: unknown; version?: number }> {
    const chat = this.signalling();
    const me = this.user!;
    const plain = () => this.ask(link.ownerId, type, args);
    if (!chat) return plain();
    if (type === 'seat.take') {
      if (!this.mustApply(me.userId)) return plain();
      const { index, timeoutSec } = args as CommandArgs<'seat.take'>;
      const id = this.nextId();
      const signal: SeatSignal = { v: 1, kind: 'apply', roomId: link.roomId, id, index: index ?? null, ...(timeoutSec !== undefined ? { timeoutSec } : {}), user: me };
      let sent: Promise<string> = Promise.resolve('');
      const answer = await this.expect(id, () => (sent = this.enqueue(() => chat.invite({ userID: link.ownerId, data: JSON.stringify(signal), timeout: timeoutSec ?? DEFAULT_REQUEST_TIMEOUT_SEC, onlineUserOnly: true })).then(inviteIdOf)));
      const inviteID = await sent.catch(() => '');
      const result = answer.result as { seated: boolean; request?: SeatRequest };
      if (inviteID && result && !result.seated && result.request) this.linkInvitation(result.request.requestId, inviteID, 'inviter');
      return answer;
    }
    const { requestId } = args as { requestId: string };
    const held = this.invitations.get(requestId);
    // Only the inviter cancels, only the invitee answers.
    if (!held || held.mine !== (type === 'request.cancel' ? 'inviter' : 'invitee')) return plain();
    this.unlinkInvitation(held.inviteID);
    const id = this.nextId();
    const data = JSON.stringify({ v: 1, kind: 'step', id, user: me } satisfies SeatSignal);
    const step = type === 'request.cancel' ? chat.cancel : (args as CommandArgs<'request.respond'>).accept ? chat.accept : chat.reject;
    let refused = false;
    try {
      return await this.expect(id, () => this.enqueue(() => step.call(chat, { inviteID: held.inviteID, data })).catch((error: unknown) => {
        refused = true;
        throw error;
      }));
    } catch (error) {
      if (refused) return plain();
      throw error;
    }
  }

  /** In apply mode a member's take is an application (owner and admins take directly). */
  private mustApply(userId: string): boolean {
    const room = this.mirror;
    return !!room && room.info.seatMode === 'apply' && room.info.owner.userId !== userId && !room.admins.includes(userId);
  }

  private onInvitation(s: ChatSignal): void {
    const link = this.link;
    const signal = decodeSeatSignal(s.data);
    if (!link || !signal) return;
    if (!link.owner) {
      // The owner invites me to a seat: answering it is a step on this invitation.
      if (signal.kind === 'invite' && signal.roomId === link.roomId && s.inviter === link.ownerId) this.linkInvitation(signal.requestId, s.inviteID, 'invitee');
      return;
    }
    if (signal.kind !== 'apply' || signal.roomId !== link.roomId) return;
    const chat = this.signalling()!;
    const args = { index: signal.index, ...(signal.timeoutSec !== undefined ? { timeoutSec: signal.timeoutSec } : {}) };
    const answer = this.ownerHandle({ from: s.inviter, nick: '', avatar: '' }, signal.id, 'seat.take', args, signal.user) as Answer<'seat.take'> | null;
    const result = answer?.result;
    if (result && !result.seated) {
      this.linkInvitation(result.request.requestId, s.inviteID, 'invitee');
      return;
    }
    // Refused (or seated at once, the room is in free mode after all): the invitation ends here.
    const data = JSON.stringify({ v: 1, kind: 'closed', status: result ? 'accepted' : 'rejected' } satisfies SeatSignal);
    void this.enqueue(() => (result ? chat.accept : chat.reject).call(chat, { inviteID: s.inviteID, data })).catch(() => undefined);
  }

  /** The invitee answered an invitation I sent: as owner, that is their answer to the seat invitation. */
  private onInvitationAnswered(s: ChatSignal, accept: boolean): void {
    const requestId = this.unlinkInvitation(s.inviteID);
    const link = this.link;
    if (requestId === undefined || !link?.owner) return;
    const step = decodeSeatSignal(s.data);
    const invitee = s.invitee ?? s.inviteeList?.[0] ?? '';
    this.ownerHandle({ from: invitee, nick: '', avatar: '' }, step?.kind === 'step' ? step.id : null, 'request.respond', { requestId, accept }, step?.kind === 'step' ? step.user : null);
  }

  /** An invitation ended without an answer: cancelled by its inviter, or timed out. */
  private onInvitationClosed(s: ChatSignal, how: 'request.cancel' | 'timeout'): void {
    const requestId = this.unlinkInvitation(s.inviteID);
    const link = this.link;
    if (requestId === undefined || !link?.owner) return;
    if (how === 'request.cancel') {
      const step = decodeSeatSignal(s.data);
      this.ownerHandle({ from: s.inviter, nick: '', avatar: '' }, step?.kind === 'step' ? step.id : null, 'request.cancel', { requestId }, step?.kind === 'step' ? step.user : null);
      return;
    }
    // The invitation's timeout is the request's: if the engine's own timer has not closed it yet, close it now.
    this.engine!.mutate(link.roomId, (room) => {
      const closed = closeRequest(room, requestId, 'timeout', null);
      return closed.request ? ok(closed.state, closed.events) : fail(ErrorCode.REQUEST_INVALID);
    });
  }

  /** Owner: each request change on the engine opens or closes its invitation. */
  private followRequests(batch: EventBatch): void {
    const chat = this.signalling();
    if (!chat) return;
    for (const e of batch.events) {
      if (e.type !== 'request.updated') continue;
      const request = e.request;
      const held = this.invitations.get(request.requestId);
      if (request.status === 'pending') {
        if (request.type === 'invite' && request.to && !held) this.openInvitation(request);
        continue;
      }
      if (!held) continue;
      this.invitations.delete(request.requestId);
      if (!held.inviteID) continue; // still being sent: closed when invite() resolves
      this.requestOfInvite.delete(held.inviteID);
      const data = JSON.stringify({ v: 1, kind: 'closed', status: request.status } satisfies SeatSignal);
      // I am the invitee of applications (accept or reject them) and the inviter of invitations (cancel them).
      const step = held.mine === 'invitee' ? (request.status === 'accepted' ? chat.accept : chat.reject) : chat.cancel;
      void this.enqueue(() => step.call(chat, { inviteID: held.inviteID, data })).catch(() => undefined);
    }
  }

  private openInvitation(request: SeatRequest): void {
    const chat = this.signalling()!;
    const link = this.link!;
    const mark = { inviteID: '', mine: 'inviter' as const };
    this.invitations.set(request.requestId, mark);
    const timeout = request.expiresAt === null ? 0 : Math.max(1, Math.ceil((request.expiresAt - this.clock.now()) / 1000));
    const data = JSON.stringify({ v: 1, kind: 'invite', roomId: link.roomId, requestId: request.requestId, index: request.seatIndex } satisfies SeatSignal);
    void this.enqueue(() => chat.invite({ userID: request.to!.userId, data, timeout, onlineUserOnly: true })).then(
      (response) => {
        const inviteID = inviteIdOf(response);
        if (!inviteID) return;
        if (this.invitations.get(request.requestId) === mark) {
          this.linkInvitation(request.requestId, inviteID, 'inviter');
          return;
        }
        // The request ended while the invitation was on its way.
        const closed = JSON.stringify({ v: 1, kind: 'closed', status: 'cancelled' } satisfies SeatSignal);
        void this.enqueue(() => chat.cancel({ inviteID, data: closed })).catch(() => undefined);
      },
      () => {
        // Not delivered (the invitee is offline, say): the request stands and can still be answered by command.
        if (this.invitations.get(request.requestId) === mark) this.invitations.delete(request.requestId);
      },
    );
  }

  /**
   * Owner: a seated user's TRTC anchor left the room (tab closed, audio died, role switched without leaving the
   * seat). They keep the seat for the seat lease, as after a dropped connection; if they do not publish again by
   * then, the seat is released so it does not stay silent and taken.
   */
  private onPublisher(userId: string, present: boolean): void {
    const link = this.link;
    if (!link?.owner || !this.engine || userId === this.user?.userId) return;
    const timer = this.silentSeats.get(userId);
    if (present) {
      if (timer !== undefined) this.clock.clearTimeout(timer);
      this.silentSeats.delete(userId);
      return;
    }
    const room = this.engine.room(link.roomId);
    if (!room || timer !== undefined || seatOf(room, userId) < 0) return;
    this.silentSeats.set(userId, this.clock.setTimeout(() => {
      this.silentSeats.delete(userId);
      if (this.link !== link || this.closed) return;
      this.engine?.mutate(link.roomId, (r) => {
        const released = releaseSeatOf(r, userId);
        return released.events.length > 0 ? ok(released.state, released.events) : fail(ErrorCode.NOT_ON_SEAT);
      });
    }, room.limits.seatLeaseMs));
  }

  // ---- group attributes (owner) ----

  private scheduleAttributes(now = false): void {
    const a = this.attr;
    a.dirty = true;
    if (a.writing || a.stale || !this.link?.owner) return;
    if (a.timer !== null) {
      if (!now) return;
      this.clock.clearTimeout(a.timer);
      a.timer = null;
    }
    const wait = now ? 0 : a.lastAt + (this.options.attributeWriteIntervalMs ?? 600) - this.clock.now();
    if (wait <= 0) void this.writeAttributes();
    else a.timer = this.clock.setTimeout(() => {
      a.timer = null;
      void this.writeAttributes();
    }, wait);
  }

  private async writeAttributes(): Promise<void> {
    const a = this.attr;
    const link = this.link;
    const room = link?.owner ? this.engine?.room(link.roomId) : undefined;
    if (!link || !room || !this.chat || a.stale) return;
    a.dirty = false;
    a.writing = true;
    a.lastAt = this.clock.now();
    try {
      const attributes = toAttributes(room, this.instanceId);
      if (attributes) {
        const parts = Object.keys(attributes).length - 1;
        // Parts a shorter state no longer uses are blanked so the total stays within 16 KB.
        for (let i = parts; i < a.parts; i++) attributes[`vr:${i}`] = '';
        await this.chat.setGroupAttributes({ groupID: link.roomId, groupAttributes: attributes });
        a.parts = parts;
      }
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === ChatCode.ATTR_SDK_RATE_LIMITED || code === ChatCode.ATTR_SERVER_RATE_LIMITED) a.dirty = true;
    } finally {
      a.writing = false;
    }
    if (a.dirty) this.scheduleAttributes();
  }

  /** Another writer's attributes: if they carry a version at least mine, another owner tab took over. */
  private onAttributes(data: { groupID?: string; groupAttributes?: Record<string, string> }): void {
    const link = this.link;
    if (!link?.owner || data.groupID !== link.roomId) return;
    const meta = readMeta(data.groupAttributes ?? {});
    const mine = this.engine?.room(link.roomId)?.version ?? 0;
    if (meta && meta.writer !== this.instanceId && meta.version >= mine) {
      this.attr.stale = true;
      this.setConnection('disconnected', new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE, 'The room is now run from another tab or device'));
    }
  }

  // ---- audio ----

  private enterAudio(roomId: string): void {
    const me = this.user!;
    this.audio ??= new TencentAudio(this.options.sdk?.trtc ?? loadTrtc, me.userId, (event) => {
      if (this.closed) return;
      if (event.type === 'remote-user') this.onPublisher(event.userId, event.present);
      this.media.handle(event);
      this.audioSubject.next(event);
    });
    const capture = this.media.capture;
    void this.audio.setTrack(capture.track, capture.driven);
    this.audioKey = '';
    const creds = async (): Promise<AudioCredentials> => {
      const c = await this.credentials();
      return { sdkAppId: c.sdkAppId, userId: c.userId, userSig: c.userSig, ...(c.privateMapKey ? { privateMapKey: c.privateMapKey } : {}) };
    };
    this.audio.enter(roomId, creds).catch(() => undefined);
    this.syncAudio();
  }

  /** Seated → publishing (muted by myself or by the seat lock); not seated → listening. */
  private syncAudio(): void {
    this.media.seatsChanged();
    if (!this.audio || !this.user) return;
    const me = this.user.userId;
    const link = this.link;
    const snapshot = link?.owner ? this.authoritySnapshotSeats() : this.mirror;
    const seat = snapshot && snapshot.status === 'live' ? snapshot.seats.find((s) => s.user?.userId === me) : undefined;
    const seated = !!seat;
    const muted = !!seat && (seat.selfMuted || seat.audioLocked);
    const key = `${seated}:${muted}`;
    if (key === this.audioKey) return;
    this.audioKey = key;
    void this.audio.setSeat(seated, muted).catch(() => undefined);
  }

  private authoritySnapshotSeats(): Pick<RoomSnapshot, 'status' | 'seats'> | null {
    const room = this.link ? this.engine?.room(this.link.roomId) : undefined;
    return room ? { status: room.status, seats: room.seats } : null;
  }
}

function senderOf(message: Pick<ChatMessage, 'from' | 'nick' | 'avatar'>, user: UserInfo | null): UserInfo {
  // The ID is whatever Chat says sent the message; name and avatar are the sender's own claim.
  return { userId: message.from, userName: (cleanName(user?.userName || message.nick || '') || message.from).slice(0, 64), avatarUrl: (user?.avatarUrl ?? message.avatar ?? '').slice(0, 500) };
}

/** invite() resolves with the IM response plus the invitation's ID (top level in the 3.x module). */
function inviteIdOf(response: ChatSignalingResponse | undefined): string {
  return response?.inviteID ?? response?.data?.inviteID ?? '';
}

/** Chat group names are at most 30 bytes. */
function groupName(name: string): string {
  const encoder = new TextEncoder();
  let out = '';
  for (const char of name) {
    if (encoder.encode(out + char).length > 30) break;
    out += char;
  }
  return out || 'voice room';
}

/**
 * A room rebuilt from its attributes after the owner's page reloaded: the seated users come back as members whose
 * seat lease is running, so whoever does not return within the lease loses the seat (no ghost seats).
 */
export function recoverRoom(stored: PersistedRoom, owner: UserInfo, now: number, limits: Partial<RoomLimits>): RoomState {
  const merged = { ...DEFAULT_LIMITS, ...limits };
  // Chat user IDs may be `constructor` or `__proto__`: user-keyed records are null-prototype objects, and the
  // stored ones (JSON.parse made them ordinary) are copied into such records before any rule reads them.
  let members = mapFrom<Member>([[owner.userId, { user: owner, joinedAt: now, seq: 1, online: true }]]);
  const joined = [owner.userId];
  const leases = emptyRecord<number>();
  let seq = 1;
  for (const seat of stored.seats) {
    const user = seat.user;
    if (!user || mapHas(members, user.userId)) continue;
    members = mapSet(members, user.userId, { user, joinedAt: now, seq: ++seq, online: false });
    joined.push(user.userId);
    leases[user.userId] = now + merged.seatLeaseMs;
  }
  const seats = stored.seats.map((s) => (s.user?.userId === owner.userId ? { ...s, user: owner } : s));
  return {
    ...stored, seats, status: 'live', members, memberCount: members.size, recent: joined.reverse(), entrySeq: seq,
    barrage: [], leases, rates: emptyRecord(), limits: merged, viewCount: stored.viewCount ?? seq,
    bans: recordOf(stored.bans), mutes: recordOf(stored.mutes), gifts: { ...stored.gifts, contributions: recordOf(stored.gifts.contributions) },
  };
}

export function createTencentBackend(options: TencentBackendOptions): TencentBackend {
  return new TencentBackend(options);
}

