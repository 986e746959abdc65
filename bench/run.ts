/**
 * `npm run bench`: benchmarks of the shared rules and the client store, each against a baseline measured in the
 * same process right before it, so the ratios survive a noisy shared machine. Results and method: BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { EventBatch, RoomState, UserInfo } from '../src/core.js';
import { RoomEngine } from '../src/engine/room-engine.js';
import {
  applyBatch,
  applyRoomCommand,
  createRoomState,
  joinRoom,
  listAudience,
  mapGet,
  mapValues,
  toSnapshot,
  unwrap,
} from '../src/core.js';

// `npm run bench components`: the browser benchmark alone (bench/components.mjs, Chromium through playwright-core).
async function runComponentsBench(): Promise<void> {
  const path = './components.mjs';
  const { runComponents } = (await import(path)) as { runComponents: () => Promise<unknown> };
  await runComponents();
}
if (process.argv[2] === 'components') {
  await runComponentsBench();
  process.exit(0);
}
// `npm run bench sfu`: the WebRTC audio SFU: CPU per packet and memory for 8 speakers × 20/100 werift listeners,
// and a Chromium listener's audio latency against a direct browser-to-browser connection (bench/sfu.ts).
if (process.argv[2] === 'sfu') {
  const { runSfuBench } = await import('./sfu.js');
  await runSfuBench();
  process.exit(0);
}
// `npm run bench resources`: memory and command latency of the local server under the resource attacks of issue 12
// (non-reading clients, input flood, overlapping audio offers), gift cost at 1M ledger rows, start-up (bench/resources.ts).
if (process.argv[2] === 'resources') {
  const { runResourcesBench } = await import('./resources.js');
  await runResourcesBench();
  process.exit(0);
}
// `npm run bench sfu-forward`: the SFU's direct send path against werift's sendRtp, alternating server children.
if (process.argv[2] === 'sfu-forward') {
  const { runSfuForwardBench } = await import('./sfu.js');
  await runSfuForwardBench();
  process.exit(0);
}
// `npm run bench audio-join`: a listener's join → first audio heard, step by step, against a direct
// RTCPeerConnection pair in the same page (bench/audio-join.ts, Chromium + the local server).
if (process.argv[2] === 'audio-join') {
  const { runAudioJoinBench } = await import('./audio-join.js');
  await runAudioJoinBench();
  process.exit(0);
}
// `npm run bench frames`: the server's schema check of client frames against the hand-written one it replaced.
if (process.argv[2] === 'frames') {
  (await import('./frames.js')).runFramesBench();
  process.exit(0);
}
// `npm run bench size`: the kit's JS per public entry in a consumer's Vite build, initial and lazy (bench/kit-size.ts).
if (process.argv[2] === 'size') {
  const { runKitSizeBench } = await import('./kit-size.js');
  await runKitSizeBench();
  process.exit(0);
}
// `npm run bench gifts`: <vr-gift-player> under 5 gifts/s against a naive player (bench/gifts.mjs, Chromium).
if (process.argv[2] === 'gifts') {
  const path = './gifts.mjs';
  const { runGifts } = (await import(path)) as { runGifts: () => Promise<unknown> };
  await runGifts();
  process.exit(0);
}
// `npm run bench barrage`: <vr-barrage> under 200 messages/s + 5 gifts/s against a naive list (bench/barrage.mjs, Chromium).
if (process.argv[2] === 'barrage') {
  const path = './barrage.mjs';
  const { runBarrageBench } = (await import(path)) as { runBarrageBench: () => Promise<unknown> };
  await runBarrageBench();
  process.exit(0);
}

const user = (i: number): UserInfo => ({ userId: `u${i}`, userName: `User ${i}`, avatarUrl: '' });
const owner = user(0);

// A full collection before each measurement, so none pays for collecting the garbage of another's set-up (a room
// of 10,000 members, a Map of them for its baseline).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Median of `rounds` timings of `fn` over `iterations`, in ns per iteration, from a collected heap. */
function measure(iterations: number, fn: (i: number) => void, rounds = 5): number {
  collectGarbage();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) fn(i);
    samples.push(((performance.now() - start) * 1e6) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

function roomOf(members: number): RoomState {
  let room = unwrap(
    createRoomState({
      roomId: 'bench',
      owner,
      now: 0,
      options: { seatMode: 'free' },
      limits: { barrageRate: { limit: 1e9, windowMs: 1 } },
    }),
  );
  for (let i = 1; i < members; i++) room = unwrap(joinRoom(room, user(i), i));
  return room;
}

const rows: { name: string; ns: number; baseline: string; baselineNs: number }[] = [];

// 1. Joining a room: members are a persistent map (src/rules/persistent-map.ts), so a join copies one path of the
//    trie, not the room's whole member list. The baseline is a mutable Map insert of the same member objects: what
//    a hand-written server would do. The baseline's Maps are built with the rooms, before the warm-up: built right
//    before a measurement, a Map of 10,000 members slowed the joins measured next for ~150 ms (its first 4 of 9
//    rounds read 7–20 µs, the rest 2.4 µs; V8 promoting the Map's entries and adapting its allocation to them), so in
//    about half the runs a join into 10,000 read 9 µs against 2 µs into 100, while alone it reads the same. Nine
//    rounds, so a transient that is left cannot be the median.
const joinRooms = [100, 1_000, 10_000].map((size) => {
  const room = roomOf(size);
  const map = new Map([...mapValues(room.members)].map((m) => [m.user.userId, m]));
  return { size, room, map, one: mapGet(room.members, 'u1')! };
});
// Warm-up: the first sizes measured would otherwise pay for the JIT compiling the join path.
for (const { size, room } of joinRooms) measure(2_000, (i) => void joinRoom(room, user(size + i), 1e6 + i), 3);
for (const { size, room, map, one } of joinRooms) {
  const ns = measure(2_000, (i) => void joinRoom(room, user(size + i), 1e6 + i), 9);
  const baselineNs = measure(2_000, (i) => void map.set(`x${i}`, one), 9);
  rows.push({ name: `join a room of ${size} members`, ns, baseline: 'Map.set', baselineNs });
}

// 2. Barrage through the whole command path (validation, rate log, 200-message history) in a busy room,
//    against the bare minimum of appending to a bounded array.
{
  const room = roomOf(2_000);
  const actor = { user: user(5) };
  let history: string[] = [];
  const ns = measure(
    2_000,
    (i) => void applyRoomCommand(room, actor, { type: 'barrage.send', text: `message ${i}` }, 1e9 + i),
  );
  const baselineNs = measure(2_000, (i) => void (history = [...history, `message ${i}`].slice(-200)));
  rows.push({ name: 'barrage.send in a room of 2000', ns, baseline: 'bounded array append', baselineNs });
}

// 3. A client applying barrage batches to its snapshot (what every listener does per message).
{
  let room = roomOf(50);
  const batches: EventBatch[] = [];
  for (let i = 0; i < 1_000; i++) {
    const applied = applyRoomCommand(
      room,
      { user: user(1 + (i % 40)) },
      { type: 'barrage.send', text: `m${i}` },
      1e9 + i * 1000,
    );
    if (!applied.ok) throw applied.error;
    room = applied.state;
    batches.push({ roomId: 'bench', version: room.version, events: applied.events });
  }
  const start = toSnapshot(roomOf(50));
  let list: string[] = [];
  const ns = measure(1_000, (i) => void applyBatch(start, batches[i]!));
  const baselineNs = measure(1_000, (i) => void (list = [...list, `m${i}`].slice(-200)));
  rows.push({ name: 'client applyBatch (1 barrage event)', ns, baseline: 'bounded array append', baselineNs });
}

// 4. A page of the audience list in a room of 10,000 (audience.list, REST get_member_list and search_room_member):
//    one walk of the member map keeping the newest matches, against sorting every member and slicing the page (the
//    way it was written before, the obvious definition), both over the same map in the same process.
{
  const room = roomOf(10_000);
  const bySorting = (keyword: string) => {
    const needle = keyword.toLowerCase();
    return [...mapValues(room.members)]
      .filter((m) => !needle || m.user.userId === keyword || m.user.userName.toLowerCase().includes(needle))
      .sort((a, b) => b.seq - a.seq)
      .slice(0, 100);
  };
  for (const [label, keyword] of [
    ['first page', ''],
    ['search "User 12"', 'User 12'],
  ] as const) {
    // Warm-up of both, then the same check the tests make: the same page.
    const walked = unwrap(listAudience(room, '', keyword, 100)).members.map((u) => u.userId);
    const sorted = bySorting(keyword).map((m) => m.user.userId);
    if (walked.join() !== sorted.join()) throw new Error(`audience page (${label}) differs from the sorted one`);
    const ns = measure(20, () => void listAudience(room, '', keyword, 100));
    const baselineNs = measure(20, () => void bySorting(keyword));
    rows.push({ name: `audience page of 10000 members, ${label}`, ns, baseline: 'sort all, slice', baselineNs });
  }
}

// 5. A change in one room of a busy server: the engine hands the batch to that room's sessions
//    (RoomEngine.sessionsIn), not to a walk of every session it holds. A barrage in a room of 10, with the server
//    holding 100 sessions in all and then 10,000 (in rooms of 20), the smaller server being the baseline: flat is
//    the goal, as for joins (a walk of every session made it grow with the server).
{
  const serverOf = (sessions: number) => {
    const engine = new RoomEngine({ limits: { barrageRate: { limit: 1e9, windowMs: 1 } } });
    let n = 0;
    const session = () => {
      const s = engine.openSession(() => undefined);
      engine.identify(s, user(++n));
      return s;
    };
    const roomOfSize = (roomId: string, size: number) => {
      const host = session();
      engine.execute(host, 'room.start', { roomId, options: { seatMode: 'free' } });
      for (let i = 1; i < size; i++) engine.execute(session(), 'room.join', { roomId });
      return host;
    };
    const sender = roomOfSize('bench', 10);
    for (let room = 0; n < sessions; room++) roomOfSize(`other-${room}`, Math.min(20, sessions - n));
    return { engine, sender };
  };
  const [small, large] = [serverOf(100), serverOf(10_000)];
  const send =
    ({ engine, sender }: typeof small) =>
    (i: number) =>
      void engine.execute(sender, 'barrage.send', { text: `message ${i}` });
  measure(2_000, send(small), 3);
  measure(2_000, send(large), 3);
  const baselineNs = measure(2_000, send(small));
  const ns = measure(2_000, send(large));
  rows.push({
    name: 'barrage in a room of 10, server of 10000 sessions',
    ns,
    baseline: 'the same, server of 100',
    baselineNs,
  });
  small.engine.stop();
  large.engine.stop();
}

const only = process.argv[2];
if (only === 'fanout') {
  const { runFanout, runCeiling } = await import('./fanout.js');
  await runFanout();
  await runCeiling();
  process.exit(0);
}
if (only === 'ceiling') {
  await (await import('./fanout.js')).runCeiling();
  process.exit(0);
}

const fmt = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
console.log('| benchmark | per op | baseline | baseline per op | ratio |');
console.log('|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.name} | ${fmt(r.ns)} | ${r.baseline} | ${fmt(r.baselineNs)} | ${(r.ns / r.baselineNs).toFixed(1)}× |`,
  );

if (only !== 'rules') {
  const { runFanout, runCeiling } = await import('./fanout.js');
  await runFanout();
  await runCeiling();
}

// No argument: every benchmark, one after another (several minutes; each prints its own table).
if (only === undefined) {
  (await import('./frames.js')).runFramesBench();
  await runComponentsBench();
  const barrage = './barrage.mjs';
  await ((await import(barrage)) as { runBarrageBench: () => Promise<unknown> }).runBarrageBench();
  const gifts = './gifts.mjs';
  await ((await import(gifts)) as { runGifts: () => Promise<unknown> }).runGifts();
  await (await import('./sfu.js')).runSfuBench();
}
