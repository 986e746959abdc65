// Idle dismissal (issue 16 §3): a live room with nobody online in it for the idle period is ended by the system.
// The rule lives in the engine and runs on its clock, so the memory backend dismisses like the local server does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryServer } from '../../../src/backends/memory/index.js';
import { IDLE_DISMISS_MS, RoomEngine } from '../../../src/engine/room-engine.js';
import { createManualClock } from '../../../src/model/clock.js';
import { createRoomState, emptyMap } from '../../../src/rules/index.js';
import type { EventBatch } from '../../../src/model/events.js';

function owner(engine: RoomEngine, batches: EventBatch[] = []) {
  const session = engine.openSession((batch) => batches.push(batch));
  engine.identify(session, { userId: 'own', userName: 'Own', avatarUrl: '' });
  return session;
}

describe('room engine: idle dismissal', () => {
  it('the memory backend ends a room nobody has been in for IDLE_DISMISS_MS, on its clock', () => {
    const clock = createManualClock();
    const server = createMemoryServer({ clock });
    const ended: string[] = [];
    server.onRoomChange((roomId, _previous, _next, events) => {
      for (const e of events) if (e.type === 'room.ended') ended.push(`${roomId} by ${e.by}`);
    });
    const own = owner(server);
    server.execute(own, 'room.start', { roomId: 'quiet', options: { roomName: 'Quiet' } });
    clock.advance(IDLE_DISMISS_MS * 2);
    assert.equal(server.room('quiet')?.status, 'live', 'not while its owner is in it, however long');

    server.dropSession(own);
    clock.advance(IDLE_DISMISS_MS - 1);
    assert.equal(server.room('quiet')?.status, 'live', 'kept during the idle period');
    clock.advance(1);
    assert.equal(server.room('quiet'), undefined, 'dismissed once the room has been empty for the idle period');
    assert.deepEqual(ended, ['quiet by own'], "ended by the system, in the owner's name");
    assert.equal(clock.pending, 0, 'no timer is left behind');
    server.stop();
  });

  it('someone coming back stops the countdown; the next empty spell starts a new one', () => {
    const clock = createManualClock();
    const server = createMemoryServer({ clock, idleDismissal: { afterMs: 10_000 } });
    const own = owner(server);
    server.execute(own, 'room.start', { roomId: 'back', options: { roomName: 'Back' } });
    server.dropSession(own);
    clock.advance(9_000);
    server.resumeSession(own);
    clock.advance(9_000);
    server.dropSession(own);
    clock.advance(9_000);
    assert.equal(server.room('back')?.status, 'live', 'empty for 9 s twice is never 10 s');
    clock.advance(1_000);
    assert.equal(server.room('back'), undefined);
    server.stop();
  });

  it('a room created by an operator with nobody in it is dismissed too, and the listener is told', () => {
    const clock = createManualClock();
    const dismissed: string[] = [];
    const engine = new RoomEngine({
      clock,
      idleDismissal: { afterMs: 5_000, onDismissed: (roomId) => dismissed.push(roomId) },
    });
    const created = createRoomState({
      roomId: 'rest',
      owner: { userId: 'own', userName: 'Own', avatarUrl: '' },
      options: { roomName: 'REST' },
      now: clock.now(),
    });
    assert.ok(created.ok);
    // As REST create_room does: the room starts with nobody in it (createRoomState makes the owner its first member).
    engine.createRoom({ ...created.state, members: emptyMap(), memberCount: 0 });
    clock.advance(5_000);
    assert.equal(engine.room('rest'), undefined);
    assert.deepEqual(dismissed, ['rest']);
    engine.stop();
  });

  it('an engine without idleDismissal never dismisses (an embedder that decides that itself)', () => {
    const clock = createManualClock();
    const engine = new RoomEngine({ clock });
    const own = owner(engine);
    engine.execute(own, 'room.start', { roomId: 'kept', options: { roomName: 'Kept' } });
    engine.dropSession(own);
    clock.advance(IDLE_DISMISS_MS * 10);
    assert.equal(engine.room('kept')?.status, 'live');
    engine.stop();
  });
});
