/**
 * The one definition of every Live REST request body (server/http/README.md documents the API). Each schema is a
 * JSON Schema object (TypeBox), so the same object gives the handlers' body types (`Static<>`), the server's check
 * (`checkBody`: TypeBox's compiled check) and the published JSON Schema (docs/schema/rest.json, `npm run schema`),
 * as src/backends/local/protocol-schema.ts does for the WebSocket frames.
 *
 * What JSON Schema cannot say is carried as annotations (extension keywords, which validators ignore):
 * - `x-maxBytes`: the field's limit in UTF-8 bytes, as the seed counts it. `maxLength` says the same limit in code
 *   points (a string of more code points than bytes allowed is surely too long), and `checkBody` checks the bytes
 *   after the compiled check.
 * - `x-errorCode`: the code a failure of that kind answers when it is not the service's bad-field code (100002,
 *   70402 or 40001), e.g. `{"maxBytes": 40601}` for a profile value over 500 bytes.
 * - `x-message`: the ErrorInfo of a failure of that kind when it is not the usual wording; `{name}` is the field's
 *   path, `{value}` the value sent.
 * A refused body is explained by walking the same schema in the order the handlers always read their fields, so
 * every ErrorInfo is worded as before (`RoomInfo.RoomId is required`, `Keys[0] must be a non-empty string`).
 *
 * Unknown body fields are ignored, as they always were (the seed's bodies carry fields this server does not use):
 * objects here do not set `additionalProperties: false`, unlike the protocol's frames. A `null` counts as a wrong
 * type, never as "absent", except where the handlers always read it as absent (`nullable`).
 *
 * What depends on the server's configuration (MaxMemberCount ≤ VR_MAX_MEMBERS) or on the state (a seat index in
 * the room, a room ID's characters, a blank name, a cursor) stays in the handlers, after this check.
 */
