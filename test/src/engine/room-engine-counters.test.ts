// A room ID can be used again once its room has ended. Clients may still hold the old room's batches, barrage
// and request IDs, so the new room continues the old counters instead of naming new things with old names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type EnginePersistence, type RoomCounters, RoomEngine } from '../../../src/engine/room-engine.js';

const seq = (id: string) => Number(/(\d+)$/.exec(id)![1]);

function people(engine: RoomEngine) {
  const owner = engine.openSession(() => undefined);
  engine.identify(owner, { userId: 'own', userName: 'Own', avatarUrl: '' });
  const fan = engine.openSession(() => undefined);
  engine.identify(fan, { userId: 'fan', userName: 'Fan', avatarUrl: '' });
  return { owner, fan };
}

describe('room engine: counters of a reused room ID', () => {
  it("a room started again under an ended room's ID continues its version, barrage and request IDs", () => {
    const engine = new RoomEngine();
    const { owner, fan } = people(engine);
    engine.execute(owner, 'room.start', { roomId: 'reuse', options: { seatMode: 'apply' } });
    engine.execute(fan, 'room.join', { roomId: 'reuse' });
    engine.execute(fan, 'barrage.send', { text: 'old room' });
    const applied = engine.execute(fan, 'seat.take', { index: 3 }).result;
    assert.ok(!applied.seated);
    const old = engine.room('reuse')!;
    engine.execute(owner, 'room.end', {});

    const again = engine.execute(owner, 'room.start', { roomId: 'reuse', options: { seatMode: 'apply' } });
    assert.ok(again.result.version > old.version);
    engine.execute(fan, 'room.join', { roomId: 'reuse' });
    engine.execute(fan, 'barrage.send', { text: 'new room' });
    const message = engine.room('reuse')!.barrage.at(-1)!;
    assert.equal(message.text, 'new room');
    assert.ok(seq(message.messageId) > old.messageSeq, `${message.messageId} after m${old.messageSeq}`);
    const request = engine.execute(fan, 'seat.take', { index: 4 }).result;
    assert.ok(!request.seated);
    assert.ok(
      seq(request.request.requestId) > seq(applied.request.requestId),
      `${request.request.requestId} after ${applied.request.requestId}`,
    );
    engine.stop();
  });

  it('continues the counters the persistence kept for a room the engine no longer holds', () => {
    const kept: RoomCounters = { version: 40, messageSeq: 7, requestSeq: 3, entrySeq: 9 };
    const persistence: EnginePersistence = {
      roomChanged: () => undefined,
      giftSent: () => undefined,
      balanceOf: () => undefined,
      balanceSet: () => undefined,
      toppedUp: () => undefined,
      followChanged: () => undefined,
      profileSaved: () => undefined,
      catalogSaved: () => undefined,
      receipt: () => undefined,
      counters: (roomId) => (roomId === 'evicted' ? kept : undefined),
    };
    const engine = new RoomEngine({ persistence });
    const { owner, fan } = people(engine);
    const started = engine.execute(owner, 'room.start', { roomId: 'evicted', options: { seatMode: 'free' } });
    assert.equal(started.result.version, 41);
    engine.execute(fan, 'room.join', { roomId: 'evicted' });
    engine.execute(fan, 'barrage.send', { text: 'hello' });
    assert.equal(engine.room('evicted')!.barrage.at(-1)!.messageId, 'evicted-m8');
    engine.stop();
  });
});
