// The RoomEngine test double (test/doubles/tencent/engine-*.ts), driven through the SDK slice the Tencent backend
// uses (src/backends/tencent/engine-sdk.ts), without a kit backend: sessions, live rooms, seats and requests,
// members and moderation, messages, gifts and likes, follows, audio, the offline model, the REST levers, delivery.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  TUIChangeReason,
  TUIKickedOutOfRoomReason,
  TUILiveGiftManagerEvents,
  TUILiveListManagerEvents,
  TUIMoveSeatPolicy,
  TUIRequestAction,
  TUIRequestCallbackType,
  TUIRole,
  TUIRoomDismissedReason,
  TUIRoomEvents,
  TUISeatMode,
  type EngineInstance,
  type EngineSdk,
  type StartLiveOptions,
  type TUIRequestCallback,
} from '../../../src/backends/tencent/engine-sdk.js';
import { createManualClock, type ManualClock } from '../../../src/model/clock.js';
import {
  CHAT_CODE,
  ENGINE_CODE,
  FOLLOW_TYPE,
  ROOM_SERVER_CODE,
  engineUserSig,
} from '../../doubles/tencent/engine-codes.js';
import { EngineCloud, VOLUME_INTERVAL_MS } from '../../doubles/tencent/engine-cloud.js';
import type { EngineInstanceDouble } from '../../doubles/tencent/engine-double.js';
import { REST_OPERATOR } from '../../doubles/tencent/engine-rest.js';
import { until } from '../../until.js';

const APP = 1400000001;
const DAY = 86_400_000;
const ROOM = 'voice-1';

/** Event payloads as the tests read them (the SDK types listeners as `...args: any[]`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are read per event, as the SDK hands them out
type Payload = any;
interface Rec {
  readonly name: string;
  readonly payload: Payload;
}

/** One signed-in user in their own tab, recording every event their engine and its managers emit. */
class Person {
  events: Rec[] = [];
  callbacks: TUIRequestCallback[] = [];
  constructor(
    readonly id: string,
    readonly sdk: EngineSdk,
    readonly engine: EngineInstance,
  ) {
    for (const name of Object.values(TUIRoomEvents))
      engine.on(name, (p?: Payload) => this.events.push({ name, payload: p }));
    for (const name of Object.values(TUILiveGiftManagerEvents))
      engine.getLiveGiftManager().on(name, (p: Payload) => this.events.push({ name, payload: p }));
    for (const name of Object.values(TUILiveListManagerEvents))
      engine.getLiveListManager().on(name, (p: Payload) => this.events.push({ name, payload: p }));
  }
  get double(): EngineInstanceDouble {
    return this.engine as unknown as EngineInstanceDouble;
  }
  get live() {
    return this.engine.getLiveListManager();
  }
  get gifts() {
    return this.engine.getLiveGiftManager();
  }
  get chat() {
    return this.engine.getTIM();
  }
  /** A requestCallback that records into `callbacks`. */
  readonly cb = (info: TUIRequestCallback) => void this.callbacks.push(info);
  all(name: string): Payload[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload);
  }
  last(name: string): Payload {
    return this.all(name).at(-1);
  }
  names(): string[] {
    return this.events.map((e) => e.name);
  }
  async sees(name: string, pred: (p: Payload) => boolean = () => true): Promise<Payload> {
    await until(() => this.events.some((e) => e.name === name && pred(e.payload)), `${this.id} gets ${name}`);
    return this.events.find((e) => e.name === name && pred(e.payload))!.payload;
  }
  async called(type: number): Promise<TUIRequestCallback> {
    await until(
      () => this.callbacks.some((c) => c.requestCallbackType === type),
      `${this.id}'s request callback ${type}`,
    );
    return this.callbacks.find((c) => c.requestCallbackType === type)!;
  }
  clear(): void {
    this.events = [];
    this.callbacks = [];
  }
}

