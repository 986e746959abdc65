// The edges of the HTTP server (issue 12, section 5), tried as an attacker would on loopback: static paths that
// climb out of the static directory, symlinks that lead out of it, the dev signer asked for the admin or through
// a foreign Host, WebSocket handshakes from foreign origins, REST bodies that are not declared JSON, /healthz as a
// stranger, and internal failures whose text must stay in the log.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { verifyUserSig } from '../../server/auth/usersig.js';
import { adminQuery, client, closeAll, rawSocket, sdkAppId, secretKey, sig, testServer, until } from './helpers.js';
import type { Room } from '../../src/index.js';

const SECRET = 'webhook-token-SECRET-7f3a';

/** A GET with the path exactly as written (fetch would normalise dot segments) and any Host header. */
function get(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket with (or without) an Origin header: 'open' or the HTTP status it was refused with. */
function handshake(url: string, origin: string | undefined): Promise<'open' | number> {
  const userId = 'originuser';
  const ws = new WebSocket(
    `${url.replace('http', 'ws')}/ws?sdkAppId=${sdkAppId}&userId=${userId}&userSig=${sig(userId)}`,
    origin === undefined ? {} : { origin },
  );
  return new Promise((resolve) => {
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
}

describe('static files stay inside the static directory', () => {
  let parent: string;
  let server: Awaited<ReturnType<typeof testServer>>;

  before(async () => {
    parent = mkdtempSync(join(tmpdir(), 'vr-edges-'));
    const root = join(parent, 'static');
    // A data directory named like the static one: the string-prefix check used to let it through.
    const data = join(parent, 'static-data');
    mkdirSync(join(root, 'sub'), { recursive: true });
    mkdirSync(data);
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(join(root, 'app.js'), 'export const app = 1;');
    writeFileSync(join(root, 'sub', 'page.html'), '<!doctype html><title>sub</title>');
    writeFileSync(join(root, 'tencent-probe.html'), '<!doctype html><title>probe</title>');
    writeFileSync(join(root, 'sub', 'tencent-probe.html'), '<!doctype html><title>not the probe</title>');
    writeFileSync(join(data, 'voiceroom.sqlite'), `SQLite format 3\0${SECRET}`);
    writeFileSync(join(data, 'voiceroom.sqlite-wal'), `wal ${SECRET}`);
    writeFileSync(join(parent, 'secret.txt'), SECRET);
    // Symlinks inside the static directory: two lead out, one stays in.
    symlinkSync(data, join(root, 'linked-data'));
    symlinkSync(join(parent, 'secret.txt'), join(root, 'secret.js'));
    symlinkSync(join(root, 'app.js'), join(root, 'alias.js'));
    server = await testServer({ staticDir: root });
  });
  after(async () => {
    await server.dispose();
    rmSync(parent, { recursive: true, force: true });
  });

  const escapes = [
    '/..%2fstatic-data/voiceroom.sqlite',
    '/..%2Fstatic-data/voiceroom.sqlite-wal',
    '/%2e%2e%2fstatic-data/voiceroom.sqlite',
    '/%2E%2E%2Fstatic-data%2Fvoiceroom.sqlite',
    '/sub/..%2f..%2fstatic-data/voiceroom.sqlite',
    '/sub/%2e%2e/%2e%2e/static-data/voiceroom.sqlite',
    '/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/..%2fsecret.txt',
    '/..%5cstatic-data%5cvoiceroom.sqlite',
    '/linked-data/voiceroom.sqlite',
    '/linked-data/voiceroom.sqlite-wal',
    '/secret.js',
    '/linked-data/',
  ];
  for (const path of escapes) {
    it(`does not serve ${path}`, async () => {
      const res = await get(server.url, path);
      assert.ok(
        !res.body.includes(SECRET) && !res.body.includes('root:x:'),
        `${path} → ${res.status} served a file from outside the static directory`,
      );
      assert.ok([200, 400, 403, 404].includes(res.status));
      if (res.status === 200) assert.match(res.body, /<title>shell<\/title>/, 'only the app shell may answer');
    });
  }

  it('still serves files, sub-directories, the app shell and symlinks that stay inside', async () => {
    assert.match((await get(server.url, '/')).body, /shell/);
    assert.match((await get(server.url, '/sub/page.html')).body, /sub/);
    assert.match((await get(server.url, '/sub/')).body, /shell/, 'a directory without index.html gets the shell');
    assert.match((await get(server.url, '/rooms/abc')).body, /shell/, 'client-side routes get the shell');
    assert.match((await get(server.url, '/alias.js')).body, /app = 1/);
    assert.equal((await get(server.url, '/app.js')).headers['content-type'], 'text/javascript; charset=utf-8');
  });

  it('static responses carry nosniff, a CSP the demo can live with, and frame-ancestors', async () => {
    for (const path of ['/', '/app.js', '/rooms/abc', '/..%2fsecret.txt']) {
      const { headers } = await get(server.url, path);
      assert.equal(headers['x-content-type-options'], 'nosniff', path);
      const csp = String(headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'self'",
      ]) {
        assert.ok(csp.split('; ').includes(directive), `${path}: CSP lacks ${directive}: ${csp}`);
      }
      assert.ok(
        !/script-src[^;]*('unsafe-inline'|'unsafe-eval'|https?:|\*|data:|blob:)/.test(csp),
        'scripts from this origin only, never inline, no eval',
      );
      // Issue 15: gift effects need neither eval nor reading data:/blob: URLs back (test/components/gift-player-csp.test.ts).
      assert.ok(!/connect-src[^;]*(data:|blob:)/.test(csp), 'no connect-src data:/blob:');
    }
  });

  it('only the Tencent probe page may evaluate code and reach other hosts (the RoomEngine SDK needs both)', async () => {
    const csp = String((await get(server.url, '/tencent-probe.html')).headers['content-security-policy']);
    assert.ok(csp.split('; ').includes("script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'"), csp);
    assert.ok(csp.split('; ').includes("connect-src 'self' https: wss:"), csp);
    assert.ok(
      csp.split('; ').includes("frame-ancestors 'self'") && csp.split('; ').includes("object-src 'none'"),
      'the rest stays strict',
    );
    for (const path of ['/sub/tencent-probe.html', '/TENCENT-PROBE.HTML', '/sub/page.html']) {
      assert.ok(!/unsafe-eval/.test(String((await get(server.url, path)).headers['content-security-policy'])), path);
    }
  });
});

describe('who may reach the server', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let boss: Awaited<ReturnType<typeof testServer>>;
  let open: Awaited<ReturnType<typeof testServer>>;
  let listed: Awaited<ReturnType<typeof testServer>>;
  const rooms: Room[] = [];

  before(async () => {
    server = await testServer({ devSigner: true });
    boss = await testServer({ devSigner: true, admin: 'boss' });
    open = await testServer({ allowedOrigins: ['*'] });
    listed = await testServer({ allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] });
  });
  after(async () => {
    await closeAll(rooms);
    for (const s of [server, boss, open, listed]) await s.dispose();
  });

  it('the dev signer refuses the App admin identifier', async () => {
    for (const [s, admin] of [
      [server, 'administrator'],
      [boss, 'boss'],
    ] as const) {
      const res = await fetch(`${s.url}/dev/usersig?userId=${admin}`);
      assert.equal(res.status, 403, `${admin} must not be signed`);
      assert.ok(!(await res.text()).includes('userSig'));
    }
    // Anyone else still gets a working signature (the demo signs in through it).
    const res = await fetch(`${boss.url}/dev/usersig?userId=administrator`);
    const body = (await res.json()) as { userSig: string };
    assert.doesNotThrow(() => verifyUserSig({ sdkAppId, secretKey, userId: 'administrator', userSig: body.userSig }));
  });

  it('the dev signer answers loopback Host values only', async () => {
    const port = new URL(server.url).port;
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `192.168.1.20:${port}`,
      `10.0.0.1`,
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example`,
      `0.0.0.0:${port}`,
      `[::ffff:7f00:1]:${port}`,
      `127.0.0.999:${port}`,
      'a b',
      `127.0.0.1:${port}@evil.example`,
    ]) {
      const res = await get(server.url, '/dev/usersig?userId=mallory', { host });
      assert.equal(res.status, 403, `Host "${host}" → ${res.status}`);
      assert.ok(!res.body.includes('userSig'), `Host "${host}" got a signature`);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, '127.0.0.1']) {
      const res = await get(server.url, '/dev/usersig?userId=mallory', { host });
      assert.equal(res.status, 200, `Host "${host}" → ${res.status}`);
    }
  });

  it("WebSocket upgrades check Origin: the server's own origins and non-browser clients pass, others are refused", async () => {
    const port = new URL(server.url).port;
    for (const origin of [undefined, `http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]) {
      assert.equal(await handshake(server.url, origin), 'open', `origin ${origin}`);
    }
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      `http://127.0.0.1.evil.example:${port}`,
      `http://127.0.0.1:${Number(port) + 1}`,
      'null',
      'file://',
      `http://192.168.1.20:${port}`,
      'not an origin',
    ]) {
      assert.equal(await handshake(server.url, origin), 403, `origin ${origin}`);
    }
    // The allow-list is configurable: a list replaces the defaults, '*' lets every origin through.
    assert.equal(await handshake(listed.url, 'https://app.example.com'), 'open');
    assert.equal(await handshake(listed.url, 'http://localhost:5173'), 'open');
    assert.equal(await handshake(listed.url, 'http://evil.example'), 403);
    assert.equal(await handshake(open.url, 'http://anything.example:9999'), 'open');
  });

  it('REST requires Content-Type: application/json and answers otherwise in its envelope (60002), changing nothing', async () => {
    const body = JSON.stringify({ RoomInfo: { RoomId: 'ct-room', RoomType: 'Live' } });
    for (const contentType of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'text/json',
      '',
    ]) {
      const res = await fetch(`${server.url}/v4/live_engine_http_srv/create_room?${adminQuery()}`, {
        method: 'POST',
        headers: contentType ? { 'content-type': contentType } : {},
        body: contentType ? body : new Blob([body]),
      });
      assert.equal(res.status, 200);
      const answer = (await res.json()) as {
        ActionStatus: string;
        ErrorCode: number;
        ErrorInfo: string;
        RequestId: string;
      };
      assert.equal(answer.ActionStatus, 'FAIL', contentType);
      assert.equal(answer.ErrorCode, 60002, contentType);
      assert.match(answer.ErrorInfo, /Content-Type must be application\/json/);
      assert.match(answer.RequestId, /^Id-[0-9a-f]{32}-O-Seq-\d+$/);
      assert.equal(server.engine.room('ct-room'), undefined, `${contentType}: no room was created`);
    }
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
      const res = await fetch(`${server.url}/v4/live_engine_http_srv/get_room_list?${adminQuery()}`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: JSON.stringify({ Next: '' }),
      });
      assert.equal(((await res.json()) as { ErrorCode: number }).ErrorCode, 0, contentType);
    }
  });

  it("/healthz says only that it is healthy unless asked with the App admin's credentials", async () => {
    const forged = new URLSearchParams({
      sdkappid: String(sdkAppId),
      identifier: 'administrator',
      usersig: sig('mallory'),
    });
    const asUser = new URLSearchParams({ sdkappid: String(sdkAppId), identifier: 'mallory', usersig: sig('mallory') });
    for (const query of ['', `?${forged}`, `?${asUser}`, '?identifier=administrator']) {
      const res = await fetch(`${server.url}/healthz${query}`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { ok: true }, `healthz${query}`);
    }
    const full = (await (await fetch(`${server.url}/healthz?${adminQuery()}`)).json()) as Record<string, unknown>;
    assert.equal(full['ok'], true);
    assert.equal(typeof full['rooms'], 'number');
    assert.equal(typeof full['connections'], 'number');
  });

  it("error answers never carry an internal exception's text (WebSocket and REST)", async () => {
    const host = client(server, 'errhost', 'err');
    rooms.push(host);
    await host.start({ roomName: 'Errors', seatMode: 'free' });
    const persistence = server.persistence as unknown as Record<string, unknown>;
    const saved = {
      roomChanged: persistence['roomChanged'],
      giftSent: persistence['giftSent'],
      followChanged: persistence['followChanged'],
    };
    const boom = () => {
      throw new Error(`SQLITE_IOERR: disk I/O error at ${join(tmpdir(), 'vr-data', 'voiceroom.sqlite')} (${SECRET})`);
    };
    Object.assign(persistence, { roomChanged: boom, giftSent: boom, followChanged: boom });
    try {
      const raw = await rawSocket(server, 'errguest');
      raw.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'G', avatarUrl: '' }));
      await raw.next((f) => f['id'] === 'h');
      const attempts = [
        { t: 'cmd', id: 'c1', type: 'room.join', args: { roomId: 'err' } },
        { t: 'cmd', id: 'c2', type: 'follow.set', args: { userId: 'errhost', follow: true } },
        { t: 'cmd', id: 'c3', type: 'room.start', args: { roomId: 'err-new', options: { roomName: 'New' } } },
      ];
      for (const frame of attempts) {
        raw.ws.send(JSON.stringify(frame));
        const answer = await raw.next((f) => f['id'] === frame.id);
        assert.equal(answer['ok'], false, frame.type);
        const text = JSON.stringify(answer);
        for (const leak of [SECRET, 'SQLITE', 'voiceroom.sqlite', 'storage failed'])
          assert.ok(!text.includes(leak), `${frame.type} answer leaks "${leak}": ${text}`);
      }
      raw.ws.close();
      const res = await fetch(`${server.url}/v4/live_engine_http_srv/update_room_info?${adminQuery()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ RoomInfo: { RoomId: 'err', RoomName: 'Renamed' } }),
      });
      const answer = await res.text();
      assert.match(answer, /"ActionStatus":"FAIL"/);
      for (const leak of [SECRET, 'SQLITE', 'voiceroom.sqlite', 'storage failed'])
        assert.ok(!answer.includes(leak), `REST answer leaks "${leak}": ${answer}`);
    } finally {
      Object.assign(persistence, saved);
    }
    await until(() => host.state.connection === 'connected', 'the host is unaffected');
  });
});
