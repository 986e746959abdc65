// The audio SFU with headless werift clients (no browser): who is heard, who is dropped, seat streams that stay
// continuous when seats change hands, and speaking levels. Browser audio end to end is test/e2e/voice.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HeadlessClient } from '../../server/sfu/headless-client.js';
import { SeatStream, levelFromDbov } from '../../server/sfu/seat-stream.js';
import { parseClientFrame } from '../../src/backends/local/protocol-check.js';
import { ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80 } from 'werift';
import type { SfuOptions } from '../../server/sfu/sfu.js';
import { sdkAppId, sig, testServer, until } from '../server/helpers.js';

describe('seat stream rewriting', () => {
  it('continues sequence numbers by one and moves timestamps forward when the seat changes hands', () => {
    const stream = new SeatStream(() => 0.5);
    const a = [0, 1, 2].map((k) => stream.rewrite('a', 100 + k, 5_000 + k * 960, k * 20));
    assert.deepEqual(
      a.map((p) => (p.seq - a[0]!.seq) & 0xffff),
      [0, 1, 2],
    );
    stream.break();
    const b = stream.rewrite('b', 60_000, 123, 1_000);
    assert.equal((b.seq - a[2]!.seq) & 0xffff, 1);
    const advanced = (b.ts - a[2]!.ts) >>> 0;
    assert.ok(advanced >= 960 && advanced <= 48 * 1_000, `timestamp moved forward by ${advanced}`);
    const b2 = stream.rewrite('b', 60_001, 123 + 960, 1_020);
    assert.equal((b2.seq - b.seq) & 0xffff, 1);
    assert.equal((b2.ts - b.ts) >>> 0, 960);
  });

  it('keeps small gaps and late packets of a source, and turns its leaps into steps of one', () => {
    const stream = new SeatStream(() => 0.5);
    const out = (seq: number, at: number) => stream.rewrite('a', seq, seq * 960, at).seq;
    const first = out(1_000, 0);
    assert.equal((out(1_050, 20) - first) & 0xffff, 50, 'packets lost upstream stay lost');
    assert.equal((out(1_020, 40) - first) & 0xffff, 20, 'a late packet keeps its place');
    // Leaps forward and back, across the wrap: the seat's stream goes on by one each time.
    let last = out(1_051, 60);
    for (const [i, seq] of [1_051 + 0x7000, 1_051 + 0xe000, 40, 65_000, 1_051].entries()) {
      const next = out(seq & 0xffff, 80 + i * 20);
      assert.equal((next - last) & 0xffff, 1, `leap to ${seq & 0xffff}`);
      last = next;
    }
  });

  it('maps RFC 6464 levels to 0–100', () => {
    assert.equal(levelFromDbov(0), 100);
    assert.equal(levelFromDbov(127), 0);
    assert.ok(levelFromDbov(20) > levelFromDbov(40));
  });
});

describe('rtc frames', () => {
  it('are validated like commands', () => {
    assert.deepEqual(parseClientFrame('{"t":"rtc","id":"1","op":"offer"}'), { t: 'rtc', id: '1', op: 'offer' });
    assert.throws(() => parseClientFrame('{"t":"rtc","id":"1","op":"dance"}'), /unknown op/);
    assert.throws(() => parseClientFrame('{"t":"rtc","id":"1","op":"answer"}'), /sdp: required/);
    assert.throws(
      () => parseClientFrame('{"t":"rtc","id":"1","op":"candidate","candidate":{"candidate":5}}'),
      /candidate/,
    );
    assert.throws(() => parseClientFrame('{"t":"rtc","id":"1","op":"offer","extra":1}'), /unknown field/);
    const big = JSON.stringify({ t: 'rtc', id: '1', op: 'answer', sdp: 'v=0\r\n' + 'a=x\r\n'.repeat(5_000) });
    assert.equal((parseClientFrame(big) as { op: string }).op, 'answer');
    assert.throws(
      () =>
        parseClientFrame(JSON.stringify({ t: 'cmd', id: '1', type: 'room.leave', args: {}, pad: 'x'.repeat(20_000) })),
      /too large/,
    );
  });
});

