import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/model/errors.js';
import { type Gift, type GiftReceived, LEADERBOARD_SIZE, MAX_GIFT_COUNT } from '../../../src/model/gift.js';
import type { RoomState } from '../../../src/model/room.js';
import type { Seat } from '../../../src/model/seat.js';
import { emptySeat } from '../../../src/rules/seats.js';
import type { Actor } from '../../../src/rules/permissions.js';
import {
  UNCATEGORIZED,
  balanceOf,
  createWallets,
  giftCategories,
  giftReceivers,
  giftTotals,
  leaderboard,
  mergeCombo,
  sendGift,
  setBalance,
  validateCatalog,
  type WalletState,
} from '../../../src/rules/gifts.js';
import { endRoom } from '../../../src/rules/room.js';
import {
  admin,
  alice,
  as,
  bob,
  carol,
  clone,
  deepFreeze,
  expectError,
  expectOk,
  NOW,
  owner,
  ROOM_ID,
  roomWith,
  stranger,
  unwrapOk,
  user,
} from './fixtures.js';

const rose: Gift = { giftId: 'rose', name: 'Rose', iconUrl: 'https://example.test/rose.png', price: 1, level: 1 };
const rocket: Gift = {
  giftId: 'rocket',
  name: 'Rocket',
  iconUrl: 'https://example.test/rocket.png',
  price: 100,
  level: 3,
  animationUrl: 'https://example.test/rocket.svga',
  category: 'luxury',
};
const free: Gift = { giftId: 'heart', name: 'Heart', iconUrl: '', price: 0, level: 0 };
const catalog = deepFreeze([rose, rocket, free]);

type Input = { room: RoomState; wallets: WalletState; catalog: readonly Gift[] };

function input(
  room: RoomState = roomWith({ members: [admin, alice, bob, carol] }),
  wallets: WalletState = createWallets(500),
): Input {
  return deepFreeze({ room, wallets, catalog });
}

/** Runs sendGift and asserts it fails with `code` with the room and the wallets exactly as before. */
function rejected(
  inp: Input,
  actor: Actor,
  send: { giftId: string; count: number; receiverId: string },
  code: ErrorCode,
  now = NOW,
): void {
  const before = clone({ room: inp.room, wallets: inp.wallets });
  expectError(sendGift(inp, actor, send, now), code);
  assert.deepEqual({ room: inp.room, wallets: inp.wallets }, before, 'a failed send changes nothing');
}

describe('wallets', () => {
  it('users start with the initial balance; setBalance sets and bumps the sequence', () => {
    const wallets = createWallets(50);
    assert.equal(balanceOf(wallets, 'alice'), 50);
    const { state, events } = expectOk(setBalance(wallets, 'alice', 7));
    assert.deepEqual(events, []);
    assert.equal(balanceOf(state, 'alice'), 7);
    assert.equal(balanceOf(state, 'bob'), 50);
    assert.equal(state.seq, 1);
  });

  for (const coins of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
    it(`setBalance(${coins}) → INVALID_PARAMETER (-1001)`, () => {
      expectError(setBalance(createWallets(0), 'alice', coins), ErrorCode.INVALID_PARAMETER);
    });
  }
});

