// The room store against a hand-driven backend: the test decides when each answer resolves or rejects and which
// event batches arrive in which order, so ordering, resync and rollback guarantees can be checked exactly.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Subject } from 'rxjs';
import type { BackendEvent, ConnectionState, RoomBackend } from '../../../src/backends/room-backend.js';
import type { Answer, CommandArgs, CommandType } from '../../../src/model/commands.js';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import type { BarrageMessage } from '../../../src/model/barrage.js';
import type { EventBatch, RoomEvent } from '../../../src/model/events.js';
import type { Gift, GiftReceived, GiftTotals } from '../../../src/model/gift.js';
import type { RoomSnapshot } from '../../../src/model/room.js';
import type { Seat } from '../../../src/model/seat.js';
import type { UserInfo } from '../../../src/model/user.js';
import { createRoomState, toSnapshot } from '../../../src/rules/index.js';
import { type Room, createRoom } from '../../../src/store/room.js';
import { createManualClock } from '../../../src/model/clock.js';

const ROOM = 'store-room';
const owner: UserInfo = { userId: 'owner', userName: 'Owner', avatarUrl: '' };
const me: UserInfo = { userId: 'me', userName: 'Me', avatarUrl: '' };
const alice: UserInfo = { userId: 'alice', userName: 'Alice', avatarUrl: '' };
const bob: UserInfo = { userId: 'bob', userName: 'Bob', avatarUrl: '' };
const rose: Gift = { giftId: 'rose', name: 'Rose', iconUrl: '', price: 10, level: 1 };

interface Call {
  readonly type: CommandType;
  readonly args: unknown;
  resolve(answer: Answer<CommandType>): void;
  reject(error: unknown): void;
}

/**
 * A RoomBackend the test drives by hand. Commands without an auto-answer wait in `calls` until the test answers
 * them; `emit` delivers a batch, `connection` a connection change.
 */
class FakeBackend implements RoomBackend {
  readonly kind = 'fake';
  private readonly subject = new Subject<BackendEvent>();
  readonly events$ = this.subject.asObservable();
  readonly calls: Call[] = [];
  readonly sent: CommandType[] = [];
  /** Commands answered at once (the test can replace them). */
  readonly auto = new Map<CommandType, (args: unknown) => Answer<CommandType>>();

  constructor(public serverSnapshot: RoomSnapshot) {
    this.auto.set('room.join', () => ({ result: this.serverSnapshot, version: this.serverSnapshot.version }));
    this.auto.set('gift.catalog', () => ({ result: [rose] }));
    this.auto.set('wallet.get', () => ({ result: { balance: 500, walletVersion: 1 } }));
  }

  get subscribed(): boolean {
    return this.subject.observed;
  }

  async connect(): Promise<void> {}

  send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Answer<T>> {
    this.sent.push(type);
    const auto = this.auto.get(type);
    if (auto) return Promise.resolve().then(() => auto(args) as Answer<T>);
    return new Promise<Answer<T>>((resolve, reject) => {
      this.calls.push({ type, args, resolve: resolve as (a: Answer<CommandType>) => void, reject });
    });
  }

  async close(): Promise<void> {
    this.subject.complete();
  }

  emit(batch: EventBatch): void {
    this.subject.next({ type: 'batch', batch });
  }

  /** Several batches in one frame, as the local server coalesces them per fan-out tick. */
  emitMany(...batches: EventBatch[]): void {
    this.subject.next({ type: 'batches', batches });
  }

  connection(state: ConnectionState): void {
    this.subject.next({ type: 'connection', state });
  }

  count(type: CommandType): number {
    return this.sent.filter((t) => t === type).length;
  }

