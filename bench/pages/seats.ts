// The page bench/components.mjs measures. ?mode=baseline | grid | room
//   baseline: 20 plain divs (avatar, ring, name) whose ring follows the level: the least a page can do;
//   grid:     <vr-seat-grid> with 20 occupied seats, levels through its `levels` property;
//   room:     the whole <vr-room> screen around that grid (header, barrage, footer, gift player).
// Each of the 20 seats gets a new level every 100 ms (10×/s each, phases staggered), as a voice layer's meters would.
// &barrage=N (room mode): the seated guests also send N barrage messages per second between them, in turn.
// The page exposes start(durationMs) → { longTasks, frames } to the driver.
import '../../components/index.js';
import { createMemoryBackend, createMemoryServer } from '../../src/backends/memory/index.js';
import { type Room, createRoom } from '../../src/index.js';

const SEATS = 20;
const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'grid';
const barragePerSecond = Number(params.get('barrage') ?? 0);
const words = [
  'hello',
  'this song is great',
  '666',
  'haha',
  'good evening everyone',
  'where are you from?',
  'love it',
  '🔥🔥🔥',
  'again!',
  'so relaxing',
];
const names = [
  'Ava Chen',
  'Ben Ito',
  'Mia Rossi',
  'Kai',
  'Lina Park',
  'Noah Williams',
  'Zoe',
  'Sam',
  'Ivy Zhang',
  'Leo',
];
const nameOf = (i: number) => `${names[i % names.length]} ${i}`;

/** A seated guest's sending side. */
type Sender = (text: string) => void;
const senders: Sender[] = [];

/**
 * The room on the page is the host's, the only room store a real page holds. The 19 guests are sessions on the
 * in-page server with nobody listening to them: as client stores they would make the page do 19 stores' work per
 * message, which no listener's page does and the baseline does not pay.
 */
async function seatedRoom(): Promise<Room> {
  // The barrage mode sends faster than the per-user rate limit allows; the limit is not what is measured.
  const server = createMemoryServer(barragePerSecond ? { limits: { barrageRate: { limit: 1e9, windowMs: 1 } } } : {});
  const host = createRoom({
    backend: createMemoryBackend({ server }),
    roomId: 'bench',
    user: { userId: 'u0', userName: nameOf(0), avatarUrl: '' },
  });
  await host.start({ roomName: 'Benchmark', seatCount: SEATS, seatMode: 'free' });
  for (let i = 1; i < SEATS; i += 1) {
    const session = server.openSession(() => {});
    server.identify(session, { userId: `u${i}`, userName: nameOf(i), avatarUrl: '' });
    // A refusal throws (a RoomError): the page then never reports ready and the bench says why.
    server.execute(session, 'room.join', { roomId: 'bench' });
    server.execute(session, 'seat.take', { index: i });
    senders.push((text) => void server.execute(session, 'barrage.send', { text }));
  }
  return host;
}

let setLevel: (index: number, level: number) => void;

if (mode === 'baseline') {
  const wrap = document.createElement('div');
  wrap.className = 'baseline';
  const seats: HTMLElement[] = [];
  const rings: HTMLElement[] = [];
  for (let i = 0; i < SEATS; i += 1) {
    const seat = document.createElement('div');
    seat.className = 'b-seat';
    seat.innerHTML = `<div class="b-avatar"><span class="b-ring"></span>${nameOf(i).slice(0, 1)}</div><div class="b-name">${nameOf(i)}</div>`;
    seats.push(seat);
    rings.push(seat.querySelector<HTMLElement>('.b-ring')!);
    wrap.append(seat);
  }
  document.body.append(wrap);
  setLevel = (index, level) => {
    seats[index]!.classList.toggle('speaking', level > 10);
    rings[index]!.style.transform = `scale(${1 + level / 400})`;
  };
} else {
  const room = await seatedRoom();
  let levels: Record<number, number> = {};
  if (mode === 'room') {
    const el = document.createElement('vr-room');
    el.room = room;
    document.body.append(el);
    setLevel = (index, level) => {
      levels = { ...levels, [index]: level };
      el.levels = levels;
    };
  } else {
    const el = document.createElement('vr-seat-grid');
    el.room = room;
    el.columns = 5;
    document.body.append(el);
    setLevel = (index, level) => {
      levels = { ...levels, [index]: level };
      el.levels = levels;
    };
  }
  await new Promise<void>((resolve) => {
    const poll = () => {
      const root = document.querySelector('vr-room')?.shadowRoot ?? document;
      const grid = root.querySelector('vr-seat-grid');
      if (grid && grid.seatElements.length === SEATS) resolve();
      else setTimeout(poll, 20);
    };
    poll();
  });
}

// Diagnosis switch (?still): the seats' animated glow (level-driven box-shadow, ripple) replaced by a static ring, to
// tell paint cost from update cost. BENCHMARKS.md reports what it showed.
if (new URLSearchParams(location.search).has('still')) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    '*, *::before, *::after { animation: none !important; transition: none !important; box-shadow: none !important; }',
  );
  const root = document.querySelector('vr-room')?.shadowRoot ?? document;
  for (const seat of root.querySelector('vr-seat-grid')!.seatElements)
    seat.shadowRoot!.adoptedStyleSheets = [...seat.shadowRoot!.adoptedStyleSheets, sheet];
}

interface Result {
  readonly longTasks: number[];
  readonly frames: number[];
  readonly updates: number;
}

/** Drives the levels for `durationMs` and records long tasks and frame-to-frame times meanwhile. */
function start(durationMs: number): Promise<Result> {
  return new Promise((resolve) => {
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    const frames: number[] = [];
    let last = 0;
    let running = true;
    const frame = (t: number) => {
      if (last) frames.push(t - last);
      last = t;
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    let updates = 0;
    const timers: ReturnType<typeof setInterval>[] = [];
    for (let i = 0; i < SEATS; i += 1) {
      // Staggered phases, so updates arrive spread over each 100 ms like independent meters.
      setTimeout(
        () => {
          let phase = i;
          timers.push(
            setInterval(() => {
              phase += 1;
              // Speech-like: bursts above the threshold, pauses below it.
              const level = Math.max(0, Math.round(50 + 45 * Math.sin(phase / 3 + i) + (Math.random() - 0.5) * 20));
              setLevel(i, level);
              updates += 1;
            }, 100),
          );
        },
        (i * 100) / SEATS,
      );
    }
    if (barragePerSecond > 0) {
      let sent = 0;
      timers.push(
        setInterval(() => {
          senders[sent % senders.length]!(`${words[sent % words.length]} #${sent}`);
          sent += 1;
        }, 1000 / barragePerSecond),
      );
    }
    setTimeout(() => {
      for (const t of timers) clearInterval(t);
      running = false;
      // Let the last long task entries arrive.
      setTimeout(() => {
        observer.disconnect();
        resolve({ longTasks, frames, updates });
      }, 200);
    }, durationMs);
  });
}

(window as unknown as { benchStart: typeof start }).benchStart = start;
document.body.dataset['ready'] = 'true';
