/**
 * The local server's audio SFU (werift). One RTCPeerConnection per client connection, offered by the server with
 * fixed transceivers: m-line 0 receives the client's microphone, then one send-only m-line per seat. Seats change
 * hands without renegotiation: the server forwards whatever the seat-i speaker sends to every other client's
 * seat-i sender, rewriting sequence numbers and timestamps (SeatStream) so each seat is one continuous stream.
 *
 * The room engine is the authority on who may be heard: a packet is forwarded only while its sender sits on a
 * seat that is not audio-locked and they have not muted themselves. Everything else is dropped here, so a
 * forbidden microphone is silent for everyone even if the client ignores the rules.
 */
import {
  type MediaStreamTrack,
  RTCPeerConnection,
  type RTCRtpSender,
  RTCRtpCodecParameters,
  RTP_EXTENSION_URI,
  RtpHeader,
  RtpPacket,
  ProtectionProfileAeadAes128Gcm,
  ProtectionProfileAes128CmHmacSha1_80,
  ntpTime,
  useAudioLevelIndication,
  useSdesMid,
} from 'werift';
import type { RtcCandidate, RtcOffer, ServerFrame } from '../../src/backends/local/protocol.js';
import type { RoomEngine } from '../../src/engine/room-engine.js';
import { ErrorCode, RoomError, type RoomState } from '../../src/core.js';
import type { Logger } from '../logger.js';
import { type DirectSend, type ForwardPath, directSender } from './forward.js';
import type { SrtpProfileName } from './srtp.js';
import { SeatStream, levelFromDbov, levelFromPayloadSize } from './seat-stream.js';
import { mapHas } from '../../src/core.js';

export interface SfuOptions {
  /**
   * Extra host addresses for ICE. werift skips loopback by default; a server bound to 127.0.0.1 (the default,
   * and every test) needs it. Defaults to ['127.0.0.1'].
   */
  readonly iceAdditionalHostAddresses?: readonly string[];
  readonly iceUseIpv6?: boolean;
  readonly icePortRange?: readonly [number, number];
  /**
   * STUN/TURN servers for the server's own candidates. None by default: werift's own default is Google's public
   * STUN server, which would make every offer look a host up and send packets off the machine; a server with a
   * public address needs none, one behind NAT names its own.
   */
  readonly iceServers?: readonly { readonly urls: string; readonly username?: string; readonly credential?: string }[];
  /** How often speaking levels are broadcast (ms); 200 = five times a second. */
  readonly levelIntervalMs?: number;
  readonly now?: () => number;
  /**
   * How a forwarded packet goes to each listener (server/sfu/forward.ts): `socket` (default) encrypts it here and
   * writes it to the listener's UDP socket, `direct` hands a prebuilt header to werift's DTLS transport, `werift`
   * goes through `RTCRtpSender.sendRtp`. Defaults to `VR_SFU_FORWARD` when that names one, else `socket`. The
   * bench compares them (`npm run bench sfu-forward`).
   */
  readonly forward?: ForwardPath;
  /**
   * The SRTP profiles the DTLS handshake may pick, in order of preference. Defaults to werift's (AES-GCM, then
   * AES_CM_128_HMAC_SHA1_80); a test or bench narrows it to exercise one.
   */
  readonly srtpProfiles?: readonly SrtpProfileName[];
}

/** Whom the SFU talks to: the gateway delivers level frames to every connection in a room. */
export type LevelSink = (roomId: string, frame: Extract<ServerFrame, { t: 'levels' }>) => void;

interface Peer {
  readonly key: object;
  readonly userId: string;
  readonly room: SfuRoom;
  readonly pc: RTCPeerConnection;
  /** Seat index → this client's sender for that seat. */
  readonly senders: readonly RTCRtpSender[];
  /** Seat index → the sender's direct send (forward.ts), looked up on the first packet; null: use `sendRtp`. */
  readonly sends: (DirectSend | null | undefined)[];
  readonly sourceId: string;
  /** The offer's m-lines by mid, in order (known once the offer is made): an answer must have exactly these. */
  mids: readonly string[];
  /** An answer was taken (or is being applied): a second one is refused, a new offer starts over. */
  answered: boolean;
  /** What this user may still have forwarded in the room (shared by their peer connections there). */
  readonly budget: Budget;
  /** Remote ICE candidates taken for this offer, in the answer and trickled (at most MAX_REMOTE_CANDIDATES). */
  candidates: number;
  connected: boolean;
  closed: boolean;
}

