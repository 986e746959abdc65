// The REST body check (server/http/rest-schema.ts): one TypeBox schema per command, checked by TypeBox's compiled
// check, refusals worded by walking the schema. The table pins, per class of bad input, the code and ErrorInfo the
// hand-written field readers it replaced answered; the property checks that the walk and the compiled check agree
// on every body (the walk never accepts what the compiled check refuses, and skipping what the compiled check
// proved never changes the answer).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { RestError } from '../../../server/http/rest-envelope.js';
import {
  REST_PARAM_CODE,
  RestBodySchema,
  type RestService,
  explainRestBody,
  restBodyChecks,
} from '../../../server/http/rest-schema.js';

function check(service: RestService, command: string, body: unknown): RestError | null {
  const checks = restBodyChecks[service] as Record<string, (body: unknown, code: number) => unknown>;
  try {
    checks[command]!(body, REST_PARAM_CODE[service]);
    return null;
  } catch (error) {
    assert.ok(error instanceof RestError, String(error));
    return error;
  }
}

const TAGS = 'Tag_Profile_IM_Nick, Tag_Profile_IM_Image, Tag_Profile_IM_Level';
const room = (info: Record<string, unknown>) => ({ RoomInfo: { RoomId: 'r1', RoomType: 'Live', ...info } });
const meta = (item: unknown) => ({ RoomId: 'r1', Metadata: [item] });
const portrait = (item: unknown) => ({ From_Account: 'u1', ProfileItem: [item] });

