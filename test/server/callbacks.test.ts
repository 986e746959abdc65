import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { callbackSign } from '../../server/callbacks/webhooks.js';
import { ADMIN, SDK_APP_ID, type TestServer, connect, eventually, ok, startTestServer } from './rest/helpers.js';

interface Received {
  query: URLSearchParams;
  body: Record<string, unknown>;
  at: number;
}

/** A callback receiver on loopback; `mode` decides how it answers. */
async function hook(): Promise<{
  url: string;
  received: Received[];
  mode: 'ok' | 'fail' | 'hang';
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const state = {
    url: '',
    received,
    mode: 'ok' as 'ok' | 'fail' | 'hang',
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      received.push({
        query: new URL(req.url ?? '/', 'http://x').searchParams,
        body: JSON.parse(text) as Record<string, unknown>,
        at: Date.now(),
      });
      if (state.mode === 'hang') return void hanging.add(res);
      res.writeHead(state.mode === 'ok' ? 200 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return state;
}

const ALL = [
  'Live.CallbackAfterCreateRoom',
  'Live.CallbackAfterDestroyRoom',
  'Live.CallbackAfterUpdateRoomInfo',
  'Live.CallbackAfterMemberStateChanged',
  'Mic.CallbackAfterSeatInfoChanged',
  'Live.CallbackAfterSetMetadata',
  'Live.CallbackAfterDelMetadata',
];

let t: TestServer;
let h: Awaited<ReturnType<typeof hook>>;
before(async () => {
  t = await startTestServer({ webhooks: { timeoutMs: 300, backoffMs: 30, maxAttempts: 3 } });
  h = await hook();
  await t.accounts('host', 'ann');
});
after(async () => {
  await t.close();
  await h.close();
});
beforeEach(async () => {
  h.mode = 'ok';
  ok(await t.rest('live_config', 'delete_callback', {}));
  ok(await t.rest('live_config', 'set_callback', { Url: h.url, CallbackCommandList: ALL }));
  await new Promise((r) => setTimeout(r, 50));
  h.received.length = 0;
});

const of = (command: string) => h.received.filter((r) => r.body['CallbackCommand'] === command);
const waitFor = async (command: string, n = 1) => {
  await eventually(
    () => of(command).length >= n,
    `${n} × ${command}; got ${h.received.map((r) => r.body['CallbackCommand']).join(', ')}`,
  );
  return of(command);
};

describe('callbacks', () => {
  it('Sign = sha256(token + RequestTime), checked against the seed example', () => {
    assert.equal(
      callbackSign('xxxxyyyy', 1669872112),
      '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    );
  });

  it('a REST room lifecycle sends the documented callbacks, signed', async () => {
    ok(await t.rest('live_config', 'set_callback_token', { Token: 'xxxxyyyy' }));
    ok(
      await t.rest('live_engine_http_srv', 'create_room', {
        RoomInfo: {
          RoomId: 'cb1',
          RoomType: 'Live',
          Owner_Account: 'host',
          IsSeatEnabled: true,
          TakeSeatMode: 'FreeToTake',
          MaxSeatCount: 6,
          Category: [1, 2],
        },
      }),
    );
    const [created] = await waitFor('Live.CallbackAfterCreateRoom');
    assert.equal(created!.query.get('SdkAppid'), String(SDK_APP_ID));
    assert.equal(created!.query.get('CallbackCommand'), 'Live.CallbackAfterCreateRoom');
    assert.equal(created!.query.get('contenttype'), 'json');
    assert.equal(created!.query.get('OptPlatform'), 'RESTAPI');
    assert.equal(created!.query.get('ClientIP'), '127.0.0.1');
    const requestTime = Number(created!.query.get('RequestTime'));
    assert.ok(Math.abs(requestTime - Date.now() / 1000) < 60, 'RequestTime is now, in seconds');
    assert.equal(created!.query.get('Sign'), createHash('sha256').update(`xxxxyyyy${requestTime}`).digest('hex'));
    assert.equal(created!.body['Operator_Account'], ADMIN);
    assert.ok(Math.abs((created!.body['EventTime'] as number) - Date.now()) < 60_000, 'EventTime is in ms');
    const roomInfo = created!.body['RoomInfo'] as Record<string, unknown>;
    assert.deepEqual(
      { ...roomInfo, CreateTime: 0 },
      {
        RoomId: 'cb1',
        RoomName: 'cb1',
        RoomType: 'Live',
        Owner_Account: 'host',
        MaxMemberCount: 10_000,
        IsMessageDisabled: false,
        CustomInfo: '',
        IsSeatEnabled: true,
        TakeSeatMode: 'FreeToTake',
        MaxSeatCount: 6,
        CreateTime: 0,
        IsPublicVisible: true,
        CoverURL: '',
        Category: [1, 2],
      },
    );

    const ann = await connect(t, 'ann', 'cb1');
    const [online] = await waitFor('Live.CallbackAfterMemberStateChanged');
    assert.deepEqual(
      { ...online!.body, EventTime: 0 },
      {
        CallbackCommand: 'Live.CallbackAfterMemberStateChanged',
        RoomId: 'cb1',
        EventType: 'Online',
        EventCause: 'Enter',
        MemberList: [{ Member_Account: 'ann' }],
        EventTime: 0,
      },
    );
    assert.equal(
      online!.query.has('OptPlatform'),
      false,
      'the seed sends MemberStateChanged without ClientIP/OptPlatform',
    );

    ok(await t.rest('room_engine_http_mic', 'pick_user_on_seat', { RoomId: 'cb1', Index: 2, Member_Account: 'ann' }));
    const [seat] = await waitFor('Mic.CallbackAfterSeatInfoChanged');
    const seats = seat!.body['SeatList'] as Record<string, unknown>[];
    assert.equal(seats.length, 6);
    assert.deepEqual(seats[2], {
      Index: 2,
      Member_Account: 'ann',
      IsTakenDisabled: false,
      IsVideoDisabled: false,
      IsAudioDisabled: false,
    });
    assert.equal('Member_Account' in seats[0]!, false);

    ok(
      await t.rest('live_engine_http_srv', 'update_room_info', {
        RoomInfo: { RoomId: 'cb1', RoomName: 'New name', CustomInfo: 'c1' },
      }),
    );
    const [updated] = await waitFor('Live.CallbackAfterUpdateRoomInfo');
    assert.equal(updated!.body['Operator_Account'], ADMIN);
    assert.deepEqual(updated!.body['RoomInfo'], {
      RoomId: 'cb1',
      RoomName: 'New name',
      MaxMemberCount: 10_000,
      IsMessageDisabled: false,
      CoverURL: '',
      Category: [1, 2],
      ActivityStatus: 0,
      IsPublicVisible: true,
      TakeSeatMode: 'FreeToTake',
      CustomInfo: 'c1',
    });
    assert.equal(of('Live.CallbackAfterUpdateRoomInfo').length, 1, 'one update, one callback');

    ok(
      await t.rest('live_engine_http_srv', 'set_room_metadata', {
        RoomId: 'cb1',
        Metadata: [{ Key: 'k', Value: 'v' }],
      }),
    );
    const [setMeta] = await waitFor('Live.CallbackAfterSetMetadata');
    assert.deepEqual(
      { ...setMeta!.body, EventTime: 0 },
      {
        CallbackCommand: 'Live.CallbackAfterSetMetadata',
        Operator_Account: ADMIN,
        RoomId: 'cb1',
        Metadata: [{ Key: 'k', Value: 'v' }],
        EventTime: 0,
      },
    );
    ok(await t.rest('live_engine_http_srv', 'del_room_metadata', { RoomId: 'cb1', Keys: ['k'] }));
    const [delMeta] = await waitFor('Live.CallbackAfterDelMetadata');
    assert.deepEqual(delMeta!.body['Keys'], ['k']);

    ann.close();
    await eventually(
      () => of('Live.CallbackAfterMemberStateChanged').some((r) => r.body['EventType'] === 'Offline'),
      'ann offline',
    );
    const offline = of('Live.CallbackAfterMemberStateChanged').find((r) => r.body['EventType'] === 'Offline')!;
    assert.equal(offline.body['EventCause'], 'HeartbeatInterrupt');
    assert.deepEqual(offline.body['MemberList'], [{ Member_Account: 'ann' }]);

    ok(await t.rest('live_engine_http_srv', 'destroy_room', { RoomId: 'cb1' }));
    const [destroyed] = await waitFor('Live.CallbackAfterDestroyRoom');
    assert.equal(destroyed!.body['EventType'], 'DestroyByUser');
    assert.equal(destroyed!.body['RoomId'], 'cb1');
    assert.equal(destroyed!.body['Operator_Account'], ADMIN);
    const info = destroyed!.body['RoomInfo'] as Record<string, unknown>;
    for (const key of [
      'RoomName',
      'RoomType',
      'Owner_Account',
      'IsSeatEnabled',
      'TakeSeatMode',
      'MaxMemberCount',
      'MaxSeatCount',
      'Category',
      'CustomInfo',
      'IsMessageDisabled',
      'CoverURL',
      'ActivityStatus',
      'IsPublicVisible',
      'ViewCount',
      'BackgroundURL',
      'IsUnlimitedRoomEnabled',
    ]) {
      assert.ok(key in info, key);
    }
    assert.equal(info['ViewCount'], 1);
    ok(await t.rest('live_config', 'set_callback_token', { Token: '' }));
  });

  it('a room a client starts reports the owner as operator, from the Web', async () => {
    const host = await connect(t, 'host');
    const started = await host.command('room.start', { roomId: 'cb-client', options: { roomName: 'Client room' } });
    assert.equal(started.ok, true, JSON.stringify(started.error));
    const [created] = await waitFor('Live.CallbackAfterCreateRoom');
    assert.equal(created!.body['Operator_Account'], 'host');
    assert.equal(created!.query.get('OptPlatform'), 'Web');
    assert.equal(created!.query.has('Sign'), false, 'no token, no Sign');
    assert.equal((created!.body['RoomInfo'] as Record<string, unknown>)['IsSeatEnabled'], true);
    assert.equal((created!.body['RoomInfo'] as Record<string, unknown>)['MaxSeatCount'], 10);
    await waitFor('Mic.CallbackAfterSeatInfoChanged');
    const end = await host.command('room.end');
    assert.equal(end.ok, true);
    const [destroyed] = await waitFor('Live.CallbackAfterDestroyRoom');
    assert.equal(destroyed!.body['Operator_Account'], 'host');
    assert.equal(destroyed!.body['EventType'], 'DestroyByUser');
    host.close();
  });

  it('sends only the commands in CallbackCommandList', async () => {
    ok(
      await t.rest('live_config', 'update_callback', {
        Url: h.url,
        CallbackCommandList: ['Live.CallbackAfterDestroyRoom'],
      }),
    );
    await t.room('cb-only');
    ok(
      await t.rest('live_engine_http_srv', 'set_room_metadata', {
        RoomId: 'cb-only',
        Metadata: [{ Key: 'k', Value: 'v' }],
      }),
    );
    ok(await t.rest('live_engine_http_srv', 'destroy_room', { RoomId: 'cb-only' }));
    await waitFor('Live.CallbackAfterDestroyRoom');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      h.received.map((r) => r.body['CallbackCommand']),
      ['Live.CallbackAfterDestroyRoom'],
    );
    ok(await t.rest('live_config', 'delete_callback', {}));
    await t.room('cb-none');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(h.received.length, 1, 'nothing is sent once the configuration is deleted');
  });

  it('a failing webhook is retried a bounded number of times', async () => {
    h.mode = 'fail';
    await t.room('cb-fail');
    await eventually(() => of('Live.CallbackAfterCreateRoom').length >= 3, 'three attempts');
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(of('Live.CallbackAfterCreateRoom').length, 3, 'maxAttempts = 3, then it gives up');
    // Backoff is 30 ms, then 60 ms: each retry waits at least its delay. Only lower bounds are checked, since a
    // loaded machine can only make gaps longer (2 ms of slack: timers may fire a hair before Date.now() moves).
    const gaps = of('Live.CallbackAfterCreateRoom').map((r, i, all) => (i ? r.at - all[i - 1]!.at : 0));
    assert.ok(gaps[1]! >= 30 - 2 && gaps[2]! >= 60 - 2, `backoff grows: ${gaps.join(', ')}`);
  });

  it('a webhook that never answers does not delay REST answers or rooms', async () => {
    h.mode = 'hang';
    const timings: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      ok(
        await t.rest('live_engine_http_srv', 'create_room', {
          RoomInfo: { RoomId: `cb-hang-${i}`, RoomType: 'Live', IsSeatEnabled: true },
        }),
      );
      ok(
        await t.rest('live_engine_http_srv', 'set_room_metadata', {
          RoomId: `cb-hang-${i}`,
          Metadata: [{ Key: 'k', Value: 'v' }],
        }),
      );
      timings.push(performance.now() - started);
    }
    const ann = await connect(t, 'ann', 'cb-hang-0');
    ok(
      await t.rest('room_engine_http_mic', 'pick_user_on_seat', {
        RoomId: 'cb-hang-0',
        Index: 0,
        Member_Account: 'ann',
      }),
    );
    await ann.waitFor(
      (f) => f.t === 'batch' && f.batch!.events.some((e) => e['type'] === 'seats.updated'),
      'the seat change reaches the client at once',
    );
    // Waiting on the hook would take at least its 300 ms deadline per call, i.e. ≥ 600 ms per pair: the median
    // pair stays below that bound however loaded the machine is (a behaviour check, not a speed claim).
    const sorted = [...timings].sort((a, b) => a - b);
    assert.ok(
      sorted[Math.floor(sorted.length / 2)]! < 600,
      `REST answers do not wait for the hanging hook: ${timings.map((x) => x.toFixed(0)).join(', ')} ms`,
    );
    // Each callback is attempted at most 3 times (300 ms deadline each), then dropped.
    await new Promise((r) => setTimeout(r, 1_600));
    const perCommand = new Map<string, number>();
    for (const r of h.received) {
      const key = `${r.body['CallbackCommand']} ${JSON.stringify((r.body['RoomInfo'] as Record<string, unknown> | undefined)?.['RoomId'] ?? r.body['RoomId'])}`;
      perCommand.set(key, (perCommand.get(key) ?? 0) + 1);
    }
    for (const [key, n] of perCommand) assert.ok(n <= 3, `${key}: ${n} attempts`);
    ann.close();
  });
});
