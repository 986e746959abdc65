import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, type RoomError } from '../../src/core.js';

/**
 * The Live REST envelope (seed "REST API 简介", L11421-11655): `POST /v4/<service>/<command>?sdkappid=&identifier=
 * &usersig=&random=&contenttype=json`, a JSON object body (`{}` when empty), and always HTTP 200 with
 * `{ActionStatus, ErrorCode, ErrorInfo, RequestId, …}`.
 */

/** Common REST codes (seed L11575-11645). */
export const RestCode = {
  OK: 0,
  HTTP_PARSE: 60002,
  JSON_PARSE: 60003,
  ACCOUNT_OR_SIG: 60004,
  SIG_INVALID: 60005,
  SDKAPPID_INVALID: 60006,
  BAD_RESOURCE: 60009,
  ADMIN_REQUIRED: 60010,
  SDKAPPID_MISSING: 60012,
  // live_engine_http_srv / room_engine_http_mic / live_config (seed "服务端错误码 SDK 2.0", L21300-21481): the
  // codes the kit's ErrorCode already defines are taken from there, so REST and WebSocket can never disagree.
  INTERNAL: ErrorCode.INTERNAL,
  INVALID_PARAM: ErrorCode.INVALID_PARAM,
  ROOM_EXISTS: ErrorCode.ROOM_EXISTS,
  ROOM_NOT_FOUND: ErrorCode.ROOM_NOT_FOUND,
  NOT_A_MEMBER: ErrorCode.NOT_A_MEMBER,
  PERMISSION_DENIED: ErrorCode.PERMISSION_DENIED,
  ROOM_ID_OWNED_BY_CALLER: 100010,
  CREATE_TOO_OFTEN: 100012,
  MEMBER_BANNED: ErrorCode.MEMBER_BANNED,
  TOO_MANY_ADMINS: ErrorCode.TOO_MANY_ADMINS,
  SEAT_LOCKED: ErrorCode.SEAT_LOCKED,
  ALREADY_QUEUED: ErrorCode.ALREADY_QUEUED,
  ALREADY_ON_SEAT: ErrorCode.ALREADY_ON_SEAT,
  SEATS_FULL: ErrorCode.SEATS_FULL,
  NOT_ON_SEAT: ErrorCode.NOT_ON_SEAT,
  SEAT_HAS_USER: ErrorCode.SEAT_HAS_USER,
  SEATS_DISABLED: ErrorCode.SEATS_DISABLED,
  CALLBACK_EXISTS: 100300,
  CALLBACK_MISSING: 100301,
  METADATA_TOO_MANY_KEYS: 100500,
  METADATA_VALUE_TOO_LARGE: 100501,
  METADATA_TOTAL_TOO_LARGE: 100502,
  METADATA_NO_SUCH_KEYS: 100503,
  METADATA_KEY_TOO_LARGE: 100504,
  // im_open_login_svc (seed L11723-12415)
  ACCOUNT_VALUE_TOO_LONG: 40601,
  ACCOUNT_INVALID_PARAM: 70402,
  // profile (seed L12417-12960)
  PROFILE_INVALID_PARAM: 40001,
  PROFILE_NO_ACCOUNT: 40003,
  PROFILE_UNKNOWN_TAG: 40009,
  PROFILE_BAD_VALUE: 40605,
  PROFILE_TYPE_MISMATCH: 40610,
} as const;

/** A refused REST call: the code and ErrorInfo the envelope answers with. */
export class RestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

export const MAX_BODY_BYTES = 1024 * 1024;

let sequence = 0;
/** Shaped like the seed's examples: `Id-<32 hex>-O-Seq-<n>`. */
export function newRequestId(): string {
  sequence = (sequence + 1) % 2 ** 31;
  return `Id-${randomBytes(16).toString('hex')}-O-Seq-${sequence}`;
}

