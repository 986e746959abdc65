import { join } from 'node:path';
import { normalizeOrigins } from './http/edges.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';

/** Server settings: flags override environment variables, which override safe defaults. */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Directory of the SQLite file; ':memory:' keeps everything in memory (tests). */
  readonly dataDir: string;
  readonly sdkAppId: number;
  readonly secretKey: string;
  /** The App admin identifier REST calls must be signed as. */
  readonly admin: string;
  /**
   * Enables GET /dev/usersig, which signs for any user but the App admin, asked through a loopback `Host` only:
   * development only, never in production.
   */
  readonly devSigner: boolean;
  /**
   * Origins browser pages may open the WebSocket from. Empty (the default) = the server's own origins; `*` = any
   * (tests whose pages come from another server). Requests without an Origin header (non-browser clients) pass.
   */
  readonly allowedOrigins: readonly string[];
  /** Directory of static files to serve at / (the built demo), or null. */
  readonly staticDir: string | null;
  readonly initialBalance: number;
  readonly seatLeaseMs: number;
  readonly maxMembers: number;
  /** A room nobody is in is dismissed after this long (seed: 30 min by default). */
  readonly idleDismissMs: number;
  readonly maxConnections: number;
  /** Commands one connection may send per second before answers become RATE_LIMITED. */
  readonly commandRate: number;
  /** Barrage per user: at most `limit` messages per `windowMs` (default 5 per 3 s). */
  readonly barrageRate: { readonly limit: number; readonly windowMs: number };
  /** Malformed frames one connection may send per minute before it is closed. */
  readonly badFrameLimit: number;
  /**
   * Unread bytes the server queues for one connection before it cuts the connection off (close 4005): a client that
   * does not read costs at most this much memory, whatever it asks for.
   */
  readonly outputBufferBytes: number;
  /**
   * Event fan-out tick (ms): each connection gets at most one frame of room events per tick, carrying every batch
   * since its previous frame; seat, request and room changes go out at once. 0 sends every batch as it happens.
   */
  readonly fanoutTickMs: number;
  /**
   * Input budget per connection, a token bucket of bytes checked before a frame is parsed: `bytesPerSec` refill,
   * `burstBytes` capacity. A connection over budget is not read from until it is back in budget (TCP pushes back
   * on the sender); one that goes over budget `strikes` times within 10 s is closed (4006).
   */
  readonly inputBudget: { readonly bytesPerSec: number; readonly burstBytes: number; readonly strikes: number };
  /** Rooms one user may start (room.start creating a room) per window: default 5 per 60 s (ROOM_START_LIMIT otherwise). */
  readonly roomStartRate: { readonly limit: number; readonly windowMs: number };
  /** Users one user may follow at most (FOLLOW_LIMIT beyond). */
  readonly maxFollowing: number;
  /** What the JSON log lines on stderr include (server/logger.ts). */
  readonly logLevel: LogLevel;
  /** Serve the project's own gift icons and SVGA effects at /gifts/ and seed the default catalog on a fresh data directory. */
  readonly demoGifts: boolean;
}

/** A development key: fine on loopback, refused for non-loopback hosts so nobody ships it by accident. */
export const DEV_SECRET_KEY = 'voiceroom-kit-dev-secret-change-me';

const defaults: ServerConfig = {
  host: '127.0.0.1',
  port: 8787,
  dataDir: '.vr-data',
  sdkAppId: 1400000000,
  secretKey: DEV_SECRET_KEY,
  admin: 'administrator',
  devSigner: false,
  allowedOrigins: [],
  staticDir: null,
  initialBalance: 1000,
  seatLeaseMs: 30_000,
  maxMembers: 10_000,
  idleDismissMs: 30 * 60_000,
  maxConnections: 10_000,
  commandRate: 50,
  badFrameLimit: 100,
  outputBufferBytes: 2 * 1024 * 1024,
  fanoutTickMs: 50,
  inputBudget: { bytesPerSec: 64 * 1024, burstBytes: 256 * 1024, strikes: 3 },
  roomStartRate: { limit: 5, windowMs: 60_000 },
  maxFollowing: 5_000,
  barrageRate: { limit: 5, windowMs: 3_000 },
  logLevel: 'info',
  demoGifts: true,
};

