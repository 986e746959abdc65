/**
 * `npm run bench frames`: the server's check of every client frame (src/backends/local/protocol-check.ts, TypeBox's
 * compiled validator over the schemas of protocol-schema.ts) against the hand-written check it replaced
 * (bench/protocol-check-baseline.ts), in the same process, on the same frames. Each frame goes through the whole
 * `parseClientFrame` as the gateway calls it (JSON.parse included). Rounds alternate old and new so that the
 * machine's load falls on both alike; the figure is the median round. Results and method: BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks';
import { Value } from 'typebox/value';
import { COMMAND_TYPES, type CommandType } from '../src/model/commands.js';
import { parseClientFrame } from '../src/backends/local/protocol-check.js';
import { commandFrameSchema } from '../src/backends/local/protocol-schema.js';
import { parseClientFrame as baselineParse } from './protocol-check-baseline.js';

/** One valid argument object per command, every field present (optional ones too). */
export const SAMPLE_ARGS: { readonly [T in CommandType]: Record<string, unknown> } = {
  'room.start': {
    roomId: 'r1',
    options: {
      roomName: 'n',
      coverUrl: '',
      notice: '',
      seatCount: 10,
      seatMode: 'apply',
      isPublicVisible: true,
      isMessageDisabled: false,
      keepOwnerOnSeat: true,
    },
  },
  'room.join': { roomId: 'r1' },
  'room.leave': {},
  'room.end': {},
  'room.snapshot': {},
  'room.update': {
    patch: { name: 'n', coverUrl: '', notice: '', seatMode: 'free', isMessageDisabled: false, isPublicVisible: true },
  },
  'room.list': { cursor: '', count: 20 },
  'seat.take': { index: 3, timeoutSec: 60 },
  'seat.leave': {},
  'seat.move': { index: 2, policy: 'swap' },
  'seat.kick': { userId: 'u1' },
  'seat.lock': { index: 1, locked: true },
  'seat.lockAudio': { index: 1, locked: false },
  'seat.selfMute': { muted: true },
  'request.invite': { userId: 'u1', index: null, timeoutSec: 0 },
  'request.respond': { requestId: 'q1', accept: true },
  'request.cancel': { requestId: 'q1' },
  'request.respondAll': { accept: false },
  'barrage.send': { text: 'hi' },
  'like.send': { count: 5 },
  'gift.catalog': {},
  'gift.send': { giftId: 'rose', count: 1, receiverId: 'u2' },
  'wallet.get': {},
  'follow.set': { userId: 'u1', follow: true },
  'follow.get': { userId: 'u1' },
  'profile.get': { userId: 'u1' },
  'member.mute': { userId: 'u1', seconds: 60 },
  'member.kick': { userId: 'u1' },
  'member.ban': { userIds: ['u1', 'u2'], seconds: 60 },
  'member.unban': { userIds: ['u1'] },
  'admin.set': { userId: 'u1', admin: true },
  'audience.list': { cursor: '', keyword: 'a', count: 100 },
};

