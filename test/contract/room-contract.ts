// The behaviours every backend must show, told from the users' side: several clients (owner, an admin, listeners)
// share one room and each assertion is about what the OTHER clients see. Nothing here knows which backend runs:
// waiting is done by polling the stores (`until`), never by sleeping, so network backends pass the same suite.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Observable } from 'rxjs';
import { ErrorCode, RoomError } from '../../src/model/errors.js';
import type { RoomEvent } from '../../src/model/events.js';
import type { GiftEffect } from '../../src/model/gift.js';
import type { SeatMode } from '../../src/model/seat.js';
import type { UserInfo } from '../../src/model/user.js';
import type { RequestUpdate, Room } from '../../src/store/room.js';
import { snapshotViolations } from '../src/rules/invariants.js';
import { until } from '../until.js';
import type { BackendHarness, MakeHarness } from './harness.js';

// ---- helpers ----

// User IDs unique per run, so a server that outlives one test (follows, balances, bans persist) never mixes tests.
const runTag = Math.random().toString(36).slice(2, 8);
let userSeq = 0;
function person(name: string): UserInfo {
  userSeq += 1;
  return {
    userId: `${name}-${runTag}-${userSeq}`,
    userName: `${name[0]!.toUpperCase()}${name.slice(1)} ${userSeq}`,
    avatarUrl: '',
  };
}

/** The current value of a store observable (they all replay the current state synchronously). */
function current<T>(source$: Observable<T>): T {
  let value: { v: T } | null = null;
  source$.subscribe((v) => (value = { v })).unsubscribe();
  assert.ok(value, 'the observable has a current value');
  return (value as { v: T }).v;
}

/** Everything an observable emits from now on; `stop()` unsubscribes. */
function collect<T>(source$: Observable<T>): { readonly values: T[]; stop(): void } {
  const values: T[] = [];
  const sub = source$.subscribe((v) => values.push(v));
  return { values, stop: () => sub.unsubscribe() };
}

async function rejectsWith(promise: Promise<unknown>, code: number, what: string): Promise<RoomError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RoomError, `${what}: rejects with a RoomError (got ${String(error)})`);
    assert.equal(error.code, code, `${what}: error code`);
    return error;
  }
  assert.fail(`${what}: expected to fail with ${code}, but it succeeded`);
}

const seatHolder = (room: Room, index: number): string | null =>
  room.state.snapshot?.seats[index]?.user?.userId ?? null;
const requestIds = (room: Room): string[] => (room.state.snapshot?.requests ?? []).map((r) => r.requestId);
const audienceIds = (room: Room): string[] => (room.state.snapshot?.audience.recent ?? []).map((u) => u.userId);
const names = (rooms: readonly Room[]) => rooms.map((r) => r.user.userName).join(', ');