describe('sendGift', () => {
  const base = input();
  const ended = input(deepFreeze(unwrapOk(endRoom(base.room, as(owner)))));

  for (const row of [
    {
      name: 'an ended room → ROOM_ENDED (-2905)',
      inp: ended,
      actor: as(alice),
      send: { giftId: 'rose', count: 1, receiverId: 'owner' },
      code: ErrorCode.ROOM_ENDED,
    },
    {
      name: 'a sender who is not in the room → NOT_IN_ROOM (-2101)',
      inp: base,
      actor: as(stranger),
      send: { giftId: 'rose', count: 1, receiverId: 'owner' },
      code: ErrorCode.NOT_IN_ROOM,
    },
    {
      name: 'an unknown gift → GIFT_NOT_FOUND (-2901)',
      inp: base,
      actor: as(alice),
      send: { giftId: 'tulip', count: 1, receiverId: 'owner' },
      code: ErrorCode.GIFT_NOT_FOUND,
    },
    {
      name: 'count 0 → INVALID_PARAMETER (-1001)',
      inp: base,
      actor: as(alice),
      send: { giftId: 'rose', count: 0, receiverId: 'owner' },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: `count ${MAX_GIFT_COUNT + 1} → INVALID_PARAMETER`,
      inp: base,
      actor: as(alice),
      send: { giftId: 'rose', count: MAX_GIFT_COUNT + 1, receiverId: 'owner' },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'fractional count → INVALID_PARAMETER',
      inp: base,
      actor: as(alice),
      send: { giftId: 'rose', count: 2.5, receiverId: 'owner' },
      code: ErrorCode.INVALID_PARAMETER,
    },
    {
      name: 'a gift to oneself → CANNOT_TARGET_SELF (-2906)',
      inp: base,
      actor: as(alice),
      send: { giftId: 'rose', count: 1, receiverId: 'alice' },
      code: ErrorCode.CANNOT_TARGET_SELF,
    },
    {
      name: 'a receiver not in the room → NOT_A_MEMBER (100005)',
      inp: base,
      actor: as(alice),
      send: { giftId: 'rose', count: 1, receiverId: 'stranger' },
      code: ErrorCode.NOT_A_MEMBER,
    },
    {
      name: 'more than the balance → INSUFFICIENT_BALANCE (-2902)',
      inp: base,
      actor: as(alice),
      send: { giftId: 'rocket', count: 6, receiverId: 'owner' },
      code: ErrorCode.INSUFFICIENT_BALANCE,
    },
    {
      name: 'one coin short → INSUFFICIENT_BALANCE',
      inp: input(undefined, unwrapOk(setBalance(createWallets(500), 'alice', 99))),
      actor: as(alice),
      send: { giftId: 'rocket', count: 1, receiverId: 'owner' },
      code: ErrorCode.INSUFFICIENT_BALANCE,
    },
  ]) {
    it(row.name, () => rejected(row.inp, row.actor, row.send, row.code));
  }

  it('a send deducts exactly the ledger amount, writes one ledger row, grows the totals and broadcasts gift.received', () => {
    const { state, events } = expectOk(
      sendGift(base, as(alice), { giftId: 'rocket', count: 3, receiverId: 'owner' }, NOW),
    );
    const row = {
      entryId: 'g1',
      roomId: ROOM_ID,
      senderId: 'alice',
      receiverId: 'owner',
      giftId: 'rocket',
      count: 3,
      unitPrice: 100,
      amount: 300,
      createdAt: NOW,
    };
    assert.deepEqual(state.row, row);
    assert.equal(balanceOf(state.wallets, 'alice'), 200);
    assert.equal(balanceOf(state.wallets, 'owner'), 500, 'receiving does not credit coins');
    assert.equal(state.wallets.seq, 1);
    const received: GiftReceived = {
      entryId: 'g1',
      gift: rocket,
      count: 3,
      sender: alice,
      receiver: owner,
      amount: 300,
      sentAt: NOW,
    };
    assert.deepEqual(state.received, received);
    const totals = { amount: 300, count: 3, leaderboard: [{ user: alice, amount: 300 }] };
    assert.deepEqual(events, [{ type: 'gift.received', gift: received, totals }]);
    assert.deepEqual(giftTotals(state.room), totals);
    assert.deepEqual(state.room.rates.alice, { gift: [NOW] });
  });

  it('spending the whole balance is allowed; free gifts cost nothing', () => {
    const all = expectOk(sendGift(base, as(alice), { giftId: 'rocket', count: 5, receiverId: 'bob' }, NOW)).state;
    assert.equal(balanceOf(all.wallets, 'alice'), 0);
    const next = expectOk(
      sendGift(
        deepFreeze({ ...all, catalog }),
        as(alice),
        { giftId: 'heart', count: MAX_GIFT_COUNT, receiverId: 'bob' },
        NOW + 1,
      ),
    ).state;
    assert.equal(balanceOf(next.wallets, 'alice'), 0);
    assert.equal(next.room.gifts.count, 5 + MAX_GIFT_COUNT);
    assert.equal(next.row.entryId, 'g2');
  });

  it('totals add up and the leaderboard is ordered by amount, then user ID', () => {
    let state = base;
    const rows: string[] = [];
    const sends: Array<[typeof alice, string, number]> = [
      [bob, 'rocket', 1],
      [alice, 'rose', 100],
      [carol, 'rocket', 2],
      [admin, 'rose', 5],
      [admin, 'rose', 5],
    ];
    for (const [i, [sender, giftId, count]] of sends.entries()) {
      const next = unwrapOk(sendGift(state, as(sender), { giftId, count, receiverId: 'owner' }, NOW + i));
      rows.push(next.row.entryId);
      state = deepFreeze({ room: next.room, wallets: next.wallets, catalog });
    }
    assert.deepEqual(giftTotals(state.room), {
      amount: 100 + 100 + 200 + 10,
      count: 1 + 100 + 2 + 10,
      leaderboard: [
        { user: carol, amount: 200 },
        { user: alice, amount: 100 },
        { user: bob, amount: 100 },
        { user: admin, amount: 10 },
      ],
    });
    assert.deepEqual(
      leaderboard(state.room, 2).map((e) => e.user.userId),
      ['carol', 'alice'],
    );
    assert.deepEqual(rows, ['g1', 'g2', 'g3', 'g4', 'g5']);
    assert.equal(balanceOf(state.wallets, 'admin'), 490);
  });

  it(`the leaderboard keeps the top ${LEADERBOARD_SIZE}`, () => {
    const crowd = Array.from({ length: LEADERBOARD_SIZE + 5 }, (_, i) => user(`fan${String(i).padStart(2, '0')}`));
    let state = input(roomWith({ members: crowd }));
    for (const [i, fan] of crowd.entries()) {
      const next = unwrapOk(sendGift(state, as(fan), { giftId: 'rose', count: i + 1, receiverId: 'owner' }, NOW));
      state = { room: next.room, wallets: next.wallets, catalog };
    }
    const board = giftTotals(state.room).leaderboard;
    assert.equal(board.length, LEADERBOARD_SIZE);
    assert.equal(board[0]?.user.userId, `fan${LEADERBOARD_SIZE + 4}`);
    assert.equal(board[0]?.amount, LEADERBOARD_SIZE + 5);
  });

  it('10 sends per second per user, then RATE_LIMITED (-2); a refused send is not charged', () => {
    let state = base;
    for (let i = 0; i < 10; i++) {
      const next = unwrapOk(sendGift(state, as(alice), { giftId: 'rose', count: 1, receiverId: 'owner' }, NOW + i));
      state = deepFreeze({ room: next.room, wallets: next.wallets, catalog });
    }
    rejected(state, as(alice), { giftId: 'rose', count: 1, receiverId: 'owner' }, ErrorCode.RATE_LIMITED, NOW + 999);
    assert.equal(balanceOf(state.wallets, 'alice'), 490);
    expectOk(sendGift(state, as(alice), { giftId: 'rose', count: 1, receiverId: 'owner' }, NOW + 1_000));
  });
});

