import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestServer, type WsClient, connect, events, fails, ok, response, startTestServer } from './helpers.js';

let t: TestServer;
let owner: WsClient;
let ann: WsClient;
let bob: WsClient;
const srv = 'live_engine_http_srv';
const ROOM = 'members';

before(async () => {
  t = await startTestServer();
  await t.accounts('host', 'ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus');
  await t.room(ROOM, { Owner_Account: 'host' });
  owner = await connect(t, 'host', ROOM);
  ann = await connect(t, 'ann', ROOM);
  bob = await connect(t, 'bob', ROOM);
});
after(() => t.close());

describe('member lists and search', () => {
  it('get_member_list pages with Next and counts everyone', async () => {
    const page = response<{ Next: string; MemberCount: number; MemberList: { Member_Account: string }[] }>(
      await t.rest(srv, 'get_member_list', { RoomId: ROOM, Next: '' }),
    );
    assert.equal(page.MemberCount, 3);
    assert.deepEqual(page.MemberList.map((m) => m.Member_Account).sort(), ['ann', 'bob', 'host']);
    assert.equal(page.Next, '');
    fails(await t.rest(srv, 'get_member_list', { RoomId: ROOM }), 100002);
    fails(await t.rest(srv, 'get_member_list', { RoomId: ROOM, Next: 'abc' }), 100002);
    fails(await t.rest(srv, 'get_member_list', { Next: '' }), 100002);
    fails(await t.rest(srv, 'get_member_list', { RoomId: 'nope', Next: '' }), 100004);
  });

  it('search_room_member matches nicknames fuzzily and user IDs exactly', async () => {
    const byNick = response<{ MemberList: { Member_Account: string; NickName: string }[] }>(
      await t.rest(srv, 'search_room_member', { RoomId: ROOM, Keyword: 'name a', Next: '' }),
    );
    assert.deepEqual(byNick.MemberList, [{ Member_Account: 'ann', NickName: 'Name ann' }]);
    const byId = response<{ MemberList: { Member_Account: string }[] }>(
      await t.rest(srv, 'search_room_member', { RoomId: ROOM, Keyword: 'bob', Next: '' }),
    );
    assert.deepEqual(
      byId.MemberList.map((m) => m.Member_Account),
      ['bob'],
    );
    const none = response<{ MemberList: unknown[]; Next: string }>(
      await t.rest(srv, 'search_room_member', { RoomId: ROOM, Keyword: 'zzz', Next: '' }),
    );
    assert.deepEqual(none, { Next: '', MemberList: [] });
    fails(await t.rest(srv, 'search_room_member', { RoomId: ROOM, Keyword: '', Next: '' }), 100002);
    fails(await t.rest(srv, 'search_room_member', { RoomId: ROOM, Keyword: 'x' }), 100002);
    fails(await t.rest(srv, 'search_room_member', { RoomId: ROOM, Keyword: 5, Next: '' }), 100002);
    fails(await t.rest(srv, 'search_room_member', { RoomId: 'nope', Keyword: 'x', Next: '' }), 100004);
  });
});

