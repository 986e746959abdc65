import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HEARTBEAT_MS } from '../src/backends/local/protocol.js';
import { RoomEngine } from '../src/engine/room-engine.js';
import { type Clock, type Gift, type ManualClock, systemClock } from '../src/core.js';
import { genUserSig, verifyUserSig } from './auth/usersig.js';
import { type ServerConfig, databaseFile } from './config.js';
import { openDatabase } from './db/database.js';
import { SqlitePersistence } from './db/repositories.js';
import type { WebhookOptions } from './callbacks/webhooks.js';
import { allowedOriginsFor, isLoopbackHost, originAllowed, serveStatic, staticRootOf } from './http/edges.js';
import { handleDevTopUp } from './http/dev-wallet.js';
import { RestCode, newRequestId } from './http/rest-envelope.js';
import { RestApi } from './http/rest.js';
import { type Logger, createLogger } from './logger.js';
import type { Sfu, SfuOptions } from './sfu/sfu.js';
import { Gateway } from './ws/gateway.js';

export interface VoiceRoomServer {
  readonly url: string;
  readonly port: number;
  readonly engine: RoomEngine;
  readonly persistence: SqlitePersistence;
  readonly config: ServerConfig;
  /** The audio SFU, or null when started with `sfu: false`. */
  readonly sfu: Sfu | null;
  /** The WebSocket side (its stats() count connections cut off for not reading or for overspending input). */
  readonly gateway: Gateway;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly clock?: Clock;
  /** The catalog a fresh data directory starts with (the demo seeds its own). */
  readonly defaultCatalog?: readonly Gift[];
  /** Extra static routes (e.g. generated gift animations): path → body. */
  readonly assets?: ReadonlyMap<string, { contentType: string; body: Uint8Array | string }>;
  readonly logger?: Logger;
  readonly heartbeatMs?: number;
  /** Callback delivery tuning (timeouts, retries, backoff, queue); tests shorten them. */
  readonly webhooks?: Partial<WebhookOptions>;
  /** The WebRTC audio SFU (on by default); `false` runs a signalling-only server (rtc frames are refused). */
  readonly sfu?: false | SfuOptions;
  /** Sees every SQL statement the server runs (tests assert what a command costs in SQL). */
  readonly sqlTrace?: (sql: string) => void;
}

/**
 * Starts the local room server: one HTTP server for REST (`/v4/…`), the WebSocket protocol (`/ws`), the dev
 * signer, health and static files; the room engine; SQLite. Resolves once it listens.
 */
