/**
 * A headless room client with werift audio: speaks the WebSocket protocol, answers the SFU's offer, can publish a
 * synthetic Opus-shaped RTP stream (50 packets/s, with an ssrc-audio-level extension) and counts what arrives on
 * each seat. For integration tests and load benchmarks, where Chromium pages would cost far too much.
 */
import {
  type MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  type RTCRtpSender,
  RTP_EXTENSION_URI,
  RtpHeader,
  RtpPacket,
  useAudioLevelIndication,
  useSdesMid,
} from 'werift';
import { WebSocket } from 'ws';
import type { RtcOffer } from '../../src/backends/local/protocol.js';

export interface HeadlessClientOptions {
  readonly url: string;
  readonly sdkAppId: number;
  readonly userId: string;
  readonly userSig: string;
  /**
   * A listener for load tests: once connected, count arriving packets by their RTP header, which SRTP leaves in
   * the clear (SSRC → seat from the offer, sequence numbers), without decrypting or parsing them. One werift
   * client otherwise spends tens of µs of CPU per packet, so 100 of them on the SFU's machine measured the
   * clients, not the server. Nothing is played or checked beyond the header; the handshake is the real one.
   */
  readonly countOnly?: boolean;
}

export interface SeatReception {
  packets: number;
  bytes: number;
  lastSeq: number | null;
  /** Sequence numbers that did not follow the previous one by exactly 1 (gaps or repeats). */
  discontinuities: number;
  levels: number[];
}

/** The part of werift's event type (rx.mini) the count-only listener uses. */
interface WeriftEvent {
  allUnsubscribe(): void;
  subscribe(handler: (data: Buffer) => void): unknown;
}

export class HeadlessClient {
  private ws!: WebSocket;
  private seq = 0;
  /**
   * Request IDs are unique per client, as the browser's are (LocalBackend): the server answers a command whose ID
   * the same user used before from its cache, so a second client of one user (a second tab) must not reuse them.
   */
  private readonly idPrefix = `${Math.random().toString(36).slice(2, 8)}`;
  private readonly waiting = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  pc: RTCPeerConnection | null = null;
  private offer: RtcOffer | null = null;
  private sender: RTCRtpSender | null = null;
  private audioLevelId: number | null = null;
  /** The stream's sequence number and timestamp, kept across `publish` calls as one sender's are. */
  private rtpSeq = Math.floor(Math.random() * 0x10000);
  private rtpTs = Math.floor(Math.random() * 0x1_0000_0000);
  private timer: ReturnType<typeof setInterval> | null = null;
  readonly seats: SeatReception[] = [];
  /** The latest levels frame from the server. */
  levels: Record<number, number> = {};
  active: readonly number[] = [];
  levelFrames = 0;
  /** The close code of the signalling socket once the server closed it (4002: replaced by a newer connection). */
  closeCode: number | null = null;
  /** Packets `publish` has sent (a test's clock: "the speaker has spoken N more packets since"). */
  published = 0;

  constructor(private readonly options: HeadlessClientOptions) {}

