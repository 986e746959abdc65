// The SFU's own SRTP encryption (server/sfu/srtp.ts) against werift's SRTP as the reference: the same bytes as
// werift's cipher with the rollover counter RFC 3711 gives each index, packets werift's receiving session decrypts
// and authenticates, across a sequence-number wrap with reordering, and no index ever used twice.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ProtectionProfileAeadAes128Gcm,
  ProtectionProfileAes128CmHmacSha1_80,
  RtpHeader,
  SrtpSession,
  serializeSdesMid,
} from 'werift';
import { REPLAY_WINDOW, SrtpProtector, type SrtpStream } from '../../server/sfu/srtp.js';

const SSRC = 0x1234abcd;
const profiles = [
  ['aes-128-gcm', ProtectionProfileAeadAes128Gcm],
  ['aes-cm-128-hmac-sha1-80', ProtectionProfileAes128CmHmacSha1_80],
] as const;

/** The two ends of one SRTP session with random master keys: `sender` is the server's, `receiver` the listener's. */
function sessions(profile: number) {
  const masterSaltLength = profile === ProtectionProfileAeadAes128Gcm ? 12 : 14;
  const local = { key: randomBytes(16), salt: randomBytes(masterSaltLength) };
  const remote = { key: randomBytes(16), salt: randomBytes(masterSaltLength) };
  const session = (a: typeof local, b: typeof local) =>
    new SrtpSession({
      profile,
      keys: { localMasterKey: a.key, localMasterSalt: a.salt, remoteMasterKey: b.key, remoteMasterSalt: b.salt },
    });
  return { sender: session(local, remote), receiver: session(remote, local), reference: session(local, remote) };
}

const header = (seq: number, marker = false) =>
  new RtpHeader({
    ssrc: SSRC,
    payloadType: 111,
    marker,
    sequenceNumber: seq,
    timestamp: (seq * 960) >>> 0,
    extensions: [{ id: 3, payload: serializeSdesMid('4') }],
  });

/** What forward.ts does: the clear header in place, room for payload and tag, then `protect`. */
function protect(protector: SrtpProtector, stream: SrtpStream, seq: number, payload: Buffer): Buffer | null {
  const h = header(seq);
  const clear = h.serialize(h.serializeSize);
  const packet = Buffer.alloc(clear.length + payload.length + protector.tagLength);
  clear.copy(packet);
  return protector.protect(stream, packet, clear.length, payload, seq) ? packet : null;
}

const payloadOf = (seq: number) => Buffer.from(`opus frame ${seq} `.repeat(6));

for (const [name, profile] of profiles) {
  describe(`SFU SRTP, ${name}`, () => {
    it("writes werift's bytes, which werift's receiving session decrypts", () => {
      const { sender, receiver, reference } = sessions(profile);
      const protector = SrtpProtector.fromWerift(sender.localContext)!;
      assert.equal(protector.profile, name);
      const stream = protector.stream(SSRC);
      for (let seq = 40_000; seq < 40_050; seq++) {
        const packet = protect(protector, stream, seq, payloadOf(seq))!;
        assert.deepEqual(packet, reference.encrypt(payloadOf(seq), header(seq)), `packet ${seq}`);
        const clear = receiver.decrypt(packet);
        assert.deepEqual(clear.subarray(clear.length - payloadOf(seq).length), payloadOf(seq));
        assert.equal(clear.readUInt16BE(2), seq);
      }
    });

    it('carries the rollover counter across the sequence wrap, reordered packets included', () => {
      const { sender, receiver } = sessions(profile);
      const protector = SrtpProtector.fromWerift(sender.localContext)!;
      const stream = protector.stream(SSRC);
      // Indices in sending order, never more than half the sequence space apart: late packets on both sides of two
      // wraps (ROC 0 → 1 → 2).
      const indices = [
        65_530,
        65_531,
        65_533,
        65_532,
        65_535,
        65_536,
        65_534,
        65_537,
        65_538,
        65_536 + 100,
        65_536 + 99,
        65_536 + 30_000,
        65_536 + 60_000,
        65_536 * 2 - 1,
        65_536 * 2 + 1,
        65_536 * 2,
        65_536 * 2 - 2,
        65_536 * 2 + 2,
      ];
      for (const index of indices) {
        const seq = index % 0x10000;
        const roc = Math.floor(index / 0x10000);
        const packet = protect(protector, stream, seq, payloadOf(index));
        assert.ok(packet, `index ${index} sent`);
        // werift's cipher given the true rollover counter: the same bytes, and they authenticate with it.
        const cipher = sender.localContext.cipher;
        assert.deepEqual(packet, cipher.encryptRtp(header(seq), payloadOf(index), roc), `index ${index} (ROC ${roc})`);
        const [clear] = receiver.remoteContext.cipher.decryptRtp(packet, roc);
        assert.deepEqual(clear.subarray(clear.length - payloadOf(index).length), payloadOf(index));
      }
    });

    it("keeps a listener's session decrypting through a wrap in order (werift's receiver tracks the ROC itself)", () => {
      const { sender, receiver } = sessions(profile);
      const protector = SrtpProtector.fromWerift(sender.localContext)!;
      const stream = protector.stream(SSRC);
      for (let index = 65_000; index < 65_536 + 500; index++) {
        const packet = protect(protector, stream, index & 0xffff, payloadOf(index))!;
        const clear = receiver.decrypt(packet);
        assert.deepEqual(clear.subarray(clear.length - payloadOf(index).length), payloadOf(index), `index ${index}`);
      }
    });

    it('never sends an index twice, nor one older than the replay window or the stream', () => {
      const { sender } = sessions(profile);
      const protector = SrtpProtector.fromWerift(sender.localContext)!;
      const stream = protector.stream(SSRC);
      assert.ok(protect(protector, stream, 10, payloadOf(1)));
      assert.equal(protect(protector, stream, 65_530, payloadOf(2)), null, 'before the first packet (ROC −1)');
      for (let seq = 11; seq < 11 + REPLAY_WINDOW + 10; seq++)
        assert.ok(protect(protector, stream, seq, payloadOf(seq)));
      const highest = 10 + REPLAY_WINDOW + 10;
      assert.equal(protect(protector, stream, highest, payloadOf(3)), null, 'the newest again');
      assert.equal(protect(protector, stream, highest - 5, payloadOf(4)), null, 'a recent one again');
      assert.equal(protect(protector, stream, highest - REPLAY_WINDOW, payloadOf(5)), null, 'out of the window');
      // A gap left inside the window may still be filled once.
      assert.ok(protect(protector, stream, highest + 3, payloadOf(6)));
      assert.ok(protect(protector, stream, highest + 2, payloadOf(7)));
      assert.equal(protect(protector, stream, highest + 2, payloadOf(8)), null);
      // Across the wrap the window still holds: 65535 then 0 (ROC 1), then 65535 again is a repeat.
      const wrap = protector.stream(SSRC + 1);
      assert.ok(protect(protector, wrap, 65_535, payloadOf(9)));
      assert.ok(protect(protector, wrap, 0, payloadOf(10)));
      assert.equal(protect(protector, wrap, 65_535, payloadOf(11)), null);
      assert.equal(protect(protector, wrap, 0, payloadOf(12)), null);
    });
  });
}

describe('SFU SRTP profiles', () => {
  it('reads only the profiles it implements', () => {
    assert.equal(SrtpProtector.fromWerift(undefined), null);
    const { sender } = sessions(ProtectionProfileAeadAes128Gcm);
    assert.equal(SrtpProtector.fromWerift({ ...sender.localContext, profile: 0x0002 }), null);
  });
});