/** Packets and payload bytes a speaker may still have forwarded, refilled with time (`withinBudget`). */
interface Budget {
  packets: number;
  bytes: number;
  at: number;
  /** Peer connections using it; one used by none and full again is forgotten (`broadcastLevels`). */
  peers: number;
}

interface SfuRoom {
  readonly roomId: string;
  readonly peers: Set<Peer>;
  /**
   * userId → their budget, kept across their peer connections: each new one (an offer every 500 ms) started full,
   * and a speaker asking for offers again and again was passed on twice the bound.
   */
  readonly budgets: Map<string, Budget>;
  readonly streams: SeatStream[];
  /** userId → seat index, only for occupants who may be heard (not audio-locked, not self-muted). */
  speakers: Map<string, number>;
  occupants: (string | null)[];
  lastLevels: string;
  lastLevelsAt: number;
}

export interface SfuStats {
  readonly peers: number;
  readonly rooms: number;
  /** Packets received from publishers and forwarded to a seat (counted once, whatever the number of listeners). */
  readonly forwarded: number;
  /** Packets sent to listeners (forwarded × listeners). */
  readonly sent: number;
  /** Packets dropped because their sender may not be heard (not seated, muted, audio-locked). */
  readonly dropped: number;
  /** Packets of a speaker dropped for coming faster or bigger than a microphone sends (see PUBLISH_PACKETS_PER_SEC). */
  readonly overBudget: number;
}

const AUDIO_LEVEL_URI = RTP_EXTENSION_URI.audioLevelIndication;
/**
 * Offers on one connection start at least this far apart: building one (ICE gathering, sockets, 11 transceivers)
 * costs milliseconds of CPU, so a client firing offers gets the newest one built twice a second at most. An honest
 * client asks once per join or reconnect and never waits.
 */
const MIN_OFFER_INTERVAL_MS = 500;
/**
 * Remote ICE candidates one offer takes (distinct ones in the answer, plus each trickled one). werift keeps every
 * candidate it is given, before the answer in a list and after it in the remote description, which it serializes
 * again for each new one: without a bound, a connection trickling at the command rate grew the server's memory
 * for as long as it stayed and made each candidate cost more than the last (3 ms each after 3,000). A browser
 * has a few per network interface; under werift's 50 listeners for mDNS (`.local`) lookups.
 */
export const MAX_REMOTE_CANDIDATES = 48;
/**
 * What one speaker may have forwarded. Each packet a speaker sends is encrypted and sent once per listener, so a
 * client sending faster or bigger than a microphone multiplied the server's work and every listener's download by
 * the room's size (one seated client at 500 packets a second cost as much as 10 honest speakers). Opus in WebRTC
 * sends 50 packets a second (20 ms frames; the offer's minptime=10 allows 100) at 510 kbit/s at most. Beyond these,
 * packets are dropped before any listener's copy is made. The bucket holds one second of each, for packets that
 * were held up on the way and arrive together.
 */
const PUBLISH_PACKETS_PER_SEC = 100;
const PUBLISH_BYTES_PER_SEC = 64 * 1024;
const tooManyCandidates = `more than ${MAX_REMOTE_CANDIDATES} ICE candidates for one offer`;
const noop = () => undefined;
const FORWARD_PATHS: readonly ForwardPath[] = ['socket', 'direct', 'werift'];
const SRTP_PROFILES: Record<SrtpProfileName, number> = {
  'aes-128-gcm': ProtectionProfileAeadAes128Gcm,
  'aes-cm-128-hmac-sha1-80': ProtectionProfileAes128CmHmacSha1_80,
};

/**
 * Why `sdp` is not an answer to an offer of the m-lines `mids` (null when it is one). werift applies almost any text
 * as an answer: one that is not SDP or has no m-lines (it accepts it, then closes the connection), extra m-lines (a
 * transceiver for each, ~60 from one frame), m-lines without ICE credentials or with an attribute for a payload type
 * the m-line does not list (a TypeError). RFC 3264 §6: an answer has exactly the offer's m-lines, in order (RFC 8843:
 * the same mids); each accepted one has ICE credentials (RFC 8839) and a DTLS fingerprint (RFC 8122), in the m-section
 * or the session, and an answerer's setup is active or passive (RFC 5763 §5). A reason quotes nothing of the answer
 * (an attribute's value may be as long as the frame).
 */
