import { Subject } from 'rxjs';
import type { Answer, CommandArgs, CommandType } from '../../model/commands.js';
import { ErrorCode, RoomError, toRoomError } from '../../model/errors.js';
import type { EventBatch } from '../../model/events.js';
import type { UserInfo } from '../../model/user.js';
import type { BackendEvent, ConnectionState, RoomBackend } from '../room-backend.js';
import { LazyLocalMedia } from './lazy-media.js';
import type { LocalMediaOptions } from './local-media.js';
import { CloseCode, type RtcRequest, type ServerFrame, parseServerFrame } from './protocol.js';

export interface LocalCredentials {
  readonly sdkAppId: number;
  readonly userId: string;
  readonly userSig: string;
}

/** The subset of the WebSocket API the adapter uses: the browser's, or the `ws` package's in Node. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'close' | 'message' | 'error',
    listener: (event: { data?: unknown; code?: number; reason?: string }) => void,
  ): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface LocalBackendOptions {
  /** The server's base URL (http(s):// or ws(s)://). */
  readonly url: string;
  /** Called on every (re)connect, so a fresh signature is used before the old one expires and after an auth error. */
  readonly credentials: () => Promise<LocalCredentials>;
  /** Defaults to the global WebSocket; Node tests pass the `ws` package. */
  readonly socket?: SocketFactory;
  /** How long a command may wait for its answer, reconnects included. */
  readonly requestTimeoutMs?: number;
  readonly reconnect?: { readonly minMs?: number; readonly maxMs?: number; readonly attempts?: number };
  /** Room audio over WebRTC through the server's SFU (on by default; `false` for a signalling-only client). */
  readonly media?: LocalMediaOptions | false;
}

interface Pending {
  readonly frame: string;
  readonly resolve: (answer: Answer<CommandType>) => void;
  readonly reject: (error: RoomError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  sent: boolean;
}

const OPEN = 1;
let nextClientId = 1;

/**
 * Client of the local room server: one WebSocket, automatic reconnect with backoff, and commands that survive a
 * reconnect. Every command carries a requestId; one that was sent but not answered when the socket dropped is
 * sent again with the same ID after reconnecting, and the server answers a repeat from its cache, so nothing
 * runs twice. After a reconnect the adapter rejoins the room it was in before reporting 'connected' (the store
 * then resyncs with a snapshot).
 */
export class LocalBackend implements RoomBackend {
  readonly kind = 'local';
  readonly #subject = new Subject<BackendEvent>();
  readonly events$ = this.#subject.asObservable();
  readonly #options: LocalBackendOptions;
  readonly #pending = new Map<string, Pending>();
  readonly #clientId = `c${nextClientId++}${Math.random().toString(36).slice(2, 8)}`;
  #socket: SocketLike | null = null;
  #user: UserInfo | null = null;
  #state: ConnectionState = 'idle';
  #ready: Promise<void> | null = null;
  #roomId: string | null = null;
  /** Why the last reconnect could not rejoin the room: the store's resync is answered with it (see send()). */
  #refused: RoomError | null = null;
  #seq = 0;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;
  #paused = false;
  /** Another connection of this user replaced this one; commands fail at once until `reconnect()`. */
  #replaced = false;
  /** The audio; its WebRTC half (local-media.ts) is imported when this backend connects (lazy-media.ts). */
  readonly media: LazyLocalMedia | undefined;

  constructor(options: LocalBackendOptions) {
    this.#options = options;
    this.media =
      options.media === false ? undefined : new LazyLocalMedia((request) => this.rtc(request), options.media ?? {});
  }

  /**
   * One WebRTC signalling exchange with the server. Not queued across reconnects like commands: a peer connection
   * dies with its socket, so the media layer starts over instead (see LocalMedia.onReconnected).
   */
  rtc(request: RtcRequest): Promise<unknown> {
    if (this.#closed || this.#state !== 'connected' || !this.#socket || this.#socket.readyState !== OPEN) {
      return Promise.reject(new RoomError(ErrorCode.CONNECTION_LOST));
    }
    return this.#request({ t: 'rtc', ...request }, false).then((answer) => answer.result);
  }

  connect(user: UserInfo): Promise<void> {
    if (this.#closed) return Promise.reject(new RoomError(ErrorCode.CONNECTION_LOST));
    if (this.#user && this.#user.userId !== user.userId)
      return Promise.reject(new RoomError(ErrorCode.REPEATED_OPERATION, 'This backend is signed in as another user'));
    this.#user = user;
    // The WebRTC half comes in parallel with the socket's open, hello and join: there when the offer is due.
    void this.media?.load().catch(() => undefined);
    this.#ready ??= this.#open(false).catch((error: unknown) => {
      this.#ready = null;
      throw toRoomError(error);
    });
    return this.#ready;
  }

