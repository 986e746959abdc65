// The room store's named reducers, one state change each, on plain state objects (no Room, no backend).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import type { LeaveReason, RoomEvent } from '../../../src/model/events.js';
import * as reducers from '../../../src/store/room-reducers.js';
import {
  addPending,
  applyBatches,
  connectionChanged,
  enterFailed,
  likesSettled,
  micOff,
  removePending,
  setBalance,
} from '../../../src/store/room-reducers.js';
import { MIC_OFF, initialRoomState } from '../../../src/store/room-state.js';
import { alice, batch, liveAt, me, snapshotAt, takes } from './fixtures.js';

const left = (userId: string, reason: LeaveReason): RoomEvent => ({
  type: 'member.left',
  userId,
  reason,
  by: null,
  total: 2,
  refill: null,
});
const likes = (userId: string, count: number): RoomEvent => ({ type: 'likes.received', userId, count, total: 50 });

describe('applyBatches', () => {
  it('applies the batches in order onto the snapshot and stamps the time', () => {
    const next = applyBatches(
      [batch(2, takes(3, alice)), batch(3, takes(3, null), takes(4, alice))],
      me.userId,
      5,
    )(liveAt(1));
    assert.equal(next.snapshot?.version, 3);
    assert.equal(next.snapshot?.seats[3]?.user, null);
    assert.equal(next.snapshot?.seats[4]?.user?.userId, alice.userId);
    assert.equal(next.now, 5);
  });

  const phases: ReadonlyArray<readonly [string, RoomEvent, string]> = [
    ['the room ended', { type: 'room.ended', by: 'owner' }, 'ended'],
    ['I left', left(me.userId, 'left'), 'left'],
    ['I was kicked', left(me.userId, 'kicked'), 'kicked'],
    ['I was banned', left(me.userId, 'banned'), 'banned'],
    ['my lease ran out while I was away', left(me.userId, 'disconnected'), 'left'],
    ['someone else was kicked', left(alice.userId, 'kicked'), 'live'],
  ];
  for (const [what, event, phase] of phases) {
    it(`${what} → phase ${phase}`, () => {
      assert.equal(applyBatches([batch(2, event)], me.userId, 0)(liveAt(1)).phase, phase);
    });
  }

  it('my likes the server counted stop being in flight (never below zero); anyone else’s do not touch mine', () => {
    const state = { ...liveAt(1), myLikes: { ...liveAt(1).myLikes, inFlight: 5 } };
    const mine = (count: number) => applyBatches([batch(2, likes(me.userId, count))], me.userId, 0)(state);
    assert.equal(mine(3).myLikes.inFlight, 2);
    assert.equal(mine(9).myLikes.inFlight, 0);
    assert.equal(applyBatches([batch(2, likes(alice.userId, 3))], me.userId, 0)(state).myLikes.inFlight, 5);
  });
});

describe('pending counts', () => {
  it('counts each command under its key and drops the key with its last command', () => {
    const key = 'seat.take:3';
    const once = addPending(key)(initialRoomState(0));
    const twice = addPending(key)(once);
    assert.equal(twice.pending[key], 2);
    assert.equal(removePending(key)(twice).pending[key], 1);
    assert.ok(!(key in removePending(key)(once).pending));
  });

  it('finishing a key that is not counted leaves no key behind', () => {
    assert.deepEqual(Object.keys(removePending('seat.leave')(initialRoomState(0)).pending), []);
  });
});

