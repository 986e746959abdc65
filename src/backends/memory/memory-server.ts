import type { CommandArgs, CommandType, RoomCommand } from '../../model/commands.js';
import { type Clock, systemClock } from '../../model/clock.js';
import { ErrorCode, RoomError } from '../../model/errors.js';
import type { EventBatch, RoomEvent } from '../../model/events.js';
import type { Gift } from '../../model/gift.js';
import type { RoomLimits, RoomSnapshot, RoomState } from '../../model/room.js';
import type { UserInfo, UserProfile } from '../../model/user.js';
import { USER_ID_PATTERN } from '../../model/user.js';
import {
  type Actor, type FollowState, type WalletState, applyRoomCommand, balanceOf, createRoomState, createWallets,
  disconnectMember, emptyFollows, followInfo, isRoomCommand, joinRoom, listAudience, listRooms, nextDeadline,
  sendGift, setBalance, setFollow, tick, toRoomListItem, toSnapshot, updateOwnerFans, validateCatalog,
} from '../../rules/index.js';
import type { Answer } from '../room-backend.js';

export interface MemoryServerOptions {
  readonly clock?: Clock;
  readonly catalog?: readonly Gift[];
  readonly initialBalance?: number;
  readonly limits?: Partial<RoomLimits>;
}

/** One connected client as the server sees it. */
export interface MemorySession {
  readonly id: number;
  user: UserInfo | null;
  roomId: string | null;
  online: boolean;
  deliver(batch: EventBatch): void;
}

/**
 * An in-process room server: the same rules as the local server, no network. Several clients (host, admins,
 * listeners) connect to one instance; with a manual clock, timeouts and leases run when the test says so.
 */
export class MemoryServer {
  readonly clock: Clock;
  readonly limits: Partial<RoomLimits>;
  private readonly rooms = new Map<string, RoomState>();
  private readonly timers = new Map<string, { at: number; handle: unknown }>();
  private readonly sessions = new Set<MemorySession>();
  private readonly profiles = new Map<string, UserProfile>();
  private wallets: WalletState;
  private follows: FollowState = emptyFollows;
  private catalog: readonly Gift[];
  private nextSession = 1;

  constructor(options: MemoryServerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.limits = options.limits ?? {};
    this.wallets = createWallets(options.initialBalance ?? 1000);
    this.catalog = options.catalog ?? [];
  }

  openSession(deliver: (batch: EventBatch) => void): MemorySession {
    const session: MemorySession = { id: this.nextSession++, user: null, roomId: null, online: true, deliver };
    this.sessions.add(session);
    return session;
  }

  /** The connection drops without a goodbye: a seated user keeps the seat for the lease. */
  dropSession(session: MemorySession): void {
    if (!session.online) return;
    session.online = false;
    if (session.user && session.roomId) this.mutate(session.roomId, (room, now) => disconnectMember(room, session.user!.userId, now));
  }

  /** The same client comes back: it rejoins (keeping its seat if the lease still runs) and resyncs. */
  resumeSession(session: MemorySession): void {
    session.online = true;
    if (!session.user || !session.roomId) return;
    const roomId = session.roomId;
    const room = this.rooms.get(roomId);
    if (!room || room.status !== 'live') return;
    const joined = this.mutate(roomId, (r, now) => joinRoom(r, session.user!, now));
    if (!joined.ok) session.roomId = null;
  }

  closeSession(session: MemorySession): void {
    if (session.user && session.roomId) {
      const room = this.rooms.get(session.roomId);
      if (room && room.status === 'live' && room.info.owner.userId !== session.user.userId) {
        this.mutate(session.roomId, (r) => (r.members[session.user!.userId] ? applyRoomCommand(r, { user: session.user! }, { type: 'room.leave' }, this.clock.now()) : { ok: true, state: r, events: [] }));
      }
    }
    this.sessions.delete(session);
  }

  identify(session: MemorySession, user: UserInfo): void {
    if (!USER_ID_PATTERN.test(user.userId)) throw new RoomError(ErrorCode.INVALID_PARAMETER, 'userId must be 1-32 of a-zA-Z0-9_-');
    if (session.user && session.user.userId !== user.userId) throw new RoomError(ErrorCode.REPEATED_OPERATION, 'This connection is signed in as another user');
    session.user = user;
    this.profiles.set(user.userId, { ...user, level: this.profiles.get(user.userId)?.level ?? 1 });
  }

