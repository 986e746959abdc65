import { ErrorCode } from '../model/errors.js';
import {
  GIFT_COMBO_WINDOW_MS,
  type Gift,
  type GiftReceived,
  type GiftTotals,
  LEADERBOARD_SIZE,
  type LedgerRow,
  MAX_GIFT_COUNT,
} from '../model/gift.js';
import type { RoomEvent } from '../model/events.js';
import type { RoomState } from '../model/room.js';
import type { Seat } from '../model/seat.js';
import type { UserInfo } from '../model/user.js';
import { MAX_URL_LENGTH } from '../model/live-info.js';
import type { Actor } from './permissions.js';
import { allowRate } from './rate-limit.js';
import { emptyRecord, entry, withEntry } from './records.js';
import { type RuleResult, fail, ok } from './result.js';
import { mapGet, mapHas } from './persistent-map.js';

/**
 * Coins per user. Users start with `initialBalance`. The ledger is not part of it: a send returns its row for the
 * caller to store (the server appends it to SQLite), and a caller may pass a view holding only the users a step
 * touches (the engine passes the sender's balance alone), so a send costs the same with 10 or 10 million rows and
 * users behind it.
 */
export interface WalletState {
  readonly initialBalance: number;
  readonly balances: Readonly<Record<string, number>>;
  /** Bumped on every change, so clients can keep the newest balance when answers arrive out of order. */
  readonly seq: number;
}

export function createWallets(initialBalance: number): WalletState {
  return { initialBalance, balances: emptyRecord(), seq: 0 };
}

export function balanceOf(wallets: WalletState, userId: string): number {
  return entry(wallets.balances, userId) ?? wallets.initialBalance;
}

/** Sets a balance (REST top-up / admin). Negative or fractional balances are refused. */
export function setBalance(wallets: WalletState, userId: string, coins: number): RuleResult<WalletState> {
  if (!Number.isSafeInteger(coins) || coins < 0)
    return fail(ErrorCode.INVALID_PARAMETER, 'coins must be a non-negative integer');
  return ok({ ...wallets, seq: wallets.seq + 1, balances: withEntry(wallets.balances, userId, coins) });
}

/** The most one top-up may add: a typo of a few extra zeros is refused rather than minted. */
export const MAX_TOP_UP = 1_000_000;

/**
 * Adds coins bought outside the room (a payment, or the demo's dev-only wallet): a ledger row like a gift's, so
 * the ledger keeps explaining every balance. The row has no room, no sender and no gift (the coins come from
 * outside), the receiver is the user and `amount` the coins added; its ID is `t<seq>` on the wallet sequence.
 */
export function topUp(
  wallets: WalletState,
  userId: string,
  coins: number,
  now: number,
): RuleResult<{ wallets: WalletState; row: LedgerRow; balance: number }> {
  if (!Number.isSafeInteger(coins) || coins < 1 || coins > MAX_TOP_UP) {
    return fail(ErrorCode.INVALID_PARAMETER, `coins must be an integer from 1 to ${MAX_TOP_UP}`);
  }
  const balance = balanceOf(wallets, userId) + coins;
  if (!Number.isSafeInteger(balance)) return fail(ErrorCode.INVALID_PARAMETER, 'the balance would overflow');
  const seq = wallets.seq + 1;
  const row: LedgerRow = {
    entryId: `t${seq}`,
    roomId: '',
    senderId: '',
    receiverId: userId,
    giftId: '',
    count: 1,
    unitPrice: coins,
    amount: coins,
    createdAt: now,
  };
  return ok({ wallets: { ...wallets, seq, balances: withEntry(wallets.balances, userId, balance) }, row, balance });
}

export function leaderboard(room: Pick<RoomState, 'gifts'>, size = LEADERBOARD_SIZE): GiftTotals['leaderboard'] {
  return Object.values(room.gifts.contributions)
    .sort((a, b) => b.amount - a.amount || a.user.userId.localeCompare(b.user.userId))
    .slice(0, size)
    .map(({ user, amount }) => ({ user, amount }));
}

export function giftTotals(room: Pick<RoomState, 'gifts'>): GiftTotals {
  return { amount: room.gifts.amount, count: room.gifts.count, leaderboard: leaderboard(room) };
}

