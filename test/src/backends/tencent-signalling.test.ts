// Seat applications and invitations on the Tencent backend travel as Chat signalling invitations, and the owner's
// client releases seats whose user stopped publishing on TRTC. These tests look at the doubles' clouds to see the
// SDK calls and events the users' actions become, and at every store for what the users notice.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import type { UserInfo } from '../../../src/model/user.js';
import type { Room } from '../../../src/store/room.js';
import { type TencentHarness, makeTencentHarness, until } from '../../contract/tencent-harness.js';
import { CHAT_SIGNALING, ChatCloud, SIGNALING_CODE, doubleUserSig } from '../../doubles/tencent/chat-double.js';
import { createManualClock } from '../../../src/model/clock.js';

let seq = 0;
const person = (name: string): UserInfo => ({ userId: `${name}-${++seq}`, userName: name, avatarUrl: '' });


const seatHolder = (room: Room, index: number) => room.state.snapshot?.seats[index]?.user?.userId ?? null;
const requestIds = (room: Room) => (room.state.snapshot?.requests ?? []).map((r) => r.requestId);
const everyone = (rooms: Room[], condition: (r: Room) => boolean) => () => rooms.every(condition);

describe('tencent backend: seat requests as signalling invitations', () => {
  let h: TencentHarness;
  let owner: Room;
  let admin: Room;
  let listener: Room;
  let all: Room[];
  /** The signalling calls made since the scene was set up: `user api`. */
  let mark = 0;
  const signalling = () => h.chatCloud.calls.slice(mark).filter((c) => ['invite', 'accept', 'reject', 'cancel'].includes(c.api));
  const steps = () => signalling().map((c) => `${c.user.split('-')[0]} ${c.api}`);

  beforeEach(async () => {
    h = await makeTencentHarness();
    owner = await h.client(person('owner'));
    await owner.start({ roomName: 'Signalling', seatMode: 'apply', seatCount: 8 });
    admin = await h.client(person('admin'));
    await admin.join();
    await owner.setAdmin(admin.user.userId, true);
    listener = await h.client(person('listener'));
    await listener.join();
    all = [owner, admin, listener];
    await until(everyone(all, (r) => r.state.snapshot?.admins.includes(admin.user.userId) ?? false), 'everyone knows the admin');
    mark = h.chatCloud.calls.length;
  });
  afterEach(() => h.close());

  it('an application is an invitation to the owner; the owner accepting it seats the applicant everywhere', async () => {
    const answer = await listener.takeSeat(2);
    assert.equal(answer.seated, false);
    const invite = signalling()[0]!;
    assert.equal(invite.user, listener.user.userId);
    assert.equal((invite.args as { userID: string }).userID, owner.user.userId, 'the applicant invites the owner');
    assert.equal((invite.args as { timeout: number }).timeout, 60, 'with the request timeout (default 60 s)');
    assert.equal(h.chatCloud.invitations.size, 1);
    await until(everyone(all, (r) => requestIds(r).length === 1), 'the application is queued everywhere');

    await owner.respondRequest(answer.request.requestId, true);
    await until(everyone(all, (r) => seatHolder(r, 2) === listener.user.userId), 'the applicant sits on seat 2 everywhere');
    await until(() => h.chatCloud.invitations.size === 0, 'the invitation is closed');
    assert.deepEqual(steps(), ['listener invite', 'owner accept']);
  });

  it("an admin's answer closes the owner's invitation too (reject)", async () => {
    const answer = await listener.takeSeat(null);
    assert.ok(!answer.seated);
    await until(() => requestIds(admin).length === 1, 'the admin sees the application');
    const rejected = await admin.respondRequest(answer.request.requestId, false);
    assert.equal(rejected.status, 'rejected');
    await until(() => h.chatCloud.invitations.size === 0, 'the invitation is closed');
    assert.deepEqual(steps(), ['listener invite', 'owner reject'], 'the admin answers the owner by command; the owner rejects the invitation');
    await until(everyone(all, (r) => requestIds(r).length === 0), 'the queue is empty everywhere');
    for (const r of all) assert.ok(!r.state.snapshot!.seats.some((seat) => seat.user?.userId === listener.user.userId), `${r.user.userName}: the applicant is not seated`);
  });

  it('the applicant cancelling is a cancel of the invitation; the owner hears it and the queue empties', async () => {
    const answer = await listener.takeSeat(3);
    assert.ok(!answer.seated);
    await until(() => requestIds(owner).length === 1, 'the owner sees the application');
    const cancelled = await listener.cancelRequest(answer.request.requestId);
    assert.equal(cancelled.status, 'cancelled');
    await until(everyone(all, (r) => requestIds(r).length === 0), 'the application left every queue');
    assert.deepEqual(steps(), ['listener invite', 'listener cancel']);
    assert.equal(h.chatCloud.invitations.size, 0);
  });

  it('an owner invitation is an invitation to the invitee; accepting it seats them', async () => {
    const invitation = await owner.inviteToSeat(listener.user.userId, 5);
    await until(() => h.chatCloud.invitations.size === 1, 'the signalling invitation is out');
    const invite = signalling()[0]!;
    assert.equal(invite.user, owner.user.userId);
    assert.equal((invite.args as { userID: string }).userID, listener.user.userId);
    await until(() => requestIds(listener).includes(invitation.requestId), 'the invitee sees the invitation');
    // The invitee's SDK holds the invitation once it arrived.
    await until(() => [...h.chatCloud.invitations.values()][0]!.holders.size === 2, 'the invitee received the invitation');

    const accepted = await listener.respondRequest(invitation.requestId, true);
    assert.equal(accepted.status, 'accepted');
    await until(everyone(all, (r) => seatHolder(r, 5) === listener.user.userId), 'the invitee sits on seat 5 everywhere');
    assert.deepEqual(steps(), ['owner invite', 'listener accept']);
    assert.equal(h.chatCloud.invitations.size, 0);
  });

  it('an admin invitation goes out from the owner; the owner cancelling it withdraws it from the invitee', async () => {
    const invitation = await admin.inviteToSeat(listener.user.userId, null);
    await until(() => requestIds(listener).includes(invitation.requestId), 'the invitee sees the invitation');
    await until(() => h.chatCloud.invitations.size === 1, 'the signalling invitation is out');
    await owner.cancelRequest(invitation.requestId);
    await until(everyone(all, (r) => requestIds(r).length === 0), 'the invitation left every queue');
    await until(() => h.chatCloud.invitations.size === 0, 'the signalling invitation is cancelled');
    assert.deepEqual(steps(), ['owner invite', 'owner cancel']);
    await assert.rejects(listener.respondRequest(invitation.requestId, true), (e) => e instanceof RoomError && e.code === ErrorCode.REQUEST_INVALID, 'a late accept is refused by the owner');
  });

  it('timeouts: the invitation and the request end together on every side', async () => {
    const timeouts: string[] = [];
    for (const instance of h.chatCloud.instances) instance.addSignalingListener?.(CHAT_SIGNALING.INVITATION_TIMEOUT, () => timeouts.push(instance.userID));
    const answer = await listener.takeSeat(null, { timeoutSec: 2 });
    assert.ok(!answer.seated);
    await until(() => requestIds(owner).length === 1, 'the owner sees the application');
    await h.advance(1_900);
    assert.equal(requestIds(owner).length, 1, 'still pending before its time');
    await h.advance(200);
    await until(everyone(all, (r) => requestIds(r).length === 0), 'the application timed out everywhere');
    await until(() => timeouts.length === 2, 'both sides heard the timeout');
    assert.deepEqual(new Set(timeouts), new Set([listener.user.userId, owner.user.userId]));
    assert.equal(h.chatCloud.invitations.size, 0);
  });

  it('when the SDK no longer knows the invitation (a reload lost it) the answer goes as a command', async () => {
    const invitation = await owner.inviteToSeat(listener.user.userId, 1);
    await until(() => [...h.chatCloud.invitations.values()][0]?.holders.size === 2, 'the invitee received the invitation');
    // The invitee's SDK forgets it (as after a reload); the owner's side still has it.
    const [entry] = h.chatCloud.invitations.values();
    for (const holder of [...entry!.holders]) if (holder.userID === listener.user.userId) entry!.holders.delete(holder);
    const accepted = await listener.respondRequest(invitation.requestId, true);
    assert.equal(accepted.status, 'accepted');
    await until(everyone(all, (r) => seatHolder(r, 1) === listener.user.userId), 'the invitee sits on seat 1 everywhere');
    assert.deepEqual(steps(), ['owner invite', 'listener accept', 'owner cancel'], 'the refused accept fell back; the owner then withdrew the stale invitation');
    await until(() => h.chatCloud.invitations.size === 0, 'nothing left open');
  });

  it('hostile invitations change nothing: another room, garbage data, an application the rules refuse', async () => {
    const stranger = await h.client(person('stranger'));
    await stranger.join();
    const strangerChat = [...h.chatCloud.instances].find((i) => i.userID === stranger.user.userId)!;
    await strangerChat.invite!({ userID: owner.user.userId, data: '{"v":1,"kind":"apply","roomId":"elsewhere","id":"x","index":0,"user":{"userId":"x","userName":"x","avatarUrl":""}}', timeout: 30 });
    await strangerChat.invite!({ userID: owner.user.userId, data: 'not json at all', timeout: 30 });
    await strangerChat.invite!({ userID: owner.user.userId, data: JSON.stringify({ v: 1, kind: 'apply', roomId: h.roomId, id: 'y', index: 99, user: stranger.user }), timeout: 30 });
    await until(() => h.chatCloud.calls.some((c) => c.user === owner.user.userId && c.api === 'reject'), 'the owner rejects the bad application');
    const { result } = await owner.backend.send('room.snapshot', {});
    await until(everyone([...all, stranger], (r) => (r.state.snapshot?.version ?? 0) >= result.version), 'everyone settled');
    for (const r of [...all, stranger]) assert.deepEqual(requestIds(r), [], `${r.user.userName} sees no request`);
    assert.deepEqual(owner.state.snapshot!.seats.filter((seat) => seat.user).map((seat) => seat.user!.userId), [owner.user.userId], 'only the owner is seated');
    // Not ours: the owner leaves other apps' invitations alone (they time out by themselves).
    assert.equal(h.chatCloud.invitations.size, 2);
  });
});

