/**
 * Sending one forwarded audio packet to one listener, the SFU's hottest path (issue 14: ~40,000 calls a second for
 * 8 speakers × 100 listeners). Three paths, chosen by `SfuOptions.forward` or `VR_SFU_FORWARD` (sfu.ts):
 *
 * - `werift`: `RTCRtpSender.sendRtp`. Written for a local track: per call it rebuilds the header-extension list
 *   through closures, computes an NTP time, keeps an RTP history for retransmission and feeds a bandwidth estimator.
 * - `direct`: a header built here with the sender's SSRC, payload type, offsets and mid extension, handed to the
 *   sender's DTLS transport (`RTCDtlsTransport.sendRtp`: werift's SRTP, then ICE, then the UDP socket, four async
 *   functions deep).
 * - `socket` (default): the header is a per-sender template patched in place (payload type, marker, sequence
 *   number, timestamp), encrypted by server/sfu/srtp.ts with the session keys werift derived at the DTLS handshake,
 *   and written to the nominated ICE candidate pair's UDP socket. Nothing is awaited and one buffer is allocated.
 *
 * `direct` and `socket` keep what the sender's RTCP sender reports read (packet and octet counts, the RTP/NTP
 * timestamp pair), so reports stay true, and the statistics werift's getStats reads (bytes and packets sent by the
 * DTLS transport and the candidate pair). They read werift 0.24 internals: `directSender` checks their shape once
 * per sender (the SFU keeps what it returns) and returns null when they differ (another werift version), in which
 * case the caller uses `sendRtp`. A sender on a transport that is not plain UDP (TURN, TCP) is written through
 * werift's ICE connection; one whose SRTP profile srtp.ts does not know goes the `direct` way. No retransmission
 * history is kept: the SFU negotiates no NACK for audio.
 */
import { RTP_EXTENSION_URI, RtpHeader, type RTCRtpSender, serializeSdesMid, uint16Add, uint32Add } from 'werift';
import { SrtpProtector, type SrtpStream } from './srtp.js';

export type ForwardPath = 'socket' | 'direct' | 'werift';

/** The werift 0.24 ICE pieces the socket path writes through. */
interface IceConnection {
  readonly nominated?: {
    readonly protocol: {
      readonly type: string;
      readonly transport: {
        readonly type: string;
        readonly closed: boolean;
        readonly socket?: { send(data: Buffer, port: number, address: string): void };
      };
    };
    readonly remoteAddr: readonly [string, number];
    packetsSent: number;
    bytesSent: number;
  };
  canSendApplicationData(): boolean;
  send(data: Buffer): Promise<void>;
}

interface DtlsTransport {
  readonly state: string;
  readonly srtp?: { readonly localContext?: unknown };
  readonly iceTransport: { readonly connection: IceConnection };
  bytesSent: number;
  packetsSent: number;
  sendRtp(payload: Buffer, header: RtpHeader): Promise<number>;
}

/** The werift 0.24 sender fields the direct paths read and keep current. */
interface SenderInternals {
  readonly dtlsTransport: DtlsTransport;
  readonly codec?: { readonly payloadType: number };
  readonly ssrc: number;
  readonly seqOffset: number;
  readonly timestampOffset: number;
  readonly mid?: string;
  readonly headerExtensions: readonly { readonly uri: string; readonly id: number }[];
  readonly rtcpRunning: boolean;
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

const noop = () => undefined;

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
    typeof s.rtcpRunning === 'boolean' &&
    typeof s.runRtcp === 'function'
  );
}

/** The `path` for `sender`, or null when werift's sender is not the shape this was written for. */
export function directSender(sender: RTCRtpSender, path: Exclude<ForwardPath, 'werift'> = 'socket'): DirectSend | null {
  if (!looksLikeWerift024(sender)) return null;
  return path === 'socket' ? makeSocketSend(sender) : makeDirectSend(sender);
}

/** The mid header extension, the same bytes in every packet; known once the transceiver is negotiated. */
function midExtension(sender: SenderInternals): { id: number; payload: Buffer }[] {
  const id = sender.headerExtensions.find((e) => e.uri === RTP_EXTENSION_URI.sdesMid)?.id;
  return id !== undefined && sender.mid ? [{ id, payload: serializeSdesMid(sender.mid) }] : [];
}

