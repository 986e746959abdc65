// The browser side of the voice end-to-end test (bundled by esbuild and served by the test's own server): a real
// Room store over the local backend, the browser microphone, and helpers the test calls through page.evaluate.
import { createLocalBackend } from '../../src/backends/local/index.js';
import { type MicState, type Room, createMicrophone, createRoom } from '../../src/index.js';

interface JoinOptions {
  readonly url: string;
  readonly sdkAppId: number;
  readonly userId: string;
  readonly userSig: string;
  readonly roomId: string;
  readonly owner: boolean;
}

interface SeatStats {
  packets: number;
  bytes: number;
  audioLevel: number;
  energy: number;
  jitterBufferDelay: number;
  jitterBufferEmitted: number;
}

/** What this page's sockets sent and got, in order: `sent room.join`, `answered room.join`, `sent rtc offer`… */
const wire: string[] = [];
const NativeWebSocket = WebSocket;
class TracedWebSocket extends NativeWebSocket {
  private readonly asked = new Map<string, string>();
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data)) as { t: string; id?: string };
      const what = frame.t === 'answer' && frame.id ? this.asked.get(frame.id) : undefined;
      if (what) wire.push(`answered ${what}`);
    });
  }
  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (typeof data === 'string') {
      const frame = JSON.parse(data) as { t: string; id: string; type?: string; op?: string };
      const what = frame.t === 'cmd' ? frame.type! : frame.t === 'rtc' ? `rtc ${frame.op}` : frame.t;
      this.asked.set(frame.id, what);
      wire.push(`sent ${what}`);
    }
    super.send(data);
  }
}
globalThis.WebSocket = TracedWebSocket as typeof WebSocket;

const microphone = createMicrophone();
let room: Room | null = null;
const levelHistory: number[][] = [];
let mic: MicState = { status: 'off' };

function show(text: string): void {
  let el = document.getElementById('mic');
  if (!el) {
    el = document.createElement('p');
    el.id = 'mic';
    el.setAttribute('role', 'status');
    document.body.append(el);
  }
  el.textContent = text;
}

/** A Room for `o`'s user over a local backend with the page's microphone (not yet joined). */
function openRoom(o: JoinOptions): Room {
  const backend = createLocalBackend({
    url: o.url,
    credentials: async () => ({ sdkAppId: o.sdkAppId, userId: o.userId, userSig: o.userSig }),
  });
  return createRoom({
    backend,
    roomId: o.roomId,
    user: { userId: o.userId, userName: o.userId, avatarUrl: '' },
    microphone,
  });
}

const api = {
  async join(o: JoinOptions): Promise<void> {
    room = openRoom(o);
    room.levels$.subscribe((levels) => levelHistory.push([...levels]));
    room.mic$.subscribe((m) => {
      mic = m;
      show(m.status === 'error' ? `Microphone: ${m.error?.message ?? 'error'}` : `Microphone: ${m.status}`);
    });
    if (o.owner) await room.start({ roomName: 'Voice e2e', seatMode: 'free' });
    else await room.join();
    await firstConnected(room);
  },
  /** A join that may be refused: its error code, or null once joined (audio not awaited). */
  async tryJoin(o: JoinOptions): Promise<number | null> {
    room = openRoom(o);
    try {
      await room.join();
      return null;
    } catch (error) {
      return (error as { code?: number }).code ?? -1;
    }
  },
  wire(): string[] {
    return [...wire];
  },
  audio(): { connection: string; peer: boolean } {
    const media = (room!.backend as { media?: { peerConnection: RTCPeerConnection | null } }).media;
    return { connection: room!.state.audio.connection, peer: !!media?.peerConnection };
  },
  async takeSeat(index: number): Promise<{ ok: boolean; code?: number; message?: string }> {
    try {
      await room!.takeSeat(index);
      return { ok: true };
    } catch (error) {
      const e = error as { code?: number; message?: string };
      return { ok: false, code: e.code, message: e.message };
    }
  },
  leaveSeat: () => room!.leaveSeat().then(() => undefined),
  lockSeatAudio: (index: number, locked: boolean) => room!.lockSeatAudio(index, locked).then(() => undefined),
  setSelfMute: (muted: boolean) => room!.setSelfMute(muted).then(() => undefined),
  setListenerMute: (muted: boolean) => room!.setListenerMute(muted),
  seatOf: (index: number) => room!.state.snapshot?.seats[index]?.user?.userId ?? null,
  mic: () => mic,
  micTrack: () => (microphone.track ? microphone.track.readyState : null),
  /** Levels seen since the last call, per seat: the maximum. */
  takeLevels(): number[] {
    const max: number[] = [];
    for (const levels of levelHistory.splice(0)) levels.forEach((l, i) => (max[i] = Math.max(max[i] ?? 0, l)));
    return max;
  },
  output: (seat: number) => mediaOf(room!)?.outputOf(seat) ?? null,
  async stats(): Promise<SeatStats[]> {
    const media = mediaOf(room!);
    const pc = media?.peerConnection;
    const result: SeatStats[] = [];
    if (!pc || !media) return result;
    const report = await pc.getStats();
    report.forEach((s: Record<string, unknown>) => {
      if (s['type'] !== 'inbound-rtp' || s['kind'] !== 'audio') return;
      const seat = media.seatMids.indexOf(String(s['mid']));
      if (seat < 0) return;
      result[seat] = {
        packets: Number(s['packetsReceived'] ?? 0),
        bytes: Number(s['bytesReceived'] ?? 0),
        audioLevel: Number(s['audioLevel'] ?? 0),
        energy: Number(s['totalAudioEnergy'] ?? 0),
        jitterBufferDelay: Number(s['jitterBufferDelay'] ?? 0),
        jitterBufferEmitted: Number(s['jitterBufferEmittedCount'] ?? 0),
      };
    });
    return result;
  },
  /**
   * What the server's RTCP sender reports say about a seat's stream (Chromium's remote-outbound-rtp, linked from the
   * seat's inbound-rtp), next to what this page received: null until a report arrived.
   */
  async senderReport(seat: number): Promise<{ sent: number; received: number; reports: number } | null> {
    const media = mediaOf(room!);
    const pc = media?.peerConnection;
    if (!pc || !media) return null;
    const report = await pc.getStats();
    let found: { sent: number; received: number; reports: number } | null = null;
    report.forEach((s: Record<string, unknown>) => {
      if (s['type'] !== 'inbound-rtp' || s['kind'] !== 'audio' || media.seatMids.indexOf(String(s['mid'])) !== seat)
        return;
      const remote = report.get(String(s['remoteId'])) as Record<string, unknown> | undefined;
      if (!remote) return;
      found = {
        sent: Number(remote['packetsSent'] ?? 0),
        received: Number(s['packetsReceived'] ?? 0),
        reports: Number(remote['reportsSent'] ?? 0),
      };
    });
    return found;
  },
  async close(): Promise<void> {
    if (!room) return;
    const r = room;
    room = null;
    r.dispose();
    await r.backend.close();
    microphone.release();
  },
};

function mediaOf(r: Room) {
  return (r.backend as ReturnType<typeof createLocalBackend>).media;
}

function firstConnected(r: Room): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('audio did not connect')), 60_000);
    const sub = r.audio$.subscribe((a) => {
      if (a.connection === 'connected') {
        clearTimeout(timer);
        queueMicrotask(() => sub.unsubscribe());
        resolve();
      }
    });
  });
}

(window as unknown as { vr: typeof api }).vr = api;
document.title = 'ready';