export interface GiftSend {
  readonly giftId: string;
  readonly count: number;
  readonly receiverId: string;
}

/**
 * Check, deduct and record in one step: either the balance drops by exactly the ledger row's amount and the room
 * totals grow by it, or nothing changes at all. The server runs this inside one transaction.
 */
export function sendGift(
  input: { room: RoomState; wallets: WalletState; catalog: readonly Gift[] },
  actor: Actor,
  send: GiftSend,
  now: number,
): RuleResult<{ room: RoomState; wallets: WalletState; row: LedgerRow; received: GiftReceived }> {
  const { room, wallets, catalog } = input;
  const senderId = actor.user.userId;
  if (room.status !== 'live') return fail(ErrorCode.ROOM_ENDED);
  if (!mapHas(room.members, senderId)) return fail(ErrorCode.NOT_IN_ROOM);
  const gift = catalog.find((g) => g.giftId === send.giftId);
  if (!gift) return fail(ErrorCode.GIFT_NOT_FOUND);
  if (!Number.isInteger(send.count) || send.count < 1 || send.count > MAX_GIFT_COUNT) {
    return fail(ErrorCode.INVALID_PARAMETER, `count must be an integer from 1 to ${MAX_GIFT_COUNT}`);
  }
  if (send.receiverId === senderId) return fail(ErrorCode.CANNOT_TARGET_SELF);
  const receiver = mapGet(room.members, send.receiverId)?.user;
  if (!receiver) return fail(ErrorCode.NOT_A_MEMBER);
  const rate = allowRate(entry(room.rates, senderId)?.gift, room.limits.giftRate, now);
  if (!rate.allowed) return fail(ErrorCode.RATE_LIMITED);
  const amount = gift.price * send.count;
  const balance = balanceOf(wallets, senderId);
  if (balance < amount) return fail(ErrorCode.INSUFFICIENT_BALANCE);

  const seq = wallets.seq + 1;
  const row: LedgerRow = {
    entryId: `g${seq}`,
    roomId: room.info.roomId,
    senderId,
    receiverId: receiver.userId,
    giftId: gift.giftId,
    count: send.count,
    unitPrice: gift.price,
    amount,
    createdAt: now,
  };
  const nextWallets: WalletState = {
    ...wallets,
    seq,
    balances: withEntry(wallets.balances, senderId, balance - amount),
  };
  const previous = entry(room.gifts.contributions, senderId)?.amount ?? 0;
  const nextRoom: RoomState = {
    ...room,
    rates: withEntry(room.rates, senderId, { ...entry(room.rates, senderId), gift: rate.log }),
    gifts: {
      amount: room.gifts.amount + amount,
      count: room.gifts.count + send.count,
      contributions: withEntry(room.gifts.contributions, senderId, { user: actor.user, amount: previous + amount }),
    },
  };
  const received: GiftReceived = {
    entryId: row.entryId,
    gift,
    count: send.count,
    sender: actor.user,
    receiver,
    amount,
    sentAt: now,
  };
  const events: RoomEvent[] = [{ type: 'gift.received', gift: received, totals: giftTotals(nextRoom) }];
  return ok({ room: nextRoom, wallets: nextWallets, row, received }, events);
}

/**
 * Combo merging for display: the same sender sending the same gift to the same receiver within the window adds
 * to one running combo instead of queueing another animation.
 */
export interface ComboState {
  readonly [key: string]: { readonly combo: number; readonly lastAt: number };
}

/**
 * The one key a combo runs under, for the store and for the gift player alike: the same sender, gift and receiver.
 * NUL joins the parts: names are stripped of control characters (names.ts), so it cannot blur two triples into one.
 */
export function comboKeyOf(sender: string, gift: string, receiver: string): string {
  return `${sender}\u0000${gift}\u0000${receiver}`;
}

export function comboKey(g: {
  sender: { userId: string };
  receiver: { userId: string };
  gift: { giftId: string };
}): string {
  return comboKeyOf(g.sender.userId, g.gift.giftId, g.receiver.userId);
}

