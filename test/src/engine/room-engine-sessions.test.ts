// The engine keeps each room's sessions in an index (RoomEngine.sessionsIn) so that a change in one room visits that
// room's connections only. Every way a session enters or leaves a room must keep the index equal to what the
// sessions say: start, join, leave, kicked, banned, the room ended, two tabs of one person, a drop and a resume, a
// close, and a command still in flight after its session closed. Random sequences of all of them, checked after
// every step, and the batches of a change reach exactly the online sessions of its room.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type EngineSession, RoomEngine } from '../../../src/engine/room-engine.js';
import type { EventBatch } from '../../../src/index.js';

/** A small deterministic generator (mulberry32): a failing seed replays. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOMS = ['a', 'b', 'constructor', '__proto__'];
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'toString'];

describe('room engine: the sessions of each room', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`stay what the sessions say through 400 random steps (seed ${seed})`, () => {
      const next = random(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
      const engine = new RoomEngine({ limits: {} });
      const open: EngineSession[] = [];
      const closed: EngineSession[] = [];
      const received = new Map<number, EventBatch[]>();
      const openOne = () => {
        const session = engine.openSession((batch) => received.get(session.id)!.push(batch));
        received.set(session.id, []);
        engine.identify(session, { userId: pick(USERS), userName: 'Someone', avatarUrl: '' });
        open.push(session);
        return session;
      };
      const attempt = (run: () => unknown) => {
        try {
          run();
        } catch {
          // Refused by the rules (not the owner, already in a room, not in one…): the index must not change either.
        }
      };
      for (let i = 0; i < 6; i++) openOne();
      const steps: string[] = [];
      for (let step = 0; step < 400; step++) {
        const session = open.length ? pick(open) : openOne();
        const roll = next();
        const before = new Map([...open, ...closed].map((s) => [s.id, received.get(s.id)!.length]));
        const online = (roomId: string | null) =>
          open
            .filter((s) => s.online && roomId !== null && s.roomId === roomId)
            .map((s) => s.id)
            .sort((x, y) => x - y);
        // The room the step may change, and who must get its batch: the sessions online in it before the step,
        // with the step's own session as it comes or goes.
        let changed: string | undefined;
        let expected: number[] = [];
        const inRoom = (roomId: string | null, adjust: (ids: number[]) => number[] = (ids) => ids) => {
          changed = roomId ?? undefined;
          expected = adjust(online(roomId));
        };
        if (roll < 0.15) {
          const roomId = pick(ROOMS);
          steps.push(`${session.id} start ${roomId}`);
          inRoom(roomId);
          attempt(() => engine.execute(session, 'room.start', { roomId, options: {} }));
        } else if (roll < 0.4) {
          const roomId = pick(ROOMS);
          steps.push(`${session.id} join ${roomId}`);
          inRoom(roomId);
          attempt(() => engine.execute(session, 'room.join', { roomId }));
        } else if (roll < 0.5) {
          steps.push(`${session.id} leave`);
          inRoom(session.roomId);
          attempt(() => engine.execute(session, 'room.leave', {}));
        } else if (roll < 0.57) {
          steps.push(`${session.id} end`);
          inRoom(session.roomId);
          attempt(() => engine.execute(session, 'room.end', {}));
        } else if (roll < 0.67) {
          const userId = pick(USERS);
          steps.push(`${session.id} kick ${userId}`);
          inRoom(session.roomId);
          attempt(() => engine.execute(session, 'member.kick', { userId }));
        } else if (roll < 0.72) {
          const userId = pick(USERS);
          steps.push(`${session.id} ban ${userId}`);
          inRoom(session.roomId);
          attempt(() => engine.execute(session, 'member.ban', { userIds: [userId], seconds: 60 }));
        } else if (roll < 0.8) {
          steps.push(`${session.id} barrage`);
          inRoom(session.roomId);
          attempt(() => engine.execute(session, 'barrage.send', { text: `step ${step}` }));
        } else if (roll < 0.86) {
          steps.push(`${session.id} drop`);
          inRoom(session.roomId, (ids) => ids.filter((id) => id !== session.id));
          attempt(() => engine.dropSession(session));
        } else if (roll < 0.91) {
          steps.push(`${session.id} resume`);
          inRoom(session.roomId, (ids) => [...new Set([...ids, session.id])].sort((x, y) => x - y));
          attempt(() => engine.resumeSession(session));
        } else if (roll < 0.93) {
          steps.push(`${session.id} close`);
          inRoom(session.roomId, (ids) => ids.filter((id) => id !== session.id));
          attempt(() => engine.closeSession(session));
          open.splice(open.indexOf(session), 1);
          closed.push(session);
        } else if (roll < 0.95 && closed.length) {
          // A closed session resumed by mistake (its connection is gone): online again as far as it knows, it may
          // then move between rooms, but is never indexed or delivered to again.
          const gone = pick(closed);
          steps.push(`${gone.id} (closed) resume`);
          inRoom(gone.roomId);
          attempt(() => engine.resumeSession(gone));
        } else if (roll < 0.97 && closed.length) {
          // Commands still in flight when their socket closed: refused, or (resumed) they move it, never re-index it.
          const gone = pick(closed);
          steps.push(`${gone.id} (closed) leave`);
          inRoom(gone.roomId);
          attempt(() => engine.execute(gone, 'room.leave', {}));
        } else if (closed.length) {
          const gone = pick(closed);
          const roomId = pick(ROOMS);
          steps.push(`${gone.id} (closed) join ${roomId}`);
          inRoom(roomId);
          attempt(() => engine.execute(gone, 'room.join', { roomId }));
        } else openOne();

        for (const roomId of ROOMS) {
          const indexed = [...engine.sessionsIn(roomId)].map((s) => s.id).sort((x, y) => x - y);
          const expected = open
            .filter((s) => s.roomId === roomId)
            .map((s) => s.id)
            .sort((x, y) => x - y);
          assert.deepEqual(indexed, expected, `room ${roomId} after: ${steps.slice(-8).join('; ')}`);
        }
        // What the step committed went to exactly the sessions online in its room before it (the actor too: a
        // leaver gets its own member.left), each once, and never to a closed session.
        const receivers = [...open, ...closed].filter((s) => received.get(s.id)!.length > (before.get(s.id) ?? 0));
        if (receivers.length > 0) {
          assert.notEqual(changed, undefined, `a batch only from a change in a room: ${steps.slice(-8).join('; ')}`);
          assert.deepEqual(
            receivers.map((s) => s.id).sort((x, y) => x - y),
            expected,
            `who got the batch after: ${steps.slice(-8).join('; ')}`,
          );
          for (const s of receivers) {
            const batches = received.get(s.id)!.slice(before.get(s.id) ?? 0);
            assert.equal(batches.length, 1, `one batch for session ${s.id}`);
            assert.equal(batches[0]!.roomId, changed);
          }
        }
      }
      engine.stop();
    });
  }
});
