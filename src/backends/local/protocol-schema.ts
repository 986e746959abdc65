/**
 * The one definition of every client → server frame of the local room server's protocol (protocol.ts documents the
 * protocol). Each schema here is a JSON Schema (TypeBox builds plain JSON Schema objects), so the same object gives
 * the TypeScript types (`Static<>`), the server's check (protocol-check.ts) and the published JSON Schema
 * (docs/schema/protocol.json, written by `npm run schema`).
 *
 * Why TypeBox (issue 16 §5; measured in BENCHMARKS.md, "Frame validation"): the schema *is* JSON Schema, so the
 * published file cannot describe something other than what the server checks (valibot and zod convert, and drop what
 * JSON Schema cannot say); its compiled check is faster than the hand-written one it replaces on the server's hot
 * path. The compiler uses `new Function`: only the server runs it. The browser imports this module's types only
 * (protocol.ts uses `import type`), so the kit's bundle and its CSP (no 'unsafe-eval') are untouched.
 *
 * Limits follow JSON Schema: `maxLength` counts code points (the hand-written check counted UTF-16 units, so an
 * emoji counted twice); the rules apply the domain limits (and their documented codes) after this.
 */
import Type, { type Static, type TObject, type TProperties, type TSchema } from 'typebox';
import type { CommandArgs, CommandType } from '../../model/commands.js';
import { MAX_REQUEST_ID_LENGTH, MAX_RTC_FRAME_BYTES } from './protocol.js';

/** Every object in the protocol refuses fields it does not name (a typo or a `__proto__` is an error, not ignored). */
const object = <P extends TProperties>(properties: P, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });
const str = (maxLength: number, minLength = 0) => Type.String(minLength > 0 ? { minLength, maxLength } : { maxLength });
const int = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const userId = str(32, 1);
const seatIndex = int(0, 19);
const timeoutSec = Type.Optional(int(0, 86_400));
const seatMode = Type.Enum(['free', 'apply']);
const requestId = str(MAX_REQUEST_ID_LENGTH, 1);
/** Text fields are bounded generously here; the rules apply the domain limits (and their documented codes). */
const text = (max: number) => str(max);

/** The arguments of each command (`args` of a `cmd` frame); src/model/commands.ts says what each one does. */
export const CommandArgsSchema = {
  'room.start': object({
    roomId: str(48, 1),
    options: object({
      roomName: Type.Optional(text(400)),
      coverUrl: Type.Optional(text(2000)),
      notice: Type.Optional(text(2000)),
      seatCount: Type.Optional(int(-1000, 1000)),
      seatMode: Type.Optional(seatMode),
      isPublicVisible: Type.Optional(Type.Boolean()),
      isMessageDisabled: Type.Optional(Type.Boolean()),
      keepOwnerOnSeat: Type.Optional(Type.Boolean()),
    }),
  }),
  'room.join': object({ roomId: str(48, 1) }),
  'room.leave': object({}),
  'room.end': object({}),
  'room.snapshot': object({}),
  'room.update': object({
    patch: object({
      name: Type.Optional(text(400)),
      coverUrl: Type.Optional(text(2000)),
      notice: Type.Optional(text(2000)),
      seatMode: Type.Optional(seatMode),
      isMessageDisabled: Type.Optional(Type.Boolean()),
      isPublicVisible: Type.Optional(Type.Boolean()),
    }),
  }),
  'room.list': object({ cursor: Type.Optional(str(200)), count: Type.Optional(int(1, 20)) }),
  'seat.take': object({ index: nullable(seatIndex), timeoutSec }),
  'seat.leave': object({}),
  'seat.move': object({ index: seatIndex, policy: Type.Optional(Type.Enum(['abort', 'swap'])) }),
  'seat.kick': object({ userId }),
  'seat.lock': object({ index: seatIndex, locked: Type.Boolean() }),
  'seat.lockAudio': object({ index: seatIndex, locked: Type.Boolean() }),
  'seat.selfMute': object({ muted: Type.Boolean() }),
  'request.invite': object({ userId, index: nullable(seatIndex), timeoutSec }),
  'request.respond': object({ requestId: str(120, 1), accept: Type.Boolean() }),
  'request.cancel': object({ requestId: str(120, 1) }),
  'request.respondAll': object({ accept: Type.Boolean() }),
  'barrage.send': object({ text: text(2000) }),
  'like.send': object({ count: int(1, 100) }),
  'gift.catalog': object({}),
  'gift.send': object({ giftId: str(64, 1), count: int(1, 9_999), receiverId: userId }),
  'wallet.get': object({}),
  'follow.set': object({ userId, follow: Type.Boolean() }),
  'follow.get': object({ userId }),
  'profile.get': object({ userId }),
  'member.mute': object({ userId, seconds: int(0, 10 * 365 * 86_400) }),
  'member.kick': object({ userId }),
  'member.ban': object({ userIds: Type.Array(userId, { maxItems: 20 }), seconds: int(1, 10 * 365 * 86_400) }),
  'member.unban': object({ userIds: Type.Array(userId, { maxItems: 20 }) }),
  'admin.set': object({ userId, admin: Type.Boolean() }),
  'audience.list': object({
    cursor: Type.Optional(str(40)),
    keyword: Type.Optional(str(64)),
    count: Type.Optional(int(1, 100)),
  }),
} as const satisfies { readonly [T in CommandType]: TObject };

