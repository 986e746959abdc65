/**
 * SRTP protection of the SFU's outgoing RTP (server/sfu/forward.ts, `socket` path), written for the hot path: one
 * forwarded packet is encrypted once per listener, ~40,000 times a second for 8 speakers × 100 listeners.
 *
 * werift's own `SrtpSession.encrypt` takes a parsed header, serializes it, builds its IV through a generic buffer
 * writer, looks the SSRC state up in an object keyed by number and concatenates three buffers. Here the session keys
 * werift derived at the DTLS handshake are read once (`SrtpProtector.fromWerift`), the IV/counter bytes that depend
 * only on the key and SSRC are precomputed per stream, and the caller hands a packet whose clear header is already
 * in place, so a packet costs one Node cipher object (no Node API reuses one across IVs) and one output buffer.
 *
 * Both profiles werift negotiates: AEAD_AES_128_GCM (RFC 7714; werift prefers it and Chromium offers it) and
 * AES_CM_128_HMAC_SHA1_80 (RFC 3711). In Node's crypto GCM is the cheaper of the two (one cipher object, no HMAC:
 * ~3.3 µs against ~7.3 µs per 80-byte packet on the bench machine, BENCHMARKS.md), and it is the one in use with
 * Chromium and werift peers.
 *
 * The packet index (ROC ‖ SEQ) follows RFC 3711 §3.3.1, estimated against the highest index sent so far, so a
 * packet forwarded late (reordered upstream) across a sequence wrap gets the rollover counter its receiver will
 * estimate. An index is never used twice: a repeated one (a publisher sending the same sequence number twice) or
 * one older than the replay window is refused, because the receiver would drop it anyway and, for GCM, a second
 * plaintext under the same IV would give away the stream's authentication key.
 */
import { createCipheriv, createHmac } from 'node:crypto';
import { ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80 } from 'werift';

export type SrtpProfileName = 'aes-128-gcm' | 'aes-cm-128-hmac-sha1-80';

/** Indices remembered per stream: a packet this far behind the newest sent is refused (libsrtp's default is 128). */
export const REPLAY_WINDOW = 128;
const GCM_TAG = 16;
const HMAC_TAG = 10;

/** The werift 0.24 local SRTP context fields this reads (lib/rtp/src/srtp/context/context.js). */
interface WeriftSrtpContext {
  readonly profile: number;
  readonly srtpSessionKey: Buffer;
  readonly srtpSessionSalt: Buffer;
  readonly srtpSessionAuthTag: Buffer;
}

/** One outgoing SSRC's packet-index state and replay window. */
export class SrtpStream {
  /** Rollover counter and sequence number of the highest index sent. */
  private roc = 0;
  private highestSeq = 0;
  private highest = -1;
  private readonly sent = new Float64Array(REPLAY_WINDOW).fill(-1);
  /** Salt-derived IV (GCM, 12 bytes) or counter (AES-CM, 16 bytes) with the SSRC already folded in. */
  readonly base: Buffer;
  readonly iv: Buffer;

  constructor(
    readonly ssrc: number,
    salt: Buffer,
    ivLength: number,
    ssrcOffset: number,
  ) {
    this.base = Buffer.alloc(ivLength);
    salt.copy(this.base, 0, 0, Math.min(salt.length, ivLength));
    this.base.writeUInt32BE((this.base.readUInt32BE(ssrcOffset) ^ ssrc) >>> 0, ssrcOffset);
    this.iv = Buffer.from(this.base);
  }

  /**
   * The packet index (ROC × 65536 + SEQ) for `seq`, or -1 when it may not be sent: already sent, older than the
   * replay window, or from before the stream's first packet. Records the index as sent.
   */
  claim(seq: number): number {
    if (this.highest < 0) {
      this.highest = seq;
      this.highestSeq = seq;
      this.sent[seq % REPLAY_WINDOW] = seq;
      return seq;
    }
    // RFC 3711 §3.3.1: the ROC guess v that puts the index closest to the highest one.
    let v = this.roc;
    if (this.highestSeq < 0x8000) {
      if (seq - this.highestSeq > 0x8000) v -= 1;
    } else if (this.highestSeq - 0x8000 > seq) v += 1;
    if (v < 0 || v > 0xffffffff) return -1;
    const index = v * 0x10000 + seq;
    if (index <= this.highest - REPLAY_WINDOW) return -1;
    const slot = index % REPLAY_WINDOW;
    if (this.sent[slot] === index) return -1;
    this.sent[slot] = index;
    if (index > this.highest) {
      this.highest = index;
      this.highestSeq = seq;
      this.roc = v;
    }
    return index;
  }
}

