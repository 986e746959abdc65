// The persistent map behind a room's members: a model check against Map over random operations (keys that are
// property names included), structural sharing, and the diff the webhooks read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  emptyMap,
  mapDelete,
  mapDiff,
  mapFrom,
  mapGet,
  mapHas,
  mapKeys,
  mapSet,
  mapValues,
} from '../../../src/rules/persistent-map.js';

/** A small deterministic PRNG (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROPERTY_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'size', 'root', ''];

describe('persistent map', () => {
  it('agrees with a Map over 20,000 random sets and deletes, property names included, and never changes an older version', () => {
    const random = rng(7);
    const keyOf = () =>
      random() < 0.05
        ? PROPERTY_NAMES[Math.floor(random() * PROPERTY_NAMES.length)]!
        : `u${Math.floor(random() * 3_000)}`;
    let map = emptyMap<number>();
    const model = new Map<string, number>();
    const versions: { map: typeof map; model: Map<string, number> }[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const key = keyOf();
      if (random() < 0.3) {
        map = mapDelete(map, key);
        model.delete(key);
      } else {
        map = mapSet(map, key, i);
        model.set(key, i);
      }
      if (i % 2_000 === 0) versions.push({ map, model: new Map(model) });
      assert.equal(map.size, model.size, `size after op ${i}`);
    }
    for (const [key, value] of model) assert.equal(mapGet(map, key), value, key);
    assert.deepEqual(mapKeys(map).sort(), [...model.keys()].sort());
    assert.deepEqual(
      [...mapValues(map)].sort((a, b) => a - b),
      [...model.values()].sort((a, b) => a - b),
    );
    for (const name of PROPERTY_NAMES) assert.equal(mapHas(map, name), model.has(name), name);
    assert.equal(mapGet(map, 'nobody'), undefined);
    // Every older version still reads as it did.
    for (const v of versions) {
      assert.equal(v.map.size, v.model.size);
      for (const [key, value] of v.model) assert.equal(mapGet(v.map, key), value);
    }
  });

  it('shares structure: a set or delete that changes nothing returns the same map; one change copies one path', () => {
    const big = mapFrom(Array.from({ length: 10_000 }, (_, i) => [`u${i}`, { n: i }] as const));
    assert.equal(big.size, 10_000);
    const same = mapGet(big, 'u5')!;
    assert.equal(mapSet(big, 'u5', same), big);
    assert.equal(mapDelete(big, 'absent'), big);
    const next = mapSet(big, 'new', { n: -1 });
    // The root's children other than the changed one are the very same objects.
    const before = big.root as unknown as { children: object[] };
    const after = next.root as unknown as { children: object[] };
    const shared = after.children.filter((child) => before.children.includes(child)).length;
    assert.ok(shared >= after.children.length - 2, `${shared} of ${after.children.length} children shared`);
  });

  it('diffs two versions by what they do not share', () => {
    const random = rng(11);
    let a = mapFrom(Array.from({ length: 5_000 }, (_, i) => [`u${i}`, i] as const));
    a = mapSet(a, '__proto__', 1);
    let b = a;
    const expected = new Map<string, { before: number | undefined; after: number | undefined }>();
    for (let i = 0; i < 40; i += 1) {
      const key = random() < 0.1 ? '__proto__' : `u${Math.floor(random() * 6_000)}`;
      const was = mapGet(a, key);
      if (random() < 0.4) b = mapDelete(b, key);
      else b = mapSet(b, key, 10_000 + i);
      const now = mapGet(b, key);
      if (was === now) expected.delete(key);
      else expected.set(key, { before: was, after: now });
    }
    const diff = new Map(mapDiff(a, b).map((c) => [c.key, { before: c.before, after: c.after }]));
    assert.deepEqual(diff, expected);
    assert.deepEqual(mapDiff(b, b), []);
    assert.deepEqual(mapDiff(emptyMap<number>(), mapFrom([['x', 1]])), [{ key: 'x', before: undefined, after: 1 }]);
  });

  it('is plain data: structuredClone and JSON keep what it holds', () => {
    const map = mapFrom([
      ['__proto__', 1],
      ['constructor', 2],
      ['u1', 3],
    ]);
    const clone = structuredClone(map);
    const parsed = JSON.parse(JSON.stringify(map)) as typeof map;
    for (const copy of [clone, parsed]) {
      assert.equal(mapGet(copy, '__proto__'), 1);
      assert.equal(mapGet(copy, 'constructor'), 2);
      assert.equal(mapGet(copy, 'u1'), 3);
      assert.equal(copy.size, 3);
    }
  });
});
