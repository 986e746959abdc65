import { createHash } from 'node:crypto';
import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RoomEngine } from '../../src/engine/room-engine.js';
import type { RoomEvent, RoomState } from '../../src/core.js';
import type { RestRepository } from '../db/rest-repository.js';
import {
  maxMemberCount,
  maxSeatCount,
  restSeatList,
  seatsEnabled,
  seconds,
  takeSeatMode,
} from '../http/rest-shapes.js';
import type { Logger } from '../logger.js';
import { mapDiff, mapGet, mapValues } from '../../src/core.js';

/**
 * Live third-party callbacks (seed "第三方回调", L18208-21106): the server POSTs JSON to
 * `URL?SdkAppid=&CallbackCommand=&contenttype=json&ClientIP=&OptPlatform=` (plus `&Sign=&RequestTime=` when a
 * token is set, Sign = sha256hex(token + RequestTime)). Delivery never blocks a room or a REST answer: callbacks
 * go into a bounded queue, a few are in flight at once, each attempt has a short deadline, and failures are
 * retried a bounded number of times with exponential backoff, then dropped (and logged).
 */

export const CALLBACK_COMMANDS = [
  'Live.CallbackAfterCreateRoom',
  'Live.CallbackAfterDestroyRoom',
  'Live.CallbackAfterUpdateRoomInfo',
  'Live.CallbackAfterSetMetadata',
  'Live.CallbackAfterDelMetadata',
  'Live.CallbackAfterCreateRoomReachingThreshold',
  'Live.CallbackAfterMemberStateChanged',
  'Mic.CallbackAfterSeatInfoChanged',
  'Live.CallbackAfterCreateBattle',
  'Live.CallbackAfterStartBattle',
  'Live.CallbackAfterEndBattle',
] as const;
export type CallbackCommand = (typeof CALLBACK_COMMANDS)[number];

export function isCallbackCommand(value: unknown): value is CallbackCommand {
  return typeof value === 'string' && (CALLBACK_COMMANDS as readonly string[]).includes(value);
}

export interface CallbackConfig {
  readonly url: string;
  readonly commands: readonly CallbackCommand[];
}

export interface WebhookOptions {
  /** Deadline of one attempt (connect + answer). The seed's own REST deadline is 3 s; ours is shorter. */
  readonly timeoutMs: number;
  /** Attempts per callback, the first included. */
  readonly maxAttempts: number;
  /** Delay before the first retry; doubled for each further one. */
  readonly backoffMs: number;
  /** Callbacks waiting to be sent; when full, the oldest is dropped. */
  readonly maxQueue: number;
  /** Attempts in flight at once. */
  readonly concurrency: number;
  /** On shutdown, how long what is queued (the shutdown's own Offline callbacks first of all) may still take. */
  readonly drainMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  timeoutMs: 2_000,
  maxAttempts: 3,
  backoffMs: 1_000,
  maxQueue: 1_000,
  concurrency: 4,
  drainMs: 2_000,
};

/** OptPlatform values (seed L18250). */
export type OptPlatform = 'RESTAPI' | 'Web' | 'Android' | 'iOS' | 'Windows' | 'Mac' | 'iPad' | 'Unknown';

/** Who caused a change, as callbacks report it. */
export interface CallbackOrigin {
  readonly operator: string;
  readonly platform: OptPlatform;
  readonly clientIp: string;
}

export function callbackSign(token: string, requestTime: number): string {
  return createHash('sha256').update(`${token}${requestTime}`).digest('hex');
}

interface Job {
  readonly command: CallbackCommand;
  /** The room it is about: one room's callbacks are delivered one at a time, in the order they happened. */
  readonly roomId: string;
  readonly query: string;
  readonly body: string;
  attempt: number;
}

export interface WebhookStats {
  queued: number;
  delivered: number;
  retried: number;
  failed: number;
  dropped: number;
}