describe('mute', () => {
  it('mute_member mutes for MuteTime seconds, 0 unmutes; clients see it', async () => {
    ok(await t.rest(srv, 'mute_member', { RoomId: ROOM, MemberList_Account: ['ann', 'cat'], MuteTime: 3600 }));
    await ann.waitFor(
      (f) => f.t === 'batch' && f.batch!.events.some((e) => e['type'] === 'member.muted' && e['userId'] === 'ann'),
      'member.muted',
    );
    const sent = await ann.command('barrage.send', { text: 'hi' });
    assert.equal(sent.ok, false, 'a muted member cannot send barrage');
    const list = response<{ MutedAccountList: { Member_Account: string; MutedUntil: number }[] }>(
      await t.rest(srv, 'get_muted_member_list', { RoomId: ROOM }),
    );
    assert.deepEqual(list.MutedAccountList.map((m) => m.Member_Account).sort(), ['ann', 'cat']);
    for (const m of list.MutedAccountList)
      assert.ok(Math.abs(m.MutedUntil - (Date.now() / 1000 + 3600)) < 60, 'MutedUntil is in seconds');
    ok(await t.rest(srv, 'mute_member', { RoomId: ROOM, MemberList_Account: ['ann', 'cat'], MuteTime: 0 }));
    assert.deepEqual(
      response<{ MutedAccountList: unknown[] }>(await t.rest(srv, 'get_muted_member_list', { RoomId: ROOM }))
        .MutedAccountList,
      [],
    );
    assert.equal((await ann.command('barrage.send', { text: 'hi again' })).ok, true);
  });

  it('refuses bad fields (100002), the owner (100006) and unknown rooms (100004)', async () => {
    for (const bad of [
      { RoomId: ROOM },
      { RoomId: ROOM, MemberList_Account: ['ann'] },
      { RoomId: ROOM, MemberList_Account: [], MuteTime: 5 },
      { RoomId: ROOM, MemberList_Account: 'ann', MuteTime: 5 },
      { RoomId: ROOM, MemberList_Account: ['ann'], MuteTime: -1 },
      { RoomId: ROOM, MemberList_Account: ['ann'], MuteTime: '5' },
      { RoomId: ROOM, MemberList_Account: [''], MuteTime: 5 },
    ]) {
      fails(await t.rest(srv, 'mute_member', bad), 100002);
    }
    fails(await t.rest(srv, 'mute_member', { RoomId: ROOM, MemberList_Account: ['host'], MuteTime: 5 }), 100006);
    fails(await t.rest(srv, 'mute_member', { RoomId: 'nope', MemberList_Account: ['ann'], MuteTime: 5 }), 100004);
    fails(await t.rest(srv, 'get_muted_member_list', { RoomId: 'nope' }), 100004);
    fails(await t.rest(srv, 'get_muted_member_list', {}), 100002);
  });
});

describe('ban', () => {
  it('ban_member removes present users, bans absent ones, and blocks entry; unban lets them back', async () => {
    ok(
      await t.rest(srv, 'ban_member', {
        RoomId: ROOM,
        MemberList_Account: ['bob', 'dan'],
        Reason: 'spam',
        Duration: 600,
      }),
    );
    await bob.waitFor(
      (f) =>
        f.t === 'batch' &&
        f.batch!.events.some((e) => e['type'] === 'member.left' && e['userId'] === 'bob' && e['reason'] === 'banned'),
      'bob banned',
    );
    bob.close();
    const again = await connect(t, 'bob');
    const join = await again.command('room.join', { roomId: ROOM });
    assert.equal(join.ok, false);
    assert.equal(join.error!.code, 100016);
    const list = response<{ BannedAccountList: { Member_Account: string; BannedUntil: number }[]; NextOffset: number }>(
      await t.rest(srv, 'get_banned_member_list', { RoomId: ROOM, Offset: 0, Limit: 10 }),
    );
    assert.deepEqual(list.BannedAccountList.map((b) => b.Member_Account).sort(), ['bob', 'dan']);
    assert.equal(list.NextOffset, 0);
    const page1 = response<{ BannedAccountList: unknown[]; NextOffset: number }>(
      await t.rest(srv, 'get_banned_member_list', { RoomId: ROOM, Offset: 0, Limit: 1 }),
    );
    assert.equal(page1.BannedAccountList.length, 1);
    assert.equal(page1.NextOffset, 1);
    const page2 = response<{ BannedAccountList: unknown[]; NextOffset: number }>(
      await t.rest(srv, 'get_banned_member_list', { RoomId: ROOM, Offset: 1, Limit: 1 }),
    );
    assert.equal(page2.BannedAccountList.length, 1);
    assert.equal(page2.NextOffset, 0);
    ok(await t.rest(srv, 'unban_member', { RoomId: ROOM, MemberList_Account: ['bob', 'dan'] }));
    assert.equal((await again.command('room.join', { roomId: ROOM })).ok, true);
    again.close();
  });

  it('refuses bad fields, more than 20 users, the owner and unknown rooms', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `u${i}`);
    for (const bad of [
      { RoomId: ROOM, MemberList_Account: ['x'] },
      { RoomId: ROOM, MemberList_Account: many, Duration: 5 },
      { RoomId: ROOM, MemberList_Account: ['x'], Duration: 0 },
      { RoomId: ROOM, MemberList_Account: ['x'], Duration: 5, Reason: 5 },
      { RoomId: ROOM, MemberList_Account: [], Duration: 5 },
    ]) {
      fails(await t.rest(srv, 'ban_member', bad), 100002);
    }
    fails(await t.rest(srv, 'ban_member', { RoomId: ROOM, MemberList_Account: ['host'], Duration: 5 }), 100006);
    fails(await t.rest(srv, 'ban_member', { RoomId: 'nope', MemberList_Account: ['x'], Duration: 5 }), 100004);
    fails(await t.rest(srv, 'unban_member', { RoomId: ROOM, MemberList_Account: many }), 100002);
    fails(await t.rest(srv, 'unban_member', { RoomId: ROOM }), 100002);
    fails(await t.rest(srv, 'unban_member', { RoomId: 'nope', MemberList_Account: ['x'] }), 100004);
    fails(await t.rest(srv, 'get_banned_member_list', { RoomId: ROOM, Limit: 101 }), 100002);
    fails(await t.rest(srv, 'get_banned_member_list', { RoomId: ROOM, Offset: -1 }), 100002);
    fails(await t.rest(srv, 'get_banned_member_list', { RoomId: 'nope' }), 100004);
  });
});

