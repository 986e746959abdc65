/**
 * Sending one forwarded audio packet to one listener, the SFU's hottest path (issue 14: ~10,000 calls a second
 * for 8 speakers × 20 listeners).
 *
 * werift's `RTCRtpSender.sendRtp` is written for a local track: per call it rebuilds the header-extension list
 * through closures (map, filter, find, sort), computes an NTP time, keeps an RTP history for retransmission, and
 * feeds a bandwidth estimator (an `Object.keys` sort per packet). A forwarded Opus packet needs none of that: its
 * header is built here once with the sender's SSRC, payload type, offsets and mid extension, and handed straight to
 * the sender's DTLS transport (SRTP and UDP), which is what `sendRtp` ends with. What the sender's RTCP sender
 * reports read (packet and octet counts, the RTP/NTP timestamp pair) is kept up to date here, so reports stay true.
 *
 * This reads werift sender internals; `directSender` checks their shape once per sender and returns null when
 * they differ (another werift version), in which case the caller uses `sendRtp`. The retransmission history is not
 * kept: the SFU negotiates no NACK for audio.
 */
import { RTP_EXTENSION_URI, RtpHeader, type RTCRtpSender, serializeSdesMid, uint16Add, uint32Add } from 'werift';

/** The werift 0.24 sender fields the direct path reads and keeps current. */
interface SenderInternals {
  readonly dtlsTransport: { readonly state: string; sendRtp(payload: Buffer, header: RtpHeader): Promise<number> };
  readonly codec?: { readonly payloadType: number };
  readonly ssrc: number;
  readonly seqOffset: number;
  readonly timestampOffset: number;
  readonly mid?: string;
  readonly headerExtensions: readonly { readonly uri: string; readonly id: number }[];
  sequenceNumber: number;
  timestamp: number;
  packetCount: number;
  octetCount: number;
  headerBytesSent: number;
  rtpTimestamp: number;
  ntpTimestamp: bigint;
  runRtcp(): Promise<void>;
}

/** A sender's direct path: send one packet, given the seat's output sequence number, timestamp and marker. */
export type DirectSend = (payload: Buffer, seq: number, ts: number, marker: boolean, ntp: bigint) => void;

const cache = new WeakMap<RTCRtpSender, DirectSend | null>();

function looksLikeWerift024(sender: unknown): sender is SenderInternals {
  const s = sender as Partial<SenderInternals>;
  return (
    typeof s.dtlsTransport?.sendRtp === 'function' &&
    typeof s.ssrc === 'number' &&
    typeof s.seqOffset === 'number' &&
    typeof s.timestampOffset === 'number' &&
    Array.isArray(s.headerExtensions) &&
    typeof s.packetCount === 'number' &&
    typeof s.octetCount === 'number' &&
    typeof s.runRtcp === 'function'
  );
}

/** The direct path for `sender`, or null when werift's sender is not the shape this was written for. */
export function directSender(sender: RTCRtpSender): DirectSend | null {
  let send = cache.get(sender);
  if (send !== undefined) return send;
  send = looksLikeWerift024(sender) ? makeDirectSend(sender) : null;
  cache.set(sender, send);
  return send;
}

function makeDirectSend(sender: SenderInternals): DirectSend {
  let midExtension: { id: number; payload: Buffer }[] | undefined;
  return (payload, seq, ts, marker, ntp) => {
    const dtls = sender.dtlsTransport;
    const codec = sender.codec;
    if (dtls.state !== 'connected' || !codec) return;
    // The mid is known once the transceiver is negotiated; the extension is the same bytes for every packet.
    if (midExtension === undefined) {
      const id = sender.headerExtensions.find((e) => e.uri === RTP_EXTENSION_URI.sdesMid)?.id;
      midExtension = id !== undefined && sender.mid ? [{ id, payload: serializeSdesMid(sender.mid) }] : [];
    }
    const header = new RtpHeader({
      ssrc: sender.ssrc,
      payloadType: codec.payloadType,
      marker,
      extensions: midExtension,
      sequenceNumber: uint16Add(seq, sender.seqOffset),
      timestamp: uint32Add(ts, sender.timestampOffset),
    });
    sender.sequenceNumber = header.sequenceNumber;
    sender.timestamp = header.timestamp;
    sender.rtpTimestamp = header.timestamp;
    sender.ntpTimestamp = ntp;
    sender.packetCount = (sender.packetCount + 1) >>> 0;
    sender.octetCount += payload.length;
    sender.headerBytesSent += header.serializeSize;
    // Starts the sender-report loop on the first packet; an early return afterwards.
    void sender.runRtcp();
    dtls.sendRtp(payload, header).catch(() => undefined);
  };
}
