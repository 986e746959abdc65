// Where and whether a callback goes: the Url as configured (fragment, query), and the configuration as it is at
// each attempt (deleted, commands removed, moved to another Url), retries included.
import assert from 'node:assert/strict';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { callbackSign, callbackTarget } from '../../server/callbacks/webhooks.js';
import { SDK_APP_ID, type TestServer, connect, eventually, ok, startTestServer } from './rest/helpers.js';

interface Hook {
  readonly base: string;
  /** Every request: its path, query and callback command, in arrival order. */
  readonly received: {
    path: string;
    query: URLSearchParams;
    command: string;
    roomId: string;
    key?: string;
    body: Record<string, unknown>;
  }[];
  /** 'fail' answers 500; 'hold' keeps each request open until release() answers them all with 500. */
  mode: 'ok' | 'fail' | 'hold';
  /** When set, requests it picks are held whatever the mode. */
  holdIf: ((command: string, roomId: string) => boolean) | null;
  release(): void;
  close(): Promise<void>;
}

async function hook(): Promise<Hook> {
  const held = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = JSON.parse(text) as {
        CallbackCommand: string;
        RoomId?: string;
        RoomInfo?: { RoomId?: string };
        Metadata?: { Key: string }[];
      };
      const command = body.CallbackCommand;
      const roomId = body.RoomId ?? body.RoomInfo?.RoomId ?? '';
      const key = body.Metadata?.[0]?.Key;
      state.received.push({
        path: url.pathname,
        query: url.searchParams,
        command,
        roomId,
        ...(key ? { key } : {}),
        body: body as Record<string, unknown>,
      });
      if (state.mode === 'hold' || state.holdIf?.(command, roomId)) return void held.add(res);
      res.writeHead(state.mode === 'ok' ? 200 : 500).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const state: Hook = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: [],
    mode: 'ok',
    holdIf: null,
    release() {
      for (const res of held) res.writeHead(500).end('{}');
      held.clear();
    },
    async close() {
      state.release();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return state;
}

const CREATE = 'Live.CallbackAfterCreateRoom';
const DESTROY = 'Live.CallbackAfterDestroyRoom';
/** Longer than any backoff below many times over: a retry that was going to happen has happened by then. */
const RETRIES_DONE_MS = 600;

let t: TestServer;
let h: Hook;
let h2: Hook;
let rooms = 0;
before(async () => {
  // A long deadline, so a held attempt only ends when the test releases it; retries 20 ms and 40 ms later.
  t = await startTestServer({ webhooks: { timeoutMs: 30_000, backoffMs: 20, maxAttempts: 3 } });
  h = await hook();
  h2 = await hook();
});
after(async () => {
  await t.close();
  await h.close();
  await h2.close();
});
beforeEach(async () => {
  ok(await t.rest('live_config', 'delete_callback', {}));
  ok(await t.rest('live_config', 'set_callback_token', { Token: '' }));
  for (const x of [h, h2]) {
    x.release();
    x.mode = 'ok';
    x.holdIf = null;
    x.received.length = 0;
  }
});

const newRoom = async () => {
  const roomId = `cbd-${++rooms}`;
  await t.room(roomId);
  return roomId;
};
const setCallback = async (url: string, commands = [CREATE, DESTROY]) =>
  ok(await t.rest('live_config', 'set_callback', { Url: url, CallbackCommandList: commands }));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the callback Url', () => {
  it('keeps the query, signature included, when the Url has a fragment or a query of its own', async () => {
    const cases = [
      { url: `${h.base}/cb#section`, path: '/cb', own: {} },
      { url: `${h.base}/cb#frag?x=1`, path: '/cb', own: {} },
      { url: `${h.base}/cb?tenant=7#top`, path: '/cb', own: { tenant: '7' } },
      { url: `${h.base}/cb?`, path: '/cb', own: {} },
      { url: `${h.base}/cb?a=1&b=two`, path: '/cb', own: { a: '1', b: 'two' } },
      { url: `${h.base}/`, path: '/', own: {} },
    ];
    ok(await t.rest('live_config', 'set_callback_token', { Token: 'tok' }));
    for (const c of cases) {
      h.received.length = 0;
      ok(await t.rest('live_config', 'delete_callback', {}));
      await setCallback(c.url);
      await newRoom();
      await eventually(() => h.received.length === 1, `a callback for ${c.url}`);
      const [got] = h.received;
      assert.equal(got!.path, c.path, c.url);
      const q = got!.query;
      assert.equal(q.get('SdkAppid'), String(SDK_APP_ID), `${c.url}: ${String(q)}`);
      assert.equal(q.get('CallbackCommand'), CREATE, c.url);
      assert.equal(q.get('contenttype'), 'json', c.url);
      const time = Number(q.get('RequestTime'));
      assert.equal(q.get('Sign'), callbackSign('tok', time), `${c.url}: signed`);
      for (const [k, v] of Object.entries(c.own)) assert.equal(q.get(k), v, `${c.url}: its own ${k}`);
      assert.equal(q.has('x'), false, `${c.url}: nothing of the fragment is sent`);
    }
  });

  it('callbackTarget: the Url’s own query first, ours after, never inside a fragment', () => {
    assert.equal(callbackTarget('http://h/cb', 'A=1'), 'http://h/cb?A=1');
    assert.equal(callbackTarget('http://h/cb?x=1', 'A=1'), 'http://h/cb?x=1&A=1');
    assert.equal(callbackTarget('http://h/cb#f', 'A=1'), 'http://h/cb?A=1');
    assert.equal(callbackTarget('http://h/cb?x=1#f?y=2', 'A=1'), 'http://h/cb?x=1&A=1');
    assert.equal(callbackTarget('https://h/cb?', 'A=1'), 'https://h/cb?A=1');
  });
});