/** Every command once, then hello and each rtc op: valid frames, as sent. */
export const VALID_FRAMES: readonly Record<string, unknown>[] = [
  ...COMMAND_TYPES.map((type, i) => ({ t: 'cmd', id: `c${i}`, type, args: SAMPLE_ARGS[type] })),
  { t: 'hello', id: 'h', userName: 'Ann', avatarUrl: '' },
  { t: 'rtc', id: 'r', op: 'offer' },
  { t: 'rtc', id: 'r', op: 'answer', sdp: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0' },
  { t: 'rtc', id: 'r', op: 'candidate', candidate: { candidate: 'c', sdpMid: '0', sdpMLineIndex: 0 } },
  { t: 'rtc', id: 'r', op: 'candidate', candidate: null },
  { t: 'rtc', id: 'r', op: 'close' },
];

/** What a busy room sends most: barrage, likes and gifts (a realistic mix for the hot path). */
const BUSY: readonly string[] = [
  ...Array.from({ length: 6 }, (_, i) =>
    JSON.stringify({ t: 'cmd', id: `b${i}`, type: 'barrage.send', args: { text: `hello everyone ${i} 👋` } }),
  ),
  JSON.stringify({ t: 'cmd', id: 'l', type: 'like.send', args: { count: 3 } }),
  JSON.stringify({ t: 'cmd', id: 'g', type: 'gift.send', args: { giftId: 'rose', count: 1, receiverId: 'u2' } }),
];

/** Refused frames: the cold path (wrong types, unknown and prototype-named fields, out of range). */
const REFUSED: readonly string[] = [
  '{"t":"cmd","id":"x","type":"seat.take","args":{"index":"3"}}',
  '{"t":"cmd","id":"x","type":"seat.take","args":{"index":1,"__proto__":1}}',
  '{"t":"cmd","id":"x","type":"room.update","args":{"patch":{"name":"n","constructor":1}}}',
  '{"t":"cmd","id":"x","type":"like.send","args":{"count":1000}}',
  '{"t":"hello","id":"x","userName":5,"avatarUrl":""}',
  '{"t":"rtc","id":"x","op":"answer"}',
];

interface Row {
  readonly name: string;
  readonly ns: number;
  readonly baselineNs: number;
}

/** Median ns per frame of `rounds` alternating rounds of `a` and `b` over `frames`. */
function race(
  frames: readonly string[],
  a: (raw: string) => unknown,
  b: (raw: string) => unknown,
  rounds = 15,
): [number, number] {
  const per = Math.ceil(20_000 / frames.length);
  const round = (parse: (raw: string) => unknown) => {
    const start = performance.now();
    for (let i = 0; i < per; i++)
      for (const raw of frames) {
        try {
          parse(raw);
        } catch {
          // refused frames are part of the workload
        }
      }
    return ((performance.now() - start) * 1e6) / (per * frames.length);
  };
  // Warm-up: both JIT-compiled before anything is timed.
  for (let i = 0; i < 3; i++) {
    round(a);
    round(b);
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate which one goes first, so a burst of load falls on both alike.
    if (i % 2) {
      sa.push(round(a));
      sb.push(round(b));
    } else {
      sb.push(round(b));
      sa.push(round(a));
    }
  }
  const median = (s: number[]) => s.sort((x, y) => x - y)[Math.floor(s.length / 2)]!;
  return [median(sa), median(sb)];
}

export function measureFrames(): Row[] {
  const rows: Row[] = [];
  const valid = VALID_FRAMES.map((f) => JSON.stringify(f));
  for (const [name, frames] of [
    ['every frame kind once (38 valid frames)', valid],
    ['a busy room (barrage, likes, gifts)', BUSY],
    ['refused frames (explained from the schema)', REFUSED],
  ] as const) {
    const [ns, baselineNs] = race(frames, parseClientFrame, baselineParse);
    rows.push({ name: `parseClientFrame: ${name}`, ns, baselineNs });
  }
  // What a page under a CSP without 'unsafe-eval' would pay: TypeBox's interpreter (Value.Check) against the
  // compiled check, on already parsed command frames. The kit's browser code does not validate frames at all.
  const parsed = COMMAND_TYPES.map((type) => ({ type, frame: JSON.parse(valid[COMMAND_TYPES.indexOf(type)]!) }));
  const schemas = Object.fromEntries(COMMAND_TYPES.map((t) => [t, commandFrameSchema(t)]));
  const interpreted = (raw: string) => {
    const { type, frame } = parsed[Number(raw)]!;
    return Value.Check(schemas[type]!, frame);
  };
  const compiled = (raw: string) => parseClientFrame(valid[Number(raw)]!);
  const indices = parsed.map((_, i) => String(i));
  const [ns, baselineNs] = race(indices, interpreted, compiled);
  rows.push({ name: 'Value.Check without eval (no JSON.parse) vs compiled parseClientFrame', ns, baselineNs });
  return rows;
}

export function runFramesBench(): void {
  const fmt = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
  console.log('| frames | schema (TypeBox compiled) | hand-written | ratio |');
  console.log('|---|---|---|---|');
  for (const r of measureFrames())
    console.log(`| ${r.name} | ${fmt(r.ns)} | ${fmt(r.baselineNs)} | ${(r.ns / r.baselineNs).toFixed(2)}× |`);
}
