import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mapGet } from '../../../src/core.js';
import {
  type Frame,
  type TestServer,
  type WsClient,
  connect,
  eventually,
  fails,
  ok,
  response,
  startTestServer,
} from './helpers.js';

let t: TestServer;
let host: WsClient;
let ann: WsClient;
let bob: WsClient;
const mic = 'room_engine_http_mic';
const ROOM = 'seats';

type SeatRow = {
  Index: number;
  Member_Account?: string;
  IsTakenDisabled: boolean;
  IsVideoDisabled: boolean;
  IsAudioDisabled: boolean;
};
const seatList = async (roomId = ROOM) =>
  response<{ SeatList: SeatRow[] }>(await t.rest(mic, 'get_seat_list', { RoomId: roomId })).SeatList;

/** A batch frame whose seats.updated shows seat `index` held by `userId` (null = empty). */
const seatIs = (index: number, userId: string | null) => (f: Frame) =>
  f.t === 'batch' &&
  f.batch!.events.some(
    (e) =>
      e['type'] === 'seats.updated' &&
      (e['seats'] as { index: number; user: { userId: string } | null }[]).some(
        (s) => s.index === index && (s.user?.userId ?? null) === userId,
      ),
  );

before(async () => {
  t = await startTestServer();
  await t.accounts('host', 'ann', 'bob', 'cat');
  await t.room(ROOM, { Owner_Account: 'host', MaxSeatCount: 4, TakeSeatMode: 'ApplyToTake' });
  host = await connect(t, 'host', ROOM);
  ann = await connect(t, 'ann', ROOM);
  bob = await connect(t, 'bob', ROOM);
});
after(() => t.close());