function answerProblem(sdp: string, mids: readonly string[]): string | null {
  const lines = sdp.split(/\r?\n/).filter((line) => line !== '');
  if (lines[0] !== 'v=0') return 'not SDP (it must begin with v=0)';
  const sections: string[][] = [[]];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([]);
    sections.at(-1)!.push(line);
  }
  const [session = [], ...media] = sections;
  if (media.length !== mids.length) return `${media.length} m-lines where the offer has ${mids.length}`;
  const find = (section: readonly string[], prefix: string) =>
    section.find((line) => line.startsWith(prefix)) ?? session.find((line) => line.startsWith(prefix));
  for (const [i, section] of media.entries()) {
    const mLine = /^m=audio (\d+) [A-Z/]+((?: \d+)+)$/.exec(section[0]!);
    if (!mLine) return `m-line ${i} is not an audio m-line`;
    const mid = section.find((line) => line.startsWith('a=mid:'))?.slice('a=mid:'.length);
    if (mid !== mids[i]) return `m-line ${i} is not the offer's mid ${mids[i]}`;
    // Port 0: the client declines this m-line, and nothing of it is used.
    if (mLine[1] === '0') continue;
    for (const attribute of ['ice-ufrag', 'ice-pwd', 'fingerprint'])
      if (!find(section, `a=${attribute}:`)) return `m-line ${i} has no ${attribute}`;
    const setup = find(section, 'a=setup:');
    if (setup && setup !== 'a=setup:active' && setup !== 'a=setup:passive')
      return `m-line ${i} has a setup other than active or passive`;
    const payloadTypes = new Set(mLine[2]!.trim().split(' '));
    for (const line of section) {
      const pt = /^a=(?:rtpmap|fmtp):(\S+)/.exec(line)?.[1];
      if (pt !== undefined && !payloadTypes.has(pt)) return `m-line ${i} describes a payload type it does not list`;
    }
  }
  return null;
}

/** Takes one packet of `bytes` from a speaker's budget (refilled for the time since the last), or says it is spent. */
function withinBudget(budget: Budget, bytes: number, now: number): boolean {
  const seconds = Math.max(0, now - budget.at) / 1000;
  budget.at = now;
  budget.packets = Math.min(PUBLISH_PACKETS_PER_SEC, budget.packets + seconds * PUBLISH_PACKETS_PER_SEC);
  budget.bytes = Math.min(PUBLISH_BYTES_PER_SEC, budget.bytes + seconds * PUBLISH_BYTES_PER_SEC);
  if (budget.packets < 1 || budget.bytes < bytes) return false;
  budget.packets -= 1;
  budget.bytes -= bytes;
  return true;
}

/** `VR_SFU_FORWARD` when it names a path (an operator's way back to werift's own send path), else `socket`. */
function defaultForwardPath(): ForwardPath {
  const named = process.env['VR_SFU_FORWARD'];
  return FORWARD_PATHS.find((path) => path === named) ?? 'socket';
}

let nextSource = 1;

export class Sfu {
  private readonly peers = new Map<object, Peer>();
  /**
   * Offers per connection run one at a time: the tail of each connection's queue and the number of the newest
   * offer asked for. A queued offer that is no longer the newest is refused without building anything, so a client
   * that fires offers faster than they are built holds at most one peer connection under construction.
   */
  private readonly offerQueues = new Map<object, { tail: Promise<void>; newest: number }>();
  /**
   * When each connection's latest offer started being built. Kept apart from the queue, which goes once it is
   * empty: a client that waited for each answer before asking again found a new queue every time and had offers
   * built as fast as werift makes them (90 a second, 11 ms of CPU each).
   */
  private readonly offerStarts = new WeakMap<object, number>();
  private readonly rooms = new Map<string, SfuRoom>();
  private readonly options: SfuOptions;
  private readonly now: () => number;
  private readonly forward: ForwardPath;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;
  private forwarded = 0;
  private sent = 0;
  private dropped = 0;
  private overBudget = 0;

  constructor(
    private readonly engine: RoomEngine,
    private readonly sink: LevelSink,
    private readonly log: Logger,
    options: SfuOptions = {},
  ) {
    this.options = options;
    this.now = options.now ?? (() => performance.now());
    this.forward = options.forward ?? defaultForwardPath();
    this.unsubscribe = engine.onRoomChange((roomId, _previous, next) => this.onRoomChange(roomId, next));
    this.timer = setInterval(() => this.broadcastLevels(), options.levelIntervalMs ?? 200);
    this.timer.unref();
  }

