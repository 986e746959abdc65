// My likes alone: counted at once, sent in batches per interval or per 100 taps, in flight until counted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '../../../src/model/clock.js';
import { LikeBatcher } from '../../../src/store/like-batcher.js';
import { likesSettled, setPhase } from '../../../src/store/room-reducers.js';
import { Store } from '../../../src/store/store.js';
import { liveAt } from './fixtures.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A batcher flushing every second, whose sends wait until the test answers them. */
function batcher() {
  const store = new Store(liveAt(1));
  const clock = createManualClock();
  const sends: { count: number; answer(version?: number): void; refuse(): void }[] = [];
  const likes = new LikeBatcher(
    store,
    clock,
    1_000,
    (count) =>
      new Promise((resolve, reject) =>
        sends.push({ count, answer: (version) => resolve({ version }), refuse: () => reject(new Error('no')) }),
      ),
  );
  const mine = () => store.value.myLikes.batch.pending + store.value.myLikes.inFlight;
  return { store, clock, sends, likes, mine };
}

describe('LikeBatcher', () => {
  it('counts taps at once and sends them together when the interval is up', () => {
    const { clock, sends, likes, mine } = batcher();
    likes.tap(1);
    clock.advance(300);
    likes.tap(2);
    assert.equal(mine(), 3);
    assert.equal(sends.length, 0);
    clock.advance(700);
    assert.deepEqual(
      sends.map((s) => s.count),
      [3],
    );
    assert.equal(mine(), 3, 'in flight, still shown');
  });

  it('100 waiting taps go out at once', () => {
    const { sends, likes } = batcher();
    likes.tap(99);
    assert.equal(sends.length, 0);
    likes.tap(1);
    assert.deepEqual(
      sends.map((s) => s.count),
      [100],
    );
  });

  it('counts nothing outside a live room', () => {
    const { store, clock, sends, likes, mine } = batcher();
    store.update(setPhase('left'));
    likes.tap(5);
    clock.advance(2_000);
    assert.deepEqual([mine(), sends.length], [0, 0]);
  });

  it('a refused send stops showing its likes', async () => {
    const { sends, likes, mine } = batcher();
    likes.tap(4);
    const flushed = likes.flush();
    sends[0]!.refuse();
    await flushed;
    assert.equal(mine(), 0);
  });

  it('likes the applied batch already took off are not taken off again; a resync that skipped the event is', async () => {
    const { store, sends, likes, mine } = batcher();
    likes.tap(3);
    const first = likes.flush();
    likes.tap(2);
    const second = likes.flush();
    assert.equal(store.value.myLikes.inFlight, 5);
    // The batch at version 7 counted the first three (the store takes them off as it applies it).
    store.update(likesSettled(3));
    likes.counted(7);
    sends[0]!.answer(7);
    await first;
    assert.equal(mine(), 2, 'not counted off twice');
    // The second send's batch (8) was folded into a resync snapshot: no event took them off.
    sends[1]!.answer(8);
    await second;
    assert.equal(mine(), 0);
    await settle();
  });

  it('cancel() stops the timer', () => {
    const { clock, sends, likes } = batcher();
    likes.tap(1);
    likes.cancel();
    clock.advance(5_000);
    assert.equal(sends.length, 0);
  });
});