/** Lets every pending delivery finish: the double delivers on microtasks only, so one macrotask turn drains them. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function fails(promise: Promise<unknown>, code: number): Promise<void> {
  await assert.rejects(promise, (error: { code?: unknown }) => {
    assert.equal(error.code, code);
    return true;
  });
}

const seatOf = (list: { userId: string }[], userId: string) => list.findIndex((s) => s.userId === userId);

describe('RoomEngine double', () => {
  let clock: ManualClock;
  let cloud: EngineCloud;

  async function person(id: string, options: { name?: string; expiresIn?: number } = {}): Promise<Person> {
    const sdk = cloud.sdk();
    await sdk.TUIRoomEngine.login({
      sdkAppId: APP,
      userId: id,
      userSig: engineUserSig(APP, id, clock.now() + (options.expiresIn ?? DAY)),
    });
    if (options.name) await sdk.TUIRoomEngine.setSelfInfo({ userName: options.name, avatarUrl: `https://a/${id}.png` });
    return new Person(id, sdk, new sdk.TUIRoomEngine());
  }

  async function start(owner: Person, options: Partial<StartLiveOptions> = {}) {
    return owner.live.startLive({
      roomId: ROOM,
      name: 'Voice',
      isSeatEnabled: true,
      maxSeatCount: 8,
      seatMode: TUISeatMode.kFreeToTake,
      ...options,
    });
  }

  /** owner (room started), admin and two listeners, all in the room, events cleared. */
  async function scene(options: Partial<StartLiveOptions> = {}) {
    const owner = await person('owner', { name: 'Olivia' });
    await start(owner, options);
    const admin = await person('admin', { name: 'Adam' });
    const ann = await person('ann', { name: 'Ann' });
    const bob = await person('bob', { name: 'Bob' });
    for (const p of [admin, ann, bob]) await p.live.joinLive(ROOM);
    await owner.engine.changeUserRole({ userId: 'admin', userRole: TUIRole.kAdministrator });
    const all = [owner, admin, ann, bob];
    await until(
      () => all.every((p) => p.events.some((e) => e.name === 'onUserRoleChanged')),
      'everyone knows the admin',
    );
    await settle();
    for (const p of all) p.clear();
    return { owner, admin, ann, bob, all };
  }

  beforeEach(() => {
    clock = createManualClock();
    cloud = new EngineCloud(clock, APP, { heartbeatMs: 30_000 });
  });
  afterEach(async () => {
    await settle();
    assert.deepEqual(cloud.listenerErrors, [], 'no listener threw');
  });

  describe('sessions', () => {
    it('the SDK handed out is an EngineSdk whose once("ready") calls back once, asynchronously', async () => {
      const sdk = cloud.sdk() satisfies EngineSdk;
      let calls = 0;
      sdk.TUIRoomEngine.once('ready', () => void (calls += 1));
      assert.equal(calls, 0, 'not synchronously');
      await settle();
      assert.equal(calls, 1);
    });

    it('login checks the UserSig with Chat codes; calls before login fail -1002', async () => {
      const { TUIRoomEngine } = cloud.sdk();
      const engine = new TUIRoomEngine();
      await fails(engine.getSeatList(), ENGINE_CODE.ERR_SDK_NOT_INITIALIZED);
      await fails(TUIRoomEngine.login({ sdkAppId: APP, userId: 'u', userSig: 'forged' }), CHAT_CODE.USERSIG_INVALID);
      await fails(
        TUIRoomEngine.login({ sdkAppId: APP, userId: 'u', userSig: engineUserSig(APP, 'v', clock.now() + DAY) }),
        CHAT_CODE.USERSIG_USERID_MISMATCH,
      );
      await fails(
        TUIRoomEngine.login({ sdkAppId: APP, userId: 'u', userSig: engineUserSig(APP + 1, 'u', clock.now() + DAY) }),
        CHAT_CODE.USERSIG_SDKAPPID_MISMATCH,
      );
      await fails(
        TUIRoomEngine.login({
          sdkAppId: APP + 1,
          userId: 'u',
          userSig: engineUserSig(APP + 1, 'u', clock.now() + DAY),
        }),
        ENGINE_CODE.ERR_SDKAPPID_NOT_FOUND,
      );
      await fails(
        TUIRoomEngine.login({ sdkAppId: APP, userId: 'u', userSig: engineUserSig(APP, 'u', clock.now()) }),
        CHAT_CODE.USERSIG_EXPIRED,
      );
      await TUIRoomEngine.login({ sdkAppId: APP, userId: 'u', userSig: engineUserSig(APP, 'u', clock.now() + DAY) });
      await fails(engine.getSeatList(), ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM);
    });

    it('a login of the same user in another tab kicks the older tab off line and out of its room', async () => {
      const owner = await person('owner');
      await start(owner);
      const first = await person('ann');
      await first.live.joinLive(ROOM);
      await owner.sees(TUIRoomEvents.onRemoteUserEnterRoom);
      const second = await person('ann');
      await first.sees(TUIRoomEvents.onKickedOffLine);
      await owner.sees(TUIRoomEvents.onRemoteUserLeaveRoom, (p) => p.userInfo.userId === 'ann');
      await fails(first.engine.getSeatList(), ENGINE_CODE.ERR_SDK_NOT_INITIALIZED);
      await second.live.joinLive(ROOM);
      await owner.sees(TUIRoomEvents.onRoomUserCountChanged, (p) => p.userCount === 2);
    });

    it('onUserSigExpired when the clock passes the expiry; a new login in time resumes the room', async () => {
      const owner = await person('owner');
      await start(owner);
      const ann = await person('ann', { expiresIn: 60_000 });
      await ann.live.joinLive(ROOM);
      await ann.engine.takeSeat({ seatIndex: 3, timeout: 0 });
      clock.advance(60_000);
      const payload = await ann.sees(TUIRoomEvents.onUserSigExpired);
      assert.equal(payload, undefined, 'the SDK calls the listener with no argument for an empty payload');
      await fails(ann.engine.getSeatList(), ENGINE_CODE.ERR_SDK_NOT_INITIALIZED);
      clock.advance(10_000);
      await ann.sdk.TUIRoomEngine.login({
        sdkAppId: APP,
        userId: 'ann',
        userSig: engineUserSig(APP, 'ann', clock.now() + DAY),
      });
      assert.equal(seatOf(await ann.engine.getSeatList(), 'ann'), 3, 'still seated');
      clock.advance(60_000);
      await settle();
      assert.equal(owner.all(TUIRoomEvents.onRemoteUserLeaveRoom).length, 0, 'the heartbeat did not lapse');
    });

    it('logout takes the tab out of its room and destroys its instances', async () => {
      const owner = await person('owner');
      await start(owner);
      const ann = await person('ann');
      await ann.live.joinLive(ROOM);
      await ann.sdk.TUIRoomEngine.logout();
      await owner.sees(TUIRoomEvents.onRemoteUserLeaveRoom);
      await fails(ann.engine.getSeatList(), ENGINE_CODE.ERR_SDK_NOT_INITIALIZED);
    });
  });

  describe('live rooms', () => {
    it('startLive creates and enters the room; keepOwnerOnSeat seats the owner on seat 0', async () => {
      const owner = await person('owner', { name: 'Olivia' });
      const info = await start(owner, {
        keepOwnerOnSeat: true,
        notice: 'hi',
        coverUrl: 'c.png',
        seatMode: TUISeatMode.kApplyToTake,
      });
      assert.equal(info.roomId, ROOM);
      assert.equal(info.name, 'Voice');
      assert.equal(info.roomOwner, 'owner');
      assert.equal(info.ownerName, 'Olivia');
      assert.equal(info.seatMode, TUISeatMode.kApplyToTake);
      assert.equal(info.maxSeatCount, 8);
      assert.equal(info.notice, 'hi');
      const event = await owner.sees(TUIRoomEvents.onSeatListChanged);
      assert.equal(event.seatList.length, 8);
      assert.deepEqual(
        event.seatedList.map((s: Payload) => [s.index, s.userId]),
        [[0, 'owner']],
      );
      const room = await owner.engine.fetchRoomInfo();
      assert.equal(room.roomOwner, 'owner');
      assert.equal(room.roomMemberCount, 1);
    });

    it('startLive refuses bad IDs and names, too many seats, a taken ID, a second room', async () => {
      const owner = await person('owner');
      await fails(owner.live.startLive({ roomId: 'é', name: 'x' }), ENGINE_CODE.ERR_ROOM_ID_INVALID);
      await fails(owner.live.startLive({ roomId: 'r'.repeat(49), name: 'x' }), ENGINE_CODE.ERR_ROOM_ID_INVALID);
      await fails(owner.live.startLive({ roomId: 'r', name: 'n'.repeat(31) }), ENGINE_CODE.ERR_ROOM_NAME_INVALID);
      await fails(
        owner.live.startLive({ roomId: 'r', name: 'x', maxSeatCount: 17 }),
        ENGINE_CODE.ERR_MAX_SEAT_COUNT_LIMIT,
      );
      await start(owner);
      await fails(owner.live.startLive({ roomId: 'other', name: 'x' }), ENGINE_CODE.ERR_ALREADY_IN_OTHER_ROOM);
      const other = await person('other');
      await fails(start(other), ENGINE_CODE.ERR_ROOM_ID_OCCUPIED);
    });

    it('joinLive: others see the entrant and the count; the entrant gets no seat list; errors', async () => {
      const owner = await person('owner');
      await start(owner);
      const ann = await person('ann', { name: 'Ann' });
      await fails(ann.live.joinLive('nope'), ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST);
      const info = await ann.live.joinLive(ROOM);
      assert.equal(info.totalViewers, 2);
      const entered = await owner.sees(TUIRoomEvents.onRemoteUserEnterRoom);
      assert.equal(entered.userInfo.userName, 'Ann');
      assert.equal(entered.userInfo.userRole, TUIRole.kGeneralUser);
      await ann.sees(TUIRoomEvents.onRoomUserCountChanged, (p) => p.userCount === 2);
      await settle();
      assert.equal(ann.all(TUIRoomEvents.onSeatListChanged).length, 0);
      assert.equal(ann.all(TUIRoomEvents.onRemoteUserEnterRoom).length, 0, 'not told about itself');
      await fails(ann.live.joinLive(ROOM), ENGINE_CODE.ERR_ALREADY_ROOM_ENTER);
      const other = await person('host2');
      await other.live.startLive({ roomId: 'second', name: 'Two' });
      await fails(ann.live.joinLive('second'), ENGINE_CODE.ERR_ALREADY_IN_OTHER_ROOM);
    });

    it('leaveLive: the owner cannot; a seated listener leaving frees the seat for everyone', async () => {
      const { owner, ann, bob } = await scene();
      await fails(owner.live.leaveLive(), ENGINE_CODE.ERR_EXIT_NOT_SUPPORTED_FOR_ROOM_OWNER);
      await ann.engine.takeSeat({ seatIndex: 2, timeout: 0 });
      await bob.sees(TUIRoomEvents.onSeatListChanged, (p) => seatOf(p.seatList, 'ann') === 2);
      await ann.live.leaveLive();
      const change = await bob.sees(TUIRoomEvents.onSeatListChanged, (p) => p.leftList.length === 1);
      assert.equal(change.leftList[0].userId, 'ann');
      await bob.sees(TUIRoomEvents.onRemoteUserLeaveRoom, (p) => p.userInfo.userId === 'ann');
      await bob.sees(TUIRoomEvents.onRoomUserCountChanged, (p) => p.userCount === 3);
      await fails(ann.engine.getSeatList(), ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM);
    });

    it('stopLive: owner only; everyone else gets onRoomDismissed (kByOwner); the statistics come back', async () => {
      const { owner, ann, bob } = await scene();
      await fails(ann.live.stopLive(), ENGINE_CODE.ERR_DESTROY_ROOM_NO_PERMISSION);
      await ann.gifts.sendLikes({ roomId: ROOM, count: 3 });
      const stats = await owner.live.stopLive();
      assert.deepEqual(stats, {
        totalViewers: 4,
        totalGiftsSent: 0,
        totalGiftCoins: 0,
        totalUniqueGiftSenders: 0,
        totalLikesReceived: 3,
      });
      const dismissed = await bob.sees(TUIRoomEvents.onRoomDismissed);
      assert.deepEqual(dismissed, { roomId: ROOM, reason: TUIRoomDismissedReason.kByOwner });
      await settle();
      assert.equal(owner.all(TUIRoomEvents.onRoomDismissed).length, 0);
      await fails(bob.engine.getSeatList(), ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM);
      await fails(bob.live.getLiveInfo({ roomId: ROOM }), ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST);
    });

    it('fetchLiveList lists public rooms, most viewed first, paged with an opaque cursor', async () => {
      for (let i = 0; i < 25; i += 1) {
        const host = await person(`host${i}`);
        await host.live.startLive({ roomId: `room-${i}`, name: `Room ${i}`, isPublicVisible: i !== 3 });
      }
      const viewer = await person('viewer');
      await viewer.live.joinLive('room-7');
      const first = await viewer.live.fetchLiveList({ cursor: '', count: 50 });
      assert.equal(first.liveInfoList.length, 20, 'at most 20 a page');
      assert.equal(first.liveInfoList[0]!.roomId, 'room-7', 'most viewed first');
      assert.notEqual(first.cursor, '');
      const second = await viewer.live.fetchLiveList({ cursor: first.cursor, count: 20 });
      assert.equal(second.cursor, '');
      const ids = [...first.liveInfoList, ...second.liveInfoList].map((r) => r.roomId);
      assert.equal(ids.length, 24);
      assert.ok(!ids.includes('room-3'), 'private rooms are not listed');
      await fails(viewer.live.fetchLiveList({ cursor: 'garbage!', count: 5 }), ENGINE_CODE.ERR_INVALID_PARAMETER);
    });

    it('setLiveInfo (owner/admin) tells the room with onLiveInfoChanged and its flags', async () => {
      const { owner, admin, ann } = await scene();
      await fails(ann.live.setLiveInfo({ roomId: ROOM, coverUrl: 'x' }), ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION);
      await admin.live.setLiveInfo({ roomId: ROOM, coverUrl: 'new.png', isPublicVisible: false });
      const changed = await ann.sees(TUILiveListManagerEvents.onLiveInfoChanged);
      // The SDK's shape: only the changed fields among the six it forwards, no flag and no full info.
      assert.deepEqual(changed, { liveModifyInfo: { roomId: ROOM, coverUrl: 'new.png', isPublicVisible: false } });
      assert.equal((await owner.live.getLiveInfo({ roomId: ROOM })).isPublicVisible, false);
    });

    it('room name and seat mode changes reach everyone in the room, the caller too', async () => {
      const { owner, admin, ann } = await scene();
      await fails(ann.engine.updateRoomNameByAdmin({ roomName: 'x' }), ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION);
      await fails(admin.engine.updateRoomNameByAdmin({ roomName: '' }), ENGINE_CODE.ERR_ROOM_NAME_INVALID);
      await admin.engine.updateRoomNameByAdmin({ roomName: 'Renamed' });
      await owner.engine.updateRoomSeatModeByAdmin({ seatMode: TUISeatMode.kApplyToTake });
      for (const p of [owner, admin, ann]) {
        assert.deepEqual(await p.sees(TUIRoomEvents.onRoomNameChanged), { roomId: ROOM, roomName: 'Renamed' });
        assert.deepEqual(await p.sees(TUIRoomEvents.onRoomSeatModeChanged), {
          roomId: ROOM,
          seatMode: TUISeatMode.kApplyToTake,
        });
      }
      const info = await ann.engine.fetchRoomInfo({ roomId: ROOM, roomType: 2 });
      assert.equal(info.roomName, 'Renamed');
      assert.equal(info.seatMode, TUISeatMode.kApplyToTake);
    });
  });

  describe('seats', () => {
    it('free mode: takeSeat seats at once; ONE onSeatListChanged to each member, after the call resolved', async () => {
      const { owner, admin, ann, bob } = await scene();
      const order: string[] = [];
      ann.engine.on(TUIRoomEvents.onSeatListChanged, () => order.push('event'));
      const request = await ann.engine
        .takeSeat({ seatIndex: 4, timeout: 0, requestCallback: ann.cb })
        .then((r) => (order.push('resolved'), r));
      assert.equal(request.requestId, '');
      await until(() => order.includes('event'), 'ann gets the seat list');
      assert.deepEqual(order, ['resolved', 'event']);
      for (const p of [owner, admin, ann, bob]) {
        await p.sees(TUIRoomEvents.onSeatListChanged);
        assert.equal(p.all(TUIRoomEvents.onSeatListChanged).length, 1);
        const change = p.last(TUIRoomEvents.onSeatListChanged);
        assert.equal(change.seatList.length, 8);
        assert.deepEqual(
          change.seatedList.map((s: Payload) => [s.index, s.userId, s.userName]),
          [[4, 'ann', 'Ann']],
        );
        assert.deepEqual(change.leftList, []);
      }
      assert.equal((await ann.called(TUIRequestCallbackType.kRequestAccepted)).requestId, '');
    });

    it('takeSeat errors: taken, locked, already seated, no such seat, all full, no seats, not in the room', async () => {
      const { owner, ann, bob } = await scene({ maxSeatCount: 3 });
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await fails(bob.engine.takeSeat({ seatIndex: 1, timeout: 0 }), ENGINE_CODE.ERR_SEAT_OCCUPIED);
      await fails(ann.engine.takeSeat({ seatIndex: 2, timeout: 0 }), ENGINE_CODE.ERR_ALREADY_IN_SEAT);
      await fails(bob.engine.takeSeat({ seatIndex: 3, timeout: 0 }), ENGINE_CODE.ERR_SEAT_INDEX_NOT_EXIST);
      await owner.engine.lockSeatByAdmin({
        seatIndex: 2,
        lockParams: { lockSeat: true, lockAudio: false, lockVideo: false },
      });
      await fails(bob.engine.takeSeat({ seatIndex: 2, timeout: 0 }), ENGINE_CODE.ERR_SEAT_LOCKED);
      await bob.engine.takeSeat({ seatIndex: -1, timeout: 0 });
      assert.equal(seatOf(await bob.engine.getSeatList(), 'bob'), 0, '-1 takes the lowest free unlocked seat');
      await fails(owner.engine.takeSeat({ seatIndex: -1, timeout: 0 }), ENGINE_CODE.ERR_ALL_SEAT_OCCUPIED);
      const outsider = await person('outsider');
      await fails(
        outsider.engine.takeSeat({ seatIndex: -1, timeout: 0 }),
        ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM,
      );
      const host = await person('host2');
      await host.live.startLive({ roomId: 'no-seats', name: 'Talk' });
      await fails(host.engine.takeSeat({ seatIndex: -1, timeout: 0 }), ENGINE_CODE.ERR_SEAT_NOT_SUPPORT_LINK_MIC);
      assert.deepEqual(await host.engine.getSeatList(), []);
    });

    it('leaveSeat frees the seat (leftList); not seated fails', async () => {
      const { ann, bob } = await scene();
      await fails(ann.engine.leaveSeat(), ENGINE_CODE.ERR_USER_NOT_IN_SEAT);
      await ann.engine.takeSeat({ seatIndex: 5, timeout: 0 });
      await ann.engine.leaveSeat();
      const change = await bob.sees(TUIRoomEvents.onSeatListChanged, (p) => p.leftList.length > 0);
      assert.deepEqual(
        change.leftList.map((s: Payload) => [s.index, s.userId]),
        [[5, 'ann']],
      );
      assert.equal(change.seatList[5].userId, '');
    });

    it('moveToSeat: a taken or locked target fails and nothing changes; a free one moves in one event', async () => {
      const { owner, ann, bob } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await bob.engine.takeSeat({ seatIndex: 2, timeout: 0 });
      await settle();
      owner.clear();
      await fails(ann.engine.moveToSeat({ targetSeatIndex: 2 }), ENGINE_CODE.ERR_SEAT_OCCUPIED);
      await owner.engine.lockSeatByAdmin({
        seatIndex: 6,
        lockParams: { lockSeat: true, lockAudio: false, lockVideo: false },
      });
      await fails(ann.engine.moveToSeat({ targetSeatIndex: 6 }), ENGINE_CODE.ERR_SEAT_LOCKED);
      await settle();
      owner.clear();
      await ann.engine.moveToSeat({ targetSeatIndex: 3 });
      const change = await owner.sees(TUIRoomEvents.onSeatListChanged);
      assert.deepEqual(
        change.seatedList.map((s: Payload) => s.index),
        [3],
      );
      assert.deepEqual(
        change.leftList.map((s: Payload) => s.index),
        [1],
      );
      await settle();
      assert.equal(owner.all(TUIRoomEvents.onSeatListChanged).length, 1);
    });

    it('moveUserToSeatByAdmin: abort, force replace, swap; permissions', async () => {
      const { owner, admin, ann, bob } = await scene();
      await owner.engine.takeSeat({ seatIndex: 0, timeout: 0 });
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await bob.engine.takeSeat({ seatIndex: 2, timeout: 0 });
      await fails(
        ann.engine.moveUserToSeatByAdmin({
          userId: 'bob',
          targetSeatIndex: 5,
          policy: TUIMoveSeatPolicy.kAbortWhenOccupied,
        }),
        ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION,
      );
      await fails(
        admin.engine.moveUserToSeatByAdmin({
          userId: 'owner',
          targetSeatIndex: 5,
          policy: TUIMoveSeatPolicy.kAbortWhenOccupied,
        }),
        ENGINE_CODE.ERR_NEED_OWNER_PERMISSION,
      );
      await fails(
        admin.engine.moveUserToSeatByAdmin({
          userId: 'ann',
          targetSeatIndex: 2,
          policy: TUIMoveSeatPolicy.kAbortWhenOccupied,
        }),
        ENGINE_CODE.ERR_SEAT_OCCUPIED,
      );
      await admin.engine.moveUserToSeatByAdmin({
        userId: 'ann',
        targetSeatIndex: 2,
        policy: TUIMoveSeatPolicy.kSwapPosition,
      });
      const swapped = await admin.engine.getSeatList();
      assert.deepEqual([seatOf(swapped, 'ann'), seatOf(swapped, 'bob')], [2, 1]);
      await admin.engine.moveUserToSeatByAdmin({
        userId: 'ann',
        targetSeatIndex: 1,
        policy: TUIMoveSeatPolicy.kForceReplace,
      });
      const kicked = await bob.sees(TUIRoomEvents.onKickedOffSeat);
      assert.equal(kicked.seatIndex, 1);
      assert.equal(kicked.userInfo.userId, 'admin');
      const after = await admin.engine.getSeatList();
      assert.deepEqual([seatOf(after, 'ann'), seatOf(after, 'bob')], [1, -1]);
    });

    it('kickUserOffSeatByAdmin: the victim gets onKickedOffSeat with the operator; an admin cannot kick the owner', async () => {
      const { owner, admin, ann } = await scene();
      await owner.engine.takeSeat({ seatIndex: 0, timeout: 0 });
      await fails(
        admin.engine.kickUserOffSeatByAdmin({ seatIndex: 0, userId: 'ann' }),
        ENGINE_CODE.ERR_USER_NOT_IN_SEAT,
      );
      await ann.engine.takeSeat({ seatIndex: 3, timeout: 0 });
      await fails(
        admin.engine.kickUserOffSeatByAdmin({ seatIndex: 0, userId: 'owner' }),
        ENGINE_CODE.ERR_NEED_OWNER_PERMISSION,
      );
      await fails(
        ann.engine.kickUserOffSeatByAdmin({ seatIndex: 0, userId: 'owner' }),
        ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION,
      );
      await admin.engine.kickUserOffSeatByAdmin({ seatIndex: 0, userId: 'ann' });
      const kicked = await ann.sees(TUIRoomEvents.onKickedOffSeat);
      assert.equal(kicked.seatIndex, 3);
      assert.equal(kicked.userInfo.userId, 'admin');
      const names = ann.names();
      assert.ok(
        names.lastIndexOf(TUIRoomEvents.onSeatListChanged) < names.indexOf(TUIRoomEvents.onKickedOffSeat),
        'the seat list first',
      );
    });

    it('lockSeatByAdmin: locking an occupied seat takes its occupant off; lockAudio silences and refuses unmute', async () => {
      const { owner, ann, bob } = await scene();
      await ann.engine.takeSeat({ seatIndex: 2, timeout: 0 });
      await fails(
        ann.engine.lockSeatByAdmin({
          seatIndex: 2,
          lockParams: { lockSeat: true, lockAudio: false, lockVideo: false },
        }),
        ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION,
      );
      await owner.engine.lockSeatByAdmin({
        seatIndex: 2,
        lockParams: { lockSeat: true, lockAudio: false, lockVideo: false },
      });
      await ann.sees(TUIRoomEvents.onKickedOffSeat);
      const change = await bob.sees(TUIRoomEvents.onSeatListChanged, (p) => p.seatList[2].isLocked);
      assert.deepEqual(
        change.leftList.map((s: Payload) => s.userId),
        ['ann'],
      );
      await owner.engine.lockSeatByAdmin({
        seatIndex: 2,
        lockParams: { lockSeat: false, lockAudio: false, lockVideo: false },
      });
      await ann.engine.takeSeat({ seatIndex: 2, timeout: 0 });
      await ann.engine.openLocalMicrophone();
      await bob.sees(TUIRoomEvents.onUserAudioStateChanged, (p) => p.userId === 'ann' && p.hasAudio);
      await owner.engine.lockSeatByAdmin({
        seatIndex: 2,
        lockParams: { lockSeat: false, lockAudio: true, lockVideo: false },
      });
      const off = await bob.sees(TUIRoomEvents.onUserAudioStateChanged, (p) => p.userId === 'ann' && !p.hasAudio);
      assert.equal(off.reason, TUIChangeReason.kChangedByAdmin);
      await fails(ann.engine.unmuteLocalAudio(), ENGINE_CODE.ERR_OPEN_MICROPHONE_NEED_SEAT_UNLOCK);
      await fails(ann.engine.openLocalMicrophone(), ENGINE_CODE.ERR_OPEN_MICROPHONE_NEED_SEAT_UNLOCK);
      assert.equal((await ann.engine.getSeatList())[2]!.isAudioLocked, true);
    });
  });

  describe('seat requests', () => {
    it('apply → accept: owner and admins receive it; the accepted applicant sits; the other admin learns it was processed', async () => {
      const { owner, admin, ann, bob } = await scene({ seatMode: TUISeatMode.kApplyToTake });
      const request = await ann.engine.takeSeat({ seatIndex: 3, timeout: 60, requestCallback: ann.cb });
      assert.notEqual(request.requestId, '');
      assert.equal(request.requestAction, TUIRequestAction.kRequestToTakeSeat);
      for (const p of [owner, admin]) {
        const received = await p.sees(TUIRoomEvents.onRequestReceived);
        assert.equal(received.request.requestId, request.requestId);
        assert.equal(received.request.userId, 'ann');
        assert.equal(received.request.userName, 'Ann');
      }
      await settle();
      assert.equal(bob.all(TUIRoomEvents.onRequestReceived).length, 0, 'general users do not receive applications');
      await fails(bob.engine.getSeatApplicationList(), ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION);
      assert.deepEqual(
        (await owner.engine.getSeatApplicationList()).map((r) => r.requestId),
        [request.requestId],
      );
      await fails(
        bob.engine.responseRemoteRequest({ requestId: request.requestId, agree: true }),
        ENGINE_CODE.ERR_REQUEST_NO_PERMISSION,
      );
      await admin.engine.responseRemoteRequest({ requestId: request.requestId, agree: true });
      const accepted = await ann.called(TUIRequestCallbackType.kRequestAccepted);
      assert.equal(accepted.userId, 'admin');
      await bob.sees(TUIRoomEvents.onSeatListChanged, (p) => seatOf(p.seatList, 'ann') === 3);
      const processed = await owner.sees(TUIRoomEvents.onRequestProcessed);
      assert.equal(processed.requestId, request.requestId);
      assert.equal(processed.userId, 'admin');
      assert.equal(processed.userInfo.userId, 'admin');
      await settle();
      assert.equal(admin.all(TUIRoomEvents.onRequestProcessed).length, 0, 'not the responder');
      await fails(
        owner.engine.responseRemoteRequest({ requestId: request.requestId, agree: false }),
        ENGINE_CODE.ERR_REQUEST_ID_INVALID,
      );
      assert.deepEqual(await owner.engine.getSeatApplicationList(), []);
    });

    it('apply → reject; owner and admins take seats at once even in apply mode; a second application fails', async () => {
      const { owner, admin, ann } = await scene({ seatMode: TUISeatMode.kApplyToTake });
      const request = await ann.engine.takeSeat({ seatIndex: -1, timeout: 0, requestCallback: ann.cb });
      await fails(ann.engine.takeSeat({ seatIndex: 2, timeout: 0 }), ENGINE_CODE.ERR_REQUEST_ID_REPEAT);
      await owner.sees(TUIRoomEvents.onRequestReceived);
      await owner.engine.responseRemoteRequest({ requestId: request.requestId, agree: false });
      assert.equal((await ann.called(TUIRequestCallbackType.kRequestRejected)).userId, 'owner');
      await admin.sees(TUIRoomEvents.onRequestProcessed);
      assert.equal(seatOf(await ann.engine.getSeatList(), 'ann'), -1);
      assert.equal((await admin.engine.takeSeat({ seatIndex: 6, timeout: 0 })).requestId, '');
      assert.equal(seatOf(await admin.engine.getSeatList(), 'admin'), 6);
    });

    it('apply → timeout on the clock: kRequestTimeout to the applicant, onRequestCancelled to owner and admins', async () => {
      const { owner, admin, ann } = await scene({ seatMode: TUISeatMode.kApplyToTake });
      const request = await ann.engine.takeSeat({ seatIndex: 1, timeout: 30, requestCallback: ann.cb });
      await owner.sees(TUIRoomEvents.onRequestReceived);
      clock.advance(29_999);
      await settle();
      assert.equal(ann.callbacks.length, 0);
      clock.advance(1);
      const timeout = await ann.called(TUIRequestCallbackType.kRequestTimeout);
      assert.equal(timeout.requestId, request.requestId);
      for (const p of [owner, admin]) {
        const cancelled = await p.sees(TUIRoomEvents.onRequestCancelled);
        assert.equal(cancelled.requestId, request.requestId);
        assert.equal(cancelled.userId, 'ann');
      }
      await fails(
        owner.engine.responseRemoteRequest({ requestId: request.requestId, agree: true }),
        ENGINE_CODE.ERR_REQUEST_ID_INVALID,
      );
    });

    it('cancelRequest by its sender: onRequestCancelled to the receivers and kRequestCancelled to the sender', async () => {
      const { owner, admin, ann, bob } = await scene({ seatMode: TUISeatMode.kApplyToTake });
      const request = await ann.engine.takeSeat({ seatIndex: 1, timeout: 0, requestCallback: ann.cb });
      await fails(bob.engine.cancelRequest({ requestId: request.requestId }), ENGINE_CODE.ERR_REQUEST_NO_PERMISSION);
      await fails(ann.engine.cancelRequest({ requestId: 'nope' }), ENGINE_CODE.ERR_REQUEST_ID_INVALID);
      await ann.engine.cancelRequest({ requestId: request.requestId });
      assert.equal((await ann.called(TUIRequestCallbackType.kRequestCancelled)).requestId, request.requestId);
      for (const p of [owner, admin])
        assert.equal((await p.sees(TUIRoomEvents.onRequestCancelled)).request.requestId, request.requestId);
      await fails(
        owner.engine.responseRemoteRequest({ requestId: request.requestId, agree: true }),
        ENGINE_CODE.ERR_REQUEST_ID_INVALID,
      );
    });

    it('an applicant who leaves the room takes the application with them', async () => {
      const { owner, ann } = await scene({ seatMode: TUISeatMode.kApplyToTake });
      const request = await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await ann.live.leaveLive();
      assert.equal((await owner.sees(TUIRoomEvents.onRequestCancelled)).requestId, request.requestId);
      assert.deepEqual(await owner.engine.getSeatApplicationList(), []);
    });

    it('an accept that cannot seat (seat taken meanwhile) fails and leaves the application pending', async () => {
      const { owner, ann } = await scene({ seatMode: TUISeatMode.kApplyToTake });
      const request = await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await owner.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await fails(
        owner.engine.responseRemoteRequest({ requestId: request.requestId, agree: true }),
        ENGINE_CODE.ERR_SEAT_OCCUPIED,
      );
      assert.equal((await owner.engine.getSeatApplicationList()).length, 1);
    });

    it('takeUserOnSeatByAdmin is an invitation the invitee answers', async () => {
      const { owner, admin, ann, bob } = await scene({ seatMode: TUISeatMode.kApplyToTake });
      await fails(
        bob.engine.takeUserOnSeatByAdmin({ seatIndex: 2, userId: 'ann', timeout: 0 }),
        ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION,
      );
      await fails(
        admin.engine.takeUserOnSeatByAdmin({ seatIndex: 2, userId: 'ghost', timeout: 0 }),
        ENGINE_CODE.ERR_USER_NOT_ENTERED,
      );
      const invite = await admin.engine.takeUserOnSeatByAdmin({
        seatIndex: 2,
        userId: 'ann',
        timeout: 0,
        requestCallback: admin.cb,
      });
      await fails(
        owner.engine.takeUserOnSeatByAdmin({ seatIndex: 3, userId: 'ann', timeout: 0 }),
        ENGINE_CODE.ERR_REQUEST_ID_REPEAT,
      );
      const received = await ann.sees(TUIRoomEvents.onRequestReceived);
      assert.equal(received.request.requestAction, TUIRequestAction.kRequestRemoteUserOnSeat);
      assert.equal(received.request.userId, 'admin', 'the request names its sender');
      await fails(
        bob.engine.responseRemoteRequest({ requestId: invite.requestId, agree: true }),
        ENGINE_CODE.ERR_REQUEST_NO_PERMISSION,
      );
      await ann.engine.responseRemoteRequest({ requestId: invite.requestId, agree: true });
      assert.equal((await admin.called(TUIRequestCallbackType.kRequestAccepted)).userId, 'ann');
      await owner.sees(TUIRoomEvents.onSeatListChanged, (p) => seatOf(p.seatList, 'ann') === 2);

      const second = await owner.engine.takeUserOnSeatByAdmin({
        seatIndex: 4,
        userId: 'bob',
        timeout: 10,
        requestCallback: owner.cb,
      });
      await bob.sees(TUIRoomEvents.onRequestReceived);
      await bob.engine.responseRemoteRequest({ requestId: second.requestId, agree: false });
      assert.equal((await owner.called(TUIRequestCallbackType.kRequestRejected)).userId, 'bob');
      const third = await owner.engine.takeUserOnSeatByAdmin({
        seatIndex: 4,
        userId: 'bob',
        timeout: 10,
        requestCallback: owner.cb,
      });
      clock.advance(10_000);
      assert.equal((await owner.called(TUIRequestCallbackType.kRequestTimeout)).requestId, third.requestId);
      assert.equal((await bob.sees(TUIRoomEvents.onRequestCancelled)).requestId, third.requestId);
    });
  });

  describe('members and moderation', () => {
    it('getUserList pages 50 members in the order they entered', async () => {
      const owner = await person('owner');
      await start(owner);
      for (let i = 0; i < 60; i += 1) await (await person(`u${String(i).padStart(2, '0')}`)).live.joinLive(ROOM);
      const first = await owner.engine.getUserList({ nextSequence: 0 });
      assert.equal(first.userInfoList.length, 50);
      assert.equal(first.userInfoList[0]!.userId, 'owner');
      assert.equal(first.userInfoList[0]!.userRole, TUIRole.kRoomOwner);
      assert.equal(first.nextSequence, 50);
      const second = await owner.engine.getUserList({ nextSequence: first.nextSequence });
      assert.equal(second.userInfoList.length, 11);
      assert.equal(second.nextSequence, 0);
      assert.equal(second.userInfoList.at(-1)!.userId, 'u59');
    });

    it('getUserInfo: a member with its room state; someone known; nobody', async () => {
      const { owner, ann } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await ann.engine.openLocalMicrophone();
      const info = await owner.engine.getUserInfo({ userId: 'ann' });
      assert.deepEqual(
        { ...info, roomCustomInfo: undefined },
        {
          userId: 'ann',
          userName: 'Ann',
          nameCard: '',
          avatarUrl: 'https://a/ann.png',
          userRole: TUIRole.kGeneralUser,
          hasAudioStream: true,
          hasVideoStream: false,
          hasScreenStream: false,
          isMessageDisabled: false,
          roomCustomInfo: undefined,
        },
      );
      await person('stranger');
      assert.equal((await owner.engine.getUserInfo({ userId: 'stranger' })).userRole, TUIRole.kGeneralUser);
      await fails(owner.engine.getUserInfo({ userId: 'nobody' }), ENGINE_CODE.ERR_USER_NOT_EXIST);
    });

    it('changeUserRole: owner only; onUserRoleChanged and onUserInfoChanged to everyone; ownership transfer', async () => {
      const { owner, admin, ann, bob } = await scene();
      await fails(
        admin.engine.changeUserRole({ userId: 'ann', userRole: TUIRole.kAdministrator }),
        ENGINE_CODE.ERR_NEED_OWNER_PERMISSION,
      );
      await owner.engine.changeUserRole({ userId: 'ann', userRole: TUIRole.kAdministrator });
      for (const p of [owner, admin, ann, bob]) {
        const changed = await p.sees(TUIRoomEvents.onUserRoleChanged);
        assert.deepEqual(
          [changed.userId, changed.userRole, changed.userInfo.userRole],
          ['ann', TUIRole.kAdministrator, TUIRole.kAdministrator],
        );
        await p.sees(TUIRoomEvents.onUserInfoChanged, (e) => e.userInfo.userId === 'ann');
      }
      await owner.engine.changeUserRole({ userId: 'bob', userRole: TUIRole.kRoomOwner });
      await ann.sees(
        TUIRoomEvents.onUserRoleChanged,
        (p) => p.userId === 'owner' && p.userRole === TUIRole.kGeneralUser,
      );
      assert.equal((await ann.engine.fetchRoomInfo()).roomOwner, 'bob');
      await owner.live.leaveLive();
    });

    it('kickRemoteUserOutOfRoom: the victim gets onKickedOutOfRoom (kKickedByAdmin), loses its seat, may come back', async () => {
      const { owner, admin, ann, bob } = await scene();
      await fails(admin.engine.kickRemoteUserOutOfRoom({ userId: 'owner' }), ENGINE_CODE.ERR_NEED_OWNER_PERMISSION);
      await fails(ann.engine.kickRemoteUserOutOfRoom({ userId: 'bob' }), ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION);
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await admin.engine.kickRemoteUserOutOfRoom({ userId: 'ann' });
      const kicked = await ann.sees(TUIRoomEvents.onKickedOutOfRoom);
      assert.equal(kicked.reason, TUIKickedOutOfRoomReason.kKickedByAdmin);
      assert.equal(kicked.roomId, ROOM);
      await bob.sees(TUIRoomEvents.onSeatListChanged, (p) => p.leftList.some((s: Payload) => s.userId === 'ann'));
      await owner.sees(TUIRoomEvents.onRemoteUserLeaveRoom, (p) => p.userInfo.userId === 'ann');
      await fails(ann.engine.getSeatList(), ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM);
      await ann.live.joinLive(ROOM);
    });

    it('a room-wide message ban spares owner and admins; a user ban answers -2381 and is lifted', async () => {
      const { owner, admin, ann, bob } = await scene();
      await fails(
        ann.engine.disableSendingMessageForAllUser({ isDisable: true }),
        ENGINE_CODE.ERR_NEED_ADMIN_PERMISSION,
      );
      await admin.engine.disableSendingMessageForAllUser({ isDisable: true });
      assert.deepEqual(await bob.sees(TUIRoomEvents.onSendMessageForAllUserDisableChanged), {
        roomId: ROOM,
        isDisable: true,
      });
      await fails(
        ann.engine.sendTextMessage({ textContent: 'hi', extensionInfo: {} }),
        ENGINE_CODE.ERR_SEND_MESSAGE_DISABLED_FOR_ALL,
      );
      await admin.engine.sendTextMessage({ textContent: 'admins may', extensionInfo: {} });
      await owner.engine.sendTextMessage({ textContent: 'owner may', extensionInfo: {} });
      await admin.engine.disableSendingMessageForAllUser({ isDisable: false });
      await owner.engine.disableSendingMessageByAdmin({ userId: 'ann', isDisable: true });
      assert.deepEqual(await bob.sees(TUIRoomEvents.onSendMessageForUserDisableChanged), {
        roomId: ROOM,
        userId: 'ann',
        isDisable: true,
      });
      await fails(
        ann.engine.sendTextMessage({ textContent: 'hi', extensionInfo: {} }),
        ENGINE_CODE.ERR_SEND_MESSAGE_DISABLED_FOR_CURRENT,
      );
      assert.equal((await bob.engine.getUserInfo({ userId: 'ann' })).isMessageDisabled, true);
      await fails(
        admin.engine.disableSendingMessageByAdmin({ userId: 'owner', isDisable: true }),
        ENGINE_CODE.ERR_NEED_OWNER_PERMISSION,
      );
      await owner.engine.disableSendingMessageByAdmin({ userId: 'ann', isDisable: false });
      await ann.engine.sendTextMessage({ textContent: 'free again', extensionInfo: {} });
    });

    it("Chat's setGroupMemberMuteTime is the same ban, lapsing on the clock", async () => {
      const { admin, ann, bob } = await scene();
      await assert.rejects(ann.chat.setGroupMemberMuteTime({ groupID: ROOM, userID: 'bob', muteTime: 60 }), {
        code: CHAT_CODE.GROUP_PERMISSION_DENIED,
      });
      await assert.rejects(admin.chat.setGroupMemberMuteTime({ groupID: ROOM, userID: 'admin', muteTime: 60 }), {
        code: CHAT_CODE.CANNOT_MUTE_SELF,
      });
      await assert.rejects(admin.chat.setGroupMemberMuteTime({ groupID: 'nope', userID: 'bob', muteTime: 60 }), {
        code: CHAT_CODE.GROUP_NOT_FOUND,
      });
      const answer = await admin.chat.setGroupMemberMuteTime({ groupID: ROOM, userID: 'bob', muteTime: 60 });
      assert.equal(answer.code, 0);
      assert.equal(answer.data.member.userID, 'bob');
      assert.deepEqual(await ann.sees(TUIRoomEvents.onSendMessageForUserDisableChanged), {
        roomId: ROOM,
        userId: 'bob',
        isDisable: true,
      });
      await fails(
        bob.engine.sendTextMessage({ textContent: 'x', extensionInfo: {} }),
        ENGINE_CODE.ERR_SEND_MESSAGE_DISABLED_FOR_CURRENT,
      );
      clock.advance(60_000);
      await bob.engine.sendTextMessage({ textContent: 'the mute lapsed', extensionInfo: {} });
      await admin.chat.setGroupMemberMuteTime({ groupID: ROOM, userID: 'bob', muteTime: 600 });
      await admin.chat.setGroupMemberMuteTime({ groupID: ROOM, userID: 'bob', muteTime: 0 });
      await ann.sees(TUIRoomEvents.onSendMessageForUserDisableChanged, (p) => p.userId === 'bob' && !p.isDisable);
      await bob.engine.sendTextMessage({ textContent: 'unmuted', extensionInfo: {} });
    });

    it("Chat's deleteGroupMember kicks and bans for `duration` seconds (joinLive fails 100016 meanwhile)", async () => {
      const { admin, ann, bob } = await scene();
      await assert.rejects(admin.chat.deleteGroupMember({ groupID: ROOM, userIDList: ['ann'] }), {
        code: CHAT_CODE.BAN_DURATION_INVALID,
      });
      const outsider = await person('outsider');
      await assert.rejects(outsider.chat.deleteGroupMember({ groupID: ROOM, userIDList: ['ann'], duration: 60 }), {
        code: CHAT_CODE.CANNOT_FIND_GROUP,
      });
      await assert.rejects(bob.chat.deleteGroupMember({ groupID: ROOM, userIDList: ['ann'], duration: 60 }), {
        code: CHAT_CODE.GROUP_PERMISSION_DENIED,
      });
      const answer = await admin.chat.deleteGroupMember({ groupID: ROOM, userIDList: ['ann'], duration: 120 });
      assert.deepEqual(answer.data.userIDList, ['ann']);
      assert.equal((await ann.sees(TUIRoomEvents.onKickedOutOfRoom)).reason, TUIKickedOutOfRoomReason.kKickedByAdmin);
      await bob.sees(TUIRoomEvents.onRemoteUserLeaveRoom, (p) => p.userInfo.userId === 'ann');
      await fails(ann.live.joinLive(ROOM), ROOM_SERVER_CODE.MEMBER_BANNED);
      clock.advance(120_000);
      await ann.live.joinLive(ROOM);
    });
  });

  describe('messages, gifts, likes, follows', () => {
    it('text and custom messages reach the other members, never the sender', async () => {
      const { owner, ann, bob } = await scene();
      await fails(
        ann.engine.sendTextMessage({ textContent: '', extensionInfo: {} }),
        ENGINE_CODE.ERR_INVALID_PARAMETER,
      );
      await fails(
        ann.engine.sendTextMessage({ textContent: 'x'.repeat(12 * 1024 + 1), extensionInfo: {} }),
        CHAT_CODE.MESSAGE_TOO_LONG,
      );
      await ann.engine.sendTextMessage({ textContent: 'hello', extensionInfo: { color: 'red' } });
      const text = await bob.sees(TUIRoomEvents.onReceiveTextMessage);
      assert.equal(text.roomId, ROOM);
      assert.equal(text.textContent, 'hello');
      assert.deepEqual(text.extensionInfo, { color: 'red' });
      assert.equal(text.sender.userId, 'ann');
      assert.equal(text.sender.userName, 'Ann');
      assert.equal(text.timestampInSecond, Math.floor(clock.now() / 1000));
      await ann.engine.sendCustomMessage({ businessId: 'gift-echo', data: '{"a":1}' });
      const custom = await owner.sees(TUIRoomEvents.onReceiveCustomMessage);
      assert.deepEqual([custom.businessId, custom.data, custom.sender.userId], ['gift-echo', '{"a":1}', 'ann']);
      assert.ok(custom.sequence > text.sequence);
      await settle();
      assert.equal(
        ann.all(TUIRoomEvents.onReceiveTextMessage).length + ann.all(TUIRoomEvents.onReceiveCustomMessage).length,
        0,
      );
    });

    it('gifts: catalog, unknown gift, pre-verification (sync and async), then the gift and the totals to everyone', async () => {
      const { owner, ann, bob } = await scene();
      cloud.setGiftCatalog([
        {
          categoryID: 'c1',
          name: 'Basic',
          desc: '',
          extensionInfo: {},
          giftList: [
            {
              giftID: 'rose',
              name: 'Rose',
              desc: '',
              iconUrl: 'r.png',
              resourceUrl: '',
              level: 1,
              coins: 10,
              extensionInfo: {},
            },
          ],
        },
      ]);
      const list = await ann.gifts.getGiftList({ roomId: ROOM });
      assert.equal(list.giftCategoryList[0]!.giftList[0]!.giftID, 'rose');
      await fails(ann.gifts.sendGift({ roomId: ROOM, giftId: 'tank', count: 1 }), ENGINE_CODE.ERR_GIFT_NOT_EXIST);
      const asked: string[] = [];
      cloud.giftPreVerification = (userId, gift, count) => (
        asked.push(`${userId} ${gift.giftID} ${count}`),
        userId !== 'bob'
      );
      await fails(
        bob.gifts.sendGift({ roomId: ROOM, giftId: 'rose', count: 1 }),
        ENGINE_CODE.ERR_GIFT_SERVER_PRE_VERIFICATION_FAILED,
      );
      cloud.giftPreVerification = async (userId) => {
        await Promise.resolve();
        return userId === 'ann';
      };
      await ann.gifts.sendGift({ roomId: ROOM, giftId: 'rose', count: 3 });
      for (const p of [owner, ann, bob]) {
        const gift = await p.sees(TUILiveGiftManagerEvents.onReceiveGiftMessage);
        assert.deepEqual([gift.roomId, gift.giftInfo.giftID, gift.count, gift.sender.userId], [ROOM, 'rose', 3, 'ann']);
        assert.deepEqual(await p.sees(TUILiveGiftManagerEvents.onGiftCountChanged), {
          roomId: ROOM,
          totalGiftsSent: 3,
          totalGiftCoins: 30,
          totalUniqueGiftSenders: 1,
        });
      }
      assert.deepEqual(asked, ['bob rose 1']);
      assert.deepEqual(await bob.gifts.getGiftCountByAnchor({ roomId: ROOM }), {
        totalGiftCoins: 30,
        totalGiftsSent: 3,
        totalUniqueGiftSenders: 1,
      });
      const outsider = await person('outsider');
      await fails(
        outsider.gifts.sendGift({ roomId: ROOM, giftId: 'rose', count: 1 }),
        ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM,
      );
    });

    it('likes: the running total to everyone, the sender included', async () => {
      const { owner, ann, bob } = await scene();
      await ann.gifts.sendLikes({ roomId: ROOM, count: 2 });
      await bob.gifts.sendLikes({ roomId: ROOM, count: 5 });
      for (const p of [owner, ann, bob])
        await p.sees(
          TUILiveGiftManagerEvents.onReceiveLikesMessage,
          (e) => e.totalLikesReceived === 7 && e.sender.userId === 'bob',
        );
      assert.deepEqual(await owner.gifts.getLikesCount({ roomId: ROOM }), { totalLikesReceived: 7 });
      await fails(ann.gifts.sendLikes({ roomId: ROOM, count: 0 }), ENGINE_CODE.ERR_INVALID_PARAMETER);
    });

    it("follows and profiles answer with Chat's shapes", async () => {
      const ann = await person('ann', { name: 'Ann' });
      const bob = await person('bob', { name: 'Bob' });
      const followed = await ann.chat.followUser(['bob']);
      assert.deepEqual(followed, { code: 0, data: [{ userID: 'bob', resultCode: 0, resultInfo: '' }] });
      await bob.chat.followUser(['ann']);
      const info = await ann.chat.getUserFollowInfo(['bob', 'ann']);
      assert.deepEqual(info, {
        code: 0,
        data: [
          { followersCount: 1, followingCount: 1, mutualFollowersCount: 1 },
          { followersCount: 1, followingCount: 1, mutualFollowersCount: 1 },
        ],
      });
      assert.deepEqual((await ann.chat.checkFollowType(['bob'])).data, [
        { userID: 'bob', followType: FOLLOW_TYPE.IN_BOTH },
      ]);
      await ann.chat.unfollowUser(['bob']);
      assert.deepEqual((await ann.chat.checkFollowType(['bob'])).data, [
        { userID: 'bob', followType: FOLLOW_TYPE.IN_MY_FOLLOWERS_LIST },
      ]);
      assert.deepEqual(
        (await ann.chat.getUserFollowInfo()).data,
        [{ followersCount: 1, followingCount: 0, mutualFollowersCount: 0 }],
        'no IDs: the signed-in user',
      );
      const profiles = await ann.chat.getUserProfile({ userIDList: ['bob', 'ghost'] });
      assert.equal(profiles.code, 0);
      assert.deepEqual(
        profiles.data.map((p: Payload) => [p.userID, p.nick, p.avatar]),
        [['bob', 'Bob', 'https://a/bob.png']],
      );
      const { TUIRoomEngine } = cloud.sdk();
      await assert.rejects(new TUIRoomEngine().getTIM().followUser(['x']), { code: CHAT_CODE.SDK_NOT_READY });
    });
  });

  describe('audio', () => {
    it('hasAudio while seated, open and unmuted, to everyone (the user too)', async () => {
      const { owner, ann } = await scene();
      await ann.engine.openLocalMicrophone();
      await settle();
      assert.equal(owner.all(TUIRoomEvents.onUserAudioStateChanged).length, 0, 'not seated: nothing published');
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      for (const p of [owner, ann])
        assert.deepEqual(await p.sees(TUIRoomEvents.onUserAudioStateChanged), {
          userId: 'ann',
          hasAudio: true,
          reason: TUIChangeReason.kChangedBySelf,
        });
      await ann.engine.muteLocalAudio();
      await owner.sees(TUIRoomEvents.onUserAudioStateChanged, (p) => !p.hasAudio);
      await ann.engine.unmuteLocalAudio();
      await until(() => owner.all(TUIRoomEvents.onUserAudioStateChanged).length === 3, 'unmuted');
      await ann.engine.leaveSeat();
      await until(() => owner.all(TUIRoomEvents.onUserAudioStateChanged).length === 4, 'left the seat');
      assert.equal(owner.last(TUIRoomEvents.onUserAudioStateChanged).hasAudio, false);
      await ann.engine.closeLocalMicrophone();
    });

    it('speak() drives onUserVoiceVolumeChanged on the clock, with a last report at 0', async () => {
      const { owner, ann, bob } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await ann.engine.openLocalMicrophone();
      await owner.sees(TUIRoomEvents.onUserAudioStateChanged);
      cloud.speak('ann', 70);
      clock.advance(VOLUME_INTERVAL_MS);
      const report = await bob.sees(TUIRoomEvents.onUserVoiceVolumeChanged);
      assert.deepEqual(report, { userVolumeList: [{ userId: 'ann', volume: 70 }] });
      clock.advance(VOLUME_INTERVAL_MS * 2);
      await until(() => bob.all(TUIRoomEvents.onUserVoiceVolumeChanged).length === 3, 'two more reports');
      cloud.speak('ann', 0);
      clock.advance(VOLUME_INTERVAL_MS * 5);
      await settle();
      assert.deepEqual(bob.last(TUIRoomEvents.onUserVoiceVolumeChanged), {
        userVolumeList: [{ userId: 'ann', volume: 0 }],
      });
      assert.equal(bob.all(TUIRoomEvents.onUserVoiceVolumeChanged).length, 4, 'stops after the last report');
    });

    it('blockAutoplay → onAutoPlayFailed with resume(); local playback settings are recorded', async () => {
      const { ann, bob } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await ann.engine.openLocalMicrophone();
      await bob.sees(TUIRoomEvents.onUserAudioStateChanged);
      cloud.blockAutoplay('bob');
      const failed = await bob.sees(TUIRoomEvents.onAutoPlayFailed);
      assert.equal(failed.userId, 'ann');
      failed.resume();
      assert.equal(bob.double.autoplayResumes, 1);
      await bob.engine.muteRemoteAudioStream({ userId: 'ann', isMute: true });
      await bob.engine.setAudioPlayoutVolume({ volume: 40 });
      await bob.engine.setCurrentSpeakerDevice({ deviceId: 'headset' });
      assert.deepEqual(
        [[...bob.double.remoteAudioMuted], bob.double.playoutVolume, bob.double.speakerDeviceId],
        [['ann'], 40, 'headset'],
      );
      await fails(bob.engine.setAudioPlayoutVolume({ volume: 151 }), ENGINE_CODE.ERR_INVALID_PARAMETER);
      assert.ok(cloud.calls.some((c) => c.userId === 'bob' && c.api === 'setCurrentSpeakerDevice'));
    });
  });

  describe('network and presence', () => {
    it('offline: calls wait, events stop; back within the heartbeat: one catch-up seat list, the count, then the calls', async () => {
      const { owner, ann, bob } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await ann.sees(TUIRoomEvents.onSeatListChanged);
      cloud.setOnline('ann', false);
      let answered = false;
      const pending = ann.engine.getSeatList().finally(() => (answered = true));
      await bob.engine.takeSeat({ seatIndex: 2, timeout: 0 });
      await owner.sees(TUIRoomEvents.onSeatListChanged, (p) => seatOf(p.seatList, 'bob') === 2);
      clock.advance(29_000);
      await settle();
      assert.equal(answered, false, 'the call waits');
      assert.equal(ann.all(TUIRoomEvents.onSeatListChanged).length, 1, 'no events while offline');
      assert.equal(owner.all(TUIRoomEvents.onRemoteUserLeaveRoom).length, 0, 'presence kept');
      cloud.setOnline('ann', true);
      const catchUp = await ann.sees(TUIRoomEvents.onSeatListChanged, (p) => seatOf(p.seatList, 'bob') === 2);
      assert.deepEqual(
        catchUp.seatedList.map((s: Payload) => s.userId),
        ['bob'],
      );
      assert.deepEqual(catchUp.leftList, []);
      await ann.sees(TUIRoomEvents.onRoomUserCountChanged, (p) => p.userCount === 4);
      assert.equal(seatOf(await pending, 'ann'), 1);
      clock.advance(60_000);
      await settle();
      assert.equal(owner.all(TUIRoomEvents.onRemoteUserLeaveRoom).length, 0);
    });

    it('offline past the heartbeat: the user leaves (seat freed); back, they learn they were dropped', async () => {
      const { owner, ann } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      cloud.setOnline('ann', false);
      clock.advance(30_000);
      await owner.sees(TUIRoomEvents.onSeatListChanged, (p) => p.leftList.some((s: Payload) => s.userId === 'ann'));
      await owner.sees(TUIRoomEvents.onRemoteUserLeaveRoom, (p) => p.userInfo.userId === 'ann');
      const pending = fails(ann.engine.getSeatList(), ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM);
      cloud.setOnline('ann', true);
      const dropped = await ann.sees(TUIRoomEvents.onKickedOutOfRoom);
      assert.equal(dropped.reason, TUIKickedOutOfRoomReason.kJoinRoomStatusInvalidDuringOffline);
      await pending;
      await ann.live.joinLive(ROOM);
    });

    it('outcomes reached while offline (accepted application, dismissed room) arrive on reconnection', async () => {
      const { owner, ann } = await scene({ seatMode: TUISeatMode.kApplyToTake });
      const request = await ann.engine.takeSeat({ seatIndex: 2, timeout: 0, requestCallback: ann.cb });
      await owner.sees(TUIRoomEvents.onRequestReceived);
      cloud.setOnline('ann', false);
      await owner.engine.responseRemoteRequest({ requestId: request.requestId, agree: true });
      await owner.live.stopLive();
      await settle();
      assert.equal(ann.callbacks.length, 0);
      cloud.setOnline('ann', true);
      assert.equal((await ann.called(TUIRequestCallbackType.kRequestAccepted)).userId, 'owner');
      assert.equal((await ann.sees(TUIRoomEvents.onRoomDismissed)).reason, TUIRoomDismissedReason.kByOwner);
      await fails(ann.engine.getSeatList(), ENGINE_CODE.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM);
    });

    it('an owner whose heartbeat lapses leaves like anyone, but the room stays', async () => {
      const { owner, ann } = await scene({ keepOwnerOnSeat: true });
      cloud.setOnline('owner', false);
      clock.advance(30_000);
      await ann.sees(TUIRoomEvents.onRemoteUserLeaveRoom, (p) => p.userInfo.userId === 'owner');
      assert.equal((await ann.engine.fetchRoomInfo()).roomOwner, 'owner');
      cloud.setOnline('owner', true);
      await owner.sees(
        TUIRoomEvents.onKickedOutOfRoom,
        (p) => p.reason === TUIKickedOutOfRoomReason.kJoinRoomStatusInvalidDuringOffline,
      );
      await owner.live.joinLive(ROOM);
      assert.equal((await owner.engine.getUserInfo({ userId: 'owner' })).userRole, TUIRole.kRoomOwner);
    });

    it('destroy() leaves the room at once and ends the events', async () => {
      const { owner, ann, bob } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await settle();
      ann.clear();
      ann.engine.destroy();
      await owner.sees(TUIRoomEvents.onRemoteUserLeaveRoom, (p) => p.userInfo.userId === 'ann');
      await owner.sees(TUIRoomEvents.onSeatListChanged, (p) => p.leftList.some((s: Payload) => s.userId === 'ann'));
      await bob.engine.sendTextMessage({ textContent: 'anyone?', extensionInfo: {} });
      await owner.sees(TUIRoomEvents.onReceiveTextMessage);
      await settle();
      assert.deepEqual(ann.events, []);
      await fails(ann.engine.getSeatList(), ENGINE_CODE.ERR_SDK_NOT_INITIALIZED);
    });

    it('login waits while offline; notices missed offline arrive on reconnection', async () => {
      const owner = await person('owner');
      await start(owner);
      const ann = await person('ann');
      await ann.live.joinLive(ROOM);
      cloud.setOnline('ann', false);
      await owner.engine.kickRemoteUserOutOfRoom({ userId: 'ann' });
      const sdk = cloud.sdk();
      let loggedIn = false;
      const login = sdk.TUIRoomEngine.login({
        sdkAppId: APP,
        userId: 'ann',
        userSig: engineUserSig(APP, 'ann', clock.now() + DAY),
      }).then(() => (loggedIn = true));
      await settle();
      assert.equal(loggedIn, false);
      assert.equal(ann.all(TUIRoomEvents.onKickedOutOfRoom).length, 0);
      cloud.setOnline('ann', true);
      await ann.sees(TUIRoomEvents.onKickedOutOfRoom, (p) => p.reason === TUIKickedOutOfRoomReason.kKickedByAdmin);
      await login;
      await ann.sees(TUIRoomEvents.onKickedOffLine);
    });
  });

  describe('REST levers', () => {
    it("a customer's server sees and changes the same seat table", async () => {
      const { owner, ann, bob } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      const list = cloud.rest.getSeatList(ROOM);
      assert.equal(list.ActionStatus, 'OK');
      assert.deepEqual(list.Response!.SeatList[1], {
        Index: 1,
        Member_Account: 'ann',
        IsTakenDisabled: false,
        IsVideoDisabled: false,
        IsAudioDisabled: false,
      });
      assert.equal(cloud.rest.getSeatList('nope').ErrorCode, ENGINE_CODE.ERR_ROOM_ID_NOT_EXIST);

      assert.equal(cloud.rest.kickUserOffSeat(ROOM, 'ann').ErrorCode, 0);
      const kicked = await ann.sees(TUIRoomEvents.onKickedOffSeat);
      assert.equal(kicked.userInfo.userId, REST_OPERATOR);
      await owner.sees(TUIRoomEvents.onSeatListChanged, (p) => p.leftList.some((s: Payload) => s.userId === 'ann'));
      assert.equal(cloud.rest.kickUserOffSeat(ROOM, 'ann').ErrorCode, ENGINE_CODE.ERR_USER_NOT_IN_SEAT);

      assert.equal(cloud.rest.pickUserOnSeat(ROOM, 4, 'bob').ErrorCode, 0);
      await bob.sees(TUIRoomEvents.onSeatListChanged, (p) => seatOf(p.seatList, 'bob') === 4);
      assert.equal(cloud.rest.lockSeat(ROOM, 4, true).ErrorCode, 0);
      await bob.sees(TUIRoomEvents.onKickedOffSeat);
      assert.equal(cloud.rest.getSeatList(ROOM).Response!.SeatList[4]!.IsTakenDisabled, true);
      await fails(bob.engine.takeSeat({ seatIndex: 4, timeout: 0 }), ENGINE_CODE.ERR_SEAT_LOCKED);

      assert.equal(cloud.rest.destroyRoom(ROOM).ErrorCode, 0);
      for (const p of [owner, ann, bob])
        assert.equal((await p.sees(TUIRoomEvents.onRoomDismissed)).reason, TUIRoomDismissedReason.kByServer);
    });
  });

  describe('delivery', () => {
    it('events reach each instance in the order the cloud made them', async () => {
      const { owner, ann, bob } = await scene();
      await ann.engine.takeSeat({ seatIndex: 1, timeout: 0 });
      await ann.engine.openLocalMicrophone();
      await ann.engine.sendTextMessage({ textContent: 'one', extensionInfo: {} });
      await ann.engine.moveToSeat({ targetSeatIndex: 2 });
      await ann.engine.sendTextMessage({ textContent: 'two', extensionInfo: {} });
      await until(() => bob.all(TUIRoomEvents.onReceiveTextMessage).length === 2, 'both messages');
      await until(() => owner.all(TUIRoomEvents.onReceiveTextMessage).length === 2, 'both messages');
      for (const p of [owner, bob]) {
        assert.deepEqual(p.names(), [
          TUIRoomEvents.onSeatListChanged,
          TUIRoomEvents.onUserAudioStateChanged,
          TUIRoomEvents.onReceiveTextMessage,
          TUIRoomEvents.onSeatListChanged,
          TUIRoomEvents.onReceiveTextMessage,
        ]);
      }
    });
  });
});