export function mergeCombo(
  combos: ComboState,
  received: GiftReceived,
  now: number,
  windowMs = GIFT_COMBO_WINDOW_MS,
): { combos: ComboState; combo: number; merged: boolean } {
  const key = comboKey(received);
  const previous = entry(combos, key);
  const merged = !!previous && now - previous.lastAt <= windowMs;
  const combo = merged ? previous.combo + received.count : received.count;
  const next = emptyRecord<{ combo: number; lastAt: number }>();
  // Drop stale entries so the map stays as small as the set of running combos.
  for (const [k, v] of Object.entries(combos)) if (now - v.lastAt <= windowMs) next[k] = v;
  next[key] = { combo, lastAt: now };
  return { combos: next, combo, merged };
}

/** Validates a catalog loaded from JSON or REST: unique IDs, non-negative integer prices, sane strings. */
export function validateCatalog(value: unknown): RuleResult<readonly Gift[]> {
  if (!Array.isArray(value)) return fail(ErrorCode.INVALID_PARAMETER, 'catalog must be an array');
  const seen = new Set<string>();
  const gifts: Gift[] = [];
  for (const [i, raw] of value.entries()) {
    const g = raw as Partial<Gift> | null;
    const where = `gift ${i}`;
    if (!g || typeof g !== 'object') return fail(ErrorCode.INVALID_PARAMETER, `${where}: not an object`);
    if (typeof g.giftId !== 'string' || !/^[\w-]{1,64}$/.test(g.giftId))
      return fail(ErrorCode.INVALID_PARAMETER, `${where}: giftId`);
    if (seen.has(g.giftId)) return fail(ErrorCode.INVALID_PARAMETER, `${where}: duplicate giftId ${g.giftId}`);
    if (typeof g.name !== 'string' || !g.name.trim() || g.name.length > 50)
      return fail(ErrorCode.INVALID_PARAMETER, `${where}: name`);
    if (typeof g.iconUrl !== 'string' || g.iconUrl.length > MAX_URL_LENGTH)
      return fail(ErrorCode.INVALID_PARAMETER, `${where}: iconUrl`);
    if (!Number.isSafeInteger(g.price) || (g.price as number) < 0)
      return fail(ErrorCode.INVALID_PARAMETER, `${where}: price`);
    if (!Number.isInteger(g.level) || (g.level as number) < 0)
      return fail(ErrorCode.INVALID_PARAMETER, `${where}: level`);
    if (g.animationUrl !== undefined && (typeof g.animationUrl !== 'string' || g.animationUrl.length > MAX_URL_LENGTH))
      return fail(ErrorCode.INVALID_PARAMETER, `${where}: animationUrl`);
    if (g.category !== undefined && (typeof g.category !== 'string' || g.category.length > 32))
      return fail(ErrorCode.INVALID_PARAMETER, `${where}: category`);
    seen.add(g.giftId);
    gifts.push({
      giftId: g.giftId,
      name: g.name.trim(),
      iconUrl: g.iconUrl,
      price: g.price as number,
      level: g.level as number,
      ...(g.animationUrl ? { animationUrl: g.animationUrl } : {}),
      ...(g.category ? { category: g.category } : {}),
    });
  }
  return ok(gifts);
}

/**
 * Who I (`me`) can send a gift to: everyone seated but me, the owner first. A backend that takes gifts for the owner
 * only (`who: 'owner'`, Tencent's) offers the owner alone, and nobody to the owner themself.
 */
export function giftReceivers(
  seats: readonly Seat[],
  owner: UserInfo | null,
  me: string | undefined,
  who: 'seated' | 'owner' = 'seated',
): UserInfo[] {
  if (who === 'owner') return owner && owner.userId !== me ? [owner] : [];
  const users = seats.map((s) => s.user).filter((u): u is UserInfo => !!u && u.userId !== me);
  return users.sort((a, b) => Number(b.userId === owner?.userId) - Number(a.userId === owner?.userId));
}

/** The category of a gift that has none, among the catalog's tabs. */
export const UNCATEGORIZED = '';

/** The catalog's category tabs, in catalog order; none when it has fewer than two categories. */
export function giftCategories(gifts: readonly Gift[]): string[] {
  const seen = [...new Set(gifts.map((g) => g.category ?? UNCATEGORIZED))];
  return seen.length > 1 ? seen : [];
}
