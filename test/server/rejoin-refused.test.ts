// A listener's connection is down while the room moves on without them: the host ends the room, or bans them. The
// batch that said so went to a connection that was gone, so after the reconnect the backend's rejoin is refused
// and the store's resync cannot continue the room. What the person is told must be what happened, as the batch would
// have shown it: the room ended, or the ban (the banned phase), not "Enter the room first". A rejoin that
// fails only because that socket died too refuses nothing: the next socket rejoins and the room goes on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { createLocalBackend } from '../../src/backends/local/index.js';
import { ErrorCode, type RoomError, createRoom } from '../../src/index.js';
import { client, closeAll, localBackend, sdkAppId, sig, testServer, until } from './helpers.js';

describe('back after the room moved on', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  before(async () => {
    server = await testServer({}, { sfu: false });
  });
  after(() => server.dispose());

  for (const row of [
    { what: 'the room ended', phase: 'ended', errors: [] as ErrorCode[] },
    // Banned, as the ban's batch would have shown it: the phase of its own, no error on top.
    { what: 'I was banned', phase: 'banned', errors: [] as ErrorCode[] },
  ] as const) {
    it(`${row.what} while I was away: phase ${row.phase}, errors [${row.errors.join(', ')}]`, async () => {
      const roomId = `away-${row.phase}`;
      const host = client(server, `host-${roomId}`, roomId);
      await host.start({ roomName: 'Away', seatMode: 'free' });
      const backend = localBackend(server, `guest-${roomId}`);
      const guest = createRoom({ backend, roomId, user: { userId: `guest-${roomId}`, userName: 'G', avatarUrl: '' } });
      await guest.join();
      const errors: RoomError[] = [];
      const subscription = guest.error$.subscribe((e) => errors.push(e));
      // Closed whatever the outcome: a guest left reconnecting would keep the test process alive past a failure.
      try {
        backend.disconnect();
        await until(() => server.engine.room(roomId)?.memberCount === 1, 'the server saw the guest go');
        if (row.phase === 'ended') await host.end();
        else await host.banMembers([guest.user.userId], 600);
        await backend.reconnect();
        await until(() => guest.state.phase !== 'live', 'the guest is told');
        assert.equal(guest.state.phase, row.phase);
        assert.deepEqual(
          errors.map((e) => e.code),
          row.errors,
        );
      } finally {
        subscription.unsubscribe();
        await closeAll([host, guest]);
      }
    });
  }

  it('a rejoin cut off with its socket refuses nothing: the next socket rejoins and the room goes on', async () => {
    const roomId = 'away-cut';
    const host = client(server, 'host-cut', roomId);
    await host.start({ roomName: 'Away', seatMode: 'free' });
    const sockets: WebSocket[] = [];
    const userId = 'guest-cut';
    const backend = createLocalBackend({
      url: server.url,
      media: false,
      credentials: async () => ({ sdkAppId, userId, userSig: sig(userId) }),
      reconnect: { minMs: 20, maxMs: 200 },
      socket: (u) => {
        const ws = new WebSocket(u);
        const second = sockets.push(ws) === 2;
        // The second socket (the first reconnect) dies the moment its rejoin is written.
        const send = ws.send.bind(ws);
        ws.send = ((data: string) => {
          send(data);
          if (second && (JSON.parse(data) as { type?: string }).type === 'room.join') ws.terminate();
        }) as typeof ws.send;
        return ws as never;
      },
    });
    const guest = createRoom({ backend, roomId, user: { userId, userName: 'G', avatarUrl: '' } });
    await guest.join();
    const errors: RoomError[] = [];
    const subscription = guest.error$.subscribe((e) => errors.push(e));
    try {
      sockets[0]!.terminate();
      await until(() => sockets.length >= 3 && guest.state.connection === 'connected', 'a third socket connected');
      await host.sendBarrage('still here?');
      await until(() => guest.state.snapshot!.barrage.some((m) => m.text === 'still here?'), 'the room goes on');
      assert.equal(guest.state.phase, 'live');
      assert.deepEqual(errors, []);
    } finally {
      subscription.unsubscribe();
      await closeAll([host, guest]);
    }
  });
});
