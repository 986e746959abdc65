import type { Answer, CommandArgs, CommandType, RoomCommand } from '../model/commands.js';
import { type Clock, systemClock } from '../model/clock.js';
import { ErrorCode, RoomError } from '../model/errors.js';
import type { EventBatch, RoomEvent } from '../model/events.js';
import type { Gift, LedgerRow } from '../model/gift.js';
import type { RoomLimits, RoomSnapshot, RoomState } from '../model/room.js';
import type { UserInfo, UserProfile } from '../model/user.js';
import { USER_ID_PATTERN } from '../model/user.js';
import {
  type Actor,
  type FollowState,
  type RuleResult,
  type WalletState,
  allowRate,
  applyRoomCommand,
  balanceOf,
  checkFollow,
  cleanName,
  createRoomState,
  disconnectMember,
  endRoom,
  isRoomCommand,
  joinRoom,
  listAudience,
  listRooms,
  mapValues,
  nextDeadline,
  sendGift,
  setBalance,
  tick,
  toRoomListItem,
  topUp as topUpRule,
  toSnapshot,
  updateOwnerFans,
  validateCatalog,
} from '../rules/index.js';
import type { FollowInfo } from '../model/follow.js';
import type { RateLimit } from '../model/barrage.js';
import { MemoryPersistence } from './memory-persistence.js';

/**
 * Where an engine keeps what must survive a restart. Every method is synchronous and runs before the change is
 * broadcast or answered; if one throws, the change is not applied and the caller gets INTERNAL. The memory
 * backend keeps what it must in memory (MemoryPersistence, the default); the local server uses SQLite.
 */
export interface EnginePersistence {
  /**
   * A committed room change (the previous state lets it write only what changed). Once this returns, the
   * persistence must never start the room below its counters (version, messageSeq, requestSeq, entrySeq) again: they
   * name things clients keep.
   */
  roomChanged(previous: RoomState | undefined, next: RoomState, events: readonly RoomEvent[]): void;
  /**
   * One gift send: the ledger row, the sender's new balance, the room's totals and (when the command came with a
   * requestId) its answer, in one transaction, so a retry after a crash finds the answer iff the money moved.
   */
  giftSent(row: LedgerRow, senderBalance: number, room: RoomState, receipt?: Receipt): void;
  /** The stored answer to a user's money-moving command, unless it is older than the persistence keeps answers. */
  receipt(userId: string, requestId: string, now: number): Receipt | undefined;
  /**
   * Counters at least as high as any a room the engine does not hold in memory has used (its last ones, or a
   * reservation beyond them), so a reused room ID continues after them.
   */
  counters(roomId: string): RoomCounters | undefined;
  /**
   * A user's stored balance, or undefined when none was ever stored (the initial balance applies). The engine keeps
   * no balances and no ledger of its own: it reads and writes one user's row per change.
   */
  balanceOf(userId: string): number | undefined;
  balanceSet(userId: string, coins: number): void;
  /**
   * A top-up: its ledger row, the user's new balance and (given one) the caller's idempotency key, in one
   * transaction, so the key is found after a crash iff the coins were added.
   */
  toppedUp(row: LedgerRow, balance: number, requestId?: string): void;
  followChanged(followerId: string, userId: string, follow: boolean): void;
  profileSaved(profile: UserProfile): void;
  catalogSaved(catalog: readonly Gift[]): void;
}

/** How long a live room may hold nobody before the system ends it (seed: 30 minutes); the memory backend's default. */
export const IDLE_DISMISS_MS = 30 * 60_000;

/** Idle dismissal: a live room with no member online for `afterMs` (on the engine's clock) is ended by the system. */
export interface IdleDismissal {
  readonly afterMs: number;
  /** Told after a room was dismissed (the local server logs it). */
  readonly onDismissed?: (roomId: string) => void;
}

/** The counters that name things in a room: batches (version), barrage (messageSeq), requests, entries. */
export type RoomCounters = Pick<RoomState, 'version' | 'messageSeq' | 'requestSeq' | 'entrySeq'>;

/** The answer to a money-moving command, kept with the change it answers. */
export interface Receipt {
  readonly userId: string;
  readonly requestId: string;
  /** The command as sent (type and arguments): a requestId reused for another command is refused, not replayed. */
  readonly command: string;
  readonly answer: Answer<CommandType>;
  readonly at: number;
}