describe('seats over REST', () => {
  it('get_seat_list shows 0-based seats with the seed fields', async () => {
    const seats = await seatList();
    assert.equal(seats.length, 4);
    assert.deepEqual(
      seats.map((s) => s.Index),
      [0, 1, 2, 3],
    );
    for (const s of seats) assert.equal('Member_Account' in s, false, 'an empty seat has no Member_Account');
    fails(await t.rest(mic, 'get_seat_list', { RoomId: 'nope' }), 100004);
    fails(await t.rest(mic, 'get_seat_list', {}), 100002);
  });

  it('pick_user_on_seat seats a member and every client sees it', async () => {
    ok(await t.rest(mic, 'pick_user_on_seat', { RoomId: ROOM, Index: 1, Member_Account: 'ann' }));
    for (const c of [host, ann, bob]) await c.waitFor(seatIs(1, 'ann'), 'ann on seat 1');
    assert.equal((await seatList())[1]!.Member_Account, 'ann');
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: ROOM, Index: 2, Member_Account: 'ann' }), 100203);
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: ROOM, Index: 1, Member_Account: 'bob' }), 100210);
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: ROOM, Index: 2, Member_Account: 'cat' }), 100005);
    // bob applies for a seat (apply mode): picking him while queued is 100202.
    const applied = await bob.command('seat.take', { index: null });
    assert.equal(applied.ok, true);
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: ROOM, Index: 2, Member_Account: 'bob' }), 100202);
    for (const bad of [
      { RoomId: ROOM, Member_Account: 'bob' },
      { RoomId: ROOM, Index: 4, Member_Account: 'bob' },
      { RoomId: ROOM, Index: -1, Member_Account: 'bob' },
      { RoomId: ROOM, Index: '1', Member_Account: 'bob' },
      { RoomId: ROOM, Index: 1 },
    ]) {
      fails(await t.rest(mic, 'pick_user_on_seat', bad), 100002);
    }
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: 'nope', Index: 1, Member_Account: 'bob' }), 100004);
  });

  it('kick_user_off_seat empties the seat on every page and delivers Data in the kick notice', async () => {
    ok(await t.rest(mic, 'kick_user_off_seat', { RoomId: ROOM, Member_Account: 'ann', Data: 'time over' }));
    for (const c of [host, ann, bob]) {
      const frame = await c.waitFor(seatIs(1, null), 'seat 1 emptied');
      const kicked = frame.batch!.events.find((e) => e['type'] === 'seat.kicked')!;
      assert.deepEqual(
        { userId: kicked['userId'], index: kicked['index'], data: kicked['data'] },
        { userId: 'ann', index: 1, data: 'time over' },
      );
    }
    assert.equal((await seatList())[1]!.Member_Account, undefined);
    fails(await t.rest(mic, 'kick_user_off_seat', { RoomId: ROOM, Member_Account: 'ann', Data: '' }), 100206);
    for (const bad of [
      { RoomId: ROOM, Member_Account: 'ann' },
      { RoomId: ROOM, Data: 'x' },
      { RoomId: ROOM, Member_Account: 'ann', Data: 'x'.repeat(1025) },
      { RoomId: ROOM, Member_Account: 7, Data: 'x' },
    ]) {
      fails(await t.rest(mic, 'kick_user_off_seat', bad), 100002);
    }
    fails(await t.rest(mic, 'kick_user_off_seat', { RoomId: 'nope', Member_Account: 'ann', Data: '' }), 100004);
  });

  it('lock_seat kicks the occupant first, locks the seat, and forbids audio/video', async () => {
    ok(await t.rest(mic, 'pick_user_on_seat', { RoomId: ROOM, Index: 0, Member_Account: 'host' }));
    await ann.waitFor(seatIs(0, 'host'), 'host on seat 0');
    ok(
      await t.rest(mic, 'lock_seat', {
        RoomId: ROOM,
        Index: 0,
        ForbidTaken: true,
        ForbidAudio: true,
        ForbidVideo: true,
      }),
    );
    for (const c of [host, ann, bob]) {
      const frame = await c.waitFor(seatIs(0, null), 'seat 0 emptied by the lock');
      const seat = frame
        .batch!.events.filter((e) => e['type'] === 'seats.updated')
        .flatMap((e) => e['seats'] as { index: number; locked: boolean; audioLocked: boolean }[])
        .filter((s) => s.index === 0)
        .pop()!;
      assert.equal(seat.locked, true);
      assert.equal(seat.audioLocked, true);
    }
    assert.deepEqual((await seatList())[0], {
      Index: 0,
      IsTakenDisabled: true,
      IsVideoDisabled: true,
      IsAudioDisabled: true,
    });
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: ROOM, Index: 0, Member_Account: 'host' }), 100200);
    const take = await host.command('seat.take', { index: 0 });
    assert.equal(take.ok, false, 'nobody can take a locked seat');
    ok(
      await t.rest(mic, 'lock_seat', {
        RoomId: ROOM,
        Index: 0,
        ForbidTaken: false,
        ForbidAudio: false,
        ForbidVideo: false,
      }),
    );
    assert.deepEqual((await seatList())[0], {
      Index: 0,
      IsTakenDisabled: false,
      IsVideoDisabled: false,
      IsAudioDisabled: false,
    });
    for (const bad of [
      { RoomId: ROOM },
      { RoomId: ROOM, Index: 9 },
      { RoomId: ROOM, Index: 0, ForbidTaken: 'yes' },
      { RoomId: ROOM, Index: 0, ForbidAudio: 1 },
    ]) {
      fails(await t.rest(mic, 'lock_seat', bad), 100002);
    }
    fails(await t.rest(mic, 'lock_seat', { RoomId: 'nope', Index: 0, ForbidTaken: true }), 100004);
  });

  it('pick_user_on_seat refuses a member whose connection dropped (100005): no seat for someone away', async () => {
    await t.accounts('owl');
    await t.room('away', { Owner_Account: 'owl', MaxSeatCount: 4, TakeSeatMode: 'FreeToTake' });
    const owl = await connect(t, 'owl', 'away');
    const fox = await connect(t, 'fox', 'away');
    ok(await t.rest(mic, 'pick_user_on_seat', { RoomId: 'away', Index: 1, Member_Account: 'fox' }));
    await fox.waitFor(seatIs(1, 'fox'), 'fox on seat 1');
    // Both drop: the owner stays a member (offline), fox keeps seat 1 for the seat lease (30 s).
    owl.close();
    fox.close();
    const member = (id: string) => mapGet(t.server.engine.room('away')!.members, id);
    await eventually(() => member('owl')?.online === false && member('fox')?.online === false, 'both away');
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: 'away', Index: 2, Member_Account: 'owl' }), 100005);
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: 'away', Index: 2, Member_Account: 'fox' }), 100203);
    // Kicked off the seat while away, fox is a member until the lease ends, and still away.
    ok(await t.rest(mic, 'kick_user_off_seat', { RoomId: 'away', Member_Account: 'fox', Data: '' }));
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: 'away', Index: 2, Member_Account: 'fox' }), 100005);
    assert.deepEqual(
      (await seatList('away')).map((s) => s.Member_Account ?? null),
      [null, null, null, null],
      'nobody away sits on a seat',
    );
    // Back online, the owner may be picked again.
    const back = await connect(t, 'owl', 'away');
    ok(await t.rest(mic, 'pick_user_on_seat', { RoomId: 'away', Index: 2, Member_Account: 'owl' }));
    back.close();
  });

  it('a full room answers 100205', async () => {
    await t.room('tiny', { MaxSeatCount: 1 });
    const cat = await connect(t, 'cat', 'tiny');
    ok(await t.rest(mic, 'pick_user_on_seat', { RoomId: 'tiny', Index: 0, Member_Account: 'cat' }));
    const dan = await connect(t, 'dan', 'tiny');
    fails(await t.rest(mic, 'pick_user_on_seat', { RoomId: 'tiny', Index: 0, Member_Account: 'dan' }), 100205);
    cat.close();
    dan.close();
  });
});