describe('tencent backend: seats of users who stopped publishing', () => {
  let h: TencentHarness;
  beforeEach(async () => {
    h = await makeTencentHarness();
  });
  afterEach(() => h.close());

  async function seatedScene() {
    const owner = await h.client(person('owner'));
    await owner.start({ roomName: 'Publishing', seatMode: 'free', seatCount: 4 });
    const speaker = await h.client(person('speaker'));
    await speaker.join();
    const listener = await h.client(person('listener'));
    await listener.join();
    await speaker.takeSeat(1);
    const all = [owner, speaker, listener];
    await until(everyone(all, (r) => seatHolder(r, 1) === speaker.user.userId), 'the speaker is seated everywhere');
    await until(() => h.trtcCloud.client(speaker.user.userId)?.publishing === true, 'the speaker publishes');
    return { owner, speaker, listener, all };
  }

  it("a seated user whose TRTC anchor left loses the seat after the lease, though still in the Chat room", async () => {
    const { speaker, all } = await seatedScene();
    await h.trtcCloud.client(speaker.user.userId)!.exitRoom();
    await h.advance(h.leaseMs - 100);
    const { result } = await all[0]!.backend.send('room.snapshot', {});
    await until(everyone(all, (r) => (r.state.snapshot?.version ?? 0) >= result.version), 'everyone settled');
    for (const r of all) assert.equal(seatHolder(r, 1), speaker.user.userId, `${r.user.userName}: kept during the lease`);
    await h.advance(200);
    await until(everyone(all, (r) => seatHolder(r, 1) === null), 'the silent seat is released everywhere');
    assert.ok(speaker.state.snapshot?.audience.recent.some((u) => u.userId === speaker.user.userId), 'the user is still in the room');
  });

  it('publishing again within the lease keeps the seat', async () => {
    const { speaker, all } = await seatedScene();
    const client = h.trtcCloud.client(speaker.user.userId)!;
    await client.switchRole('audience');
    await h.advance(h.leaseMs / 2);
    await client.switchRole('anchor');
    await h.advance(h.leaseMs);
    const { result } = await all[0]!.backend.send('room.snapshot', {});
    await until(everyone(all, (r) => (r.state.snapshot?.version ?? 0) >= result.version), 'everyone settled');
    for (const r of all) assert.equal(seatHolder(r, 1), speaker.user.userId, `${r.user.userName}: still seated`);
  });

  it('leaving the seat normally does not start anything', async () => {
    const { speaker, all } = await seatedScene();
    await speaker.leaveSeat();
    await until(everyone(all, (r) => seatHolder(r, 1) === null), 'the seat is free');
    await speaker.takeSeat(1);
    await until(everyone(all, (r) => seatHolder(r, 1) === speaker.user.userId), 'seated again');
    await h.advance(h.leaseMs * 2);
    const { result } = await all[0]!.backend.send('room.snapshot', {});
    await until(everyone(all, (r) => (r.state.snapshot?.version ?? 0) >= result.version), 'everyone settled');
    for (const r of all) assert.equal(seatHolder(r, 1), speaker.user.userId, `${r.user.userName}: the new seating stands`);
  });
});