  /** Executes one command for a session: what the local server does for one protocol frame. */
  execute<T extends CommandType>(session: MemorySession, type: T, args: CommandArgs<T>): Answer<T> {
    if (!session.user) throw new RoomError(ErrorCode.NOT_LOGGED_IN);
    if (!session.online) throw new RoomError(ErrorCode.CONNECTION_LOST);
    const actor: Actor = { user: session.user };
    const command = { ...args, type } as RoomCommand;
    const now = this.clock.now();
    switch (command.type) {
      case 'room.start': return this.start(session, command.roomId, command.options ?? {}) as Answer<T>;
      case 'room.join': return this.join(session, command.roomId) as Answer<T>;
      case 'room.snapshot': return { result: toSnapshot(this.roomOf(session)) } as Answer<T>;
      case 'room.list': {
        const items = [...this.rooms.values()].map(toRoomListItem).filter((i) => i !== null);
        return { result: this.unwrap(listRooms(items, command.cursor, command.count)) } as Answer<T>;
      }
      case 'audience.list': {
        const page = listAudience(this.roomOf(session), command.cursor, command.keyword, command.count);
        return { result: this.unwrap(page) } as Answer<T>;
      }
      case 'gift.catalog': return { result: this.catalog } as Answer<T>;
      case 'wallet.get': return { result: { balance: balanceOf(this.wallets, actor.user.userId), walletVersion: this.wallets.seq } } as Answer<T>;
      case 'gift.send': {
        const room = this.roomOf(session);
        const sent = sendGift({ room, wallets: this.wallets, catalog: this.catalog }, actor, command, now);
        if (!sent.ok) throw sent.error;
        this.wallets = sent.state.wallets;
        const version = this.commit(room.info.roomId, sent.state.room, sent.events);
        return { result: { gift: sent.state.received, balance: balanceOf(this.wallets, actor.user.userId), walletVersion: this.wallets.seq }, version } as Answer<T>;
      }
      case 'follow.set': {
        this.follows = this.unwrap(setFollow(this.follows, actor.user.userId, command.userId, command.follow));
        const info = followInfo(this.follows, actor.user.userId, command.userId);
        for (const room of this.rooms.values()) {
          if (room.status === 'live' && room.info.owner.userId === command.userId) this.mutate(room.info.roomId, (r) => updateOwnerFans(r, command.userId, info.fans));
        }
        return { result: info } as Answer<T>;
      }
      case 'follow.get': return { result: followInfo(this.follows, actor.user.userId, command.userId) } as Answer<T>;
      case 'profile.get': {
        const profile = this.profiles.get(command.userId);
        if (!profile) throw new RoomError(ErrorCode.USER_NOT_FOUND);
        return { result: profile } as Answer<T>;
      }
      default: {
        if (!isRoomCommand(command)) throw new RoomError(ErrorCode.INVALID_PARAMETER, `unknown command ${String(type)}`);
        const room = this.roomOf(session);
        const applied = applyRoomCommand(room, actor, command, now);
        if (!applied.ok) throw applied.error;
        const version = this.commit(room.info.roomId, applied.state, applied.events);
        if (command.type === 'room.leave') session.roomId = null;
        return { result: applied.result, version } as Answer<T>;
      }
    }
  }

  // ---- test and admin helpers (what REST does on the local server) ----

  room(roomId: string): RoomState | undefined {
    return this.rooms.get(roomId);
  }

  balance(userId: string): number {
    return balanceOf(this.wallets, userId);
  }

  get ledger() {
    return this.wallets.ledger;
  }

  setBalance(userId: string, coins: number): void {
    this.wallets = this.unwrap(setBalance(this.wallets, userId, coins));
  }

  setCatalog(gifts: unknown): void {
    this.catalog = this.unwrap(validateCatalog(gifts));
  }

  // ---- internals ----

