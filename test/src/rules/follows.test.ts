import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/model/errors.js';
import { emptyFollows, type FollowState, followInfo, isFollowing, setFollow } from '../../../src/rules/follows.js';
import { deepFreeze, expectNoop, expectOk, expectRejected, unwrapOk } from './fixtures.js';

function follows(...edges: Array<[string, string]>): FollowState {
  let state = emptyFollows;
  for (const [from, to] of edges) state = unwrapOk(setFollow(state, from, to, true));
  return deepFreeze(state);
}

describe('setFollow', () => {
  const state = follows(['alice', 'owner'], ['bob', 'owner'], ['alice', 'bob']);

  for (const row of [
    { name: 'an empty user ID → INVALID_PARAMETER (-1001)', from: 'alice', to: '', code: ErrorCode.INVALID_PARAMETER },
    {
      name: 'a non-string user ID → INVALID_PARAMETER',
      from: 'alice',
      to: 7 as unknown as string,
      code: ErrorCode.INVALID_PARAMETER,
    },
    { name: 'oneself → CANNOT_TARGET_SELF (-2906)', from: 'alice', to: 'alice', code: ErrorCode.CANNOT_TARGET_SELF },
  ]) {
    it(row.name, () => expectRejected(state, (s) => setFollow(s, row.from, row.to, true), row.code));
  }

  for (const row of [
    { name: 'following again', from: 'alice', to: 'owner', follow: true },
    { name: 'unfollowing someone not followed', from: 'carol', to: 'owner', follow: false },
  ]) {
    it(`${row.name} is a no-op`, () => expectNoop(state, setFollow(state, row.from, row.to, row.follow)));
  }

  it('follow adds the edge and a fan; no room events', () => {
    const { state: next, events } = expectOk(setFollow(state, 'carol', 'owner', true));
    assert.deepEqual(events, []);
    assert.deepEqual(next.following.carol, ['owner']);
    assert.equal(next.fans.owner, 3);
  });

  it('unfollow removes the edge and the fan', () => {
    const { state: next } = expectOk(setFollow(state, 'alice', 'owner', false));
    assert.deepEqual(next.following.alice, ['bob']);
    assert.equal(next.fans.owner, 1);
    assert.equal(isFollowing(next, 'alice', 'owner'), false);
  });

  for (const row of [
    {
      name: 'alice looks at the owner',
      viewer: 'alice',
      target: 'owner',
      expected: { userId: 'owner', following: true, fans: 2, followingCount: 0 },
    },
    {
      name: 'the owner looks at alice',
      viewer: 'owner',
      target: 'alice',
      expected: { userId: 'alice', following: false, fans: 0, followingCount: 2 },
    },
    {
      name: 'bob looks at a stranger',
      viewer: 'bob',
      target: 'nobody',
      expected: { userId: 'nobody', following: false, fans: 0, followingCount: 0 },
    },
  ]) {
    it(`followInfo: ${row.name}`, () => assert.deepEqual(followInfo(state, row.viewer, row.target), row.expected));
  }
});
