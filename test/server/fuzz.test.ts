import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { ErrorCode, type Room } from '../../src/index.js';
import { toSnapshot } from '../../src/core.js';
import { client, closeAll, prng, rawSocket, sig, sdkAppId, testServer, until } from './helpers.js';

const SCRIPT = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const HUGE = 'x'.repeat(20_000);

/**
 * Frames that must all be refused: malformed (bad JSON, wrong shapes and types, oversize, unknown commands) or
 * well-formed but forbidden for a plain muted member of someone else's room (kicks, locks, bad indices,
 * unknown requests and gifts, script-tag barrage while muted).
 */
function hostileFrame(random: () => number, i: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const id = `f${i}`;
  const cmd = (type: string, args: unknown) => JSON.stringify({ t: 'cmd', id, type, args });
  const badNumber = pick([-1, -2_147_483_648, 20, 21, 1e9, 2 ** 53, 1.5, Number.NaN, '3', null, true, [], {}]);
  const badString = pick([SCRIPT.repeat(100), HUGE, 42, null, {}, ['a'], '']);
  const generators: (() => string)[] = [
    () =>
      pick([
        '',
        '{',
        'null',
        '[]',
        '"cmd"',
        '{"t":',
        'undefined',
        '\u0000\u0001',
        '{"t":"cmd","id":"x","type":"seat.take","args":{"index":1}',
      ]),
    () =>
      JSON.stringify({
        t: pick(['cmd', 'CMD', 'hello', 'pong', 'batch', 42, null]),
        id: pick([id, '', 5, null, 'x'.repeat(65)]),
        type: 'seat.take',
        args: { index: 1, bogus: SCRIPT },
      }),
    () => cmd(pick(['seat.explode', 'room.destroyAll', '__proto__', 'constructor', 'toString', SCRIPT, '']), {}),
    // (NaN serializes as null, which seat.take accepts as "any seat": keep both out of this one.)
    () => cmd('seat.take', { index: badNumber === null || Number.isNaN(badNumber) ? -1 : badNumber }),
    () => cmd('seat.move', { index: badNumber, policy: pick(['abort', 'swap', 'teleport', 7]) }),
    () => cmd('seat.take', { index: 1, timeoutSec: pick([-5, 86_401, 'soon', 1.5]) }),
    () => cmd('seat.kick', { userId: pick(['owner', badString, SCRIPT]) }),
    () => cmd('seat.lock', { index: pick([0, 1, 2, badNumber]), locked: pick([true, false, 'yes']) }),
    () => cmd('seat.lockAudio', { index: pick([0, 3]), locked: true }),
    () => cmd('member.kick', { userId: 'owner' }),
    () =>
      cmd('member.ban', {
        userIds: pick([[], Array.from({ length: 21 }, (_, k) => `u${k}`), ['owner'], 'owner'] as unknown[]),
        seconds: pick([60, -1, 0]),
      }),
    () => cmd('member.mute', { userId: pick(['owner', 'listener']), seconds: pick([60, -60, 'long']) }),
    () => cmd('admin.set', { userId: 'fuzzer', admin: true }),
    () =>
      cmd('room.update', {
        patch: pick([{ name: SCRIPT }, { name: HUGE }, { seatMode: 'chaos' }, { owner: 'me' }, null, []]),
      }),
    () => cmd('room.end', {}),
    () => cmd('room.start', { roomId: pick(['fuzz', SCRIPT, '', 'a'.repeat(49)]), options: { roomName: SCRIPT } }),
    () => cmd('request.respond', { requestId: pick(['nope', SCRIPT, '']), accept: true }),
    () => cmd('request.cancel', { requestId: 'fuzz-r999' }),
    () => cmd('request.invite', { userId: 'listener', index: 1 }),
    () => cmd('barrage.send', { text: pick([SCRIPT, `${SCRIPT} hi`, HUGE, '', '   ', 42]) }),
    () => cmd('like.send', { count: pick([0, -1, 101, 1e9, 'many', 1.5]) }),
    () =>
      cmd('gift.send', {
        giftId: pick(['no-such-gift', SCRIPT, '']),
        count: pick([1, 0, -3, 10_000]),
        receiverId: pick(['owner', 'fuzzer', SCRIPT]),
      }),
    () => cmd('follow.set', { userId: pick(['fuzzer', '', SCRIPT, 42]), follow: true }),
    () => cmd('seat.take', { index: 1, extra: SCRIPT }),
    () => JSON.stringify({ t: 'hello', id, userName: pick([HUGE, 42, null]), avatarUrl: SCRIPT }),
    () => JSON.stringify({ t: 'cmd', id, type: 'barrage.send', args: { text: 'hi' }, __proto__: { polluted: true } }),
  ];
  return pick(generators)();
}

