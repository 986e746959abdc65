// Fan-out by tick (server/ws/gateway.ts): a busy room's batches reach each connection as one frame per tick,
// every batch exactly once and in version order; what people act on (seats, requests) does not wait for the tick,
// and a command's own events reach its sender before its answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { closeAll, client, sdkAppId, sig, testServer, until } from './helpers.js';

type Frame = { t: string; id?: string; ok?: boolean; version?: number; batch?: Batch; batches?: Batch[] };
type Batch = { roomId: string; version: number; events: { type: string; message?: { text: string } }[] };

/** A raw connection that keeps every frame as it came (no splitting), and sends commands without waiting. */
async function raw(url: string, userId: string) {
  const ws = new WebSocket(
    `${url.replace('http', 'ws')}/ws?sdkAppId=${sdkAppId}&userId=${userId}&userSig=${sig(userId)}`,
  );
  const frames: Frame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let seq = 0;
  const send = (frame: Record<string, unknown>) => ws.send(JSON.stringify(frame));
  const cmd = (type: string, args: Record<string, unknown> = {}) => {
    const id = `${userId}-${++seq}`;
    send({ t: 'cmd', id, type, args });
    return id;
  };
  const answered = async (id: string) => {
    await until(() => frames.some((f) => f.t === 'answer' && f.id === id), `the answer to ${id}`);
    return frames.find((f) => f.t === 'answer' && f.id === id)!;
  };
  send({ t: 'hello', id: 'hello', userName: userId, avatarUrl: '' });
  await answered('hello');
  return { ws, frames, cmd, answered };
}

/** Every batch a connection received, in arrival order, whatever frames carried them. */
const batchesOf = (frames: readonly Frame[]) =>
  frames.flatMap((f) => (f.t === 'batch' ? [f.batch!] : f.t === 'batches' ? f.batches! : []));
const texts = (frames: readonly Frame[]) =>
  batchesOf(frames).flatMap((b) => b.events.flatMap((e) => (e.type === 'barrage.received' ? [e.message!.text] : [])));

describe('fan-out by tick', () => {
  describe('a 50 ms tick', () => {
    let server: Awaited<ReturnType<typeof testServer>>;
    before(async () => {
      server = await testServer({
        fanoutTickMs: 50,
        barrageRate: { limit: 10_000, windowMs: 1_000 },
        commandRate: 10_000,
      });
    });
    after(() => server.dispose());

    it('carries a burst of barrage to a listener in fewer frames than messages, each batch once, in version order', async () => {
      const owner = client(server, 'owner', 'burst');
      await owner.start({ roomName: 'Burst', seatCount: 8, seatMode: 'free' });
      const sender = await raw(server.url, 'sender');
      const listener = await raw(server.url, 'listener');
      await sender.answered(sender.cmd('room.join', { roomId: 'burst' }));
      await listener.answered(listener.cmd('room.join', { roomId: 'burst' }));
      const from = listener.frames.length;
      const ids = Array.from({ length: 100 }, (_, i) => sender.cmd('barrage.send', { text: `m${i}` }));
      for (const id of ids) assert.equal((await sender.answered(id)).ok, true);
      await until(() => texts(listener.frames.slice(from)).length === 100, 'all 100 messages at the listener');
      const frames = listener.frames.slice(from).filter((f) => f.t === 'batch' || f.t === 'batches');
      assert.deepEqual(
        texts(frames),
        Array.from({ length: 100 }, (_, i) => `m${i}`),
        'each message once, in order',
      );
      const versions = batchesOf(frames).map((b) => b.version);
      for (let i = 1; i < versions.length; i += 1)
        assert.equal(versions[i], versions[i - 1]! + 1, `versions consecutive at ${i}: ${versions.join(',')}`);
      assert.ok(frames.length < 100, `${frames.length} frames for 100 messages`);
      assert.ok(
        frames.some((f) => f.t === 'batches' && f.batches!.length > 1),
        'several batches share a frame',
      );
      // The whole room still agrees with the server, and a store client applied it all.
      await until(() => owner.state.snapshot!.barrage.at(-1)?.text === 'm99', "the owner's store has the last message");
      sender.ws.terminate();
      listener.ws.terminate();
      await closeAll([owner]);
    });
  });

  describe('a tick longer than any test (60 s)', () => {
    let server: Awaited<ReturnType<typeof testServer>>;
    before(async () => {
      server = await testServer({
        fanoutTickMs: 60_000,
        barrageRate: { limit: 10_000, windowMs: 1_000 },
        commandRate: 10_000,
      });
    });
    after(() => server.dispose());

    it('sends a seat change at once, with what was held before it, in order', async () => {
      const owner = client(server, 'owner', 'urgent');
      await owner.start({ roomName: 'Urgent', seatCount: 8, seatMode: 'free' });
      const talker = await raw(server.url, 'talker');
      const listener = await raw(server.url, 'listener');
      await talker.answered(talker.cmd('room.join', { roomId: 'urgent' }));
      await listener.answered(listener.cmd('room.join', { roomId: 'urgent' }));
      const from = listener.frames.length;
      await talker.answered(talker.cmd('barrage.send', { text: 'held for the tick' }));
      await talker.answered(talker.cmd('seat.take', { index: 3 }));
      // Were the seat change held for the 60 s tick, this would time out (patience is 15 s).
      await until(
        () => batchesOf(listener.frames.slice(from)).some((b) => b.events.some((e) => e.type === 'seats.updated')),
        'the seat change',
      );
      const events = batchesOf(listener.frames.slice(from)).flatMap((b) => b.events.map((e) => e.type));
      assert.deepEqual(
        events.filter((t) => t === 'barrage.received' || t === 'seats.updated'),
        ['barrage.received', 'seats.updated'],
        'the held message first',
      );
      talker.ws.terminate();
      listener.ws.terminate();
      await closeAll([owner]);
    });

    it("gives the sender its command's events before the answer, without waiting for the tick", async () => {
      const owner = client(server, 'owner2', 'answers');
      await owner.start({ roomName: 'Answers', seatCount: 8, seatMode: 'free' });
      const sender = await raw(server.url, 'sender');
      await sender.answered(sender.cmd('room.join', { roomId: 'answers' }));
      const id = sender.cmd('barrage.send', { text: 'mine' });
      const answer = await sender.answered(id);
      assert.equal(answer.ok, true);
      const at = sender.frames.indexOf(answer);
      const mine = batchesOf(sender.frames.slice(0, at)).find((b) => b.events.some((e) => e.message?.text === 'mine'));
      assert.ok(mine, 'the batch came before the answer');
      assert.equal(mine.version, answer.version);
      // A store client's send resolves with its message on its screen.
      await owner.sendBarrage('from the store');
      assert.equal(owner.state.snapshot!.barrage.at(-1)?.text, 'from the store');
      sender.ws.terminate();
      await closeAll([owner]);
    });
  });
});
