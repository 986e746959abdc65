// The Tencent backend over the RoomEngine cloud double, for what the shared room contract does not cover: told as
// what a user would notice. Network trouble (an offline sign-in, a command whose answer never comes), credentials
// (expired, forged, garbage from the provider, a UserSig running out in the room), a second tab of the same person,
// the Live REST API acting on the same seat table, the engine's audio (levels, autoplay, seat audio lock, self-mute),
// Tencent's gift model (host only, the console's catalog), barrage order by sequence, and inputs an attacker would
// try (wrong types through `backend.send`, forged custom messages from a modified client).
//
// Time: room deadlines run on the harness's manual clock; the backend's network limits (signInTimeoutMs,
// commandTimeoutMs) run on real time, so those tests set them small. Every wait is a condition (`until`).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Observable } from 'rxjs';
import {
  FANS_BUSINESS_ID,
  MUTE_BUSINESS_ID,
  REQUEST_BUSINESS_ID,
  type TencentBackend,
  type TencentBackendOptions,
  type TencentCredentials,
  createTencentBackend,
} from '../../../src/backends/tencent/engine-backend.js';
import type { EngineInstance, EngineSdk, GiftCategory } from '../../../src/backends/tencent/engine-sdk.js';
import type { MicrophoneSource } from '../../../src/media/microphone.js';
import type { CommandType } from '../../../src/model/commands.js';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import type { UserInfo } from '../../../src/model/user.js';
import { type Room, createRoom } from '../../../src/store/room.js';
import { type EngineHarness, makeEngineHarness, until } from '../../contract/engine-harness.js';
import { VOLUME_INTERVAL_MS } from '../../doubles/tencent/engine-cloud.js';
import { engineUserSig } from '../../doubles/tencent/engine-codes.js';

const DAY = 86_400_000;

const user = (userId: string, userName: string): UserInfo => ({ userId, userName, avatarUrl: '' });
const AVA = user('ava', 'Ava Chen');
const BEN = user('ben', 'Ben Ito');
const CAI = user('cai', 'Cai Wu');

/** A microphone that opens at once (Node has no getUserMedia): the store then asks the engine to open its own. */
class FakeMic implements MicrophoneSource {
  track: MediaStreamTrack | null = null;
  async acquire(): Promise<MediaStreamTrack> {
    this.track ??= { enabled: true, readyState: 'live', kind: 'audio', stop() {} } as unknown as MediaStreamTrack;
    return this.track;
  }
  release(): void {
    this.track = null;
  }
}

/** The current value of a store observable (they replay the current state synchronously). */
function current<T>(source$: Observable<T>): T {
  let value: { v: T } | null = null;
  source$.subscribe((v) => (value = { v })).unsubscribe();
  assert.ok(value, 'the observable has a current value');
  return (value as { v: T }).v;
}

async function rejectsWith(promise: Promise<unknown>, code: number, what: string): Promise<RoomError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RoomError, `${what}: rejects with a RoomError (got ${String(error)})`);
    assert.equal(error.code, code, `${what}: code ${error.code} (${error.message})`);
    return error;
  }
  assert.fail(`${what}: expected to fail with ${code}, but it succeeded`);
}