export class Webhooks {
  readonly options: WebhookOptions;
  readonly stats: WebhookStats = { queued: 0, delivered: 0, retried: 0, failed: 0, dropped: 0 };
  private config: CallbackConfig | null = null;
  private token: string | null = null;
  private queue: Job[] = [];
  private active = 0;
  /** Rooms with a callback in flight or waiting for its retry: their later callbacks wait for it. */
  private readonly busy = new Set<string>();
  private readonly requests = new Set<ClientRequest>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Set while drain() waits: called once nothing is queued, in flight or waiting for a retry. */
  private onIdle: (() => void) | null = null;

  constructor(
    private readonly sdkAppId: number,
    private readonly log: Logger,
    options: Partial<WebhookOptions> = {},
  ) {
    this.options = { ...DEFAULT_WEBHOOK_OPTIONS, ...options };
  }

  setConfig(config: CallbackConfig | null): void {
    this.config = config;
  }

  setToken(token: string | null): void {
    this.token = token || null;
  }

  /** True when `command` would be sent now (configured and listed): lets callers skip building payloads. */
  wants(command: CallbackCommand): boolean {
    return !this.closed && this.config !== null && this.config.commands.includes(command);
  }

  get enabled(): boolean {
    return !this.closed && this.config !== null && this.config.commands.length > 0;
  }

  /** Queues one callback; returns at once. `payload` is the body without CallbackCommand (added first here). */
  emit(
    command: CallbackCommand,
    payload: Record<string, unknown>,
    origin: Pick<CallbackOrigin, 'platform' | 'clientIp'> | null,
  ): void {
    if (!this.wants(command)) return;
    const params = new URLSearchParams({
      SdkAppid: String(this.sdkAppId),
      CallbackCommand: command,
      contenttype: 'json',
    });
    // The seed's MemberStateChanged URL carries no ClientIP/OptPlatform (L20210); every other callback does.
    if (command !== 'Live.CallbackAfterMemberStateChanged') {
      params.set('ClientIP', origin?.clientIp ?? '');
      params.set('OptPlatform', origin?.platform ?? 'Unknown');
    }
    const info = payload['RoomInfo'] as { RoomId?: unknown } | undefined;
    const job: Job = {
      command,
      roomId: String(payload['RoomId'] ?? info?.RoomId ?? ''),
      query: params.toString(),
      body: JSON.stringify({ CallbackCommand: command, ...payload }),
      attempt: 0,
    };
    if (this.queue.length >= this.options.maxQueue) {
      const dropped = this.queue.shift()!;
      this.stats.dropped += 1;
      this.log.warn('callback queue full, dropping the oldest', { command: dropped.command });
    }
    this.queue.push(job);
    this.stats.queued += 1;
    this.pump();
  }

