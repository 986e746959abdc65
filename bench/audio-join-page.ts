// The Chromium page of bench/audio-join.ts: a speaker on seat 0 and, per trial, a new listener that joins and waits
// for the speaker's voice. Every step of the listener's way is timed from the moment `join()` is called:
// credentials, socket, sign-in, join answer, offer, answer, ICE, DTLS, first packet, first audible sample.
// The baseline is a direct RTCPeerConnection pair in the same page: the floor any SFU path adds to.
//
// The speaker's "microphone" is a continuous tone (getUserMedia is replaced by an oscillator), because the fake
// capture device beeps once a second: with it, the first audible sample would wait for the next beep.
import { type LocalBackend, createLocalBackend } from '../src/backends/local/index.js';
import { type Room, createRoom } from '../src/index.js';
import { directPair } from './direct-pair.js';

interface Who {
  readonly userId: string;
  readonly userSig: string;
}
type Marks = Record<string, number>;

let marks: Marks = {};
let t0 = 0;
const mark = (name: string) => {
  if (t0 > 0 && !(name in marks)) marks[name] = performance.now() - t0;
};

// ---- a continuous tone instead of the fake device's beep ----
const audioContext = new AudioContext();
function toneStream(): MediaStream {
  const oscillator = audioContext.createOscillator();
  const gain = audioContext.createGain();
  gain.gain.value = 0.5;
  oscillator.frequency.value = 440;
  const destination = audioContext.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  return destination.stream;
}
navigator.mediaDevices.getUserMedia = async () => toneStream();

// ---- the listener's signalling, timed at the socket ----
const NativeWebSocket = WebSocket;
let traced: WebSocket | null = null;
class TracedWebSocket extends NativeWebSocket {
  private readonly asked = new Map<string, string>();
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    if (!tracing) return;
    // The page's one traced socket, for the marks the bench reads.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    traced = this;
    this.addEventListener('open', () => mark('socket open'));
    this.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data)) as { t: string; id?: string };
      const what = frame.t === 'answer' && frame.id ? this.asked.get(frame.id) : undefined;
      if (what) mark(`${what} answered`);
    });
  }
  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (traced === this && typeof data === 'string') {
      const frame = JSON.parse(data) as { t: string; id: string; type?: string; op?: string };
      const what =
        frame.t === 'hello'
          ? 'hello'
          : frame.t === 'cmd'
            ? frame.type!
            : frame.t === 'rtc'
              ? `rtc ${frame.op}`
              : undefined;
      if (what) {
        this.asked.set(frame.id, what);
        mark(`${what} sent`);
      }
    }
    super.send(data);
  }
}
let tracing = false;
globalThis.WebSocket = TracedWebSocket as typeof WebSocket;

let speaker: Room | null = null;

const pcOf = (room: Room) => (room.backend as LocalBackend).media!.peerConnection;

async function until(test: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const end = performance.now() + limitMs;
  while (!(await test())) {
    if (performance.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Inbound audio of one m-line: packets and audio level. */
async function inbound(pc: RTCPeerConnection, mid: string): Promise<{ packets: number; level: number }> {
  const report = await pc.getStats();
  let packets = 0;
  let level = 0;
  report.forEach((s: Record<string, unknown>) => {
    if (s['type'] === 'inbound-rtp' && s['kind'] === 'audio' && s['mid'] === mid) {
      packets = Number(s['packetsReceived'] ?? 0);
      level = Number(s['audioLevel'] ?? 0);
    }
  });
  return { packets, level };
}

/** Polls the peer connection for ICE, DTLS, the first packet and the first audible sample of `seat`. */
async function watchAudio(room: Room, seat: number): Promise<void> {
  await until(() => pcOf(room) !== null, 'a peer connection');
  const pc = pcOf(room)!;
  mark('peer connection created');
  const states = () => {
    if (pc.iceConnectionState === 'checking') mark('ICE checking');
    if (pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed') mark('ICE connected');
    if (pc.connectionState === 'connected') mark('DTLS connected');
  };
  pc.addEventListener('iceconnectionstatechange', states);
  pc.addEventListener('connectionstatechange', states);
  states();
  const mid = (room.backend as LocalBackend).media!.seatMids[seat]!;
  await until(async () => {
    const { packets, level } = await inbound(pc, mid);
    if (packets > 0) mark('first packet');
    if (level > 0.01) mark('first audio');
    return level > 0.01;
  }, 'audio from the seat');
}

const api = {
  async speaker(o: { url: string; sdkAppId: number; roomId: string; who: Who }): Promise<void> {
    speaker = createRoom({
      backend: createLocalBackend({
        url: o.url,
        credentials: async () => ({ sdkAppId: o.sdkAppId, userId: o.who.userId, userSig: o.who.userSig }),
      }),
      roomId: o.roomId,
      user: { userId: o.who.userId, userName: o.who.userId, avatarUrl: '' },
    });
    await speaker.start({ roomName: 'audio join', seatMode: 'free' });
    await until(
      () => speaker!.state.audio.connection === 'connected' && speaker!.state.audio.mic.status === 'on',
      'the speaker on air',
    );
  },

  /** One listener joining: the timeline from `join()` to the first audible sample of seat 0. */
  async listen(o: { url: string; sdkAppId: number; roomId: string; who: Who; signerUrl: string }): Promise<Marks> {
    marks = {};
    tracing = true;
    t0 = performance.now();
    const listener = createRoom({
      backend: createLocalBackend({
        url: o.url,
        // The credentials come over HTTP as a product's would (its own server signs them).
        credentials: async () => {
          const response = await fetch(o.signerUrl);
          mark('credentials');
          return { sdkAppId: o.sdkAppId, userId: o.who.userId, userSig: await response.text() };
        },
      }),
      roomId: o.roomId,
      user: { userId: o.who.userId, userName: o.who.userId, avatarUrl: '' },
    });
    try {
      const joined = listener.join().then(() => mark('join resolved'));
      await Promise.all([joined, watchAudio(listener, 0)]);
      return { ...marks };
    } finally {
      tracing = false;
      traced = null;
      await listener.leave().catch(() => undefined);
      listener.dispose();
    }
  },

  /** The baseline: a direct pair in this page, from `new RTCPeerConnection` to the first audible sample. */
  async direct(): Promise<Marks> {
    marks = {};
    t0 = performance.now();
    const stream = toneStream();
    const pair = await directPair(stream);
    const { pc2 } = pair;
    const states = () => {
      if (pc2.iceConnectionState === 'connected' || pc2.iceConnectionState === 'completed') mark('ICE connected');
      if (pc2.connectionState === 'connected') mark('DTLS connected');
    };
    pc2.addEventListener('iceconnectionstatechange', states);
    pc2.addEventListener('connectionstatechange', states);
    const mid = pc2.getTransceivers()[0]!.mid!;
    await until(async () => {
      states();
      const { packets, level } = await inbound(pc2, mid);
      if (packets > 0) mark('first packet');
      if (level > 0.01) mark('first audio');
      return level > 0.01;
    }, 'direct audio');
    pair.close();
    for (const track of stream.getTracks()) track.stop();
    return { ...marks };
  },

  async close(): Promise<void> {
    await speaker?.end().catch(() => undefined);
    speaker?.dispose();
  },
};

(globalThis as unknown as { bench: typeof api }).bench = api;
document.title = 'ready';
