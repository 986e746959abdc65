// Authorization and identity over real sockets (issue 12, section 4): seat moves that would displace someone who
// outranks the mover, a replaced connection that keeps talking, a hello answered from another connection's
// cache, a connection that outlives its UserSig, and sessions left pointing at a room that has ended.
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { CloseCode } from '../../src/backends/local/protocol.js';
import { createLocalBackend } from '../../src/backends/local/index.js';
import { ErrorCode, type Room, createRoom } from '../../src/index.js';
import { endRoom } from '../../src/core.js';
import { client, closeAll, rawSocket, sdkAppId, sig, testServer, until } from './helpers.js';
import { mapGet } from '../../src/rules/persistent-map.js';

type Frame = Record<string, unknown>;
type Raw = Awaited<ReturnType<typeof rawSocket>>;

/** Sends a frame and waits for its answer. */
async function ask(raw: Raw, frame: Frame): Promise<Frame> {
  raw.ws.send(JSON.stringify(frame));
  const id = frame['id'];
  const seen = raw.frames.filter((f) => f['id'] === id).length;
  await until(() => raw.frames.filter((f) => f['id'] === id).length > seen, `answer to ${String(id)}`);
  return raw.frames.filter((f) => f['id'] === id).at(-1)!;
}

const cmd = (id: string, type: string, args: Frame = {}): Frame => ({ t: 'cmd', id, type, args });
const hello = (id: string, userName = 'Someone'): Frame => ({ t: 'hello', id, userName, avatarUrl: '' });
const errorCode = (answer: Frame) => (answer['ok'] === false ? (answer['error'] as { code: number }).code : 0);

/** A socket whose owner stops reading: it never hears the server's close frame, so it keeps sending as if open. */
function deafen(raw: Raw): void {
  (raw.ws as unknown as { _socket: Socket })._socket.pause();
}

