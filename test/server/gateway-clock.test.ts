// Issue 16 §3: the gateway reads time from the engine's clock, not Date.now(), so a test that moves the server's
// clock moves the gateway too: signature expiry and the command rate window follow it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloseCode } from '../../src/backends/local/protocol.js';
import { ErrorCode, type ManualClock, createManualClock } from '../../src/core.js';
import { rawSocket, testServer, until } from './helpers.js';

describe('gateway on the engine clock', () => {
  let clock: ManualClock;
  let server: Awaited<ReturnType<typeof testServer>>;

  before(async () => {
    clock = createManualClock(Date.now());
    server = await testServer({ commandRate: 3 }, { clock, sfu: false });
  });
  after(() => server.dispose());

  it('runs on the same clock as the engine', () => {
    assert.equal(server.engine.clock, clock);
  });

  it('counts the command rate in clock time: a window opens when the clock moves on, not before', async () => {
    const raw = await rawSocket(server, 'rate');
    raw.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'R', avatarUrl: '' }));
    await raw.next((f) => f['id'] === 'h');
    for (const id of ['c1', 'c2', 'c3']) raw.ws.send(JSON.stringify({ t: 'cmd', id, type: 'wallet.get', args: {} }));
    assert.equal((await raw.next((f) => f['id'] === 'c2'))['ok'], true, 'hello + 2 commands fit a rate of 3');
    assert.equal(((await raw.next((f) => f['id'] === 'c3'))['error'] as { code: number }).code, ErrorCode.RATE_LIMITED);
    // However long the test takes in real time, the window is the clock's: only moving it lets the next one through.
    clock.advance(1_000);
    raw.ws.send(JSON.stringify({ t: 'cmd', id: 'c4', type: 'wallet.get', args: {} }));
    assert.equal((await raw.next((f) => f['id'] === 'c4'))['ok'], true);
    raw.ws.close();
  });

  it('answers a retried request ID from the cache once per connection for free, again only within the rate', async () => {
    const first = await rawSocket(server, 'replay');
    first.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'R', avatarUrl: '' }));
    const retried = JSON.stringify({ t: 'cmd', id: 'w', type: 'wallet.get', args: {} });
    first.ws.send(retried);
    assert.equal((await first.next((f) => f['id'] === 'w'))['ok'], true);
    // A reconnect that spent its window on hello and two commands still gets its retry's first answer: the retry
    // is what the idempotency is for, and a refusal would say a command failed that ran.
    const back = await rawSocket(server, 'replay');
    back.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'R', avatarUrl: '' }));
    for (const id of ['x1', 'x2']) back.ws.send(JSON.stringify({ t: 'cmd', id, type: 'wallet.get', args: {} }));
    back.ws.send(retried);
    await back.next((f) => f['id'] === 'x2');
    assert.equal((await back.next((f) => f['id'] === 'w'))['ok'], true, "the retry's first answer");
    // The same ID over and over on one connection asks for the same (possibly large) answer each time: past the
    // first, each costs the command rate like running it would, or one frame of 60 bytes buys a snapshot's worth.
    for (let i = 0; i < 20; i++) back.ws.send(retried);
    await until(() => back.frames.filter((f) => f['id'] === 'w').length === 21, 'every repeat answered');
    const repeats = back.frames.filter((f) => f['id'] === 'w').slice(1);
    assert.equal(repeats.filter((f) => f['ok'] === true).length, 0, 'the window was spent: no repeat answered ok');
    clock.advance(1_000);
    back.ws.send(retried);
    await until(() => back.frames.filter((f) => f['id'] === 'w').length === 22, 'the next window');
    assert.equal(back.frames.at(-1)!['ok'], true, 'a new window lets one through');
    back.ws.close();
  });

  it('closes a connection when its UserSig expires on the clock', async () => {
    const raw = await rawSocket(server, 'expiry');
    const closed = new Promise<number>((resolve) => raw.ws.on('close', (code) => resolve(code)));
    // helpers.sig() signs for an hour: an hour and a second later on the clock, the connection is over.
    clock.advance(3_601_000);
    assert.equal(await closed, CloseCode.sigExpired);
  });
});
