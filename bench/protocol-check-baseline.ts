/**
 * The protocol's hand-written frame check as it was before the schema (src/backends/local/protocol-check.ts replaced
 * it; issue 16 §5), kept verbatim as the baseline of `npm run bench frames` and as the reference of the
 * differential test (test/src/backends/protocol-check.test.ts): same frames, same answers, same words.
 */
import { COMMAND_TYPES, type CommandArgs, type CommandType } from '../src/model/commands.js';
import { ErrorCode, RoomError } from '../src/model/errors.js';
import {
  type ClientFrame,
  FrameError,
  MAX_FRAME_BYTES,
  MAX_REQUEST_ID_LENGTH,
  MAX_RTC_FRAME_BYTES,
  type RtcRequest,
} from '../src/backends/local/protocol.js';

// ---- argument schemas: small, explicit, no dependency ----

type Check = (value: unknown) => string | null;

const str =
  (max: number, min = 0): Check =>
  (v) =>
    typeof v !== 'string'
      ? 'must be a string'
      : v.length > max
        ? `longer than ${max}`
        : v.length < min
          ? 'too short'
          : null;
const int =
  (min: number, max: number): Check =>
  (v) =>
    typeof v !== 'number' || !Number.isInteger(v)
      ? 'must be an integer'
      : v < min || v > max
        ? `must be ${min}..${max}`
        : null;
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be a boolean');
const oneOf =
  (...values: readonly string[]): Check =>
  (v) =>
    values.includes(v as string) ? null : `must be one of ${values.join(', ')}`;
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const optional = (check: Check): Check & { optional: true } =>
  Object.assign((v: unknown) => (v === undefined ? null : check(v)), { optional: true as const });
const arrayOf =
  (check: Check, max: number): Check =>
  (v) => {
    if (!Array.isArray(v)) return 'must be an array';
    if (v.length > max) return `at most ${max} items`;
    for (const item of v) {
      const bad = check(item);
      if (bad) return `item ${bad}`;
    }
    return null;
  };
const object =
  (shape: Record<string, Check>): Check =>
  (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'must be an object';
    return checkShape(v as Record<string, unknown>, shape);
  };

function checkShape(value: Record<string, unknown>, shape: Record<string, Check>): string | null {
  // Own properties only: `key in shape` would accept `constructor`, `__proto__`, `toString`… (JSON.parse makes
  // them own fields of the frame) as known fields, and `value[key]` would read the prototype's.
  for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) return `${key}: unknown field`;
  for (const [key, check] of Object.entries(shape)) {
    const v = Object.hasOwn(value, key) ? value[key] : undefined;
    if (v === undefined && !Object.hasOwn(check, 'optional')) return `${key}: required`;
    const bad = check(v);
    if (bad) return `${key}: ${bad}`;
  }
  return null;
}

const userId = str(32, 1);
const seatIndex = int(0, 19);
const timeoutSec = optional(int(0, 86_400));
// Text fields are bounded generously here; the rules apply the domain limits (and their documented codes).
const text = (max: number) => str(max);

const schemas: { readonly [T in CommandType]: Record<string, Check> } = {
  'room.start': {
    roomId: str(48, 1),
    options: object({
      roomName: optional(text(400)),
      coverUrl: optional(text(2000)),
      notice: optional(text(2000)),
      seatCount: optional(int(-1000, 1000)),
      seatMode: optional(oneOf('free', 'apply')),
      isPublicVisible: optional(bool),
      isMessageDisabled: optional(bool),
      keepOwnerOnSeat: optional(bool),
    }),
  },
  'room.join': { roomId: str(48, 1) },
  'room.leave': {},
  'room.end': {},
  'room.snapshot': {},
  'room.update': {
    patch: object({
      name: optional(text(400)),
      coverUrl: optional(text(2000)),
      notice: optional(text(2000)),
      seatMode: optional(oneOf('free', 'apply')),
      isMessageDisabled: optional(bool),
      isPublicVisible: optional(bool),
    }),
  },
  'room.list': { cursor: optional(str(200)), count: optional(int(1, 20)) },
  'seat.take': { index: nullable(seatIndex), timeoutSec },
  'seat.leave': {},
  'seat.move': { index: seatIndex, policy: optional(oneOf('abort', 'swap')) },
  'seat.kick': { userId },
  'seat.lock': { index: seatIndex, locked: bool },
  'seat.lockAudio': { index: seatIndex, locked: bool },
  'seat.selfMute': { muted: bool },
  'request.invite': { userId, index: nullable(seatIndex), timeoutSec },
  'request.respond': { requestId: str(120, 1), accept: bool },
  'request.cancel': { requestId: str(120, 1) },
  'request.respondAll': { accept: bool },
  'barrage.send': { text: text(2000) },
  'like.send': { count: int(1, 100) },
  'gift.catalog': {},
  'gift.send': { giftId: str(64, 1), count: int(1, 9_999), receiverId: userId },
  'wallet.get': {},
  'follow.set': { userId, follow: bool },
  'follow.get': { userId },
  'profile.get': { userId },
  'member.mute': { userId, seconds: int(0, 10 * 365 * 86_400) },
  'member.kick': { userId },
  'member.ban': { userIds: arrayOf(userId, 20), seconds: int(1, 10 * 365 * 86_400) },
  'member.unban': { userIds: arrayOf(userId, 20) },
  'admin.set': { userId, admin: bool },
  'audience.list': { cursor: optional(str(40)), keyword: optional(str(64)), count: optional(int(1, 100)) },
};