describe('authorization and identity over the real server', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const rooms: Room[] = [];
  const raws: Raw[] = [];
  const track = (room: Room) => (rooms.push(room), room);
  const raw = async (userId: string) => {
    const r = await rawSocket(server, userId);
    raws.push(r);
    return r;
  };

  before(async () => {
    server = await testServer({ seatLeaseMs: 60_000 });
  });
  after(async () => {
    for (const r of raws) r.ws.terminate();
    await closeAll(rooms);
    await server.dispose();
  });

  it('seat.move with swap: a member displaces neither the owner on the host seat nor an admin, nor escapes an audio lock', async () => {
    const host = track(client(server, 'mvhost', 'mv'));
    await host.start({ roomName: 'Moves', seatMode: 'free' });
    const admin = track(client(server, 'mvadmin', 'mv'));
    const alice = track(client(server, 'mvalice', 'mv'));
    const bob = track(client(server, 'mvbob', 'mv'));
    await Promise.all([admin.join(), alice.join(), bob.join()]);
    await host.setAdmin('mvadmin', true);
    await admin.takeSeat(1);
    await alice.takeSeat(2);
    await bob.takeSeat(3);
    await host.lockSeatAudio(3, true);
    const all = [host, admin, alice, bob];
    const holders = (r: Room) =>
      r.state.snapshot?.seats
        .slice(0, 4)
        .map((s) => s.user?.userId ?? null)
        .join(',');
    await until(
      () =>
        all.every(
          (r) => holders(r) === 'mvhost,mvadmin,mvalice,mvbob' && r.state.snapshot?.seats[3]?.audioLocked === true,
        ),
      'seated',
    );

    const attempts: Array<[Room, number, ErrorCode, string]> = [
      [alice, 0, ErrorCode.PERMISSION_DENIED, 'a member onto the owner (host seat)'],
      [alice, 1, ErrorCode.OWNER_OR_ADMIN_REQUIRED, 'a member onto an admin'],
      [alice, 3, ErrorCode.OWNER_OR_ADMIN_REQUIRED, 'a member onto another member'],
      [admin, 0, ErrorCode.PERMISSION_DENIED, 'an admin onto the owner (host seat)'],
      [bob, 0, ErrorCode.SEAT_AUDIO_LOCKED, 'an audio-locked member onto the owner'],
      [bob, 2, ErrorCode.SEAT_AUDIO_LOCKED, 'an audio-locked member onto a member'],
      [bob, 7, ErrorCode.SEAT_AUDIO_LOCKED, 'an audio-locked member to a free seat'],
    ];
    for (const [who, index, code, what] of attempts) {
      await assert.rejects(who.moveSeat(index, 'swap'), (e: { code: number }) => e.code === code, what);
    }
    // What managers may do still works: the admin swaps with a member.
    await admin.moveSeat(2, 'swap');
    await until(() => all.every((r) => holders(r) === 'mvhost,mvalice,mvadmin,mvbob'), 'the admin and alice swapped');
    for (const r of all)
      assert.equal(r.state.snapshot!.seats[0]!.selfMuted, false, 'the owner was never moved or silenced');
  });

  it('a replaced connection is refused at once: nothing it sends after the newer one connects runs', async () => {
    const host = track(client(server, 'rphost', 'rp'));
    await host.start({ roomName: 'Replaced', seatMode: 'free' });
    const old = await raw('rpuser');
    assert.equal((await ask(old, hello('h'))).ok, true);
    assert.equal((await ask(old, cmd('j', 'room.join', { roomId: 'rp' }))).ok, true);
    deafen(old);
    const fresh = await raw('rpuser');
    // The old socket keeps talking, as a stale tab or a hostile client would.
    old.ws.send(JSON.stringify(cmd('g1', 'barrage.send', { text: 'ghost' })));
    old.ws.send(JSON.stringify(cmd('g2', 'seat.take', { index: 4 })));
    old.ws.send(JSON.stringify(cmd('g3', 'like.send', { count: 5 })));
    old.ws.send(JSON.stringify(cmd('g4', 'room.leave')));
    old.ws.send(JSON.stringify(cmd('g5', 'room.start', { roomId: 'rp-second', options: { roomName: 'Second' } })));
    assert.equal((await ask(fresh, hello('h2'))).ok, true);
    assert.equal((await ask(fresh, cmd('j2', 'room.join', { roomId: 'rp' }))).ok, true);
    assert.equal((await ask(fresh, cmd('b2', 'barrage.send', { text: 'real' }))).ok, true);
    await until(() => host.state.snapshot!.barrage.some((m) => m.text === 'real'), 'the new connection is heard');
    const room = server.engine.room('rp')!;
    assert.equal(
      room.barrage.some((m) => m.text === 'ghost'),
      false,
      'no barrage from the replaced socket',
    );
    assert.equal(room.seats[4]!.user, null, 'no seat taken by the replaced socket');
    assert.equal(room.likes.total, 0, 'no likes from the replaced socket');
    assert.ok(mapGet(room.members, 'rpuser'), 'still a member: the replaced socket could not leave for the new one');
    assert.equal(server.engine.room('rp-second'), undefined, 'no second room started by the replaced socket');
  });

  it('hello is answered per connection: a new connection reusing a hello requestId is really signed in', async () => {
    const host = track(client(server, 'hlhost', 'hl'));
    await host.start({ roomName: 'Hello', seatMode: 'free' });
    const first = await raw('hluser');
    assert.equal((await ask(first, hello('hello-1', 'First name'))).ok, true);
    assert.equal((await ask(first, cmd('jn', 'room.join', { roomId: 'hl' }))).ok, true);
    const said = await ask(first, cmd('said', 'barrage.send', { text: 'once' }));
    assert.equal(said.ok, true);
    first.ws.close();

    const second = await raw('hluser');
    // A command retried before signing in is not replayed to a connection that has not said hello.
    assert.equal(errorCode(await ask(second, cmd('said', 'barrage.send', { text: 'once' }))), ErrorCode.NOT_LOGGED_IN);
    // The same hello ID as the first connection used: it must sign this connection in, with this name.
    assert.equal((await ask(second, hello('hello-1', 'Second name'))).ok, true);
    assert.equal((await ask(second, cmd('jn2', 'room.join', { roomId: 'hl' }))).ok, true, 'signed in and able to join');
    assert.equal(server.engine.profile('hluser')?.userName, 'Second name');
    // Commands stay idempotent across connections of the same user: the retried one is answered, not run again.
    assert.deepEqual(await ask(second, cmd('said', 'barrage.send', { text: 'once' })), said);
    assert.equal(server.engine.room('hl')!.barrage.filter((m) => m.text === 'once').length, 1);
    // A hello retried on the same connection is still answered (from this connection's cache).
    assert.equal((await ask(second, hello('hello-1', 'Second name'))).ok, true);
  });

  it('a connection does not outlive its UserSig: closed with sigExpired, and LocalBackend reconnects with fresh credentials', async () => {
    const host = track(client(server, 'exhost', 'ex'));
    await host.start({ roomName: 'Expiry', seatMode: 'free' });

    // A raw connection with a 2 s signature that stays idle, and one that keeps sending commands.
    const short = (userId: string) =>
      new WebSocket(
        `${server.url.replace('http', 'ws')}/ws?sdkAppId=${sdkAppId}&userId=${userId}&userSig=${sig(userId, 2)}`,
      );
    const closes = ['exidle', 'exbusy'].map((userId) => {
      const ws = short(userId);
      return new Promise<number>((resolve) => {
        let timer: ReturnType<typeof setInterval> | undefined;
        ws.on('open', () => {
          ws.send(JSON.stringify(hello('h')));
          if (userId === 'exbusy')
            timer = setInterval(() => ws.send(JSON.stringify(cmd(`w${Date.now()}`, 'wallet.get'))), 50);
        });
        ws.on('close', (code) => {
          clearInterval(timer);
          resolve(code);
        });
      });
    });
    const codes = await Promise.race([Promise.all(closes), new Promise<null>((r) => setTimeout(() => r(null), 6_000))]);
    assert.deepEqual(codes, [CloseCode.sigExpired, CloseCode.sigExpired], 'both closed when their signature expired');

    // The bundled client: a short signature first, then fresh ones; it comes back by itself and keeps its seat.
    let calls = 0;
    const backend = createLocalBackend({
      url: server.url,
      socket: (u) => new WebSocket(u) as never,
      credentials: async () => ({ sdkAppId, userId: 'exguest', userSig: sig('exguest', ++calls === 1 ? 2 : 3600) }),
      reconnect: { minMs: 20, maxMs: 200 },
    });
    const guest = track(
      createRoom({ backend, roomId: 'ex', user: { userId: 'exguest', userName: 'Guest', avatarUrl: '' } }),
    );
    await guest.join();
    await guest.takeSeat(2);
    await until(() => calls >= 2 && guest.state.connection === 'connected', 'reconnected with new credentials', 8_000);
    await guest.sendBarrage('still here');
    await until(() => host.state.snapshot!.barrage.some((m) => m.text === 'still here'), 'heard after the reconnect');
    assert.equal(host.state.snapshot!.seats[2]!.user?.userId, 'exguest');
  });

  it('ending a room frees everyone in it, however it ends: they can start or join another room on the same connection', async () => {
    const endings: Array<[string, (roomId: string, owner: Raw) => Promise<void>]> = [
      [
        'the owner ends it',
        async (_roomId, owner) => assert.equal((await ask(owner, cmd('end', 'room.end'))).ok, true),
      ],
      [
        'REST destroy_room',
        async (roomId) => {
          const q = new URLSearchParams({
            sdkappid: String(sdkAppId),
            identifier: 'administrator',
            usersig: sig('administrator'),
            random: '1',
            contenttype: 'json',
          });
          const res = await fetch(`${server.url}/v4/live_engine_http_srv/destroy_room?${q}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ RoomId: roomId }),
          });
          assert.equal(((await res.json()) as { ErrorCode: number }).ErrorCode, 0);
        },
      ],
      [
        'the idle dismissal (a system end)',
        async (roomId) => {
          server.engine.mutate(roomId, (r) => endRoom(r, { user: r.info.owner, system: true }));
        },
      ],
    ];
    for (const [i, [what, end]] of endings.entries()) {
      const roomId = `end${i}`;
      const owner = await raw(`endowner${i}`);
      const member = await raw(`endmember${i}`);
      await ask(owner, hello('h'));
      await ask(member, hello('h'));
      assert.equal((await ask(owner, cmd('s', 'room.start', { roomId, options: { roomName: 'Ends' } }))).ok, true);
      assert.equal((await ask(member, cmd('j', 'room.join', { roomId }))).ok, true);
      await end(roomId, owner);
      await member.next(
        (f) =>
          f['t'] === 'batch' &&
          (f['batch'] as { events: { type: string }[] }).events.some((e) => e.type === 'room.ended'),
      );
      const started = await ask(
        member,
        cmd('s2', 'room.start', { roomId: `${roomId}-next`, options: { roomName: 'Next' } }),
      );
      assert.equal(started.ok, true, `${what}: the member starts a new room (${JSON.stringify(started['error'])})`);
      const joined = await ask(owner, cmd('j2', 'room.join', { roomId: `${roomId}-next` }));
      assert.equal(joined.ok, true, `${what}: the old owner joins it (${JSON.stringify(joined['error'])})`);
    }
  });
});
