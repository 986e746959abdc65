// The demo's wallet: "Recharge ›" in the gift panel tops the balance up through POST /dev/top-up, served only next
// to the dev signer. What a user would notice: the balance a connected client shows grows by what they added, the
// ledger explains it, a restart keeps it, and nothing but a loopback page on this server can mint coins.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { MAX_TOP_UP } from '../../src/index.js';
import { adminQuery, client, closeAll, testServer } from './helpers.js';
import type { Room } from '../../src/index.js';

type Server = Awaited<ReturnType<typeof testServer>>;

/** A POST with any headers (fetch would set its own Host and Origin). */
function post(
  url: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') as Record<string, unknown> }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const topUp = (server: Server, body: unknown, headers: Record<string, string> = {}) =>
  post(server.url, '/dev/top-up', JSON.stringify(body), headers);

describe('dev wallet (POST /dev/top-up)', () => {
  let server: Server;
  const rooms: Room[] = [];
  before(async () => {
    server = await testServer({ devSigner: true, initialBalance: 10 });
  });
  after(async () => {
    await closeAll(rooms);
    await server.dispose();
  });

  it('adds coins as a ledger row, and the room shows the new balance', async () => {
    const owner = client(server, 'wallet-owner', 'wallet-room');
    const ann = client(server, 'ann', 'wallet-room');
    rooms.push(owner, ann);
    await owner.start({ roomName: 'Wallet' });
    await ann.join();
    assert.equal(await ann.refreshBalance(), 10);

    const answer = await topUp(server, { userId: 'ann', coins: 500 });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { userId: 'ann', coins: 510, entryId: answer.json['entryId'] });
    assert.match(String(answer.json['entryId']), /^t\d+$/);
    assert.equal(await ann.refreshBalance(), 510, 'what the gift panel shows after the top-up');

    const { rows, total } = server.persistence.ledger({ userId: 'ann', offset: 0, limit: 10 });
    assert.equal(total, 1);
    assert.deepEqual(
      { ...rows[0], createdAt: 0 },
      {
        entryId: answer.json['entryId'],
        roomId: '',
        senderId: '',
        receiverId: 'ann',
        giftId: '',
        count: 1,
        unitPrice: 500,
        amount: 500,
        createdAt: 0,
      },
    );
    // The coins are real: a gift bigger than the old balance goes through.
    server.engine.setCatalog([{ giftId: 'car', name: 'Car', iconUrl: '', price: 300, level: 2 }]);
    await ann.loadGifts();
    await ann.sendGift({ giftId: 'car', count: 1, receiverId: 'wallet-owner' });
    assert.equal(ann.state.balance?.coins, 210);
  });

  it("is also REST vr_gift/top_up for a product's payment backend", async () => {
    const res = await fetch(`${server.url}/v4/vr_gift/top_up?${adminQuery()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ UserID: 'bo', Coins: 40 }),
    });
    const answer = (await res.json()) as {
      ActionStatus: string;
      Response: { UserID: string; Coins: number; EntryId: string };
    };
    assert.equal(answer.ActionStatus, 'OK');
    assert.equal(answer.Response.Coins, 50);
    assert.equal(
      server.persistence.ledger({ userId: 'bo', offset: 0, limit: 10 }).rows[0]!.entryId,
      answer.Response.EntryId,
    );
  });

  for (const row of [
    { name: 'zero coins', body: { userId: 'ann', coins: 0 } },
    { name: 'negative coins', body: { userId: 'ann', coins: -5 } },
    { name: 'fractional coins', body: { userId: 'ann', coins: 1.5 } },
    { name: 'coins as a string', body: { userId: 'ann', coins: '100' } },
    { name: 'more than one top-up may add', body: { userId: 'ann', coins: MAX_TOP_UP + 1 } },
    { name: 'a malformed userId', body: { userId: 'ann smith', coins: 5 } },
    { name: 'no userId', body: { coins: 5 } },
  ]) {
    it(`refuses ${row.name} with 400 and a reason, and the balance stays`, async () => {
      const before = server.engine.balance('ann');
      const answer = await topUp(server, row.body);
      assert.equal(answer.status, 400);
      assert.match(String(answer.json['error']), /coins must be an integer from 1 to 1000000|userId must be/);
      assert.equal(server.engine.balance('ann'), before);
    });
  }

  it('refuses a foreign Host, a foreign Origin, a form post, a GET and the App admin', async () => {
    assert.equal((await topUp(server, { userId: 'ann', coins: 5 }, { host: 'evil.example:80' })).status, 403);
    assert.equal((await topUp(server, { userId: 'ann', coins: 5 }, { origin: 'http://evil.example' })).status, 403);
    assert.equal(
      (
        await post(server.url, '/dev/top-up', 'userId=ann&coins=5', {
          'content-type': 'application/x-www-form-urlencoded',
        })
      ).status,
      415,
    );
    assert.equal(
      (await post(server.url, '/dev/top-up', '{"userId":"ann","coins":5}', { 'content-type': 'text/plain' })).status,
      415,
    );
    assert.equal((await fetch(`${server.url}/dev/top-up`)).status, 405);
    assert.equal((await topUp(server, { userId: 'administrator', coins: 5 })).status, 403);
  });

  it('does not exist without the dev signer', async () => {
    const plain = await testServer();
    try {
      assert.equal((await post(plain.url, '/dev/top-up', JSON.stringify({ userId: 'ann', coins: 5 }))).status, 404);
    } finally {
      await plain.dispose();
    }
  });
});