  /**
   * Lets what is queued go out for at most `drainMs`, then closes: the graceful end of a server, whose last
   * callbacks (everyone going offline) would otherwise never leave.
   */
  async drain(): Promise<void> {
    if (!this.closed && !this.idle)
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          this.onIdle = null;
          resolve();
        }, this.options.drainMs);
        this.onIdle = () => {
          clearTimeout(deadline);
          resolve();
        };
      });
    this.close();
  }

  private get idle(): boolean {
    return this.active === 0 && this.queue.length === 0 && this.timers.size === 0;
  }

  /** Stops sending: pending callbacks are discarded and in-flight attempts aborted. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.busy.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const req of this.requests) req.destroy();
    this.requests.clear();
  }

  /**
   * Sends what may go now: the oldest callback of each room that has none in flight or waiting for a retry. A
   * room's callbacks thus reach the receiver in the order they happened (its retried CreateRoom or member change
   * never after its DestroyRoom), while other rooms' callbacks go alongside (up to `concurrency` in flight).
   */
  private pump(): void {
    while (!this.closed && this.active < this.options.concurrency) {
      const index = this.queue.findIndex((queued) => !this.busy.has(queued.roomId));
      if (index < 0) break;
      const job = this.queue.splice(index, 1)[0]!;
      // Each attempt, a retry included, follows the configuration as it is now: once delete_callback (or an
      // update_callback that drops the command) has answered, the receiver hears nothing more of it, and after
      // an update_callback to a new Url the callbacks still pending go there.
      if (!this.wants(job.command)) {
        this.stats.dropped += 1;
        continue;
      }
      this.active += 1;
      this.busy.add(job.roomId);
      void this.attempt(job).then((delivered) => {
        this.active -= 1;
        this.settle(job, delivered);
        this.pump();
      });
    }
    if (this.onIdle && this.idle) {
      const idle = this.onIdle;
      this.onIdle = null;
      idle();
    }
  }

  private settle(job: Job, delivered: boolean): void {
    if (delivered) {
      this.stats.delivered += 1;
      this.busy.delete(job.roomId);
      return;
    }
    if (this.closed) return;
    if (job.attempt >= this.options.maxAttempts) {
      this.stats.failed += 1;
      this.busy.delete(job.roomId);
      this.log.warn('callback not delivered, giving up', { command: job.command, attempts: job.attempt });
      return;
    }
    this.stats.retried += 1;
    const delay = this.options.backoffMs * 2 ** (job.attempt - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      // First in line again: it is older than anything its room has queued since.
      this.busy.delete(job.roomId);
      this.queue.unshift(job);
      this.pump();
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private attempt(job: Job): Promise<boolean> {
    job.attempt += 1;
    let query = job.query;
    if (this.token) {
      // RequestTime is the send time of this attempt (seconds), so a retry still passes the receiver's 1-minute check.
      const requestTime = Math.floor(Date.now() / 1000);
      query += `&Sign=${callbackSign(this.token, requestTime)}&RequestTime=${requestTime}`;
    }
    const url = this.config!.url;
    return new Promise<boolean>((resolve) => {
      let done = false;
      const finish = (ok: boolean, why?: string) => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        this.requests.delete(req);
        if (!ok) this.log.debug('callback attempt failed', { command: job.command, attempt: job.attempt, why });
        resolve(ok);
      };
      let req: ClientRequest;
      try {
        const target = callbackTarget(url, query);
        const send = target.startsWith('https:') ? httpsRequest : httpRequest;
        req = send(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(job.body) },
          agent: false,
        });
      } catch (error) {
        resolve(false);
        this.log.debug('callback URL refused', {
          command: job.command,
          error: error instanceof Error ? error.message : String(error),
        });
        return;
      }
      const deadline = setTimeout(() => {
        finish(false, 'timeout');
        req.destroy();
      }, this.options.timeoutMs);
      deadline.unref();
      this.requests.add(req);
      req.on('error', (error) => finish(false, error.message));
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => finish(res.statusCode === 200, `HTTP ${res.statusCode}`));
        res.on('error', (error) => finish(false, error.message));
      });
      req.end(job.body);
    });
  }
}

/**
 * The URL one attempt POSTs to: the configured Url with our parameters after its own. A fragment is never sent
 * over HTTP, so parameters appended after one (`…/cb#x?SdkAppid=…&Sign=…`) would never reach the receiver: the
 * fragment goes, and the parameters join the Url's query.
 */
export function callbackTarget(configured: string, query: string): string {
  const url = new URL(configured);
  url.hash = '';
  // An empty query (`…/cb?`) leaves no stray `?` behind ours.
  if (!url.search) url.search = '';
  return `${url.href}${url.search ? '&' : '?'}${query}`;
}

/**
 * Turns committed room changes (engine.onRoomChange: previous/next state + events) into the Live callbacks.
 * The REST layer wraps its engine calls in `as(origin, …)` so callbacks name the App admin as the operator and
 * RESTAPI as the platform; anything else is a client (Web) or the server itself (timers, idle dismissal).
 */
