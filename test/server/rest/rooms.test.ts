import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ABSENT_PROPERTY_KEYS, PROPERTY_KEYS } from '../../property-keys.js';
import { ADMIN, type TestServer, connect, fails, ok, response, startTestServer } from './helpers.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
  await t.accounts('owner1', 'owner2', 'viewer1', 'viewer2');
});
after(() => t.close());

const srv = 'live_engine_http_srv';
type Info = Record<string, unknown>;
const info = async (roomId: string) =>
  response<{ RoomInfo: Info }>(await t.rest(srv, 'get_room_info', { RoomId: roomId })).RoomInfo;

describe('create_room', () => {
  it('uses the seed defaults: no seats, RoomName = RoomId, Owner_Account = caller', async () => {
    const answer = ok(await t.rest(srv, 'create_room', { RoomInfo: { RoomId: 'plain', RoomType: 'Live' } }));
    assert.equal(answer['RoomId'], 'plain');
    const room = await info('plain');
    assert.equal(room['RoomName'], 'plain');
    assert.equal(room['Owner_Account'], ADMIN);
    assert.equal(room['RoomType'], 'Live');
    assert.equal(room['IsSeatEnabled'], false);
    assert.equal(room['TakeSeatMode'], 'None');
    assert.equal(room['MaxSeatCount'], 0);
    assert.equal(room['IsMessageDisabled'], false);
    assert.equal(room['IsPublicVisible'], true);
    assert.deepEqual(room['Category'], []);
    assert.equal(room['ViewCount'], 0);
    assert.equal(typeof room['CreateTime'], 'number');
    assert.ok(Math.abs((room['CreateTime'] as number) - Date.now() / 1000) < 60, 'CreateTime is in seconds');
    // Seat commands answer 100211 in a room without seats; the list is empty.
    assert.deepEqual(
      response<{ SeatList: unknown[] }>(await t.rest('room_engine_http_mic', 'get_seat_list', { RoomId: 'plain' }))
        .SeatList,
      [],
    );
    fails(await t.rest('room_engine_http_mic', 'lock_seat', { RoomId: 'plain', Index: 0, ForbidTaken: true }), 100211);
    fails(
      await t.rest('room_engine_http_mic', 'pick_user_on_seat', {
        RoomId: 'plain',
        Index: 0,
        Member_Account: 'viewer1',
      }),
      100211,
    );
    fails(
      await t.rest('room_engine_http_mic', 'kick_user_off_seat', {
        RoomId: 'plain',
        Member_Account: 'viewer1',
        Data: '',
      }),
      100211,
    );
  });

  it('takes every documented field', async () => {
    ok(
      await t.rest(srv, 'create_room', {
        RoomInfo: {
          RoomId: 'full',
          RoomType: 'Live',
          RoomName: 'Full room',
          Owner_Account: 'owner1',
          MaxMemberCount: 300,
          CoverURL: 'https://x/c.png',
          IsMessageDisabled: true,
          Category: [1, 2, 3],
          IsPublicVisible: false,
          IsSeatEnabled: true,
          TakeSeatMode: 'FreeToTake',
          MaxSeatCount: 8,
          ActivityStatus: 7,
          IsUnlimitedRoomEnabled: false,
        },
      }),
    );
    const room = await info('full');
    assert.deepEqual(
      { ...room, CreateTime: 0 },
      {
        RoomId: 'full',
        RoomName: 'Full room',
        RoomType: 'Live',
        Owner_Account: 'owner1',
        CreateTime: 0,
        IsSeatEnabled: true,
        TakeSeatMode: 'FreeToTake',
        MaxSeatCount: 8,
        MaxMemberCount: 300,
        IsMessageDisabled: true,
        CoverURL: 'https://x/c.png',
        Category: [1, 2, 3],
        ActivityStatus: 7,
        ViewCount: 0,
        IsPublicVisible: false,
        CustomInfo: '',
      },
    );
    const seats = response<{ SeatList: Info[] }>(
      await t.rest('room_engine_http_mic', 'get_seat_list', { RoomId: 'full' }),
    ).SeatList;
    assert.equal(seats.length, 8);
    assert.deepEqual(seats[0], { Index: 0, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
  });

  it('answers 100010 when the owner re-creates their live room, 100003 for someone else, 100012 when too soon after a destroy', async () => {
    await t.room('dup', { Owner_Account: 'owner1' });
    fails(
      await t.rest(srv, 'create_room', { RoomInfo: { RoomId: 'dup', RoomType: 'Live', Owner_Account: 'owner1' } }),
      100010,
    );
    fails(
      await t.rest(srv, 'create_room', { RoomInfo: { RoomId: 'dup', RoomType: 'Live', Owner_Account: 'owner2' } }),
      100003,
    );
    ok(await t.rest(srv, 'destroy_room', { RoomId: 'dup' }));
    fails(await t.rest(srv, 'create_room', { RoomInfo: { RoomId: 'dup', RoomType: 'Live' } }), 100012);
  });

  it('refuses bad fields with 100002', async () => {
    const bad: Info[] = [
      {},
      { RoomInfo: 'x' },
      { RoomInfo: { RoomType: 'Live' } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Meeting' } },
      { RoomInfo: { RoomId: 'r-bad' } },
      { RoomInfo: { RoomId: 'x'.repeat(49), RoomType: 'Live' } },
      { RoomInfo: { RoomId: 'has space', RoomType: 'Live' } },
      { RoomInfo: { RoomId: 42, RoomType: 'Live' } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', RoomName: 'n'.repeat(101) } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', RoomName: '   ' } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', CoverURL: 'u'.repeat(201) } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', Category: [1, 2, 3, 4] } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', Category: ['a'] } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', IsSeatEnabled: 'yes' } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', TakeSeatMode: 'Anything' } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', IsSeatEnabled: true, MaxSeatCount: 0 } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', IsSeatEnabled: true, MaxSeatCount: 21 } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', MaxMemberCount: 0 } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', MaxMemberCount: 1.5 } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', Owner_Account: 'never-imported' } },
      { RoomInfo: { RoomId: 'r-bad', RoomType: 'Live', IsMessageDisabled: 1 } },
    ];
    for (const body of bad) fails(await t.rest(srv, 'create_room', body), 100002);
    fails(await t.rest(srv, 'get_room_info', { RoomId: 'r-bad' }), 100004);
  });
});

