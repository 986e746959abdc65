import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deflateSync, inflateSync } from 'node:zlib';
import { REST_COMMANDS } from '../../../server/http/rest.js';
import { ADMIN, SDK_APP_ID, type TestServer, fails, ok, sig, startTestServer } from './helpers.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

const split = (path: string) => path.split('/') as [string, string];

describe('REST envelope', () => {
  it('lists every command of the seed plus ours', () => {
    for (const c of [
      'live_engine_http_srv/create_room',
      'live_engine_http_srv/destroy_room',
      'live_engine_http_srv/update_room_info',
      'live_engine_http_srv/get_room_info',
      'live_engine_http_srv/get_room_list',
      'live_engine_http_srv/get_room_metadata',
      'live_engine_http_srv/set_room_metadata',
      'live_engine_http_srv/del_room_metadata',
      'live_engine_http_srv/get_member_list',
      'live_engine_http_srv/mute_member',
      'live_engine_http_srv/get_muted_member_list',
      'live_engine_http_srv/ban_member',
      'live_engine_http_srv/unban_member',
      'live_engine_http_srv/get_banned_member_list',
      'live_engine_http_srv/modify_admin',
      'live_engine_http_srv/get_admin_list',
      'live_engine_http_srv/search_room_member',
      'room_engine_http_mic/get_seat_list',
      'room_engine_http_mic/pick_user_on_seat',
      'room_engine_http_mic/kick_user_off_seat',
      'room_engine_http_mic/lock_seat',
      'live_config/get_callback',
      'live_config/set_callback',
      'live_config/update_callback',
      'live_config/delete_callback',
      'live_config/set_callback_token',
      'im_open_login_svc/account_import',
      'im_open_login_svc/multiaccount_import',
      'im_open_login_svc/account_check',
      'profile/portrait_set',
      'profile/portrait_get',
      'vr_gift/get_catalog',
      'vr_gift/set_catalog',
      'vr_gift/get_balance',
      'vr_gift/set_balance',
      'vr_gift/get_ledger',
      'vr_gift/top_up',
    ])
      assert.ok(REST_COMMANDS.includes(c), c);
    assert.equal(REST_COMMANDS.length, 37);
  });

  it('answers OK with ActionStatus, ErrorCode, ErrorInfo and a fresh RequestId', async () => {
    const a = ok(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '', Count: 20 }));
    const b = ok(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '', Count: 20 }));
    assert.notEqual(a.RequestId, b.RequestId);
  });

  it('every command refuses a caller that is not the App admin (60010), even with a valid UserSig', async () => {
    for (const path of REST_COMMANDS) {
      const [service, command] = split(path);
      fails(await t.rest(service, command, {}, { as: 'alice' }), 60010);
    }
  });

  it('every command refuses a forged UserSig (60005) and a missing or mismatched one (60004)', async () => {
    const forged = sig(ADMIN, { secretKey: 'not-the-key' });
    const expired = sig(ADMIN, { expireSec: 10, now: Date.now() - 3_600_000 });
    const otherUser = sig('alice');
    const otherApp = sig(ADMIN, { sdkAppId: SDK_APP_ID + 1 });
    for (const path of REST_COMMANDS) {
      const [service, command] = split(path);
      fails(await t.rest(service, command, {}, { query: { usersig: forged } }), 60005);
      fails(await t.rest(service, command, {}, { query: { usersig: expired } }), 60005);
      fails(await t.rest(service, command, {}, { query: { usersig: otherUser } }), 60004);
      fails(await t.rest(service, command, {}, { query: { usersig: otherApp } }), 60004);
      fails(await t.rest(service, command, {}, { query: { usersig: 'garbage' } }), 60004);
      fails(await t.rest(service, command, {}, { query: { usersig: null } }), 60004);
      fails(await t.rest(service, command, {}, { query: { identifier: null } }), 60004);
    }
  });

  it('a UserSig issued for a line-broken identifier is no App admin signature (60004), whatever its claims', async () => {
    // What a signer that signs any identifier it is handed would issue to a forger (test/server/auth/usersig.test.ts
    // explains the splice): re-dressed as the App admin's, with ten years to live.
    const time = Math.floor(Date.now() / 1000);
    const decade = 10 * 365 * 86_400;
    const issuedFor = `${ADMIN}\nTLS.sdkappid:${SDK_APP_ID}\nTLS.time:${time}\nTLS.expire:${decade}\nTLS.userbuf:x`;
    const decode = (s: string) =>
      JSON.parse(
        inflateSync(Buffer.from(s.replace(/_/g, '=').replace(/-/g, '/').replace(/\*/g, '+'), 'base64')).toString(),
      ) as Record<string, unknown>;
    const encode = (doc: unknown) =>
      deflateSync(Buffer.from(JSON.stringify(doc)))
        .toString('base64')
        .replace(/\+/g, '*')
        .replace(/\//g, '-')
        .replace(/=/g, '_');
    const issued = decode(sig(issuedFor, { expireSec: 60, now: time * 1000 }));
    const forged = encode({
      ...issued,
      'TLS.identifier': ADMIN,
      'TLS.expire': decade,
      'TLS.userbuf': `x\nTLS.sdkappid:${SDK_APP_ID}\nTLS.time:${time}\nTLS.expire:60`,
    });
    fails(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }, { query: { usersig: forged } }), 60004);
    fails(
      await t.rest('vr_gift', 'set_balance', { UserID: 'alice', Coins: 1e9 }, { query: { usersig: forged } }),
      60004,
    );
  });

  it('checks sdkappid: missing 60012, wrong 60006', async () => {
    fails(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }, { query: { sdkappid: null } }), 60012);
    fails(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }, { query: { sdkappid: '' } }), 60012);
    fails(
      await t.rest(
        'live_engine_http_srv',
        'get_room_list',
        { Next: '' },
        { query: { sdkappid: String(SDK_APP_ID + 1) } },
      ),
      60006,
    );
    fails(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }, { query: { sdkappid: 'abc' } }), 60006);
  });

  it('unknown services or commands are 60009; a non-POST is 60002; bad contenttype or random is 60002', async () => {
    fails(await t.rest('live_engine_http_srv', 'no_such_command'), 60009);
    fails(await t.rest('no_such_service', 'create_room'), 60009);
    fails(await t.rest('live_engine_http_srv', '__proto__'), 60009);
    fails(await t.rest('live_engine_http_srv', 'get_room_list/extra'), 60009);
    fails(await t.rest('live_engine_http_srv', 'get_room_list', {}, { method: 'GET' }), 60002);
    fails(
      await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }, { query: { contenttype: 'xml' } }),
      60002,
    );
    fails(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }, { query: { random: '-1' } }), 60002);
    fails(
      await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }, { query: { random: '4294967296' } }),
      60002,
    );
  });

  it('the body must be one JSON object (60003), {} when empty', async () => {
    fails(await t.rest('live_config', 'delete_callback', undefined, { rawBody: '' }), 60003);
    fails(await t.rest('live_config', 'delete_callback', undefined, { rawBody: '{"a":' }), 60003);
    fails(await t.rest('live_config', 'delete_callback', undefined, { rawBody: '[]' }), 60003);
    fails(await t.rest('live_config', 'delete_callback', undefined, { rawBody: 'null' }), 60003);
    fails(await t.rest('live_config', 'delete_callback', undefined, { rawBody: '"x"' }), 60003);
    ok(await t.rest('live_config', 'delete_callback', undefined, { rawBody: '{}' }));
  });

  it('refuses bodies over 1 MB (60002) and stays up', async () => {
    const huge = JSON.stringify({ RoomId: 'x'.repeat(1024 * 1024 + 10) });
    fails(await t.rest('live_engine_http_srv', 'get_room_info', undefined, { rawBody: huge }), 60002);
    ok(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }));
  });

  it('hostile bodies get an error, never a crash', async () => {
    const bodies = [
      '{"__proto__":{"x":1}}',
      '{"RoomInfo":{"__proto__":null}}',
      '{"RoomId":{"$gt":""}}',
      '{"RoomId":[1,2]}',
      '{"RoomId":"<script>alert(1)</script>"}',
      '{"RoomId":1e999}',
    ];
    for (const rawBody of bodies) {
      const answer = await t.rest('live_engine_http_srv', 'get_room_info', undefined, { rawBody });
      assert.equal(answer.ActionStatus, 'FAIL', rawBody);
      assert.ok([100002, 100004].includes(answer.ErrorCode), `${rawBody}: ${answer.ErrorCode}`);
    }
    ok(await t.rest('live_engine_http_srv', 'get_room_list', { Next: '' }));
  });
});
