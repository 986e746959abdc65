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

// Body fields are checked against one schema per command (rest-schema.ts), each service with its own code.

const encoder = new TextEncoder();
export const byteLength = (s: string): number => encoder.encode(s).length;

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