/** What an engine starts from: empty for the memory backend, loaded from SQLite for the local server. */
export interface EngineInitialState {
  readonly rooms?: readonly RoomState[];
  /** The last wallet sequence number (ledger rows and balance changes so far). */
  readonly walletSeq?: number;
  readonly follows?: FollowState;
  readonly profiles?: readonly UserProfile[];
}

export interface RoomEngineOptions {
  readonly clock?: Clock;
  readonly catalog?: readonly Gift[];
  readonly initialBalance?: number;
  readonly limits?: Partial<RoomLimits>;
  /** Default: MemoryPersistence (nothing outlives the process). */
  readonly persistence?: EnginePersistence;
  readonly initial?: EngineInitialState;
  /**
   * Where faults go that have no caller to answer: a timer whose rule threw, a listener or a delivery that threw
   * after a change was committed. They are reported and contained, never thrown into the event loop (where they
   * would end the server process). Default: console.error.
   */
  readonly onError?: (message: string, error: unknown) => void;
  /** Users one user may follow (FOLLOW_LIMIT beyond); default MAX_FOLLOWING. */
  readonly maxFollowing?: number;
  /** Rooms one user may start per window (ROOM_START_LIMIT beyond); unlimited when absent (the memory backend). */
  readonly roomStartRate?: RateLimit;
  /**
   * Ends rooms nobody has been in for a while. Absent: rooms are never dismissed (an embedder that decides that
   * itself); the memory backend and the local server set it.
   */
  readonly idleDismissal?: IdleDismissal;
}

const NO_SESSIONS: ReadonlySet<EngineSession> = new Set();

/** One connected client as the engine sees it. */
export interface EngineSession {
  readonly id: number;
  user: UserInfo | null;
  roomId: string | null;
  online: boolean;
  deliver(batch: EventBatch): void;
}

/**
 * The authoritative room engine: the shared rules plus what a server adds around them (sessions, fan-out of
 * version-ordered batches, timers for request timeouts and seat leases, wallets, follows, profiles). It does no
 * I/O of its own, so the memory backend runs it in-process and the local server runs the same code behind
 * WebSocket + SQLite: seat logic and its server-side orchestration exist once.
 */
export class RoomEngine {
  readonly clock: Clock;
  readonly limits: Partial<RoomLimits>;
  readonly #persistence: EnginePersistence;
  readonly #onError: (message: string, error: unknown) => void;
  readonly #rooms = new Map<string, RoomState>();
  readonly #timers = new Map<string, { at: number; handle: unknown }>();
  readonly #idleDismissal: IdleDismissal | undefined;
  /** roomId → the clock timer that dismisses the room, armed while nobody in it is online. */
  readonly #idleTimers = new Map<string, unknown>();
  readonly #sessions = new Set<EngineSession>();
  /**
   * roomId → the open sessions whose `roomId` it is, kept by the sessions' own `roomId` setter (openSession), so no
   * path that moves a session can leave it out. A change in one room, its speaking levels, a second tab's lookup
   * visit that room's sessions, not every session of the server (at 10,000 connections in 500 rooms, every
   * committed change walked all 10,000).
   */
  readonly #inRoom = new Map<string, Set<EngineSession>>();
  readonly #profiles = new Map<string, UserProfile>();
  readonly #initialBalance: number;
  #walletSeq: number;
  /**
   * Follows per user, changed in place (checkFollow decides), so a follow costs the same with 10 or 10 million
   * edges; every edge is also persisted.
   */
  readonly #following = new Map<string, Set<string>>();
  readonly #fans = new Map<string, number>();
  readonly #maxFollowing: number | undefined;
  readonly #roomStartRate: RateLimit | undefined;
  /** userId → when they started rooms lately (only with roomStartRate). */
  readonly #starts = new Map<string, readonly number[]>();
  #catalog: readonly Gift[];
  #nextSession = 1;
  readonly #roomListeners = new Set<
    (roomId: string, previous: RoomState | undefined, next: RoomState, events: readonly RoomEvent[]) => void
  >();