describe('admins', () => {
  it('modify_admin adds and deletes admins (clients see it); at most 5 (100020)', async () => {
    ok(await t.rest(srv, 'modify_admin', { RoomId: ROOM, Admin_Account: ['ann', 'cat'], OpType: 'add' }));
    await owner.waitFor(
      (f) =>
        f.t === 'batch' &&
        f.batch!.events.some((e) => e['type'] === 'admins.updated' && (e['admins'] as string[]).includes('cat')),
      'admins.updated',
    );
    assert.deepEqual(
      response<{ Admin_Account: string[] }>(await t.rest(srv, 'get_admin_list', { RoomId: ROOM })).Admin_Account,
      ['ann', 'cat'],
    );
    ok(await t.rest(srv, 'modify_admin', { RoomId: ROOM, Admin_Account: ['dan', 'eve', 'fay'], OpType: 'add' }));
    fails(await t.rest(srv, 'modify_admin', { RoomId: ROOM, Admin_Account: ['gus'], OpType: 'add' }), 100020);
    ok(
      await t.rest(srv, 'modify_admin', {
        RoomId: ROOM,
        Admin_Account: ['dan', 'eve', 'fay', 'cat'],
        OpType: 'delete',
      }),
    );
    assert.deepEqual(
      response<{ Admin_Account: string[] }>(await t.rest(srv, 'get_admin_list', { RoomId: ROOM })).Admin_Account,
      ['ann'],
    );
    assert.ok(events(ann).some((e) => e['type'] === 'admins.updated'));
  });

  it('refuses bad fields, the owner, and unknown rooms', async () => {
    for (const bad of [
      { RoomId: ROOM, Admin_Account: ['x'] },
      { RoomId: ROOM, Admin_Account: ['x'], OpType: 'set' },
      { RoomId: ROOM, Admin_Account: [], OpType: 'add' },
      { RoomId: ROOM, Admin_Account: ['a', 'b', 'c', 'd', 'e', 'f'], OpType: 'add' },
      { RoomId: ROOM, Admin_Account: ['host'], OpType: 'add' },
    ]) {
      fails(await t.rest(srv, 'modify_admin', bad), 100002);
    }
    fails(await t.rest(srv, 'modify_admin', { RoomId: 'nope', Admin_Account: ['x'], OpType: 'add' }), 100004);
    fails(await t.rest(srv, 'get_admin_list', { RoomId: 'nope' }), 100004);
    fails(await t.rest(srv, 'get_admin_list', { RoomId: ['x'] }), 100002);
  });
});