/** [service/command, body, expected code and ErrorInfo, or null for accepted]. */
const TABLE: [string, unknown, [number, string] | null][] = [
  // missing fields
  ['live_engine_http_srv/create_room', {}, [100002, 'RoomInfo is required']],
  ['live_engine_http_srv/create_room', { RoomInfo: null }, [100002, 'RoomInfo is required']],
  ['live_engine_http_srv/create_room', { RoomInfo: {} }, [100002, 'RoomInfo.RoomId is required']],
  ['live_engine_http_srv/create_room', { RoomInfo: { RoomId: 'r1' } }, [100002, 'RoomInfo.RoomType is required']],
  ['live_engine_http_srv/get_room_list', {}, [100002, 'Next is required']],
  ['live_engine_http_srv/mute_member', { RoomId: 'r1' }, [100002, 'MemberList_Account is required']],
  ['im_open_login_svc/account_import', {}, [70402, 'UserID is required']],
  ['profile/portrait_set', portrait({ Tag: 'Tag_Profile_IM_Nick' }), [40001, 'ProfileItem[0].Value is required']],
  [
    'profile/portrait_set',
    portrait({ Tag: 'Tag_Profile_IM_Nick', Value: null }),
    [40001, 'ProfileItem[0].Value is required'],
  ],
  [
    'live_engine_http_srv/set_room_metadata',
    meta({ Value: 'v' }),
    [100002, 'Metadata[0].Key must be a non-empty string'],
  ],
  ['live_engine_http_srv/set_room_metadata', meta({ Key: 'k' }), [100002, 'Metadata[0].Value must be a string']],
  [
    'im_open_login_svc/account_check',
    { CheckItem: [{}] },
    [70402, 'CheckItem[0].UserID must be a user ID of 1-32 bytes'],
  ],
  // wrong types (null is a wrong type, except where it always meant "absent")
  ['live_engine_http_srv/create_room', { RoomInfo: [] }, [100002, 'RoomInfo must be an object']],
  ['live_engine_http_srv/create_room', room({ RoomId: 5 }), [100002, 'RoomInfo.RoomId must be a string']],
  ['live_engine_http_srv/create_room', room({ RoomName: null }), [100002, 'RoomInfo.RoomName must be a string']],
  [
    'live_engine_http_srv/create_room',
    room({ IsSeatEnabled: 'yes' }),
    [100002, 'RoomInfo.IsSeatEnabled must be a boolean'],
  ],
  [
    'live_engine_http_srv/create_room',
    room({ IsSeatEnabled: null }),
    [100002, 'RoomInfo.IsSeatEnabled must be a boolean'],
  ],
  [
    'live_engine_http_srv/create_room',
    room({ MaxSeatCount: 1.5 }),
    [100002, 'RoomInfo.MaxSeatCount must be an integer'],
  ],
  [
    'live_engine_http_srv/create_room',
    room({ MaxMemberCount: '9' }),
    [100002, 'RoomInfo.MaxMemberCount must be an integer'],
  ],
  ['live_engine_http_srv/create_room', room({ Category: 'x' }), [100002, 'RoomInfo.Category must be an array']],
  ['live_engine_http_srv/create_room', room({ Category: null }), null],
  [
    'live_engine_http_srv/create_room',
    room({ Category: [1, -1] }),
    [100002, 'RoomInfo.Category[1] must be a non-negative integer'],
  ],
  [
    'live_engine_http_srv/mute_member',
    { RoomId: 'r1', MemberList_Account: ['a', 7], MuteTime: 1 },
    [100002, 'MemberList_Account[1] must be a user ID of 1-32 bytes'],
  ],
  ['live_engine_http_srv/set_room_metadata', meta(null), [100002, 'Metadata[0] must be an object {Key, Value}']],
  ['im_open_login_svc/account_import', { UserID: 'u1', Nick: 5 }, [70402, 'Nick must be a string']],
  ['im_open_login_svc/account_import', { UserID: 'u1', Nick: null, FaceUrl: null }, null],
  [
    'im_open_login_svc/account_check',
    { CheckItem: [5] },
    [70402, 'CheckItem[0].UserID must be a user ID of 1-32 bytes'],
  ],
  ['im_open_login_svc/multiaccount_import', { AccountList: [[]] }, [70402, 'AccountList[0] must be an object']],
  ['profile/portrait_set', portrait(5), [40001, 'ProfileItem[0] must be an object {Tag, Value}']],
  ['profile/portrait_set', portrait({ Tag: 1, Value: 1 }), [40001, 'ProfileItem[0].Tag must be a string']],
  ['profile/portrait_get', { To_Account: ['u1'], TagList: [3] }, [40001, 'TagList[0] must be a string']],
  ['vr_gift/get_ledger', { UserID: null }, null],
  ['vr_gift/set_balance', { UserID: 'u1', Coins: null }, [100002, 'Coins must be an integer']],
  // ranges, enumerations, empty
  ['live_engine_http_srv/create_room', room({ RoomId: '' }), [100002, 'RoomInfo.RoomId must not be empty']],
  ['live_engine_http_srv/create_room', room({ RoomType: 'Chat' }), [100002, 'RoomInfo.RoomType must be "Live"']],
  [
    'live_engine_http_srv/create_room',
    room({ MaxSeatCount: 21 }),
    [100002, 'RoomInfo.MaxSeatCount must be from 1 to 20'],
  ],
  [
    'live_engine_http_srv/create_room',
    room({ TakeSeatMode: 'x' }),
    [100002, 'RoomInfo.TakeSeatMode must be FreeToTake or ApplyToTake'],
  ],
  [
    'live_engine_http_srv/create_room',
    room({ Category: [1, 2, 3, 4] }),
    [100002, 'RoomInfo.Category has more than 3 items'],
  ],
  [
    'live_engine_http_srv/modify_admin',
    { RoomId: 'r1', Admin_Account: ['a'], OpType: 'x' },
    [100002, 'OpType must be "add" or "delete"'],
  ],
  ['live_engine_http_srv/set_room_metadata', { RoomId: 'r1', Metadata: [] }, [100002, 'Metadata must not be empty']],
  ['live_engine_http_srv/get_room_metadata', { RoomId: 'r1', Keys: [] }, null],
  [
    'live_engine_http_srv/del_room_metadata',
    { RoomId: 'r1', Keys: [''] },
    [100002, 'Keys[0] must be a non-empty string'],
  ],
  [
    'live_config/set_callback',
    { Url: 'http://x', CallbackCommandList: ['Nope'] },
    [100002, 'CallbackCommandList[0] is not a callback command'],
  ],
  [
    'profile/portrait_set',
    portrait({ Tag: 'Tag_X', Value: 1 }),
    [40009, `unknown profile tag Tag_X (supported: ${TAGS})`],
  ],
  ['profile/portrait_get', { To_Account: ['u1'], TagList: [] }, [40001, 'TagList must not be empty']],
  ['profile/portrait_get', { To_Account: ['u1'], TagList: [''] }, [40009, `unknown profile tag  (supported: ${TAGS})`]],
  ['vr_gift/top_up', { UserID: 'u1', Coins: 0 }, [100002, 'Coins must be from 1 to 1000000']],
  ['vr_gift/top_up', { UserID: 'u1', Coins: 1, RequestId: 7 }, [100002, 'RequestId must be a string']],
  ['vr_gift/top_up', { UserID: 'u1', Coins: 1, RequestId: null }, [100002, 'RequestId must be a string']],
  ['vr_gift/top_up', { UserID: 'u1', Coins: 1, RequestId: '' }, [100002, 'RequestId must not be empty']],
  [
    'vr_gift/top_up',
    { UserID: 'u1', Coins: 1, RequestId: 'r'.repeat(65) },
    [100002, 'RequestId is longer than 64 bytes'],
  ],
  ['vr_gift/top_up', { UserID: 'u1', Coins: 1, RequestId: 'r'.repeat(64) }, null],
  ['vr_gift/top_up', { UserID: 'u1', Coins: 1, RequestId: '__proto__' }, null],
  // too long, in UTF-8 bytes (fewer code points than the limit, more bytes)
  [
    'live_engine_http_srv/create_room',
    room({ RoomId: 'é'.repeat(25) }),
    [100002, 'RoomInfo.RoomId is longer than 48 bytes'],
  ],
  ['live_engine_http_srv/create_room', room({ RoomId: 'é'.repeat(24) }), null],
  [
    'live_engine_http_srv/create_room',
    room({ CustomInfo: '€'.repeat(683) }),
    [100002, 'RoomInfo.CustomInfo is longer than 2048 bytes'],
  ],
  [
    'live_engine_http_srv/create_room',
    room({ TakeSeatMode: 'x'.repeat(17) }),
    [100002, 'RoomInfo.TakeSeatMode is longer than 16 bytes'],
  ],
  [
    'live_engine_http_srv/mute_member',
    { RoomId: 'r1', MemberList_Account: ['😀'.repeat(9)], MuteTime: 1 },
    [100002, 'MemberList_Account[0] must be a user ID of 1-32 bytes'],
  ],
  [
    'live_engine_http_srv/set_room_metadata',
    meta({ Key: 'ü'.repeat(26), Value: '' }),
    [100504, 'Metadata[0].Key is longer than 50 bytes'],
  ],
  [
    'live_engine_http_srv/set_room_metadata',
    meta({ Key: 'k', Value: '€'.repeat(683) }),
    [100501, 'Metadata[0].Value is larger than 2 KB'],
  ],
  [
    'im_open_login_svc/account_import',
    { UserID: 'u1', Nick: '中'.repeat(167) },
    [40601, 'Nick is longer than 500 bytes'],
  ],
  ['im_open_login_svc/account_import', { UserID: 'u1', FaceUrl: '中'.repeat(166) }, null],
  [
    'room_engine_http_mic/kick_user_off_seat',
    { RoomId: 'r1', Member_Account: 'u', Data: 'x'.repeat(500_000) },
    [100002, 'Data is longer than 1024 bytes'],
  ],
  // huge bodies: too many items, and deep or long unknown fields (ignored, never walked)
  [
    'live_engine_http_srv/set_room_metadata',
    { RoomId: 'r1', Metadata: Array.from({ length: 101 }, () => ({ Key: 'k', Value: 'v' })) },
    [100002, 'Metadata has more than 100 items'],
  ],
  [
    'live_engine_http_srv/destroy_room',
    { RoomId: 'r1', Extra: JSON.parse('['.repeat(5_000) + ']'.repeat(5_000)) },
    null,
  ],
  ['live_engine_http_srv/destroy_room', { RoomId: 'r1', Extra: 'x'.repeat(900_000) }, null],
  // unknown fields are ignored, as they always were
  ['live_engine_http_srv/destroy_room', { RoomId: 'r1', Whatever: { deep: [1] } }, null],
  ['live_engine_http_srv/set_room_metadata', meta({ Key: 'k', Value: 'v', Note: 1 }), null],
  // prototype keys: JSON.parse makes them own fields; they are neither the named fields nor a way around them
  ['live_engine_http_srv/destroy_room', JSON.parse('{"__proto__":{"RoomId":"r1"}}'), [100002, 'RoomId is required']],
  ['live_engine_http_srv/destroy_room', JSON.parse('{"RoomId":"r1","__proto__":1,"constructor":2}'), null],
  [
    'live_engine_http_srv/create_room',
    JSON.parse('{"RoomInfo":{"__proto__":{"RoomId":"r1","RoomType":"Live"}}}'),
    [100002, 'RoomInfo.RoomId is required'],
  ],
  [
    'live_engine_http_srv/get_room_list',
    JSON.parse('{"constructor":{"Next":""},"toString":"x"}'),
    [100002, 'Next is required'],
  ],
  ['live_engine_http_srv/get_room_metadata', { RoomId: '__proto__', Keys: ['constructor', '__proto__'] }, null],
];