describe('pending callbacks follow the configuration', () => {
  it('once delete_callback has answered, nothing more is sent, retries included', async () => {
    await setCallback(`${h.base}/cb`);
    h.mode = 'hold';
    await newRoom();
    await eventually(() => h.received.length === 1, 'the first attempt');
    ok(await t.rest('live_config', 'delete_callback', {}));
    h.release(); // the first attempt fails now: its retries would come 20 ms and 40 ms later
    await pause(RETRIES_DONE_MS);
    assert.deepEqual(
      h.received.map((r) => r.command),
      [CREATE],
      'no retry reaches a receiver whose callback was deleted',
    );
  });

  it('a command taken off CallbackCommandList is not retried, the others are', async () => {
    await setCallback(`${h.base}/cb`);
    const roomId = await newRoom();
    await eventually(() => h.received.length === 1, 'the create callback');
    h.mode = 'hold';
    ok(await t.rest('live_engine_http_srv', 'destroy_room', { RoomId: roomId }));
    await eventually(() => h.received.length === 2, 'the destroy callback, held');
    await newRoom();
    await eventually(() => h.received.length === 3, 'a second create callback, held');
    ok(await t.rest('live_config', 'update_callback', { Url: `${h.base}/cb`, CallbackCommandList: [DESTROY] }));
    h.mode = 'ok';
    h.release();
    await eventually(() => h.received.filter((r) => r.command === DESTROY).length === 2, 'the destroy, retried');
    await pause(RETRIES_DONE_MS);
    assert.deepEqual(
      h.received.map((r) => r.command).sort(),
      [CREATE, CREATE, DESTROY, DESTROY].sort(),
      'the create callback (no longer listed) is not retried',
    );
  });

  it('after update_callback to a new Url, pending retries go to the new Url', async () => {
    await setCallback(`${h.base}/old`);
    h.mode = 'hold';
    await newRoom();
    await eventually(() => h.received.length === 1, 'the first attempt, at the old Url');
    ok(
      await t.rest('live_config', 'update_callback', { Url: `${h2.base}/new`, CallbackCommandList: [CREATE, DESTROY] }),
    );
    h.release();
    await eventually(() => h2.received.length === 1, 'the retry, at the new Url');
    assert.equal(h2.received[0]!.path, '/new');
    assert.equal(h2.received[0]!.command, CREATE);
    await pause(RETRIES_DONE_MS);
    assert.equal(h.received.length, 1, 'the old Url hears nothing more');
    assert.equal(h2.received.length, 1, 'delivered once at the new Url');
  });
});