describe('mergeCombo', () => {
  const received = (sender = alice, receiver = owner, giftId = 'rose', count = 1): GiftReceived => ({
    entryId: 'g',
    gift: { ...rose, giftId },
    count,
    sender,
    receiver,
    amount: count,
    sentAt: NOW,
  });

  it('same sender, gift and receiver within the window add up; at the window edge still merged; after it a new combo', () => {
    const a = mergeCombo({}, received(), NOW);
    assert.deepEqual([a.combo, a.merged], [1, false]);
    const b = mergeCombo(a.combos, received(alice, owner, 'rose', 10), NOW + 3_000);
    assert.deepEqual([b.combo, b.merged], [11, true]);
    const c = mergeCombo(b.combos, received(), NOW + 6_001);
    assert.deepEqual([c.combo, c.merged], [1, false]);
  });

  for (const row of [
    { name: 'another sender', other: received(bob) },
    { name: 'another receiver', other: received(alice, bob) },
    { name: 'another gift', other: received(alice, owner, 'rocket') },
  ]) {
    it(`${row.name} starts its own combo`, () => {
      const first = mergeCombo({}, received(), NOW);
      const second = mergeCombo(first.combos, row.other, NOW + 10);
      assert.deepEqual([second.combo, second.merged], [1, false]);
      assert.equal(Object.keys(second.combos).length, 2);
    });
  }

  it('stale combos are dropped from the map', () => {
    const first = mergeCombo({}, received(), NOW);
    const later = mergeCombo(first.combos, received(bob), NOW + 3_001);
    assert.equal(Object.keys(later.combos).length, 1);
  });
});