/** What the sender's RTCP sender reports read, for a packet of `payloadBytes` sent with this seq/ts. */
function account(sender: SenderInternals, seq: number, ts: number, ntp: bigint, payloadBytes: number, header: number) {
  sender.sequenceNumber = seq;
  sender.timestamp = ts;
  sender.rtpTimestamp = ts;
  sender.ntpTimestamp = ntp;
  sender.packetCount = (sender.packetCount + 1) >>> 0;
  sender.octetCount += payloadBytes;
  sender.headerBytesSent += header;
  // Starts the sender-report loop on the first packet (an async function: not called once it runs).
  if (!sender.rtcpRunning) void sender.runRtcp();
}

function makeDirectSend(sender: SenderInternals): DirectSend {
  let extensions: { id: number; payload: Buffer }[] | undefined;
  return (payload, seq, ts, marker, ntp) => {
    const dtls = sender.dtlsTransport;
    const codec = sender.codec;
    if (dtls.state !== 'connected' || !codec) return;
    extensions ??= midExtension(sender);
    const header = new RtpHeader({
      ssrc: sender.ssrc,
      payloadType: codec.payloadType,
      marker,
      extensions,
      sequenceNumber: uint16Add(seq, sender.seqOffset),
      timestamp: uint32Add(ts, sender.timestampOffset),
    });
    account(sender, header.sequenceNumber, header.timestamp, ntp, payload.length, header.serializeSize);
    dtls.sendRtp(payload, header).catch(noop);
  };
}

/** Per sender: the SRTP session it was set up for and what follows from it (null protector: use `direct`). */
interface SocketState {
  readonly dtls: DtlsTransport;
  readonly session: object;
  readonly protector: SrtpProtector | null;
  readonly stream: SrtpStream | null;
  /** The clear RTP header with sequence number and timestamp 0, patched per packet. */
  readonly template: Buffer;
}

function socketState(sender: SenderInternals, dtls: DtlsTransport, session: NonNullable<DtlsTransport['srtp']>) {
  const known = typeof dtls.iceTransport?.connection?.canSendApplicationData === 'function';
  const protector = known ? SrtpProtector.fromWerift(session.localContext) : null;
  const header = new RtpHeader({ ssrc: sender.ssrc, payloadType: 0, extensions: midExtension(sender) });
  return {
    dtls,
    session,
    protector,
    stream: protector?.stream(sender.ssrc) ?? null,
    template: header.serialize(header.serializeSize),
  };
}

function makeSocketSend(sender: SenderInternals): DirectSend {
  let state: SocketState | null = null;
  const direct = makeDirectSend(sender);
  return (payload, seq, ts, marker, ntp) => {
    const dtls = sender.dtlsTransport;
    const codec = sender.codec;
    const session = dtls.srtp;
    if (dtls.state !== 'connected' || !codec || !session) return;
    // First packet, or a new DTLS session (ICE restart, renegotiation): new keys, a new SRTP stream from ROC 0.
    if (state?.dtls !== dtls || state.session !== session) state = socketState(sender, dtls, session);
    const { template, protector, stream } = state;
    if (!protector || !stream) return direct(payload, seq, ts, marker, ntp);
    const connection = dtls.iceTransport.connection;
    if (!connection.canSendApplicationData()) return;
    const headerLength = template.length;
    const outSeq = (seq + sender.seqOffset) & 0xffff;
    const outTs = (ts + sender.timestampOffset) >>> 0;
    const packet = Buffer.allocUnsafe(headerLength + payload.length + protector.tagLength);
    template.copy(packet, 0);
    packet[1] = (marker ? 0x80 : 0) | (codec.payloadType & 0x7f);
    packet.writeUInt16BE(outSeq, 2);
    packet.writeUInt32BE(outTs, 4);
    if (!protector.protect(stream, packet, headerLength, payload, outSeq)) return;
    account(sender, outSeq, outTs, ntp, payload.length, headerLength);
    dtls.bytesSent += packet.length;
    dtls.packetsSent += 1;
    const pair = connection.nominated!;
    const transport = pair.protocol.transport;
    pair.packetsSent += 1;
    pair.bytesSent += packet.length;
    if (pair.protocol.type === 'stun' && transport.type === 'udp' && transport.socket && !transport.closed) {
      // Without a callback, dgram reports no error (an IP address needs no lookup that could fail).
      transport.socket.send(packet, pair.remoteAddr[1], pair.remoteAddr[0]);
    } else connection.send(packet).catch(noop);
  };
}