/**
 * The schemas accept exactly the domain's command arguments (src/model/commands.ts, which stays free of any
 * library): a checked value is a valid `CommandArgs<T>` and names the same fields. A drift is a type error here.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ArgsMatch<T extends CommandType> =
  Static<(typeof CommandArgsSchema)[T]> extends CommandArgs<T>
    ? Same<keyof Static<(typeof CommandArgsSchema)[T]>, keyof CommandArgs<T>>
    : false;
type AllTrue<T extends true> = T;
export type CommandArgsMatchModel = AllTrue<{ [T in CommandType]: ArgsMatch<T> }[CommandType]>;

/** `hello`: sent once after connecting, the display identity (the user ID itself comes from the verified UserSig). */
export const HelloFrameSchema = object(
  { t: Type.Literal('hello'), id: requestId, userName: str(64), avatarUrl: str(500) },
  'Sent once after connecting: the display identity (the user ID comes from the verified UserSig).',
);
export type HelloFrame = Static<typeof HelloFrameSchema>;

/**
 * A `cmd` frame of one command. `args` absent or null means `{}`, so it may be left out only by a command whose
 * arguments are all optional.
 */
export const commandFrameSchema = (type: CommandType): TObject => {
  const args: TSchema = CommandArgsSchema[type];
  const required = 'required' in args && Array.isArray(args.required) && args.required.length > 0;
  return object({
    t: Type.Literal('cmd'),
    id: requestId,
    type: Type.Literal(type),
    args: required ? args : Type.Optional(nullable(args)),
  });
};

/** One trickled ICE candidate. */
export const RtcCandidateSchema = object({
  candidate: str(2_000),
  sdpMid: Type.Optional(nullable(str(64))),
  sdpMLineIndex: Type.Optional(nullable(int(0, 64))),
  usernameFragment: Type.Optional(nullable(str(256))),
});
export type RtcCandidate = Static<typeof RtcCandidateSchema>;

const rtcOffer = {};
const rtcAnswer = { sdp: str(MAX_RTC_FRAME_BYTES - 200, 10) };
/** null (or an empty candidate) = end of candidates. */
const rtcCandidate = { candidate: nullable(RtcCandidateSchema) };
const rtcClose = {};

/** The fields of each audio signalling request, by op. */
export const RtcFieldsSchema = {
  offer: rtcOffer,
  answer: rtcAnswer,
  candidate: rtcCandidate,
  close: rtcClose,
} as const;
export type RtcOp = keyof typeof RtcFieldsSchema;

/** An `rtc` frame of one op, as sent: `{t: 'rtc', id, op, …fields}`. */
export const rtcFrameSchema = (op: RtcOp): TObject =>
  object({ t: Type.Literal('rtc'), id: requestId, op: Type.Literal(op), ...RtcFieldsSchema[op] });

/**
 * Audio signalling (`RtcRequest`). The server offers (so the transceivers are fixed on its side: one for the client's microphone,
 * one per seat toward the client, never renegotiated when seats change hands); the client answers and trickles.
 * - `offer`: (re)start audio for the room this connection is in; answered with an RtcOffer.
 * - `answer`: the client's SDP answer to the latest offer, once. One that does not answer it (not SDP, other m-lines
 *   or mids than offered, an m-line without ICE credentials or DTLS fingerprint) is refused with INVALID_PARAMETER
 *   and changes nothing: the offer still waits for its answer.
 * - `candidate`: one trickled ICE candidate (null/empty candidate = end of candidates). An offer takes at most 48
 *   (those in the answer count too); more are refused with INVALID_PARAMETER.
 * - `close`: stop audio for this connection.
 */
export const RtcRequestSchema = Type.Union([
  object({ op: Type.Literal('offer'), ...rtcOffer }),
  object({ op: Type.Literal('answer'), ...rtcAnswer }),
  object({ op: Type.Literal('candidate'), ...rtcCandidate }),
  object({ op: Type.Literal('close'), ...rtcClose }),
]);
export type RtcRequest = Static<typeof RtcRequestSchema>;