  async connect(): Promise<void> {
    const { url, sdkAppId, userId, userSig } = this.options;
    this.ws = new WebSocket(
      `${url.replace(/^http/, 'ws')}/ws?sdkAppId=${sdkAppId}&userId=${userId}&userSig=${encodeURIComponent(userSig)}`,
      { perMessageDeflate: false },
    );
    this.ws.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as Record<string, unknown>));
    this.ws.on('close', (code) => (this.closeCode = code));
    await new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    await this.request({ t: 'hello', userName: userId, avatarUrl: '' });
  }

  command(type: string, args: Record<string, unknown> = {}): Promise<unknown> {
    return this.request({ t: 'cmd', type, args });
  }

  /**
   * Negotiates audio with the SFU; resolves once the peer connection is connected. A negotiation that fails (ICE or
   * DTLS timing out on a starved machine) is tried again after 1 s, then 2 s, as the browser client (LocalMedia) does.
   */
  async startAudio(attempts = 3): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.negotiate();
      } catch (error) {
        if (attempt >= attempts || !(error instanceof Error) || error.message !== 'peer connection failed') throw error;
        await this.pc?.close().catch(() => undefined);
        this.pc = null;
        await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** (attempt - 1)));
      }
    }
  }

  private async negotiate(): Promise<void> {
    const offer = (await this.request({ t: 'rtc', op: 'offer' })) as RtcOffer;
    this.offer = offer;
    // Asked again (a renegotiation): the new offer replaces the server's peer connection, and this one its own.
    await this.pc?.close().catch(() => undefined);
    const pc = new RTCPeerConnection({
      codecs: { audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2 })] },
      headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()] },
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
    });
    this.pc = pc;
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    for (const t of pc.getTransceivers()) {
      if (t.mid === offer.publishMid) {
        t.setDirection('sendonly');
        this.sender = t.sender;
        continue;
      }
      const seat = offer.seatMids.indexOf(t.mid ?? '');
      if (seat < 0) continue;
      const reception: SeatReception = { packets: 0, bytes: 0, lastSeq: null, discontinuities: 0, levels: [] };
      this.seats[seat] = reception;
      const listen = (track: MediaStreamTrack) => {
        track.onReceiveRtp.subscribe((rtp) => {
          reception.packets += 1;
          reception.bytes += rtp.payload.length;
          const s = rtp.header.sequenceNumber;
          if (reception.lastSeq !== null && ((s - reception.lastSeq) & 0xffff) !== 1) reception.discontinuities += 1;
          reception.lastSeq = s;
        });
      };
      // The track may already exist (announced by a=ssrc in the offer) or appear with the first packet.
      const seen = new Set<MediaStreamTrack>();
      const once = (track: MediaStreamTrack) => {
        if (!seen.has(track)) {
          seen.add(track);
          listen(track);
        }
      };
      for (const track of t.receiver.tracks) once(track);
      t.onTrack.subscribe(once);
    }
    await pc.setLocalDescription(await pc.createAnswer());
    const connected = new Promise<void>((resolve, reject) => {
      const sub = pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') {
          sub.unSubscribe();
          resolve();
        }
        if (state === 'failed') {
          sub.unSubscribe();
          reject(new Error('peer connection failed'));
        }
      });
    });
    await this.request({ t: 'rtc', op: 'answer', sdp: pc.localDescription!.sdp });
    await connected;
    if (this.options.countOnly) this.countClearHeaders(pc, offer);
    for (const [id, uri] of Object.entries(pc.extIdUriMap))
      if (uri === RTP_EXTENSION_URI.audioLevelIndication) this.audioLevelId = Number(id);
  }

  /**
   * A lossy network for tests: the next `count` packets the server sends on `seat` are lost before werift sees them
   * (dropped from the nominated UDP socket's receive path, by the SSRC in their clear header).
   */
  lose(seat: number, count = 1): void {
    const pc = this.pc;
    if (!pc || !this.offer) throw new Error('lose: start audio first');
    const ssrc = [...seatSsrcs(this.offer)].find(([, s]) => s === seat)?.[0];
    const socket = (
      pc.iceTransports[0] as unknown as {
        connection: { nominated?: { protocol: { transport: { socket?: { emit(...args: unknown[]): boolean } } } } };
      }
    ).connection.nominated?.protocol.transport.socket;
    if (ssrc === undefined || !socket) throw new Error('lose: no SSRC or socket for that seat');
    let left = count;
    const emit = socket.emit.bind(socket);
    socket.emit = (event: unknown, ...args: unknown[]) => {
      const data = args[0];
      if (event === 'message' && left > 0 && Buffer.isBuffer(data) && data.length >= 12 && isRtp(data)) {
        if (data.readUInt32BE(8) === ssrc) {
          left -= 1;
          return true;
        }
      }
      return emit(event, ...args);
    };
  }

  /** Replaces werift's receive path (DTLS/SRTP demux, decrypt, parse) with a count of each packet's clear header. */
  private countClearHeaders(pc: RTCPeerConnection, offer: RtcOffer): void {
    const seatOfSsrc = new Map<number, SeatReception>();
    for (const [ssrc, seat] of seatSsrcs(offer)) if (this.seats[seat]) seatOfSsrc.set(ssrc, this.seats[seat]!);
    if (seatOfSsrc.size !== offer.seatMids.length)
      throw new Error('count-only listener: the offer names no SSRC per seat');
    // werift's ICE connection hands every non-STUN datagram to its DTLS transport through this one event.
    const connection = (pc.dtlsTransports[0] as unknown as { iceTransport: { connection: { onData: WeriftEvent } } })
      .iceTransport.connection;
    connection.onData.allUnsubscribe();
    connection.onData.subscribe((data: Buffer) => {
      if (data.length < 12 || !isRtp(data)) return;
      const reception = seatOfSsrc.get(data.readUInt32BE(8));
      if (!reception) return;
      reception.packets += 1;
      reception.bytes += data.length - 12;
      const seq = data.readUInt16BE(2);
      if (reception.lastSeq !== null && ((seq - reception.lastSeq) & 0xffff) !== 1) reception.discontinuities += 1;
      reception.lastSeq = seq;
    });
  }

  /**
   * Sends a synthetic stream: 50 packets/s of `payloadBytes` (about what Opus sends for speech at 32 kbit/s),
   * each with an audio level of `dbov` (0 loud … 127 silent); `perTick` packets every 20 ms instead of one, and
   * sequence numbers `seqStep` apart instead of consecutive (both: a client that does not send as a microphone).
   */
  publish(options: { payloadBytes?: number; dbov?: number; perTick?: number; seqStep?: number } = {}): void {
    this.unpublish();
    const { payloadBytes = 80, dbov = 20, perTick = 1, seqStep = 1 } = options;
    const payload = Buffer.alloc(payloadBytes, 0x5a);
    this.timer = setInterval(() => {
      // More than one a tick: a client that sends faster than a microphone would (the SFU must not pass it on).
      for (let n = 0; n < perTick && this.sender; n++) {
        const seq = (this.rtpSeq = (this.rtpSeq + seqStep) & 0xffff);
        const ts = (this.rtpTs = (this.rtpTs + 960) >>> 0);
        const extensions =
          this.audioLevelId === null ? [] : [{ id: this.audioLevelId, payload: Buffer.from([0x80 | (dbov & 0x7f)]) }];
        const header = new RtpHeader({
          payloadType: 111,
          sequenceNumber: seq,
          timestamp: ts,
          marker: false,
          extensions,
        });
        this.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
        this.published += 1;
      }
    }, 20);
  }

  unpublish(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async close(): Promise<void> {
    this.unpublish();
    await this.pc?.close().catch(() => undefined);
    this.pc = null;
    for (const w of this.waiting.values()) w.reject(new Error('closed'));
    this.waiting.clear();
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) {
      await new Promise<void>((resolve) => {
        this.ws.once('close', () => resolve());
        this.ws.close();
        setTimeout(resolve, 1_000).unref();
      });
    }
  }

  private request(frame: Record<string, unknown>): Promise<unknown> {
    const id = `${this.options.userId}-${this.idPrefix}-${++this.seq}`;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  private onFrame(frame: Record<string, unknown>): void {
    if (frame['t'] === 'levels') {
      this.levels = frame['levels'] as Record<number, number>;
      this.active = frame['active'] as number[];
      this.levelFrames += 1;
      for (const [seat, level] of Object.entries(this.levels)) this.seats[Number(seat)]?.levels.push(level);
      return;
    }
    if (frame['t'] !== 'answer' || typeof frame['id'] !== 'string') return;
    const waiter = this.waiting.get(frame['id']);
    if (!waiter) return;
    this.waiting.delete(frame['id']);
    if (frame['ok']) waiter.resolve(frame['result']);
    else {
      const error = frame['error'] as { code: number; message: string };
      waiter.reject(Object.assign(new Error(error.message), { code: error.code }));
    }
  }
}

/** SSRC → seat index, from the a=ssrc the server's offer gives each seat's m-line. */
function seatSsrcs(offer: RtcOffer): Map<number, number> {
  const seats = new Map<number, number>();
  for (const section of offer.sdp.split(/\r?\nm=/).slice(1)) {
    const mid = /\na=mid:(\S+)/.exec(section)?.[1];
    const ssrc = /\na=ssrc:(\d+)/.exec(section)?.[1];
    const seat = mid === undefined ? -1 : offer.seatMids.indexOf(mid);
    if (seat >= 0 && ssrc !== undefined) seats.set(Number(ssrc), seat);
  }
  return seats;
}

/** RTP version 2, and not RTCP (packet types 192–223 sit where RTP has marker + payload type). */
function isRtp(data: Buffer): boolean {
  return (data[0]! & 0xc0) === 0x80 && !(data[1]! >= 192 && data[1]! <= 223);
}
