// The schema-driven frame check (src/backends/local/protocol-check.ts) against the hand-written one it replaced
// (kept in bench/protocol-check-baseline.ts): for valid frames and for every kind of damage to them, both accept
// the same frames with the same result and refuse the same frames with the same request ID, code and message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { VALID_FRAMES } from '../../../bench/frames.js';
import * as baseline from '../../../bench/protocol-check-baseline.js';
import { parseClientFrame } from '../../../src/backends/local/protocol-check.js';
import { FrameError } from '../../../src/backends/local/protocol.js';
import { ErrorCode } from '../../../src/model/errors.js';

type Outcome = { ok: true; frame: unknown } | { ok: false; id: string | null; code: number; message: string };

function outcome(parse: (raw: string) => unknown, raw: string): Outcome {
  try {
    return { ok: true, frame: parse(raw) };
  } catch (error) {
    assert.ok(error instanceof FrameError, `a FrameError for ${raw}: ${String(error)}`);
    return { ok: false, id: error.requestId, code: error.error.code, message: error.error.message };
  }
}

const same = (raw: string) =>
  assert.deepEqual(outcome(parseClientFrame, raw), outcome(baseline.parseClientFrame, raw), raw);

/** Every JSON value kind, at sizes around the protocol's limits (ASCII: see the note on code points below). */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1, 19, 20, 100, 1.5, -1000, 1e9, 'free', 'swap', '', 'x'),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.string({ maxLength: 3 }),
  fc.nat({ max: 2100 }).map((n) => 'a'.repeat(n)),
  fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.integer()), { maxLength: 25 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 3 }),
);
const fieldName = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), 't', 'id', 'type', 'args', 'op', 'index', 'text'),
);

type Damage = (frame: Record<string, unknown>) => void;
/** Which object to damage: the frame itself, its args, or one nested object of its args. */
function target(frame: Record<string, unknown>, depth: number): Record<string, unknown> {
  let at = frame;
  for (let i = 0; i < depth; i++) {
    const inner = Object.values(at['args'] && i === 0 ? { a: at['args'] } : at).find(
      (v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v),
    );
    if (!inner) break;
    at = inner;
  }
  return at;
}
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.tuple(fc.nat(2), fieldName, jsonValue).map(
    ([depth, key, value]): Damage =>
      (f) =>
        Object.defineProperty(target(f, depth), key, { value, enumerable: true, configurable: true, writable: true }),
  ),
  fc.tuple(fc.nat(2), fc.nat(10), jsonValue).map(([depth, n, value]): Damage => (f) => {
    const at = target(f, depth);
    const keys = Object.keys(at);
    if (keys.length) at[keys[n % keys.length]!] = value;
  }),
  fc.tuple(fc.nat(2), fc.nat(10)).map(([depth, n]): Damage => (f) => {
    const at = target(f, depth);
    const keys = Object.keys(at);
    if (keys.length) delete at[keys[n % keys.length]!];
  }),
);

describe('the schema-driven frame check', () => {
  it('accepts every valid frame as the hand-written check did', () => {
    for (const frame of VALID_FRAMES) {
      const raw = JSON.stringify(frame);
      assert.equal(outcome(parseClientFrame, raw).ok, true, raw);
      same(raw);
    }
    same('{"t":"cmd","id":"x","type":"room.leave"}');
    same('{"t":"cmd","id":"x","type":"room.leave","args":null}');
  });

  it('answers damaged frames exactly as the hand-written check did (accepted, or the same id, code and message)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_FRAMES), fc.array(damage, { minLength: 1, maxLength: 3 }), (frame, hits) => {
        const copy = JSON.parse(JSON.stringify(frame)) as Record<string, unknown>;
        for (const hit of hits) hit(copy);
        same(JSON.stringify(copy));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers malformed and oversize frames as before', () => {
    for (const raw of [
      '',
      'nope',
      'null',
      '[]',
      '"x"',
      '{}',
      '{"t":"cmd"}',
      '{"t":"cmd","id":""}',
      `{"t":"cmd","id":"${'x'.repeat(65)}","type":"room.leave"}`,
      '{"t":"cmd","id":"x","type":"nope"}',
      '{"t":"cmd","id":"x","type":"__proto__"}',
      '{"t":"cmd","id":"x","type":"room.leave","args":[]}',
      '{"t":"cmd","id":"x","type":"room.leave","args":"x"}',
      '{"t":"zzz","id":"x"}',
      '{"t":"rtc","id":"x","op":"dance"}',
      '{"t":"rtc","id":"x","op":"toString"}',
      '{"t":"rtc","op":"offer"}',
      '{"t":"rtc","id":"x","op":"answer"}',
      '{"t":"hello","id":"x"}',
      JSON.stringify({ t: 'cmd', id: '1', type: 'room.leave', args: {}, pad: 'x'.repeat(20_000) }),
      JSON.stringify({ t: 'rtc', id: '1', op: 'answer', sdp: 'v=0\r\n' + 'a=x\r\n'.repeat(5_000) }),
      JSON.stringify({ t: 'rtc', id: '1', op: 'answer', sdp: 'x'.repeat(70_000) }),
      JSON.stringify({ t: 'rtc', id: '1', op: 'candidate', candidate: { candidate: 5 } }),
    ])
      same(raw);
  });
});

describe('half a surrogate pair in a frame', () => {
  type Path = readonly (string | number)[];
  /** Paths of every string in a frame, except the frame's own kind (t, id, type, op). */
  function stringPaths(value: unknown, at: Path = []): Path[] {
    if (typeof value === 'string')
      return at.length === 1 && ['t', 'id', 'type', 'op'].includes(String(at[0])) ? [] : [at];
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, Array.isArray(value) ? Number(k) : k]));
  }
  function withValue(frame: Record<string, unknown>, path: Path, value: string): string {
    const copy = structuredClone(frame);
    let at = copy as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    at[path[path.length - 1]!] = value;
    return JSON.stringify(copy);
  }

  it('is refused in every free-text field of every valid frame, naming it; whole pairs pass there', () => {
    let fields = 0;
    for (const frame of VALID_FRAMES) {
      for (const path of stringPaths(frame)) {
        // Free text only: a field that takes any short ASCII string (not an enum such as seatMode).
        if (!outcome(parseClientFrame, withValue(frame, path, 'zz')).ok) continue;
        fields += 1;
        const inArgs = frame['t'] === 'cmd' ? path.slice(1) : path;
        const where =
          frame['t'] === 'cmd' ? String(frame['type']) : frame['t'] === 'rtc' ? `rtc ${String(frame['op'])}` : 'hello';
        for (const bad of ['\ud800', 'a\udfff', '\udc00\ud800', 'zz\ud83d']) {
          const raw = withValue(frame, path, bad);
          assert.deepEqual(
            outcome(parseClientFrame, raw),
            {
              ok: false,
              id: frame['id'],
              code: ErrorCode.INVALID_PARAMETER,
              message: `${where}: ${inArgs.join(': ')}: must be Unicode text (it has a lone surrogate)`,
            },
            raw,
          );
        }
        assert.equal(outcome(parseClientFrame, withValue(frame, path, 'z😀')).ok, true, `${where} ${path.join('.')}`);
      }
    }
    assert.ok(fields >= 30, `every free-text field is tried (${fields})`);
  });
});
