/**
 * One seat's outgoing audio stream as every listener sees it: a single continuous RTP sequence/timestamp space,
 * whoever happens to sit on the seat. When the seat changes hands, or packets were dropped (mute, audio lock),
 * the next forwarded packet re-anchors the mapping so listeners see sequence numbers continue by one and the
 * timestamp advance by the wall-clock time that passed: no false loss bursts, no time running backwards, no
 * renegotiation. Pure arithmetic, no I/O, so it is unit-tested on its own.
 */

/** Opus RTP clock. */
const CLOCK_RATE = 48_000;
/** One 20 ms Opus frame, the smallest step a re-anchor advances the timestamp by. */
const MIN_TS_STEP = 960;
/**
 * How far a source's sequence number may move from the last one forwarded and keep its mapping: ahead (packets lost
 * on the speaker's way in) or back (reordered). Beyond, the stream re-anchors as for a new source, so the seat's
 * stream only ever advances by small steps, whatever a client numbers its packets. A stream that leaps (tens of
 * thousands at a time) leaves a listener's SRTP receiver guessing a rollover counter the server did not use: werift's
 * counts rollovers only between the last and first 100 numbers, and libsrtp's (browsers), which guesses as the
 * server does, guesses differently once one packet around a leap is lost; every later packet on that seat, the
 * next speaker's too, then fails to decrypt. 100 is werift's window.
 */
const MAX_SEQ_LEAP = 100;
/** A level older than this is silence (the speaker stopped sending). */
export const LEVEL_HOLD_MS = 500;

export class SeatStream {
  /** The source currently mapped (publisher key + SSRC), or null before the first packet / after a break. */
  private source: string | null = null;
  private seqOffset = 0;
  private tsOffset = 0;
  private lastSeq: number;
  private lastTs: number;
  private lastAt = 0;
  private started = false;
  /** Highest level (0–100) since the last `takeLevel`. */
  private peak = 0;
  private lastPacketAt = -Infinity;
  forwarded = 0;
  dropped = 0;

  constructor(random: () => number = Math.random) {
    this.lastSeq = Math.floor(random() * 0x10000);
    this.lastTs = Math.floor(random() * 0x1_0000_0000);
  }

  /** The next forwarded packet starts a new mapping (seat changed hands, or we dropped packets meanwhile). */
  break(): void {
    this.source = null;
  }

  /** Maps an incoming packet of `source` to the seat's output sequence number and timestamp. */
  rewrite(source: string, seq: number, ts: number, now: number): { seq: number; ts: number } {
    if (source === this.source) {
      const ahead = (seq + this.seqOffset - this.lastSeq) & 0xffff;
      if (ahead > MAX_SEQ_LEAP && 0x10000 - ahead > MAX_SEQ_LEAP) this.source = null;
    }
    if (source !== this.source) {
      const outSeq = this.started ? (this.lastSeq + 1) & 0xffff : this.lastSeq;
      const elapsed = Math.round(((now - this.lastAt) * CLOCK_RATE) / 1000);
      const outTs = this.started ? (this.lastTs + Math.max(MIN_TS_STEP, elapsed)) >>> 0 : this.lastTs;
      this.seqOffset = (outSeq - seq) & 0xffff;
      this.tsOffset = (outTs - ts) >>> 0;
      this.source = source;
      this.started = true;
    }
    const out = { seq: (seq + this.seqOffset) & 0xffff, ts: (ts + this.tsOffset) >>> 0 };
    // Late (reordered) packets must not move the anchor backwards.
    if (((out.seq - this.lastSeq) & 0xffff) < 0x8000 || this.forwarded === 0) {
      this.lastSeq = out.seq;
      this.lastTs = out.ts;
      this.lastAt = now;
    }
    this.forwarded += 1;
    this.lastPacketAt = now;
    return out;
  }

  noteLevel(level: number): void {
    if (level > this.peak) this.peak = level;
  }

  /** Whether audio reached listeners recently. */
  active(now: number): boolean {
    return now - this.lastPacketAt <= LEVEL_HOLD_MS;
  }

  /** The peak level since the previous call (0 once the seat went quiet), and resets it. */
  takeLevel(now: number): number {
    const level = this.active(now) ? this.peak : 0;
    this.peak = 0;
    return level;
  }
}

/**
 * RFC 6464 audio level (0 = loudest … 127 dBov = silence) to the kit's 0–100 scale: linear over the last 60 dB,
 * which is where speech lives; quieter counts as 0.
 */
export function levelFromDbov(dbov: number): number {
  return Math.max(0, Math.min(100, Math.round(((60 - dbov) / 60) * 100)));
}

/**
 * Fallback when the client did not negotiate ssrc-audio-level: Opus packets grow with signal energy (VBR), and
 * comfort-noise / DTX frames are tiny. Crude, but enough to light a speaking indicator.
 */
export function levelFromPayloadSize(bytes: number): number {
  return Math.max(0, Math.min(100, Math.round(((bytes - 20) / 100) * 100)));
}
