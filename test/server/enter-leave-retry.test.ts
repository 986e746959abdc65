// Entering or leaving a room whose effects and answer die with the connection (the server ran the command, the
// client heard nothing, or the frame never got there): after the reconnect the backend retries the command with
// the same request ID, and the server may answer it from its cache. Which room a connection is in belongs to the
// connection, so a cached answer must not stand in for it: whether the first try ran or not, a join or start ends
// in the room (its events flowing, its commands accepted), a leave out of it and free to enter another.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { type LocalBackend, createLocalBackend } from '../../src/backends/local/index.js';
import { type CommandType, mapHas } from '../../src/core.js';
import { createRoom } from '../../src/index.js';
import { client, closeAll, sdkAppId, sig, testServer, until } from './helpers.js';

/**
 * A backend whose first socket goes deaf the moment it sends a `type` command: the frame reaches the server, nothing
 * the server sends back reaches the backend (a network that fails right after the send). `sockets` holds each one.
 */
function deafAfter(type: CommandType, url: string, userId: string, sockets: WebSocket[]): LocalBackend {
  return createLocalBackend({
    url,
    media: false,
    credentials: async () => ({ sdkAppId, userId, userSig: sig(userId) }),
    reconnect: { minMs: 20, maxMs: 200 },
    socket: (u) => {
      const ws = new WebSocket(u);
      const first = sockets.push(ws) === 1;
      let deaf = false;
      return {
        get readyState() {
          return ws.readyState;
        },
        send(data: string) {
          ws.send(data);
          if (first && (JSON.parse(data) as { type?: string }).type === type) deaf = true;
        },
        close: (code?: number, reason?: string) => ws.close(code, reason),
        addEventListener(event, listener) {
          if (event === 'message') ws.addEventListener('message', (e) => void (deaf || listener(e)));
          else ws.addEventListener(event, listener as never);
        },
      };
    },
  });
}

describe('entering or leaving with a connection that dies', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  before(async () => {
    server = await testServer();
  });
  after(() => server.dispose());

  const member = (roomId: string, userId: string) => {
    const room = server.engine.room(roomId);
    return room !== undefined && room.status === 'live' && mapHas(room.members, userId);
  };

  /**
   * Runs `command` on a backend whose first socket is cut: after the server ran it (`ran`), or before the frame
   * was written. Resolves with what the command resolved with.
   */
  async function acrossDrop<T>(ran: boolean, sockets: WebSocket[], done: () => boolean, command: () => Promise<T>) {
    if (!ran) sockets[0]!.terminate();
    const running = command();
    if (ran) {
      await until(done, 'the server ran the command');
      sockets[0]!.terminate();
    }
    return running;
  }

  for (const ran of [true, false]) {
    const when = ran ? 'ran' : 'lost';

    // Seated or not: a seated member keeps the seat on a lease when the connection drops.
    for (const seated of [false, true]) {
      it(`a leave ends out of the room (${seated ? 'seated' : 'in the audience'}, leave ${when} before the drop)`, async () => {
        const tag = `l${seated ? 's' : 'a'}${when}`;
        const roomId = `drop-${tag}`;
        const host = client(server, `host-${tag}`, roomId);
        await host.start({ roomName: 'Drop', seatMode: 'free' });
        const sockets: WebSocket[] = [];
        const userId = `guest-${tag}`;
        const backend = deafAfter('room.leave', server.url, userId, sockets);
        const user = { userId, userName: 'Guest', avatarUrl: '' };
        const guest = createRoom({ backend, roomId, user });
        await guest.join();
        if (seated) await guest.takeSeat(2);
        await acrossDrop(
          ran,
          sockets,
          () => !member(roomId, userId),
          () => guest.leave(),
        );
        assert.equal(guest.state.phase, 'left');
        await until(() => !member(roomId, userId), 'the guest is out of the room on the server');
        assert.equal(server.engine.room(roomId)!.seats[2]!.user, null, 'no seat held');
        // Free to enter another room on the same connection.
        const next = client(server, `host2-${tag}`, `${roomId}-next`);
        await next.start({ roomName: 'Next', seatMode: 'free' });
        const other = createRoom({ backend, roomId: `${roomId}-next`, user });
        await other.join();
        assert.equal(member(roomId, userId), false, 'still out of the first room');
        other.dispose();
        guest.dispose();
        await backend.close();
        await closeAll([host, next]);
      });
    }

    for (const type of ['room.join', 'room.start'] as const) {
      it(`a ${type} ends in the room, live (${type} ${when} before the drop)`, async () => {
        const tag = `${type === 'room.join' ? 'j' : 's'}${when}`;
        const roomId = `drop-${tag}`;
        const host = client(server, `host-${tag}`, type === 'room.join' ? roomId : `${roomId}-other`);
        const sockets: WebSocket[] = [];
        const userId = `user-${tag}`;
        const backend = deafAfter(type, server.url, userId, sockets);
        const room = createRoom({ backend, roomId, user: { userId, userName: 'User', avatarUrl: '' } });
        // The other person is in the room (a joiner's host, a starter's first guest), to tell the events flow.
        let other = host;
        if (type === 'room.join') {
          await host.start({ roomName: 'Drop', seatMode: 'free' });
          await backend.connect(room.user);
          await acrossDrop(
            ran,
            sockets,
            () => member(roomId, userId),
            () => room.join(),
          );
        } else {
          await backend.connect(room.user);
          await acrossDrop(
            ran,
            sockets,
            () => member(roomId, userId),
            () => room.start({ roomName: 'Drop' }),
          );
          other = client(server, `guest-${tag}`, roomId);
          await other.join();
        }
        assert.equal(room.state.phase, 'live');
        // My commands run in the room, and the others' events reach me.
        await room.sendBarrage('mine');
        await until(() => other.state.snapshot!.barrage.some((m) => m.text === 'mine'), 'the other sees mine');
        await other.sendBarrage('theirs');
        await until(() => room.state.snapshot!.barrage.some((m) => m.text === 'theirs'), 'I see theirs');
        room.dispose();
        await backend.close();
        await closeAll(new Set([host, other]));
      });
    }
  }
});
