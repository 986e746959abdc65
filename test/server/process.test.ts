import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { verifyUserSig } from '../../server/auth/usersig.js';
import { DEV_SECRET_KEY, loadConfig } from '../../server/config.js';
import { adminQuery, client, closeAll, sdkAppId, secretKey, sig, testServer, until } from './helpers.js';

describe('server configuration', () => {
  it('reads flags over environment over defaults', () => {
    const config = loadConfig(['--port', '9001', '--dev-signer', '--barrage-rate=10/1000'], {
      VR_PORT: '9000',
      VR_ADMIN: 'boss',
      VR_DATA_DIR: '/tmp/x',
    });
    assert.equal(config.port, 9001);
    assert.equal(config.admin, 'boss');
    assert.equal(config.dataDir, '/tmp/x');
    assert.equal(config.devSigner, true);
    assert.deepEqual(config.barrageRate, { limit: 10, windowMs: 1000 });
    assert.equal(config.host, '127.0.0.1');
  });

  it('refuses bad values with a message naming them', () => {
    assert.throws(() => loadConfig(['--port', 'eighty']), /port must be an integer/);
    assert.throws(() => loadConfig(['--colour', 'red']), /unknown flag --colour/);
    assert.throws(() => loadConfig([], { VR_BARRAGE_RATE: 'fast' }), /rate must look like/);
  });

  it('will not expose the development key or the dev signer beyond loopback', () => {
    assert.throws(() => loadConfig(['--host', '0.0.0.0']), /VR_SECRET_KEY must be set/);
    assert.throws(() => loadConfig(['--host', '0.0.0.0', '--secret-key', 'real', '--dev-signer']), /loopback/);
    assert.equal(loadConfig(['--host', '0.0.0.0', '--secret-key', 'real']).secretKey, 'real');
    assert.equal(loadConfig([]).secretKey, DEV_SECRET_KEY);
  });
});

describe('server process behaviour', () => {
  it('the dev signer is off unless asked for, and signs verifiable UserSigs when on', async () => {
    const off = await testServer();
    const on = await testServer({ devSigner: true });
    try {
      assert.equal((await fetch(`${off.url}/dev/usersig?userId=ann`)).status, 404);
      const res = await fetch(`${on.url}/dev/usersig?userId=ann`);
      const body = (await res.json()) as { sdkAppId: number; userId: string; userSig: string };
      assert.equal(body.userId, 'ann');
      assert.doesNotThrow(() => verifyUserSig({ sdkAppId, secretKey, userId: 'ann', userSig: body.userSig }));
      assert.ok(!JSON.stringify(body).includes(secretKey), 'the secret never leaves the server');
      assert.equal((await fetch(`${on.url}/dev/usersig?userId=${encodeURIComponent('<bad>')}`)).status, 400);
    } finally {
      await off.dispose();
      await on.dispose();
    }
  });

  it('serves a static directory (the built demo) without escaping it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vr-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    const server = await testServer({ staticDir: dir });
    try {
      const page = await fetch(`${server.url}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<title>demo<\/title>/);
      const js = await fetch(`${server.url}/app.js`);
      assert.match(js.headers.get('content-type') ?? '', /javascript/);
      const escape = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`);
      assert.ok(
        escape.status === 403 || (await escape.text()).includes('<title>demo</title>'),
        'never a file outside the directory',
      );
    } finally {
      await server.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('detects a dead socket by heartbeat and starts the seat lease', async () => {
    const server = await testServer({ seatLeaseMs: 200 }, { heartbeatMs: 100 });
    const host = client(server, 'hb-host', 'hb');
    try {
      await host.start({ roomName: 'Heartbeat', seatMode: 'free' });
      // A client that stops answering pings (a frozen tab, a cut cable): no close frame ever arrives.
      const ws = new WebSocket(
        `${server.url.replace('http', 'ws')}/ws?sdkAppId=${sdkAppId}&userId=frozen&userSig=${sig('frozen')}`,
        { autoPong: false },
      );
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'Frozen', avatarUrl: '' }));
      ws.send(JSON.stringify({ t: 'cmd', id: 'j', type: 'room.join', args: { roomId: 'hb' } }));
      ws.send(JSON.stringify({ t: 'cmd', id: 't', type: 'seat.take', args: { index: 4 } }));
      await until(() => host.state.snapshot?.seats[4]?.user?.userId === 'frozen', 'frozen client seated');
      await until(() => host.state.snapshot?.seats[4]?.user === null, 'released after missed pings + lease');
      ws.terminate();
    } finally {
      await closeAll([host]);
      await server.dispose();
    }
  });

  it('dismisses a room nobody has been in for the idle period', async () => {
    const server = await testServer({ idleDismissMs: 1_000 });
    const host = client(server, 'idle-host', 'idle');
    try {
      await host.start({ roomName: 'Idle', seatMode: 'free', keepOwnerOnSeat: false });
      await host.backend.close();
      // An ended room leaves memory; its row stays in SQLite.
      await until(() => server.engine.room('idle') === undefined, 'room dismissed');
      assert.equal(
        server.persistence.db.prepare("SELECT status FROM rooms WHERE room_id = 'idle'").pluck().get(),
        'ended',
      );
      const listed = (await fetch(`${server.url}/healthz?${adminQuery()}`).then((r) => r.json())) as { rooms: number };
      assert.equal(listed.rooms, 0);
    } finally {
      host.dispose();
      await server.dispose();
    }
  });

  it('a command sent while offline waits, then runs once after reconnecting', async () => {
    const server = await testServer();
    const host = client(server, 'off-host', 'offline');
    const guest = client(server, 'off-guest', 'offline');
    try {
      await host.start({ roomName: 'Offline', seatMode: 'free' });
      await guest.join();
      const backend = guest.backend as unknown as { disconnect(): void; reconnect(): Promise<void> };
      backend.disconnect();
      const sent = guest.sendBarrage('sent while offline');
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(!host.state.snapshot!.barrage.some((m) => m.text === 'sent while offline'));
      await backend.reconnect();
      await sent;
      await until(
        () => host.state.snapshot!.barrage.some((m) => m.text === 'sent while offline'),
        'delivered after reconnect',
      );
      assert.equal(host.state.snapshot!.barrage.filter((m) => m.text === 'sent while offline').length, 1);
    } finally {
      await closeAll([host, guest]);
      await server.dispose();
    }
  });
});