export async function startServer(config: ServerConfig, options: ServerOptions = {}): Promise<VoiceRoomServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const db = openDatabase(databaseFile(config), options.sqlTrace ? { trace: options.sqlTrace } : {});
  const persistence = new SqlitePersistence(db);
  const loaded = persistence.load(clock.now());
  const engine = new RoomEngine({
    clock,
    persistence,
    initial: loaded.initial,
    initialBalance: config.initialBalance,
    onError: (message, error) =>
      log.error(message, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    limits: { seatLeaseMs: config.seatLeaseMs, maxMembers: config.maxMembers, barrageRate: config.barrageRate },
    maxFollowing: config.maxFollowing,
    roomStartRate: config.roomStartRate,
    // A room nobody has been in for the idle period is dismissed by the system (seed: 30 minutes by default).
    idleDismissal: {
      afterMs: config.idleDismissMs,
      onDismissed: (roomId) => log.info('room dismissed (idle)', { roomId }),
    },
  });
  if (loaded.catalog) engine.setCatalog(loaded.catalog);
  else if (options.defaultCatalog) engine.setCatalog(options.defaultCatalog);

  const gateway = new Gateway(engine, config, log, options.heartbeatMs ?? HEARTBEAT_MS);
  // Loaded only when wanted: werift takes seconds to import, which a signalling-only server (VR_SFU=0) and every
  // restart of one (the chaos test restarts a dozen times) should not pay.
  const sfu =
    options.sfu === false
      ? null
      : new (await import('./sfu/sfu.js')).Sfu(
          engine,
          (roomId, frame) => gateway.deliverToRoom(roomId, frame),
          log,
          options.sfu ?? {},
        );
  gateway.sfu = sfu;
  const rest = new RestApi(engine, persistence, config, log, clock, options.webhooks);
  const staticRoot = staticRootOf(config.staticDir);
  if (config.staticDir && !staticRoot) log.warn('static directory not found', { staticDir: config.staticDir });
  // Known once listening (the port may be 0 until then); no upgrade is handled before.
  let allowedOrigins: ReadonlySet<string> = new Set();

  const server: Server = createServer((req, res) => {
    // `handle` is async, so a throw anywhere in it (even before its first await) becomes this rejection: logged and
    // answered 500, never an unhandled rejection that would end the process.
    handle(req, res).catch((error: unknown) => {
      log.error('http handler failed', {
        url: loggedUrl(req.url),
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      try {
        if (res.headersSent) res.destroy();
        else if ((req.url ?? '').startsWith('/v4/')) sendInternalEnvelope(res);
        else json(res, 500, { error: 'internal error' });
      } catch {
        res.destroy();
      }
    });
  });

  const isAdmin = (q: URLSearchParams) => isAdminQuery(q, config);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/v4/')) return rest.handle(req, res, url);
    if (url.pathname === '/healthz') {
      // Anyone may learn that the server is up; how busy it is only the App admin (signed like a REST call).
      if (!isAdmin(url.searchParams)) return json(res, 200, { ok: true });
      return json(res, 200, {
        ok: true,
        rooms: [...engine.allRooms()].filter((r) => r.status === 'live').length,
        connections: gateway.connections,
      });
    }
    if (url.pathname === '/dev/usersig' && config.devSigner) {
      // Development only (VR_DEV_SIGNER, loopback bind only): signs for any user so the demo needs no backend of
      // its own. Never for the App admin (REST would accept that signature), and only when the browser asked for a
      // loopback host: a page on another site that rebinds its DNS name to 127.0.0.1 sends its own name as Host.
      if (!isLoopbackHost(req.headers.host))
        return json(res, 403, { error: 'the dev signer answers loopback hosts only' });
      const userId = url.searchParams.get('userId') ?? '';
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(userId)) return json(res, 400, { error: 'userId must be 1-32 of a-zA-Z0-9_-' });
      if (userId === config.admin) return json(res, 403, { error: 'the dev signer does not sign for the App admin' });
      return json(res, 200, {
        sdkAppId: config.sdkAppId,
        userId,
        userSig: genUserSig({ sdkAppId: config.sdkAppId, secretKey: config.secretKey, userId, expireSec: 86_400 }),
      });
    }
    if (url.pathname === '/dev/top-up' && config.devSigner)
      return handleDevTopUp(req, res, { engine, admin: config.admin, allowedOrigins });
    if (
      url.pathname === '/dev/clock' &&
      req.method === 'POST' &&
      isManual(clock) &&
      process.env['VR_TEST_CLOCK'] === '1'
    ) {
      // Test-only (VR_TEST_CLOCK=1 with a manual clock): lets the contract suite move time on a real server.
      const ms = Number(url.searchParams.get('advance'));
      if (!Number.isFinite(ms) || ms < 0) return json(res, 400, { error: 'advance=<ms>' });
      clock.advance(ms);
      return json(res, 200, { now: clock.now() });
    }
    const asset = options.assets?.get(url.pathname);
    if (asset) {
      res.writeHead(200, {
        'content-type': asset.contentType,
        'cache-control': 'public, max-age=3600',
        'access-control-allow-origin': '*',
        'x-content-type-options': 'nosniff',
      });
      res.end(asset.body);
      return;
    }
    if (staticRoot && (req.method === 'GET' || req.method === 'HEAD'))
      return serveStatic(staticRoot, url.pathname, req, res);
    json(res, 404, { error: 'not found' });
  }

  server.on('upgrade', (req, socket, head) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/ws') return void socket.destroy();
      // Cross-site WebSocket hijacking: a page on another site must not drive this server from a visitor's browser
      // (with a signature from the dev signer, or one leaked in a URL), so its handshake is refused outright.
      if (!originAllowed(req.headers.origin, allowedOrigins)) {
        log.info('ws refused: origin not allowed', { origin: req.headers.origin });
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      gateway.handleUpgrade(req, socket, head);
    } catch (error) {
      log.error('ws upgrade failed', {
        url: loggedUrl(req.url),
        error: error instanceof Error ? error.message : String(error),
      });
      socket.destroy();
    }
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  allowedOrigins = allowedOriginsFor(config.allowedOrigins, config.host, port);
  if (config.allowedOrigins.length === 0 && (config.host === '0.0.0.0' || config.host === '::')) {
    log.warn(
      'bound to every interface without VR_ALLOWED_ORIGINS: browser pages cannot open /ws until their origin is listed',
      { host: config.host },
    );
  }
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info('listening', { url, dataDir: config.dataDir, devSigner: config.devSigner });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    engine,
    persistence,
    config,
    sfu,
    gateway,
    close() {
      closing ??= (async () => {
        engine.stop();
        await gateway.close();
        await sfu?.stop();
        // After the last client is gone: callbacks report everyone offline and get a moment to leave.
        await rest.close();
        await new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        // Every write is synchronous and already committed; closing checkpoints the WAL.
        db.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}

/**
 * A request URL as a log line may show it. A UserSig (REST's `usersig`, the WebSocket's `userSig`) is a bearer
 * credential until it expires, the App admin's included (REST, /healthz): its value never reaches the logs.
 */
function loggedUrl(url: string | undefined): string {
  return (url ?? '').replace(/([?&]usersig=)[^&#]*/gi, '$1[redacted]');
}

/** The query carries a valid UserSig of the App admin (the same parameters as a REST call). */
function isAdminQuery(q: URLSearchParams, config: ServerConfig): boolean {
  const identifier = q.get('identifier');
  const userSig = q.get('usersig');
  if (identifier !== config.admin || !userSig || Number(q.get('sdkappid')) !== config.sdkAppId) return false;
  try {
    verifyUserSig({ sdkAppId: config.sdkAppId, secretKey: config.secretKey, userId: identifier, userSig });
    return true;
  } catch {
    return false;
  }
}

/**
 * The REST envelope for a failure outside the REST layer's own error handling: HTTP 500 (the call did not reach
 * a command that could answer 200) with the usual fields, so REST clients can still read ErrorCode.
 */
function sendInternalEnvelope(res: ServerResponse): void {
  const body = JSON.stringify({
    ActionStatus: 'FAIL',
    ErrorCode: RestCode.INTERNAL,
    ErrorInfo: 'internal error, please retry',
    RequestId: newRequestId(),
  });
  res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function isManual(clock: Clock): clock is ManualClock {
  return typeof (clock as Partial<ManualClock>).advance === 'function';
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