export function sendEnvelope(
  res: ServerResponse,
  requestId: string,
  error: RestError | null,
  fields: Record<string, unknown> = {},
): void {
  const body = error
    ? { ActionStatus: 'FAIL', ErrorCode: error.code, ErrorInfo: error.message, RequestId: requestId, ...fields }
    : { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RequestId: requestId, ...fields };
  const text = JSON.stringify(body);
  if (res.headersSent) return;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Reads the body, refusing more than MAX_BODY_BYTES (60002: the request is not acceptable HTTP for this API) and
 * anything that is not one JSON object (60003).
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES)
    throw new RestError(RestCode.HTTP_PARSE, `body larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RestError(RestCode.HTTP_PARSE, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim())
    throw new RestError(RestCode.JSON_PARSE, 'the body must be a JSON object; send {} when there is nothing to say');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RestError(RestCode.JSON_PARSE, 'the body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new RestError(RestCode.JSON_PARSE, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

// ---- field validation: each service answers bad fields with its own documented code ----

const encoder = new TextEncoder();
export const byteLength = (s: string): number => encoder.encode(s).length;

/** Field readers bound to the code a service uses for bad parameters (100002, 70402 or 40001). */
export class Fields {
  constructor(
    private readonly body: Record<string, unknown>,
    private readonly code: number = RestCode.INVALID_PARAM,
    private readonly prefix = '',
  ) {}

  /** The error for a bad field, to throw: `throw fields.err('…')` (a throw statement lets TypeScript narrow after it). */
  err(message: string): RestError {
    return new RestError(this.code, `${this.prefix}${message}`);
  }

  fail(message: string): never {
    throw this.err(message);
  }

  /** Own fields only: a body is parsed JSON, so a missing `constructor` must read as absent, not as a function. */
  raw(name: string): unknown {
    return Object.hasOwn(this.body, name) ? this.body[name] : undefined;
  }

  has(name: string): boolean {
    const v = this.raw(name);
    return v !== undefined && v !== null;
  }

  /** A string of at most `maxBytes` UTF-8 bytes; `minBytes` 1 makes it non-empty. */
  string(name: string, opts: { maxBytes: number; minBytes?: number }): string;
  string(name: string, opts: { maxBytes: number; minBytes?: number; optional: true }): string | undefined;
  string(name: string, opts: { maxBytes: number; minBytes?: number; optional?: boolean }): string | undefined {
    const v = this.raw(name);
    if (v === undefined) {
      if (opts.optional) return undefined;
      this.fail(`${name} is required`);
    }
    // An explicit null is a wrong type, not an omission: it must never silently mean "leave as is".
    if (typeof v !== 'string') this.fail(`${name} must be a string`);
    const bytes = byteLength(v);
    if (bytes > opts.maxBytes) this.fail(`${name} is longer than ${opts.maxBytes} bytes`);
    if (bytes < (opts.minBytes ?? 0)) this.fail(`${name} must not be empty`);
    return v;
  }

  integer(name: string, opts: { min: number; max: number }): number;
  integer(name: string, opts: { min: number; max: number; optional: true }): number | undefined;
  integer(name: string, opts: { min: number; max: number; optional?: boolean }): number | undefined {
    const v = this.raw(name);
    if (v === undefined) {
      if (opts.optional) return undefined;
      this.fail(`${name} is required`);
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(`${name} must be an integer`);
    if (v < opts.min || v > opts.max) this.fail(`${name} must be from ${opts.min} to ${opts.max}`);
    return v;
  }

  boolean(name: string): boolean | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(`${name} must be a boolean`);
    return v;
  }

  /** An array of 1..max (or 0..max with allowEmpty) items, each checked by `item`. */
  array<T>(
    name: string,
    opts: { max: number; allowEmpty?: boolean; optional?: boolean },
    item: (value: unknown, index: number) => T,
  ): T[] {
    const v = this.raw(name);
    if (v === undefined) {
      if (opts.optional) return [];
      this.fail(`${name} is required`);
    }
    if (!Array.isArray(v)) this.fail(`${name} must be an array`);
    if (v.length === 0 && !opts.allowEmpty) this.fail(`${name} must not be empty`);
    if (v.length > opts.max) this.fail(`${name} has more than ${opts.max} items`);
    return v.map((x, i) => item(x, i));
  }

  /** An array of account IDs (strings of 1..32 bytes), de-duplicated in order. */
  accounts(name: string, max: number): string[] {
    const ids = this.array(name, { max }, (x, i) => {
      if (typeof x !== 'string' || !x || byteLength(x) > 32) this.fail(`${name}[${i}] must be a user ID of 1-32 bytes`);
      return x;
    });
    return [...new Set(ids)];
  }

  /** A nested object read with the same code. */
  object(name: string): Fields {
    const v = this.raw(name);
    if (v === undefined || v === null) this.fail(`${name} is required`);
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(`${name} must be an object`);
    return new Fields(v as Record<string, unknown>, this.code, `${this.prefix}${name}.`);
  }

  roomId(name = 'RoomId'): string {
    return this.string(name, { maxBytes: 48, minBytes: 1 });
  }
}

/** Maps a shared-rule error to the REST code the seed documents for the same situation. */
export function restErrorOf(error: RoomError): RestError {
  const map: Partial<Record<number, number>> = {
    [ErrorCode.INVALID_PARAMETER]: RestCode.INVALID_PARAM,
    [ErrorCode.INVALID_ROOM_ID]: RestCode.INVALID_PARAM,
    [ErrorCode.INVALID_ROOM_NAME]: RestCode.INVALID_PARAM,
    [ErrorCode.SEAT_COUNT_LIMIT]: RestCode.INVALID_PARAM,
    [ErrorCode.SEAT_NOT_FOUND]: RestCode.INVALID_PARAM,
    [ErrorCode.CANNOT_TARGET_SELF]: RestCode.INVALID_PARAM,
    [ErrorCode.OWNER_REQUIRED]: RestCode.PERMISSION_DENIED,
    [ErrorCode.OWNER_OR_ADMIN_REQUIRED]: RestCode.PERMISSION_DENIED,
    [ErrorCode.NOT_IN_ROOM]: RestCode.NOT_A_MEMBER,
    [ErrorCode.ROOM_ENDED]: RestCode.ROOM_NOT_FOUND,
    [ErrorCode.SEAT_OCCUPIED]: RestCode.SEAT_HAS_USER,
    [ErrorCode.UNKNOWN]: RestCode.INTERNAL,
  };
  const code =
    (Object.hasOwn(map, error.code) ? map[error.code] : undefined) ??
    (error.code >= 100_000 ? error.code : RestCode.INTERNAL);
  return new RestError(code, error.message);
}