describe('destroy_room / update_room_info / get_room_info', () => {
  it('destroy ends the room for connected clients; a destroyed room is 100004 everywhere', async () => {
    await t.room('bye', { Owner_Account: 'owner1' });
    const viewer = await connect(t, 'viewer1', 'bye');
    ok(await t.rest(srv, 'destroy_room', { RoomId: 'bye' }));
    await viewer.waitFor(
      (f) => f.t === 'batch' && f.batch!.events.some((e) => e['type'] === 'room.ended'),
      'room.ended',
    );
    fails(await t.rest(srv, 'destroy_room', { RoomId: 'bye' }), 100004);
    fails(await t.rest(srv, 'get_room_info', { RoomId: 'bye' }), 100004);
    fails(await t.rest(srv, 'update_room_info', { RoomInfo: { RoomId: 'bye', RoomName: 'x' } }), 100004);
    fails(await t.rest(srv, 'destroy_room', { RoomId: 'never-was' }), 100004);
    fails(await t.rest(srv, 'destroy_room', {}), 100002);
    fails(await t.rest(srv, 'destroy_room', { RoomId: 5 }), 100002);
    viewer.close();
  });

  it('update changes the room for clients at once and keeps the REST-only fields', async () => {
    await t.room('upd', { Owner_Account: 'owner1' });
    const viewer = await connect(t, 'viewer1', 'upd');
    ok(
      await t.rest(srv, 'update_room_info', {
        RoomInfo: {
          RoomId: 'upd',
          RoomName: 'Renamed',
          MaxMemberCount: 50,
          IsMessageDisabled: true,
          CoverURL: 'https://c',
          Category: [9],
          ActivityStatus: 3,
          IsPublicVisible: false,
          TakeSeatMode: 'ApplyToTake',
          CustomInfo: 'custom123',
        },
      }),
    );
    const updated = await viewer.waitFor(
      (f) => f.t === 'batch' && f.batch!.events.some((e) => e['type'] === 'info.updated'),
      'info.updated',
    );
    const event = updated.batch!.events.find((e) => e['type'] === 'info.updated')!;
    assert.equal((event['info'] as Info)['name'], 'Renamed');
    assert.equal((event['info'] as Info)['seatMode'], 'apply');
    const room = await info('upd');
    assert.equal(room['RoomName'], 'Renamed');
    assert.equal(room['MaxMemberCount'], 50);
    assert.equal(room['IsMessageDisabled'], true);
    assert.equal(room['CoverURL'], 'https://c');
    assert.deepEqual(room['Category'], [9]);
    assert.equal(room['ActivityStatus'], 3);
    assert.equal(room['IsPublicVisible'], false);
    assert.equal(room['TakeSeatMode'], 'ApplyToTake');
    assert.equal(room['CustomInfo'], 'custom123');
    assert.equal(room['ViewCount'], 1, 'ViewCount counts entries');
    for (const bad of [
      { RoomName: '' },
      { RoomName: 'n'.repeat(101) },
      { MaxMemberCount: -1 },
      { Category: [1, 2, 3, 4] },
      { TakeSeatMode: 'None' },
      { IsPublicVisible: 'no' },
      { CustomInfo: 'c'.repeat(2049) },
      { ActivityStatus: 'x' },
    ]) {
      fails(await t.rest(srv, 'update_room_info', { RoomInfo: { RoomId: 'upd', ...bad } }), 100002);
    }
    fails(await t.rest(srv, 'update_room_info', { RoomId: 'upd' }), 100002);
    fails(await t.rest(srv, 'update_room_info', { RoomInfo: { RoomId: 'nope', RoomName: 'x' } }), 100004);
    fails(await t.rest(srv, 'get_room_info', {}), 100002);
    viewer.close();
  });
});