/** The envelope of a command frame; `args` itself is checked against the command's schema. */
const cmdFrameShape: Record<string, Check> = {
  t: str(3),
  id: str(MAX_REQUEST_ID_LENGTH, 1),
  type: str(64),
  args: optional(() => null),
};

/** Validated arguments for one command, or a RoomError(INVALID_PARAMETER) naming the first bad field. */
export function validateArgs<T extends CommandType>(type: T, args: unknown): CommandArgs<T> {
  const shape = schemas[type];
  if (args === null || typeof args !== 'object' || Array.isArray(args))
    throw new RoomError(ErrorCode.INVALID_PARAMETER, 'args must be an object');
  const bad = checkShape(args as Record<string, unknown>, shape);
  if (bad) throw new RoomError(ErrorCode.INVALID_PARAMETER, `${type}: ${bad}`);
  return args as CommandArgs<T>;
}

export function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && (COMMAND_TYPES as readonly string[]).includes(value);
}

/**
 * Parses one client frame. Throws a RoomError with the request ID it could recover (so the answer can still be
 * matched) for anything malformed: bad JSON, unknown frame or command, wrong types, oversize.
 */
export function parseClientFrame(raw: string): ClientFrame {
  if (raw.length > MAX_RTC_FRAME_BYTES)
    throw new FrameError(null, new RoomError(ErrorCode.INVALID_PARAMETER, 'frame too large'));
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new FrameError(
      null,
      new RoomError(
        ErrorCode.INVALID_PARAMETER,
        raw.length > MAX_FRAME_BYTES ? 'frame too large' : 'frame is not JSON',
      ),
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new FrameError(null, new RoomError(ErrorCode.INVALID_PARAMETER, 'frame must be an object'));
  const frame = data as Record<string, unknown>;
  // Only an rtc answer (SDP) may exceed the ordinary limit; everything else is refused as before.
  if (raw.length > MAX_FRAME_BYTES && !(frame['t'] === 'rtc' && frame['op'] === 'answer'))
    throw new FrameError(null, new RoomError(ErrorCode.INVALID_PARAMETER, 'frame too large'));
  const id =
    typeof frame['id'] === 'string' && frame['id'].length > 0 && frame['id'].length <= MAX_REQUEST_ID_LENGTH
      ? frame['id']
      : null;
  if (frame['t'] === 'rtc') return parseRtcFrame(frame, id);
  if (frame['t'] !== 'cmd' && frame['t'] !== 'hello')
    throw new FrameError(id, new RoomError(ErrorCode.INVALID_PARAMETER, 'unknown frame type'));
  if (id === null)
    throw new FrameError(
      null,
      new RoomError(ErrorCode.INVALID_PARAMETER, `id must be a string of 1..${MAX_REQUEST_ID_LENGTH}`),
    );
  if (frame['t'] === 'hello') {
    const bad = checkShape(frame, {
      t: str(5),
      id: str(MAX_REQUEST_ID_LENGTH, 1),
      userName: str(64),
      avatarUrl: str(500),
    });
    if (bad) throw new FrameError(id, new RoomError(ErrorCode.INVALID_PARAMETER, `hello: ${bad}`));
    return { t: 'hello', id, userName: frame['userName'] as string, avatarUrl: frame['avatarUrl'] as string };
  }
  const type = frame['type'];
  if (!isCommandType(type)) throw new FrameError(id, new RoomError(ErrorCode.INVALID_PARAMETER, 'unknown command'));
  const extra = checkShape(frame, cmdFrameShape);
  if (extra) throw new FrameError(id, new RoomError(ErrorCode.INVALID_PARAMETER, `${type}: ${extra}`));
  try {
    const args = validateArgs(type, frame['args'] ?? {});
    return { t: 'cmd', id, type, args: args as Record<string, unknown> };
  } catch (error) {
    throw new FrameError(id, error as RoomError);
  }
}

const rtcCandidate = object({
  candidate: str(2_000),
  sdpMid: optional(nullable(str(64))),
  sdpMLineIndex: optional(nullable(int(0, 64))),
  usernameFragment: optional(nullable(str(256))),
});
const rtcShapes: Record<RtcRequest['op'], Record<string, Check>> = {
  offer: {},
  answer: { sdp: str(MAX_RTC_FRAME_BYTES - 200, 10) },
  candidate: { candidate: nullable(rtcCandidate) },
  close: {},
};

function parseRtcFrame(frame: Record<string, unknown>, id: string | null): ClientFrame {
  if (id === null)
    throw new FrameError(
      null,
      new RoomError(ErrorCode.INVALID_PARAMETER, `id must be a string of 1..${MAX_REQUEST_ID_LENGTH}`),
    );
  const op = frame['op'];
  if (typeof op !== 'string' || !Object.prototype.hasOwnProperty.call(rtcShapes, op))
    throw new FrameError(id, new RoomError(ErrorCode.INVALID_PARAMETER, 'rtc: unknown op'));
  const bad = checkShape(frame, {
    t: str(3),
    id: str(MAX_REQUEST_ID_LENGTH, 1),
    op: str(16),
    ...rtcShapes[op as RtcRequest['op']],
  });
  if (bad) throw new FrameError(id, new RoomError(ErrorCode.INVALID_PARAMETER, `rtc ${op}: ${bad}`));
  const { t: _t, id: _id, ...rest } = frame;
  return { t: 'rtc', id, ...(rest as RtcRequest) };
}
