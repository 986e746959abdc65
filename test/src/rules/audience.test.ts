import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIENCE_PAGE_SIZE, RECENT_AUDIENCE } from '../../../src/model/audience.js';
import { ErrorCode } from '../../../src/model/errors.js';
import type { Member, RoomState } from '../../../src/model/room.js';
import type { UserInfo } from '../../../src/model/user.js';
import { audienceSummary, joinRoom, listAudience, removeMember } from '../../../src/rules/audience.js';
import { sendLikes } from '../../../src/rules/likes.js';
import { applyForSeat } from '../../../src/rules/requests.js';
import { banMembers, disconnectMember, endRoom } from '../../../src/rules/room.js';
import { seatOf } from '../../../src/rules/seats.js';
import {
  admin,
  alice,
  as,
  bob,
  carol,
  deepFreeze,
  expectNoop,
  expectOk,
  expectRejected,
  NOW,
  owner,
  roomWith,
  stranger,
  user,
  setup,
} from './fixtures.js';
import { mapFrom, mapGet, mapHas, mapValues } from '../../../src/rules/persistent-map.js';

/** The owner plus u1..uN, joined in that order (u1 first, uN latest). */
function crowd(n: number): { room: RoomState; users: UserInfo[] } {
  const users = Array.from({ length: n }, (_, i) => user(`u${i + 1}`));
  return { room: roomWith({ members: users }), users };
}

describe('joinRoom', () => {
  const room = roomWith();

  it('a new member: member.joined with the new total, newest first in recent, view count and entry order grow', () => {
    const { state, events } = expectOk(joinRoom(room, carol, NOW + 10));
    assert.deepEqual(events, [{ type: 'member.joined', user: carol, total: 5 }]);
    assert.deepEqual(mapGet(state.members, 'carol'), { user: carol, joinedAt: NOW + 10, seq: 5, online: true });
    assert.deepEqual(state.recent, ['carol', 'bob', 'alice', 'admin', 'owner']);
    assert.equal(state.memberCount, 5);
    assert.equal(state.viewCount, 5);
    assert.equal(state.entrySeq, 5);
  });

  const banned = setup(room, (s) => banMembers(s, as(owner), ['carol'], 60, NOW));
  const full = roomWith({ limits: { maxMembers: 4 } });
  const ended = setup(room, (s) => endRoom(s, as(owner)));

  for (const row of [
    {
      name: 'an ended room → ROOM_NOT_FOUND (100004)',
      room: ended,
      who: carol,
      at: NOW,
      code: ErrorCode.ROOM_NOT_FOUND,
    },
    {
      name: 'an ended room, even for a member → ROOM_NOT_FOUND',
      room: ended,
      who: alice,
      at: NOW,
      code: ErrorCode.ROOM_NOT_FOUND,
    },
    {
      name: 'a banned user → MEMBER_BANNED (100016)',
      room: banned,
      who: carol,
      at: NOW + 59_999,
      code: ErrorCode.MEMBER_BANNED,
    },
    { name: 'a full room → ROOM_FULL (100008)', room: full, who: carol, at: NOW, code: ErrorCode.ROOM_FULL },
  ]) {
    it(row.name, () => expectRejected(row.room, (s) => joinRoom(s, row.who, row.at), row.code));
  }

  it('a ban that has run out no longer blocks', () => {
    expectOk(joinRoom(banned, carol, NOW + 60_000));
  });

  it('an online member joining again is a no-op (even in a full room)', () => {
    expectNoop(room, joinRoom(room, alice, NOW + 5));
    expectNoop(full, joinRoom(full, alice, NOW + 5));
  });

  it('rejoining while the seat lease runs: back online, lease cleared, seat kept, nobody told', () => {
    const leased = setup(roomWith({ seated: { 2: alice } }), (s) => disconnectMember(s, 'alice', NOW));
    const { state, events } = expectOk(joinRoom(leased, alice, NOW + 1_000));
    assert.deepEqual(events, []);
    assert.equal(mapGet(state.members, 'alice')?.online, true);
    assert.equal(mapGet(state.members, 'alice')?.seq, mapGet(leased.members, 'alice')?.seq, 'entry order is kept');
    assert.deepEqual({ ...state.leases }, {});
    assert.equal(seatOf(state, 'alice'), 2);
    assert.equal(state.memberCount, leased.memberCount);
  });

  it('the owner returning after a drop is back online', () => {
    const off = setup(roomWith({ options: { keepOwnerOnSeat: false } }), (s) => disconnectMember(s, 'owner', NOW));
    const { state, events } = expectOk(joinRoom(off, owner, NOW + 1));
    assert.deepEqual(events, []);
    assert.equal(mapGet(state.members, 'owner')?.online, true);
  });

  it('recent keeps only the latest 100 entrants while the total stays exact', () => {
    const { room: big } = crowd(RECENT_AUDIENCE + 5);
    assert.equal(big.recent.length, RECENT_AUDIENCE);
    assert.equal(big.recent[0], `u${RECENT_AUDIENCE + 5}`);
    assert.equal(big.recent.at(-1), 'u6');
    assert.equal(big.memberCount, RECENT_AUDIENCE + 6);
    const summary = audienceSummary(big);
    assert.equal(summary.total, RECENT_AUDIENCE + 6);
    assert.deepEqual(
      summary.recent.map((u) => u.userId),
      big.recent,
    );
  });
});