  send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Answer<T>> {
    if (this.#closed) return Promise.reject(new RoomError(ErrorCode.CONNECTION_LOST));
    if (this.#replaced) return Promise.reject(new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE));
    // The server would say "not in a room"; why (the room ended, a ban) is what the store must show.
    if (type === 'room.snapshot' && this.#refused) return Promise.reject(this.#refused);
    return this.#request({ t: 'cmd', type, args }, true).then((answer) => {
      if (type === 'room.start' || type === 'room.join') {
        this.#roomId = (args as { roomId: string }).roomId;
        this.#refused = null;
      }
      if (type === 'room.leave' || type === 'room.end') this.#roomId = null;
      return answer as Answer<T>;
    });
  }

  /**
   * Goes offline on purpose (for example while a page is frozen) without leaving: the server treats it like a
   * drop, so a seated user keeps the seat for the lease. Commands wait until `reconnect()`.
   */
  disconnect(): void {
    this.#paused = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    for (const entry of this.#pending.values()) if (entry.frame) entry.sent = false;
    socket?.close(CloseCode.normal, 'client offline');
    this.#setState('reconnecting');
  }

  /** Comes back after `disconnect()` or a replaced connection: reconnects at once, rejoins the room and resyncs. */
  reconnect(): Promise<void> {
    this.#paused = false;
    this.#replaced = false;
    this.#attempt = 0;
    return this.#open(true).catch((error: unknown) => {
      // A socket that got as far as the welcome reports its own drop; anything earlier retries as after a drop.
      if (!this.#socket && !this.#closed) this.#scheduleReconnect();
      throw toRoomError(error);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new RoomError(ErrorCode.CONNECTION_LOST));
      this.#pending.delete(id);
    }
    this.media?.dispose();
    this.#socket?.close(CloseCode.normal, 'client closed');
    this.#socket = null;
    this.#setState('disconnected');
    this.#subject.complete();
  }

  // ---- internals ----