describe('get_room_list', () => {
  it('lists live public rooms by ViewCount, 1..20 per page, with Next', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `list${i}`);
    for (const id of ids) await t.room(id, { Owner_Account: 'owner2' });
    const v1 = await connect(t, 'viewer1', 'list3');
    const v2 = await connect(t, 'viewer2', 'list3');
    const v3 = await connect(t, 'owner1', 'list1');
    const all: Info[] = [];
    let next = '';
    do {
      const page = response<{ Next: string; RoomList: Info[] }>(
        await t.rest(srv, 'get_room_list', { Next: next, Count: 2 }),
      );
      assert.ok(page.RoomList.length <= 2);
      all.push(...page.RoomList);
      next = page.Next;
    } while (next);
    const listed = all.map((r) => r['RoomId']);
    assert.equal(new Set(listed).size, listed.length, 'no room twice');
    assert.equal(listed[0], 'list3');
    assert.equal(listed[1], 'list1');
    for (const id of ids) assert.ok(listed.includes(id), id);
    assert.ok(!listed.includes('full'), 'a private room is not listed');
    const views = all.map((r) => r['ViewCount'] as number);
    assert.deepEqual(
      views,
      [...views].sort((a, b) => b - a),
    );
    assert.deepEqual(Object.keys(all[0]!).sort(), [
      'ActivityStatus',
      'Category',
      'CoverURL',
      'CreateTime',
      'Owner_Account',
      'RoomId',
      'RoomName',
      'ViewCount',
    ]);
    fails(await t.rest(srv, 'get_room_list', { Next: '', Count: 21 }), 100002);
    fails(await t.rest(srv, 'get_room_list', { Next: '', Count: 0 }), 100002);
    fails(await t.rest(srv, 'get_room_list', { Count: 5 }), 100002);
    fails(await t.rest(srv, 'get_room_list', { Next: 'garbage', Count: 5 }), 100002);
    fails(await t.rest(srv, 'get_room_list', { Next: 3 }), 100002);
    for (const c of [v1, v2, v3]) c.close();
  });
});