describe('validateCatalog', () => {
  it('accepts a good catalog and normalizes it (trimmed names, no empty optionals)', () => {
    const { state } = expectOk(
      validateCatalog([{ ...rose, name: ' Rose ' }, rocket, { ...free, animationUrl: '', category: '' }]),
    );
    assert.deepEqual(state, [rose, rocket, free]);
  });

  it('accepts an empty catalog', () => assert.deepEqual(expectOk(validateCatalog([])).state, []));

  for (const row of [
    { name: 'not an array', value: { gifts: [] }, message: 'catalog must be an array' },
    { name: 'an entry that is not an object', value: [rose, null], message: 'gift 1: not an object' },
    { name: 'a missing giftId', value: [{ ...rose, giftId: undefined }], message: 'gift 0: giftId' },
    { name: 'a giftId with spaces', value: [{ ...rose, giftId: 'a b' }], message: 'gift 0: giftId' },
    { name: 'a giftId over 64 characters', value: [{ ...rose, giftId: 'g'.repeat(65) }], message: 'gift 0: giftId' },
    {
      name: 'a duplicate giftId',
      value: [rose, { ...rocket, giftId: 'rose' }],
      message: 'gift 1: duplicate giftId rose',
    },
    { name: 'a blank name', value: [{ ...rose, name: '  ' }], message: 'gift 0: name' },
    { name: 'a name over 50 characters', value: [{ ...rose, name: 'n'.repeat(51) }], message: 'gift 0: name' },
    { name: 'a missing iconUrl', value: [{ ...rose, iconUrl: undefined }], message: 'gift 0: iconUrl' },
    { name: 'an iconUrl over 500', value: [{ ...rose, iconUrl: 'u'.repeat(501) }], message: 'gift 0: iconUrl' },
    { name: 'a negative price', value: [{ ...rose, price: -1 }], message: 'gift 0: price' },
    { name: 'a fractional price', value: [{ ...rose, price: 1.5 }], message: 'gift 0: price' },
    { name: 'a string price', value: [{ ...rose, price: '1' }], message: 'gift 0: price' },
    { name: 'a negative level', value: [{ ...rose, level: -1 }], message: 'gift 0: level' },
    { name: 'a non-string animationUrl', value: [{ ...rose, animationUrl: 5 }], message: 'gift 0: animationUrl' },
    {
      name: 'an animationUrl over 500',
      value: [{ ...rose, animationUrl: 'u'.repeat(501) }],
      message: 'gift 0: animationUrl',
    },
    { name: 'a category over 32', value: [{ ...rose, category: 'c'.repeat(33) }], message: 'gift 0: category' },
  ]) {
    it(`${row.name} → INVALID_PARAMETER (-1001) "${row.message}"`, () => {
      assert.equal(expectError(validateCatalog(row.value), ErrorCode.INVALID_PARAMETER).message, row.message);
    });
  }
});

describe('giftReceivers', () => {
  const seated = (...users: (typeof alice | null)[]): Seat[] => users.map((user, i) => ({ ...emptySeat(i), user }));
  it('everyone seated but me, the owner first, the others in seat order', () => {
    const seats = seated(alice, null, bob, owner, carol);
    assert.deepEqual(
      giftReceivers(seats, owner, carol.userId).map((u) => u.userId),
      [owner.userId, alice.userId, bob.userId],
    );
    assert.deepEqual(
      giftReceivers(seats, owner, owner.userId).map((u) => u.userId),
      [alice.userId, bob.userId, carol.userId],
    );
    assert.deepEqual(giftReceivers(seated(null, null), owner, alice.userId), []);
  });
  it('the owner alone where the backend takes gifts for the owner only, seated or not', () => {
    assert.deepEqual(giftReceivers(seated(alice, bob), owner, alice.userId, 'owner'), [owner]);
    assert.deepEqual(giftReceivers(seated(alice), owner, owner.userId, 'owner'), []);
    assert.deepEqual(giftReceivers(seated(alice), null, bob.userId, 'owner'), []);
  });
});

describe('giftCategories', () => {
  it('tabs in catalog order, gifts without a category under one tab of their own', () => {
    assert.deepEqual(giftCategories(catalog), [UNCATEGORIZED, 'luxury']);
    assert.deepEqual(giftCategories([rocket, rose, { ...rose, giftId: 'tulip', category: 'flowers' }]), [
      'luxury',
      UNCATEGORIZED,
      'flowers',
    ]);
  });
  it('no tabs for a catalog of one category (or none)', () => {
    assert.deepEqual(giftCategories([rose, free]), []);
    assert.deepEqual(giftCategories([rocket]), []);
    assert.deepEqual(giftCategories([]), []);
  });
});
