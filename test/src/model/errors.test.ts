/**
 * Issue 16 §3: toRoomError keeps what it wraps as the ES2022 Error `cause`, so the original failure (its stack,
 * its extra fields) is still reachable from the RoomError a caller gets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, RoomError, toRoomError } from '../../../src/model/errors.js';

describe('toRoomError', () => {
  it('keeps an unknown failure as the cause of an UNKNOWN RoomError', () => {
    const failure = new TypeError('socket is not a function');
    const error = toRoomError(failure);
    assert.ok(error instanceof RoomError);
    assert.equal(error.code, ErrorCode.UNKNOWN);
    assert.equal(error.message, 'socket is not a function');
    assert.equal(error.cause, failure);
  });

  it('keeps an error-like object with a documented code as the cause', () => {
    const failure = Object.assign(new Error('the seat is locked'), { code: ErrorCode.SEAT_LOCKED, detail: 7 });
    const error = toRoomError(failure);
    assert.equal(error.code, ErrorCode.SEAT_LOCKED);
    assert.equal(error.message, 'the seat is locked');
    assert.equal(error.cause, failure);
  });

  it('keeps a thrown non-error as the cause too', () => {
    const error = toRoomError('nope');
    assert.equal(error.message, 'nope');
    assert.equal(error.cause, 'nope');
  });

  it('returns a RoomError as it is, with no cause added', () => {
    const original = new RoomError(ErrorCode.ROOM_FULL);
    assert.equal(toRoomError(original), original);
    assert.equal(original.cause, undefined);
    assert.ok(!Object.hasOwn(original, 'cause'), 'a RoomError made without a cause has none');
  });
});