  /** The oldest unanswered call of `type`, waiting for it to be sent if need be. */
  async next(type: CommandType): Promise<Call> {
    for (let i = 0; i < 50; i++) {
      const at = this.calls.findIndex((c) => c.type === type);
      if (at >= 0) return this.calls.splice(at, 1)[0]!;
      await tick();
    }
    assert.fail(`no ${type} call was sent`);
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
async function ticks(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await tick();
}

/** The room as the server has it at version 1: owner on seat 0, me and alice in the audience, 8 seats. */
function baseSnapshot(): RoomSnapshot {
  const created = createRoomState({ roomId: ROOM, owner, options: { seatCount: 8, seatMode: 'free' }, now: 1_000 });
  assert.ok(created.ok);
  const snapshot = toSnapshot(created.state);
  return { ...snapshot, version: 1, audience: { recent: [alice, me, owner], total: 3 } };
}

const seat = (index: number, user: UserInfo | null): Seat => ({
  index,
  user,
  locked: false,
  audioLocked: false,
  selfMuted: false,
});
const batch = (version: number, ...events: RoomEvent[]): EventBatch => ({ roomId: ROOM, version, events });
const takes = (index: number, user: UserInfo | null): RoomEvent => ({
  type: 'seats.updated',
  seats: [seat(index, user)],
});
const message = (id: string, text: string, sender: UserInfo = alice): BarrageMessage => ({
  messageId: id,
  sender,
  role: 'member',
  text,
  sentAt: 1_000,
});
const says = (id: string, text: string): RoomEvent => ({ type: 'barrage.received', message: message(id, text) });
const holder = (room: Room, index: number) => room.state.snapshot?.seats[index]?.user?.userId ?? null;

/** A settled promise's outcome, or 'pending'. */
async function peek<T>(promise: Promise<T>): Promise<'pending' | { value: T } | { error: unknown }> {
  let outcome: 'pending' | { value: T } | { error: unknown } = 'pending';
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  await ticks(2);
  return outcome;
}

const rooms: Room[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.dispose();
});

async function joined(snapshot = baseSnapshot()): Promise<{ room: Room; backend: FakeBackend }> {
  const backend = new FakeBackend(snapshot);
  const room = createRoom({ backend, roomId: ROOM, user: me });
  rooms.push(room);
  await room.join();
  assert.equal(room.state.phase, 'live');
  assert.equal(room.state.snapshot?.version, snapshot.version);
  return { room, backend };
}

describe('Room store: commands', () => {
  it('a rejected command leaves the state untouched, rejects with the same RoomError code, reports it on error$, and pending goes 1 → 0', async () => {
    const { room, backend } = await joined();
    const before = room.state.snapshot;
    const errors: RoomError[] = [];
    const pendingSeen: number[] = [];
    room.error$.subscribe((e) => errors.push(e));
    room.pending$.subscribe((p) => pendingSeen.push(p['seat.take:2'] ?? 0));

    const taking = room.takeSeat(2);
    assert.equal(room.isPending('seat.take:2'), true, 'pending while in flight');
    const call = await backend.next('seat.take');
    assert.deepEqual(call.args, { index: 2 });
    // What a network backend hands over: a plain object with a code, not necessarily a RoomError instance.
    call.reject({ code: ErrorCode.SEAT_OCCUPIED, message: 'The seat is taken' });

    await assert.rejects(taking, (e: unknown) => e instanceof RoomError && e.code === ErrorCode.SEAT_OCCUPIED);
    assert.equal(room.state.snapshot, before, 'the snapshot object is untouched');
    assert.equal(holder(room, 2), null);
    assert.deepEqual(
      errors.map((e) => e.code),
      [ErrorCode.SEAT_OCCUPIED],
    );
    assert.deepEqual(pendingSeen, [0, 1, 0], 'pending$ went 0 → 1 → 0');
    assert.equal(room.isPending('seat.take:2'), false);
    assert.deepEqual({ ...room.state.pending }, {});
  });

  it('two commands of the same key count as two pending until both finish', async () => {
    const { room, backend } = await joined();
    const a = room.sendBarrage('one');
    const b = room.sendBarrage('two');
    assert.equal(room.state.pending['barrage.send'], 2);
    (await backend.next('barrage.send')).resolve({ result: null });
    await a;
    assert.equal(room.state.pending['barrage.send'], 1);
    (await backend.next('barrage.send')).reject(new RoomError(ErrorCode.RATE_LIMITED));
    await assert.rejects(b, RoomError);
    assert.equal(room.state.pending['barrage.send'], undefined);
  });

  it('a command resolves only after the store applied the version its answer names', async () => {
    const { room, backend } = await joined();
    const taking = room.takeSeat(2);
    (await backend.next('seat.take')).resolve({ result: { seated: true, index: 2 }, version: 2 });
    assert.equal(await peek(taking), 'pending', 'the answer came before its batch: still waiting');
    assert.equal(holder(room, 2), null);

    let seatWhenResolved: string | null = 'unresolved';
    const done = taking.then(() => (seatWhenResolved = holder(room, 2)));
    backend.emit(batch(2, takes(2, me)));
    await done;
    assert.equal(seatWhenResolved, me.userId, 'when the promise resolves, the store already shows the seat');
  });

  it('answers arriving out of order do not roll the state back: state comes only from ordered batches', async () => {
    const { room, backend } = await joined();
    const take = room.takeSeat(2);
    const move = room.moveSeat(5);
    const takeCall = await backend.next('seat.take');
    const moveCall = await backend.next('seat.move');
    backend.emit(batch(2, takes(2, me)));
    backend.emit(batch(3, { type: 'seats.updated', seats: [seat(2, null), seat(5, me)] }));
    moveCall.resolve({ result: null, version: 3 });
    await move;
    takeCall.resolve({ result: { seated: true, index: 2 }, version: 2 });
    await take;
    await ticks();
    assert.equal(room.state.snapshot?.version, 3);
    assert.equal(holder(room, 2), null, 'the older answer did not put me back on seat 2');
    assert.equal(holder(room, 5), me.userId);
  });
});

describe('Room store: ordering and resync', () => {
  it('a batch that arrives before its predecessor is buffered; the store resyncs and ends at the right state', async () => {
    const { room, backend } = await joined();
    backend.emit(batch(3, takes(3, bob)));
    assert.equal(room.state.snapshot?.version, 1, 'v3 is not applied on top of v1');
    assert.equal(holder(room, 3), null);
    const resync = await backend.next('room.snapshot');
    backend.emit(batch(2, takes(2, alice)));
    // The server's snapshot as of v2 (it answered before v3 was committed).
    const v1 = baseSnapshot();
    const v2: RoomSnapshot = { ...v1, version: 2, seats: v1.seats.map((s) => (s.index === 2 ? seat(2, alice) : s)) };
    resync.resolve({ result: v2 });
    await ticks();
    assert.equal(room.state.snapshot?.version, 3);
    assert.equal(holder(room, 2), alice.userId);
    assert.equal(holder(room, 3), bob.userId);
    assert.equal(backend.count('room.snapshot'), 1);
  });

  it('a duplicate batch is ignored', async () => {
    const { room, backend } = await joined();
    const events: RoomEvent[] = [];
    room.events$.subscribe((e) => events.push(e));
    backend.emit(batch(2, says('m1', 'hello')));
    const after = room.state.snapshot;
    backend.emit(batch(2, says('m1', 'hello')));
    backend.emit(batch(1, says('m0', 'ancient')));
    await ticks();
    assert.equal(room.state.snapshot, after, 'the duplicate changed nothing');
    assert.deepEqual(
      room.state.snapshot?.barrage.map((m) => m.text),
      ['hello'],
    );
    assert.equal(events.length, 1, 'events$ told about it once');
    assert.equal(backend.count('room.snapshot'), 0, 'an old batch is no reason to resync');
  });

  it('a version gap triggers exactly one room.snapshot, then the buffered batches continue from it', async () => {
    const { room, backend } = await joined();
    backend.emit(batch(3, says('m3', 'three')));
    backend.emit(batch(4, says('m4', 'four')));
    const resync = await backend.next('room.snapshot');
    backend.emit(batch(5, says('m5', 'five')));
    await ticks();
    assert.equal(backend.count('room.snapshot'), 1, 'one resync for the whole gap');
    const v2: RoomSnapshot = { ...baseSnapshot(), version: 2, barrage: [message('m2', 'two')] };
    resync.resolve({ result: v2 });
    await ticks();
    assert.equal(room.state.snapshot?.version, 5);
    assert.deepEqual(
      room.state.snapshot?.barrage.map((m) => m.text),
      ['two', 'three', 'four', 'five'],
    );
    assert.equal(backend.count('room.snapshot'), 1);
  });

  it('a frame of several batches is one update and one emission, its events in order; old and duplicate ones drop out', async () => {
    const { room, backend } = await joined();
    const events: string[] = [];
    room.events$.subscribe((e) => events.push(e.type === 'barrage.received' ? e.message.text : e.type));
    let states = 0;
    let barrages = 0;
    room.state$.subscribe(() => (states += 1));
    room.barrage$.subscribe(() => (barrages += 1));
    const [s0, b0] = [states, barrages];
    backend.emitMany(
      batch(1, says('m0', 'ancient')),
      batch(2, says('m2', 'two')),
      batch(3, takes(3, bob)),
      batch(3, takes(3, bob)),
      batch(4, says('m4', 'four')),
    );
    assert.equal(room.state.snapshot?.version, 4);
    assert.equal(states - s0, 1, 'one store update for the frame');
    assert.equal(barrages - b0, 1, 'one barrage emission (one render)');
    assert.deepEqual(
      room.state.snapshot?.barrage.map((m) => m.text),
      ['two', 'four'],
    );
    assert.equal(holder(room, 3), bob.userId);
    assert.deepEqual(events, ['two', 'seats.updated', 'four'], 'events$ in version order, each once');
    assert.equal(backend.count('room.snapshot'), 0);
  });

  it('a frame with a gap applies what continues, keeps the rest, and resyncs once', async () => {
    const { room, backend } = await joined();
    backend.emitMany(batch(2, says('m2', 'two')), batch(4, says('m4', 'four')), batch(5, says('m5', 'five')));
    assert.equal(room.state.snapshot?.version, 2, 'v2 continues v1; v4 and v5 wait beyond the gap');
    const resync = await backend.next('room.snapshot');
    const v3: RoomSnapshot = { ...baseSnapshot(), version: 3, barrage: [message('m2', 'two'), message('m3', 'three')] };
    resync.resolve({ result: v3 });
    await ticks();
    assert.equal(room.state.snapshot?.version, 5);
    assert.deepEqual(
      room.state.snapshot?.barrage.map((m) => m.text),
      ['two', 'three', 'four', 'five'],
    );
    assert.equal(backend.count('room.snapshot'), 1);
  });

  it('a batch that arrives while the join is still being answered is not lost', async () => {
    const backend = new FakeBackend(baseSnapshot());
    backend.auto.delete('room.join');
    const room = createRoom({ backend, roomId: ROOM, user: me });
    rooms.push(room);
    const joining = room.join();
    const join = await backend.next('room.join');
    // The server committed v2 (someone took a seat) after snapshotting v1 for us, and its batch overtook the answer.
    backend.emit(batch(2, takes(4, alice)));
    join.resolve({ result: baseSnapshot(), version: 1 });
    await joining;
    await ticks();
    assert.equal(room.state.snapshot?.version, 2);
    assert.equal(holder(room, 4), alice.userId);
  });

  it('after reconnecting → connected the store resyncs and adopts what happened meanwhile', async () => {
    const { room, backend } = await joined();
    backend.emit(batch(2, takes(2, me)));
    await ticks();
    backend.connection('reconnecting');
    assert.equal(room.state.connection, 'reconnecting');
    backend.connection('connected');
    const resync = await backend.next('room.snapshot');
    const v1 = baseSnapshot();
    const v6: RoomSnapshot = {
      ...v1,
      version: 6,
      seats: v1.seats.map((s) => (s.index === 2 ? seat(2, null) : s.index === 7 ? seat(7, bob) : s)),
    };
    resync.resolve({ result: v6 });
    await ticks();
    assert.equal(room.state.connection, 'connected');
    assert.equal(room.state.snapshot?.version, 6);
    assert.equal(holder(room, 2), null);
    assert.equal(holder(room, 7), bob.userId);
    backend.emit(batch(7, takes(3, alice)));
    assert.equal(holder(room, 3), alice.userId, 'batches continue from the resynced version');
    assert.equal(backend.count('room.snapshot'), 1);
  });

  it("after a reconnect the server's snapshot wins even with a lower version (a restarted server), and later batches apply", async () => {
    const { room, backend } = await joined();
    backend.emit(batch(2, takes(2, me)));
    backend.emit(batch(3, takes(3, bob)));
    assert.equal(room.state.snapshot?.version, 3);
    backend.connection('reconnecting');
    backend.connection('connected');
    const v1 = baseSnapshot();
    (await backend.next('room.snapshot')).resolve({
      result: { ...v1, version: 2, seats: v1.seats.map((s) => (s.index === 6 ? seat(6, alice) : s)) },
    });
    await ticks();
    assert.equal(room.state.snapshot?.version, 2, "the server's word, not the store's memory");
    assert.equal(holder(room, 3), null);
    assert.equal(holder(room, 6), alice.userId);
    backend.emit(batch(3, takes(5, bob)));
    assert.equal(room.state.snapshot?.version, 3, 'not frozen: the next batch applies');
    assert.equal(holder(room, 5), bob.userId);
    assert.equal(backend.count('room.snapshot'), 1);
  });

  it('nothing from before a drop lands on the new snapshot: neither buffered batches nor an older resync answer', async () => {
    const { room, backend } = await joined();
    backend.emit(batch(3, takes(3, bob)));
    const before = await backend.next('room.snapshot');
    backend.connection('reconnecting');
    // Batches of the new connection (e.g. others seeing our rejoin) wait for its snapshot instead of landing on a
    // state that may be gone; then they continue from it.
    backend.emit(batch(2, takes(7, bob)));
    assert.equal(holder(room, 7), null);
    backend.connection('connected');
    const after = await backend.next('room.snapshot');
    // The answer to the request from before the drop (e.g. replayed from an answer cache) comes late: ignored.
    before.resolve({
      result: {
        ...baseSnapshot(),
        version: 2,
        seats: baseSnapshot().seats.map((s) => (s.index === 2 ? seat(2, me) : s)),
      },
    });
    await ticks();
    assert.equal(holder(room, 2), null);
    const restarted = baseSnapshot();
    after.resolve({
      result: { ...restarted, seats: restarted.seats.map((s) => (s.index === 6 ? seat(6, alice) : s)) },
    });
    await ticks();
    assert.equal(holder(room, 6), alice.userId);
    assert.equal(holder(room, 7), bob.userId, "the new connection's batch 2 continues the snapshot");
    assert.equal(room.state.snapshot?.version, 2);
    assert.equal(holder(room, 3), null, "the old connection's batch 3 is not applied");
    backend.emit(batch(3, takes(4, alice)));
    assert.equal(room.state.snapshot?.version, 3);
    assert.equal(holder(room, 4), alice.userId);
    assert.equal(holder(room, 3), null);
  });
});

describe('Room store: wallet and likes', () => {
  const totals = (amount: number, count: number): GiftTotals => ({
    amount,
    count,
    leaderboard: [{ user: me, amount }],
  });
  const gift = (entryId: string, count: number): GiftReceived => ({
    entryId,
    gift: rose,
    count,
    sender: me,
    receiver: owner,
    amount: rose.price * count,
    sentAt: 1_000,
  });

  it('two concurrent gift sends answered out of order keep the newest balance', async () => {
    const { room, backend } = await joined();
    assert.equal(room.state.balance?.coins, 500);
    const first = room.sendGift({ giftId: 'rose', count: 2, receiverId: owner.userId });
    const second = room.sendGift({ giftId: 'rose', count: 1, receiverId: owner.userId });
    const firstCall = await backend.next('gift.send');
    const secondCall = await backend.next('gift.send');
    backend.emit(batch(2, { type: 'gift.received', gift: gift('g2', 2), totals: totals(20, 2) }));
    backend.emit(batch(3, { type: 'gift.received', gift: gift('g3', 1), totals: totals(30, 3) }));
    secondCall.resolve({ result: { gift: gift('g3', 1), balance: 470, walletVersion: 3 }, version: 3 });
    await second;
    firstCall.resolve({ result: { gift: gift('g2', 2), balance: 480, walletVersion: 2 }, version: 2 });
    await first;
    let balance: number | null = null;
    room.balance$.subscribe((b) => (balance = b)).unsubscribe();
    assert.equal(balance, 470, 'the older answer did not bring back a higher balance');
    assert.equal(room.state.snapshot?.gifts.amount, 30);
  });

  it('gift effects that come while nothing plays them wait 10 s for the first player, then go to the live stream', async () => {
    // A player whose chunk loads beside the join subscribes after the first gifts may have come.
    const clock = createManualClock();
    const backend = new FakeBackend(baseSnapshot());
    const room = createRoom({ backend, roomId: ROOM, user: me, clock });
    rooms.push(room);
    await room.join();
    const from = (entryId: string, sender: UserInfo): GiftReceived => ({ ...gift(entryId, 1), sender });
    // Other senders, so no two merge into one combo.
    const senders = Array.from({ length: 25 }, (_, i) => ({ userId: `u${i}`, userName: `U${i}`, avatarUrl: '' }));
    backend.emit(batch(2, { type: 'gift.received', gift: from('old', alice), totals: totals(10, 1) }));
    clock.advance(10_001);
    let version = 3;
    for (const sender of senders)
      backend.emit(
        batch(version++, { type: 'gift.received', gift: from(sender.userId, sender), totals: totals(10, 1) }),
      );
    const first: string[] = [];
    const second: string[] = [];
    const a = room.giftEffects$.subscribe((effect) => first.push(effect.senderName));
    assert.deepEqual(
      first,
      senders.slice(-20).map((sender) => sender.userName),
      'the last 20 of the last 10 s, in order; the older one is gone',
    );
    const b = room.giftEffects$.subscribe((effect) => second.push(effect.senderName));
    assert.deepEqual(second, [], 'held effects go to one player only');
    backend.emit(batch(version++, { type: 'gift.received', gift: from('live', bob), totals: totals(10, 1) }));
    assert.deepEqual([first.at(-1), second], ['Bob', ['Bob']], 'while someone plays, every player gets each effect');
    a.unsubscribe();
    b.unsubscribe();
    backend.emit(batch(version, { type: 'gift.received', gift: from('later', owner), totals: totals(10, 1) }));
    const third: string[] = [];
    room.giftEffects$.subscribe((effect) => third.push(effect.senderName)).unsubscribe();
    assert.deepEqual(third, ['Owner'], 'held again once nobody plays');
  });

  it('taps show at once (total includes mine); the server event replaces them without double counting', async () => {
    const { room, backend } = await joined({ ...baseSnapshot(), likes: { total: 7 } });
    const seen: { total: number; mine: number }[] = [];
    room.likes$.subscribe((l) => seen.push(l));
    room.like();
    room.like(2);
    assert.deepEqual(seen.at(-1), { total: 10, mine: 3 });

    const flushing = room.flushLikes();
    const call = await backend.next('like.send');
    assert.deepEqual(call.args, { count: 3 });
    assert.deepEqual(seen.at(-1), { total: 10, mine: 3 }, 'in flight still counts');
    backend.emit(batch(2, { type: 'likes.received', userId: alice.userId, count: 4, total: 11 }));
    assert.deepEqual(seen.at(-1), { total: 14, mine: 3 }, "others' likes add to mine");
    backend.emit(batch(3, { type: 'likes.received', userId: me.userId, count: 3, total: 14 }));
    assert.deepEqual(seen.at(-1), { total: 14, mine: 0 }, 'the server counted mine: shown once');
    call.resolve({ result: { total: 14 }, version: 3 });
    await flushing;
    assert.deepEqual(seen.at(-1), { total: 14, mine: 0 });
  });

  it('likes the server counted while a resync skipped their event are not counted twice', async () => {
    const { room, backend } = await joined({ ...baseSnapshot(), likes: { total: 7 } });
    room.like(3);
    const flushing = room.flushLikes();
    const call = await backend.next('like.send');
    // The connection blips: the batch that counted my likes (v2) never arrives; the snapshot already has them.
    backend.connection('reconnecting');
    backend.connection('connected');
    (await backend.next('room.snapshot')).resolve({ result: { ...baseSnapshot(), version: 2, likes: { total: 10 } } });
    call.resolve({ result: { total: 10 }, version: 2 });
    await flushing;
    let likes = { total: -1, mine: -1 };
    room.likes$.subscribe((l) => (likes = l)).unsubscribe();
    assert.deepEqual(likes, { total: 10, mine: 0 });
  });

  it('a failed flush removes the taps it carried', async () => {
    const { room, backend } = await joined({ ...baseSnapshot(), likes: { total: 7 } });
    const errors: RoomError[] = [];
    room.error$.subscribe((e) => errors.push(e));
    room.like(4);
    const flushing = room.flushLikes();
    (await backend.next('like.send')).reject(new RoomError(ErrorCode.RATE_LIMITED));
    await flushing;
    let likes = { total: -1, mine: -1 };
    room.likes$.subscribe((l) => (likes = l)).unsubscribe();
    assert.deepEqual(likes, { total: 7, mine: 0 });
    assert.deepEqual(
      errors.map((e) => e.code),
      [ErrorCode.RATE_LIMITED],
    );
  });
});

describe('Room store: dispose', () => {
  it('completes every observable and unsubscribes from the backend', async () => {
    const { room, backend } = await joined();
    assert.equal(backend.subscribed, true);
    const completed: string[] = [];
    const watch = (name: string, source$: { subscribe(o: { complete(): void }): unknown }) =>
      source$.subscribe({ complete: () => completed.push(name) });
    watch('state$', room.state$);
    watch('seats$', room.seats$);
    watch('likes$', room.likes$);
    watch('events$', room.events$);
    watch('giftEffects$', room.giftEffects$);
    watch('requestUpdates$', room.requestUpdates$);
    watch('error$', room.error$);
    room.dispose();
    assert.deepEqual(completed.sort(), [
      'error$',
      'events$',
      'giftEffects$',
      'likes$',
      'requestUpdates$',
      'seats$',
      'state$',
    ]);
    assert.equal(backend.subscribed, false, 'the backend events$ has no subscriber left');
    assert.equal(room.observed, false);
    backend.emit(batch(2, takes(2, alice)));
    assert.equal(holder(room, 2), null, 'batches after dispose are ignored');
    room.dispose();
  });
});