describe('removeMember', () => {
  const { room: big } = crowd(RECENT_AUDIENCE + 1); // owner (seq 1), u1 (seq 2) … u101 (seq 102); recent = u101…u2

  it('a non-member → NOT_A_MEMBER (100005)', () =>
    expectRejected(big, (s) => removeMember(s, 'stranger', 'left', null), ErrorCode.NOT_A_MEMBER));

  it('a listed entrant leaving refills the list with the next-latest entrant, announced as refill', () => {
    assert.deepEqual([big.recent.includes('u1'), big.recent.includes('owner')], [false, false]);
    const first = expectOk(removeMember(big, 'u50', 'kicked', 'owner'));
    assert.deepEqual(first.events, [
      {
        type: 'member.left',
        userId: 'u50',
        reason: 'kicked',
        by: 'owner',
        total: RECENT_AUDIENCE + 1,
        refill: user('u1'),
      },
    ]);
    assert.equal(first.state.recent.length, RECENT_AUDIENCE);
    assert.equal(first.state.recent.at(-1), 'u1');
    assert.equal(first.state.recent.includes('u50'), false);

    const second = expectOk(removeMember(deepFreeze(first.state), 'u101', 'left', null));
    assert.deepEqual(second.events, [
      { type: 'member.left', userId: 'u101', reason: 'left', by: null, total: RECENT_AUDIENCE, refill: owner },
    ]);
    assert.equal(second.state.recent[0], 'u100');
    assert.equal(second.state.recent.at(-1), 'owner');

    // Now everyone is listed: the next leaver has nobody to refill with.
    const third = expectOk(removeMember(deepFreeze(second.state), 'u2', 'left', null));
    assert.deepEqual(third.events, [
      { type: 'member.left', userId: 'u2', reason: 'left', by: null, total: RECENT_AUDIENCE - 1, refill: null },
    ]);
    assert.equal(third.state.recent.length, RECENT_AUDIENCE - 1);
  });

  it('an entrant who is not listed leaves without touching the list', () => {
    const { state, events } = expectOk(removeMember(big, 'u1', 'disconnected', null));
    assert.deepEqual(events, [
      { type: 'member.left', userId: 'u1', reason: 'disconnected', by: null, total: RECENT_AUDIENCE + 1, refill: null },
    ]);
    assert.equal(state.recent, big.recent);
  });

  it('a leaver loses their seat, requests, lease and rate logs', () => {
    const room = setup(
      roomWith({ members: [admin, alice, bob], seated: { 4: alice } }),
      (s) => applyForSeat(s, as(bob), null, 60, NOW),
      (s) => disconnectMember(s, 'alice', NOW),
      (s) => sendLikes(s, as(bob), 1, NOW),
    );
    const seated = expectOk(removeMember(room, 'alice', 'disconnected', null));
    assert.deepEqual(seated.events, [
      { type: 'seats.updated', seats: [{ index: 4, user: null, locked: false, audioLocked: false, selfMuted: false }] },
      { type: 'member.left', userId: 'alice', reason: 'disconnected', by: null, total: 3, refill: null },
    ]);
    assert.deepEqual({ ...seated.state.leases }, {});
    const queued = expectOk(removeMember(room, 'bob', 'kicked', 'admin'));
    assert.deepEqual(queued.events, [
      { type: 'request.updated', request: { ...room.requests[0]!, status: 'cancelled', responderId: 'admin' } },
      { type: 'member.left', userId: 'bob', reason: 'kicked', by: 'admin', total: 3, refill: null },
    ]);
    assert.equal(queued.state.rates.bob, undefined);
    assert.deepEqual(queued.state.requests, []);
  });
});