export function runRoomContract(makeHarness: MakeHarness): void {
  describe('room contract', () => {
    let h: BackendHarness;
    let patience = 2_000;
    /** Every client the test opened, so the end of the test can check what each one sees. */
    let clients: Room[] = [];

    beforeEach(async () => {
      h = await makeHarness();
      patience = h.patienceMs ?? 2_000;
      clients = [];
      const open = h.client.bind(h);
      h.client = async (user, roomId) => {
        const room = await open(user, roomId);
        clients.push(room);
        return room;
      };
    });
    afterEach(async () => {
      try {
        checkInvariants(clients);
      } finally {
        await h.close();
      }
    });

    /**
     * The room invariants (test/src/rules/invariants.ts, the property test's checker) on the snapshot each client
     * holds: whatever a backend delivered, no client may see two seats for one user, a request for a seated user,
     * an admin list with the owner on it…
     */
    function checkInvariants(rooms: readonly Room[]): void {
      const problems = rooms.flatMap((room) => {
        const snapshot = room.state.snapshot;
        return snapshot ? snapshotViolations(snapshot).map((p) => `${room.user.userName} sees ${p}`) : [];
      });
      assert.deepEqual(problems, [], "room invariants on the clients' snapshots");
    }

    const waitAll = (rooms: readonly Room[], condition: (room: Room) => boolean, what: string) =>
      until(() => rooms.every(condition), `${what} (on ${names(rooms.filter((r) => !condition(r)))})`, patience);

    /**
     * A barrier: once every given client has reached the room version the server has now, everything done before
     * has reached them too, so "nothing changed" can be asserted without sleeping. Then the room invariants must
     * hold on what each of them sees.
     */
    async function settled(rooms: readonly Room[]): Promise<void> {
      if (h.settle) await h.settle(rooms);
      else {
        const { result } = await rooms[0]!.backend.send('room.snapshot', {});
        await waitAll(
          rooms,
          (r) => (r.state.snapshot?.version ?? 0) >= result.version,
          `every client reached version ${result.version}`,
        );
      }
      checkInvariants(rooms);
    }

    /** `room` takes seat `index` and every client in `all` sees it there. */
    async function sitDown(room: Room, index: number, all: readonly Room[]): Promise<void> {
      await room.takeSeat(index);
      await waitAll(all, (r) => seatHolder(r, index) === room.user.userId, `${room.user.userName} is on seat ${index}`);
    }

    interface Scene {
      owner: Room;
      admin: Room;
      listeners: Room[];
      all: Room[];
    }

    /** An owner-started room with an admin and `count` listeners, everybody seeing everybody. */
    async function scene(seatMode: SeatMode, count = 3): Promise<Scene> {
      const owner = await h.client(person('owner'));
      await owner.start({ roomName: 'Contract room', seatMode, seatCount: 8 });
      const admin = await h.client(person('admin'));
      await admin.join();
      await owner.setAdmin(admin.user.userId, true);
      const listeners: Room[] = [];
      for (let i = 0; i < count; i++) {
        const listener = await h.client(person(`listener${i + 1}`));
        await listener.join();
        listeners.push(listener);
      }
      const all = [owner, admin, ...listeners];
      await waitAll(
        all,
        (r) => r.state.snapshot?.audience.total === all.length && r.state.snapshot.admins.includes(admin.user.userId),
        'everyone is in and the admin is known',
      );
      return { owner, admin, listeners, all };
    }

    describe('seats', () => {
      it('a take in free mode is seen by every other client; the taken seat refuses the next taker', async () => {
        const {
          owner,
          listeners: [l1, l2],
          all,
        } = await scene('free', 2);
        assert.equal(seatHolder(l1!, 0), owner.user.userId, 'the owner sits on seat 0 from the start');
        const taken = await l1!.takeSeat(2);
        assert.deepEqual(taken, { seated: true, index: 2 });
        await waitAll(all, (r) => seatHolder(r, 2) === l1!.user.userId, 'listener 1 sits on seat 2');
        await rejectsWith(l2!.takeSeat(2), ErrorCode.SEAT_OCCUPIED, 'taking an occupied seat');
        await settled(all);
        for (const r of all)
          assert.equal(seatHolder(r, 2), l1!.user.userId, `${r.user.userName} still sees listener 1 on seat 2`);
      });

      it('apply → approve seats the applicant everywhere; the other admin sees handled-by-other and cannot approve late', async () => {
        const {
          owner,
          admin,
          listeners: [l1],
          all,
        } = await scene('apply', 1);
        const adminUpdates = collect<RequestUpdate>(admin.requestUpdates$);
        const ownerUpdates = collect<RequestUpdate>(owner.requestUpdates$);
        const applicantUpdates = collect<RequestUpdate>(l1!.requestUpdates$);

        const answer = await l1!.takeSeat(3);
        assert.equal(answer.seated, false, 'in apply mode a member take becomes an application');
        const request = (answer as { seated: false; request: { requestId: string } }).request;
        await waitAll(
          [owner, admin, l1!],
          (r) => requestIds(r).includes(request.requestId),
          'the application is queued',
        );
        assert.equal(
          current(l1!.myApplication$)?.requestId,
          request.requestId,
          'the applicant sees their own application',
        );
        for (const r of all) assert.equal(seatHolder(r, 3), null, 'nobody is seated before the answer');

        const accepted = await owner.respondRequest(request.requestId, true);
        assert.equal(accepted.status, 'accepted');
        await waitAll(
          all,
          (r) => seatHolder(r, 3) === l1!.user.userId && requestIds(r).length === 0,
          'the applicant sits on seat 3 and the queue is empty',
        );

        await until(
          () => adminUpdates.values.some((u) => u.request.requestId === request.requestId),
          'the admin hears about the answer',
          patience,
        );
        const adminView = adminUpdates.values.filter((u) => u.request.requestId === request.requestId).at(-1)!;
        assert.equal(adminView.status, 'handled-by-other', 'the other admin sees handled-by-other');
        assert.equal(
          ownerUpdates.values.filter((u) => u.request.requestId === request.requestId).at(-1)?.status,
          'accepted',
        );
        assert.equal(
          applicantUpdates.values.filter((u) => u.request.requestId === request.requestId).at(-1)?.status,
          'accepted',
        );
        await rejectsWith(admin.respondRequest(request.requestId, true), ErrorCode.REQUEST_INVALID, 'a late approve');
        await settled(all);
        for (const r of all)
          assert.equal(seatHolder(r, 3), l1!.user.userId, `${r.user.userName}: the late approve changed nothing`);
        for (const c of [adminUpdates, ownerUpdates, applicantUpdates]) c.stop();
      });

      it('invite → the invitee declines: the inviter sees rejected and the seat stays empty', async () => {
        const {
          owner,
          listeners: [l1, l2],
          all,
        } = await scene('apply', 2);
        const ownerUpdates = collect<RequestUpdate>(owner.requestUpdates$);
        const inviteeUpdates = collect<RequestUpdate>(l1!.requestUpdates$);
        const invitation = await owner.inviteToSeat(l1!.user.userId, 4);
        await until(
          () => current(l1!.myInvitation$)?.requestId === invitation.requestId,
          'the invitee sees the invitation',
          patience,
        );
        assert.equal(current(l2!.myInvitation$), null, 'nobody else is invited');

        const rejected = await l1!.respondRequest(invitation.requestId, false);
        assert.equal(rejected.status, 'rejected');
        await until(
          () =>
            ownerUpdates.values.some((u) => u.request.requestId === invitation.requestId && u.status === 'rejected'),
          'the inviter sees rejected',
          patience,
        );
        await waitAll(all, (r) => requestIds(r).length === 0, 'the invitation left every queue');
        assert.equal(inviteeUpdates.values.at(-1)?.status, 'rejected');
        await settled(all);
        for (const r of all) assert.equal(seatHolder(r, 4), null, `${r.user.userName} sees seat 4 empty`);
        assert.equal(current(l1!.mySeat$), null);
        ownerUpdates.stop();
        inviteeUpdates.stop();
      });

      it('an application times out after timeoutSec on both sides; timeoutSec 0 never expires', async () => {
        const {
          owner,
          admin,
          listeners: [l1, l2],
          all,
        } = await scene('apply', 2);
        // Applications are the managers' queue, and each applicant's own: other listeners are not shown who asked.
        const managers = [owner, admin];
        const ownerUpdates = collect<RequestUpdate>(owner.requestUpdates$);
        const applicantUpdates = collect<RequestUpdate>(l1!.requestUpdates$);
        const timed = await l1!.takeSeat(null, { timeoutSec: 1 });
        const forever = await l2!.takeSeat(null, { timeoutSec: 0 });
        assert.ok(!timed.seated && !forever.seated);
        const timedId = timed.request.requestId;
        const foreverId = forever.request.requestId;
        assert.equal(forever.request.expiresAt, null, 'timeoutSec 0 means no deadline');
        await waitAll(managers, (r) => requestIds(r).length === 2, 'both applications are queued');
        await waitAll([l1!], (r) => requestIds(r).includes(timedId), 'the first applicant sees their application');
        await waitAll([l2!], (r) => requestIds(r).includes(foreverId), 'the second applicant sees theirs');

        await h.advance(500);
        await settled(all);
        assert.deepEqual(requestIds(owner), [timedId, foreverId], 'nothing expired before its time');

        await h.advance(1_000);
        await waitAll(
          managers,
          (r) => requestIds(r).join() === foreverId,
          'only the application without timeout is left',
        );
        await waitAll(
          [l1!],
          (r) => !requestIds(r).includes(timedId),
          "the timed-out application left the applicant's view",
        );
        await until(
          () => applicantUpdates.values.some((u) => u.request.requestId === timedId && u.status === 'timeout'),
          'the applicant sees timeout',
          patience,
        );
        await until(
          () => ownerUpdates.values.some((u) => u.request.requestId === timedId && u.status === 'timeout'),
          'the owner sees timeout',
          patience,
        );
        assert.equal(current(l1!.myApplication$), null);

        await h.advance(2_000);
        await settled(all);
        for (const r of managers)
          assert.deepEqual(requestIds(r), [foreverId], `${r.user.userName} still sees the timeless application`);
        assert.ok(requestIds(l2!).includes(foreverId), 'the second applicant still sees theirs');
        for (const r of all) assert.equal(seatHolder(r, 1), null);
        ownerUpdates.stop();
        applicantUpdates.stop();
      });

      it('locking an occupied seat kicks its occupant: everyone sees it empty and locked, and nobody can take it', async () => {
        const {
          owner,
          listeners: [l1, l2],
          all,
        } = await scene('free', 2);
        const l1Events = collect<RoomEvent>(l1!.events$);
        await sitDown(l1!, 2, all);
        await owner.lockSeat(2, true);
        await waitAll(
          all,
          (r) => seatHolder(r, 2) === null && r.state.snapshot?.seats[2]?.locked === true,
          'seat 2 is empty and locked',
        );
        assert.ok(
          l1Events.values.some((e) => e.type === 'seat.kicked' && e.userId === l1!.user.userId && e.index === 2),
          'the occupant is told they were removed',
        );
        assert.equal(l1!.state.phase, 'live', 'the occupant stays in the room');
        await rejectsWith(l2!.takeSeat(2), ErrorCode.SEAT_LOCKED, 'taking a locked seat');
        await rejectsWith(l1!.takeSeat(2), ErrorCode.SEAT_LOCKED, 'the kicked occupant taking it back');
        await owner.lockSeat(2, false);
        await waitAll(all, (r) => r.state.snapshot?.seats[2]?.locked === false, 'seat 2 is unlocked');
        await sitDown(l2!, 2, all);
        l1Events.stop();
      });

      it('an admin kicks a listener off a seat: the seat empties everywhere, the listener stays in the room', async () => {
        const {
          admin,
          listeners: [l1],
          all,
        } = await scene('free', 2);
        await sitDown(l1!, 5, all);
        await admin.kickSeat(l1!.user.userId);
        await waitAll(all, (r) => seatHolder(r, 5) === null, 'seat 5 is empty');
        assert.equal(current(l1!.mySeat$), null);
        assert.equal(l1!.state.phase, 'live');
        for (const r of all) assert.equal(r.state.snapshot?.audience.total, all.length, 'nobody left the room');
        await rejectsWith(l1!.kickSeat(admin.user.userId), ErrorCode.OWNER_OR_ADMIN_REQUIRED, 'a member kicking');
      });

      it('move: abort on an occupied seat fails 100201 and changes nothing; a manager swaps, a member may not; a free target just moves', async () => {
        const {
          owner,
          admin,
          listeners: [l1, l2],
          all,
        } = await scene('free', 2);
        await l1!.takeSeat(1);
        await l2!.takeSeat(2);
        await waitAll(
          all,
          (r) => seatHolder(r, 1) === l1!.user.userId && seatHolder(r, 2) === l2!.user.userId,
          'two listeners seated',
        );

        await rejectsWith(l1!.moveSeat(2), ErrorCode.SEAT_OCCUPIED, 'moving onto an occupied seat with abort');
        await settled(all);
        for (const r of all) {
          assert.equal(seatHolder(r, 1), l1!.user.userId, `${r.user.userName}: listener 1 still on seat 1`);
          assert.equal(seatHolder(r, 2), l2!.user.userId, `${r.user.userName}: listener 2 still on seat 2`);
        }

        // Moving someone else is a manager's act, and nobody displaces whoever outranks them.
        await rejectsWith(
          l1!.moveSeat(2, 'swap'),
          ErrorCode.OWNER_OR_ADMIN_REQUIRED,
          'a member swapping with a member',
        );
        await rejectsWith(
          l1!.moveSeat(0, 'swap'),
          ErrorCode.PERMISSION_DENIED,
          'a member swapping onto the owner on the host seat',
        );
        await sitDown(admin, 3, all);
        await rejectsWith(admin.moveSeat(0, 'swap'), ErrorCode.PERMISSION_DENIED, 'an admin swapping onto the owner');
        await admin.moveSeat(2, 'swap');
        await waitAll(
          all,
          (r) => seatHolder(r, 3) === l2!.user.userId && seatHolder(r, 2) === admin.user.userId,
          'the admin and listener 2 swapped',
        );
        assert.equal(seatHolder(owner, 0), owner.user.userId, 'the owner never left the host seat');

        await l1!.moveSeat(6);
        await waitAll(
          all,
          (r) => seatHolder(r, 6) === l1!.user.userId && seatHolder(r, 1) === null,
          'listener 1 moved to seat 6',
        );
        assert.equal(current(l1!.me$).seatIndex, 6);
      });

      it('seat mode changes reach everyone; switching to free admits nobody by itself', async () => {
        const {
          owner,
          admin,
          listeners: [l1, l2],
          all,
        } = await scene('apply', 2);
        const application = await l1!.takeSeat(null, { timeoutSec: 0 });
        assert.equal(application.seated, false);
        const queueViewers = [owner, admin, l1!];
        await waitAll(queueViewers, (r) => requestIds(r).length === 1, 'the application is queued');

        await owner.setSeatMode('free');
        await waitAll(all, (r) => r.state.snapshot?.info.seatMode === 'free', 'everyone sees free mode');
        await settled(all);
        for (const r of all) {
          assert.equal(
            r.state.snapshot?.seats.some((s) => s.user?.userId === l1!.user.userId),
            false,
            `${r.user.userName}: the applicant was not seated`,
          );
        }
        for (const r of queueViewers)
          assert.equal(requestIds(r).length, 1, `${r.user.userName}: the application is still pending`);

        const direct = await l2!.takeSeat(4);
        assert.deepEqual(direct, { seated: true, index: 4 }, 'in free mode a take seats at once');
        await waitAll(all, (r) => seatHolder(r, 4) === l2!.user.userId, 'listener 2 on seat 4');

        await owner.setSeatMode('apply');
        await waitAll(all, (r) => r.state.snapshot?.info.seatMode === 'apply', 'everyone sees apply mode again');
        await rejectsWith(l2!.setSeatMode('free'), ErrorCode.OWNER_REQUIRED, 'a member changing the mode');
      });
    });

    describe('barrage', () => {
      it('messages from several senders arrive in the same order on every client', async () => {
        const {
          owner,
          listeners: [l1, l2],
          all,
        } = await scene('free', 2);
        const senders = [owner, l1!, l2!];
        const sends: Promise<unknown>[] = [];
        for (let i = 0; i < 3; i++) for (const s of senders) sends.push(s.sendBarrage(`${s.user.userName} #${i}`));
        await Promise.all(sends);
        await waitAll(all, (r) => (r.state.snapshot?.barrage.length ?? 0) === 9, 'every client has the 9 messages');
        const reference = owner.state.snapshot!.barrage.map((m) => m.messageId);
        assert.equal(new Set(reference).size, 9, 'message IDs are unique');
        for (const r of all)
          assert.deepEqual(
            r.state.snapshot!.barrage.map((m) => m.messageId),
            reference,
            `${r.user.userName} has the same order`,
          );
        for (const s of senders) {
          const own = owner.state.snapshot!.barrage.filter((m) => m.sender.userId === s.user.userId).map((m) => m.text);
          assert.deepEqual(
            own,
            [0, 1, 2].map((i) => `${s.user.userName} #${i}`),
            "one sender's messages keep their order",
          );
        }
        const first = l2!.state.snapshot!.barrage.find((m) => m.sender.userId === owner.user.userId)!;
        assert.equal(first.role, 'owner', 'the sender role travels with the message');
      });

      it('room mute and member mute block members (not owner/admin), barrageBlock$ says why, and a mute expires', async () => {
        const {
          owner,
          admin,
          listeners: [l1, l2],
          all,
        } = await scene('free', 2);
        await owner.updateInfo({ isMessageDisabled: true });
        await waitAll(all, (r) => r.state.snapshot?.info.isMessageDisabled === true, 'everyone sees the room mute');
        assert.equal(current(l1!.barrageBlock$), ErrorCode.ROOM_MUTED);
        assert.equal(current(admin.barrageBlock$), null, 'admins are exempt');
        assert.equal(current(owner.barrageBlock$), null, 'the owner is exempt');
        await rejectsWith(l1!.sendBarrage('hello?'), ErrorCode.ROOM_MUTED, 'a member in a muted room');
        await owner.sendBarrage('owner speaks');
        await admin.sendBarrage('admin speaks');
        await waitAll(
          all,
          (r) => r.state.snapshot!.barrage.map((m) => m.text).join('|') === 'owner speaks|admin speaks',
          'only owner and admin got through',
        );

        await owner.updateInfo({ isMessageDisabled: false });
        await waitAll(all, (r) => r.state.snapshot?.info.isMessageDisabled === false, 'the room mute is lifted');
        assert.equal(current(l1!.barrageBlock$), null);

        await admin.muteMember(l1!.user.userId, 1);
        await waitAll(
          all,
          (r) => (r.state.snapshot?.mutes[l1!.user.userId] ?? 0) > 0,
          'everyone sees listener 1 muted',
        );
        assert.equal(current(l1!.barrageBlock$), ErrorCode.MEMBER_MUTED);
        assert.equal(current(l2!.barrageBlock$), null, 'the other listener is not muted');
        await rejectsWith(l1!.sendBarrage('let me talk'), ErrorCode.MEMBER_MUTED, 'a muted member');
        await l2!.sendBarrage('I can talk');
        await waitAll(
          all,
          (r) => r.state.snapshot!.barrage.at(-1)?.text === 'I can talk',
          'the unmuted listener got through',
        );

        await h.advance(1_100);
        await until(() => current(l1!.barrageBlock$) === null, 'the mute ran out for listener 1', patience);
        await l1!.sendBarrage('back again');
        await waitAll(
          all,
          (r) => r.state.snapshot!.barrage.at(-1)?.text === 'back again',
          'everyone sees the message after the mute',
        );
      });
    });

    describe('gifts, likes, follows', () => {
      it('a gift deducts the sender, reaches every client with names, and updates totals; too poor fails -2902 and changes nothing', async () => {
        const gift = [...h.catalog].sort((a, b) => a.price - b.price)[0]!;
        assert.ok(gift.price >= 2, 'the harness catalog has a gift worth at least 2 coins');
        const owner = await h.client(person('owner'));
        await owner.start({ seatMode: 'free' });
        const rich = await h.client(person('rich'));
        const poor = await h.client(person('poor'));
        await h.setBalance(rich.user.userId, gift.price * 10);
        await h.setBalance(poor.user.userId, gift.price - 1);
        await rich.join();
        await poor.join();
        const all = [owner, rich, poor];
        await waitAll(all, (r) => r.state.snapshot?.audience.total === 3, 'all three are in');
        assert.equal(current(rich.balance$), gift.price * 10, 'the balance is loaded on join');
        assert.ok(
          current(rich.gifts$).some((g) => g.giftId === gift.giftId),
          'the catalog is loaded on join',
        );
        const effects = all.map((r) => collect<GiftEffect>(r.giftEffects$));

        const received = await rich.sendGift({ giftId: gift.giftId, count: 3, receiverId: owner.user.userId });
        assert.equal(received.amount, gift.price * 3);
        assert.equal(current(rich.balance$), gift.price * 7, 'the sender sees the new balance at once');
        await waitAll(
          all,
          (r) => r.state.snapshot?.gifts.amount === gift.price * 3,
          'every client sees the room total',
        );
        for (const [i, r] of all.entries()) {
          const totals = current(r.giftTotals$);
          assert.equal(totals.count, 3, `${r.user.userName}: gift count`);
          assert.deepEqual(
            totals.leaderboard.map((e) => [e.user.userId, e.amount]),
            [[rich.user.userId, gift.price * 3]],
            `${r.user.userName}: leaderboard`,
          );
          await until(() => effects[i]!.values.length > 0, `${r.user.userName} plays the gift`, patience);
          const effect = effects[i]!.values[0]!;
          assert.equal(effect.giftId, gift.giftId);
          assert.equal(effect.count, 3);
          assert.equal(effect.senderName, rich.user.userName);
          assert.equal(effect.receiverName, owner.user.userName);
        }

        await rejectsWith(
          poor.sendGift({ giftId: gift.giftId, count: 1, receiverId: owner.user.userId }),
          ErrorCode.INSUFFICIENT_BALANCE,
          'a gift the sender cannot afford',
        );
        assert.equal(await poor.refreshBalance(), gift.price - 1, 'the failed send took nothing');
        assert.equal(await rich.refreshBalance(), gift.price * 7, "the server agrees with the sender's balance");
        await settled(all);
        for (const [i, r] of all.entries()) {
          assert.equal(r.state.snapshot?.gifts.amount, gift.price * 3, `${r.user.userName}: totals unchanged`);
          assert.equal(effects[i]!.values.length, 1, `${r.user.userName}: no effect for the failed send`);
        }
        for (const e of effects) e.stop();
      });

      it('likes from several clients add up to the same total everywhere, and my taps show at once', async () => {
        const {
          owner,
          listeners: [l1, l2],
          all,
        } = await scene('free', 2);
        l1!.like(3);
        assert.deepEqual(current(l1!.likes$), { total: 3, mine: 3 }, 'my taps count before they are sent');
        assert.equal(current(owner.likes$).total, 0, 'others see them only once sent');
        l2!.like(5);
        owner.like(2);
        await Promise.all([l1!.flushLikes(), l2!.flushLikes(), owner.flushLikes()]);
        await waitAll(all, (r) => r.state.snapshot?.likes.total === 10, 'everyone sees 10 likes');
        for (const r of all)
          assert.deepEqual(current(r.likes$), { total: 10, mine: 0 }, `${r.user.userName}: nothing counted twice`);
      });

      it('following the owner raises the fan count every client shows, and follow.get agrees', async () => {
        const {
          owner,
          listeners: [l1, l2],
          all,
        } = await scene('free', 2);
        assert.equal(current(l2!.liveInfo$)?.ownerFans, 0);
        const info = await l1!.follow(owner.user.userId);
        assert.equal(info.following, true);
        assert.equal(info.fans, 1);
        await waitAll(all, (r) => r.state.snapshot?.info.ownerFans === 1, 'everyone sees 1 fan');
        const seenByOther = await l2!.checkFollow(owner.user.userId);
        assert.equal(seenByOther.fans, 1);
        assert.equal(seenByOther.following, false, 'listener 2 does not follow yet');
        assert.equal((await l1!.checkFollow(owner.user.userId)).following, true);

        await l2!.follow(owner.user.userId);
        await waitAll(all, (r) => current(r.liveInfo$)?.ownerFans === 2, 'everyone sees 2 fans');
        await l1!.unfollow(owner.user.userId);
        await waitAll(all, (r) => r.state.snapshot?.info.ownerFans === 1, 'an unfollow brings it back to 1');
        assert.equal(l1!.state.follows[owner.user.userId]?.following, false);
      });
    });

    describe('audience and moderation', () => {
      it('joins, leaves and kicks change the audience total on every client; the recent list is newest first', async () => {
        const owner = await h.client(person('owner'));
        await owner.start({ seatMode: 'free' });
        const l1 = await h.client(person('listener'));
        await l1.join();
        await waitAll([owner, l1], (r) => r.state.snapshot?.audience.total === 2, 'two in the room');
        const l2 = await h.client(person('listener'));
        await l2.join();
        let present = [owner, l1, l2];
        await waitAll(present, (r) => r.state.snapshot?.audience.total === 3, 'three in the room');
        for (const r of present)
          assert.deepEqual(
            audienceIds(r),
            [l2.user.userId, l1.user.userId, owner.user.userId],
            `${r.user.userName}: newest first`,
          );

        await l1.leave();
        assert.equal(l1.state.phase, 'left');
        present = [owner, l2];
        await waitAll(present, (r) => r.state.snapshot?.audience.total === 2, 'the leaver is gone');
        for (const r of present) assert.deepEqual(audienceIds(r), [l2.user.userId, owner.user.userId]);

        const l3 = await h.client(person('listener'));
        await l3.join();
        await waitAll([owner, l2, l3], (r) => r.state.snapshot?.audience.total === 3, 'a third listener came');
        await owner.kickMember(l3.user.userId);
        await until(() => l3.state.phase === 'kicked', 'the kicked listener knows', patience);
        await waitAll(
          present,
          (r) => r.state.snapshot?.audience.total === 2 && !audienceIds(r).includes(l3.user.userId),
          'the kicked listener is gone',
        );
      });

      it('listeners joining at the same moment all end up seeing each other', async () => {
        const owner = await h.client(person('owner'));
        await owner.start({ seatMode: 'free' });
        const crowd = await Promise.all([1, 2, 3, 4].map((i) => h.client(person(`crowd${i}`))));
        await Promise.all(crowd.map((r) => r.join()));
        const all = [owner, ...crowd];
        await waitAll(all, (r) => r.state.snapshot?.audience.total === 5, 'everyone counts 5 people');
        const expected = [...all.map((r) => r.user.userId)].sort();
        for (const r of all)
          assert.deepEqual([...audienceIds(r)].sort(), expected, `${r.user.userName} lists everyone`);
      });

      it('a dropped seated client keeps the seat during the lease, loses it after; resuming within the lease keeps it', async () => {
        const {
          owner,
          listeners: [l1, l2, l3],
        } = await scene('free', 3);
        const lease = h.leaseMs;
        await l1!.takeSeat(2);
        await l2!.takeSeat(3);
        const watchers = [owner, l3!];
        await waitAll(
          [...watchers, l1!, l2!],
          (r) => seatHolder(r, 2) === l1!.user.userId && seatHolder(r, 3) === l2!.user.userId,
          'both seated',
        );
        const total = owner.state.snapshot!.audience.total;

        await h.drop(l1!);
        await h.advance(lease / 2);
        await settled(watchers);
        for (const r of watchers)
          assert.equal(seatHolder(r, 2), l1!.user.userId, `${r.user.userName}: the seat is kept during the lease`);

        await h.drop(l2!);
        await h.advance(lease / 2 + 100);
        await waitAll(watchers, (r) => seatHolder(r, 2) === null, 'the lease ran out and seat 2 is free');
        await waitAll(
          watchers,
          (r) => r.state.snapshot?.audience.total === total - 1,
          'the dropped client left the audience',
        );
        for (const r of watchers)
          assert.equal(seatHolder(r, 3), l2!.user.userId, 'the later drop still holds its seat');

        await h.resume(l2!);
        await until(
          () => l2!.state.connection === 'connected' && seatHolder(l2!, 2) === null,
          'the resumed client caught up',
          patience,
        );
        assert.equal(current(l2!.mySeat$)?.index, 3, 'the resumed client sees itself on its seat');
        await h.advance(lease);
        await settled([...watchers, l2!]);
        for (const r of [...watchers, l2!])
          assert.equal(seatHolder(r, 3), l2!.user.userId, `${r.user.userName}: the resumed client kept seat 3`);
        assert.equal(owner.state.snapshot?.audience.total, total - 1);
      });

      it('a ban removes a present user and blocks rejoining (100016), also for users who were not present', async () => {
        const {
          owner,
          admin,
          listeners: [l1, l2],
          all,
        } = await scene('free', 2);
        await sitDown(l1!, 3, all);
        const absent = person('absent');
        await admin.banMembers([l1!.user.userId, absent.userId], 60);
        await until(() => l1!.state.phase === 'banned', 'the banned listener knows', patience);
        const rest = [owner, admin, l2!];
        await waitAll(
          rest,
          (r) =>
            r.state.snapshot?.audience.total === 3 &&
            !audienceIds(r).includes(l1!.user.userId) &&
            seatHolder(r, 3) === null,
          'the banned listener and their seat are gone',
        );

        await rejectsWith(l1!.join(), ErrorCode.MEMBER_BANNED, 'the banned client rejoining');
        const again = await h.client(l1!.user);
        await rejectsWith(again.join(), ErrorCode.MEMBER_BANNED, 'the banned user on a new connection');
        const stranger = await h.client(absent);
        await rejectsWith(stranger.join(), ErrorCode.MEMBER_BANNED, 'a user banned while absent');
        await settled(rest);
        for (const r of rest)
          assert.equal(r.state.snapshot?.audience.total, 3, `${r.user.userName}: the refused joins changed nothing`);
        await rejectsWith(
          l2!.banMembers([admin.user.userId], 60),
          ErrorCode.OWNER_OR_ADMIN_REQUIRED,
          'a member banning',
        );
      });

      it('the owner cannot leave (-2102), only end; the end reaches everyone and further commands fail', async () => {
        const {
          owner,
          listeners: [l1],
          all,
        } = await scene('free', 2);
        await rejectsWith(owner.leave(), ErrorCode.OWNER_CANNOT_LEAVE, 'the owner leaving');
        assert.equal(owner.state.phase, 'live');
        await settled(all);
        for (const r of all) assert.equal(r.state.snapshot?.audience.total, all.length, 'the owner is still there');

        await owner.end();
        await waitAll(
          all,
          (r) => r.state.phase === 'ended' && current(r.phase$) === 'ended',
          'everyone sees the room ended',
        );
        const seatsBefore = l1!.state.snapshot!.seats;
        await assert.rejects(l1!.takeSeat(4), RoomError, 'taking a seat in an ended room');
        await assert.rejects(l1!.sendBarrage('anyone?'), RoomError, 'barrage in an ended room');
        await assert.rejects(owner.setSeatMode('apply'), RoomError, 'changing an ended room');
        assert.equal(l1!.state.snapshot!.seats, seatsBefore, 'nothing changed after the end');
        assert.equal(l1!.state.phase, 'ended');
      });
    });
  });
}
