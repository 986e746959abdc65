import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebSocket } from 'ws';
import { ErrorCode, type Room } from '../../src/index.js';
import { client, closeAll, rawSocket, testServer, until } from './helpers.js';
import { mapHas } from '../../src/rules/persistent-map.js';

describe('local server over real sockets', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const rooms: Room[] = [];
  const track = (room: Room) => (rooms.push(room), room);

  before(async () => {
    server = await testServer({ seatLeaseMs: 300 });
  });
  after(async () => {
    await closeAll(rooms);
    await server.dispose();
  });

  it('host, two admins and 30 listeners all see the same seats, barrage and audience', async () => {
    const host = track(client(server, 'host1', 'big'));
    await host.start({ roomName: 'Big room', seatMode: 'apply' });
    const admins = ['adm1', 'adm2'].map((id) => track(client(server, id, 'big')));
    const listeners = Array.from({ length: 30 }, (_, i) => track(client(server, `l${i}`, 'big')));
    await Promise.all([...admins, ...listeners].map((r) => r.join()));
    await host.setAdmin('adm1', true);
    await host.setAdmin('adm2', true);
    await admins[0]!.takeSeat(1);
    const application = await listeners[3]!.takeSeat(4);
    assert.equal(application.seated, false);
    if (application.seated) return;
    await admins[1]!.respondRequest(application.request.requestId, true);
    await listeners[7]!.sendBarrage('hello from l7');
    const everyone = [host, ...admins, ...listeners];
    await until(
      () => everyone.every((r) => r.state.snapshot?.barrage.at(-1)?.text === 'hello from l7'),
      'barrage everywhere',
    );
    for (const r of everyone) {
      const seats = r.state.snapshot!.seats.map((s) => s.user?.userId ?? null);
      assert.deepEqual(seats.slice(0, 5), ['host1', 'adm1', null, null, 'l3']);
      assert.equal(r.state.snapshot!.audience.total, 33);
    }
  });

  it('50 clients take the same seat at once: exactly one wins, the rest get 100201, all agree', async () => {
    const host = track(client(server, 'host2', 'race'));
    await host.start({ roomName: 'Race', seatMode: 'free' });
    const racers = Array.from({ length: 50 }, (_, i) => track(client(server, `r${i}`, 'race')));
    await Promise.all(racers.map((r) => r.join()));
    const results = await Promise.allSettled(racers.map((r) => r.takeSeat(5)));
    const winners = results.filter((r) => r.status === 'fulfilled');
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(winners.length, 1);
    assert.equal(losers.length, 49);
    for (const loser of losers) assert.equal((loser.reason as { code: number }).code, ErrorCode.SEAT_OCCUPIED);
    const winner = racers[results.findIndex((r) => r.status === 'fulfilled')]!.user.userId;
    const all = [host, ...racers];
    await until(
      () => all.every((r) => r.state.snapshot?.seats[5]?.user?.userId === winner),
      'everyone sees the winner',
    );
    const versions = new Set(all.map((r) => r.state.snapshot!.version));
    assert.equal(versions.size, 1, 'every client ends on the same version');
  });

  it('a client killed while seated keeps the seat for the grace period, then everyone sees it released', async () => {
    const host = track(client(server, 'host3', 'lease'));
    await host.start({ roomName: 'Lease', seatMode: 'free' });
    const watcher = track(client(server, 'watch3', 'lease'));
    await watcher.join();
    const raw = await rawSocket(server, 'victim3');
    raw.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'Victim', avatarUrl: '' }));
    raw.ws.send(JSON.stringify({ t: 'cmd', id: 'j', type: 'room.join', args: { roomId: 'lease' } }));
    raw.ws.send(JSON.stringify({ t: 'cmd', id: 't', type: 'seat.take', args: { index: 2 } }));
    await raw.next((f) => f['id'] === 't');
    await until(() => watcher.state.snapshot?.seats[2]?.user?.userId === 'victim3', 'seat taken');
    raw.ws.terminate();
    const killedAt = Date.now();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(watcher.state.snapshot!.seats[2]!.user?.userId, 'victim3', 'seat kept during the lease');
    await until(() => watcher.state.snapshot?.seats[2]?.user === null, 'seat released after the lease');
    assert.ok(Date.now() - killedAt >= 250, 'not released before the lease ran out');
    await until(
      () => host.state.snapshot?.seats[2]?.user === null && host.state.snapshot.audience.total === 2,
      'host sees it too',
    );
  });

  it('a retried requestId is answered from the cache and runs once', async () => {
    const host = track(client(server, 'host4', 'idem'));
    await host.start({ roomName: 'Idem', seatMode: 'free' });
    const raw = await rawSocket(server, 'idem4');
    raw.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: 'Idem', avatarUrl: '' }));
    raw.ws.send(JSON.stringify({ t: 'cmd', id: 'j', type: 'room.join', args: { roomId: 'idem' } }));
    const frame = JSON.stringify({ t: 'cmd', id: 'same-id', type: 'barrage.send', args: { text: 'once' } });
    raw.ws.send(frame);
    raw.ws.send(frame);
    raw.ws.send(frame);
    await until(() => raw.frames.filter((f) => f['id'] === 'same-id').length === 3, 'three answers');
    const answers = raw.frames.filter((f) => f['id'] === 'same-id');
    assert.ok(answers.every((a) => a['ok'] === true));
    await until(() => host.state.snapshot!.barrage.some((m) => m.text === 'once'), 'message arrives');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(host.state.snapshot!.barrage.filter((m) => m.text === 'once').length, 1);
    raw.ws.close();
  });

  it('a join, start or leave retried on a new connection takes effect there, not only its answer', async () => {
    const host = track(client(server, 'host6', 'rebind'));
    await host.start({ roomName: 'Rebind', seatMode: 'free' });
    const members = () => server.engine.room('rebind')!.members;
    /** Sends `frames` on a fresh connection of `userId` (after hello) and returns their answers; the socket stays. */
    const on = async (userId: string, frames: Record<string, unknown>[]) => {
      const raw = await rawSocket(server, userId);
      raw.ws.send(JSON.stringify({ t: 'hello', id: `h-${Math.random()}`, userName: userId, avatarUrl: '' }));
      for (const f of frames) raw.ws.send(JSON.stringify(f));
      const answers = await Promise.all(frames.map((f) => raw.next((a) => a['id'] === f['id'])));
      return { raw, answers: answers.map((a) => (a['ok'] === true ? 0 : (a['error'] as { code: number }).code)) };
    };
    const join = { t: 'cmd', id: 'join-1', type: 'room.join', args: { roomId: 'rebind' } };
    const barrage = (id: string) => ({ t: 'cmd', id, type: 'barrage.send', args: { text: id } });

    // The join went through, its answer was lost with the socket (and the drop took the member out again).
    const first = await on('rebind6', [join]);
    first.raw.ws.terminate();
    await until(() => !mapHas(members(), 'rebind6'), 'the drop takes the member out');
    // The retry on the next connection is answered as before, and the connection is in the room.
    const second = await on('rebind6', [join, barrage('after-join')]);
    assert.deepEqual(second.answers, [0, 0], 'in the room after the retried join');
    assert.ok(mapHas(members(), 'rebind6'));

    // A leave that went through, retried after the reconnect's own rejoin, leaves again.
    const leave = { t: 'cmd', id: 'leave-1', type: 'room.leave', args: {} };
    second.raw.ws.send(JSON.stringify(leave));
    await second.raw.next((a) => a['id'] === 'leave-1');
    second.raw.ws.terminate();
    const third = await on('rebind6', [{ ...join, id: 'join-2' }, leave]);
    assert.deepEqual(third.answers, [0, 0]);
    assert.equal(mapHas(members(), 'rebind6'), false, 'not a member after the retried leave');
    third.raw.ws.close();

    // A start whose answer was lost: the retry puts the owner's new connection in the room.
    const start = { t: 'cmd', id: 'start-1', type: 'room.start', args: { roomId: 'rebind-own', options: {} } };
    const owner = await on('owner6', [start]);
    owner.raw.ws.terminate();
    await until(() => server.engine.room('rebind-own')?.members !== undefined, 'the room exists');
    const back = await on('owner6', [start, barrage('after-start')]);
    assert.deepEqual(back.answers, [0, 0], 'in the room after the retried start');
    back.raw.ws.close();
  });

  it('refuses connections with bad signatures, with a reason', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws?sdkAppId=1400000077&userId=eve&userSig=forged`);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    assert.equal(closed.code, 4001);
    assert.match(closed.reason, /malformed/);
  });

  it('a client reconnects by itself after the socket dies and keeps its seat (within the lease)', async () => {
    const host = track(client(server, 'host5', 'recon'));
    await host.start({ roomName: 'Reconnect', seatMode: 'free' });
    const sockets: WebSocket[] = [];
    const guest = track(client(server, 'guest5', 'recon', sockets));
    await guest.join();
    await guest.takeSeat(3);
    const states: string[] = [];
    const sub = guest.connection$.subscribe((s) => states.push(s));
    // Cut the guest's socket under it, as a network failure would.
    sockets.at(-1)!.close();
    await until(() => states.includes('reconnecting') && guest.state.connection === 'connected', 'reconnected');
    sub.unsubscribe();
    await guest.sendBarrage('back again');
    await until(() => host.state.snapshot!.barrage.some((m) => m.text === 'back again'), 'barrage after reconnect');
    assert.equal(host.state.snapshot!.seats[3]!.user?.userId, 'guest5');
  });
});
