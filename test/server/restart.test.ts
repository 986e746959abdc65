import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../src/index.js';
import { createRoom } from '../../src/index.js';
import { startServerProcess } from '../contract/local-server.js';
import { client, closeAll, rawSocket, testServer, until } from './helpers.js';

const catalog = [{ giftId: 'star', name: 'Star', iconUrl: '', price: 25, level: 1 }];

describe('restarting the local server', () => {
  it('keeps rooms, follows, balances, ledger, bans and barrage history; seats come back leased', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vr-restart-'));
    try {
      let server = await testServer({ dataDir, seatLeaseMs: 400 }, { defaultCatalog: catalog });
      const host = client(server, 'owner', 'keep');
      const fan = client(server, 'fan', 'keep');
      const troll = client(server, 'troll', 'keep');
      await host.start({ roomName: 'Keeps everything', seatMode: 'free' });
      await fan.join();
      await troll.join();
      await fan.takeSeat(2);
      await fan.follow('owner');
      await fan.sendGift({ giftId: 'star', count: 2, receiverId: 'owner' });
      await fan.sendBarrage('before the restart');
      await host.banMembers(['troll'], 3600);
      await host.setAdmin('fan', true);
      await closeAll([host, fan, troll]);
      await server.close();

      server = await testServer({ dataDir, seatLeaseMs: 400 });
      const room = server.engine.room('keep')!;
      assert.equal(room.status, 'live');
      assert.equal(room.info.name, 'Keeps everything');
      assert.deepEqual(room.admins, ['fan']);
      assert.equal(server.engine.balance('fan'), 1000 - 50);
      assert.equal(server.persistence.ledger({ offset: 0, limit: 10 }).total, 1);
      assert.equal(room.gifts.amount, 50);
      assert.equal(room.info.ownerFans, 1);
      assert.equal(room.seats[2]!.user?.userId, 'fan', 'seat restored under a lease');
      assert.equal(server.engine.giftCatalog[0]!.giftId, 'star');

      const listener = client(server, 'newcomer', 'keep');
      const snapshot = await listener.join();
      assert.ok(
        snapshot.barrage.some((m) => m.text === 'before the restart'),
        'history sent on join',
      );
      assert.ok(
        (await listener.listRooms()).rooms.some((r) => r.roomId === 'keep'),
        'room listed',
      );
      const info = await listener.checkFollow('owner');
      assert.equal(info.fans, 1);
      const troll2 = client(server, 'troll', 'keep');
      await assert.rejects(troll2.join(), (e: { code: number }) => e.code === ErrorCode.MEMBER_BANNED);
      // Nobody came back for seat 2 within the lease: it is released and the listener sees it.
      await until(() => listener.state.snapshot?.seats[2]?.user === null, 'leased seat released');
      await closeAll([listener, troll2]);
      await server.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('npm run server stops cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const proc = await startServerProcess();
      const health = await fetch(`${proc.url}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(await proc.stop(signal), 0);
    }
  });

  it('counters that name things never go back: versions, barrage, request and ledger IDs; no message is overwritten', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vr-counters-'));
    const seq = (id: string) => Number(/(\d+)$/.exec(id)![1]);
    try {
      let server = await testServer({ dataDir }, { defaultCatalog: catalog });
      const host = client(server, 'c-owner', 'counters');
      const fan = client(server, 'c-fan', 'counters');
      await host.start({ roomName: 'Counters', seatMode: 'apply' });
      await fan.join();
      await fan.sendBarrage('one');
      const gift = await fan.sendGift({ giftId: 'star', count: 1, receiverId: 'c-owner' });
      // Everything after the gift (the last change to the room's settings, seats or totals) changes counters only.
      await fan.sendBarrage('two');
      const applied = await fan.takeSeat(3);
      assert.ok(!applied.seated);
      await host.respondRequest(applied.request.requestId, false);
      await until(() => fan.state.snapshot!.requests.length === 0, 'application answered');
      const before = {
        version: fan.state.snapshot!.version,
        messages: fan.state.snapshot!.barrage.map((m) => [m.messageId, m.text]),
        request: seq(applied.request.requestId),
        entry: seq(gift.entryId),
      };
      await closeAll([host, fan]);
      await server.close();

      server = await testServer({ dataDir });
      const fan2 = client(server, 'c-fan', 'counters');
      const host2 = client(server, 'c-owner', 'counters');
      await host2.join();
      const snapshot = await fan2.join();
      assert.ok(snapshot.version > before.version, `version ${snapshot.version} after ${before.version}`);
      assert.deepEqual(
        snapshot.barrage.map((m) => [m.messageId, m.text]),
        before.messages,
        'history intact',
      );
      await fan2.sendBarrage('three');
      const three = fan2.state.snapshot!.barrage.find((m) => m.text === 'three')!;
      assert.ok(
        before.messages.every(([id]) => seq(id!) < seq(three.messageId)),
        'a new message gets a new ID',
      );
      const again = await fan2.takeSeat(4);
      assert.ok(!again.seated);
      assert.ok(
        seq(again.request.requestId) > before.request,
        `request ${again.request.requestId} after r${before.request}`,
      );
      const gift2 = await fan2.sendGift({ giftId: 'star', count: 1, receiverId: 'c-owner' });
      assert.ok(seq(gift2.entryId) > before.entry);
      await closeAll([host2, fan2]);
      await server.close();

      // And once more: the history after two restarts still has every message under its own ID.
      server = await testServer({ dataDir });
      const late = client(server, 'c-late', 'counters');
      const history = (await late.join()).barrage.map((m) => m.text);
      assert.deepEqual(history, ['one', 'two', 'three']);
      await closeAll([late]);
      await server.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('after kill -9 the room version and barrage IDs continue where they were', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vr-kill-'));
    try {
      let proc = await startServerProcess({ dataDir });
      const open = (userId: string) =>
        createRoom({
          backend: proc.backend(userId),
          roomId: 'killed',
          user: { userId, userName: userId, avatarUrl: '' },
        });
      const host = open('k-owner');
      await host.start({ roomName: 'Killed', seatMode: 'free' });
      host.like(3);
      await host.flushLikes();
      // The last change before the kill is a barrage: it names a message and a version but changes no setting.
      await host.sendBarrage('before the kill');
      const version = host.state.snapshot!.version;
      const lastId = host.state.snapshot!.barrage.at(-1)!.messageId;
      await proc.stop('SIGKILL');
      await closeAll([host]);

      proc = await startServerProcess({ dataDir });
      const listener = open('k-listener');
      const snapshot = await listener.join();
      assert.ok(snapshot.version > version, `version ${snapshot.version} after ${version}`);
      assert.equal(snapshot.likes.total, 3);
      await listener.sendBarrage('after the kill');
      const texts = listener.state.snapshot!.barrage.map((m) => [m.messageId, m.text]);
      assert.deepEqual(texts[0], [lastId, 'before the kill']);
      assert.notEqual(texts[1]![0], lastId);
      await closeAll([listener]);
      await proc.stop('SIGKILL');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a gift retried with the same requestId after a restart answers the first result and charges once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vr-receipt-'));
    try {
      let server = await testServer({ dataDir }, { defaultCatalog: catalog });
      const host = client(server, 'r-owner', 'receipts');
      await host.start({ roomName: 'Receipts', seatMode: 'free' });
      const enter = async (tag: string) => {
        const raw = await rawSocket(server, 'r-fan');
        raw.ws.send(JSON.stringify({ t: 'hello', id: `hello-${tag}`, userName: 'Fan', avatarUrl: '' }));
        await raw.next((f) => f['id'] === `hello-${tag}`);
        raw.ws.send(JSON.stringify({ t: 'cmd', id: `join-${tag}`, type: 'room.join', args: { roomId: 'receipts' } }));
        assert.equal((await raw.next((f) => f['id'] === `join-${tag}`))['ok'], true);
        return raw;
      };
      const send = (raw: Awaited<ReturnType<typeof enter>>, id: string, count: number) => {
        raw.ws.send(
          JSON.stringify({ t: 'cmd', id, type: 'gift.send', args: { giftId: 'star', count, receiverId: 'r-owner' } }),
        );
        return raw.next((f) => f['id'] === id && f['t'] === 'answer');
      };
      let raw = await enter('1');
      const first = await send(raw, 'gift-1', 2);
      assert.equal(first['ok'], true);
      assert.equal((await send(raw, 'gift-2', 1))['ok'], true);
      raw.ws.close();
      await closeAll([host]);
      await server.close();

      server = await testServer({ dataDir });
      raw = await enter('2');
      assert.deepEqual(await send(raw, 'gift-1', 2), first, 'the first answer, word for word');
      const reused = await send(raw, 'gift-2', 3);
      assert.equal(reused['ok'], false, 'an ID reused for another command is refused, not replayed');
      assert.equal((reused['error'] as { code: number }).code, ErrorCode.REPEATED_OPERATION);
      assert.equal(server.engine.balance('r-fan'), 1000 - 3 * 25, 'charged once per gift');
      assert.equal(server.persistence.ledger({ offset: 0, limit: 10 }).total, 2);
      raw.ws.close();
      await server.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