describe('hostile frames', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let rooms: Room[] = [];

  before(async () => {
    // Every budget lifted: the point is that each hostile frame is answered, not that a flood is throttled
    // (test/server/resources.test.ts covers the input budget).
    server = await testServer({
      commandRate: 1_000_000,
      badFrameLimit: 1_000_000,
      inputBudget: { bytesPerSec: 1e9, burstBytes: 1e9, strikes: 1e6 },
    });
    const owner = client(server, 'owner', 'fuzz');
    const listener = client(server, 'listener', 'fuzz');
    await owner.start({ roomName: 'Fuzz target', seatMode: 'apply' });
    await listener.join();
    await owner.lockSeat(3, true);
    await owner.muteMember('fuzzer', 3600);
    rooms = [owner, listener];
  });
  after(async () => {
    await closeAll(rooms);
    await server.dispose();
  });

  it('answers 10,000 malformed or forbidden frames with errors and changes nothing', async () => {
    const raw = await rawSocket(server, 'fuzzer');
    raw.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: `Fuzz ${SCRIPT}`, avatarUrl: '' }));
    raw.ws.send(JSON.stringify({ t: 'cmd', id: 'j', type: 'room.join', args: { roomId: 'fuzz' } }));
    await raw.next((f) => f['id'] === 'j');
    await until(() => rooms[0]!.state.snapshot!.audience.total === 3, 'fuzzer joined');
    const before = JSON.stringify(toSnapshot(server.engine.room('fuzz')!));
    const random = prng(20261122);
    const count = 10_000;
    for (let i = 0; i < count; i++) {
      raw.ws.send(hostileFrame(random, i));
      if (i % 500 === 499) await new Promise((r) => setTimeout(r, 0));
    }
    raw.ws.send(JSON.stringify({ t: 'cmd', id: 'done', type: 'room.snapshot', args: {} }));
    await raw.next((f) => f['id'] === 'done');
    const answers = raw.frames.filter(
      (f) => f['t'] === 'answer' && f['id'] !== 'h' && f['id'] !== 'j' && f['id'] !== 'done',
    );
    assert.equal(answers.length, count, 'every frame got exactly one answer');
    const accepted = answers.filter((a) => a['ok'] !== false);
    assert.deepEqual(accepted, [], 'no hostile frame was accepted');
    for (const a of answers) {
      const error = a['error'] as { code: number; message: string };
      assert.equal(typeof error.code, 'number');
      assert.ok(Object.values(ErrorCode).includes(error.code as never), `documented code, got ${error.code}`);
    }
    assert.equal(JSON.stringify(toSnapshot(server.engine.room('fuzz')!)), before, 'room state unchanged');
    assert.equal(raw.frames.filter((f) => f['t'] === 'batch').length, 0, 'nothing was broadcast');
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    raw.ws.close();
  });

  it('closes a connection that keeps sending garbage, and the server stays up', async () => {
    const small = await testServer({ badFrameLimit: 20 });
    try {
      const ws = new WebSocket(
        `${small.url.replace('http', 'ws')}/ws?sdkAppId=${sdkAppId}&userId=spammer&userSig=${sig('spammer')}`,
      );
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      for (let i = 0; i < 50; i++) ws.send('not json');
      assert.equal(await closed, 4004);
      assert.equal((await fetch(`${small.url}/healthz`)).status, 200);
    } finally {
      await small.dispose();
    }
  });
});