  /**
   * Sends `frame` with a fresh request ID and answers what the server answers (or TIMEOUT).
   * A `queued` frame (a command) waits until the session is ready and is sent again after a reconnect; any other
   * (hello, rejoin, rtc) goes straight out on the current socket and fails with it.
   */
  #request(frame: object, queued: boolean): Promise<Answer<CommandType>> {
    const id = `${this.#clientId}-${++this.#seq}`;
    const text = JSON.stringify({ ...frame, id });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new RoomError(ErrorCode.TIMEOUT));
      }, this.#options.requestTimeoutMs ?? 10_000);
      const entry: Pending = { frame: queued ? text : '', resolve, reject, timer, sent: !queued };
      this.#pending.set(id, entry);
      if (queued) this.#flushOne(entry);
      else this.#socket!.send(text);
    });
  }

  #flushOne(entry: Pending): void {
    // Only once the session is ready (hello answered, room rejoined); until then commands wait in `pending`.
    if (this.#state !== 'connected' || !this.#socket || this.#socket.readyState !== OPEN || entry.sent) return;
    entry.sent = true;
    this.#socket.send(entry.frame);
  }

  #flushAll(): void {
    for (const entry of this.#pending.values()) this.#flushOne(entry);
  }

  #wsUrl(creds: LocalCredentials): string {
    const base = this.#options.url.replace(/^http/, 'ws').replace(/\/$/, '');
    const q = new URLSearchParams({ sdkAppId: String(creds.sdkAppId), userId: creds.userId, userSig: creds.userSig });
    return `${base}/ws?${q}`;
  }

  #factory(): SocketFactory {
    if (this.#options.socket) return this.#options.socket;
    const Ctor = (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
    if (!Ctor) throw new RoomError(ErrorCode.CONNECTION_LOST, 'No WebSocket in this environment: pass options.socket');
    return (url) => new Ctor(url);
  }

  /** Opens a socket, says hello, rejoins the room if there was one; resolves when commands may flow. */
  async #open(reconnecting: boolean): Promise<void> {
    this.#setState(reconnecting ? 'reconnecting' : 'connecting');
    const creds = await this.#options.credentials();
    if (creds.userId !== this.#user!.userId)
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'credentials are for another user');
    const socket = this.#factory()(this.#wsUrl(creds));
    this.#socket = socket;
    await new Promise<void>((resolve, reject) => {
      let welcomed = false;
      socket.addEventListener('message', (event) => {
        const frame = parseServerFrame(String(event.data));
        if (!frame) return;
        if (frame.t === 'welcome' && !welcomed) {
          welcomed = true;
          resolve();
          return;
        }
        this.#onFrame(frame);
      });
      socket.addEventListener('close', (event) => {
        // Before the welcome the caller of open() handles the failure; after it, a drop means reconnecting.
        if (!welcomed) {
          if (this.#socket === socket) this.#socket = null;
          reject(closeError(event.code, event.reason));
        } else if (this.#socket === socket) {
          this.#onClosed(event.code ?? 1006, event.reason ?? '');
        }
      });
      socket.addEventListener('error', () => undefined);
    });
    // Hello and rejoin go straight out, ahead of any queued command.
    await this.#request({ t: 'hello', userName: this.#user!.userName, avatarUrl: this.#user!.avatarUrl }, false);
    this.#refused = null;
    if (this.#roomId) {
      try {
        await this.#request({ t: 'cmd', type: 'room.join', args: { roomId: this.#roomId } }, false);
      } catch (error) {
        // The room ended or we were removed while away; the store's resync hears it and says so. A socket that died
        // meanwhile refused nothing: the next one tries again.
        const refusal = toRoomError(error);
        if (refusal.code !== ErrorCode.CONNECTION_LOST) this.#refused = refusal;
      }
    }
    this.#attempt = 0;
    this.#setState('connected');
    this.#flushAll();
    if (reconnecting) this.media?.onReconnected();
  }

  #onFrame(frame: ServerFrame): void {
    if (frame.t === 'batch') {
      this.#forget(frame.batch);
      this.#subject.next({ type: 'batch', batch: frame.batch });
      return;
    }
    if (frame.t === 'batches') {
      if (!Array.isArray(frame.batches) || frame.batches.length === 0) return;
      for (const batch of frame.batches) this.#forget(batch);
      this.#subject.next({ type: 'batches', batches: frame.batches });
      return;
    }
    if (frame.t === 'levels') {
      if (frame.roomId === this.#roomId) this.media?.onLevels(frame);
      return;
    }
    if (frame.t !== 'answer' || frame.id === null) return;
    const entry = this.#pending.get(frame.id);
    if (!entry) return;
    this.#pending.delete(frame.id);
    clearTimeout(entry.timer);
    if (frame.ok)
      entry.resolve(
        frame.version === undefined
          ? { result: frame.result as never }
          : { result: frame.result as never, version: frame.version },
      );
    else entry.reject(new RoomError(frame.error.code as ErrorCode, frame.error.message));
  }

  /**
   * A room that ended, or that removed me, is not rejoined after a reconnect: the rejoin would fail at best, and
   * the levels of a room I am no longer in must not reach the next room's audio.
   */
  #forget(batch: EventBatch): void {
    if (batch.roomId !== this.#roomId) return;
    const me = this.#user?.userId;
    if (batch.events.some((e) => e.type === 'room.ended' || (e.type === 'member.left' && e.userId === me)))
      this.#roomId = null;
  }

  #onClosed(code: number, reason: string): void {
    this.#socket = null;
    if (this.#closed) return;
    // Unanswered commands will be sent again (same requestId) once reconnected.
    for (const entry of this.#pending.values()) if (entry.frame) entry.sent = false;
    for (const [id, entry] of this.#pending) {
      if (!entry.frame) {
        clearTimeout(entry.timer);
        entry.reject(new RoomError(ErrorCode.CONNECTION_LOST));
        this.#pending.delete(id);
      }
    }
    if (code === CloseCode.replaced) {
      this.#stopReplaced();
      return;
    }
    const error = code === CloseCode.authFailed ? closeError(code, reason) : undefined;
    this.#setState('reconnecting', error);
    this.#scheduleReconnect();
  }

  /**
   * The same user connected again (another tab or window) and the server closed this connection for it. Trying
   * again would close the other one in turn, and the two tabs would take the room from each other forever (and
   * the speaker would be heard in neither). So this one stops: no reconnect, commands fail, audio is put down,
   * and `disconnected` carries SIGNED_IN_ELSEWHERE until the person takes the room back with `reconnect()`.
   */
  #stopReplaced(): void {
    this.#paused = true;
    this.#replaced = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    for (const [id, entry] of this.#pending) {
      clearTimeout(entry.timer);
      entry.reject(new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE));
      this.#pending.delete(id);
    }
    this.media?.suspend();
    this.#setState(
      'disconnected',
      new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE, 'The room is open in another tab or window'),
    );
  }

  #scheduleReconnect(): void {
    if (this.#retryTimer || this.#closed || this.#paused) return;
    const { minMs = 250, maxMs = 10_000, attempts = Infinity } = this.#options.reconnect ?? {};
    if (this.#attempt >= attempts) {
      this.#setState('disconnected');
      return;
    }
    const delay = Math.min(maxMs, minMs * 2 ** this.#attempt) * (0.75 + Math.random() * 0.5);
    this.#attempt += 1;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#closed) return;
      this.#open(true).catch((error: unknown) => {
        if (this.#closed) return;
        // A socket that got as far as the welcome reports its own drop; anything earlier is retried here.
        this.#setState('reconnecting', toRoomError(error));
        if (!this.#socket) this.#scheduleReconnect();
      });
    }, delay);
  }

  #setState(state: ConnectionState, error?: RoomError): void {
    if (this.#state === state && !error) return;
    this.#state = state;
    if (!this.#subject.closed)
      this.#subject.next(error ? { type: 'connection', state, error } : { type: 'connection', state });
  }
}

function closeError(code: number | undefined, reason: string | undefined): RoomError {
  if (code === CloseCode.authFailed && reason) {
    try {
      const parsed = JSON.parse(reason) as { code?: number; message?: string };
      return new RoomError(
        ErrorCode.NOT_LOGGED_IN,
        `${parsed.message ?? 'authentication failed'} (${parsed.code ?? code})`,
      );
    } catch {
      // fall through
    }
  }
  return new RoomError(ErrorCode.CONNECTION_LOST, reason || `connection closed (${code ?? 'unknown'})`);
}

export function createLocalBackend(options: LocalBackendOptions): LocalBackend {
  return new LocalBackend(options);
}