const keys: Record<keyof ServerConfig, { env: string; flag: string; parse: (v: string) => unknown }> = {
  host: { env: 'VR_HOST', flag: 'host', parse: String },
  port: { env: 'VR_PORT', flag: 'port', parse: (v) => intIn(v, 0, 65_535, 'port') },
  dataDir: { env: 'VR_DATA_DIR', flag: 'data-dir', parse: String },
  sdkAppId: { env: 'VR_SDKAPPID', flag: 'sdkappid', parse: (v) => intIn(v, 1, 4_294_967_295, 'sdkappid') },
  secretKey: { env: 'VR_SECRET_KEY', flag: 'secret-key', parse: String },
  admin: { env: 'VR_ADMIN', flag: 'admin', parse: String },
  devSigner: { env: 'VR_DEV_SIGNER', flag: 'dev-signer', parse: bool },
  allowedOrigins: { env: 'VR_ALLOWED_ORIGINS', flag: 'allowed-origins', parse: origins },
  staticDir: { env: 'VR_STATIC_DIR', flag: 'static-dir', parse: (v) => (v ? v : null) },
  initialBalance: {
    env: 'VR_INITIAL_BALANCE',
    flag: 'initial-balance',
    parse: (v) => intIn(v, 0, 1e12, 'initial balance'),
  },
  seatLeaseMs: { env: 'VR_SEAT_LEASE_MS', flag: 'seat-lease-ms', parse: (v) => intIn(v, 0, 3_600_000, 'seat lease') },
  maxMembers: { env: 'VR_MAX_MEMBERS', flag: 'max-members', parse: (v) => intIn(v, 1, 1_000_000, 'max members') },
  idleDismissMs: {
    env: 'VR_IDLE_DISMISS_MS',
    flag: 'idle-dismiss-ms',
    parse: (v) => intIn(v, 1_000, 86_400_000, 'idle dismiss'),
  },
  maxConnections: {
    env: 'VR_MAX_CONNECTIONS',
    flag: 'max-connections',
    parse: (v) => intIn(v, 1, 1_000_000, 'max connections'),
  },
  commandRate: { env: 'VR_COMMAND_RATE', flag: 'command-rate', parse: (v) => intIn(v, 1, 100_000, 'command rate') },
  barrageRate: { env: 'VR_BARRAGE_RATE', flag: 'barrage-rate', parse: rate },
  badFrameLimit: {
    env: 'VR_BAD_FRAME_LIMIT',
    flag: 'bad-frame-limit',
    parse: (v) => intIn(v, 1, 1_000_000, 'bad frame limit'),
  },
  fanoutTickMs: { env: 'VR_FANOUT_TICK_MS', flag: 'fanout-tick-ms', parse: (v) => intIn(v, 0, 60_000, 'fan-out tick') },
  outputBufferBytes: {
    env: 'VR_OUTPUT_BUFFER_BYTES',
    flag: 'output-buffer-bytes',
    parse: (v) => intIn(v, 64 * 1024, 1024 ** 3, 'output buffer bytes'),
  },
  inputBudget: { env: 'VR_INPUT_BUDGET', flag: 'input-budget', parse: inputBudget },
  roomStartRate: { env: 'VR_ROOM_START_RATE', flag: 'room-start-rate', parse: rate },
  maxFollowing: {
    env: 'VR_MAX_FOLLOWING',
    flag: 'max-following',
    parse: (v) => intIn(v, 1, 1_000_000, 'max following'),
  },
  demoGifts: { env: 'VR_DEMO_GIFTS', flag: 'demo-gifts', parse: bool },
  logLevel: {
    env: 'VR_LOG_LEVEL',
    flag: 'log-level',
    parse: (v) => oneOf(v, LOG_LEVELS, 'log level'),
  },
};

function intIn(value: string, min: number, max: number, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${what} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

/** "limit/windowMs", e.g. "5/3000". */
function rate(value: string): { limit: number; windowMs: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match) throw new Error(`rate must look like 5/3000 (messages per milliseconds), got "${value}"`);
  return {
    limit: intIn(match[1]!, 1, 1_000_000, 'rate limit'),
    windowMs: intIn(match[2]!, 1, 86_400_000, 'rate window'),
  };
}

/** A comma-separated list of origins (`https://app.example.com,http://localhost:5173`) or `*`. */
function origins(value: string): string[] {
  const list = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return normalizeOrigins(list);
}

/** "bytesPerSec/burstBytes/strikes", e.g. "65536/262144/3". */
function inputBudget(value: string): { bytesPerSec: number; burstBytes: number; strikes: number } {
  const match = /^(\d+)\/(\d+)\/(\d+)$/.exec(value);
  if (!match)
    throw new Error(
      `input budget must look like 65536/262144/3 (bytes per second / burst bytes / strikes), got "${value}"`,
    );
  // The burst must hold the largest frame the protocol accepts (an SDP answer), or an honest client could never send it.
  return {
    bytesPerSec: intIn(match[1]!, 1_024, 1024 ** 3, 'input bytes per second'),
    burstBytes: intIn(match[2]!, 64 * 1024, 1024 ** 3, 'input burst bytes'),
    strikes: intIn(match[3]!, 1, 1_000_000, 'input strikes'),
  };
}

function bool(value: string): boolean {
  if (['1', 'true', 'yes', 'on', ''].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  throw new Error(`expected a boolean, got "${value}"`);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${what} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function loadConfig(
  argv: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  const config: Record<string, unknown> = { ...defaults };
  for (const [name, key] of Object.entries(keys)) {
    const fromEnv = env[key.env];
    if (fromEnv !== undefined && fromEnv !== '') config[name] = key.parse(fromEnv);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [flag, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const entry = Object.entries(keys).find(([, k]) => k.flag === flag);
    if (!entry) throw new Error(`unknown flag --${flag}`);
    const value =
      inline ??
      (entry[1].parse === bool && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) ? 'true' : argv[++i]);
    if (value === undefined) throw new Error(`--${flag} needs a value`);
    config[entry[0]] = entry[1].parse(value);
  }
  Object.assign(config, overrides);
  const result = config as unknown as ServerConfig;
  const loopback = result.host === '127.0.0.1' || result.host === 'localhost' || result.host === '::1';
  if (!loopback && result.secretKey === DEV_SECRET_KEY)
    throw new Error('VR_SECRET_KEY must be set when binding to a non-loopback address');
  if (!loopback && result.devSigner) throw new Error('VR_DEV_SIGNER only works on a loopback address');
  return result;
}

export function databaseFile(config: ServerConfig): string {
  return config.dataDir === ':memory:' ? ':memory:' : join(config.dataDir, 'voiceroom.sqlite');
}
