// A test double of Tencent's RoomEngine cloud (RoomEngine + Chat + TRTC as one in-memory service) for the SDK slice
// in src/backends/tencent/engine-sdk.ts. One EngineCloud per test; `cloud.sdk()` hands out what load.ts would load
// (one call = one browser tab). Files: engine-double.ts the SDK-side classes (and sessions), engine-rooms.ts /
// engine-members.ts / engine-seats.ts the room rules, engine-rest.ts the REST levers, engine-state.ts the data,
// engine-codes.ts the codes and UserSig. Rules the documents leave open are decided in comments marked "Rule:" or
// listed in a file's header, with the evidence used.
//
// Delivery. Every SDK call is async and runs in the cloud one microtask hop after it is made, in call order.
// Events and request callbacks reach each engine instance through its own FIFO inbox, drained a few microtask hops
// later, in the order the cloud produced them. While a call of an instance is being processed, and for a few hops
// after its promise settles, that instance's inbox is held: an event caused by a call reaches the caller after the
// call resolved (a backend must wait for the event to see the effect, as with the real SDK). No timers are used for
// delivery (Promise microtasks only), so it runs the same in Node and Chromium; time-based behaviour (request
// timeouts, UserSig expiry, heartbeats, volume reports) runs on the Clock given to the cloud.
//
// Network. `setOnline(userId, false)` takes that user's tabs offline: their calls (login included) neither resolve
// nor reject until the user is back online (the real SDK waits for its connection), events to them are dropped, and
// notices that must not be lost (kicked, dismissed, request outcomes) wait. The cloud keeps their room presence and
// seat for `heartbeatMs`, then removes them like a leave. Back online in time, each instance gets the notices it
// missed, then one onSeatListChanged against the seat list it last saw and the user count, and its waiting calls
// proceed. Back after the heartbeat lapsed, it gets onKickedOutOfRoom (kJoinRoomStatusInvalidDuringOffline).
import type { Clock } from '../../../src/model/clock.js';
import {
  TUIKickedOutOfRoomReason,
  type EngineSdk,
  type GiftCategory,
  type GiftEventPayloads,
  type LiveListEventPayloads,
  type RoomEventPayloads,
  type TUIRequestCallback,
  type TUIUserInfo,
} from '../../../src/backends/tencent/engine-sdk.js';
import { ENGINE_CODE, EngineError } from './engine-codes.js';
import { createEngineSdk } from './engine-double.js';
import { volumeTick } from './engine-members.js';
import { emitSeatList, evictMember, seatInfo } from './engine-rooms.js';
import {
  restDestroyRoom,
  restGetSeatList,
  restKickUserOffSeat,
  restLockSeat,
  restPickUserOnSeat,
  type RestResponse,
} from './engine-rest.js';
import {
  Tab,
  type Client,
  type GiftPreVerification,
  type Listener,
  type Profile,
  type RoomState,
} from './engine-state.js';

export { Client, RoomState, Tab } from './engine-state.js';
export type {
  GiftPreVerification,
  MemberState,
  Profile,
  RequestState,
  RoomSettings,
  SeatState,
} from './engine-state.js';

export interface EngineCloudOptions {
  /** How long (ms) a user whose connection dropped keeps presence and seat. Default 30 s (the docs give no number). */
  heartbeatMs?: number;
  /** Members per room before joinLive fails with ERR_ROOM_USER_FULL. Default unlimited. */
  maxRoomMembers?: number;
}

/** How often (ms) onUserVoiceVolumeChanged reports while someone speaks. */
export const VOLUME_INTERVAL_MS = 300;
/** Microtask hops before an inbox drains, and after a call settles before its caller's inbox opens again. */
const DELIVERY_HOPS = 3;

