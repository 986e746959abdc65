/**
 * The server's check of every client frame (protocol.ts documents the protocol, protocol-schema.ts defines each
 * frame once). Server-only: TypeBox's compiler builds each check with `new Function`, which a page under a CSP
 * without 'unsafe-eval' must never run, so no browser code imports this module (test/tools/import-boundary.test.ts).
 *
 * A valid frame costs one compiled check (BENCHMARKS.md, "Frame validation"). A refused one is then explained by
 * `explain()`, which walks the same schema in the order the protocol has always reported (unknown fields first,
 * then each field in the order the schema names it) and words the first problem as the protocol documents it:
 * `seat.take: index: must be 0..19`, `hello: userName: longer than 64`, `rtc answer: sdp: required`.
 */
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { COMMAND_TYPES, type CommandArgs, type CommandType } from '../../model/commands.js';
import { ErrorCode, RoomError } from '../../model/errors.js';
import { loneSurrogateAt } from '../../model/text.js';
import {
  type ClientFrame,
  FrameError,
  MAX_FRAME_BYTES,
  MAX_REQUEST_ID_LENGTH,
  MAX_RTC_FRAME_BYTES,
  type RtcRequest,
} from './protocol.js';
import {
  CommandArgsSchema,
  HelloFrameSchema,
  RtcFieldsSchema,
  type RtcOp,
  commandFrameSchema,
  rtcFrameSchema,
} from './protocol-schema.js';

type Compiled = Validator<Record<PropertyKey, never>, TSchema>;
/** A schema and its compiled check (the schema is kept to explain a refusal). */
interface Checked {
  readonly schema: TSchema;
  readonly check: Compiled;
}
const checked = (schema: TSchema): Checked => ({ schema, check: Compile(schema) as Compiled });

const hello = checked(HelloFrameSchema);
const commandChecks = Object.fromEntries(
  COMMAND_TYPES.map((type) => [
    type,
    { frame: checked(commandFrameSchema(type)), args: checked(CommandArgsSchema[type]) },
  ]),
) as Record<CommandType, { frame: Checked; args: Checked }>;
const rtcChecks = Object.fromEntries(
  (Object.keys(RtcFieldsSchema) as RtcOp[]).map((op) => [op, checked(rtcFrameSchema(op))]),
) as Record<RtcOp, Checked>;

const invalid = (message: string) => new RoomError(ErrorCode.INVALID_PARAMETER, message);

export function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && Object.hasOwn(commandChecks, value);
}

/** Validated arguments for one command, or a RoomError(INVALID_PARAMETER) naming the first bad field. */
export function validateArgs<T extends CommandType>(type: T, args: unknown): CommandArgs<T> {
  const { schema, check } = commandChecks[type].args;
  if (check.Check(args)) return args as CommandArgs<T>;
  if (args === null || typeof args !== 'object' || Array.isArray(args)) throw invalid('args must be an object');
  throw invalid(`${type}: ${explain(schema, args) ?? fallback(check, args)}`);
}

/**
 * Parses one client frame. Throws a FrameError with the request ID it could recover (so the answer can still be
 * matched) for anything malformed: bad JSON, unknown frame or command, wrong types, unknown fields, oversize.
 */
export function parseClientFrame(raw: string): ClientFrame {
  if (raw.length > MAX_RTC_FRAME_BYTES) throw new FrameError(null, invalid('frame too large'));
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new FrameError(null, invalid(raw.length > MAX_FRAME_BYTES ? 'frame too large' : 'frame is not JSON'));
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new FrameError(null, invalid('frame must be an object'));
  const frame = data as Record<string, unknown>;
  // Only an rtc answer (SDP) may exceed the ordinary limit; everything else is refused as before.
  if (raw.length > MAX_FRAME_BYTES && !(frame['t'] === 'rtc' && frame['op'] === 'answer'))
    throw new FrameError(null, invalid('frame too large'));
  const id =
    typeof frame['id'] === 'string' && frame['id'].length > 0 && frame['id'].length <= MAX_REQUEST_ID_LENGTH
      ? frame['id']
      : null;
  if (frame['t'] !== 'cmd' && frame['t'] !== 'hello' && frame['t'] !== 'rtc')
    throw new FrameError(id, invalid('unknown frame type'));
  if (id === null) throw new FrameError(null, invalid(`id must be a string of 1..${MAX_REQUEST_ID_LENGTH}`));
  // Half a surrogate pair (src/model/text.ts) only reaches a string through a \u escape, which JSON.stringify
  // writes for nothing else but control characters: frames without one are not walked.
  const wellFormed = (where: string, value: unknown) => {
    const at = raw.includes('\\u') ? loneSurrogateAt(value) : null;
    if (at !== null)
      throw new FrameError(id, invalid(`${where}: ${at || 'value'}: must be Unicode text (it has a lone surrogate)`));
  };
  if (frame['t'] === 'rtc') {
    const parsed = parseRtcFrame(frame, id);
    wellFormed(`rtc ${String(frame['op'])}`, frame);
    return parsed;
  }
  if (frame['t'] === 'hello') {
    if (!hello.check.Check(frame))
      throw new FrameError(id, invalid(`hello: ${explain(hello.schema, frame) ?? fallback(hello.check, frame)}`));
    wellFormed('hello', frame);
    return { t: 'hello', id, userName: frame['userName'] as string, avatarUrl: frame['avatarUrl'] as string };
  }
  const type = frame['type'];
  if (!isCommandType(type)) throw new FrameError(id, invalid('unknown command'));
  const args = frame['args'] ?? {};
  const { schema, check } = commandChecks[type].frame;
  if (check.Check(frame)) {
    wellFormed(type, args);
    return { t: 'cmd', id, type, args: args as Record<string, unknown> };
  }
  // The envelope first (its unknown fields), then the arguments, each worded as the protocol always has.
  const envelope = explain(schema, frame, 'args');
  if (envelope) throw new FrameError(id, invalid(`${type}: ${envelope}`));
  try {
    validateArgs(type, args);
  } catch (error) {
    throw new FrameError(id, error as RoomError);
  }
  throw new FrameError(id, invalid(`${type}: ${fallback(check, frame)}`));
}

