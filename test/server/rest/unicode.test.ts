// Half a surrogate pair in a REST field or a WebSocket frame, through the real server: refused (with the service's
// code over REST), nothing stored; whole pairs (emoji) stored and read back exactly, after a restart too.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../server/config.js';
import { WebSocket } from 'ws';
import {
  SDK_APP_ID,
  SECRET_KEY,
  type TestServer,
  eventually,
  fails,
  ok,
  response,
  sig,
  startTestServer,
} from './helpers.js';

const L = 'live_engine_http_srv';
const dataDir = mkdtempSync(join(tmpdir(), 'vr-unicode-'));
const config = () =>
  loadConfig([], {}, { port: 0, dataDir, logLevel: 'silent', sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY });
let t: TestServer;
before(async () => {
  t = await startTestServer({}, config());
  await t.room('uni');
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const metadata = async () =>
  response<{ Metadata: { Key: string; Value: string }[] }>(
    await t.rest(L, 'get_room_metadata', { RoomId: 'uni', Keys: [] }),
  ).Metadata;
const nick = async (id: string) =>
  (
    (await t.rest('profile', 'portrait_get', { To_Account: [id], TagList: ['Tag_Profile_IM_Nick'] }))[
      'UserProfileItem'
    ] as { ProfileItem: { Value: unknown }[] }[]
  )[0]!.ProfileItem[0]?.Value;

describe('half a surrogate pair in a REST field', () => {
  it('metadata: refused and nothing stored; a key with emoji is read and deleted by its own name', async () => {
    for (const item of [
      { Key: 'a\ud800', Value: 'one' },
      { Key: 'k', Value: 'tail \udfff' },
    ])
      fails(
        await t.rest(L, 'set_room_metadata', { RoomId: 'uni', Metadata: [{ Key: 'fine', Value: 'v' }, item] }),
        100002,
      );
    assert.deepEqual(await metadata(), [], 'a refused call stores nothing, not even its good items');
    fails(await t.rest(L, 'get_room_metadata', { RoomId: 'uni', Keys: ['\ud800'] }), 100002);
    fails(await t.rest(L, 'del_room_metadata', { RoomId: 'uni', Keys: ['\ud800'] }), 100002);

    ok(await t.rest(L, 'set_room_metadata', { RoomId: 'uni', Metadata: [{ Key: '🎤 mic', Value: '𠀀👩‍👩‍👧' }] }));
    assert.deepEqual(await metadata(), [{ Key: '🎤 mic', Value: '𠀀👩‍👩‍👧' }]);
    const got = response<{ Metadata: unknown[] }>(
      await t.rest(L, 'get_room_metadata', { RoomId: 'uni', Keys: ['🎤 mic'] }),
    ).Metadata;
    assert.deepEqual(got, [{ Key: '🎤 mic', Value: '𠀀👩‍👩‍👧' }]);
  });

  it('room, account, profile and callback fields: refused with their service code, nothing changed', async () => {
    fails(await t.rest(L, 'update_room_info', { RoomInfo: { RoomId: 'uni', RoomName: 'n\ud800' } }), 100002);
    fails(await t.rest(L, 'update_room_info', { RoomInfo: { RoomId: 'uni', CustomInfo: '\udc00' } }), 100002);
    const info = response<{ RoomInfo: Record<string, unknown> }>(
      await t.rest(L, 'get_room_info', { RoomId: 'uni' }),
    ).RoomInfo;
    assert.equal(info['RoomName'], 'uni');
    assert.equal(info['CustomInfo'], '');

    fails(await t.rest('im_open_login_svc', 'account_import', { UserID: 'uma', Nick: 'x\udc00y' }), 70402);
    assert.equal(
      (
        (await t.rest('im_open_login_svc', 'account_check', { CheckItem: [{ UserID: 'uma' }] }))['ResultItem'] as {
          AccountStatus: string;
        }[]
      )[0]!.AccountStatus,
      'NotImported',
    );
    const batch = await t.rest('im_open_login_svc', 'multiaccount_import', {
      AccountList: [
        { UserID: 'uma', Nick: 'Uma 🌸' },
        { UserID: 'ugo', FaceUrl: 'https://x/\ud800.png' },
      ],
    });
    ok(batch);
    assert.deepEqual(batch['FailAccounts'], ['ugo'], 'the bad item fails alone');
    assert.equal(await nick('uma'), 'Uma 🌸');

    const set = await t.rest('profile', 'portrait_set', {
      From_Account: 'uma',
      ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Uma \ud83d' }],
    });
    fails(set, 40605);
    assert.equal(await nick('uma'), 'Uma 🌸', 'the nick is unchanged');

    fails(await t.rest('live_config', 'set_callback_token', { Token: 'tok\ud800' }), 100002);
    fails(
      await t.rest('live_config', 'set_callback', {
        Url: 'http://127.0.0.1:9/\udfff',
        CallbackCommandList: ['Live.CallbackAfterCreateRoom'],
      }),
      100002,
    );
    fails(await t.rest('live_config', 'get_callback', {}), 100301);
  });

  it('a name that shows nothing is a blank one: a room refuses it, an account falls back to its UserID', async () => {
    for (const invisible of ['\u200b', '\u3164', '\u2060\ufeff', ' \u00ad '])
      fails(
        await t.rest(L, 'create_room', { RoomInfo: { RoomId: 'blank', RoomType: 'Live', RoomName: invisible } }),
        100002,
      );
    fails(await t.rest(L, 'update_room_info', { RoomInfo: { RoomId: 'uni', RoomName: '\u200b\u200b' } }), 100002);
    ok(await t.rest('im_open_login_svc', 'account_import', { UserID: 'ghost', Nick: '\u3164' }));
    assert.equal(await nick('ghost'), 'ghost');
    ok(
      await t.rest('profile', 'portrait_set', {
        From_Account: 'ghost',
        ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: '\u200b' }],
      }),
    );
    assert.equal(await nick('ghost'), 'ghost');
  });

  it('over WebSocket too: a hello whose name has one is refused, and the profile keeps its name', async () => {
    const q = new URLSearchParams({ sdkAppId: String(SDK_APP_ID), userId: 'uma', userSig: sig('uma') });
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/ws?${q}`);
    const answers: { id: string; ok: boolean; error?: { message: string } }[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { t: string; id: string; ok: boolean; error?: { message: string } };
      if (frame.t === 'answer') answers.push(frame);
    });
    await once(ws, 'open');
    ws.send(JSON.stringify({ t: 'hello', id: 'h1', userName: 'Uma \ud800', avatarUrl: '' }));
    ws.send(JSON.stringify({ t: 'hello', id: 'h2', userName: 'Uma', avatarUrl: 'https://x/\udc00.png' }));
    await eventually(() => answers.length === 2, 'both hello answers');
    assert.deepEqual(
      answers.map((a) => [a.id, a.ok, a.error?.message]),
      [
        ['h1', false, 'hello: userName: must be Unicode text (it has a lone surrogate)'],
        ['h2', false, 'hello: avatarUrl: must be Unicode text (it has a lone surrogate)'],
      ],
    );
    assert.equal(await nick('uma'), 'Uma 🌸', 'the profile keeps its name');
    ws.terminate();
  });

  it('what was accepted reads back the same after a restart', async () => {
    await t.close();
    t = await startTestServer({}, config());
    assert.deepEqual(await metadata(), [{ Key: '🎤 mic', Value: '𠀀👩‍👩‍👧' }]);
    assert.equal(await nick('uma'), 'Uma 🌸');
  });
});
