// The persistent map with keys whose hashes collide: member IDs are chosen by the app's users, so two IDs with the
// same 32-bit hash (or the same first 30 bits: the deepest branch) will meet in a big room. Found by brute force
// here, with the map's own FNV-1a, and checked to really share a leaf before anything relies on it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type PersistentMap,
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

/** The map's hash (src/rules/persistent-map.ts): FNV-1a over UTF-16 code units. */
function fnv1a(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `pairs` pairs of distinct `prefix<n>` keys whose hashes agree on the bits `mask` keeps. */
function collisions(prefix: string, mask: number, pairs: number): [string, string][] {
  const first = new Map<number, string>();
  const found: [string, string][] = [];
  for (let i = 0; found.length < pairs; i += 1) {
    const key = `${prefix}${i}`;
    const bits = (fnv1a(key) & mask) >>> 0;
    const other = first.get(bits);
    if (other === undefined) first.set(bits, key);
    else if (mask === 0xffffffff || fnv1a(other) !== fnv1a(key)) found.push([other, key]);
  }
  return found;
}

const same = collisions('u', 0xffffffff, 6);
// Equal in bits 0-29, different in 30-31: apart only at the last level (shift 30).
const deep = collisions('p', 0x3fffffff, 6);
const PROPERTY_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'keys', 'values', 'hash', ''];

/** A small deterministic PRNG (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sorted = <V>(changes: { key: string; before: V; after: V }[]) =>
  changes.map((c) => JSON.stringify([c.key, c.before, c.after])).sort();

describe('persistent map: colliding hashes', () => {
  it('the brute-forced keys collide: a full collision shares one leaf, a 30-bit one splits at the last level', () => {
    for (const [a, b] of same) {
      const root = mapFrom([
        [a, 1],
        [b, 2],
      ]).root as unknown as { keys: string[] };
      assert.deepEqual(root.keys, [a, b], `${a} and ${b} share the root leaf`);
    }
    for (const [a, b] of deep) {
      let node = mapFrom([
        [a, 1],
        [b, 2],
      ]).root as unknown as { children?: unknown[] };
      let depth = 0;
      while (node.children?.length === 1) [node, depth] = [node.children[0] as typeof node, depth + 1];
      assert.equal(depth, 6, `${a} and ${b} part at shift 30`);
      assert.equal(node.children?.length, 2);
    }
  });

  it('agrees with a Map over random sets and deletes of colliding keys, down to empty and back', () => {
    const keys = [...same.flat(), ...deep.flat(), ...PROPERTY_NAMES, 'u1', 'u2', 'u3'];
    const random = rng(3);
    let map = emptyMap<number>();
    const model = new Map<string, number>();
    const versions: { map: PersistentMap<number>; model: Map<string, number> }[] = [];
    let emptied = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const key = keys[Math.floor(random() * keys.length)]!;
      // Deletes outweigh sets in stretches, so the map keeps going down to empty and filling again.
      const deleting = random() < (Math.floor(i / 500) % 2 === 0 ? 0.3 : 0.8);
      if (deleting) {
        map = mapDelete(map, key);
        model.delete(key);
      } else {
        const value = Math.floor(random() * 4);
        map = mapSet(map, key, value);
        model.set(key, value);
      }
      assert.equal(map.size, model.size, `size after op ${i}`);
      if (model.size === 0) {
        emptied += 1;
        assert.equal(map.root, null, 'an emptied map holds no node');
      }
      for (const k of keys) {
        assert.equal(mapGet(map, k), model.get(k), `${k} after op ${i}`);
        assert.equal(mapHas(map, k), model.has(k));
      }
      if (i % 100 === 0) versions.push({ map, model: new Map(model) });
    }
    assert.ok(emptied > 5, `emptied ${emptied} times`);
    assert.deepEqual(mapKeys(map).sort(), [...model.keys()].sort());
    assert.deepEqual([...mapValues(map)].length, model.size);

    // The diff of any two versions, near or far apart (one derived from the other or not), and after a JSON trip
    // that shares nothing, is exactly what a Map says changed.
    for (let t = 0; t < 400; t += 1) {
      const a = versions[Math.floor(random() * versions.length)]!;
      const b = versions[Math.floor(random() * versions.length)]!;
      const expected = [...new Set([...a.model.keys(), ...b.model.keys()])]
        .filter((k) => a.model.get(k) !== b.model.get(k))
        .map((key) => ({ key, before: a.model.get(key), after: b.model.get(key) }));
      assert.deepEqual(sorted(mapDiff(a.map, b.map)), sorted(expected));
      const copy = JSON.parse(JSON.stringify(a.map)) as PersistentMap<number>;
      assert.deepEqual(sorted(mapDiff(copy, b.map)), sorted(expected));
    }
  });

  it('a set that changes nothing in a shared leaf returns the same map; a delete there leaves the other key', () => {
    const [a, b] = same[0]!;
    const map = mapFrom([
      [a, 1],
      [b, 2],
      ['u1', 3],
    ]);
    assert.equal(mapSet(map, b, 2), map);
    assert.equal(mapDelete(map, `${a}x`), map);
    const without = mapDelete(map, a);
    assert.equal(without.size, 2);
    assert.equal(mapGet(without, b), 2);
    assert.equal(mapHas(without, a), false);
    assert.deepEqual(mapDiff(map, without), [{ key: a, before: 1, after: undefined }]);
  });
});
