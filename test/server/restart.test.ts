import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../src/index.js';
import { startServerProcess } from '../contract/local-server.js';
import { client, closeAll, testServer, until } from './helpers.js';

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
      assert.equal(server.engine.ledger.length, 1);
      assert.equal(room.gifts.amount, 50);
      assert.equal(room.info.ownerFans, 1);
      assert.equal(room.seats[2]!.user?.userId, 'fan', 'seat restored under a lease');
      assert.equal(server.engine.giftCatalog[0]!.giftId, 'star');

      const listener = client(server, 'newcomer', 'keep');
      const snapshot = await listener.join();
      assert.ok(snapshot.barrage.some((m) => m.text === 'before the restart'), 'history sent on join');
      assert.ok((await listener.listRooms()).rooms.some((r) => r.roomId === 'keep'), 'room listed');
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
});