describe('tencent backend: members whose quit tip was lost', () => {
  let h: TencentHarness;
  beforeEach(async () => {
    h = await makeTencentHarness();
  });
  afterEach(() => h.close());

  it('the owner finds them through the online count and the member list, and their seat goes after the lease', async () => {
    const owner = await h.client(person('owner'));
    await owner.start({ roomName: 'Audit', seatMode: 'free', seatCount: 4 });
    const speaker = await h.client(person('speaker'));
    await speaker.join();
    const listener = await h.client(person('listener'));
    await listener.join();
    await speaker.takeSeat(2);
    await until(everyone([owner, listener], (r) => seatHolder(r, 2) === speaker.user.userId), 'the speaker is seated');
    const chat = [...h.chatCloud.instances].find((i) => i.userID === speaker.user.userId && i.ready)!;
    // The speaker's connection dies in a busy room: Chat drops the quit tip, nobody is told.
    h.chatCloud.disconnect(chat, { tip: false });
    await h.advance(10_000);
    const stillSeated = () => seatHolder(owner, 2) === speaker.user.userId && seatHolder(listener, 2) === speaker.user.userId;
    assert.ok(stillSeated(), 'a member who joined less than the list lag ago is not judged yet');
    const counted = h.chatCloud.calls.filter((c) => c.api === 'getGroupOnlineMemberCount').length;
    await h.advance(20_000);
    assert.ok(h.chatCloud.calls.filter((c) => c.api === 'getGroupOnlineMemberCount').length > counted, 'the owner keeps asking the count');
    assert.ok(h.chatCloud.calls.some((c) => c.api === 'getGroupMemberList'), 'and reads the member list when the count is short');
    await until(() => h.backendOf(owner).authorityState?.leases[speaker.user.userId] !== undefined, "the owner dropped the speaker: the seat lease runs");
    assert.ok(stillSeated(), 'kept during the lease');
    await h.advance(h.leaseMs + 100);
    await until(everyone([owner, listener], (r) => seatHolder(r, 2) === null), 'the seat is released everywhere');
  });

  it('nobody is judged while the count adds up', async () => {
    const owner = await h.client(person('owner'));
    await owner.start({ roomName: 'Audit', seatMode: 'free', seatCount: 4 });
    const speaker = await h.client(person('speaker'));
    await speaker.join();
    await speaker.takeSeat(2);
    await h.advance(60_000);
    assert.ok(h.chatCloud.calls.some((c) => c.api === 'getGroupOnlineMemberCount'));
    assert.ok(!h.chatCloud.calls.some((c) => c.api === 'getGroupMemberList'), 'no member list needed');
    await until(() => seatHolder(owner, 2) === speaker.user.userId, 'still seated');
  });
});