import Type, { type Static, type TObject, type TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { MAX_ADMINS, MAX_BAN_BATCH, MAX_SANCTION_SEC, MAX_SEAT_COUNT, MAX_TOP_UP } from '../../src/core.js';
import { CALLBACK_COMMANDS } from '../callbacks/webhooks.js';
import { LONE_SURROGATE } from '../../src/model/text.js';
import { RestCode, RestError, byteLength } from './rest-envelope.js';

export const INT32_MAX = 2_147_483_647;
export const MAX_ACCOUNT_BATCH = 100;
export const MAX_PROFILE_VALUE_BYTES = 500;
export const PROFILE_TAGS = ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image', 'Tag_Profile_IM_Level'] as const;
export type ProfileTag = (typeof PROFILE_TAGS)[number];
/** Not documented by the seed; bounded so one room cannot carry an unbounded string. */
export const MAX_CUSTOM_INFO_BYTES = 2_048;
export const MAX_COVER_URL_BYTES = 200;
export const MAX_ROOM_NAME_BYTES = 100;
export const METADATA_MAX_KEY_BYTES = 50;
export const METADATA_MAX_VALUE_BYTES = 2 * 1024;
/** The seed documents no cap for mute_member; one call mutes at most this many. */
export const MAX_MUTE_BATCH = 100;
/** Data of kick_user_off_seat is required by the seed but unbounded there; we cap it. */
export const MAX_KICK_DATA_BYTES = 1_024;
export const MAX_CALLBACK_URL_BYTES = 1_024;
export const MAX_CALLBACK_TOKEN_BYTES = 128;
export const MAX_CATALOG_SIZE = 500;
/** top_up's RequestId (its idempotency key): 1..64 printable ASCII characters, as payment APIs' keys are. */
export const MAX_TOP_UP_REQUEST_ID = 64;

/** The kinds of failure `x-errorCode` and `x-message` can name. */
type Kind = 'required' | 'type' | 'minLength' | 'maxBytes' | 'enum' | 'range' | 'minItems' | 'maxItems';
interface Annotations {
  readonly 'x-errorCode'?: Partial<Record<Kind, number>>;
  readonly 'x-message'?: string | Partial<Record<Kind, string>>;
}

const str = (maxBytes: number, opts: { minBytes?: 1; description?: string } & Annotations = {}) => {
  const { minBytes, ...annotations } = opts;
  return Type.String({
    ...(minBytes ? { minLength: 1 } : {}),
    maxLength: maxBytes,
    'x-maxBytes': maxBytes,
    ...annotations,
  });
};
/** A string that must be one of `values` (after its type and byte limit). */
const oneOf = <const V extends readonly string[]>(
  values: V,
  maxBytes: number | null,
  opts: { minBytes?: 1 } & Annotations = {},
) => {
  const { minBytes, ...annotations } = opts;
  return Type.Unsafe<V[number]>({
    type: 'string',
    ...(minBytes ? { minLength: 1 } : {}),
    ...(maxBytes === null ? {} : { maxLength: maxBytes, 'x-maxBytes': maxBytes }),
    enum: [...values],
    ...annotations,
  });
};
const int = (minimum: number, maximum: number, annotations: Annotations = {}) =>
  Type.Integer({ minimum, maximum, ...annotations });
const list = <T extends TSchema>(item: T, opts: { max: number; allowEmpty?: boolean }) =>
  Type.Array(item, { ...(opts.allowEmpty ? {} : { minItems: 1 }), maxItems: opts.max });
const opt = Type.Optional;
/** Absent or null both mean "not given" (the handlers always read these fields so). */
const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
/** Any value but null (undefined is "required"). */
const present = () => Type.Unsafe<string | number | boolean | object>({ not: { type: 'null' } });

const roomId = str(48, { minBytes: 1 });
const account = str(32, { minBytes: 1 });
/** An item of an account list: every failure is worded the same. */
const accounts = (max: number) =>
  list(str(32, { minBytes: 1, 'x-message': '{name} must be a user ID of 1-32 bytes' }), { max });
const metadataKey = Type.String({ minLength: 1, 'x-message': '{name} must be a non-empty string' });
const category = nullable(
  list(int(0, INT32_MAX, { 'x-message': '{name} must be a non-negative integer' }), { max: 3, allowEmpty: true }),
);
const takeSeatMode = opt(
  oneOf(['FreeToTake', 'ApplyToTake'], 16, { 'x-message': { enum: '{name} must be FreeToTake or ApplyToTake' } }),
);
/**
 * MaxMemberCount: an integer here; its range 1..VR_MAX_MEMBERS is the server's configuration, so the handlers
 * check it (with the same wording).
 */
const maxMemberCount = opt(Type.Integer({ description: '1..VR_MAX_MEMBERS (the server configuration)' }));
const unknownTag = {
  'x-errorCode': { enum: RestCode.PROFILE_UNKNOWN_TAG },
  'x-message': { enum: `unknown profile tag {value} (supported: ${PROFILE_TAGS.join(', ')})` },
} as const;
const profileTag = oneOf(PROFILE_TAGS, null, unknownTag);
const profileValue = str(MAX_PROFILE_VALUE_BYTES, { 'x-errorCode': { maxBytes: RestCode.ACCOUNT_VALUE_TOO_LONG } });
const userId = account;
const offset = opt(int(0, Number.MAX_SAFE_INTEGER));
const limit = opt(int(1, 100));

/** Every command's body, by service, in the order each handler reads its fields. */
export const RestBodySchema = {
  live_engine_http_srv: {
    create_room: Type.Object({
      RoomInfo: Type.Object({
        RoomId: roomId,
        RoomType: oneOf(['Live'], 16, { minBytes: 1, 'x-message': { enum: '{name} must be "Live"' } }),
        RoomName: opt(str(MAX_ROOM_NAME_BYTES)),
        Owner_Account: opt(account),
        MaxMemberCount: maxMemberCount,
        CoverURL: opt(str(MAX_COVER_URL_BYTES)),
        IsMessageDisabled: opt(Type.Boolean()),
        Category: category,
        IsPublicVisible: opt(Type.Boolean()),
        IsSeatEnabled: opt(Type.Boolean()),
        TakeSeatMode: takeSeatMode,
        MaxSeatCount: opt(int(1, MAX_SEAT_COUNT)),
        ActivityStatus: opt(int(-INT32_MAX - 1, INT32_MAX)),
        IsUnlimitedRoomEnabled: opt(Type.Boolean()),
        CustomInfo: opt(str(MAX_CUSTOM_INFO_BYTES)),
      }),
    }),
    destroy_room: Type.Object({ RoomId: roomId }),
    update_room_info: Type.Object({
      RoomInfo: Type.Object({
        RoomId: roomId,
        RoomName: opt(str(MAX_ROOM_NAME_BYTES)),
        MaxMemberCount: maxMemberCount,
        IsMessageDisabled: opt(Type.Boolean()),
        CoverURL: opt(str(MAX_COVER_URL_BYTES)),
        Category: category,
        ActivityStatus: opt(int(-INT32_MAX - 1, INT32_MAX)),
        IsPublicVisible: opt(Type.Boolean()),
        TakeSeatMode: takeSeatMode,
        CustomInfo: opt(str(MAX_CUSTOM_INFO_BYTES)),
      }),
    }),
    get_room_info: Type.Object({ RoomId: roomId }),
    get_room_list: Type.Object({ Next: str(256), Count: opt(int(1, 20)) }),
    get_room_metadata: Type.Object({ RoomId: roomId, Keys: list(metadataKey, { max: 100, allowEmpty: true }) }),
    set_room_metadata: Type.Object({
      RoomId: roomId,
      Metadata: list(
        Type.Object(
          {
            Key: Type.String({
              minLength: 1,
              maxLength: METADATA_MAX_KEY_BYTES,
              'x-maxBytes': METADATA_MAX_KEY_BYTES,
              'x-errorCode': { maxBytes: RestCode.METADATA_KEY_TOO_LARGE },
              'x-message': {
                required: '{name} must be a non-empty string',
                type: '{name} must be a non-empty string',
                minLength: '{name} must be a non-empty string',
              },
            }),
            Value: Type.String({
              maxLength: METADATA_MAX_VALUE_BYTES,
              'x-maxBytes': METADATA_MAX_VALUE_BYTES,
              'x-errorCode': { maxBytes: RestCode.METADATA_VALUE_TOO_LARGE },
              'x-message': { required: '{name} must be a string', maxBytes: '{name} is larger than 2 KB' },
            }),
          },
          { 'x-message': { type: '{name} must be an object {Key, Value}' } },
        ),
        { max: 100 },
      ),
    }),
    del_room_metadata: Type.Object({ RoomId: roomId, Keys: list(metadataKey, { max: 100 }) }),
    get_member_list: Type.Object({ RoomId: roomId, Next: str(32) }),
    mute_member: Type.Object({
      RoomId: roomId,
      MemberList_Account: accounts(MAX_MUTE_BATCH),
      MuteTime: int(0, MAX_SANCTION_SEC),
    }),
    get_muted_member_list: Type.Object({ RoomId: roomId }),
    ban_member: Type.Object({
      RoomId: roomId,
      MemberList_Account: accounts(MAX_BAN_BATCH),
      Reason: opt(str(1024)),
      Duration: int(1, MAX_SANCTION_SEC),
    }),
    unban_member: Type.Object({ RoomId: roomId, MemberList_Account: accounts(MAX_BAN_BATCH) }),
    get_banned_member_list: Type.Object({ RoomId: roomId, Offset: offset, Limit: limit }),
    modify_admin: Type.Object({
      RoomId: roomId,
      Admin_Account: accounts(MAX_ADMINS),
      OpType: oneOf(['add', 'delete'], 8, { 'x-message': { enum: '{name} must be "add" or "delete"' } }),
    }),
    get_admin_list: Type.Object({ RoomId: roomId }),
    search_room_member: Type.Object({ RoomId: roomId, Keyword: str(64, { minBytes: 1 }), Next: str(32) }),
  },
  room_engine_http_mic: {
    get_seat_list: Type.Object({ RoomId: roomId }),
    pick_user_on_seat: Type.Object({ RoomId: roomId, Index: int(0, 1_000), Member_Account: account }),
    kick_user_off_seat: Type.Object({ RoomId: roomId, Member_Account: account, Data: str(MAX_KICK_DATA_BYTES) }),
    lock_seat: Type.Object({
      RoomId: roomId,
      Index: int(0, 1_000),
      ForbidTaken: opt(Type.Boolean()),
      ForbidVideo: opt(Type.Boolean()),
      ForbidAudio: opt(Type.Boolean()),
    }),
  },
  live_config: {
    get_callback: Type.Object({}),
    set_callback: callbackConfig(),
    update_callback: callbackConfig(),
    delete_callback: Type.Object({}),
    set_callback_token: Type.Object({ Token: str(MAX_CALLBACK_TOKEN_BYTES) }),
  },
  im_open_login_svc: {
    account_import: Type.Object({ UserID: account, Nick: nullable(profileValue), FaceUrl: nullable(profileValue) }),
    /** Each item is checked as an account_import body; a bad one is reported in FailAccounts, not refused. */
    multiaccount_import: Type.Object({
      AccountList: list(Type.Object({}, { 'x-message': { type: '{name} must be an object' } }), {
        max: MAX_ACCOUNT_BATCH,
      }),
    }),
    account_check: Type.Object({
      CheckItem: list(
        Type.Object(
          { UserID: str(32, { minBytes: 1, 'x-message': '{name} must be a user ID of 1-32 bytes' }) },
          { 'x-message': { type: '{name}.UserID must be a user ID of 1-32 bytes' } },
        ),
        { max: MAX_ACCOUNT_BATCH },
      ),
    }),
  },
  profile: {
    /** Value's type depends on Tag (a uint32 for the level, a string otherwise): the handler checks it. */
    portrait_set: Type.Object({
      From_Account: account,
      ProfileItem: list(
        Type.Object(
          {
            Tag: oneOf(PROFILE_TAGS, null, {
              minBytes: 1,
              'x-errorCode': unknownTag['x-errorCode'],
              'x-message': {
                ...unknownTag['x-message'],
                required: '{name} must be a string',
                type: '{name} must be a string',
                minLength: '{name} must be a string',
              },
            }),
            Value: present(),
          },
          { 'x-message': { type: '{name} must be an object {Tag, Value}' } },
        ),
        { max: 50 },
      ),
    }),
    portrait_get: Type.Object({ To_Account: accounts(MAX_ACCOUNT_BATCH), TagList: list(profileTag, { max: 50 }) }),
  },
  vr_gift: {
    get_catalog: Type.Object({}),
    /** Each gift is checked by the shared validateCatalog (src/rules/gifts.ts), as clients' catalogs are. */
    set_catalog: Type.Object({ GiftList: list(Type.Unknown(), { max: MAX_CATALOG_SIZE, allowEmpty: true }) }),
    get_balance: Type.Object({ UserID: userId }),
    set_balance: Type.Object({ UserID: userId, Coins: int(0, Number.MAX_SAFE_INTEGER) }),
    /** RequestId's characters are checked by the handler, as a RoomId's are; the description says so. */
    top_up: Type.Object({
      UserID: userId,
      Coins: int(1, MAX_TOP_UP),
      RequestId: opt(
        str(MAX_TOP_UP_REQUEST_ID, {
          minBytes: 1,
          description:
            'Idempotency key: printable ASCII without spaces (0x21-0x7E, checked by the server). The same key ' +
            'again with the same UserID and Coins answers the first entry without crediting; with another ' +
            'UserID or Coins it answers 100002.',
        }),
      ),
    }),
    get_ledger: Type.Object({ UserID: nullable(userId), RoomId: opt(roomId), Offset: offset, Limit: limit }),
  },
} as const satisfies Record<string, Record<string, TObject>>;

function callbackConfig() {
  return Type.Object({
    Url: str(MAX_CALLBACK_URL_BYTES, { minBytes: 1 }),
    CallbackCommandList: list(
      Type.Unsafe<(typeof CALLBACK_COMMANDS)[number]>({
        enum: [...CALLBACK_COMMANDS],
        'x-message': '{name} is not a callback command',
      }),
      { max: 50, allowEmpty: true },
    ),
  });
}

export type RestService = keyof typeof RestBodySchema;
export type RestCommand<S extends RestService> = keyof (typeof RestBodySchema)[S] & string;
/** The checked body of one command. */
export type RestBody<
  S extends RestService,
  C extends RestCommand<S>,
> = (typeof RestBodySchema)[S][C] extends infer T extends TSchema ? Static<T> : never;

type Compiled = Validator<Record<PropertyKey, never>, TSchema>;

/** A compiled body check: the body as its schema types it, or the RestError the handler used to throw. */
export interface BodyCheck<T> {
  readonly schema: TSchema;
  (body: unknown, code: number): T;
}

export function bodyCheck<S extends TSchema>(schema: S): BodyCheck<Static<S>> {
  const compiled = Compile(schema) as Compiled;
  const check = (body: unknown, code: number): Static<S> => {
    // The compiled check first; then the byte limits (and, for a refused body, the first problem as worded before).
    const valid = compiled.Check(body);
    const problem = explainAt(schema as Schema, body, '', code, valid);
    if (problem) throw problem;
    if (!valid) throw new RestError(code, fallback(compiled, body));
    return body as Static<S>;
  };
  return Object.assign(check, { schema });
}

/**
 * The first problem of `body` against `schema` as the handlers word it, or null. `compiledValid`: the compiled
 * check passed, so only the byte limits are looked at. For the tests (the walk and the compiled check must agree).
 */
export function explainRestBody(schema: TSchema, body: unknown, code: number, compiledValid = false): RestError | null {
  return explainAt(schema as Schema, body, '', code, compiledValid);
}

/** What the library says, should the walk ever accept what the compiled check refused (it cannot by design). */
function fallback(check: Compiled, value: unknown): string {
  const [first] = check.Errors(value);
  return first ? `${first.instancePath.slice(1).replaceAll('/', '.') || 'body'}: ${first.message}` : 'invalid body';
}

/** The JSON Schema keywords (and annotations) this module uses. */
interface Schema extends Annotations {
  readonly type?: 'object' | 'string' | 'integer' | 'boolean' | 'array' | 'null';
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly Schema[];
  readonly not?: Schema;
  readonly enum?: readonly unknown[];
  readonly items?: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly 'x-maxBytes'?: number;
}

function failure(s: Schema, kind: Kind, name: string, value: unknown, code: number, usual: string): RestError {
  const messages = s['x-message'];
  const message = typeof messages === 'string' ? messages : messages?.[kind];
  // Only a string is ever named in a message ({value} follows a type check); anything else is shown as JSON.
  const shown = () => (typeof value === 'string' ? value : JSON.stringify(value));
  const text = message ? message.replaceAll('{name}', name).replace(/\{value\}/g, shown) : `${name} ${usual}`;
  return new RestError(s['x-errorCode']?.[kind] ?? code, text);
}

/**
 * The first problem of `v` against `s`, worded as the handlers always did, or null when it conforms. `valid` says
 * the compiled check passed: then only the byte limits (which JSON Schema cannot say) are left to look at, and the
 * walk skips what the compiled check has just proved. Own fields only: JSON.parse makes `__proto__` an own field,
 * and reading `v[key]` for an absent key must not find the prototype's (`constructor`).
 */
function explainAt(s: Schema, v: unknown, name: string, code: number, valid: boolean): RestError | null {
  if (s.anyOf) {
    // The unions here are "X or null", where null means absent.
    if (v === null) return null;
    return explainAt(
      s.anyOf.find((b) => b.type !== 'null')!,
      v,
      name,
      code,
      valid,
    );
  }
  if (s.not) return v === null ? failure(s, 'required', name, v, code, 'is required') : null;
  switch (s.type) {
    case 'object': {
      if (!valid && (v === null || typeof v !== 'object' || Array.isArray(v)))
        return failure(s, 'type', name, v, code, 'must be an object');
      const body = v as Record<string, unknown>;
      for (const [key, property] of Object.entries(s.properties ?? {})) {
        const path = name ? `${name}.${key}` : key;
        const field = Object.hasOwn(body, key) ? body[key] : undefined;
        if (field === undefined || (field === null && property.type === 'object')) {
          if (s.required?.includes(key)) return failure(property, 'required', path, field, code, 'is required');
          continue;
        }
        const bad = explainAt(property, field, path, code, valid);
        if (bad) return bad;
      }
      return null;
    }
    case 'string': {
      if (typeof v !== 'string') return failure(s, 'type', name, v, code, 'must be a string');
      // JSON can spell half a surrogate pair ("\ud800"), which is no text at all: SQLite stores it as bytes that
      // read back as three U+FFFD, so a metadata key could never be read or deleted by the name it was set
      // with, two such keys collided, and a name changed at the next restart. Refused in every field, whatever
      // its limits (a whole pair, an emoji, is of course fine).
      if (LONE_SURROGATE.test(v)) return new RestError(code, `${name} must be Unicode text (it has a lone surrogate)`);
      const maxBytes = s['x-maxBytes'];
      // A UTF-16 unit is at most 3 UTF-8 bytes: only a string that could be over the limit is counted.
      if (maxBytes !== undefined && v.length * 3 > maxBytes && byteLength(v) > maxBytes)
        return failure(s, 'maxBytes', name, v, code, `is longer than ${maxBytes} bytes`);
      if (valid) return null;
      if (s.minLength !== undefined && v.length < s.minLength)
        return failure(s, 'minLength', name, v, code, 'must not be empty');
      if (s.enum && !s.enum.includes(v))
        return failure(s, 'enum', name, v, code, `must be one of ${s.enum.join(', ')}`);
      return null;
    }
    case 'integer':
      if (valid) return null;
      if (typeof v !== 'number' || !Number.isInteger(v)) return failure(s, 'type', name, v, code, 'must be an integer');
      if ((s.minimum !== undefined && v < s.minimum) || (s.maximum !== undefined && v > s.maximum))
        return failure(s, 'range', name, v, code, `must be from ${s.minimum} to ${s.maximum}`);
      return null;
    case 'boolean':
      return valid || typeof v === 'boolean' ? null : failure(s, 'type', name, v, code, 'must be a boolean');
    case 'array': {
      if (!valid) {
        if (!Array.isArray(v)) return failure(s, 'type', name, v, code, 'must be an array');
        if (s.minItems !== undefined && v.length < s.minItems)
          return failure(s, 'minItems', name, v, code, 'must not be empty');
        if (s.maxItems !== undefined && v.length > s.maxItems)
          return failure(s, 'maxItems', name, v, code, `has more than ${s.maxItems} items`);
      }
      if (!s.items || (valid && !hasStrings(s.items))) return null;
      const items = v as unknown[];
      for (let i = 0; i < items.length; i++) {
        const bad = explainAt(s.items, items[i], `${name}[${i}]`, code, valid);
        if (bad) return bad;
      }
      return null;
    }
    default:
      if (!valid && s.enum && !s.enum.includes(v))
        return failure(s, 'enum', name, v, code, `must be one of ${s.enum.join(', ')}`);
      return null;
  }
}

const stringy = new WeakMap<Schema, boolean>();
/**
 * Whether anything under `s` is a string, which the walk checks after the compiled check (its byte limit, its
 * surrogates): a valid array of numbers or booleans needs no second look.
 */
function hasStrings(s: Schema): boolean {
  let known = stringy.get(s);
  if (known === undefined) {
    known =
      s.type === 'string' ||
      Object.values(s.properties ?? {}).some(hasStrings) ||
      (s.anyOf ?? []).some(hasStrings) ||
      (s.items !== undefined && hasStrings(s.items));
    stringy.set(s, known);
  }
  return known;
}

/** One compiled check per command, built once. */
export const restBodyChecks = Object.fromEntries(
  Object.entries(RestBodySchema).map(([service, commands]) => [
    service,
    Object.fromEntries(Object.entries(commands).map(([command, schema]) => [command, bodyCheck(schema)])),
  ]),
) as { readonly [S in RestService]: { readonly [C in RestCommand<S>]: BodyCheck<RestBody<S, C>> } };

/** `code` for the service's bad fields (100002 unless the seed documents another). */
export const REST_PARAM_CODE: Readonly<Record<RestService, number>> = {
  live_engine_http_srv: RestCode.INVALID_PARAM,
  room_engine_http_mic: RestCode.INVALID_PARAM,
  live_config: RestCode.INVALID_PARAM,
  im_open_login_svc: RestCode.ACCOUNT_INVALID_PARAM,
  profile: RestCode.PROFILE_INVALID_PARAM,
  vr_gift: RestCode.INVALID_PARAM,
};