/** How long a promise takes to settle (real time), and how. */
/** Times `start()` from before it is called: the limit's timer starts inside the call. */
async function timed(start: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await start();
    return { ms: Date.now() - started, error: null };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

const seatHolder = (room: Room, index: number): string | null =>
  room.state.snapshot?.seats[index]?.user?.userId ?? null;
const barrageTexts = (room: Room): string[] => (room.state.snapshot?.barrage ?? []).map((m) => m.text);

describe('tencent backend (RoomEngine double): beyond the contract', () => {
  let h: EngineHarness;
  /** Clients made here with options of their own (closed after each test, like the harness's). */
  let own: { room: Room; backend: TencentBackend }[];

  beforeEach(async () => {
    h = await makeEngineHarness();
    own = [];
  });
  afterEach(async () => {
    for (const { room, backend } of own) {
      room.dispose();
      await backend.close();
    }
    await h.close();
    assert.deepEqual(h.cloud.listenerErrors, [], 'no backend listener threw');
  });

  /** A UserSig the double accepts, valid for `ms` on the cloud's clock. */
  const sig = (userId: string, ms = DAY) => engineUserSig(h.cloud.sdkAppId, userId, h.clock.now() + ms);
  const goodCredentials = (who: UserInfo) => async (): Promise<TencentCredentials> => ({
    sdkAppId: h.cloud.sdkAppId,
    userId: who.userId,
    userSig: sig(who.userId),
  });

  /** A client over a backend made here, with options of its own (credentials, time limits, a microphone). */
  function clientWith(
    who: UserInfo,
    options: Partial<TencentBackendOptions> & { microphone?: MicrophoneSource | null } = {},
  ) {
    const sdk = h.cloud.sdk();
    const { microphone = null, ...backendOptions } = options;
    const backend = createTencentBackend({
      credentials: goodCredentials(who),
      sdk: async () => sdk,
      wallet: h.wallet,
      clock: h.clock,
      signInTimeoutMs: 3_000,
      commandTimeoutMs: 3_000,
      ...backendOptions,
    });
    const room = createRoom({ backend, roomId: h.roomId, user: who, clock: h.clock, microphone });
    own.push({ room, backend });
    return { room, backend, sdk };
  }

  /** The owner's room (free seats, 8 of them) and listeners who joined it, everybody seeing everybody. */
  async function scene(listeners: readonly UserInfo[] = [BEN, CAI], seatMode: 'free' | 'apply' = 'free') {
    const owner = await h.client(AVA);
    await owner.start({ roomName: 'Night radio', seatMode, seatCount: 8 });
    const rooms: Room[] = [];
    for (const who of listeners) {
      const room = await h.client(who);
      await room.join();
      rooms.push(room);
    }
    const all = [owner, ...rooms];
    await until(() => all.every((r) => r.state.snapshot?.audience.total === all.length), 'everyone sees everyone');
    return { owner, listeners: rooms, all };
  }

  /** A modified client: the engine SDK driven directly (no kit rules), signed in as `userId` and in the room. */
  async function rawEngine(userId: string): Promise<EngineInstance> {
    const sdk: EngineSdk = h.cloud.sdk();
    await sdk.TUIRoomEngine.login({ sdkAppId: h.cloud.sdkAppId, userId, userSig: sig(userId) });
    const engine = new sdk.TUIRoomEngine();
    await engine.getLiveListManager().joinLive(h.roomId);
    return engine;
  }

  const callsOf = (userId: string, api: string) => h.cloud.calls.filter((c) => c.userId === userId && c.api === api);

  /** After refused gifts: the cloud was never asked, the sender kept `balance`, and no client counted a gift. */
  async function noGiftWentOut(sender: Room, balance: number, all: readonly Room[]): Promise<void> {
    assert.equal(callsOf(sender.user.userId, 'sendGift').length, 0, 'the cloud was not asked');
    assert.equal(await sender.refreshBalance(), balance, 'nothing charged');
    await h.settle!(all);
    for (const r of all) assert.equal(r.state.snapshot!.gifts.count, 0, `${r.user.userName}: no gift counted`);
  }

  // ---- network ----

  describe('network', () => {
    it('offline at sign-in: join fails TIMEOUT after signInTimeoutMs, the page shows why and is not half-joined; retry works once back', async () => {
      const owner = await h.client(AVA);
      await owner.start({ roomName: 'Night radio', seatMode: 'free', seatCount: 8 });
      h.cloud.setOnline(BEN.userId, false);
      const { room: ben } = clientWith(BEN, { signInTimeoutMs: 300, commandTimeoutMs: 300 });

      const { ms, error } = await timed(() => ben.join());
      assert.ok(
        error instanceof RoomError && error.code === ErrorCode.TIMEOUT,
        `join rejects TIMEOUT (got ${String(error)})`,
      );
      assert.ok(ms >= 250, `not before the limit (${ms} ms)`);
      assert.ok(ms < 10_000, `the small limit, not the SDK's endless wait or the 15 s default (${ms} ms)`);
      assert.equal(ben.state.phase, 'failed', 'the page says the join failed');
      assert.equal(ben.state.failure?.code, ErrorCode.TIMEOUT, 'and why');
      assert.equal(ben.state.connection, 'disconnected', 'not left "connecting"');
      assert.equal(ben.state.snapshot, null, 'no room shown');
      await h.settle!([owner]);
      assert.equal(owner.state.snapshot?.audience.total, 1, 'the owner never saw Ben come in');
      assert.equal(h.cloud.rooms.get(h.roomId)!.members.has(BEN.userId), false, 'the cloud has no half-joined Ben');

      h.cloud.setOnline(BEN.userId, true);
      await ben.retry();
      assert.equal(ben.state.phase, 'live', 'retry joins once the network is back');
      assert.equal(ben.state.connection, 'connected');
      await until(() => owner.state.snapshot?.audience.total === 2, 'the owner sees Ben now');
    });

    it('offline in the room: a command whose answer never comes fails TIMEOUT after commandTimeoutMs; nobody sees a change', async () => {
      const {
        owner,
        listeners: [cai],
      } = await scene([CAI]);
      const { room: ben } = clientWith(BEN, { commandTimeoutMs: 500 });
      await ben.join();
      await until(() => owner.state.snapshot?.audience.total === 3, 'the owner sees Ben');
      const before = owner.state.snapshot!.version;

      h.cloud.setOnline(BEN.userId, false);
      const { ms, error } = await timed(() => ben.takeSeat(2));
      assert.ok(
        error instanceof RoomError && error.code === ErrorCode.TIMEOUT,
        `takeSeat rejects TIMEOUT (got ${String(error)})`,
      );
      assert.ok(ms >= 450 && ms < 10_000, `after commandTimeoutMs (${ms} ms)`);
      await rejectsWith(ben.sendBarrage('anyone there?'), ErrorCode.TIMEOUT, 'a message sent offline');
      assert.equal(ben.isPending('seat.take'), false, 'no spinner left behind');
      assert.equal(seatHolder(ben, 2), null, 'Ben does not see himself seated');
      await h.settle!([owner, cai!]);
      for (const r of [owner, cai!]) {
        assert.equal(seatHolder(r, 2), null, `${r.user.userName}: seat 2 still empty`);
        assert.deepEqual(barrageTexts(r), [], `${r.user.userName}: no message`);
      }
      assert.equal(owner.state.snapshot!.version, before, "the owner's room did not change at all");

      // Back online, the SDK finishes what it held (a TIMEOUT means "not known", its message says it may still
      // arrive): what everyone else sees, Ben sees too, with the same message in the same place.
      h.cloud.setOnline(BEN.userId, true);
      await until(() => barrageTexts(owner).includes('anyone there?'), 'the held message reaches the owner');
      await until(() => barrageTexts(ben).includes('anyone there?'), "and shows on Ben's own page");
      const id = (r: Room) => r.state.snapshot!.barrage.find((m) => m.text === 'anyone there?')!.messageId;
      assert.equal(id(ben), id(owner), 'one message, one ID');
      await until(
        () => seatHolder(ben, 2) === BEN.userId && seatHolder(owner, 2) === BEN.userId,
        'the held take lands on every page alike',
      );
    });
  });

  // ---- credentials ----

  describe('credentials', () => {
    it('an expired or forged UserSig: join fails NOT_LOGGED_IN (Chat 70001 / 70003) and the page says so', async () => {
      const owner = await h.client(AVA);
      await owner.start({ roomName: 'Night radio', seatMode: 'free' });
      const cases: Array<[string, () => string]> = [
        ['expired (70001)', () => sig(BEN.userId, -1)],
        ['forged (70003)', () => 'eJyrVkrNKVGyUkpJzUvOT0lVslIqS8wpTgUAVz4Hvw__'],
      ];
      for (const [what, userSig] of cases) {
        const { room } = clientWith(BEN, {
          credentials: async () => ({ sdkAppId: h.cloud.sdkAppId, userId: BEN.userId, userSig: userSig() }),
        });
        const error = await rejectsWith(room.join(), ErrorCode.NOT_LOGGED_IN, what);
        assert.ok(error.message.length > 0, `${what}: a message for the user`);
        assert.equal(room.state.phase, 'failed', `${what}: phase`);
        assert.equal(room.state.failure?.code, ErrorCode.NOT_LOGGED_IN, `${what}: failure`);
        assert.equal(room.state.connection, 'disconnected', `${what}: connection`);
      }
      assert.equal(callsOf(BEN.userId, 'joinLive').length, 0, 'no join was attempted without a session');
    });

    it("a provider returning garbage: missing UserSig → NOT_LOGGED_IN, another user's ID → INVALID_PARAMETER; nothing reaches the cloud", async () => {
      const owner = await h.client(AVA);
      await owner.start({ roomName: 'Night radio', seatMode: 'free' });
      const garbage: Array<[string, () => Promise<TencentCredentials>, number]> = [
        [
          'no userSig',
          async () => ({ sdkAppId: h.cloud.sdkAppId, userId: BEN.userId }) as unknown as TencentCredentials,
          ErrorCode.NOT_LOGGED_IN,
        ],
        [
          'empty userSig',
          async () => ({ sdkAppId: h.cloud.sdkAppId, userId: BEN.userId, userSig: '' }),
          ErrorCode.NOT_LOGGED_IN,
        ],
        [
          'sdkAppId as a string',
          async () =>
            ({
              sdkAppId: String(h.cloud.sdkAppId),
              userId: BEN.userId,
              userSig: sig(BEN.userId),
            }) as unknown as TencentCredentials,
          ErrorCode.NOT_LOGGED_IN,
        ],
        ['null', async () => null as unknown as TencentCredentials, ErrorCode.NOT_LOGGED_IN],
        [
          "another user's ID",
          async () => ({ sdkAppId: h.cloud.sdkAppId, userId: CAI.userId, userSig: sig(CAI.userId) }),
          ErrorCode.INVALID_PARAMETER,
        ],
      ];
      for (const [what, credentials, code] of garbage) {
        const { room } = clientWith(BEN, { credentials });
        await rejectsWith(room.join(), code, what);
        assert.equal(room.state.phase, 'failed', `${what}: phase`);
        assert.equal(room.state.connection, 'disconnected', `${what}: connection`);
      }
      assert.equal(
        h.cloud.calls.filter((c) => c.api === 'login' && c.userId !== AVA.userId).length,
        0,
        'no sign-in was attempted with them',
      );
    });

    it('a provider that never answers: join fails TIMEOUT after signInTimeoutMs', async () => {
      const { room } = clientWith(BEN, {
        credentials: () => new Promise<TencentCredentials>(() => undefined),
        signInTimeoutMs: 300,
      });
      const { ms, error } = await timed(() => room.join());
      assert.ok(error instanceof RoomError && error.code === ErrorCode.TIMEOUT, `TIMEOUT (got ${String(error)})`);
      assert.ok(ms >= 250 && ms < 10_000, `after the limit (${ms} ms)`);
      assert.equal(room.state.phase, 'failed');
    });

    it('a UserSig is fetched a minute before it expires, and the engine signs in with it when Tencent says so', async () => {
      const owner = await h.client(AVA);
      await owner.start({ roomName: 'Night radio', seatMode: 'free' });
      let asked = 0;
      const { room: ben } = clientWith(BEN, {
        credentials: async () => {
          asked += 1;
          // The first one expires (wall clock) in a minute and 300 ms; the double expires it on its own clock.
          return asked === 1
            ? {
                sdkAppId: h.cloud.sdkAppId,
                userId: BEN.userId,
                userSig: sig(BEN.userId, 600_000),
                expiresAt: Date.now() + 60_300,
              }
            : {
                sdkAppId: h.cloud.sdkAppId,
                userId: BEN.userId,
                userSig: sig(BEN.userId, DAY),
                expiresAt: Date.now() + DAY,
              };
        },
      });
      await ben.join();
      await until(() => asked === 2, 'the provider is asked ahead of the expiry', 5_000);
      assert.equal(ben.state.connection, 'connected', 'nothing interrupted');
      await h.advance(600_000);
      await until(
        () => h.cloud.calls.filter((c) => c.userId === BEN.userId && c.api === 'login').length === 2,
        'signed in again when the old one expired',
      );
      await until(() => ben.state.connection === 'connected', 'connected again');
      assert.equal(asked, 2, 'with the UserSig fetched ahead: the provider was not asked a third time');
      await ben.sendBarrage('renewed');
      await until(() => barrageTexts(owner).includes('renewed'), 'the owner hears from him');
      await ben.backend.close();
    });

    it('the UserSig runs out in the room: the provider is asked again and the page stays in, seat and all', async () => {
      const owner = await h.client(AVA);
      await owner.start({ roomName: 'Night radio', seatMode: 'free', seatCount: 8 });
      let asked = 0;
      const connections: string[] = [];
      const { room: ben } = clientWith(BEN, {
        credentials: async () => {
          asked += 1;
          return {
            sdkAppId: h.cloud.sdkAppId,
            userId: BEN.userId,
            userSig: sig(BEN.userId, asked === 1 ? 600_000 : DAY),
          };
        },
      });
      ben.connection$.subscribe((c) => connections.push(c));
      await ben.join();
      await ben.takeSeat(3);
      await until(() => seatHolder(owner, 3) === BEN.userId, 'the owner sees Ben on seat 3');
      assert.equal(asked, 1);

      await h.advance(600_000);
      await until(() => asked === 2, 'the provider is asked for a new UserSig');
      await until(
        () => ben.state.connection === 'connected' && connections.includes('reconnecting'),
        'back to connected',
      );
      assert.equal(
        h.cloud.calls.filter((c) => c.userId === BEN.userId && c.api === 'login').length,
        2,
        'signed in again with it',
      );
      assert.equal(ben.state.phase, 'live');
      assert.equal(seatHolder(ben, 3), BEN.userId, 'still seated on his page');
      await ben.sendBarrage('still here');
      await until(() => barrageTexts(owner).includes('still here'), 'the owner hears from him');
      assert.equal(seatHolder(owner, 3), BEN.userId, 'and still sees him seated');
    });
  });

  // ---- two tabs ----

  describe('two tabs of one person', () => {
    it('the second tab takes over: the first shows displaced (SIGNED_IN_ELSEWHERE); takeOver() takes it back', async () => {
      const {
        owner,
        listeners: [cai],
      } = await scene([CAI]);
      const first = await h.client(BEN);
      await first.join();
      const errors: RoomError[] = [];
      first.error$.subscribe((e) => errors.push(e));
      const second = await h.client(BEN);
      await second.join();

      await until(() => first.state.connection === 'disconnected', 'the first tab is disconnected');
      assert.equal(first.state.displaced, true, 'the first tab knows another tab has the room');
      assert.ok(
        errors.some((e) => e.code === ErrorCode.SIGNED_IN_ELSEWHERE),
        'and says why (SIGNED_IN_ELSEWHERE)',
      );
      assert.equal(second.state.phase, 'live');
      assert.equal(second.state.connection, 'connected');
      assert.equal(second.state.displaced, false);
      await until(() => owner.state.snapshot?.audience.total === 3, 'the owner sees Ben once');
      await second.sendBarrage('from the second tab');
      await until(() => barrageTexts(owner).includes('from the second tab'), 'the second tab talks for Ben');

      // Meanwhile the room moves on: the first tab must show that once it is back, without waiting for more.
      await cai!.takeSeat(3);
      await until(() => seatHolder(second, 3) === CAI.userId, 'the second tab sees Cai seated');

      await first.takeOver();
      await until(
        () => second.state.displaced && second.state.connection === 'disconnected',
        'now the second tab is displaced',
      );
      await until(() => first.state.connection === 'connected' && !first.state.displaced, 'the first tab is back');
      assert.equal(first.state.phase, 'live');
      await until(
        () => seatHolder(first, 3) === CAI.userId,
        'the first tab shows what happened while it was displaced',
      );
      await first.sendBarrage('first tab again');
      await until(() => barrageTexts(owner).includes('first tab again'), 'the owner hears the first tab');
      assert.equal(owner.state.snapshot?.audience.total, 3, 'still one Ben in the audience');
    });

    it('taking the room back after it ended meanwhile fails, and the first tab stops showing a live room', async () => {
      const { owner } = await scene([]);
      const first = await h.client(BEN);
      await first.join();
      const second = await h.client(BEN);
      await second.join();
      await until(() => first.state.displaced, 'the first tab is displaced');
      await owner.end();
      await until(() => second.state.phase === 'ended', 'the second tab sees the room end');

      await rejectsWith(first.takeOver(), ErrorCode.ROOM_NOT_FOUND, 'taking back a room that is gone');
      await until(() => first.state.phase !== 'live', 'the first tab no longer shows a live room');
      assert.ok(['left', 'ended'].includes(first.state.phase), `out of the room (${first.state.phase})`);
      assert.equal(first.state.connection, 'connected', 'signed in again, just not in the room');
      assert.equal(first.state.displaced, false);
      assert.equal(second.state.displaced, true, 'the second tab was signed out by the take-over');
    });
  });

  // ---- Live REST API ----

  describe('Live REST API and the kit share one seat table', () => {
    it('kick off seat, lock, pick on seat from the REST API show on every client; destroy_room ends the room for all', async () => {
      const {
        owner,
        listeners: [ben],
      } = await scene([BEN]);
      const cai = await h.clientWith(CAI, { microphone: new FakeMic() });
      await cai.join();
      const all = [owner, ben!, cai];
      await until(() => all.every((r) => r.state.snapshot?.audience.total === 3), 'everyone sees everyone');
      await ben!.takeSeat(2);
      await until(() => all.every((r) => seatHolder(r, 2) === BEN.userId), 'everyone sees Ben on seat 2');

      assert.equal(h.cloud.rest.kickUserOffSeat(h.roomId, BEN.userId).ActionStatus, 'OK');
      await until(() => all.every((r) => seatHolder(r, 2) === null), 'everyone sees seat 2 empty');
      assert.equal(ben!.state.phase, 'live', 'Ben is off the seat, still in the room');

      assert.equal(h.cloud.rest.lockSeat(h.roomId, 3, true).ActionStatus, 'OK');
      await until(() => all.every((r) => r.state.snapshot?.seats[3]?.locked === true), 'everyone sees seat 3 locked');
      await rejectsWith(cai.takeSeat(3), ErrorCode.SEAT_LOCKED, 'taking the seat REST locked');

      assert.equal(h.cloud.rest.pickUserOnSeat(h.roomId, 5, CAI.userId).ActionStatus, 'OK');
      await until(() => all.every((r) => seatHolder(r, 5) === CAI.userId), 'everyone sees Cai put on seat 5');
      await until(
        () => callsOf(CAI.userId, 'openLocalMicrophone').length === 1,
        "Cai's page opens his microphone on the seat it was given",
      );
      await until(() => all.every((r) => current(r.seatAudio$)[5]!.hasAudio), 'and everyone hears him');

      // And the other way: what the kit does, the REST API reads.
      await owner.lockSeat(3, false);
      const rest = h.cloud.rest.getSeatList(h.roomId).Response!.SeatList;
      assert.equal(rest[3]!.IsTakenDisabled, false, "REST sees the kit's unlock");
      assert.equal(rest[5]!.Member_Account, CAI.userId);

      assert.equal(h.cloud.rest.destroyRoom(h.roomId).ActionStatus, 'OK');
      await until(() => all.every((r) => r.state.phase === 'ended'), 'every client shows the room ended');
      await rejectsWith(ben!.sendBarrage('hello?'), ErrorCode.ROOM_ENDED, 'a message into the destroyed room');
    });
  });

  // ---- audio ----

  describe('audio', () => {
    /** Owner, a listener, and Ben with a microphone seated on seat 2. */
    async function voiceScene() {
      const {
        owner,
        listeners: [cai],
      } = await scene([CAI]);
      const { room: ben } = clientWith(BEN, { microphone: new FakeMic() });
      await ben.join();
      await ben.takeSeat(2);
      await until(() => callsOf(BEN.userId, 'openLocalMicrophone').length === 1, "the engine opens Ben's microphone");
      const all = [owner, cai!, ben];
      await until(
        () => all.every((r) => seatHolder(r, 2) === BEN.userId && r.state.snapshot!.seats[2]!.selfMuted === false),
        'everyone sees Ben seated, unmuted',
      );
      return { owner, cai: cai!, ben, all };
    }

    it("a speaker's level shows on their seat for the others, and falls back to 0 when they stop", async () => {
      const { cai } = await voiceScene();
      const level = () => current(cai.levels$)[2] ?? 0;
      h.cloud.speak(BEN.userId, 60);
      await h.advance(VOLUME_INTERVAL_MS);
      await until(() => level() === 60, "Cai sees Ben's seat at level 60");
      assert.equal(cai.state.audio.levels[2], 60);
      assert.equal(current(cai.seatAudio$)[2]!.level, 60);
      assert.equal(current(cai.seatAudio$)[2]!.hasAudio, true, 'Ben is heard');
      assert.equal(current(cai.levels$)[1] ?? 0, 0, 'the empty seat next to him is quiet');

      h.cloud.speak(BEN.userId, 0);
      await h.advance(VOLUME_INTERVAL_MS);
      await until(() => level() === 0, 'the level falls back to 0');
      assert.equal(current(cai.seatAudio$)[2]!.level, 0);
    });

    it("autoplay blocked: the store says blocked, enableSound() resumes the engine's playback", async () => {
      const { cai } = await voiceScene();
      h.cloud.blockAutoplay(CAI.userId);
      await until(() => cai.state.audio.autoplay === 'blocked', "Cai's page knows the browser blocked sound");
      await cai.enableSound();
      const client = h.cloud.clientsOf(CAI.userId)[0]!;
      assert.equal(client.autoplayResumes, 1, "the engine's resume() was called");
      assert.equal(cai.state.audio.autoplay, 'playing');
      assert.equal(h.cloud.autoplayBlocked.has(CAI.userId), false);
    });

    it('seat audio lock: everyone sees it, the occupant is muted by it and cannot unmute (SEAT_AUDIO_LOCKED)', async () => {
      const { owner, ben, all } = await voiceScene();
      await owner.lockSeatAudio(2, true);
      await until(
        () => all.every((r) => r.state.snapshot!.seats[2]!.audioLocked),
        "everyone sees seat 2's audio locked",
      );
      await until(
        () => current(ben.mic$).status === 'muted' && current(ben.mic$).reason === 'locked',
        "Ben's mic shows muted by the lock",
      );
      for (const r of all)
        assert.equal(
          r.state.snapshot!.seats[2]!.selfMuted,
          false,
          `${r.user.userName}: the lock is not Ben's own mute`,
        );
      assert.equal(h.cloud.hasAudio(h.cloud.rooms.get(h.roomId)!, BEN.userId), false, 'the cloud stopped his audio');
      await rejectsWith(ben.setSelfMute(false), ErrorCode.SEAT_AUDIO_LOCKED, 'unmuting on an audio-locked seat');
      assert.equal(callsOf(BEN.userId, 'unmuteLocalAudio').length, 0, 'refused before asking the cloud');

      await owner.lockSeatAudio(2, false);
      await until(() => all.every((r) => !r.state.snapshot!.seats[2]!.audioLocked), 'everyone sees the lock lifted');
      await ben.setSelfMute(true);
      await until(() => all.every((r) => r.state.snapshot!.seats[2]!.selfMuted), 'everyone sees Ben mute himself');
      // A lock Ben's page has not heard of yet (set on the cloud's side): the cloud refuses with the same code.
      h.cloud.rooms.get(h.roomId)!.seats[2]!.audioLocked = true;
      await rejectsWith(
        ben.setSelfMute(false),
        ErrorCode.SEAT_AUDIO_LOCKED,
        'unmuting on a seat only the cloud knows is locked',
      );
      assert.equal(callsOf(BEN.userId, 'unmuteLocalAudio').length, 1, 'this time the cloud refused');
      await h.settle!(all);
      for (const r of all)
        assert.equal(r.state.snapshot!.seats[2]!.selfMuted, true, `${r.user.userName}: Ben still shown muted`);
    });

    it('self-mute: the other clients see the seat muted, then unmuted', async () => {
      const { ben, owner, cai } = await voiceScene();
      await ben.setSelfMute(true);
      await until(() => [owner, cai].every((r) => r.state.snapshot!.seats[2]!.selfMuted), 'the others see Ben muted');
      assert.equal(current(cai.seatAudio$)[2]!.hasAudio, false, 'and not heard');
      assert.equal(callsOf(BEN.userId, 'muteLocalAudio').length, 1, 'through the engine');
      await ben.setSelfMute(false);
      await until(
        () => [owner, cai].every((r) => r.state.snapshot!.seats[2]!.selfMuted === false),
        'the others see Ben unmuted',
      );
      await until(() => current(cai.seatAudio$)[2]!.hasAudio, 'and hear him again');
    });
  });

  // ---- gifts ----

  describe('gifts (Tencent: to the host only)', () => {
    it('a gift to another seated user fails INVALID_PARAMETER: nothing charged, nothing sent, nobody sees it', async () => {
      const {
        owner,
        listeners: [ben, cai],
        all,
      } = await scene([BEN, CAI]);
      await ben!.takeSeat(2);
      await until(() => seatHolder(cai!, 2) === BEN.userId, 'Cai sees Ben seated');
      const balance = await cai!.refreshBalance();
      await rejectsWith(
        cai!.sendGift({ giftId: 'rose', count: 1, receiverId: BEN.userId }),
        ErrorCode.INVALID_PARAMETER,
        'a gift to a seated listener',
      );
      await noGiftWentOut(cai!, balance, all);
      assert.equal(ben!.backend.giftReceivers, 'owner', 'the backend says gifts go to the owner');
      // To the host it goes through.
      await cai!.sendGift({ giftId: 'rose', count: 2, receiverId: AVA.userId });
      await until(() => owner.state.snapshot!.gifts.count === 2, 'the host receives it');
    });

    it("the catalog is the cloud's gift configuration: coins as price, SVGA resourceUrl as the animation", async () => {
      const categories: GiftCategory[] = [
        {
          categoryID: 'hot',
          name: 'Hot',
          desc: '',
          extensionInfo: {},
          giftList: [
            {
              giftID: 'heart',
              name: 'Heart',
              desc: '',
              iconUrl: 'https://cdn.example/heart.png',
              resourceUrl: 'https://cdn.example/heart.svga',
              level: 2,
              coins: 5,
              extensionInfo: {},
            },
            {
              giftID: 'star',
              name: 'Star',
              desc: '',
              iconUrl: 'https://cdn.example/star.png',
              resourceUrl: 'https://cdn.example/star.mp4',
              level: 1,
              coins: 1,
              extensionInfo: {},
            },
          ],
        },
        {
          categoryID: 'lux',
          name: 'Luxury',
          desc: '',
          extensionInfo: {},
          giftList: [
            {
              giftID: 'yacht',
              name: 'Yacht',
              desc: '',
              iconUrl: 'https://cdn.example/yacht.png',
              resourceUrl: 'https://cdn.example/yacht.SVGA?v=3',
              level: 5,
              coins: 5000,
              extensionInfo: {},
            },
            {
              giftID: 'heart',
              name: 'Heart',
              desc: '',
              iconUrl: 'https://cdn.example/heart.png',
              resourceUrl: 'https://cdn.example/heart.svga',
              level: 2,
              coins: 5,
              extensionInfo: {},
            },
          ],
        },
      ];
      h.cloud.setGiftCatalog(categories);
      const {
        listeners: [ben],
      } = await scene([BEN]);
      const catalog = current(ben!.gifts$);
      assert.deepEqual(
        catalog.map((g) => g.giftId),
        ['heart', 'star', 'yacht'],
        "each gift once, in the console's order",
      );
      const [heart, star, yacht] = catalog;
      assert.deepEqual(heart, {
        giftId: 'heart',
        name: 'Heart',
        iconUrl: 'https://cdn.example/heart.png',
        price: 5,
        level: 2,
        animationUrl: 'https://cdn.example/heart.svga',
        category: 'Hot',
      });
      assert.equal(star!.animationUrl, undefined, 'not an SVGA file: no animation');
      assert.equal(yacht!.animationUrl, 'https://cdn.example/yacht.SVGA?v=3');
      assert.equal(yacht!.price, 5000);
      assert.equal(yacht!.category, 'Luxury');
    });

    it('an unknown gift fails GIFT_NOT_FOUND without a cloud call; bad counts fail INVALID_PARAMETER', async () => {
      const {
        listeners: [ben],
        all,
      } = await scene([BEN]);
      const balance = await ben!.refreshBalance();
      await rejectsWith(
        ben!.sendGift({ giftId: 'unicorn', count: 1, receiverId: AVA.userId }),
        ErrorCode.GIFT_NOT_FOUND,
        'an unknown gift',
      );
      for (const count of [0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e9]) {
        await rejectsWith(
          ben!.sendGift({ giftId: 'rose', count, receiverId: AVA.userId }),
          ErrorCode.INVALID_PARAMETER,
          `count ${count}`,
        );
      }
      await rejectsWith(
        ben!.sendGift({ giftId: 'rose', count: 1, receiverId: BEN.userId }),
        ErrorCode.CANNOT_TARGET_SELF,
        'a gift to myself',
      );
      await noGiftWentOut(ben!, balance, all);
    });
  });

  // ---- barrage ----

  describe('barrage', () => {
    it('a message delivered late (a smaller sequence than one shown) is put in its place', async () => {
      const {
        owner,
        listeners: [ben],
      } = await scene([BEN]);
      await owner.sendBarrage('first');
      await until(() => barrageTexts(ben!).includes('first'), 'Ben has the first message');
      // Sequence 2 is taken by a message still on its way to Ben; sequence 3 overtakes it.
      const room = h.cloud.rooms.get(h.roomId)!;
      room.messageSeq += 1;
      const late = room.messageSeq;
      await owner.sendBarrage('third');
      await until(() => barrageTexts(ben!).includes('third'), 'Ben has the third message');
      const benClient = h.cloud.clientsOf(BEN.userId)[0]!;
      h.cloud.emitRoom(benClient, 'onReceiveTextMessage', {
        roomId: h.roomId,
        textContent: 'second',
        sender: h.cloud.userInfo(room, AVA.userId),
        sequence: late,
        extensionInfo: {},
        timestampInSecond: Math.floor(h.clock.now() / 1000),
      });
      await until(() => barrageTexts(ben!).length === 3, 'the late message arrives');
      assert.deepEqual(barrageTexts(ben!), ['first', 'second', 'third'], 'in sequence order, not arrival order');
      assert.deepEqual(
        ben!.state.snapshot!.barrage.map((m) => m.messageId),
        [1, 2, 3].map((s) => `${h.roomId}:${s}`),
      );
      // The same message delivered twice shows once.
      h.cloud.emitRoom(benClient, 'onReceiveTextMessage', {
        roomId: h.roomId,
        textContent: 'second',
        sender: h.cloud.userInfo(room, AVA.userId),
        sequence: late,
        extensionInfo: {},
        timestampInSecond: Math.floor(h.clock.now() / 1000),
      });
      await h.settle!([ben!]);
      assert.deepEqual(barrageTexts(ben!), ['first', 'second', 'third'], 'a duplicate delivery is dropped');
    });

    it("a muted member's message fails MEMBER_MUTED and nobody sees it, also when only the cloud knew of the mute", async () => {
      const {
        owner,
        listeners: [ben, cai],
        all,
      } = await scene([BEN, CAI]);
      await owner.muteMember(BEN.userId, 60);
      await until(() => (ben!.state.snapshot!.mutes[BEN.userId] ?? 0) > 0, 'Ben knows he is muted');
      await rejectsWith(ben!.sendBarrage('let me talk'), ErrorCode.MEMBER_MUTED, 'a muted member');
      assert.equal(callsOf(BEN.userId, 'sendMessage').length, 0, 'refused before the cloud');

      // A mute the client has not heard of yet (set on the cloud's side, e.g. by the REST API): the cloud refuses.
      h.cloud.rooms.get(h.roomId)!.mutedUntil.set(CAI.userId, Number.POSITIVE_INFINITY);
      await rejectsWith(
        cai!.sendBarrage('me neither?'),
        ErrorCode.MEMBER_MUTED,
        'a member only the cloud knows is muted',
      );
      assert.equal(callsOf(CAI.userId, 'sendMessage').length, 1, 'this one the cloud refused');
      await owner.sendBarrage('only me');
      await until(() => all.every((r) => barrageTexts(r).includes('only me')), "the owner's message reaches everyone");
      await h.settle!(all);
      for (const r of all)
        assert.deepEqual(barrageTexts(r), ['only me'], `${r.user.userName} saw neither muted message`);
    });
  });

  // ---- attacker-minded inputs ----

  describe('hostile inputs', () => {
    /** Every client's room as a comparable string (what a user could see). */
    const views = (rooms: readonly Room[]) => rooms.map((r) => JSON.stringify({ ...r.state.snapshot, version: 0 }));

    it('wrong types through backend.send get a documented code and change nothing on any client', async () => {
      const {
        owner,
        listeners: [ben, cai],
        all,
      } = await scene([BEN, CAI]);
      await owner.inviteToSeat(CAI.userId, 4, { timeoutSec: 0 });
      await until(() => cai!.state.snapshot!.requests.length === 1, 'Cai sees the invitation');
      await h.settle!(all);
      const before = views(all);
      const callsBefore = h.cloud.calls.length;
      const send = (type: CommandType, args: unknown) => ben!.backend.send(type, args as never);
      const tries: Array<[string, CommandType, unknown, number]> = [
        ['seat index as a string', 'seat.take', { index: '2' }, ErrorCode.INVALID_PARAMETER],
        ['seat index out of range', 'seat.take', { index: 99 }, ErrorCode.SEAT_NOT_FOUND],
        ['seat index negative', 'seat.take', { index: -1 }, ErrorCode.SEAT_NOT_FOUND],
        ['seat index NaN', 'seat.take', { index: Number.NaN }, ErrorCode.SEAT_NOT_FOUND],
        ['seat index fractional', 'seat.take', { index: 1.5 }, ErrorCode.SEAT_NOT_FOUND],
        ['barrage text as an object', 'barrage.send', { text: { toString: () => 'hi' } }, ErrorCode.INVALID_PARAMETER],
        ['barrage text missing', 'barrage.send', {}, ErrorCode.INVALID_PARAMETER],
        ['likes negative', 'like.send', { count: -5 }, ErrorCode.INVALID_PARAMETER],
        ['likes NaN', 'like.send', { count: Number.NaN }, ErrorCode.INVALID_PARAMETER],
        ['likes huge', 'like.send', { count: 1e12 }, ErrorCode.INVALID_PARAMETER],
        [
          'gift count negative',
          'gift.send',
          { giftId: 'rose', count: -1, receiverId: AVA.userId },
          ErrorCode.INVALID_PARAMETER,
        ],
        [
          'gift count NaN',
          'gift.send',
          { giftId: 'rose', count: Number.NaN, receiverId: AVA.userId },
          ErrorCode.INVALID_PARAMETER,
        ],
        [
          'gift count huge',
          'gift.send',
          { giftId: 'rose', count: 1e12, receiverId: AVA.userId },
          ErrorCode.INVALID_PARAMETER,
        ],
        [
          'gift id as an object',
          'gift.send',
          { giftId: { id: 'rose' }, count: 1, receiverId: AVA.userId },
          ErrorCode.INVALID_PARAMETER,
        ],
        ['kick __proto__ (not a manager)', 'member.kick', { userId: '__proto__' }, ErrorCode.OWNER_OR_ADMIN_REQUIRED],
        [
          'mute constructor (not a manager)',
          'member.mute',
          { userId: 'constructor', seconds: 60 },
          ErrorCode.OWNER_OR_ADMIN_REQUIRED,
        ],
        [
          'invite __proto__ (not a manager)',
          'request.invite',
          { userId: '__proto__', index: 3 },
          ErrorCode.OWNER_OR_ADMIN_REQUIRED,
        ],
        [
          'answer an unknown request',
          'request.respond',
          { requestId: 'req-nope', accept: true },
          ErrorCode.REQUEST_INVALID,
        ],
        // Ben never sees an invitation meant for Cai: to him it does not exist.
        [
          "answer someone else's invitation",
          'request.respond',
          { requestId: cai!.state.snapshot!.requests[0]!.requestId, accept: true },
          ErrorCode.REQUEST_INVALID,
        ],
        [
          "cancel someone else's invitation",
          'request.cancel',
          { requestId: cai!.state.snapshot!.requests[0]!.requestId },
          ErrorCode.REQUEST_INVALID,
        ],
        [
          'request id as an object',
          'request.respond',
          { requestId: { toString: () => 'x' }, accept: true },
          ErrorCode.REQUEST_INVALID,
        ],
        ['lock a seat (not a manager)', 'seat.lock', { index: 3, locked: true }, ErrorCode.OWNER_OR_ADMIN_REQUIRED],
        ['end the room (not the owner)', 'room.end', {}, ErrorCode.OWNER_REQUIRED],
        ['make myself admin', 'admin.set', { userId: BEN.userId, admin: true }, ErrorCode.OWNER_REQUIRED],
        ['rename the room', 'room.update', { patch: { name: 'mine now' } }, ErrorCode.OWNER_REQUIRED],
      ];
      const got: string[] = [];
      for (const [what, type, args, code] of tries) {
        try {
          await send(type, args);
          got.push(`${what}: succeeded`);
        } catch (error) {
          if (!(error instanceof RoomError)) got.push(`${what}: threw ${String(error)}`);
          else if (error.code !== code) got.push(`${what}: ${error.code} (${error.message}), expected ${code}`);
        }
      }
      assert.deepEqual(got, [], 'every hostile input fails with its documented code');
      assert.deepEqual(
        h.cloud.calls.slice(callsBefore).map((c) => `${c.userId} ${c.api}`),
        [],
        'none reached the cloud',
      );
      await h.settle!(all);
      assert.deepEqual(views(all), before, 'nothing changed on any client');
    });

    it('user IDs named after Object.prototype members are ordinary IDs: unknown ones are refused, real ones work', async () => {
      const {
        owner,
        listeners: [ben],
        all,
      } = await scene([BEN]);
      await h.settle!(all);
      for (const userId of ['__proto__', 'constructor', 'toString']) {
        const tries: Array<[CommandType, unknown, number]> = [
          ['member.kick', { userId }, ErrorCode.NOT_A_MEMBER],
          ['seat.kick', { userId }, ErrorCode.NOT_ON_SEAT],
          ['admin.set', { userId, admin: true }, ErrorCode.NOT_A_MEMBER],
          ['request.invite', { userId, index: 3 }, ErrorCode.NOT_A_MEMBER],
          ['profile.get', { userId }, ErrorCode.USER_NOT_FOUND],
        ];
        for (const [type, args, code] of tries)
          await rejectsWith(owner.backend.send(type, args as never), code, `${type} ${userId}`);
      }
      await h.settle!(all);
      for (const r of all) {
        assert.deepEqual(r.state.snapshot!.admins, [], `${r.user.userName}: no admin appeared`);
        assert.equal(
          r.state.snapshot!.seats.filter((s) => s.user).length,
          1,
          `${r.user.userName}: only the owner seated`,
        );
        assert.equal(r.state.snapshot!.audience.total, 2, `${r.user.userName}: audience unchanged`);
      }
      // A mute may name anyone (the kit's rule): stored as that ID's own entry, nothing inherited or polluted.
      await owner.muteMember('__proto__', 60);
      await until(() => Object.hasOwn(ben!.state.snapshot!.mutes, '__proto__'), 'Ben sees the mute of "__proto__"');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf(ben!.state.snapshot!.mutes), null, 'a null-prototype record');
      assert.equal(ben!.state.snapshot!.mutes[BEN.userId], undefined, 'Ben himself is not muted');
      await ben!.sendBarrage('still talking');
      await until(() => barrageTexts(owner).includes('still talking'), 'Ben is heard');

      // People whose IDs are such names sit, talk and get muted like anyone.
      const proto = await h.client(user('__proto__', 'Proto'));
      await proto.join();
      const ctor = await h.client(user('constructor', 'Ctor'));
      await ctor.join();
      const everyone = [...all, proto, ctor];
      await until(() => everyone.every((r) => r.state.snapshot?.audience.total === 4), 'everyone sees the four');
      await ctor.takeSeat(4);
      await until(
        () => everyone.every((r) => seatHolder(r, 4) === 'constructor'),
        'everyone sees "constructor" on seat 4',
      );
      await owner.muteMember('__proto__', 0);
      await until(
        () => everyone.every((r) => !Object.hasOwn(r.state.snapshot!.mutes, '__proto__')),
        'the mute is lifted everywhere',
      );
      await proto.sendBarrage('hello from __proto__');
      await until(() => everyone.every((r) => barrageTexts(r).includes('hello from __proto__')), 'everyone sees it');
      await owner.muteMember('constructor', 60);
      await rejectsWith(ctor.sendBarrage('me?'), ErrorCode.MEMBER_MUTED, '"constructor" muted');
    });

    it("forged notes from modified clients (another's request; a mute from a member, or from an admin for someone the cloud did not mute; fans) change nothing", async () => {
      const {
        owner,
        listeners: [ben, cai],
        all,
      } = await scene([BEN, CAI], 'apply');
      const mallory = await rawEngine('mallory');
      await until(() => all.every((r) => r.state.snapshot?.audience.total === 4), 'mallory is in');
      // Request IDs are guessable: Mallory describes the next ones before they exist (seat 1, no deadline).
      const next = Number(h.cloud.newRequestId().split('-')[1]);
      for (let n = next; n <= next + 20; n++) {
        await mallory.sendCustomMessage({
          businessId: REQUEST_BUSINESS_ID,
          data: JSON.stringify({ requestId: `req-${n}`, seatIndex: 1, expiresAt: null }),
        });
      }
      await h.settle!(all);
      const answer = await ben!.takeSeat(6, { timeoutSec: 60 });
      assert.equal(answer.seated, false);
      const request = (answer as { request: { requestId: string; expiresAt: number | null } }).request;
      assert.ok(request.expiresAt !== null);
      const asked = () => owner.state.snapshot!.requests.find((r) => r.requestId === request.requestId);
      await until(
        () => asked()?.seatIndex === 6 && asked()?.expiresAt === request.expiresAt,
        'the owner sees Ben asking for seat 6, with his deadline',
      );
      await h.settle!(all);
      const before = views(all);

      // Mallory rewrites Ben's application now that it exists.
      await mallory.sendCustomMessage({
        businessId: REQUEST_BUSINESS_ID,
        data: JSON.stringify({ requestId: request.requestId, seatIndex: 1, expiresAt: null }),
      });
      // Mallory "mutes" Cai for an hour and the owner, and says the owner's fans changed.
      await mallory.sendCustomMessage({
        businessId: MUTE_BUSINESS_ID,
        data: JSON.stringify({ userId: CAI.userId, until: h.clock.now() + 3_600_000 }),
      });
      await mallory.sendCustomMessage({
        businessId: MUTE_BUSINESS_ID,
        data: JSON.stringify({ userId: AVA.userId, until: h.clock.now() + 3_600_000 }),
      });
      await mallory.sendCustomMessage({ businessId: FANS_BUSINESS_ID, data: '999999' });
      // Junk that must not throw in a listener.
      await mallory.sendCustomMessage({ businessId: REQUEST_BUSINESS_ID, data: '{"requestId":{"__proto__":1}}' });
      await mallory.sendCustomMessage({ businessId: REQUEST_BUSINESS_ID, data: 'null' });
      await mallory.sendCustomMessage({ businessId: MUTE_BUSINESS_ID, data: 'not json' });
      await mallory.sendCustomMessage({ businessId: FANS_BUSINESS_ID, data: 'null' });
      await mallory.sendCustomMessage({
        businessId: MUTE_BUSINESS_ID,
        data: JSON.stringify({ userId: '__proto__', until: 1 }),
      });
      // Deliveries are in order: once everyone has Mallory's next message, they have had all of the above.
      await mallory.sendTextMessage({ textContent: 'marker', extensionInfo: {} });
      await until(() => all.every((r) => barrageTexts(r).includes('marker')), "everyone got Mallory's messages");
      await h.settle!(all);
      const withoutBarrage = (list: string[]) => list.map((v) => JSON.stringify({ ...JSON.parse(v), barrage: [] }));
      assert.deepEqual(
        withoutBarrage(views(all)),
        withoutBarrage(before),
        'nothing but the marker changed on any client',
      );
      assert.equal(asked()!.seatIndex, 6, 'the owner still sees seat 6 asked for');
      assert.equal(asked()!.expiresAt, request.expiresAt, "and Ben's deadline");
      for (const r of all)
        assert.deepEqual(Object.keys(r.state.snapshot!.mutes), [], `${r.user.userName}: nobody muted`);
      await cai!.sendBarrage('I can still talk');
      await until(() => barrageTexts(owner).includes('I can still talk'), 'Cai is heard');

      // A manager's mute note only sets the end of a mute the cloud announced: a modified admin client can neither
      // silence someone the cloud did not mute (the owner included) nor crash a listener with junk.
      const adam = await rawEngine('adam');
      await until(() => owner.state.snapshot!.audience.recent.some((u) => u.userId === 'adam'), 'the owner sees Adam');
      await owner.setAdmin('adam', true);
      await until(() => all.every((r) => r.state.snapshot!.admins.includes('adam')), 'everyone knows Adam is an admin');
      const hour = h.clock.now() + 3_600_000;
      for (const data of [
        JSON.stringify({ userId: AVA.userId, until: hour }),
        JSON.stringify({ userId: CAI.userId, until: hour }),
        'null',
        '7',
        '"text"',
        '[]',
        JSON.stringify({ userId: CAI.userId, until: 'soon' }),
        JSON.stringify({ userId: CAI.userId, until: -1 }),
        JSON.stringify({ userId: 5, until: 1 }),
      ]) {
        await adam.sendCustomMessage({ businessId: MUTE_BUSINESS_ID, data });
      }
      await adam.sendTextMessage({ textContent: 'marker 2', extensionInfo: {} });
      await until(() => all.every((r) => barrageTexts(r).includes('marker 2')), "everyone got Adam's messages");
      for (const r of all)
        assert.deepEqual(Object.keys(r.state.snapshot!.mutes), [], `${r.user.userName}: still nobody muted`);
      await owner.sendBarrage('the host talks');
      await cai!.sendBarrage('so do I');
      await until(
        () => all.every((r) => barrageTexts(r).includes('the host talks') && barrageTexts(r).includes('so do I')),
        'both are heard',
      );
      // A real mute still carries its end to everyone.
      await owner.muteMember(CAI.userId, 60);
      const end = h.clock.now() + 60_000;
      await until(
        () => all.every((r) => r.state.snapshot!.mutes[CAI.userId] === end),
        'everyone sees Cai muted for 60 s',
      );
    });
  });
});