describe('SFU with headless werift clients', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const clients: HeadlessClient[] = [];
  const make = async (userId: string) => {
    const c = new HeadlessClient({ url: server.url, sdkAppId, userId, userSig: sig(userId) });
    clients.push(c);
    await c.connect();
    return c;
  };

  before(async () => {
    server = await testServer({}, { sfu: { levelIntervalMs: 100 } });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.dispose();
  });

  it(
    'forwards the seated speaker to every listener, drops the unseated, the muted and the audio-locked',
    { timeout: 60_000 },
    async () => {
      const host = await make('sfuhost');
      await host.command('room.start', { roomId: 'sfu1', options: { seatMode: 'free' } });
      const a = await make('sfua');
      const b = await make('sfub');
      await a.command('room.join', { roomId: 'sfu1' });
      await b.command('room.join', { roomId: 'sfu1' });
      await Promise.all([host.startAudio(), a.startAudio(), b.startAudio()]);

      host.publish({ dbov: 10 });
      await until(
        () => (a.seats[0]?.packets ?? 0) > 20 && (b.seats[0]?.packets ?? 0) > 20,
        'both listeners receive seat 0',
      );
      assert.equal(host.seats[0]?.packets ?? 0, 0, 'a speaker does not hear themselves');
      await until(() => (a.levels[0] ?? 0) > 50 && a.active.includes(0), 'seat 0 level reaches listeners');

      // A listener who publishes without a seat is dropped.
      const droppedBefore = server.sfu!.stats().dropped;
      b.publish();
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(server.sfu!.stats().dropped > droppedBefore + 5);
      assert.ok(
        a.seats.every((s, i) => i === 0 || s.packets === 0),
        'nothing on other seats',
      );

      // b takes seat 2: now heard on seat 2, continuous.
      await b.command('seat.take', { index: 2 });
      await until(() => (a.seats[2]?.packets ?? 0) > 20 && (host.seats[2]?.packets ?? 0) > 20, 'seat 2 heard');

      // Audio lock on seat 2: silent for everyone although b keeps sending.
      await host.command('seat.lockAudio', { index: 2, locked: true });
      await new Promise((r) => setTimeout(r, 200));
      const lockedAt = a.seats[2]!.packets;
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(a.seats[2]!.packets - lockedAt <= 2, 'audio-locked seat is silent');
      await host.command('seat.lockAudio', { index: 2, locked: false });
      await until(() => a.seats[2]!.packets > lockedAt + 10, 'heard again after unlock');

      // Self-mute: silent too, seat kept.
      await b.command('seat.selfMute', { muted: true });
      await new Promise((r) => setTimeout(r, 200));
      const mutedAt = a.seats[2]!.packets;
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(a.seats[2]!.packets - mutedAt <= 2, 'self-muted seat is silent');
      await b.command('seat.selfMute', { muted: false });

      // b leaves, a takes seat 2: listeners see one stream whose sequence continues.
      await b.command('seat.leave');
      await a.command('seat.take', { index: 2 });
      a.publish();
      const before = host.seats[2]!.packets;
      const gapsBefore = host.seats[2]!.discontinuities;
      await until(() => host.seats[2]!.packets > before + 20, 'seat 2 now carries a');
      assert.ok(
        host.seats[2]!.discontinuities - gapsBefore <= 1,
        `seat stream stays continuous (${host.seats[2]!.discontinuities - gapsBefore} breaks)`,
      );
      assert.ok(server.sfu!.stats().forwarded > 100);
    },
  );

  it('refuses an offer outside a room and closes audio when the member leaves', { timeout: 60_000 }, async () => {
    const lone = await make('sfulone');
    await assert.rejects(lone.startAudio(), /Enter the room first/);
    const host = await make('sfuhost2');
    await host.command('room.start', { roomId: 'sfu2', options: {} });
    const l = await make('sfulis');
    await l.command('room.join', { roomId: 'sfu2' });
    await l.startAudio();
    const peers = server.sfu!.stats().peers;
    await l.command('room.leave');
    await until(() => server.sfu!.stats().peers === peers - 1, 'peer closed on leave');
  });
});

describe('SFU send paths (server/sfu/forward.ts)', () => {
  const variants: { name: string; sfu: SfuOptions; profile: number }[] = [
    { name: 'socket, AES-GCM (the default)', sfu: {}, profile: ProtectionProfileAeadAes128Gcm },
    {
      name: 'socket, AES_CM_128_HMAC_SHA1_80',
      sfu: { srtpProfiles: ['aes-cm-128-hmac-sha1-80'] },
      profile: ProtectionProfileAes128CmHmacSha1_80,
    },
    { name: 'direct', sfu: { forward: 'direct' }, profile: ProtectionProfileAeadAes128Gcm },
    { name: 'werift sendRtp', sfu: { forward: 'werift' }, profile: ProtectionProfileAeadAes128Gcm },
  ];
  for (const { name, sfu, profile } of variants) {
    it(
      `${name}: a werift listener decrypts every packet in order, and sender reports count them`,
      {
        timeout: 60_000,
      },
      async () => {
        const server = await testServer({}, { sfu });
        const host = new HeadlessClient({ url: server.url, sdkAppId, userId: 'pathhost', userSig: sig('pathhost') });
        const listener = new HeadlessClient({ url: server.url, sdkAppId, userId: 'pathlis', userSig: sig('pathlis') });
        try {
          await host.connect();
          await listener.connect();
          await host.command('room.start', { roomId: 'paths', options: { seatMode: 'free' } });
          await listener.command('room.join', { roomId: 'paths' });
          await Promise.all([host.startAudio(), listener.startAudio()]);
          const dtls = listener.pc!.dtlsTransports[0] as unknown as { dtls: { srtp: { srtpProfile: number } } };
          assert.equal(dtls.dtls.srtp.srtpProfile, profile, 'negotiated SRTP profile');
          host.publish({ payloadBytes: 80 });
          // The sender reports werift's receiver keeps per SSRC: packets the server says it sent on seat 0.
          const reported = () =>
            listener
              .pc!.getTransceivers()
              .map((t) => t.receiver as unknown as { remotePacketCountBySsrc: Record<number, number> })
              .reduce((n, r) => n + Object.values(r.remotePacketCountBySsrc).reduce((a, b) => a + b, 0), 0);
          await until(() => (listener.seats[0]?.packets ?? 0) > 150 && reported() > 50, 'seat 0 heard, reported');
          host.unpublish();
          const seat = listener.seats[0]!;
          // Packets that fail SRTP authentication are dropped by werift: every one counted here decrypted.
          assert.equal(seat.discontinuities, 0, 'in order, none lost');
          assert.equal(seat.bytes, seat.packets * 80, 'payloads intact');
          const sr = reported();
          assert.ok(sr <= seat.packets && sr >= seat.packets - 100, `sender report ${sr}, received ${seat.packets}`);
        } finally {
          await Promise.all([host.close(), listener.close()]);
          await server.dispose();
        }
      },
    );
  }
});