describe('REST body schemas', () => {
  for (const [path, body, expected] of TABLE) {
    const [service, command] = path.split('/') as [RestService, string];
    const shown = ((): string => {
      try {
        return JSON.stringify(body)!;
      } catch {
        return '(too deep to show)';
      }
    })();
    it(`${path} ${shown.length > 90 ? `${shown.slice(0, 90)}…` : shown} → ${expected ? expected.join(' ') : 'accepted'}`, () => {
      const error = check(service, command, body);
      assert.deepEqual(error && [error.code, error.message], expected);
    });
  }

  it('every schema is an object schema that ignores unknown fields', () => {
    for (const [service, commands] of Object.entries(RestBodySchema))
      for (const [command, schema] of Object.entries(commands as Record<string, TSchema & { type?: string }>)) {
        assert.equal(schema.type, 'object', `${service}/${command}`);
        assert.ok(!('additionalProperties' in schema), `${service}/${command}`);
      }
  });

  it('the walk and the compiled check agree on every body', () => {
    const entries = Object.entries(RestBodySchema).flatMap(([service, commands]) =>
      Object.entries(commands as Record<string, TSchema>).map(([command, schema]) => ({
        service: service as RestService,
        command,
        schema,
        compiled: Compile(schema),
        names: Object.keys((schema as { properties: object }).properties),
      })),
    );
    // Bodies are what JSON.parse makes (plain prototypes, `__proto__` an own field): every value goes through JSON.
    const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null');
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('', 'Live', 'FreeToTake', 'add', 'Tag_Profile_IM_Level', 'r1', '__proto__', 'é'.repeat(30)),
      fc.integer({ min: -2, max: 1_001 }),
      fc.array(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.integer(),
          fc.dictionary(fc.constantFrom('Key', 'Value', 'Tag', 'UserID'), fc.oneof(fc.string(), fc.integer())),
        ),
        { maxLength: 4 },
      ),
    );
    fc.assert(
      fc.property(
        fc.nat(entries.length - 1),
        fc.array(fc.tuple(fc.nat(20), value.map(json)), { maxLength: 8 }),
        (i, pairs) => {
          const { service, command, schema, compiled, names } = entries[i]!;
          const body: Record<string, unknown> = {};
          for (const [k, v] of pairs) {
            const key = names[k] ?? ['__proto__', 'constructor', 'RoomInfo', 'x'][k % 4]!;
            Object.defineProperty(body, key, { value: v, enumerable: true, writable: true, configurable: true });
          }
          const valid = compiled.Check(body);
          const walked = explainRestBody(schema, body, REST_PARAM_CODE[service]);
          if (!valid) assert.ok(walked, `${service}/${command}: the walk accepts ${JSON.stringify(body)}`);
          else assert.deepEqual(explainRestBody(schema, body, REST_PARAM_CODE[service], true), walked);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe('half a surrogate pair', () => {
  interface Node {
    readonly type?: string;
    readonly properties?: Readonly<Record<string, Node>>;
    readonly items?: Node;
    readonly anyOf?: readonly Node[];
    readonly enum?: readonly unknown[];
    readonly minimum?: number;
  }
  type Path = readonly (string | number)[];

  /** A body with every field present and valid: the first enum value, the minimum, one item, 'a'. */
  function sample(s: Node): unknown {
    if (s.anyOf) return sample(s.anyOf.find((b) => b.type !== 'null')!);
    if (s.enum) return s.enum[0];
    switch (s.type) {
      case 'object':
        return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, sample(p)]));
      case 'array':
        return s.items ? [sample(s.items)] : [];
      case 'integer':
        return Math.max(s.minimum ?? 0, 0);
      case 'boolean':
        return true;
      default:
        return 'a';
    }
  }

  /** Every string field under `s`, as a path into a sample body. */
  function stringPaths(s: Node, at: Path = []): Path[] {
    if (s.anyOf)
      return stringPaths(
        s.anyOf.find((b) => b.type !== 'null')!,
        at,
      );
    if (s.type === 'string') return [at];
    if (s.type === 'object') return Object.entries(s.properties ?? {}).flatMap(([k, p]) => stringPaths(p, [...at, k]));
    if (s.type === 'array' && s.items) return stringPaths(s.items, [...at, 0]);
    return [];
  }

  const named = (path: Path) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  function withValue(body: unknown, path: Path, value: string): unknown {
    const copy = structuredClone(body) as Record<string | number, unknown>;
    let at = copy;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    at[path[path.length - 1]!] = value;
    return copy;
  }

  it('is refused in every string field of every command, with the service code, naming the field', () => {
    // High without low, low without high, the two in the wrong order, and a pair cut in half at the end.
    const lone = ['\ud800', 'a\udfff', '\udc00\ud800', 'Ok \ud83d'];
    let fields = 0;
    for (const [service, commands] of Object.entries(RestBodySchema) as [RestService, Record<string, Node>][])
      for (const [command, schema] of Object.entries(commands)) {
        const body = sample(schema);
        assert.equal(check(service, command, body), null, `${service}/${command}: the sample body is valid`);
        for (const path of stringPaths(schema)) {
          fields += 1;
          for (const bad of lone) {
            const error = check(service, command, withValue(body, path, bad));
            const where = `${service}/${command} ${named(path)} = ${JSON.stringify(bad)}`;
            assert.ok(error, `${where} is refused`);
            assert.deepEqual(
              [error.code, error.message],
              [REST_PARAM_CODE[service], `${named(path)} must be Unicode text (it has a lone surrogate)`],
              where,
            );
          }
        }
      }
    assert.ok(fields >= 60, `every string field is tried (${fields})`);
  });

  it('whole pairs (emoji, CJK beyond the BMP) pass wherever text does', () => {
    const body = {
      RoomId: 'r1',
      Metadata: [
        { Key: '😀', Value: '𠀀 ok' },
        { Key: 'k', Value: '👩‍👩‍👧' },
      ],
    };
    assert.equal(check('live_engine_http_srv', 'set_room_metadata', body), null);
    assert.equal(check('live_engine_http_srv', 'create_room', room({ RoomName: 'Live 🎤' })), null);
  });
});