  constructor(options: RoomEngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.limits = options.limits ?? {};
    this.#persistence = options.persistence ?? new MemoryPersistence();
    this.#onError = options.onError ?? ((message, error) => console.error(message, error));
    this.#initialBalance = options.initialBalance ?? 1000;
    this.#walletSeq = options.initial?.walletSeq ?? 0;
    const follows = options.initial?.follows;
    for (const [followerId, ids] of Object.entries(follows?.following ?? {}))
      this.#following.set(followerId, new Set(ids));
    for (const [userId, count] of Object.entries(follows?.fans ?? {})) if (count > 0) this.#fans.set(userId, count);
    this.#maxFollowing = options.maxFollowing;
    this.#roomStartRate = options.roomStartRate;
    this.#idleDismissal = options.idleDismissal;
    this.#catalog = options.catalog ?? [];
    for (const profile of options.initial?.profiles ?? []) this.#profiles.set(profile.userId, profile);
    for (const room of options.initial?.rooms ?? []) {
      this.#rooms.set(room.info.roomId, room);
      this.#schedule(room.info.roomId, room);
      // Loaded after a restart, nobody is online yet: the idle period starts now.
      this.#watchIdle(room, undefined);
    }
  }

  openSession(deliver: (batch: EventBatch) => void): EngineSession {
    let roomId: string | null = null;
    const move = (from: string | null, to: string | null) => {
      if (from !== null) this.#leaveIndex(session, from);
      // A closed session never joins the index again (a command still in flight when its socket closed).
      if (to !== null && this.#sessions.has(session)) {
        let sessions = this.#inRoom.get(to);
        if (!sessions) this.#inRoom.set(to, (sessions = new Set()));
        sessions.add(session);
      }
    };
    const session: EngineSession = {
      id: this.#nextSession++,
      user: null,
      online: true,
      deliver,
      get roomId() {
        return roomId;
      },
      set roomId(next) {
        if (next === roomId) return;
        move(roomId, next);
        roomId = next;
      },
    };
    this.#sessions.add(session);
    return session;
  }

  /** The open sessions in `roomId` (offline ones included: check `online`). A live view: do not keep it. */
  sessionsIn(roomId: string): ReadonlySet<EngineSession> {
    return this.#inRoom.get(roomId) ?? NO_SESSIONS;
  }

