import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/model/errors.js';
import { LIKE_FLUSH_INTERVAL_MS, MAX_LIKES_PER_BATCH } from '../../../src/model/like.js';
import { emptyLikeBatch, flushLikes, type LikeBatch, sendLikes, takeLikes, tapLike } from '../../../src/rules/likes.js';
import { alice, as, bob, deepFreeze, expectOk, expectRejected, NOW, roomWith, stranger, unwrapOk } from './fixtures.js';

describe('sendLikes (server)', () => {
  const room = roomWith();

  for (const row of [
    { name: 'a non-member → NOT_IN_ROOM (-2101)', who: stranger, count: 1, code: ErrorCode.NOT_IN_ROOM },
    { name: 'count 0 → INVALID_PARAMETER (-1001)', who: alice, count: 0, code: ErrorCode.INVALID_PARAMETER },
    { name: 'negative count → INVALID_PARAMETER', who: alice, count: -3, code: ErrorCode.INVALID_PARAMETER },
    { name: 'fractional count → INVALID_PARAMETER', who: alice, count: 1.5, code: ErrorCode.INVALID_PARAMETER },
    {
      name: `count ${MAX_LIKES_PER_BATCH + 1} → INVALID_PARAMETER`,
      who: alice,
      count: MAX_LIKES_PER_BATCH + 1,
      code: ErrorCode.INVALID_PARAMETER,
    },
  ]) {
    it(row.name, () => expectRejected(room, (s) => sendLikes(s, as(row.who), row.count, NOW), row.code));
  }

  it('one batch adds to the room total and is broadcast as one likes.received', () => {
    const first = expectOk(sendLikes(room, as(alice), MAX_LIKES_PER_BATCH, NOW));
    assert.deepEqual(first.events, [
      { type: 'likes.received', userId: 'alice', count: MAX_LIKES_PER_BATCH, total: MAX_LIKES_PER_BATCH },
    ]);
    assert.deepEqual(first.state.likes, { total: MAX_LIKES_PER_BATCH });
    const second = expectOk(sendLikes(deepFreeze(first.state), as(bob), 3, NOW + 1));
    assert.deepEqual(second.events, [
      { type: 'likes.received', userId: 'bob', count: 3, total: MAX_LIKES_PER_BATCH + 3 },
    ]);
  });

  it('10 batches per second per user, then RATE_LIMITED (-2) until the window slides', () => {
    let state = room;
    for (let i = 0; i < 10; i++) state = deepFreeze(unwrapOk(sendLikes(state, as(alice), 1, NOW + i)));
    expectRejected(state, (s) => sendLikes(s, as(alice), 1, NOW + 999), ErrorCode.RATE_LIMITED);
    expectOk(sendLikes(state, as(bob), 1, NOW + 999));
    assert.equal(expectOk(sendLikes(state, as(alice), 1, NOW + 1_000)).state.likes.total, 11);
  });
});

describe('tapLike and flushLikes (client batcher)', () => {
  it('taps accumulate; the batch remembers the oldest tap', () => {
    const batch = tapLike(tapLike(tapLike(emptyLikeBatch, NOW), NOW + 100), NOW + 200, 5);
    assert.deepEqual(batch, { pending: 7, since: NOW });
  });

  const seven: LikeBatch = { pending: 7, since: NOW };
  for (const row of [
    {
      name: 'nothing pending sends nothing',
      batch: emptyLikeBatch,
      at: NOW,
      force: false,
      send: 0,
      rest: emptyLikeBatch,
    },
    {
      name: 'nothing pending, even forced, sends nothing',
      batch: emptyLikeBatch,
      at: NOW,
      force: true,
      send: 0,
      rest: emptyLikeBatch,
    },
    {
      name: 'before the interval nothing is sent and the batch stays',
      batch: seven,
      at: NOW + LIKE_FLUSH_INTERVAL_MS - 1,
      force: false,
      send: 0,
      rest: seven,
    },
    {
      name: 'at the interval everything is sent',
      batch: seven,
      at: NOW + LIKE_FLUSH_INTERVAL_MS,
      force: false,
      send: 7,
      rest: emptyLikeBatch,
    },
    {
      name: 'forced (leaving the room) sends at once',
      batch: seven,
      at: NOW + 1,
      force: true,
      send: 7,
      rest: emptyLikeBatch,
    },
    {
      name: 'a full batch is sent at once',
      batch: { pending: MAX_LIKES_PER_BATCH, since: NOW },
      at: NOW,
      force: false,
      send: MAX_LIKES_PER_BATCH,
      rest: emptyLikeBatch,
    },
    {
      name: 'an overfull batch sends the maximum and keeps the rest, timed from now',
      batch: { pending: 150, since: NOW },
      at: NOW + 10,
      force: false,
      send: MAX_LIKES_PER_BATCH,
      rest: { pending: 50, since: NOW + 10 },
    },
  ]) {
    it(row.name, () => {
      const out = flushLikes(row.batch, row.at, LIKE_FLUSH_INTERVAL_MS, row.force);
      assert.equal(out.send, row.send);
      assert.deepEqual(out.batch, row.rest);
      // The store's batcher takes a batch on its own timer: takeLikes is flushLikes forced.
      assert.deepEqual(takeLikes(row.batch, row.at), flushLikes(row.batch, row.at, LIKE_FLUSH_INTERVAL_MS, true));
    });
  }

  it('an empty batch leaves as the shared empty batch, however it is flushed', () => {
    const drained: LikeBatch = { pending: 0, since: NOW };
    assert.equal(flushLikes(drained, NOW).batch, emptyLikeBatch);
    assert.equal(takeLikes(drained, NOW).batch, emptyLikeBatch);
  });

  it('a custom interval is honoured', () => {
    assert.equal(flushLikes(seven, NOW + 50, 100).send, 0);
    assert.equal(flushLikes(seven, NOW + 100, 100).send, 7);
  });

  it('taps after a partial flush are counted in the next batch, none lost', () => {
    let batch: LikeBatch = emptyLikeBatch;
    let sent = 0;
    for (let i = 0; i < 250; i++) {
      batch = tapLike(batch, NOW + i);
      const out = flushLikes(batch, NOW + i);
      sent += out.send;
      batch = out.batch;
    }
    sent += flushLikes(batch, NOW + 1_000, LIKE_FLUSH_INTERVAL_MS, true).send;
    assert.equal(sent, 250);
  });
});