describe('one room’s callbacks arrive in the order they happened', () => {
  it('a retried callback is not overtaken by the room’s later ones; other rooms do not wait for it', async () => {
    await setCallback(`${h.base}/cb`, [CREATE, DESTROY, 'Live.CallbackAfterSetMetadata']);
    let first = true;
    // The first callback of the first room is held (then fails); everything else is answered at once.
    h.holdIf = () => {
      const hold = first;
      first = false;
      return hold;
    };
    const slow = await newRoom();
    await eventually(() => h.received.length === 1, 'the held create callback');
    ok(
      await t.rest('live_engine_http_srv', 'set_room_metadata', { RoomId: slow, Metadata: [{ Key: 'k', Value: 'v' }] }),
    );
    ok(await t.rest('live_engine_http_srv', 'destroy_room', { RoomId: slow }));
    const other = await newRoom();
    await eventually(() => h.received.some((r) => r.roomId === other), 'another room’s callback, meanwhile');
    await pause(100);
    assert.deepEqual(
      h.received.filter((r) => r.roomId === slow).map((r) => r.command),
      [CREATE],
      'nothing of the slow room goes past its held callback',
    );
    h.release(); // fails: retried 20 ms later, then the room's metadata and destroy callbacks follow in order
    await eventually(() => h.received.filter((r) => r.roomId === slow).length === 4, 'the slow room’s callbacks');
    assert.deepEqual(
      h.received.filter((r) => r.roomId === slow).map((r) => r.command),
      [CREATE, CREATE, 'Live.CallbackAfterSetMetadata', DESTROY],
    );
  });

  it('callbacks of one room are never in flight together', async () => {
    await setCallback(`${h.base}/cb`, [CREATE, 'Live.CallbackAfterSetMetadata']);
    const roomId = await newRoom();
    await eventually(() => h.received.length === 1, 'the create callback');
    h.mode = 'hold';
    for (let i = 0; i < 5; i++)
      ok(
        await t.rest('live_engine_http_srv', 'set_room_metadata', {
          RoomId: roomId,
          Metadata: [{ Key: `k${i}`, Value: 'v' }],
        }),
      );
    await eventually(() => h.received.length === 2, 'the first metadata callback, held');
    await pause(100);
    assert.equal(h.received.length, 2, 'the others wait for it');
    h.mode = 'ok';
    h.release();
    await eventually(() => h.received.length === 7, 'the rest, one after another (the held one retried)');
    assert.deepEqual(
      h.received.slice(1).map((r) => r.key),
      ['k0', 'k0', 'k1', 'k2', 'k3', 'k4'],
      'in the order they were set, the held one retried first',
    );
  });
});

describe('a server that stops', () => {
  const MEMBER = 'Live.CallbackAfterMemberStateChanged';

  it('reports everyone online offline first, seated or not, and lets that go out', async () => {
    const s = await startTestServer({ webhooks: { timeoutMs: 30_000, backoffMs: 20, drainMs: 10_000 } });
    after(() => s.close());
    await s.accounts('host');
    ok(await s.rest('live_config', 'set_callback', { Url: `${h.base}/stop`, CallbackCommandList: [MEMBER] }));
    await s.room('bye', { Owner_Account: 'host' });
    await s.room('empty');
    const host = await connect(s, 'host', 'bye');
    await connect(s, 'ann', 'bye');
    const bob = await connect(s, 'bob', 'bye');
    assert.equal((await bob.command('seat.take', { index: 2 })).ok, true);
    await eventually(
      () =>
        h.received.filter((r) => r.body['EventCause'] === 'Enter').flatMap((r) => r.body['MemberList'] as []).length ===
        3,
      'three entered',
    );
    // The owner drops first: already offline, not reported again.
    host.close();
    await eventually(() => h.received.some((r) => r.body['EventCause'] === 'HeartbeatInterrupt'), 'the owner dropped');
    h.received.length = 0;
    await s.close();
    assert.deepEqual(
      h.received.map((r) => [
        r.roomId,
        r.body['EventType'],
        r.body['EventCause'],
        (r.body['MemberList'] as { Member_Account: string }[]).map((m) => m.Member_Account).sort(),
      ]),
      [['bye', 'Offline', 'HeartbeatInterrupt', ['ann', 'bob']]],
      'one callback per room with anyone online, sent before close() resolves',
    );
  });

  it('a receiver that does not answer holds the stop for drainMs, not its 30 s deadline', async () => {
    const s = await startTestServer({ webhooks: { timeoutMs: 30_000, drainMs: 200 } });
    after(() => s.close());
    ok(await s.rest('live_config', 'set_callback', { Url: `${h.base}/stop`, CallbackCommandList: [MEMBER] }));
    await s.room('held');
    await connect(s, 'ann', 'held');
    await eventually(() => h.received.length === 1, 'the enter callback');
    h.mode = 'hold';
    const started = performance.now();
    await s.close();
    const took = performance.now() - started;
    assert.equal(h.received.length, 2, 'the offline callback was sent');
    assert.ok(took < 10_000, `close() took ${took.toFixed(0)} ms`);
  });
});
