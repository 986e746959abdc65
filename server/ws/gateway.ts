import type { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import {
  type ClientFrame,
  CloseCode,
  FrameError,
  MAX_FRAME_BYTES,
  MAX_REQUEST_ID_LENGTH,
  PROTOCOL_VERSION,
  type ServerFrame,
} from '../../src/backends/local/protocol.js';
import { parseClientFrame } from '../../src/backends/local/protocol-check.js';
import type { EngineSession, RoomEngine } from '../../src/engine/room-engine.js';
import { type Clock, ErrorCode, type EventBatch, RoomError } from '../../src/core.js';
import { SigError, UserSigError, verifyUserSig } from '../auth/usersig.js';
import type { ServerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Sfu } from '../sfu/sfu.js';

/** How long a retried requestId is answered from cache, and how many answers a connection remembers. */
const IDEMPOTENCY_TTL_MS = 120_000;
const IDEMPOTENCY_SIZE = 256;
/**
 * …and how many bytes of answers per user: 256 cached snapshots of a big room would otherwise hold ~60 MB for one
 * user. The oldest go first; money-moving answers are small, so it is reads (safe to run again) that fall out.
 */
const IDEMPOTENCY_BYTES = 1024 * 1024;
/** setTimeout's longest delay; a signature valid for longer re-arms its expiry timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A replaced or expired connection that does not finish the close handshake is cut off after this long. */
const CLOSE_GRACE_MS = 1_000;
/** How long a connection cut off for not reading may still take its close frame before the socket is destroyed. */
const CUT_OFF_GRACE_MS = 1_000;
/** Over-budget episodes are counted over this window (config.inputBudget.strikes of them close the connection). */
const INPUT_STRIKE_WINDOW_MS = 10_000;

interface Client {
  readonly socket: WebSocket;
  readonly userId: string;
  /** The gateway's logger with this connection's `userId` and `conn` (a number per connection) on every line. */
  readonly log: Logger;
  readonly session: EngineSession;
  alive: boolean;
  badFrames: { count: number; since: number };
  rate: { count: number; since: number };
  /** requestId → serialized answer; commands run synchronously, so an ID is either unseen or answered. */
  answers: Map<string, { frame: string; at: number }>;
  /**
   * This connection's own hello answers: signing in is a property of the connection, so a hello is never
   * answered from another connection's cache (that would say "ok" to a connection that never signed in).
   */
  readonly helloAnswers: Map<string, { frame: string; at: number }>;
  /** Request IDs this connection has had answered from a cache (a retry's first answer is free, see onMessage). */
  replayed: Set<string>;
  /** When the UserSig this connection was opened with expires (ms): the connection ends then. */
  readonly expiresAt: number;
  /** A handle of the clock's (see Gateway.clock). */
  expiryTimer: unknown;
  /** Input token bucket (bytes); negative while the connection is paused for having overspent. */
  input: { tokens: number; at: number; strikes: number[]; resume: unknown };
  /** Set once the connection was cut off: nothing more is queued for it. */
  cut: boolean;
  /** Room event batches waiting for the next fan-out tick, in order (see `queueBatch`). */
  queue: EventBatch[];
}

/**
 * Events that are not held for the tick: what people act on (seats, requests, the room ending or changing, roles,
 * mutes) reaches everyone at once, so a seat change costs no more latency than a plain broadcast. Barrage, likes,
 * gifts and arrivals wait up to one tick and share a frame.
 */
const URGENT_EVENTS: ReadonlySet<string> = new Set([
  'seats.updated',
  'seat.kicked',
  'request.updated',
  'room.ended',
  'info.updated',
  'admins.updated',
  'member.muted',
]);

/** What the gateway did to protect itself, for tests, benchmarks and logs. */
export interface GatewayStats {
  readonly connections: number;
  /** Connections closed for leaving more than the output cap unread (4005). */
  readonly slowConsumers: number;
  /** Connections closed for overspending their input budget (4006). */
  readonly inputBudgetClosed: number;
  /** Times a connection was paused because it was over its input budget. */
  readonly inputPauses: number;
}

/**
 * The WebSocket side of the local server: authenticates connections with UserSig, turns frames into engine
 * commands, fans out event batches (coalesced per tick, one serialization for the connections that share them),
 * keeps connections alive with pings and drops the dead and the hopelessly slow.
 */
export class Gateway {
  private readonly wss: WebSocketServer;
  /**
   * Every connection, by its engine session (one each, opened with it): a room's connections are the engine's
   * sessions in it (`sessionsIn`).
   */
  private readonly clients = new Map<EngineSession, Client>();
  private readonly serialized = new WeakMap<EventBatch, string>();
  /** A number per batch object, to recognise connections whose queues hold the same batches (one frame for all). */
  private readonly batchIds = new WeakMap<EventBatch, number>();
  private nextBatchId = 0;
  private tickTimer: ReturnType<typeof setTimeout> | null = null;
  private urgentFlush: ReturnType<typeof setImmediate> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private closing = false;
  /** Per user, so answers survive a reconnect: a command retried on the new connection gets the same answer. */
  private readonly answerCaches = new Map<string, Map<string, { frame: string; at: number }>>();
  /** The audio SFU, when the server runs one (set by the app after both exist). */
  sfu: Sfu | null = null;
  private counters = { slowConsumers: 0, inputBudgetClosed: 0, inputPauses: 0 };
  /** Numbers connections in log lines, so a user's reconnects are told apart. */
  private accepted = 0;
  /**
   * The engine's clock, so the gateway and the rooms agree on the time and a test that moves it moves both: signature
   * expiry, rate windows, the input budget and cached answers run on it. Heartbeats, the fan-out tick and close
   * graces stay on real timers: they pace the socket for a peer that lives in real time.
   */
  private readonly clock: Clock;

  constructor(
    private readonly engine: RoomEngine,
    private readonly config: ServerConfig,
    private readonly log: Logger,
    private readonly heartbeatMs: number,
  ) {
    this.clock = engine.clock;
    // Frames up to 1 MiB are read and answered "frame too large" (MAX_FRAME_BYTES is the real limit); only beyond
    // that does the socket library cut the connection, so an honest mistake gets an answer, not a hang-up.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 64 * MAX_FRAME_BYTES, perMessageDeflate: false });
    this.heartbeat = setInterval(() => this.guard(null, 'heartbeat sweep failed', () => this.sweep()), heartbeatMs);
    this.heartbeat.unref();
  }

  get connections(): number {
    return this.clients.size;
  }

  stats(): GatewayStats {
    return { connections: this.clients.size, ...this.counters };
  }

  /** Called by the HTTP server for `GET /ws` upgrades. */
  handleUpgrade(request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const userId = url.searchParams.get('userId') ?? url.searchParams.get('identifier') ?? '';
    const userSig = url.searchParams.get('userSig') ?? url.searchParams.get('usersig') ?? '';
    const sdkAppId = Number(url.searchParams.get('sdkAppId') ?? url.searchParams.get('sdkappid'));
    // Reasons travel in the close frame (a browser cannot read an HTTP error on a WebSocket upgrade).
    const refuse = (code: number, message: string) =>
      ws.close(CloseCode.authFailed, JSON.stringify({ code, message }).slice(0, 120));
    if (this.clients.size >= this.config.maxConnections) return void ws.close(CloseCode.serverFull, 'server full');
    if (sdkAppId !== this.config.sdkAppId) return refuse(SigError.wrongApp.code, 'unknown SDKAppID');
    let expiresAt: number;
    try {
      ({ expiresAt } = verifyUserSig({
        sdkAppId,
        secretKey: this.config.secretKey,
        userId,
        userSig,
        now: this.clock.now(),
      }));
    } catch (error) {
      const e = error instanceof UserSigError ? error : new UserSigError('malformed');
      this.log.info('ws refused', { userId, reason: e.kind });
      return refuse(e.code, e.message);
    }
    // One live connection per user: a newer one replaces the older (the usual cause is a reconnect racing a
    // dead socket the server has not noticed yet). The older one is finished here and now, before the newer one
    // can say hello: nothing it sends from now on runs (onMessage refuses unregistered clients), and a peer that
    // ignores the close handshake is cut off shortly instead of after the socket library's 30 s.
    for (const other of [...this.clients.values()])
      if (other.userId === userId) this.retire(other, CloseCode.replaced, 'replaced by a newer connection');

    const now = this.clock.now();
    const answers = this.answerCaches.get(userId) ?? new Map();
    this.answerCaches.set(userId, answers);
    const client: Client = {
      socket: ws,
      userId,
      log: this.log.child({ userId, conn: ++this.accepted }),
      alive: true,
      answers,
      helloAnswers: new Map(),
      replayed: new Set(),
      expiresAt,
      expiryTimer: null,
      badFrames: { count: 0, since: now },
      rate: { count: 0, since: now },
      input: { tokens: this.config.inputBudget.burstBytes, at: now, strikes: [], resume: null },
      cut: false,
      queue: [],
      session: this.engine.openSession((batch) => this.queueBatch(client, batch)),
    };
    this.clients.set(client.session, client);
    this.armExpiry(client);
    ws.on('pong', () => (client.alive = true));
    ws.on('message', (data, isBinary) =>
      this.guard(client, 'ws message handler failed', () => {
        // Paid for before anything looks inside: a flood costs the server a byte count, not a JSON parse.
        if (!this.spend(client, byteLength(data))) return;
        this.guardMessage(client, isBinary ? null : data.toString());
      }),
    );
    ws.on('close', () => this.guard(client, 'ws close handler failed', () => this.onClose(client)));
    ws.on('error', (error) => client.log.debug('ws error', { error: error.message }));
    this.send(client, { t: 'welcome', protocol: PROTOCOL_VERSION, userId, heartbeatMs: this.heartbeatMs });
    client.log.debug('ws connected');
  }

  /**
   * A UserSig is verified once, at connect; the connection may not outlive it. At its expiry the connection is
   * closed with CloseCode.sigExpired and the client reconnects with fresh credentials (LocalBackend does).
   */
  private armExpiry(client: Client): void {
    const left = client.expiresAt - this.clock.now();
    if (left <= 0) return this.expire(client);
    client.expiryTimer = this.clock.setTimeout(
      () => this.guard(client, 'ws expiry failed', () => this.armExpiry(client)),
      Math.min(left, MAX_TIMER_MS),
    );
    unref(client.expiryTimer);
  }

  private expire(client: Client): void {
    if (!this.clients.has(client.session)) return;
    client.log.info('ws signature expired');
    this.retire(client, CloseCode.sigExpired, 'UserSig expired: reconnect with a fresh one');
  }

  /** Ends a connection's session at once and closes its socket (terminated if the peer does not answer). */
  private retire(client: Client, code: number, reason: string): void {
    this.onClose(client);
    const socket = client.socket;
    if (socket.readyState === WebSocket.CLOSED) return;
    socket.close(code, reason);
    setTimeout(() => {
      if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    }, CLOSE_GRACE_MS).unref();
  }

  /**
   * Socket and timer callbacks have no caller to throw to: an exception there reaches the event loop and ends the
   * process, taking every room with it. Whatever escapes is logged and contained.
   */
  private guard(client: Client | null, message: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      (client?.log ?? this.log).error(message, {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  }

  /** A frame whose handling threw is answered INTERNAL (with its request ID when one is readable). */
  private guardMessage(client: Client, raw: string | null): void {
    try {
      this.onMessage(client, raw);
    } catch (error) {
      client.log.error('ws message handler failed', {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      this.guard(client, 'ws INTERNAL answer failed', () =>
        this.answerError(client, requestIdOf(raw), new RoomError(ErrorCode.INTERNAL, 'internal error, please retry')),
      );
    }
  }

  private onMessage(client: Client, raw: string | null): void {
    // A replaced, expired or closed connection may still deliver frames it sent before it heard the close: none runs.
    if (!this.clients.has(client.session)) return;
    // Timers may fire late; a command is never run on a signature that has expired.
    if (this.clock.now() >= client.expiresAt) return this.expire(client);
    // Only a pong proves the client reads: a client that only sends (and never reads) must still time out.
    let frame;
    try {
      if (raw === null)
        throw new FrameError(null, new RoomError(ErrorCode.INVALID_PARAMETER, 'binary frames are not accepted'));
      frame = parseClientFrame(raw);
    } catch (error) {
      const fe =
        error instanceof FrameError
          ? error
          : new FrameError(null, this.publicError(error, 'frame parse failed', client));
      this.answerError(client, fe.requestId, fe.error);
      this.countBad(client);
      return;
    }
    if (frame.t === 'rtc') {
      // Signalling is asynchronous (werift gathers and negotiates) and never cached: a retry means a new offer.
      if (!this.withinCommandRate(client))
        return this.answerError(client, frame.id, new RoomError(ErrorCode.RATE_LIMITED));
      // A rejected promise nobody handles ends the process (Node's default): contain it like a throw.
      this.onRtc(client, frame).catch((error: unknown) =>
        client.log.error('rtc handler failed', { error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    // Hello answers are cached per connection, command answers per user (so a command retried on a new
    // connection after a drop gets its first answer), and only for a connection that has signed in: before its
    // hello a command is refused, and that refusal is not remembered as the command's answer.
    if (frame.t !== 'hello' && !client.session.user)
      return this.answerError(client, frame.id, new RoomError(ErrorCode.NOT_LOGGED_IN, 'send hello first'));
    const cache = frame.t === 'hello' ? client.helloAnswers : client.answers;
    const cached = cache.get(frame.id);
    if (cached && this.clock.now() - cached.at < IDEMPOTENCY_TTL_MS && holdsHere(client.session, frame)) {
      // A retry after a drop comes once per request on its new connection and is answered outside the rate (a
      // refusal would say a command failed that ran). The same ID again on one connection is someone asking for the
      // same, possibly large, answer over and over (60 bytes buying a snapshot each): that costs the rate.
      if (client.replayed.has(frame.id) && !this.withinCommandRate(client))
        return this.answerError(client, frame.id, new RoomError(ErrorCode.RATE_LIMITED));
      // Bounded: forgetting the list costs at most one more free answer per ID it held.
      if (client.replayed.size >= IDEMPOTENCY_SIZE) client.replayed.clear();
      client.replayed.add(frame.id);
      this.flushClient(client);
      this.write(client, cached.frame);
      return;
    }
    if (!this.withinCommandRate(client)) {
      this.answerError(client, frame.id, new RoomError(ErrorCode.RATE_LIMITED));
      return;
    }
    let answer: ServerFrame;
    try {
      if (frame.t === 'hello') {
        this.engine.identify(client.session, {
          userId: client.userId,
          userName: frame.userName,
          avatarUrl: frame.avatarUrl,
        });
        answer = { t: 'answer', id: frame.id, ok: true, result: null };
      } else {
        // The requestId goes to the engine too: a money-moving command's answer is stored with the money it moved
        // (this cache is memory only and forgets on restart).
        const { result, version } = this.engine.execute(client.session, frame.type, frame.args as never, frame.id);
        answer =
          version === undefined
            ? { t: 'answer', id: frame.id, ok: true, result }
            : { t: 'answer', id: frame.id, ok: true, result, version };
      }
    } catch (error) {
      const e = this.publicError(error, 'command failed', client);
      answer = { t: 'answer', id: frame.id, ok: false, error: { code: e.code, message: e.message } };
    }
    const text = JSON.stringify(answer);
    this.remember(cache, frame.id, text);
    // The events this command caused were queued while it ran: they go first, so the answer finds them applied.
    this.flushClient(client);
    this.write(client, text);
  }

  private async onRtc(client: Client, frame: Extract<ClientFrame, { t: 'rtc' }>): Promise<void> {
    let answer: ServerFrame;
    try {
      const sfu = this.sfu;
      if (!sfu) throw new RoomError(ErrorCode.UNKNOWN, 'audio is disabled on this server');
      if (!client.session.user) throw new RoomError(ErrorCode.NOT_LOGGED_IN, 'send hello first');
      let result: unknown = null;
      if (frame.op === 'offer') {
        if (!client.session.roomId) throw new RoomError(ErrorCode.NOT_IN_ROOM);
        result = await sfu.offer(client, client.userId, client.session.roomId);
      } else if (frame.op === 'answer') await sfu.answer(client, frame.sdp);
      else if (frame.op === 'candidate') await sfu.candidate(client, frame.candidate);
      else sfu.close(client);
      answer = { t: 'answer', id: frame.id, ok: true, result };
    } catch (error) {
      const e = this.publicError(error, `rtc ${frame.op} failed`, client);
      answer = { t: 'answer', id: frame.id, ok: false, error: { code: e.code, message: e.message } };
    }
    this.send(client, answer);
  }

  /** Speaking levels to every connection in the room (serialized once). */
  deliverToRoom(roomId: string, frame: ServerFrame): void {
    let text: string | null = null;
    for (const session of this.engine.sessionsIn(roomId)) {
      const client = this.clients.get(session);
      if (!client || client.socket.readyState !== WebSocket.OPEN) continue;
      // Levels are lossy: a client that is behind on reading simply misses some.
      if (client.socket.bufferedAmount > 64 * 1024) continue;
      text ??= JSON.stringify(frame);
      this.write(client, text);
    }
  }

  /**
   * The error a client is told. Rule refusals carry their own (public) message; an unexpected failure (UNKNOWN,
   * INTERNAL: a SQLite error, a werift exception) is logged with its text and answered with the code's generic
   * message, so no internal detail (paths, SQL, stack) reaches a client.
   */
  private publicError(error: unknown, what: string, client: Client): RoomError {
    // A refusal is a RoomError with its documented code; anything else thrown is a fault of ours, answered INTERNAL.
    const e = error instanceof RoomError ? error : new RoomError(ErrorCode.INTERNAL, 'internal error, please retry');
    // Our own RoomError(UNKNOWN, '…') is a deliberate, public message; INTERNAL always wraps a failure's text.
    const internal = e.code === ErrorCode.INTERNAL || !(error instanceof RoomError);
    if (!internal) return e;
    client.log.error(what, { error: error instanceof Error ? error.message : String(error) });
    return new RoomError(e.code);
  }

  private answerError(client: Client, id: string | null, error: RoomError): void {
    this.send(client, { t: 'answer', id, ok: false, error: { code: error.code, message: error.message } });
  }

  private remember(answers: Map<string, { frame: string; at: number }>, id: string, frame: string): void {
    answers.set(id, { frame, at: this.clock.now() });
    let bytes = 0;
    for (const entry of answers.values()) bytes += entry.frame.length;
    for (const [key, entry] of answers) {
      if (answers.size <= IDEMPOTENCY_SIZE && bytes <= IDEMPOTENCY_BYTES) break;
      answers.delete(key);
      bytes -= entry.frame.length;
    }
  }

  /** Counts one frame against the connection's command rate (config.commandRate per second); false once over it. */
  private withinCommandRate(client: Client): boolean {
    const now = this.clock.now();
    if (now - client.rate.since >= 1000) client.rate = { count: 0, since: now };
    client.rate.count += 1;
    return client.rate.count <= this.config.commandRate;
  }

  private countBad(client: Client): void {
    const now = this.clock.now();
    if (now - client.badFrames.since > 60_000) client.badFrames = { count: 0, since: now };
    client.badFrames.count += 1;
    if (client.badFrames.count > this.config.badFrameLimit)
      client.socket.close(CloseCode.tooManyBadFrames, 'too many bad frames');
  }

  /**
   * Fan-out by tick. A batch is queued on the connection; at most once per `fanoutTickMs` every queue goes out as one
   * frame (`batches`), and connections whose queues hold the same batches share one serialized frame. At 2,000
   * listeners that is one frame per listener per tick however many messages the room had, instead of one per
   * message. A batch with an urgent event flushes everything at once (after the current task, so a command's whole
   * effect still goes together), and a connection's queue always goes out before anything else written to it, so
   * an answer never overtakes the events it caused and the order on a connection is the engine's.
   */
  private queueBatch(client: Client, batch: EventBatch): void {
    if (client.cut) return;
    client.queue.push(batch);
    if (this.config.fanoutTickMs === 0 || batch.events.some((e) => URGENT_EVENTS.has(e.type))) {
      this.urgentFlush ??= setImmediate(() => {
        this.urgentFlush = null;
        this.guard(null, 'fan-out flush failed', () => this.flush());
      });
      return;
    }
    if (!this.tickTimer) {
      this.tickTimer = setTimeout(() => {
        this.tickTimer = null;
        this.guard(null, 'fan-out flush failed', () => this.flush());
      }, this.config.fanoutTickMs);
      this.tickTimer.unref();
    }
  }

  /** Sends every queued batch; one serialization per distinct queue. */
  private flush(): void {
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickTimer = null;
    const frames = new Map<string, string>();
    for (const client of this.clients.values()) {
      if (client.queue.length === 0) continue;
      const key =
        client.queue.length === 1
          ? String(this.batchId(client.queue[0]!))
          : client.queue.map((b) => this.batchId(b)).join(',');
      let text = frames.get(key);
      if (text === undefined) {
        text = this.frameOf(client.queue);
        frames.set(key, text);
      }
      client.queue = [];
      this.write(client, text);
    }
  }

  /** Sends this connection's queue now (before an answer or any other frame to it). */
  private flushClient(client: Client): void {
    if (client.queue.length === 0) return;
    const text = this.frameOf(client.queue);
    client.queue = [];
    this.write(client, text);
  }

  /** One batch as the `batch` frame; several as `batches`, built from each batch's own serialization (cached). */
  private frameOf(queue: readonly EventBatch[]): string {
    if (queue.length === 1) return `{"t":"batch","batch":${this.json(queue[0]!)}}`;
    return `{"t":"batches","batches":[${queue.map((b) => this.json(b)).join(',')}]}`;
  }

  private json(batch: EventBatch): string {
    let text = this.serialized.get(batch);
    if (text === undefined) {
      text = JSON.stringify(batch);
      this.serialized.set(batch, text);
    }
    return text;
  }

  private batchId(batch: EventBatch): number {
    let id = this.batchIds.get(batch);
    if (id === undefined) {
      id = ++this.nextBatchId;
      this.batchIds.set(batch, id);
    }
    return id;
  }

  private send(client: Client, frame: ServerFrame): void {
    if (client.socket.readyState === WebSocket.OPEN && !client.cut) {
      this.flushClient(client);
      this.write(client, JSON.stringify(frame));
    }
  }

  /**
   * The only way a frame leaves: whatever its kind (answer, cached answer, batch, levels), it is refused and the
   * connection cut off when it would take the connection's unread bytes past the cap. A client that does not read
   * therefore holds at most `outputBufferBytes` (+ one close frame) of our memory, however much it asks for.
   */
  private write(client: Client, text: string): void {
    const socket = client.socket;
    if (client.cut || socket.readyState !== WebSocket.OPEN) return;
    // A frame always fits an empty queue, so one larger than the cap (a huge snapshot) can still be delivered.
    if (socket.bufferedAmount > 0 && socket.bufferedAmount + text.length > this.config.outputBufferBytes) {
      this.cutOff(client);
      return;
    }
    socket.send(text);
  }

  /**
   * Closes with 4005 (a slow client that still reads gets the reason) and destroys the socket shortly after,
   * since a client that reads nothing would never take the close frame and its queue would stay in memory.
   */
  private cutOff(client: Client): void {
    this.counters.slowConsumers += 1;
    client.log.warn('cutting off a client that does not read', { buffered: client.socket.bufferedAmount });
    this.hangUp(client, CloseCode.slowConsumer, 'too far behind on reading');
  }

  /**
   * Sends the close frame, stops reading at once (whatever the client still sends would cost parsing for nothing:
   * a flooder keeps flooding during the close handshake) and destroys the socket after a short grace.
   */
  private hangUp(client: Client, code: number, reason: string): void {
    client.cut = true;
    if (client.input.resume !== null) this.clock.clearTimeout(client.input.resume);
    client.input.resume = null;
    client.socket.close(code, reason);
    client.socket.pause();
    setTimeout(() => client.socket.terminate(), CUT_OFF_GRACE_MS).unref();
  }

  /**
   * Charges `bytes` to the connection's input bucket. Over budget, the socket is paused until the debt is repaid
   * (the kernel buffers fill and TCP slows the sender down; the server spends nothing meanwhile); a connection
   * that keeps coming back over budget is closed with 4006. Returns false when the frame must be ignored.
   */
  private spend(client: Client, bytes: number): boolean {
    if (client.cut) return false;
    const { bytesPerSec, burstBytes, strikes } = this.config.inputBudget;
    const input = client.input;
    const now = this.clock.now();
    input.tokens = Math.min(burstBytes, input.tokens + ((now - input.at) * bytesPerSec) / 1000);
    input.at = now;
    input.tokens -= bytes;
    if (input.tokens >= 0 || input.resume !== null) return true;
    input.strikes = input.strikes.filter((at) => now - at < INPUT_STRIKE_WINDOW_MS);
    input.strikes.push(now);
    if (input.strikes.length >= strikes) {
      this.counters.inputBudgetClosed += 1;
      client.log.warn('closing a connection over its input budget');
      this.hangUp(client, CloseCode.inputBudget, 'input budget exceeded');
      return false;
    }
    this.counters.inputPauses += 1;
    client.socket.pause();
    input.resume = this.clock.setTimeout(
      () => {
        input.resume = null;
        if (!client.cut) client.socket.resume();
      },
      Math.ceil((-input.tokens * 1000) / bytesPerSec),
    );
    unref(input.resume);
    // The frame has been read already: it is handled, the debt it made is what keeps the socket paused.
    return true;
  }

  private onClose(client: Client): void {
    if (client.input.resume !== null) this.clock.clearTimeout(client.input.resume);
    if (!this.clients.delete(client.session)) return;
    if (client.expiryTimer !== null) this.clock.clearTimeout(client.expiryTimer);
    this.sfu?.close(client);
    // During shutdown a closing socket is not a user leaving: seats come back leased after the restart.
    if (this.closing) return;
    this.engine.closeSession(client.session);
    client.log.debug('ws closed');
  }

  /** Pings everyone; whoever did not answer the previous ping is gone (their seat lease starts now). */
  private sweep(): void {
    const now = this.clock.now();
    for (const client of this.clients.values()) {
      this.guard(client, 'heartbeat sweep failed', () => {
        if (!client.alive) {
          client.socket.terminate();
          this.onClose(client);
          return;
        }
        client.alive = false;
        client.socket.ping();
      });
    }
    for (const [userId, answers] of this.answerCaches) {
      for (const [id, entry] of answers) if (now - entry.at > IDEMPOTENCY_TTL_MS) answers.delete(id);
      if (answers.size === 0 && ![...this.clients.values()].some((c) => c.userId === userId))
        this.answerCaches.delete(userId);
    }
  }

  /** Closes every connection with a reason; clients reconnect to the next server. */
  async close(reason = 'server shutting down'): Promise<void> {
    this.closing = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    // What is queued still goes out before the close frames.
    this.guard(null, 'fan-out flush failed', () => this.flush());
    if (this.urgentFlush) clearImmediate(this.urgentFlush);
    this.urgentFlush = null;
    const closed = [...this.clients.values()].map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.socket.readyState === WebSocket.CLOSED) return resolve();
          client.socket.once('close', () => resolve());
          client.socket.close(CloseCode.goingAway, reason);
          // A peer that never answers the close handshake is cut off.
          setTimeout(() => client.socket.terminate(), CLOSE_GRACE_MS).unref();
        }),
    );
    await Promise.all(closed);
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/**
 * Whether a cached answer to `frame` is true of this connection. Start, join and leave put a connection in a room or
 * take it out of one, and the answers are cached per user: retried on a new connection (after the first one dropped
 * with the answer), the cached answer would say "in the room" of a connection that is not (every command after it
 * NOT_IN_ROOM, no events, no audio) or "left" of one the reconnect's rejoin put back in (a member who can join no
 * other room). Those run again instead; a member's join, an owner's start of their live room and a leave are safe to
 * run twice.
 */
function holdsHere(session: EngineSession, frame: Extract<ClientFrame, { t: 'cmd' | 'hello' }>): boolean {
  if (frame.t !== 'cmd') return true;
  if (frame.type === 'room.join' || frame.type === 'room.start')
    return session.roomId === (frame.args as { roomId?: unknown }).roomId;
  if (frame.type === 'room.leave') return session.roomId === null;
  return true;
}

/** The request ID of a raw frame, if it has a readable one (for answering a frame whose handling failed). */
function requestIdOf(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    const frame = JSON.parse(raw) as unknown;
    if (frame === null || typeof frame !== 'object' || !Object.hasOwn(frame, 'id')) return null;
    const id = (frame as { id: unknown }).id;
    return typeof id === 'string' && id.length > 0 && id.length <= MAX_REQUEST_ID_LENGTH ? id : null;
  } catch {
    return null;
  }
}

/** A timer on the clock never keeps the process alive by itself (the listening socket does); a manual clock's has no unref. */
function unref(handle: unknown): void {
  (handle as { unref?: () => void } | null)?.unref?.();
}

function byteLength(data: Buffer | ArrayBuffer | Buffer[]): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}