  #leaveIndex(session: EngineSession, roomId: string): void {
    const sessions = this.#inRoom.get(roomId);
    if (sessions?.delete(session) && sessions.size === 0) this.#inRoom.delete(roomId);
  }

  /** The connection drops without a goodbye: a seated user keeps the seat for the lease. */
  dropSession(session: EngineSession): void {
    if (!session.online) return;
    session.online = false;
    if (session.user && session.roomId && !this.#otherSessionOf(session)) {
      this.mutate(session.roomId, (room, now) => disconnectMember(room, session.user!.userId, now));
    }
  }

  /** The same client comes back: it rejoins (keeping its seat if the lease still runs) and resyncs. */
  resumeSession(session: EngineSession): void {
    session.online = true;
    if (!session.user || !session.roomId) return;
    const room = this.#rooms.get(session.roomId);
    if (!room || room.status !== 'live') return;
    const joined = this.mutate(session.roomId, (r, now) => joinRoom(r, session.user!, now));
    if (!joined.ok) session.roomId = null;
  }

  /** A session ends for good (socket closed): like a drop, so a seated user keeps the seat for the lease. */
  closeSession(session: EngineSession): void {
    try {
      this.dropSession(session);
    } finally {
      // Even if leaving the room failed, a closed session must never be delivered to again.
      this.#sessions.delete(session);
      if (session.roomId !== null) this.#leaveIndex(session, session.roomId);
    }
  }

  identify(session: EngineSession, user: UserInfo): void {
    if (!USER_ID_PATTERN.test(user.userId))
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'userId must be 1-32 of a-zA-Z0-9_-');
    if (
      typeof user.userName !== 'string' ||
      user.userName.length > 64 ||
      typeof user.avatarUrl !== 'string' ||
      user.avatarUrl.length > 500
    ) {
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'userName (≤64) and avatarUrl (≤500) must be strings');
    }
    if (session.user && session.user.userId !== user.userId)
      throw new RoomError(ErrorCode.REPEATED_OPERATION, 'This connection is signed in as another user');
    // Bidi controls and control characters go (src/rules/names.ts): a name must not pose as another or spill.
    const clean: UserInfo = {
      userId: user.userId,
      userName: cleanName(user.userName) || user.userId,
      avatarUrl: user.avatarUrl,
    };
    session.user = clean;
    const previous = this.#profiles.get(user.userId);
    if (!previous || previous.userName !== clean.userName || previous.avatarUrl !== clean.avatarUrl) {
      const profile: UserProfile = { ...clean, level: previous?.level ?? 1 };
      this.#persistence.profileSaved(profile);
      this.#profiles.set(user.userId, profile);
    }
  }

  /**
   * Executes one command for a session: what a server does for one request. `requestId` (the client's ID for the
   * command) makes a money-moving command idempotent beyond the gateway's in-memory cache: its answer is stored
   * with the money it moved, and the same user retrying the same ID gets that answer, even after a restart.
   */
  execute<T extends CommandType>(session: EngineSession, type: T, args: CommandArgs<T>, requestId?: string): Answer<T> {
    if (!session.user) throw new RoomError(ErrorCode.NOT_LOGGED_IN);
    if (!session.online) throw new RoomError(ErrorCode.CONNECTION_LOST);
    // Before any other check: the first attempt may have run in a room this session has not rejoined yet.
    const receiptOf =
      type === 'gift.send' && requestId !== undefined ? { requestId, command: JSON.stringify([type, args]) } : null;
    if (receiptOf) {
      const stored = this.#persistence.receipt(session.user.userId, receiptOf.requestId, this.clock.now());
      if (stored) {
        if (stored.command !== receiptOf.command)
          throw new RoomError(ErrorCode.REPEATED_OPERATION, 'requestId already used for another command');
        return stored.answer as Answer<T>;
      }
    }
    const actor: Actor = { user: session.user };
    const command = { ...args, type } as RoomCommand;
    const now = this.clock.now();
    switch (command.type) {
      case 'room.start':
        return this.#start(session, command.roomId, command.options ?? {}) as Answer<T>;
      case 'room.join':
        return this.#join(session, command.roomId) as Answer<T>;
      case 'room.snapshot':
        return { result: toSnapshot(this.#roomOf(session)) } as Answer<T>;
      case 'room.list':
        return { result: this.listRooms(command.cursor, command.count) } as Answer<T>;
      case 'audience.list':
        return {
          result: unwrap(listAudience(this.#roomOf(session), command.cursor, command.keyword, command.count)),
        } as Answer<T>;
      case 'gift.catalog':
        return { result: this.#catalog } as Answer<T>;
      case 'wallet.get':
        return { result: { balance: this.balance(actor.user.userId), walletVersion: this.#walletSeq } } as Answer<T>;
      case 'gift.send': {
        const room = this.#roomOf(session);
        // The rule sees the sender's wallet only: one balance read, one row written, whatever the ledger's size.
        const sent = sendGift(
          { room, wallets: this.#walletOf(actor.user.userId), catalog: this.#catalog },
          actor,
          command,
          now,
        );
        if (!sent.ok) throw sent.error;
        const { wallets, row, received } = sent.state;
        const balance = balanceOf(wallets, actor.user.userId);
        const next = this.#versioned(room.info.roomId, sent.state.room, sent.events);
        const answer: Answer<'gift.send'> = {
          result: { gift: received, balance, walletVersion: wallets.seq },
          version: next.version,
        };
        const receipt: Receipt | undefined = receiptOf
          ? { userId: actor.user.userId, ...receiptOf, answer, at: now }
          : undefined;
        this.#persist(() => this.#persistence.giftSent(row, balance, next, receipt));
        this.#walletSeq = wallets.seq;
        this.#commit(room.info.roomId, next, sent.events, true);
        return answer as Answer<T>;
      }
      case 'follow.set': {
        const me = actor.user.userId;
        const mine = this.#following.get(me);
        const changes = unwrap(
          checkFollow({
            followerId: me,
            userId: command.userId,
            follow: command.follow,
            following: mine?.has(command.userId) ?? false,
            followingCount: mine?.size ?? 0,
            userExists: this.#profiles.has(command.userId),
            ...(this.#maxFollowing !== undefined ? { maxFollowing: this.#maxFollowing } : {}),
          }),
        );
        if (changes) {
          this.#persist(() => this.#persistence.followChanged(me, command.userId, command.follow));
          this.#applyFollow(me, command.userId, command.follow);
        }
        const info = this.#followInfo(me, command.userId);
        if (changes) {
          for (const room of this.#rooms.values()) {
            if (room.status === 'live' && room.info.owner.userId === command.userId)
              this.mutate(room.info.roomId, (r) => updateOwnerFans(r, command.userId, info.fans));
          }
        }
        return { result: info } as Answer<T>;
      }
      case 'follow.get':
        return { result: this.#followInfo(actor.user.userId, command.userId) } as Answer<T>;
      case 'profile.get': {
        const profile = this.#profiles.get(command.userId);
        if (!profile) throw new RoomError(ErrorCode.USER_NOT_FOUND);
        return { result: profile } as Answer<T>;
      }
      default: {
        if (!isRoomCommand(command))
          throw new RoomError(ErrorCode.INVALID_PARAMETER, `unknown command ${String(type)}`);
        const room = this.#roomOf(session);
        const applied = applyRoomCommand(room, actor, command, now);
        if (!applied.ok) throw applied.error;
        const version = this.#commit(room.info.roomId, applied.state, applied.events);
        if (command.type === 'room.leave') session.roomId = null;
        return { result: applied.result, version } as Answer<T>;
      }
    }
  }

  /**
   * Applies a rule to a room as a trusted operator (REST, timers, tests) and commits it. Returns the rule's
   * result so callers can answer with its error code.
   */
  mutate(roomId: string, rule: (room: RoomState, now: number) => RuleResult<RoomState>): RuleResult<RoomState> {
    const room = this.#rooms.get(roomId);
    if (!room) return { ok: false, error: new RoomError(ErrorCode.ROOM_NOT_FOUND) };
    const result = rule(room, this.clock.now());
    if (!result.ok) return result;
    if (result.state === room) return result;
    // The stored state (versioned here, as commit would): an ended room is no longer in this.rooms afterwards.
    const state = this.#versioned(roomId, result.state, result.events);
    this.#commit(roomId, state, result.events);
    return { ...result, state };
  }

  /** Creates a room as a trusted operator (REST create_room), without anyone joining it. */
  createRoom(room: RoomState): void {
    if (this.#rooms.get(room.info.roomId)?.status === 'live') throw new RoomError(ErrorCode.ROOM_EXISTS);
    this.#commitNew(room);
  }

  /** Observes every committed room change (the server's webhooks and REST-driven notices use it). */
  onRoomChange(
    listener: (roomId: string, previous: RoomState | undefined, next: RoomState, events: readonly RoomEvent[]) => void,
  ): () => void {
    this.#roomListeners.add(listener);
    return () => this.#roomListeners.delete(listener);
  }

  // ---- queries and operator helpers ----

  room(roomId: string): RoomState | undefined {
    return this.#rooms.get(roomId);
  }

  allRooms(): IterableIterator<RoomState> {
    return this.#rooms.values();
  }

  listRooms(cursor?: string, count?: number) {
    const items = [...this.#rooms.values()].map(toRoomListItem).filter((i) => i !== null);
    return unwrap(listRooms(items, cursor, count));
  }

  profile(userId: string): UserProfile | undefined {
    return this.#profiles.get(userId);
  }

  saveProfile(profile: UserProfile): void {
    this.#persist(() => this.#persistence.profileSaved(profile));
    this.#profiles.set(profile.userId, profile);
  }

  balance(userId: string): number {
    return this.#persistence.balanceOf(userId) ?? this.#initialBalance;
  }

  get giftCatalog(): readonly Gift[] {
    return this.#catalog;
  }

  /**
   * Sets a balance to an absolute value (REST set_balance): repeating the same call lands on the same balance, so
   * it needs no receipt to be safe to retry; the wallet sequence it bumps is stored in the same transaction.
   */
  setBalance(userId: string, coins: number): void {
    const wallets = unwrap(setBalance(this.#walletOf(userId), userId, coins));
    this.#persist(() => this.#persistence.balanceSet(userId, coins));
    this.#walletSeq = wallets.seq;
  }

  /**
   * Adds coins with a ledger row (REST `top_up`, the demo's dev wallet); answers the new balance. Not idempotent
   * by itself: `requestId` is stored with the row, and the caller looks it up before calling again (REST top_up
   * does, server/http/rest-gifts.ts); a caller without one must not call twice for one payment.
   */
  topUp(userId: string, coins: number, requestId?: string): { balance: number; entryId: string } {
    const { wallets, row, balance } = unwrap(topUpRule(this.#walletOf(userId), userId, coins, this.clock.now()));
    this.#persist(() => this.#persistence.toppedUp(row, balance, requestId));
    this.#walletSeq = wallets.seq;
    return { balance, entryId: row.entryId };
  }

  setCatalog(gifts: unknown): void {
    const catalog = unwrap(validateCatalog(gifts));
    this.#persist(() => this.#persistence.catalogSaved(catalog));
    this.#catalog = catalog;
  }

  /** Stops every timer (server shutdown). */
  stop(): void {
    for (const { handle } of this.#timers.values()) this.clock.clearTimeout(handle);
    this.#timers.clear();
    for (const handle of this.#idleTimers.values()) this.clock.clearTimeout(handle);
    this.#idleTimers.clear();
  }

  // ---- internals ----

  #followInfo(viewerId: string, userId: string): FollowInfo {
    return {
      userId,
      following: this.#following.get(viewerId)?.has(userId) ?? false,
      fans: this.#fans.get(userId) ?? 0,
      followingCount: this.#following.get(userId)?.size ?? 0,
    };
  }

  #applyFollow(followerId: string, userId: string, follow: boolean): void {
    const mine = this.#following.get(followerId) ?? new Set<string>();
    const fans = (this.#fans.get(userId) ?? 0) + (follow ? 1 : -1);
    if (follow) mine.add(userId);
    else mine.delete(userId);
    if (mine.size) this.#following.set(followerId, mine);
    else this.#following.delete(followerId);
    if (fans > 0) this.#fans.set(userId, fans);
    else this.#fans.delete(userId);
  }

  /** Records a start; users whose window has passed are forgotten now and then, so the map holds recent starters. */
  #noteStart(userId: string, log: readonly number[]): void {
    this.#starts.set(userId, log);
    if (this.#starts.size < 1_024) return;
    const since = this.clock.now() - this.#roomStartRate!.windowMs;
    for (const [id, times] of this.#starts) if (!times.some((t) => t > since)) this.#starts.delete(id);
  }

  /** A wallet view holding one user's balance: what the rules need for a change of that user's coins. */
  #walletOf(userId: string): WalletState {
    const balances: Record<string, number> = Object.create(null) as Record<string, number>;
    balances[userId] = this.balance(userId);
    return { initialBalance: this.#initialBalance, balances, seq: this.#walletSeq };
  }

  #start(
    session: EngineSession,
    roomId: string,
    options: CommandArgs<'room.start'>['options'],
  ): { result: RoomSnapshot; version: number } {
    const user = session.user!;
    if (session.roomId && session.roomId !== roomId) throw new RoomError(ErrorCode.ALREADY_IN_ROOM);
    const existing = this.#rooms.get(roomId);
    if (existing && existing.status === 'live') {
      // Seed 100010: the ID is in use and the caller owns it, so the owner simply comes back to their room.
      if (existing.info.owner.userId !== user.userId) throw new RoomError(ErrorCode.ROOM_EXISTS);
      return this.#join(session, roomId);
    }
    const ownerFans = this.#fans.get(user.userId) ?? 0;
    const created = createRoomState({
      roomId,
      owner: user,
      options,
      now: this.clock.now(),
      limits: this.limits,
      ownerFans,
    });
    if (!created.ok) throw created.error;
    const started = this.#roomStartRate
      ? allowRate(this.#starts.get(user.userId), this.#roomStartRate, this.clock.now())
      : null;
    if (started && !started.allowed)
      throw new RoomError(
        ErrorCode.ROOM_START_LIMIT,
        `At most ${this.#roomStartRate!.limit} rooms per ${this.#roomStartRate!.windowMs / 1000} s`,
      );
    // A room ID may be reused once its room has ended; the new room continues the old version sequence so
    // no client holding the old room can mistake new events for old ones.
    const state = this.#commitNew(created.state);
    if (started) this.#noteStart(user.userId, started.log);
    session.roomId = roomId;
    return { result: toSnapshot(state), version: state.version };
  }

  #join(session: EngineSession, roomId: string): { result: RoomSnapshot; version: number } {
    if (session.roomId && session.roomId !== roomId) throw new RoomError(ErrorCode.ALREADY_IN_ROOM);
    const room = this.#rooms.get(roomId);
    if (!room || room.status !== 'live') throw new RoomError(ErrorCode.ROOM_NOT_FOUND);
    const joined = this.mutate(roomId, (r, now) => joinRoom(r, session.user!, now));
    if (!joined.ok) throw joined.error;
    session.roomId = roomId;
    const state = this.#rooms.get(roomId)!;
    return { result: toSnapshot(state), version: state.version };
  }

  #roomOf(session: EngineSession): RoomState {
    const room = session.roomId ? this.#rooms.get(session.roomId) : undefined;
    if (!room) throw new RoomError(ErrorCode.NOT_IN_ROOM);
    return room;
  }

  #otherSessionOf(session: EngineSession): EngineSession | undefined {
    if (session.roomId === null) return undefined;
    for (const s of this.sessionsIn(session.roomId))
      if (s !== session && s.online && s.user?.userId === session.user?.userId) return s;
    return undefined;
  }

  /** Runs a persistence write; a failed write becomes INTERNAL and the change is not applied. */
  #persist(write: () => void): void {
    try {
      write();
    } catch (error) {
      throw new RoomError(
        ErrorCode.INTERNAL,
        `storage failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** The state as it will be stored: the version is set here, once per batch, from the stored state. */
  #versioned(roomId: string, next: RoomState, events: readonly RoomEvent[]): RoomState {
    const previous = this.#rooms.get(roomId);
    const version = previous ? previous.version + (events.length > 0 ? 1 : 0) : next.version;
    return next.version === version ? next : { ...next, version };
  }

  /**
   * Commits a room created from scratch. A room ID used before (an ended room, in memory or only in the persistence)
   * continues that room's counters: its old batches, barrage and request IDs may still be in some client's hands,
   * and a new room must never reuse a name they carry.
   */
  #commitNew(created: RoomState): RoomState {
    const previous = this.#rooms.get(created.info.roomId);
    const last: RoomCounters | undefined = previous ?? this.#persistence.counters(created.info.roomId);
    const room: RoomState = last
      ? {
          ...created,
          version: Math.max(created.version, last.version + 1),
          messageSeq: Math.max(created.messageSeq, last.messageSeq),
          requestSeq: Math.max(created.requestSeq, last.requestSeq),
          entrySeq: Math.max(created.entrySeq, last.entrySeq),
        }
      : created;
    this.#persist(() => this.#persistence.roomChanged(previous, room, []));
    this.#rooms.set(room.info.roomId, room);
    this.#schedule(room.info.roomId, room);
    this.#watchIdle(room, previous);
    this.#notify(room.info.roomId, previous, room, []);
    return room;
  }

  /** Stores the new state, broadcasts its events as one batch, and re-arms the room's timer. */
  #commit(roomId: string, next: RoomState, events: readonly RoomEvent[], persisted = false): number | undefined {
    const previous = this.#rooms.get(roomId);
    const state = this.#versioned(roomId, next, events);
    if (!persisted) this.#persist(() => this.#persistence.roomChanged(previous, state, events));
    this.#rooms.set(roomId, state);
    this.#schedule(roomId, state);
    this.#watchIdle(state, previous);
    this.#notify(roomId, previous, state, events);
    if (events.length === 0) return undefined;
    const batch: EventBatch = { roomId, version: state.version, events, at: this.clock.now() };
    for (const session of this.sessionsIn(roomId)) {
      if (!session.online) continue;
      // The change is committed: one connection that fails to take the batch must not keep it from the others.
      try {
        session.deliver(batch);
      } catch (error) {
        this.#onError(`delivery to session ${session.id} failed`, error);
      }
    }
    // Whoever the batch removed from the room no longer belongs to it (they got the batch above first).
    for (const e of events) {
      if (e.type === 'member.left')
        for (const s of [...this.sessionsIn(roomId)]) if (s.user?.userId === e.userId) s.roomId = null;
      // An ended room holds nobody, however it ended (owner, REST destroy, idle dismiss): everyone in it may start
      // or join another room on the same connection instead of being told "already in another room".
      if (e.type === 'room.ended') for (const s of [...this.sessionsIn(roomId)]) s.roomId = null;
    }
    if (state.status !== 'live') this.#forget(state);
    return state.version;
  }

  /** Room-change listeners (webhooks, REST bookkeeping) run after the commit; one that throws is reported. */
  #notify(roomId: string, previous: RoomState | undefined, next: RoomState, events: readonly RoomEvent[]): void {
    for (const listener of this.#roomListeners) {
      try {
        listener(roomId, previous, next, events);
      } catch (error) {
        this.#onError(`room listener failed for ${roomId}`, error);
      }
    }
  }

  /**
   * An ended room leaves memory once everyone in it has been told (its batch went out above): its persistence keeps
   * its last counters (SQLite its row, MemoryPersistence a bounded list), so a reused room ID still continues from them.
   */
  #forget(room: RoomState): void {
    const roomId = room.info.roomId;
    this.#rooms.delete(roomId);
    const timer = this.#timers.get(roomId);
    if (timer) this.clock.clearTimeout(timer.handle);
    this.#timers.delete(roomId);
    this.#stopIdle(roomId);
  }

  /**
   * Arms a live room's idle dismissal when nobody in it is online (it was just created empty, or its last member
   * went offline) and cancels it when someone is back. The idle period runs from the moment the room became empty;
   * changes in an empty room (a lease ending, say) do not restart it. Only a change of members can change who is in.
   */
  #watchIdle(room: RoomState, previous: RoomState | undefined): void {
    if (!this.#idleDismissal || room.status !== 'live' || previous?.members === room.members) return;
    const roomId = room.info.roomId;
    let present = false;
    for (const member of mapValues(room.members)) {
      if (!member.online) continue;
      present = true;
      break;
    }
    if (present) this.#stopIdle(roomId);
    else if (!this.#idleTimers.has(roomId)) this.#armIdle(roomId, this.#idleDismissal.afterMs);
  }

  #armIdle(roomId: string, delayMs: number): void {
    const handle = this.clock.setTimeout(() => {
      this.#idleTimers.delete(roomId);
      // A timer callback has no caller: a fault is reported, and the still-empty room is tried again a little later.
      try {
        const ended = this.mutate(roomId, (room) => endRoom(room, { user: room.info.owner, system: true }));
        if (!ended.ok) throw ended.error;
        this.#idleDismissal?.onDismissed?.(roomId);
      } catch (error) {
        this.#onError(`idle dismissal failed for ${roomId}`, error);
        if (this.#rooms.get(roomId)?.status === 'live' && !this.#idleTimers.has(roomId)) this.#armIdle(roomId, 1_000);
      }
    }, delayMs);
    // Half an hour of waiting must not keep a Node process (a script, a test) alive by itself; browsers have no unref.
    (handle as { unref?: () => void } | null)?.unref?.();
    this.#idleTimers.set(roomId, handle);
  }

  #stopIdle(roomId: string): void {
    const handle = this.#idleTimers.get(roomId);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.#idleTimers.delete(roomId);
  }

  #schedule(roomId: string, state: RoomState, minDelay = 0): void {
    const at = nextDeadline(state);
    const current = this.#timers.get(roomId);
    if (current && current.at === at) return;
    if (current) this.clock.clearTimeout(current.handle);
    this.#timers.delete(roomId);
    if (at === null) return;
    const handle = this.clock.setTimeout(
      () => {
        this.#timers.delete(roomId);
        // A timer callback has no caller: an exception here would reach the event loop and end the process.
        let retryMs = 1;
        try {
          this.mutate(roomId, (room, now) => tick(room, now));
        } catch (error) {
          this.#onError(`room timer failed for ${roomId}`, error);
          // Try again, but not in a tight loop if the fault persists.
          retryMs = 1_000;
        }
        // Timers run on a monotonic clock and may fire a millisecond before Date.now() reaches the deadline; then
        // nothing expired and nothing was committed, so the timer must be armed again (else the lease never ends).
        // At least 1 ms later, so a clock that stands still cannot make this spin.
        const room = this.#rooms.get(roomId);
        if (room && !this.#timers.has(roomId)) this.#schedule(roomId, room, retryMs);
      },
      Math.max(minDelay, at - this.clock.now()),
    );
    this.#timers.set(roomId, { at, handle });
  }
}

function unwrap<S>(r: RuleResult<S>): S {
  if (!r.ok) throw r.error;
  return r.state;
}

export function createRoomEngine(options?: RoomEngineOptions): RoomEngine {
  return new RoomEngine(options);
}