describe('Chat double: signalling as the 3.x module documents it', () => {
  const clock = createManualClock();
  const cloud = new ChatCloud(clock, 1400000001);
  const factory = cloud.factory();
  async function login(userID: string, signalling = true) {
    const chat = factory.create({ SDKAppID: 1400000001, modules: { 'group-module': {}, ...(signalling ? { 'signaling-module': {} } : {}) } });
    await chat.login({ userID, userSig: doubleUserSig(1400000001, userID, clock.now() + 3_600_000) });
    const events: { name: string; data: Record<string, unknown> }[] = [];
    for (const name of Object.values(CHAT_SIGNALING)) if (typeof name === 'string') chat.addSignalingListener?.(name, (e) => events.push(e as never));
    return { chat, events };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('invite → accept: events on both sides, then the invitation is gone (8010 on a second answer)', async () => {
    const a = await login('sig-a');
    const b = await login('sig-b');
    const sent = await a.chat.invite!({ userID: 'sig-b', data: 'hello', timeout: 10 });
    assert.equal(sent.code, 0);
    assert.ok(sent.inviteID);
    await tick();
    assert.deepEqual(b.events.map((e) => e.name), [CHAT_SIGNALING.NEW_INVITATION_RECEIVED]);
    assert.equal(b.events[0]!.data.inviter, 'sig-a');
    assert.deepEqual(b.events[0]!.data.inviteeList, ['sig-b']);
    assert.equal(a.events.length, 0, 'not back to the inviter');
    await b.chat.accept!({ inviteID: sent.inviteID, data: 'yes' });
    await tick();
    assert.deepEqual(a.events.map((e) => [e.name, e.data.invitee, e.data.data]), [[CHAT_SIGNALING.INVITEE_ACCEPTED, 'sig-b', 'yes']]);
    await assert.rejects(b.chat.reject!({ inviteID: sent.inviteID }), (e: { code?: number }) => e.code === SIGNALING_CODE.INVALID_INVITATION);
    await assert.rejects(a.chat.cancel!({ inviteID: sent.inviteID }), (e: { code?: number }) => e.code === SIGNALING_CODE.CANCEL_REFUSED);
    clock.advance(20_000);
    await tick();
    assert.ok(!a.events.concat(b.events).some((e) => e.name === CHAT_SIGNALING.INVITATION_TIMEOUT), 'an answered invitation does not time out');
  });

  it('only the invitee answers (8011), only the inviter cancels; timeouts reach both; timeout 0 never expires', async () => {
    const a = await login('sig-c');
    const b = await login('sig-d');
    const first = await a.chat.invite!({ userID: 'sig-d', data: '', timeout: 2 });
    const forever = await a.chat.invite!({ userID: 'sig-d', data: '', timeout: 0 });
    await tick();
    await assert.rejects(a.chat.accept!({ inviteID: first.inviteID }), (e: { code?: number }) => e.code === SIGNALING_CODE.NOT_INVITEE);
    await assert.rejects(b.chat.cancel!({ inviteID: first.inviteID }), (e: { code?: number }) => e.code === SIGNALING_CODE.NOT_INVITEE);
    clock.advance(2_000);
    await tick();
    assert.deepEqual(a.events.map((e) => [e.name, e.data.inviteID]), [[CHAT_SIGNALING.INVITATION_TIMEOUT, first.inviteID]]);
    assert.ok(b.events.some((e) => e.name === CHAT_SIGNALING.INVITATION_TIMEOUT && e.data.inviteID === first.inviteID));
    clock.advance(3_600_000 - 10_000);
    await tick();
    await a.chat.cancel!({ inviteID: forever.inviteID });
    await tick();
    assert.ok(b.events.some((e) => e.name === CHAT_SIGNALING.INVITATION_CANCELLED && e.data.inviteID === forever.inviteID));
  });

  it('without the signaling-module there is no signalling API', async () => {
    const { chat } = await login('sig-e', false);
    assert.equal(chat.invite, undefined);
    assert.equal(chat.addSignalingListener, undefined);
  });
});