export class RoomCallbacks {
  private origin: (CallbackOrigin & { quietInfo?: boolean }) | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: RoomEngine,
    private readonly webhooks: Webhooks,
    private readonly repo: RestRepository,
    private readonly clock: { now(): number },
  ) {
    this.unsubscribe = engine.onRoomChange((roomId, previous, next, events) => {
      try {
        this.changed(roomId, previous, next, events);
      } catch {
        // A callback must never break a room change.
      }
    });
  }

  /**
   * Runs `fn` (synchronous engine calls) as `origin`. With `quietInfo`, info changes made inside are not reported
   * here because the caller sends its own Live.CallbackAfterUpdateRoomInfo (it also changes REST-only fields).
   */
  as<T>(origin: CallbackOrigin & { quietInfo?: boolean }, fn: () => T): T {
    const outer = this.origin;
    this.origin = origin;
    try {
      return fn();
    } finally {
      this.origin = outer;
    }
  }

  get current(): CallbackOrigin | null {
    return this.origin;
  }

  close(): void {
    this.unsubscribe();
  }

  /**
   * The server is stopping: everyone online in a live room goes offline now (Offline/HeartbeatInterrupt), as for
   * a dropped connection, though the rooms do not change (seated members come back leased after the restart, and
   * their return is a HeartbeatRecover; anyone else comes back with an Enter). Without it a receiver that mirrors
   * who is online would keep everyone of the last run online for good.
   */
  shutdown(): void {
    if (!this.webhooks.wants('Live.CallbackAfterMemberStateChanged')) return;
    const now = this.clock.now();
    for (const room of this.engine.allRooms()) {
      if (room.status !== 'live') continue;
      const online = [...mapValues(room.members)].filter((m) => m.online).map((m) => m.user.userId);
      if (online.length) this.memberState(room.info.roomId, 'Offline', 'HeartbeatInterrupt', online, now);
    }
  }

  /** Live.CallbackAfterCreateRoom's / AfterDestroyRoom's RoomInfo (seed L19084, L19361). */
  roomInfo(room: RoomState, destroyed = false): Record<string, unknown> {
    const extras = this.repo.extrasOf(room.info.roomId, room.info.createdAt);
    const base: Record<string, unknown> = {
      ...(destroyed ? {} : { RoomId: room.info.roomId }),
      RoomName: room.info.name,
      RoomType: 'Live',
      Owner_Account: room.info.owner.userId,
      MaxMemberCount: maxMemberCount(room, extras),
      IsMessageDisabled: room.info.isMessageDisabled,
      CustomInfo: extras.customInfo,
      IsSeatEnabled: seatsEnabled(room),
      TakeSeatMode: takeSeatMode(room),
      MaxSeatCount: maxSeatCount(room, extras),
      CreateTime: seconds(room.info.createdAt),
      IsPublicVisible: room.info.isPublicVisible,
      CoverURL: room.info.coverUrl,
      Category: [...extras.category],
    };
    if (destroyed) {
      Object.assign(base, {
        ActivityStatus: extras.activityStatus,
        ViewCount: room.viewCount,
        BackgroundURL: '',
        IsUnlimitedRoomEnabled: extras.isUnlimitedRoomEnabled,
      });
    }
    return base;
  }

  /** Live.CallbackAfterUpdateRoomInfo's RoomInfo (seed L19693). */
  updatedInfo(room: RoomState): Record<string, unknown> {
    const extras = this.repo.extrasOf(room.info.roomId, room.info.createdAt);
    return {
      RoomId: room.info.roomId,
      RoomName: room.info.name,
      MaxMemberCount: maxMemberCount(room, extras),
      IsMessageDisabled: room.info.isMessageDisabled,
      CoverURL: room.info.coverUrl,
      Category: [...extras.category],
      ActivityStatus: extras.activityStatus,
      IsPublicVisible: room.info.isPublicVisible,
      TakeSeatMode: takeSeatMode(room),
      CustomInfo: extras.customInfo,
    };
  }

  seatInfoChanged(room: RoomState): void {
    if (!this.webhooks.wants('Mic.CallbackAfterSeatInfoChanged')) return;
    const extras = this.repo.extrasOf(room.info.roomId, room.info.createdAt);
    this.webhooks.emit(
      'Mic.CallbackAfterSeatInfoChanged',
      { RoomId: room.info.roomId, SeatList: restSeatList(room, extras), EventTime: this.clock.now() },
      this.origin ?? web,
    );
  }

  private changed(
    roomId: string,
    previous: RoomState | undefined,
    next: RoomState,
    events: readonly RoomEvent[],
  ): void {
    if (!this.webhooks.enabled) return;
    const origin = this.origin;
    const now = this.clock.now();
    const created =
      next.status === 'live' &&
      (!previous || previous.status !== 'live' || previous.info.createdAt !== next.info.createdAt);
    if (created) {
      this.webhooks.emit(
        'Live.CallbackAfterCreateRoom',
        { Operator_Account: origin?.operator ?? next.info.owner.userId, RoomInfo: this.roomInfo(next), EventTime: now },
        origin ?? web,
      );
      const online = [...mapValues(next.members)].filter((m) => m.online).map((m) => m.user.userId);
      if (online.length) this.memberState(roomId, 'Online', 'Enter', online, now);
      if (next.seats.some((s) => s.user)) this.seatInfoChanged(next);
      return;
    }
    if (!previous) return;
    if (previous.status === 'live' && next.status === 'ended') {
      const ended = events.find((e): e is Extract<RoomEvent, { type: 'room.ended' }> => e.type === 'room.ended');
      const by = ended?.by ?? next.info.owner.userId;
      // A user ends a room while in it; the idle dismissal ends a room nobody is in (with the owner as actor).
      const byUser = origin !== null || mapGet(previous.members, by)?.online === true;
      this.webhooks.emit(
        'Live.CallbackAfterDestroyRoom',
        {
          Operator_Account: origin?.operator ?? by,
          RoomId: roomId,
          EventType: byUser ? 'DestroyByUser' : 'DestroyBySystem',
          EventTime: now,
          RoomInfo: this.roomInfo(next, true),
        },
        origin ?? (byUser ? web : system),
      );
      return;
    }
    if (next.status !== 'live') return;
    if (!origin?.quietInfo && events.some((e) => e.type === 'info.updated')) {
      this.webhooks.emit(
        'Live.CallbackAfterUpdateRoomInfo',
        {
          Operator_Account: origin?.operator ?? next.info.owner.userId,
          RoomInfo: this.updatedInfo(next),
          EventTime: now,
        },
        origin ?? web,
      );
    }
    if (previous.members !== next.members && this.webhooks.wants('Live.CallbackAfterMemberStateChanged'))
      this.memberChanges(roomId, previous, next, events, now);
    if (previous.seats !== next.seats && JSON.stringify(seatView(previous)) !== JSON.stringify(seatView(next)))
      this.seatInfoChanged(next);
  }

  private memberChanges(
    roomId: string,
    previous: RoomState,
    next: RoomState,
    events: readonly RoomEvent[],
    now: number,
  ): void {
    const groups = new Map<string, string[]>();
    const add = (type: 'Online' | 'Offline', cause: string, userId: string) => {
      const key = `${type}/${cause}`;
      const list = groups.get(key) ?? [];
      list.push(userId);
      groups.set(key, list);
    };
    const leftReason = new Map<string, string>();
    for (const e of events) if (e.type === 'member.left') leftReason.set(e.userId, e.reason);
    // Only what changed (the two member maps share everything else), in a room of 10,000 as in one of 10.
    for (const { key: userId, before, after: member } of mapDiff(previous.members, next.members)) {
      if (member) {
        if (member.online && !before) add('Online', 'Enter', userId);
        else if (member.online && before && !before.online) add('Online', 'HeartbeatRecover', userId);
        else if (!member.online && before?.online) add('Offline', 'HeartbeatInterrupt', userId);
      } else if (before?.online) {
        add('Offline', leftReason.get(userId) === 'disconnected' ? 'HeartbeatInterrupt' : 'Leave', userId);
      }
    }
    for (const [key, users] of groups) {
      const [type, cause] = key.split('/') as [string, string];
      this.memberState(roomId, type, cause, users, now);
    }
  }

  private memberState(roomId: string, type: string, cause: string, users: readonly string[], now: number): void {
    this.webhooks.emit(
      'Live.CallbackAfterMemberStateChanged',
      {
        RoomId: roomId,
        EventType: type,
        EventCause: cause,
        MemberList: users.map((id) => ({ Member_Account: id })),
        EventTime: now,
      },
      null,
    );
  }
}

const web = { platform: 'Web', clientIp: '' } as const;
const system = { platform: 'Unknown', clientIp: '' } as const;

/** What the seat callback reports; a change elsewhere (e.g. a self-mute) is not a seat-info change. */
function seatView(room: RoomState): unknown[] {
  return room.seats.map((s) => [s.user?.userId ?? null, s.locked, s.audioLocked]);
}