async function hops(n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await Promise.resolve();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

// ---- The cloud --------------------------------------------------------------------------------------------------

export class EngineCloud {
  readonly rooms = new Map<string, RoomState>();
  readonly profiles = new Map<string, Profile>();
  /** userId → the users they follow. */
  readonly follows = new Map<string, Set<string>>();
  /** Every SDK call, in the order made: who, which API, its arguments (for assertions). */
  readonly calls: { userId: string; api: string; args: unknown }[] = [];
  /** Errors thrown by listeners and request callbacks (the double swallows them like an event emitter would). */
  readonly listenerErrors: unknown[] = [];
  /** The customer's gift check (the server callback that looks at a wallet); false rejects the gift. */
  giftPreVerification: GiftPreVerification | null = null;
  readonly heartbeatMs: number;
  readonly maxRoomMembers: number;
  /** Live REST API levers (a customer's server) acting on the same rooms; answers are REST bodies. */
  readonly rest: {
    getSeatList(roomId: string): RestResponse;
    kickUserOffSeat(roomId: string, userId: string): RestResponse;
    lockSeat(roomId: string, index: number, locked: boolean): RestResponse;
    pickUserOnSeat(roomId: string, index: number, userId: string): RestResponse;
    destroyRoom(roomId: string): RestResponse;
  };
  giftCatalog: GiftCategory[] = [];
  readonly tabs = new Set<Tab>();
  readonly offline = new Set<string>();
  /** userId → calls waiting for that user's network. */
  private readonly held = new Map<string, (() => void)[]>();
  /** userId → volume set with `speak`. */
  readonly volumes = new Map<string, number>();
  /** Users whose browser blocks autoplay (see blockAutoplay; resume() clears it). */
  readonly autoplayBlocked = new Set<string>();
  private nextId = 1;

  constructor(
    readonly clock: Clock,
    readonly sdkAppId: number,
    options: EngineCloudOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
    this.maxRoomMembers = options.maxRoomMembers ?? Number.POSITIVE_INFINITY;
    this.rest = {
      getSeatList: (roomId) => restGetSeatList(this, roomId),
      kickUserOffSeat: (roomId, userId) => restKickUserOffSeat(this, roomId, userId),
      lockSeat: (roomId, index, locked) => restLockSeat(this, roomId, index, locked),
      pickUserOnSeat: (roomId, index, userId) => restPickUserOnSeat(this, roomId, index, userId),
      destroyRoom: (roomId) => restDestroyRoom(this, roomId),
    };
  }

  // ---- Levers ---------------------------------------------------------------------------------------------------

  /** A fresh `{ TUIRoomEngine }` for one browser tab: its statics (login state) belong to that tab only. */
  sdk(): EngineSdk {
    const tab = new Tab(this.nextId++);
    this.tabs.add(tab);
    return createEngineSdk(this, tab);
  }

  /** The gift catalog getGiftList returns and sendGift checks against. */
  setGiftCatalog(categories: GiftCategory[]): void {
    this.giftCatalog = structuredClone(categories);
  }

  /**
   * The user's published audio level (0–100) while they speak; 0 stops. Rooms with a speaker report every
   * VOLUME_INTERVAL_MS on the clock: one onUserVoiceVolumeChanged to each member listing every user whose audio is
   * on (the local user included), and a last report with the levels at 0 when everyone has stopped.
   */
  speak(userId: string, volume: number): void {
    this.volumes.set(userId, Math.max(0, Math.min(100, volume)));
    for (const room of this.rooms.values()) if (this.hasAudio(room, userId)) this.startVolumeReports(room);
  }

  /**
   * The user's browser blocks audio autoplay: each of their instances in a room gets onAutoPlayFailed (userId: a
   * remote user whose audio is on, else ''); `resume()` counts on the instance (see EngineInstanceDouble).
   */
  blockAutoplay(userId: string): void {
    this.autoplayBlocked.add(userId);
    for (const tab of this.tabs) {
      if (tab.session?.userId !== userId) continue;
      for (const client of tab.clients) {
        if (!client.roomId) continue;
        const room = this.rooms.get(client.roomId);
        const remote = room
          ? [...room.members.keys()].find((id) => id !== userId && this.hasAudio(room, id))
          : undefined;
        const resume = () => {
          client.autoplayResumes += 1;
          this.autoplayBlocked.delete(userId);
        };
        this.emitRoom(client, 'onAutoPlayFailed', { userId: remote ?? '', resume });
      }
    }
  }

  /** Takes a user's tabs offline or back online (see the header). */
  setOnline(userId: string, online: boolean): void {
    if (!online) {
      if (this.offline.has(userId)) return;
      this.offline.add(userId);
      for (const client of this.clientsOf(userId)) this.linkLost(client);
      return;
    }
    if (!this.offline.delete(userId)) return;
    for (const client of this.clientsOf(userId)) {
      if (client.tab.session && !client.tab.session.expired) this.linkRestored(client);
      else this.flushDeferred(client);
    }
    const waiting = this.held.get(userId) ?? [];
    this.held.delete(userId);
    for (const run of waiting) run();
  }

  // ---- Calls ----------------------------------------------------------------------------------------------------

  /**
   * Runs one SDK call in the cloud: a hop later, in call order, held while `network` (a userId) is offline. The
   * caller's inbox stays closed until a few hops after the promise settles.
   */
  request<T>(
    gate: readonly Client[],
    network: string,
    log: { api: string; args: unknown },
    run: () => T | Promise<T>,
  ): Promise<T> {
    this.calls.push({ userId: network, api: log.api, args: log.args });
    return new Promise<T>((resolve, reject) => {
      const exec = () => {
        const held = [...gate];
        for (const client of held) client.gates += 1;
        const settle = (ok: boolean, value: unknown) => {
          if (ok) resolve(value as T);
          else reject(value);
          void hops(DELIVERY_HOPS).then(() => {
            for (const client of held) {
              client.gates -= 1;
              this.schedule(client);
            }
          });
        };
        try {
          const out = run();
          if (isThenable(out))
            out.then(
              (v) => settle(true, v),
              (e: unknown) => settle(false, e),
            );
          else settle(true, out);
        } catch (error) {
          settle(false, error);
        }
      };
      void hops(1).then(() => {
        const waiting = this.held.get(network);
        if (network && (this.offline.has(network) || waiting)) {
          if (waiting) waiting.push(exec);
          else this.held.set(network, [exec]);
        } else exec();
      });
    });
  }

  // ---- Delivery -------------------------------------------------------------------------------------------------

  /** Signed in, session valid and online: the cloud can reach this instance. */
  linked(client: Client): boolean {
    return (
      !client.destroyed &&
      client.tab.session !== null &&
      !client.tab.session.expired &&
      !this.offline.has(client.tab.userId)
    );
  }

  private post(client: Client, run: () => void, critical: boolean): void {
    if (client.destroyed) return;
    const item = { run, critical };
    if (!this.linked(client)) {
      if (critical && client.tab.session) client.deferred.push(item);
      return;
    }
    client.inbox.push(item);
    this.schedule(client);
  }

  schedule(client: Client): void {
    if (client.scheduled || client.gates > 0 || client.inbox.length === 0) return;
    client.scheduled = true;
    void hops(DELIVERY_HOPS).then(() => {
      client.scheduled = false;
      while (client.gates === 0 && client.inbox.length > 0 && !client.destroyed && !this.offline.has(client.tab.userId))
        client.inbox.shift()!.run();
    });
  }

  private fire(listeners: Map<string, Set<Listener>>, name: string, payload: object | undefined): void {
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        // The SDK calls a listener with no argument when the payload is empty (observerFunction in index.esm.js).
        if (payload === undefined || Object.keys(payload).length === 0) listener();
        else listener(payload);
      } catch (error) {
        this.listenerErrors.push(error);
      }
    }
  }

  emitRoom<K extends keyof RoomEventPayloads>(
    client: Client,
    name: K,
    payload: RoomEventPayloads[K],
    critical = false,
  ): void {
    this.post(
      client,
      () => {
        if (name === 'onSeatListChanged')
          client.knownSeats = ((payload as RoomEventPayloads['onSeatListChanged']).seatList ?? []).map((s) => ({
            ...s,
          }));
        this.fire(client.listeners.room, name, payload);
      },
      critical,
    );
  }

  emitGift<K extends keyof GiftEventPayloads>(client: Client, name: K, payload: GiftEventPayloads[K]): void {
    this.post(client, () => this.fire(client.listeners.gift, name, payload), false);
  }

  emitLive<K extends keyof LiveListEventPayloads>(client: Client, name: K, payload: LiveListEventPayloads[K]): void {
    this.post(client, () => this.fire(client.listeners.live, name, payload), false);
  }

  /** A request callback: critical (the outcome waits for a dropped sender), in FIFO order with its events. */
  callback(client: Client, callback: ((info: TUIRequestCallback) => void) | undefined, info: TUIRequestCallback): void {
    if (!callback) return;
    this.post(
      client,
      () => {
        try {
          callback(info);
        } catch (error) {
          this.listenerErrors.push(error);
        }
      },
      true,
    );
  }

  /** Sends each member of the room (except `except`) its own copy of an event. */
  broadcast<K extends keyof RoomEventPayloads>(
    room: RoomState,
    name: K,
    make: (client: Client) => RoomEventPayloads[K],
    except?: string,
  ): void {
    for (const member of room.members.values())
      if (member.userId !== except) this.emitRoom(member.client, name, make(member.client));
  }

  // ---- Presence -------------------------------------------------------------------------------------------------

  clientsOf(userId: string): Client[] {
    return [...this.tabs].filter((t) => t.userId === userId && t.session).flatMap((t) => [...t.clients]);
  }

  /** The instance's connection is gone (offline, or its UserSig expired): the heartbeat starts. */
  linkLost(client: Client): void {
    if (this.offline.has(client.tab.userId)) {
      client.deferred.push(...client.inbox.filter((i) => i.critical));
      client.inbox = [];
    }
    const room = client.roomId ? this.rooms.get(client.roomId) : undefined;
    const member = room?.members.get(client.userId);
    if (!room || !member || member.client !== client || member.dropTimer !== null) return;
    member.dropTimer = this.clock.setTimeout(() => {
      member.dropTimer = null;
      if (room.members.get(member.userId) !== member || this.linked(client)) return;
      // Rule: a member whose heartbeat lapsed leaves like leaveLive (seat freed, others told); the owner too, but
      // the room stays (the docs' auto-dismiss on an owner's lost heartbeat is off by default, seed 002 L14565).
      evictMember(this, room, member.userId);
      client.roomId = null;
      client.evictedFrom = room.roomId;
    }, this.heartbeatMs);
  }

  /** Hands over the notices kept while the link was down (the network is up again). */
  flushDeferred(client: Client): void {
    const missed = client.deferred;
    client.deferred = [];
    if (client.destroyed || this.offline.has(client.tab.userId)) return;
    client.inbox.push(...missed);
    this.schedule(client);
  }

  /** The connection is back: missed notices, then the catch-up (seat diff and user count). */
  linkRestored(client: Client): void {
    const room = client.roomId ? this.rooms.get(client.roomId) : undefined;
    const member = room?.members.get(client.userId);
    if (member && member.client === client && member.dropTimer !== null) {
      this.clock.clearTimeout(member.dropTimer);
      member.dropTimer = null;
    }
    this.flushDeferred(client);
    if (client.evictedFrom) {
      this.emitRoom(
        client,
        'onKickedOutOfRoom',
        {
          roomId: client.evictedFrom,
          reason: TUIKickedOutOfRoomReason.kJoinRoomStatusInvalidDuringOffline,
          message: 'the room dropped you while you were offline',
        },
        true,
      );
      client.evictedFrom = null;
    } else if (room && member && member.client === client) {
      const now = room.seats.map((_, i) => seatInfo(this, room, i));
      const seatedList = now.filter((s, i) => s.userId !== '' && client.knownSeats[i]?.userId !== s.userId);
      const leftList = client.knownSeats.filter((s, i) => s.userId !== '' && now[i]?.userId !== s.userId);
      emitSeatList(this, client, { seatList: now, seatedList, leftList });
      this.emitRoom(client, 'onRoomUserCountChanged', { roomId: room.roomId, userCount: room.members.size });
    }
  }

  // ---- Shared look-ups ------------------------------------------------------------------------------------------

  newId(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  newRequestId(): string {
    return this.newId('req');
  }

  /** A user's profile (empty for a user who never signed in; not stored). */
  profile(userId: string): Profile {
    return this.profiles.get(userId) ?? { userName: '', avatarUrl: '' };
  }

  /** The stored profile of a user who signed in (created empty on first login). */
  ensureProfile(userId: string): Profile {
    let profile = this.profiles.get(userId);
    if (!profile) this.profiles.set(userId, (profile = { userName: '', avatarUrl: '' }));
    return profile;
  }

  role(room: RoomState, userId: string): 0 | 1 | 2 {
    if (room.ownerId === userId) return 0;
    return room.admins.has(userId) ? 1 : 2;
  }

  isMuted(room: RoomState, userId: string): boolean {
    return (room.mutedUntil.get(userId) ?? 0) > this.clock.now();
  }

  /** Audio is on: in the room, seated, microphone open, not muted, seat audio not locked. */
  hasAudio(room: RoomState, userId: string): boolean {
    const member = room.members.get(userId);
    if (!member) return false;
    const seat = room.seats.find((s) => s.userId === userId);
    return !!seat && !seat.audioLocked && member.client.micOpen && !member.client.muted;
  }

  userInfo(room: RoomState | undefined, userId: string): TUIUserInfo {
    const profile = this.profile(userId);
    return {
      userId,
      userName: profile.userName,
      nameCard: '',
      avatarUrl: profile.avatarUrl,
      userRole: room ? this.role(room, userId) : 2,
      hasAudioStream: room ? this.hasAudio(room, userId) : false,
      hasVideoStream: false,
      hasScreenStream: false,
      isMessageDisabled: room ? this.isMuted(room, userId) : false,
      roomCustomInfo: {},
    };
  }

  /** The caller's room, or -2101. */
  roomOf(client: Client): RoomState {
    const room = client.roomId ? this.rooms.get(client.roomId) : undefined;
    if (!room || room.members.get(client.userId)?.client !== client)
      throw new EngineError(ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM, 'enter the room first');
    return room;
  }

  startVolumeReports(room: RoomState): void {
    if (room.volumeTimer !== null) return;
    const tick = () => {
      room.volumeTimer = null;
      if (!this.rooms.has(room.roomId)) return;
      if (volumeTick(this, room)) room.volumeTimer = this.clock.setTimeout(tick, VOLUME_INTERVAL_MS);
    };
    room.volumeTimer = this.clock.setTimeout(tick, VOLUME_INTERVAL_MS);
  }
}
