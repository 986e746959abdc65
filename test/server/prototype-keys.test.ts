/**
 * Issue 12 §1 through the real server: signed-in users whose IDs are JavaScript property names (`constructor`,
 * `__proto__`, `valueOf`, …) in rooms whose IDs are such names too, with real LocalBackend clients over WebSocket
 * on loopback. Joins are counted, member counts stay exact, leaving (by command and by closing the socket) works,
 * gifts from such users succeed, banning such an absent ID changes no count, such names in a frame are refused as
 * unknown fields, and the server process survives all of it.
 *
 * Reproduce a failure with the seed and path fast-check prints: FC_SEED=<seed> FC_PATH=<path> node --import tsx --test …
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ErrorCode, type Gift, type Room, USER_ID_PATTERN } from '../../src/index.js';
import { client, closeAll, rawSocket, testServer, until } from './helpers.js';
import { mapKeys } from '../../src/rules/persistent-map.js';

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).filter((n) => USER_ID_PATTERN.test(n));
const POOL = [...PROTOTYPE_NAMES, 'alice', 'bob'];
const ROSE: Gift = { giftId: 'rose', name: 'Rose', iconUrl: '', price: 7, level: 1 };
const INITIAL_BALANCE = 1_000;

describe('IDs that are JavaScript property names, through the real server', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const exits: string[] = [];
  const onUncaught = (error: Error) => exits.push(`uncaught: ${error.message}`);

  before(async () => {
    // An exception that escapes a socket or timer handler would end the server's process, which is this test's
    // process: record it (and let the assertions below fail) instead of dying without a report.
    process.on('uncaughtException', onUncaught);
    server = await testServer(
      { commandRate: 1_000_000, badFrameLimit: 1_000_000, initialBalance: INITIAL_BALANCE },
      { defaultCatalog: [ROSE], sfu: false },
    );
  });
  after(async () => {
    process.off('uncaughtException', onUncaught);
    await server.dispose();
  });

  async function healthy(): Promise<void> {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200, 'the server still answers');
    assert.deepEqual(exits, [], 'nothing escaped to the event loop');
  }

  function members(roomId: string): string[] {
    const room = server.engine.room(roomId);
    assert.ok(room, `room ${roomId} exists`);
    return mapKeys(room.members).sort();
  }

  async function scenario(roomId: string, users: readonly string[], absent: string): Promise<void> {
    const [ownerId, leaverId, closerId, ...rest] = users as [string, string, string, ...string[]];
    const rooms = new Map<string, Room>(users.map((u) => [u, client(server, u, roomId)]));
    const owner = rooms.get(ownerId)!;
    const balances = new Map(users.map((u) => [u, server.engine.balance(u)]));
    try {
      await owner.start({ roomName: `Room ${roomId}`, seatMode: 'free' });
      for (const u of users.slice(1)) await rooms.get(u)!.join();
      await until(() => owner.state.snapshot?.audience.total === users.length, `owner sees ${users.length} members`);
      assert.equal(server.engine.room(roomId)!.memberCount, users.length, 'every join is counted');
      assert.deepEqual(members(roomId), [...users].sort(), 'exactly the joined users are members');

      // Gifts from (and to) such users succeed and charge exactly the price.
      for (const u of users.slice(1)) {
        const gift = await rooms.get(u)!.sendGift({ giftId: ROSE.giftId, count: 1, receiverId: ownerId });
        assert.equal(gift.amount, ROSE.price);
        balances.set(u, balances.get(u)! - ROSE.price);
      }
      await owner.sendGift({ giftId: ROSE.giftId, count: 2, receiverId: leaverId });
      balances.set(ownerId, balances.get(ownerId)! - 2 * ROSE.price);
      for (const u of users) assert.equal(server.engine.balance(u), balances.get(u), `${u}'s balance`);
      await until(
        () => owner.state.snapshot?.gifts.leaderboard.length === users.length,
        'every sender on the leaderboard',
      );

      // Banning an absent such ID persists the ban and changes no count; unbanning lifts it.
      await owner.banMembers([absent], 60);
      assert.ok(Object.hasOwn(server.engine.room(roomId)!.bans, absent), `${absent} is banned`);
      assert.equal(server.engine.room(roomId)!.memberCount, users.length, 'banning an absent user changes no count');
      assert.deepEqual(members(roomId), [...users].sort());
      await owner.unbanMembers([absent]);
      assert.equal(Object.hasOwn(server.engine.room(roomId)!.bans, absent), false, `${absent} is unbanned`);

      // A mute of such an ID reaches every replica under its own key.
      await owner.muteMember(closerId, 60);
      await until(
        () => Object.hasOwn(rooms.get(leaverId)!.state.snapshot?.mutes ?? {}, closerId),
        'the mute reaches another client',
      );

      // Leaving by command, then by closing the socket (the close handler that used to throw and end the process).
      await rooms.get(leaverId)!.leave();
      await until(() => owner.state.snapshot?.audience.total === users.length - 1, 'the leaver is gone');
      const closer = rooms.get(closerId)!;
      closer.dispose();
      await closer.backend.close();
      rooms.delete(closerId);
      await until(() => server.engine.room(roomId)!.memberCount === users.length - 2, 'the closed connection leaves');
      await until(() => owner.state.snapshot?.audience.total === users.length - 2, 'the owner sees it');
      assert.deepEqual(members(roomId), [ownerId, ...rest].sort(), 'the remaining members, exactly');
      await healthy();

      // Such names as fields of a frame are refused as unknown fields (from a user who is one of them, on a fresh
      // raw connection: the closer's client is gone, so nothing reconnects and replaces this one).
      const raw = await rawSocket(server, closerId);
      try {
        raw.ws.send(JSON.stringify({ t: 'hello', id: 'h', userName: closerId, avatarUrl: '' }));
        await raw.next((f) => f['id'] === 'h');
        for (const [i, field] of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].entries()) {
          const id = `x${i}`;
          raw.ws.send(
            `{"t":"cmd","id":"${id}","type":"room.join","args":{"roomId":${JSON.stringify(roomId)},"${field}":{"polluted":true}}}`,
          );
          const answer = await raw.next((f) => f['id'] === id);
          assert.equal(answer['ok'], false, `${field} is refused`);
          const error = answer['error'] as { code: number; message: string };
          assert.equal(error.code, ErrorCode.INVALID_PARAMETER);
          assert.match(error.message, /unknown field/);
        }
        assert.equal(server.engine.room(roomId)!.memberCount, users.length - 2, 'refused frames change nothing');
      } finally {
        raw.ws.close();
      }

      await owner.end();
      // An ended room leaves the engine's memory (its row stays in SQLite).
      assert.equal(server.engine.room(roomId), undefined);
      assert.equal(
        server.persistence.db.prepare('SELECT status FROM rooms WHERE room_id = ?').pluck().get(roomId),
        'ended',
      );
      await healthy();
    } finally {
      await closeAll(rooms.values());
    }
  }

  it('runs the whole pool once: every prototype name owns a room, joins, gifts, is banned while absent and leaves', async () => {
    // Rotations of the pool, so every name is an owner, a leaver, a closer and an absent target at least once.
    for (const [i, roomId] of PROTOTYPE_NAMES.entries()) {
      const rotated = [...POOL.slice(i), ...POOL.slice(0, i)];
      await scenario(roomId, rotated.slice(0, 4), rotated[4]!);
    }
  });

  it('random rooms, casts and absent targets drawn from the prototype names and ordinary IDs', async () => {
    const seed =
      process.env['FC_SEED'] === undefined
        ? {}
        : { seed: Number(process.env['FC_SEED']), path: process.env['FC_PATH'] };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POOL),
        fc.shuffledSubarray(POOL, { minLength: 4, maxLength: 6 }),
        async (roomId, picked) => scenario(roomId, picked.slice(0, -1), picked[picked.length - 1]!),
      ),
      { numRuns: 8, endOnFailure: true, includeErrorInReport: true, ...seed },
    );
  });
});