describe('listAudience', () => {
  const { room: big } = crowd(119); // 120 members
  const newestFirst = ['owner', ...Array.from({ length: 119 }, (_, i) => `u${i + 1}`)].reverse();

  it('pages newest first with a cursor, no duplicates, no skips, and an empty cursor at the end', () => {
    const seen: string[] = [];
    let cursor = '';
    const sizes: number[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const { state: page, events } = expectOk(listAudience(big, cursor));
      assert.deepEqual(events, []);
      assert.equal(page.total, 120);
      sizes.push(page.members.length);
      seen.push(...page.members.map((m) => m.userId));
      cursor = page.next;
      if (!cursor) break;
    }
    assert.deepEqual(sizes, [AUDIENCE_PAGE_SIZE, AUDIENCE_PAGE_SIZE, 20]);
    assert.deepEqual(seen, newestFirst);
  });

  it('pages stay stable when people join and leave between pages', () => {
    const first = expectOk(listAudience(big, '', '', 10)).state;
    const changed = setup(
      big,
      (s) => joinRoom(s, stranger, NOW + 1_000),
      (s) => removeMember(s, 'u105', 'left', null),
    );
    const second = expectOk(listAudience(changed, first.next, '', 10)).state;
    assert.deepEqual(
      second.members.map((m) => m.userId),
      newestFirst
        .slice(10, 20)
        .filter((id) => id !== 'u105')
        .concat('u99'),
    );
  });

  for (const count of [1, 7, 100]) {
    it(`count ${count} gives a page of ${count} and a cursor`, () => {
      const page = expectOk(listAudience(big, '', '', count)).state;
      assert.deepEqual(
        page.members.map((m) => m.userId),
        newestFirst.slice(0, count),
      );
      assert.notEqual(page.next, '');
    });
  }

  it('when everything fits the cursor is empty', () => {
    const page = expectOk(listAudience(roomWith(), '', '', 4)).state;
    assert.deepEqual(
      page.members.map((m) => m.userId),
      ['bob', 'alice', 'admin', 'owner'],
    );
    assert.equal(page.next, '');
  });

  const named = roomWith({ members: [admin, alice, bob, carol, { userId: 'x42', userName: 'Nobody', avatarUrl: '' }] });
  for (const row of [
    { name: 'a name fragment, any case', room: named, keyword: 'LiC', expected: ['alice'] },
    { name: 'surrounding spaces are ignored', room: named, keyword: '  bo ', expected: ['x42', 'bob'] },
    { name: 'a user ID matches exactly', room: named, keyword: 'x42', expected: ['x42'] },
    { name: 'a user ID fragment does not match', room: named, keyword: 'x4', expected: [] as string[] },
    {
      name: 'several matches come newest first',
      room: big,
      keyword: 'u11',
      expected: ['u119', 'u118', 'u117', 'u116', 'u115', 'u114', 'u113', 'u112', 'u111', 'u110', 'u11'],
    },
    { name: 'no match', room: named, keyword: 'zzz', expected: [] as string[] },
  ]) {
    it(`keyword: ${row.name}`, () => {
      const page = expectOk(listAudience(row.room, '', row.keyword)).state;
      assert.deepEqual(
        page.members.map((m) => m.userId),
        row.expected,
      );
      assert.equal(page.next, '');
      assert.equal(page.total, row.room.memberCount, 'total is the whole room, not the matches');
    });
  }

  it('keyword results page with the same cursor', () => {
    const first = expectOk(listAudience(big, '', 'u1', 5)).state;
    const second = expectOk(listAudience(big, first.next, 'u1', 5)).state;
    assert.deepEqual(
      [...first.members, ...second.members].map((m) => m.userId),
      ['u119', 'u118', 'u117', 'u116', 'u115', 'u114', 'u113', 'u112', 'u111', 'u110'],
    );
  });

  it('a page of a room of 10,000 is one walk of the members, not a sort of them all', () => {
    // Each member's `seq` counts its reads. A sort reads it some 2·n·log2(n) times (260,000 here), which made a page
    // 7 ms of the server's one thread: at the command rate of 50 a second, one client paging a big room kept a third
    // of a core busy. A walk that keeps the newest matches reads it about once per member.
    let reads = 0;
    const counted = (m: Member): Member => {
      const { seq, ...rest } = m;
      return Object.defineProperty({ ...rest }, 'seq', { enumerable: true, get: () => (reads++, seq) }) as Member;
    };
    const { room } = crowd(9_999);
    const members = mapFrom([...mapValues(room.members)].map((m) => [m.user.userId, counted(m)] as const));
    const huge = { ...room, members };
    for (const [cursor, keyword] of [
      ['', ''],
      ['5000', ''],
      ['', 'u12'],
    ] as const) {
      reads = 0;
      expectOk(listAudience(huge, cursor, keyword, 100));
      assert.ok(reads <= 2 * huge.memberCount, `${reads} reads of seq for a page of ${huge.memberCount} members`);
    }
  });

  it('agrees with sorting every member, whatever the cursor, keyword and count', () => {
    // The reference is the obvious definition: every match below the cursor, newest first, a page of `count`.
    const random = (seed: number) => () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const next = random(5);
    let room = crowd(300).room;
    // Gaps in the entry order, as leavers make them.
    for (let i = 0; i < 120; i++) {
      const id = `u${1 + Math.floor(next() * 300)}`;
      if (mapHas(room.members, id)) room = expectOk(removeMember(room, id, 'left', null)).state;
    }
    for (let i = 0; i < 300; i++) {
      const members = [...mapValues(room.members)];
      const below = next() < 0.3 ? '' : String(Math.floor(next() * 320));
      const keyword = ['', 'u1', 'U2', ' u3 ', 'u299', 'owner', 'zzz'][Math.floor(next() * 7)]!;
      const count = 1 + Math.floor(next() * 100);
      const needle = keyword.trim().toLowerCase();
      const matches = members
        .filter((m) => below === '' || m.seq < Number(below))
        .filter((m) => !needle || m.user.userId === keyword.trim() || m.user.userName.toLowerCase().includes(needle))
        .sort((a, b) => b.seq - a.seq);
      const page = expectOk(listAudience(room, below, keyword, count)).state;
      assert.deepEqual(
        page.members.map((u) => u.userId),
        matches.slice(0, count).map((m) => m.user.userId),
        `cursor ${below}, keyword ${keyword}, count ${count}`,
      );
      assert.equal(page.next, matches.length > count ? String(matches[count - 1]!.seq) : '');
    }
  });

  for (const row of [
    { name: 'a non-numeric cursor', cursor: 'abc', count: 10 },
    { name: 'an Infinity cursor', cursor: 'Infinity', count: 10 },
    { name: 'count 0', cursor: '', count: 0 },
    { name: 'count 101', cursor: '', count: 101 },
    { name: 'a fractional count', cursor: '', count: 2.5 },
  ]) {
    it(`${row.name} → INVALID_PARAMETER (-1001)`, () =>
      expectRejected(big, (s) => listAudience(s, row.cursor, '', row.count), ErrorCode.INVALID_PARAMETER));
  }
});