describe('room metadata', () => {
  it('keys and rooms named __proto__, constructor, toString… are stored, read and deleted like any other', async () => {
    const get = async (roomId: string, keys: readonly string[]) =>
      response<{ Metadata: unknown }>(await t.rest(srv, 'get_room_metadata', { RoomId: roomId, Keys: keys })).Metadata;
    for (const roomId of PROPERTY_KEYS) {
      await t.room(roomId);
      const all = PROPERTY_KEYS.map((key) => ({ Key: key, Value: `${roomId}:${key}` }));
      ok(await t.rest(srv, 'set_room_metadata', { RoomId: roomId, Metadata: all }));
      assert.deepEqual(await get(roomId, []), all, `${roomId}: every key, none lost or replaced`);
      assert.deepEqual(await get(roomId, [...PROPERTY_KEYS].reverse()), all, `${roomId}: asked for by name`);
      // Keys the room does not have find nothing, whatever Object.prototype has under those names.
      assert.deepEqual(await get(roomId, ABSENT_PROPERTY_KEYS), [], `${roomId}: absent keys`);
      fails(await t.rest(srv, 'del_room_metadata', { RoomId: roomId, Keys: ABSENT_PROPERTY_KEYS }), 100503);
      ok(await t.rest(srv, 'del_room_metadata', { RoomId: roomId, Keys: ['__proto__', 'constructor'] }));
      assert.deepEqual(
        await get(roomId, []),
        all.filter(({ Key }) => Key !== '__proto__' && Key !== 'constructor'),
        `${roomId}: what is left after a delete`,
      );
    }
  });

  it('sets, updates, gets and deletes keys', async () => {
    await t.room('meta');
    ok(
      await t.rest(srv, 'set_room_metadata', {
        RoomId: 'meta',
        Metadata: [
          { Key: 'k1', Value: 'v1' },
          { Key: 'k2', Value: 'v2' },
        ],
      }),
    );
    ok(await t.rest(srv, 'set_room_metadata', { RoomId: 'meta', Metadata: [{ Key: 'k1', Value: 'v1b' }] }));
    assert.deepEqual(
      response<{ Metadata: unknown }>(await t.rest(srv, 'get_room_metadata', { RoomId: 'meta', Keys: [] })).Metadata,
      [
        { Key: 'k1', Value: 'v1b' },
        { Key: 'k2', Value: 'v2' },
      ],
    );
    assert.deepEqual(
      response<{ Metadata: unknown }>(await t.rest(srv, 'get_room_metadata', { RoomId: 'meta', Keys: ['k2', 'zz'] }))
        .Metadata,
      [{ Key: 'k2', Value: 'v2' }],
    );
    ok(await t.rest(srv, 'del_room_metadata', { RoomId: 'meta', Keys: ['k1', 'zz'] }));
    fails(await t.rest(srv, 'del_room_metadata', { RoomId: 'meta', Keys: ['k1', 'zz'] }), 100503);
    assert.deepEqual(
      response<{ Metadata: unknown }>(await t.rest(srv, 'get_room_metadata', { RoomId: 'meta', Keys: [] })).Metadata,
      [{ Key: 'k2', Value: 'v2' }],
    );
  });

  it('enforces the seed limits: 10 keys (100500), value 2 KB (100501), total 16 KB (100502), key 50 B (100504)', async () => {
    await t.room('meta-limits');
    const keys = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }));
    ok(await t.rest(srv, 'set_room_metadata', { RoomId: 'meta-limits', Metadata: keys(10) }));
    fails(await t.rest(srv, 'set_room_metadata', { RoomId: 'meta-limits', Metadata: keys(1, 10) }), 100500);
    ok(await t.rest(srv, 'del_room_metadata', { RoomId: 'meta-limits', Keys: keys(10).map((k) => k.Key) }));
    fails(
      await t.rest(srv, 'set_room_metadata', {
        RoomId: 'meta-limits',
        Metadata: [{ Key: 'big', Value: 'x'.repeat(2049) }],
      }),
      100501,
    );
    ok(
      await t.rest(srv, 'set_room_metadata', {
        RoomId: 'meta-limits',
        Metadata: [{ Key: 'ok', Value: 'é'.repeat(1024) }],
      }),
    );
    const eight = Array.from({ length: 8 }, (_, i) => ({ Key: `b${i}`, Value: 'x'.repeat(2048) }));
    fails(await t.rest(srv, 'set_room_metadata', { RoomId: 'meta-limits', Metadata: eight }), 100502);
    fails(
      await t.rest(srv, 'set_room_metadata', { RoomId: 'meta-limits', Metadata: [{ Key: 'k'.repeat(51), Value: '' }] }),
      100504,
    );
    for (const bad of [
      {},
      { RoomId: 'meta-limits' },
      { RoomId: 'meta-limits', Metadata: [] },
      { RoomId: 'meta-limits', Metadata: [{ Key: 1, Value: 'x' }] },
      { RoomId: 'meta-limits', Metadata: [{ Key: 'a', Value: 2 }] },
      { RoomId: 'meta-limits', Metadata: 'x' },
    ]) {
      fails(await t.rest(srv, 'set_room_metadata', bad), 100002);
    }
    fails(await t.rest(srv, 'get_room_metadata', { RoomId: 'meta-limits' }), 100002);
    fails(await t.rest(srv, 'get_room_metadata', { RoomId: 'meta-limits', Keys: [1] }), 100002);
    fails(await t.rest(srv, 'del_room_metadata', { RoomId: 'meta-limits', Keys: [] }), 100002);
    for (const cmd of ['get_room_metadata', 'set_room_metadata', 'del_room_metadata']) {
      fails(await t.rest(srv, cmd, { RoomId: 'nope', Keys: ['a'], Metadata: [{ Key: 'a', Value: 'b' }] }), 100004);
    }
  });

  it('a destroyed and re-created room starts without the old metadata', async () => {
    await t.room('meta-reuse');
    ok(await t.rest(srv, 'set_room_metadata', { RoomId: 'meta-reuse', Metadata: [{ Key: 'a', Value: 'b' }] }));
    ok(await t.rest(srv, 'destroy_room', { RoomId: 'meta-reuse' }));
    await new Promise((r) => setTimeout(r, 1_050));
    await t.room('meta-reuse');
    assert.deepEqual(
      response<{ Metadata: unknown }>(await t.rest(srv, 'get_room_metadata', { RoomId: 'meta-reuse', Keys: [] }))
        .Metadata,
      [],
    );
  });
});