  stats(): SfuStats {
    return {
      peers: this.peers.size,
      rooms: this.rooms.size,
      forwarded: this.forwarded,
      sent: this.sent,
      dropped: this.dropped,
      overBudget: this.overBudget,
    };
  }

  /**
   * Starts (or restarts) audio for a connection in a room: a fresh peer connection and its offer. Serialized per
   * connection: the previous offer finishes (or fails) first and is then torn down; an offer superseded while it
   * waited is answered REPEATED_OPERATION.
   */
  offer(key: object, userId: string, roomId: string): Promise<RtcOffer> {
    const queue = this.offerQueues.get(key) ?? { tail: Promise.resolve(), newest: 0 };
    this.offerQueues.set(key, queue);
    const turn = ++queue.newest;
    const current = () => {
      if (queue.newest !== turn || this.offerQueues.get(key) !== queue)
        throw new RoomError(ErrorCode.REPEATED_OPERATION, 'superseded by a newer offer');
    };
    const run = queue.tail.then(async () => {
      current();
      const wait = (this.offerStarts.get(key) ?? -Infinity) + MIN_OFFER_INTERVAL_MS - this.now();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
        current();
      }
      this.offerStarts.set(key, this.now());
      return this.build(key, userId, roomId);
    });
    const tail = run.then(noop, noop);
    queue.tail = tail;
    void tail.then(() => {
      if (queue.tail === tail && this.offerQueues.get(key) === queue) this.offerQueues.delete(key);
    });
    return run;
  }

  private async build(key: object, userId: string, roomId: string): Promise<RtcOffer> {
    const state = this.engine.room(roomId);
    if (!state || state.status !== 'live') throw new RoomError(ErrorCode.ROOM_NOT_FOUND);
    if (!mapHas(state.members, userId)) throw new RoomError(ErrorCode.NOT_IN_ROOM);
    this.closePeer(key);
    const room = this.roomFor(roomId, state);
    const pc = new RTCPeerConnection({
      codecs: {
        audio: [
          new RTCRtpCodecParameters({
            mimeType: 'audio/opus',
            clockRate: 48_000,
            channels: 2,
            payloadType: 111,
            parameters: 'minptime=10;useinbandfec=1',
          }),
        ],
      },
      headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()] },
      iceAdditionalHostAddresses: [...(this.options.iceAdditionalHostAddresses ?? ['127.0.0.1'])],
      iceUseIpv6: this.options.iceUseIpv6 ?? false,
      // One transport for every m-line: without it werift gathers (and keeps) a socket per seat.
      bundlePolicy: 'max-bundle',
      iceServers: (this.options.iceServers ?? []).map((server) => ({ ...server })),
      ...(this.options.icePortRange ? { icePortRange: [...this.options.icePortRange] as [number, number] } : {}),
    });
    const budget = room.budgets.get(userId) ?? {
      packets: PUBLISH_PACKETS_PER_SEC,
      bytes: PUBLISH_BYTES_PER_SEC,
      at: this.now(),
      peers: 0,
    };
    budget.peers += 1;
    room.budgets.set(userId, budget);
    const publish = pc.addTransceiver('audio', { direction: 'recvonly' });
    const seats = state.seats.map(() => pc.addTransceiver('audio', { direction: 'sendonly' }));
    const peer: Peer = {
      key,
      userId,
      room,
      pc,
      senders: seats.map((t) => t.sender),
      sends: [],
      sourceId: `p${nextSource++}`,
      mids: [],
      answered: false,
      candidates: 0,
      budget,
      connected: false,
      closed: false,
    };
    this.peers.set(key, peer);
    room.peers.add(peer);
    publish.onTrack.subscribe((track: MediaStreamTrack) => {
      track.onReceiveRtp.subscribe((rtp, extensions) =>
        this.onRtp(peer, rtp, extensions as Record<string, unknown> | undefined),
      );
    });
    pc.connectionStateChange.subscribe((s) => {
      peer.connected = s === 'connected';
      // Only this peer: a superseded connection reporting "closed" late must not close its successor.
      if ((s === 'failed' || s === 'closed') && this.peers.get(key) === peer) this.closePeer(key);
    });
    try {
      await pc.setLocalDescription(await pc.createOffer());
      peer.mids = [publish.mid!, ...seats.map((t) => t.mid!)];
      // werift keeps them in a private field of each DTLS transport and reads it when the handshake starts, after
      // the answer; it has no option for them.
      const profiles = this.options.srtpProfiles?.map((name) => SRTP_PROFILES[name]);
      if (profiles)
        for (const t of pc.dtlsTransports) (t as unknown as { srtpProfiles: number[] }).srtpProfiles = profiles;
    } finally {
      // Closed while it was being set up (socket gone, left the room): close again now that werift is done
      // gathering, so nothing it started meanwhile (sockets, timers) outlives the peer.
      if (peer.closed) await pc.close().catch(noop);
    }
    if (peer.closed) throw new RoomError(ErrorCode.CONNECTION_LOST, 'audio was closed meanwhile');
    return { sdp: pc.localDescription!.sdp, publishMid: publish.mid!, seatMids: seats.map((t) => t.mid!) };
  }

  /**
   * Applies the client's answer to the latest offer. One that does not answer it (see `answerProblem`), or comes
   * a second time, is refused with INVALID_PARAMETER and changes nothing: the offer still waits for its answer.
   */
  async answer(key: object, sdp: string): Promise<void> {
    const peer = this.peerOf(key);
    if (peer.answered || peer.pc.signalingState !== 'have-local-offer')
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'rtc answer: no offer is waiting for an answer');
    const problem = answerProblem(sdp, peer.mids);
    if (problem) throw new RoomError(ErrorCode.INVALID_PARAMETER, `rtc answer: ${problem}`);
    const candidates = new Set(sdp.match(/^a=candidate:.*$/gm)).size;
    if (peer.candidates + candidates > MAX_REMOTE_CANDIDATES)
      throw new RoomError(ErrorCode.INVALID_PARAMETER, `rtc answer: ${tooManyCandidates}`);
    peer.answered = true;
    peer.candidates += candidates;
    try {
      await peer.pc.setRemoteDescription({ type: 'answer', sdp });
    } catch (error) {
      peer.answered = false;
      peer.candidates -= candidates;
      // werift's text (a TypeError from its parser, say) is ours to read, not the client's.
      this.log.debug('rtc answer refused by werift', {
        userId: peer.userId,
        error: error instanceof Error ? error.message : String(error),
      });
      throw new RoomError(ErrorCode.INVALID_PARAMETER, 'rtc answer: not an answer to the offer');
    }
  }

  /** Adds a trickled candidate; one beyond MAX_REMOTE_CANDIDATES for the offer is refused (INVALID_PARAMETER). */
  async candidate(key: object, candidate: RtcCandidate | null): Promise<void> {
    const peer = this.peerOf(key);
    if (candidate?.candidate) {
      if (peer.candidates >= MAX_REMOTE_CANDIDATES)
        throw new RoomError(ErrorCode.INVALID_PARAMETER, `rtc candidate: ${tooManyCandidates}`);
      peer.candidates += 1;
    }
    try {
      await peer.pc.addIceCandidate(
        candidate && candidate.candidate
          ? {
              ...candidate,
              sdpMid: candidate.sdpMid ?? undefined,
              sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
              usernameFragment: candidate.usernameFragment ?? undefined,
            }
          : undefined,
      );
    } catch (error) {
      // A bad candidate fails only itself; ICE goes on with the others.
      this.log.debug('rtc candidate refused', {
        userId: peer.userId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Ends a connection's audio (socket closed, left the room, or asked to), including offers still queued. */
  close(key: object): void {
    this.offerQueues.delete(key);
    this.closePeer(key);
  }

  private closePeer(key: object): void {
    const peer = this.peers.get(key);
    if (!peer) return;
    this.peers.delete(key);
    peer.closed = true;
    peer.room.peers.delete(peer);
    peer.budget.peers -= 1;
    const seat = peer.room.speakers.get(peer.userId);
    if (seat !== undefined) peer.room.streams[seat]!.break();
    if (peer.room.peers.size === 0) this.rooms.delete(peer.room.roomId);
    peer.pc.close().catch(noop);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.unsubscribe();
    const closing = [...this.peers.values()].map((p) => p.pc.close().catch(noop));
    this.peers.clear();
    this.rooms.clear();
    await Promise.all(closing);
  }

  // ---- internals ----

  private peerOf(key: object): Peer {
    const peer = this.peers.get(key);
    if (!peer) throw new RoomError(ErrorCode.INVALID_PARAMETER, 'no audio session: ask for an offer first');
    return peer;
  }

  private roomFor(roomId: string, state: RoomState): SfuRoom {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = {
        roomId,
        peers: new Set(),
        budgets: new Map(),
        streams: state.seats.map(() => new SeatStream()),
        speakers: new Map(),
        occupants: state.seats.map(() => null),
        lastLevels: '',
        lastLevelsAt: 0,
      };
      this.rooms.set(roomId, room);
      this.syncSeats(room, state);
    }
    return room;
  }

  private onRoomChange(roomId: string, next: RoomState): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    if (next.status !== 'live') {
      for (const peer of [...room.peers]) this.close(peer.key);
      return;
    }
    this.syncSeats(room, next);
    // Whoever is no longer a member (left, kicked, banned, lease ran out) stops sending and receiving.
    for (const peer of [...room.peers]) if (!mapHas(next.members, peer.userId)) this.close(peer.key);
  }

  /** Follows the engine: who sits where and who may be heard. A seat that changes hands or goes quiet breaks. */
  private syncSeats(room: SfuRoom, state: RoomState): void {
    const speakers = new Map<string, number>();
    state.seats.forEach((seat, i) => {
      const userId = seat.user?.userId ?? null;
      const audible = userId !== null && !seat.audioLocked && !seat.selfMuted;
      if (audible) speakers.set(userId, i);
      const wasAudible = room.occupants[i] !== null && room.speakers.get(room.occupants[i]!) === i;
      if (room.occupants[i] !== userId || wasAudible !== audible) room.streams[i]?.break();
      room.occupants[i] = userId;
    });
    room.speakers = speakers;
  }

  private onRtp(peer: Peer, rtp: RtpPacket, extensions: Record<string, unknown> | undefined): void {
    if (peer.closed) return;
    const room = peer.room;
    const seat = room.speakers.get(peer.userId);
    if (seat === undefined) {
      this.dropped += 1;
      return;
    }
    const stream = room.streams[seat];
    if (!stream) return;
    if (!withinBudget(peer.budget, rtp.payload.length, this.now())) {
      this.overBudget += 1;
      return;
    }
    const level = extensions?.[AUDIO_LEVEL_URI] as { level: number } | undefined;
    stream.noteLevel(level ? levelFromDbov(level.level) : levelFromPayloadSize(rtp.payload.length));
    const { seq, ts } = stream.rewrite(
      `${peer.sourceId}:${rtp.header.ssrc}`,
      rtp.header.sequenceNumber,
      rtp.header.timestamp,
      this.now(),
    );
    this.forwarded += 1;
    const { marker, payloadType } = rtp.header;
    const path = this.forward;
    // One NTP time for every listener's copy: it pairs with the RTP timestamp in their sender reports.
    const ntp = path === 'werift' ? 0n : ntpTime();
    for (const other of room.peers) {
      if (other === peer || !other.connected) continue;
      const sender = other.senders[seat];
      if (!sender) continue;
      this.sent += 1;
      let send = other.sends[seat];
      if (send === undefined) send = other.sends[seat] = path === 'werift' ? null : directSender(sender, path);
      if (send) {
        send(rtp.payload, seq, ts, marker, ntp);
        continue;
      }
      // werift's sendRtp rewrites the header it is given (SSRC, payload type, extensions), so every listener
      // gets its own header; the payload is shared.
      const header = new RtpHeader({ payloadType, marker, sequenceNumber: seq, timestamp: ts, extensions: [] });
      sender.sendRtp(new RtpPacket(header, rtp.payload)).catch(noop);
    }
  }

  private broadcastLevels(): void {
    const now = this.now();
    for (const room of this.rooms.values()) {
      // A budget nobody uses that has been full for a while is what a new one would be.
      for (const [userId, budget] of room.budgets)
        if (budget.peers === 0 && now - budget.at >= 1_000) room.budgets.delete(userId);
      const levels: Record<number, number> = {};
      const active: number[] = [];
      room.streams.forEach((stream, i) => {
        levels[i] = stream.takeLevel(now);
        if (stream.active(now)) active.push(i);
      });
      const key = JSON.stringify([levels, active]);
      // Unchanged levels are repeated only now and then, so a quiet room costs nothing and late joiners catch up.
      if (key === room.lastLevels && now - room.lastLevelsAt < 2_000) continue;
      room.lastLevels = key;
      room.lastLevelsAt = now;
      this.sink(room.roomId, { t: 'levels', roomId: room.roomId, levels, active });
    }
  }
}