function parseRtcFrame(frame: Record<string, unknown>, id: string): ClientFrame {
  const op = frame['op'];
  if (typeof op !== 'string' || !Object.hasOwn(rtcChecks, op)) throw new FrameError(id, invalid('rtc: unknown op'));
  const { schema, check } = rtcChecks[op as RtcOp];
  if (!check.Check(frame))
    throw new FrameError(id, invalid(`rtc ${op}: ${explain(schema, frame) ?? fallback(check, frame)}`));
  const { t: _t, id: _id, ...rest } = frame;
  return { t: 'rtc', id, ...(rest as RtcRequest) };
}

/** What the library says, should `explain` ever accept what the compiled check refused (it cannot by design). */
function fallback(check: Compiled, value: unknown): string {
  const [first] = check.Errors(value);
  return first ? `${first.instancePath.slice(1).replaceAll('/', ': ') || 'frame'}: ${first.message}` : 'invalid';
}

/** The JSON Schema keywords protocol-schema.ts uses. */
interface Schema {
  readonly type?: 'object' | 'string' | 'integer' | 'boolean' | 'array' | 'null';
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly Schema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly items?: Schema;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

/**
 * The first problem of `value` against `schema`, worded as the protocol documents it, or null when it conforms.
 * Cold path only (a refused frame). `skip` leaves one field of an object out (a command's `args`, checked apart).
 * Own fields only: JSON.parse makes `__proto__` or `constructor` own fields of a frame, and reading `value[key]`
 * for an absent key must not find the prototype's.
 */
export function explain(schema: TSchema, value: unknown, skip?: string): string | null {
  return explainAt(schema as Schema, value, skip);
}

function explainAt(s: Schema, v: unknown, skip?: string): string | null {
  if (s.anyOf) {
    // The protocol's unions are "X or null" and a literal list: null passes, anything else is judged by X.
    const nonNull = s.anyOf.filter((b) => b.type !== 'null');
    if (v === null && nonNull.length < s.anyOf.length) return null;
    const bad = nonNull.map((b) => explainAt(b, v));
    return bad.includes(null) ? null : (bad[0] ?? 'must be null');
  }
  if (s.enum) return s.enum.includes(v) ? null : `must be one of ${s.enum.join(', ')}`;
  if ('const' in s) return v === s.const ? null : `must be one of ${String(s.const)}`;
  switch (s.type) {
    case 'object': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'must be an object';
      const properties = s.properties ?? {};
      for (const key of Object.keys(v)) if (!Object.hasOwn(properties, key)) return `${key}: unknown field`;
      for (const [key, property] of Object.entries(properties)) {
        if (key === skip) continue;
        const field = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
        if (field === undefined) {
          if (s.required?.includes(key)) return `${key}: required`;
          continue;
        }
        const bad = explainAt(property, field);
        if (bad) return `${key}: ${bad}`;
      }
      return null;
    }
    case 'string': {
      if (typeof v !== 'string') return 'must be a string';
      // JSON Schema counts code points, as the compiled check does.
      const length = v.length > (s.maxLength ?? Infinity) || v.length < (s.minLength ?? 0) ? [...v].length : v.length;
      if (s.maxLength !== undefined && length > s.maxLength) return `longer than ${s.maxLength}`;
      if (s.minLength !== undefined && length < s.minLength) return 'too short';
      return null;
    }
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return 'must be an integer';
      return v < (s.minimum ?? -Infinity) || v > (s.maximum ?? Infinity) ? `must be ${s.minimum}..${s.maximum}` : null;
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be a boolean';
    case 'null':
      return v === null ? null : 'must be null';
    case 'array': {
      if (!Array.isArray(v)) return 'must be an array';
      if (s.maxItems !== undefined && v.length > s.maxItems) return `at most ${s.maxItems} items`;
      for (const item of v) {
        const bad = s.items ? explainAt(s.items, item) : null;
        if (bad) return `item ${bad}`;
      }
      return null;
    }
    default:
      return null;
  }
}
