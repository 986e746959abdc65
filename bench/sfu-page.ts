// One Chromium page for bench/sfu.ts: a speaker and a listener through the SFU (two Room stores, two local
// backends, one page), and the baseline: a direct RTCPeerConnection pair in the same page with the same fake mic.
import { type LocalBackend, createLocalBackend } from '../src/backends/local/index.js';
import { type Room, createRoom } from '../src/index.js';
import { directPair } from './direct-pair.js';

interface Who {
  readonly userId: string;
  readonly userSig: string;
}
interface Sample {
  rttMs: number;
  jitterBufferMs: number;
  packets: number;
  emitted: number;
  delay: number;
}

let speaker: Room | null = null;
let listener: Room | null = null;
let direct: { pc1: RTCPeerConnection; pc2: RTCPeerConnection; audio: HTMLAudioElement } | null = null;

const pcOf = (room: Room) => (room.backend as LocalBackend).media!.peerConnection!;

async function connected(room: Room): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (room.state.audio.connection === 'connected') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('audio did not connect');
}

/** RTT of the selected candidate pair (ms) and the inbound audio jitter-buffer counters of one receiver. */
async function sample(pc: RTCPeerConnection, mid: string | null): Promise<Sample> {
  const report = await pc.getStats();
  let rttMs = NaN;
  let delay = 0;
  let emitted = 0;
  let packets = 0;
  report.forEach((s: Record<string, unknown>) => {
    if (
      s['type'] === 'candidate-pair' &&
      s['nominated'] &&
      s['state'] === 'succeeded' &&
      typeof s['currentRoundTripTime'] === 'number'
    )
      rttMs = (s['currentRoundTripTime'] as number) * 1000;
    if (s['type'] === 'inbound-rtp' && s['kind'] === 'audio' && (mid === null || s['mid'] === mid)) {
      delay = Number(s['jitterBufferDelay'] ?? 0);
      emitted = Number(s['jitterBufferEmittedCount'] ?? 0);
      packets = Number(s['packetsReceived'] ?? 0);
    }
  });
  return { rttMs, jitterBufferMs: emitted > 0 ? (delay / emitted) * 1000 : NaN, packets, emitted, delay };
}

const api = {
  async sfu(o: { url: string; sdkAppId: number; roomId: string; speaker: Who; listener: Who }): Promise<void> {
    const make = (w: Who) =>
      createRoom({
        backend: createLocalBackend({
          url: o.url,
          credentials: async () => ({ sdkAppId: o.sdkAppId, userId: w.userId, userSig: w.userSig }),
        }),
        roomId: o.roomId,
        user: { userId: w.userId, userName: w.userId, avatarUrl: '' },
      });
    speaker = make(o.speaker);
    listener = make(o.listener);
    await speaker.start({ roomName: 'latency', seatMode: 'free' });
    await listener.join();
    await Promise.all([connected(speaker), connected(listener)]);
  },
  async direct(): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    const { pc1, pc2, audio } = await directPair(stream);
    for (let i = 0; i < 200 && pc2.connectionState !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
    direct = { pc1, pc2, audio };
  },
  /** Counters for the SFU path (speaker leg RTT, listener leg RTT, listener seat-0 jitter buffer) and the direct pair. */
  async sample(): Promise<{ sfu: { speakerRttMs: number; listener: Sample } | null; direct: Sample | null }> {
    const sfu =
      speaker && listener
        ? {
            speakerRttMs: (await sample(pcOf(speaker), null)).rttMs,
            listener: await sample(pcOf(listener), (listener.backend as LocalBackend).media!.seatMids[0]!),
          }
        : null;
    return { sfu, direct: direct ? await sample(direct.pc2, null) : null };
  },
  async close(): Promise<void> {
    for (const room of [speaker, listener]) {
      if (!room) continue;
      room.dispose();
      await room.backend.close();
    }
    direct?.pc1.close();
    direct?.pc2.close();
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = 'ready';