/** Encrypts RTP for one SRTP session (one DTLS transport's local keys). */
export class SrtpProtector {
  readonly tagLength: number;
  private readonly gcm: boolean;
  private readonly roc = Buffer.alloc(4);

  private constructor(
    readonly profile: SrtpProfileName,
    private readonly key: Buffer,
    private readonly salt: Buffer,
    private readonly authKey: Buffer,
  ) {
    this.gcm = profile === 'aes-128-gcm';
    this.tagLength = this.gcm ? GCM_TAG : HMAC_TAG;
  }

  static create(profile: SrtpProfileName, keys: { key: Buffer; salt: Buffer; authKey?: Buffer }): SrtpProtector {
    return new SrtpProtector(profile, keys.key, keys.salt, keys.authKey ?? Buffer.alloc(0));
  }

  /** The protector for werift's local SRTP context, or null for a profile (or shape) this does not know. */
  static fromWerift(context: unknown): SrtpProtector | null {
    const c = context as Partial<WeriftSrtpContext> | undefined;
    if (!c || !Buffer.isBuffer(c.srtpSessionKey) || !Buffer.isBuffer(c.srtpSessionSalt)) return null;
    if (c.profile === ProtectionProfileAeadAes128Gcm)
      return SrtpProtector.create('aes-128-gcm', { key: c.srtpSessionKey, salt: c.srtpSessionSalt });
    if (c.profile === ProtectionProfileAes128CmHmacSha1_80 && Buffer.isBuffer(c.srtpSessionAuthTag))
      return SrtpProtector.create('aes-cm-128-hmac-sha1-80', {
        key: c.srtpSessionKey,
        salt: c.srtpSessionSalt,
        authKey: c.srtpSessionAuthTag,
      });
    return null;
  }

  /**
   * A stream for `ssrc`. RFC 7714 §8.1: IV = salt XOR (00 00 ‖ SSRC ‖ ROC ‖ SEQ), 12 bytes. RFC 3711 §4.1.1:
   * counter = (salt ‖ 00 00) XOR (SSRC << 64) XOR (index << 16), 16 bytes. The SSRC sits at byte 2 and 4.
   */
  stream(ssrc: number): SrtpStream {
    return this.gcm ? new SrtpStream(ssrc, this.salt, 12, 2) : new SrtpStream(ssrc, this.salt, 16, 4);
  }

  /**
   * Encrypts `payload` into `packet`, which holds the clear RTP header in its first `headerLength` bytes and has
   * room for the payload and the tag (`headerLength + payload.length + tagLength` bytes). Returns false (and
   * leaves the packet unsent) when the stream refuses the sequence number (see `SrtpStream.claim`).
   */
  protect(stream: SrtpStream, packet: Buffer, headerLength: number, payload: Buffer, seq: number): boolean {
    const index = stream.claim(seq);
    if (index < 0) return false;
    const roc = Math.floor(index / 0x10000);
    const { base, iv } = stream;
    const end = headerLength + payload.length;
    if (this.gcm) {
      iv.writeUInt32BE((base.readUInt32BE(6) ^ roc) >>> 0, 6);
      iv.writeUInt16BE(base.readUInt16BE(10) ^ seq, 10);
      const cipher = createCipheriv('aes-128-gcm', this.key, iv);
      cipher.setAAD(packet.subarray(0, headerLength));
      cipher.update(payload).copy(packet, headerLength);
      cipher.final();
      cipher.getAuthTag().copy(packet, end);
      return true;
    }
    iv.writeUInt32BE((base.readUInt32BE(8) ^ roc) >>> 0, 8);
    iv.writeUInt16BE(base.readUInt16BE(12) ^ seq, 12);
    createCipheriv('aes-128-ctr', this.key, iv).update(payload).copy(packet, headerLength);
    // RFC 3711 §4.2: the tag authenticates the header, the encrypted payload and the ROC.
    this.roc.writeUInt32BE(roc >>> 0, 0);
    createHmac('sha1', this.authKey)
      .update(packet.subarray(0, end))
      .update(this.roc)
      .digest()
      .copy(packet, end, 0, HMAC_TAG);
    return true;
  }
}