describe('the rest, where the reducer decides something', () => {
  it('setBalance keeps the newest wallet version', () => {
    const at5 = setBalance(100, 5)(initialRoomState(0));
    assert.deepEqual(setBalance(80, 4)(at5).balance, { coins: 100, version: 5 }, 'an older answer changes nothing');
    assert.deepEqual(setBalance(80, 5)(at5).balance, { coins: 80, version: 5 });
    assert.deepEqual(setBalance(60, 6)(at5).balance, { coins: 60, version: 6 });
  });

  it('enterFailed fails a start or join in progress only', () => {
    const failure = new RoomError(ErrorCode.ROOM_NOT_FOUND, 'gone');
    const joining = { ...initialRoomState(0), phase: 'joining' as const };
    assert.deepEqual([enterFailed(failure)(joining).phase, enterFailed(failure)(joining).failure], ['failed', failure]);
    const kicked = { ...joining, phase: 'kicked' as const };
    assert.equal(enterFailed(failure)(kicked), kicked);
  });

  it('connectionChanged: displaced by another tab until connected again; offline drops the speaking levels', () => {
    const speaking = { ...liveAt(1), audio: { ...liveAt(1).audio, levels: { 0: 80 } } };
    const elsewhere = new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE, 'elsewhere');
    const displaced = connectionChanged('disconnected', elsewhere)(speaking);
    assert.equal(displaced.displaced, true);
    assert.deepEqual(displaced.audio.levels, {});
    assert.equal(connectionChanged('connecting')(displaced).displaced, true);
    assert.equal(connectionChanged('connected')(displaced).displaced, false);
    assert.equal(connectionChanged('disconnected')(speaking).displaced, false, 'a plain drop is not a take-over');
    assert.equal(connectionChanged('connected')(speaking).audio, speaking.audio, 'online: levels stay');
  });

  it('likesSettled never counts below zero', () => {
    const state = { ...initialRoomState(0), myLikes: { ...initialRoomState(0).myLikes, inFlight: 2 } };
    assert.equal(likesSettled(5)(state).myLikes.inFlight, 0);
  });

  it('micOff changes nothing when the microphone is already off, so the store does not emit', () => {
    const off = initialRoomState(0);
    assert.equal(micOff()(off), off);
    const on = reducers.setMic({ status: 'on' })(off);
    assert.equal(micOff()(on).audio.mic, MIC_OFF);
  });
});

describe('every reducer is named after its factory (what a stack trace through Store.update shows)', () => {
  const made: Record<string, reducers.RoomReducer> = {
    entering: reducers.entering(),
    entered: reducers.entered(),
    enterFailed: reducers.enterFailed(new RoomError(ErrorCode.ROOM_NOT_FOUND, 'x')),
    setPhase: reducers.setPhase('left'),
    leftWhileAway: reducers.leftWhileAway(),
    setSnapshot: reducers.setSnapshot(snapshotAt(1), 0),
    applyBatches: reducers.applyBatches([], me.userId, 0),
    connectionChanged: reducers.connectionChanged('connected'),
    setNow: reducers.setNow(0),
    addPending: reducers.addPending('seat.leave'),
    removePending: reducers.removePending('seat.leave'),
    setCatalog: reducers.setCatalog([]),
    setBalance: reducers.setBalance(0, 0),
    setFollow: reducers.setFollow(alice.userId, { userId: alice.userId, following: true, fans: 1, followingCount: 0 }),
    tapLikes: reducers.tapLikes(0, 1),
    likesSent: reducers.likesSent(initialRoomState(0).myLikes.batch, 1),
    likesSettled: reducers.likesSettled(1),
    setMic: reducers.setMic(MIC_OFF),
    micOff: reducers.micOff(),
    setLevels: reducers.setLevels({ levels: {}, active: null }),
    setAutoplay: reducers.setAutoplay('idle'),
    setMediaConnection: reducers.setMediaConnection('idle'),
    setListenerMuted: reducers.setListenerMuted(true),
    setSpeakerVolume: reducers.setSpeakerVolume(alice.userId, 40),
  };
  it('the table has a row for every factory the module exports', () => {
    const factories = Object.keys(reducers).filter(
      (name) => typeof (reducers as Record<string, unknown>)[name] === 'function',
    );
    assert.deepEqual(Object.keys(made).sort(), factories.sort());
  });
  for (const [name, reducer] of Object.entries(made)) {
    it(name, () => assert.equal(reducer.name, name));
  }
});
