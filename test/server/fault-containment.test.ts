/**
 * Issue 12 §1: a fault in a socket handler (message, close), a timer callback or an HTTP handler is logged and
 * answered (INTERNAL for commands, a 500 envelope for HTTP), never fatal to the process. Faults are injected by
 * replacing engine methods on the real server's instance for the duration of one case.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ErrorCode, type Room } from '../../src/index.js';
import { WebSocket } from 'ws';
import { createLogger } from '../../server/logger.js';
import { client, closeAll, rawSocket, sdkAppId, sig, testServer, until } from './helpers.js';
import { mapGet, mapHas } from '../../src/rules/persistent-map.js';

describe('faults are contained, logged and answered', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const exits: string[] = [];
  // The server's real logger, writing its JSON lines here instead of stderr.
  const lines: Record<string, unknown>[] = [];
  const errors: string[] = [];
  const logger = createLogger('error', {
    write: (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      errors.push(String(entry['msg']));
    },
  });
  const onUncaught = (error: Error) => exits.push(error.message);
  const rooms: Room[] = [];
  const restore: (() => void)[] = [];

  before(async () => {
    // A fault that escapes to the event loop would end the server's process, which is this test's process.
    process.on('uncaughtException', onUncaught);
    server = await testServer({ seatLeaseMs: 300, commandRate: 1_000_000 }, { logger, sfu: false });
  });
  afterEach(async () => {
    for (const undo of restore.splice(0)) undo();
    await closeAll(rooms.splice(0));
  });
  after(async () => {
    process.off('uncaughtException', onUncaught);
    await server.dispose();
  });

  async function healthy(): Promise<void> {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(exits, [], 'nothing escaped to the event loop');
  }

  /** Replaces one engine method until the end of the case. */
  function inject<K extends 'closeSession' | 'execute' | 'mutate' | 'allRooms'>(
    name: K,
    replacement: (original: (typeof server.engine)[K]) => (typeof server.engine)[K],
  ): void {
    const engine = server.engine;
    const original = engine[name].bind(engine) as (typeof server.engine)[K];
    engine[name] = replacement(original);
    restore.push(() => {
      engine[name] = original;
    });
  }

  it('a close handler that throws is logged; the server and the room go on', async () => {
    const owner = client(server, 'owner1', 'close-fault');
    const guest = client(server, 'guest1', 'close-fault');
    rooms.push(owner, guest);
    await owner.start({ roomName: 'close fault', seatMode: 'free' });
    await guest.join();
    inject('closeSession', () => () => {
      throw new Error('injected close fault');
    });
    guest.dispose();
    await guest.backend.close();
    await until(() => errors.includes('ws close handler failed'), 'the fault is logged');
    // With the connection it happened on, and what happened.
    const line = lines.find((l) => l['msg'] === 'ws close handler failed');
    assert.equal(line?.['level'], 'error');
    assert.equal(line?.['userId'], 'guest1');
    assert.equal(typeof line?.['conn'], 'number');
    assert.match(String(line?.['error']), /injected close fault/);
    await healthy();
    await owner.sendBarrage('still here');
    await until(
      () => owner.state.snapshot?.barrage.some((m) => m.text === 'still here') === true,
      'the room still works',
    );
  });

  it('a command whose handling throws is answered INTERNAL without the exception text', async () => {
    const raw = await rawSocket(server, 'cmd-fault');
    try {
      raw.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'n', avatarUrl: '' }));
      await raw.next((f) => f['id'] === 'h');
      inject('execute', () => () => {
        throw new TypeError('injected secret detail');
      });
      raw.ws.send(JSON.stringify({ t: 'cmd', id: 'c1', type: 'room.list', args: {} }));
      const answer = await raw.next((f) => f['id'] === 'c1');
      assert.equal(answer['ok'], false);
      const error = answer['error'] as { code: number; message: string };
      assert.equal(error.code, ErrorCode.INTERNAL);
      assert.doesNotMatch(error.message, /secret/);
      assert.ok(errors.includes('command failed'), 'the fault is logged');
      for (const undo of restore.splice(0)) undo();
      raw.ws.send(JSON.stringify({ t: 'cmd', id: 'c2', type: 'room.list', args: {} }));
      assert.equal((await raw.next((f) => f['id'] === 'c2'))['ok'], true, 'the next command works');
    } finally {
      raw.ws.close();
    }
    await healthy();
  });

  it('a timer whose rule throws is logged and tried again; the lease still ends', async () => {
    const owner = client(server, 'owner2', 'timer-fault');
    const seated = client(server, 'seated2', 'timer-fault');
    rooms.push(owner, seated);
    await owner.start({ roomName: 'timer fault', seatMode: 'free' });
    await seated.join();
    await seated.takeSeat(3);
    seated.dispose();
    await seated.backend.close();
    await until(
      () => mapGet(server.engine.room('timer-fault')!.members, 'seated2')?.online === false,
      'the seated user is offline, lease running',
    );
    let failures = 0;
    inject('mutate', (original) => (roomId, rule) => {
      if (roomId === 'timer-fault' && failures < 1) {
        failures += 1;
        throw new Error('injected timer fault');
      }
      return original(roomId, rule);
    });
    await until(() => errors.includes('room timer failed for timer-fault'), 'the fault is logged');
    await until(
      () => server.engine.room('timer-fault')!.seats[3]!.user === null,
      'the retried timer releases the seat',
    );
    assert.equal(mapHas(server.engine.room('timer-fault')!.members, 'seated2'), false);
    await healthy();
  });

  it('an HTTP handler that throws answers 500 (an envelope on /v4), and REST commands answer INTERNAL', async () => {
    inject('allRooms', () => () => {
      throw new Error('injected http fault');
    });
    const admin = 'administrator';
    // Only the admin's /healthz counts rooms (anyone else just hears that the server is up), so ask as the admin.
    const health = await fetch(`${server.url}/healthz?sdkappid=${sdkAppId}&identifier=${admin}&usersig=${sig(admin)}`);
    assert.equal(health.status, 500);
    assert.deepEqual(await health.json(), { error: 'internal error' });
    assert.ok(errors.includes('http handler failed'));
    // The line says which request failed, but not with the App admin's UserSig: logs are no place for credentials.
    const logged = String(lines.find((l) => l['msg'] === 'http handler failed')?.['url']);
    assert.match(logged, /^\/healthz\?sdkappid=\d+&identifier=administrator&usersig=\[redacted\]$/);
    const res = await fetch(
      `${server.url}/v4/live_engine_http_srv/get_room_list?sdkappid=${sdkAppId}&identifier=${admin}&usersig=${sig(admin)}&random=1&contenttype=json`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Next: '' }),
      },
    );
    const body = (await res.json()) as { ActionStatus: string; ErrorCode: number; ErrorInfo: string };
    assert.equal(body.ActionStatus, 'FAIL');
    assert.equal(body.ErrorCode, ErrorCode.INTERNAL);
    assert.doesNotMatch(body.ErrorInfo, /injected/);
    for (const undo of restore.splice(0)) undo();
    await healthy();
  });

  it('a WebSocket upgrade that throws is logged without the UserSig of the URL', async () => {
    const gateway = server.gateway;
    const original = gateway.handleUpgrade.bind(gateway);
    gateway.handleUpgrade = () => {
      throw new Error('injected upgrade fault');
    };
    restore.push(() => {
      gateway.handleUpgrade = original;
    });
    const userSig = sig('upgrader');
    const socket = new WebSocket(
      `${server.url.replace('http', 'ws')}/ws?sdkAppId=${sdkAppId}&userId=upgrader&userSig=${userSig}`,
    );
    socket.on('error', () => {}); // the server destroys the socket: expected
    await until(() => errors.includes('ws upgrade failed'), 'the fault is logged');
    socket.terminate();
    const logged = String(lines.find((l) => l['msg'] === 'ws upgrade failed')?.['url']);
    assert.ok(!logged.includes(userSig) && logged.includes('userSig=[redacted]'), logged);
    for (const undo of restore.splice(0)) undo();
    await healthy();
  });
});