  private start(session: MemorySession, roomId: string, options: CommandArgs<'room.start'>['options']): { result: RoomSnapshot; version: number } {
    const user = session.user!;
    if (session.roomId && session.roomId !== roomId) throw new RoomError(ErrorCode.ALREADY_IN_ROOM);
    const existing = this.rooms.get(roomId);
    if (existing && existing.status === 'live') {
      // Seed 100010: the ID is in use and the caller owns it, so the owner simply comes back to their room.
      if (existing.info.owner.userId !== user.userId) throw new RoomError(ErrorCode.ROOM_EXISTS);
      return this.join(session, roomId);
    }
    const ownerFans = this.follows.fans[user.userId] ?? 0;
    const created = createRoomState({ roomId, owner: user, options, now: this.clock.now(), limits: this.limits, ownerFans });
    if (!created.ok) throw created.error;
    this.rooms.set(roomId, created.state);
    session.roomId = roomId;
    return { result: toSnapshot(created.state), version: created.state.version };
  }

  private join(session: MemorySession, roomId: string): { result: RoomSnapshot; version: number } {
    if (typeof roomId !== 'string') throw new RoomError(ErrorCode.INVALID_PARAMETER, 'roomId must be a string');
    if (session.roomId && session.roomId !== roomId) throw new RoomError(ErrorCode.ALREADY_IN_ROOM);
    const room = this.rooms.get(roomId);
    if (!room || room.status !== 'live') throw new RoomError(ErrorCode.ROOM_NOT_FOUND);
    const joined = this.mutate(roomId, (r, now) => joinRoom(r, session.user!, now));
    if (!joined.ok) throw joined.error;
    session.roomId = roomId;
    const state = this.rooms.get(roomId)!;
    return { result: toSnapshot(state), version: state.version };
  }

  private roomOf(session: MemorySession): RoomState {
    const room = session.roomId ? this.rooms.get(session.roomId) : undefined;
    if (!room) throw new RoomError(ErrorCode.NOT_IN_ROOM);
    return room;
  }

  private unwrap<S>(r: { ok: true; state: S } | { ok: false; error: RoomError }): S {
    if (!r.ok) throw r.error;
    return r.state;
  }

  /** Applies a rule to a room and commits it; returns the rule result. */
  private mutate(roomId: string, rule: (room: RoomState, now: number) => { ok: true; state: RoomState; events: readonly RoomEvent[] } | { ok: false; error: RoomError }) {
    const room = this.rooms.get(roomId);
    if (!room) return { ok: false as const, error: new RoomError(ErrorCode.ROOM_NOT_FOUND) };
    const result = rule(room, this.clock.now());
    if (result.ok) this.commit(roomId, result.state, result.events);
    return result;
  }

  /**
   * Stores the new state, broadcasts its events as one batch, and re-arms the room's timer. The version is set
   * here, from the stored state, so every path (commands, timers, drops) bumps it exactly once per batch.
   */
  private commit(roomId: string, next: RoomState, events: readonly RoomEvent[]): number | undefined {
    const previous = this.rooms.get(roomId);
    const version = previous ? previous.version + (events.length > 0 ? 1 : 0) : next.version;
    const state = next.version === version ? next : { ...next, version };
    this.rooms.set(roomId, state);
    this.schedule(roomId, state);
    if (events.length === 0) return undefined;
    const batch: EventBatch = { roomId, version: state.version, events };
    for (const session of this.sessions) {
      if (session.online && session.roomId === roomId) session.deliver(batch);
    }
    // Whoever the batch removed from the room no longer belongs to it (they got the batch above first).
    for (const e of events) {
      if (e.type === 'member.left') for (const s of this.sessions) if (s.roomId === roomId && s.user?.userId === e.userId) s.roomId = null;
    }
    return state.version;
  }

  private schedule(roomId: string, state: RoomState): void {
    const at = nextDeadline(state);
    const current = this.timers.get(roomId);
    if (current && current.at === at) return;
    if (current) this.clock.clearTimeout(current.handle);
    this.timers.delete(roomId);
    if (at === null) return;
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(roomId);
      this.mutate(roomId, (room, now) => tick(room, now));
    }, Math.max(0, at - this.clock.now()));
    this.timers.set(roomId, { at, handle });
  }
}

export function createMemoryServer(options?: MemoryServerOptions): MemoryServer {
  return new MemoryServer(options);
}
