import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, type TestServer, connect, fails, ok, response, startTestServer } from './helpers.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

const login = 'im_open_login_svc';

describe('accounts', () => {
  it('account_import creates one account; importing again updates it', async () => {
    ok(await t.rest(login, 'account_import', { UserID: 'acc1', Nick: 'First', FaceUrl: 'https://f/1.png' }));
    ok(await t.rest(login, 'account_import', { UserID: 'acc1', Nick: 'Renamed' }));
    const profile = await t.rest('profile', 'portrait_get', {
      To_Account: ['acc1'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'],
    });
    ok(profile);
    assert.deepEqual(profile['UserProfileItem'], [
      {
        To_Account: 'acc1',
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Renamed' },
          { Tag: 'Tag_Profile_IM_Image', Value: 'https://f/1.png' },
        ],
        ResultCode: 0,
        ResultInfo: '',
      },
    ]);
    for (const bad of [
      {},
      { UserID: '' },
      { UserID: 'x'.repeat(33) },
      { UserID: 'bad id' },
      { UserID: 5 },
      { UserID: 'ok1', Nick: 5 },
    ])
      fails(await t.rest(login, 'account_import', bad), 70402);
    fails(await t.rest(login, 'account_import', { UserID: 'ok1', Nick: 'n'.repeat(501) }), 40601);
    fails(await t.rest(login, 'account_import', { UserID: 'ok1', FaceUrl: 'u'.repeat(501) }), 40601);
  });

  it('multiaccount_import imports up to 100 and lists FailAccounts', async () => {
    const answer = ok(
      await t.rest(login, 'multiaccount_import', {
        AccountList: [
          { UserID: 'm1', Nick: 'M1' },
          { UserID: 'm2' },
          { UserID: 'bad id' },
          { UserID: 'm3', Nick: 'n'.repeat(501) },
        ],
      }),
    );
    assert.deepEqual(answer['FailAccounts'], ['bad id', 'm3']);
    const many = Array.from({ length: 101 }, (_, i) => ({ UserID: `u${i}` }));
    fails(await t.rest(login, 'multiaccount_import', { AccountList: many }), 70402);
    fails(await t.rest(login, 'multiaccount_import', { AccountList: [] }), 70402);
    fails(await t.rest(login, 'multiaccount_import', {}), 70402);
    fails(await t.rest(login, 'multiaccount_import', { AccountList: ['m9'] }), 70402);
  });

  it('account_check tells Imported from NotImported (a WebSocket sign-in counts as imported)', async () => {
    const ws = await connect(t, 'wsuser');
    const answer = ok(
      await t.rest(login, 'account_check', {
        CheckItem: [{ UserID: 'm1' }, { UserID: 'nobody' }, { UserID: 'wsuser' }, { UserID: ADMIN }],
      }),
    );
    assert.deepEqual(answer['ResultItem'], [
      { UserID: 'm1', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
      { UserID: 'nobody', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' },
      { UserID: 'wsuser', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
      { UserID: ADMIN, ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
    ]);
    for (const bad of [
      {},
      { CheckItem: [] },
      { CheckItem: [{}] },
      { CheckItem: ['m1'] },
      { CheckItem: Array.from({ length: 101 }, () => ({ UserID: 'm1' })) },
    ])
      fails(await t.rest(login, 'account_check', bad), 70402);
    ws.close();
  });
});

describe('profile', () => {
  it('portrait_set / portrait_get read and write nick, image and level', async () => {
    ok(await t.rest(login, 'account_import', { UserID: 'p1' }));
    const set = ok(
      await t.rest('profile', 'portrait_set', {
        From_Account: 'p1',
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Pat' },
          { Tag: 'Tag_Profile_IM_Image', Value: 'https://a/p.png' },
          { Tag: 'Tag_Profile_IM_Level', Value: 7 },
        ],
      }),
    );
    assert.equal(set['ErrorDisplay'], '');
    const got = ok(
      await t.rest('profile', 'portrait_get', {
        To_Account: ['p1', 'ghost'],
        TagList: ['Tag_Profile_IM_Level', 'Tag_Profile_IM_Nick'],
      }),
    );
    assert.deepEqual(got['UserProfileItem'], [
      {
        To_Account: 'p1',
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Level', Value: 7 },
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Pat' },
        ],
        ResultCode: 0,
        ResultInfo: '',
      },
      { To_Account: 'ghost', ProfileItem: [], ResultCode: 40003, ResultInfo: 'account does not exist' },
    ]);
    assert.deepEqual(got['Fail_Account'], ['ghost']);
  });

  it('answers the profile codes: 40009 unknown tag, 40610 wrong type, 40601 too long, 40003 no account, 40001 bad request', async () => {
    const set = (body: unknown) => t.rest('profile', 'portrait_set', body);
    const item = (Tag: string, Value: unknown) => ({ From_Account: 'p1', ProfileItem: [{ Tag, Value }] });
    assert.equal(fails(await set(item('Tag_Profile_IM_Nope', 'x')), 40009)['ErrorDisplay'], '');
    fails(await set(item('Tag_Profile_IM_Nick', 5)), 40610);
    fails(await set(item('Tag_Profile_IM_Level', 'high')), 40610);
    fails(await set(item('Tag_Profile_IM_Level', -1)), 40605);
    fails(await set(item('Tag_Profile_IM_Nick', 'n'.repeat(501))), 40601);
    fails(await set({ From_Account: 'ghost', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }] }), 40003);
    for (const bad of [
      {},
      { From_Account: 'p1' },
      { From_Account: 'p1', ProfileItem: [] },
      { From_Account: 'p1', ProfileItem: ['x'] },
      { From_Account: 3, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }] },
    ])
      fails(await set(bad), 40001);
    fails(await t.rest('profile', 'portrait_get', { To_Account: ['p1'], TagList: ['Tag_Nope'] }), 40009);
    for (const bad of [
      {},
      { To_Account: ['p1'] },
      { To_Account: [], TagList: ['Tag_Profile_IM_Nick'] },
      { To_Account: 'p1', TagList: ['Tag_Profile_IM_Nick'] },
      { To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`), TagList: ['Tag_Profile_IM_Nick'] },
    ]) {
      fails(await t.rest('profile', 'portrait_get', bad), 40001);
    }
  });
});

describe('live_config', () => {
  it('set / get / update / delete the one callback configuration', async () => {
    fails(await t.rest('live_config', 'get_callback', {}), 100301);
    fails(
      await t.rest('live_config', 'update_callback', { Url: 'http://127.0.0.1:9/cb', CallbackCommandList: [] }),
      100301,
    );
    ok(
      await t.rest('live_config', 'set_callback', {
        Url: 'http://127.0.0.1:9/cb',
        CallbackCommandList: ['Live.CallbackAfterCreateRoom', 'Live.CallbackAfterDestroyRoom'],
      }),
    );
    assert.deepEqual(response(await t.rest('live_config', 'get_callback', {})), {
      Url: 'http://127.0.0.1:9/cb',
      CallbackCommandList: ['Live.CallbackAfterCreateRoom', 'Live.CallbackAfterDestroyRoom'],
    });
    fails(
      await t.rest('live_config', 'set_callback', { Url: 'http://127.0.0.1:9/cb', CallbackCommandList: [] }),
      100300,
    );
    ok(
      await t.rest('live_config', 'update_callback', {
        Url: 'https://example.com/hook',
        CallbackCommandList: ['Mic.CallbackAfterSeatInfoChanged'],
      }),
    );
    assert.deepEqual(response(await t.rest('live_config', 'get_callback', {})), {
      Url: 'https://example.com/hook',
      CallbackCommandList: ['Mic.CallbackAfterSeatInfoChanged'],
    });
    for (const bad of [
      {},
      { Url: 'ftp://x/y', CallbackCommandList: [] },
      { Url: 'not a url', CallbackCommandList: [] },
      { Url: 'http://x/y' },
      { Url: 'http://x/y', CallbackCommandList: ['Live.Nope'] },
      { Url: 5, CallbackCommandList: [] },
    ]) {
      fails(await t.rest('live_config', 'update_callback', bad), 100002);
    }
    ok(await t.rest('live_config', 'delete_callback', {}));
    fails(await t.rest('live_config', 'get_callback', {}), 100301);
    ok(await t.rest('live_config', 'delete_callback', {}));
    ok(await t.rest('live_config', 'set_callback_token', { Token: 'xxxxyyyy' }));
    ok(await t.rest('live_config', 'set_callback_token', { Token: '' }));
    fails(await t.rest('live_config', 'set_callback_token', {}), 100002);
    fails(await t.rest('live_config', 'set_callback_token', { Token: 't'.repeat(129) }), 100002);
  });
});

describe('vr_gift', () => {
  const catalog = [
    { giftId: 'rose', name: 'Rose', iconUrl: '/g/rose.png', price: 10, level: 1 },
    {
      giftId: 'rocket',
      name: 'Rocket',
      iconUrl: '/g/rocket.png',
      price: 200,
      level: 3,
      animationUrl: '/g/rocket.svga',
      category: 'big',
    },
  ];

  it('set_catalog validates and replaces the catalog; get_catalog returns it', async () => {
    ok(await t.rest('vr_gift', 'set_catalog', { GiftList: catalog }));
    assert.deepEqual(response<{ GiftList: unknown }>(await t.rest('vr_gift', 'get_catalog', {})).GiftList, catalog);
    for (const bad of [
      {},
      { GiftList: 'x' },
      { GiftList: [{ giftId: 'a' }] },
      { GiftList: [catalog[0], catalog[0]] },
      { GiftList: [{ ...catalog[0], price: -1 }] },
    ])
      fails(await t.rest('vr_gift', 'set_catalog', bad), 100002);
    assert.deepEqual(
      response<{ GiftList: unknown }>(await t.rest('vr_gift', 'get_catalog', {})).GiftList,
      catalog,
      'a refused catalog changes nothing',
    );
  });

  it('set_balance / get_balance, and the ledger records a send', async () => {
    ok(await t.rest('vr_gift', 'set_balance', { UserID: 'giver', Coins: 1000 }));
    assert.deepEqual(response(await t.rest('vr_gift', 'get_balance', { UserID: 'giver' })), {
      UserID: 'giver',
      Coins: 1000,
    });
    for (const bad of [
      { UserID: 'giver' },
      { UserID: 'giver', Coins: -1 },
      { UserID: 'giver', Coins: 1.5 },
      { Coins: 5 },
      { UserID: 'bad id', Coins: 5 },
    ])
      fails(await t.rest('vr_gift', 'set_balance', bad), 100002);
    fails(await t.rest('vr_gift', 'get_balance', {}), 100002);

    await t.accounts('star');
    await t.room('giftroom', { Owner_Account: 'star' });
    const star = await connect(t, 'star', 'giftroom');
    const giver = await connect(t, 'giver', 'giftroom');
    const sent = await giver.command('gift.send', { giftId: 'rose', count: 3, receiverId: 'star' });
    assert.equal(sent.ok, true, JSON.stringify(sent.error));
    assert.equal(response<{ Coins: number }>(await t.rest('vr_gift', 'get_balance', { UserID: 'giver' })).Coins, 970);
    const ledger = response<{ Total: number; NextOffset: number; LedgerList: Record<string, unknown>[] }>(
      await t.rest('vr_gift', 'get_ledger', { UserID: 'giver' }),
    );
    assert.equal(ledger.Total, 1);
    assert.equal(ledger.NextOffset, 0);
    assert.deepEqual(
      { ...ledger.LedgerList[0], EntryId: 'x', CreateTime: 0 },
      {
        EntryId: 'x',
        RoomId: 'giftroom',
        Sender_Account: 'giver',
        Receiver_Account: 'star',
        GiftId: 'rose',
        Count: 3,
        UnitPrice: 10,
        Amount: 30,
        CreateTime: 0,
      },
    );
    assert.equal(response<{ Total: number }>(await t.rest('vr_gift', 'get_ledger', { RoomId: 'other' })).Total, 0);
    fails(await t.rest('vr_gift', 'get_ledger', { Limit: 0 }), 100002);
    fails(await t.rest('vr_gift', 'get_ledger', { UserID: 5 }), 100002);
    star.close();
    giver.close();
  });
});
