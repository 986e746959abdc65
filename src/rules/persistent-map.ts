/**
 * An immutable string-keyed map whose updates share structure: a hash array mapped trie (32-way branches on 5 bits
 * of a 32-bit FNV-1a hash per level). Setting or deleting copies one path of at most 7 small nodes instead of the
 * whole map, so filling a room with 10,000 members costs what filling it with 100 does, per join (a null-prototype
 * record copied on every join made that quadratic).
 *
 * Keys are compared with `===` and stored in arrays, never used as property names: an ID such as `__proto__` or
 * `constructor` is an ordinary key here. The map is plain data (objects and arrays), so it survives
 * `structuredClone` and compares with a deep equality; the node layout depends only on the set of keys (and, for
 * keys whose hashes collide, on the order they were added in).
 */

/** Keys whose 32-bit hashes are equal share a leaf. */
interface Leaf<V> {
  readonly hash: number;
  readonly keys: readonly string[];
  readonly values: readonly V[];
}

/** A branch holds the children present for its 5 bits of the hash, in bit order (`bitmap` says which). */
interface Branch<V> {
  readonly bitmap: number;
  readonly children: readonly Node<V>[];
}

type Node<V> = Leaf<V> | Branch<V>;

export interface PersistentMap<V> {
  readonly size: number;
  readonly root: Node<V> | null;
}

const BITS = 5;
const MASK = (1 << BITS) - 1;
/** Below this shift the hash has bits left; at it, equal hashes (the only ones still together) share a leaf. */
const MAX_SHIFT = 30;

// Pure: a bundle that never asks for an empty map (the kit's, which only reads maps) drops it.
const EMPTY: PersistentMap<never> = /* @__PURE__ */ Object.freeze({ size: 0, root: null });

export function emptyMap<V>(): PersistentMap<V> {
  return EMPTY;
}

/** A map of the given entries (a later duplicate key wins). */
export function mapFrom<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
  let map = emptyMap<V>();
  for (const [key, value] of entries) map = mapSet(map, key, value);
  return map;
}

function isLeaf<V>(node: Node<V>): node is Leaf<V> {
  return 'keys' in node;
}

/** FNV-1a over UTF-16 code units: fast, and spreads similar IDs (`u1`, `u2`, …) across branches. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function mapGet<V>(map: PersistentMap<V>, key: string): V | undefined {
  const hash = hashOf(key);
  let node = map.root;
  for (let shift = 0; node; shift += BITS) {
    if (isLeaf(node)) {
      if (node.hash !== hash) return undefined;
      const at = node.keys.indexOf(key);
      return at < 0 ? undefined : node.values[at];
    }
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.children[popcount(node.bitmap & (bit - 1))]!;
  }
  return undefined;
}

export function mapHas<V>(map: PersistentMap<V>, key: string): boolean {
  const hash = hashOf(key);
  let node = map.root;
  for (let shift = 0; node; shift += BITS) {
    if (isLeaf(node)) return node.hash === hash && node.keys.includes(key);
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return false;
    node = node.children[popcount(node.bitmap & (bit - 1))]!;
  }
  return false;
}

/** A map with `key` set to `value`; the same map when it already holds exactly that value. */
export function mapSet<V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> {
  const added = { value: false };
  const root = setIn(map.root, hashOf(key), key, value, 0, added);
  if (root === map.root) return map;
  return { size: map.size + (added.value ? 1 : 0), root };
}

function setIn<V>(
  node: Node<V> | null,
  hash: number,
  key: string,
  value: V,
  shift: number,
  added: { value: boolean },
): Node<V> {
  if (!node) {
    added.value = true;
    return { hash, keys: [key], values: [value] };
  }
  if (isLeaf(node)) {
    if (node.hash === hash) {
      const at = node.keys.indexOf(key);
      if (at >= 0) {
        if (node.values[at] === value) return node;
        const values = node.values.slice();
        values[at] = value;
        return { hash, keys: node.keys, values };
      }
      added.value = true;
      return { hash, keys: [...node.keys, key], values: [...node.values, value] };
    }
    // Two different hashes in one place: a branch that tells them apart (deeper if these 5 bits agree).
    return setIn(branchOf(node, shift), hash, key, value, shift, added);
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  const at = popcount(node.bitmap & (bit - 1));
  const children = node.children.slice();
  if (node.bitmap & bit) {
    const child = setIn(node.children[at]!, hash, key, value, shift + BITS, added);
    if (child === node.children[at]) return node;
    children[at] = child;
    return { bitmap: node.bitmap, children };
  }
  added.value = true;
  children.splice(at, 0, { hash, keys: [key], values: [value] });
  return { bitmap: node.bitmap | bit, children };
}

/** A branch holding just `leaf`, at the level `shift` reads. */
function branchOf<V>(leaf: Leaf<V>, shift: number): Branch<V> {
  if (shift > MAX_SHIFT) throw new Error('persistent map: distinct hashes cannot share all their bits');
  return { bitmap: 1 << ((leaf.hash >>> shift) & MASK), children: [leaf] };
}

/** A map without `key`; the same map when it was not there. */
export function mapDelete<V>(map: PersistentMap<V>, key: string): PersistentMap<V> {
  if (!map.root) return map;
  const root = deleteIn(map.root, hashOf(key), key, 0);
  if (root === map.root) return map;
  return { size: map.size - 1, root: root ?? null };
}

function deleteIn<V>(node: Node<V>, hash: number, key: string, shift: number): Node<V> | undefined {
  if (isLeaf(node)) {
    if (node.hash !== hash) return node;
    const at = node.keys.indexOf(key);
    if (at < 0) return node;
    if (node.keys.length === 1) return undefined;
    return { hash, keys: node.keys.filter((_, i) => i !== at), values: node.values.filter((_, i) => i !== at) };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  if ((node.bitmap & bit) === 0) return node;
  const at = popcount(node.bitmap & (bit - 1));
  const child = deleteIn(node.children[at]!, hash, key, shift + BITS);
  if (child === node.children[at]) return node;
  const children = node.children.slice();
  if (child) children[at] = child;
  else children.splice(at, 1);
  const bitmap = child ? node.bitmap : node.bitmap & ~bit;
  if (children.length === 0) return undefined;
  // A branch left with one leaf is that leaf: the trie stays as shallow as its keys need.
  if (children.length === 1 && isLeaf(children[0]!)) return children[0];
  return { bitmap, children };
}

/**
 * Every value, in the trie's (hash) order. A stack of nodes, not a generator per level: each value would otherwise
 * pass up through every level's `yield*`, three times the cost of a walk over a room of 10,000 members.
 */
export function* mapValues<V>(map: PersistentMap<V>): Generator<V> {
  const stack = map.root ? [map.root] : [];
  for (let node; (node = stack.pop());) {
    if (isLeaf(node)) yield* node.values;
    else for (let i = node.children.length; i-- > 0;) stack.push(node.children[i]!);
  }
}

/** Every key, in the trie's (hash) order. */
export function mapKeys<V>(map: PersistentMap<V>): string[] {
  const keys: string[] = [];
  const walk = (node: Node<V>) => {
    if (isLeaf(node)) keys.push(...node.keys);
    else node.children.forEach(walk);
  };
  if (map.root) walk(map.root);
  return keys;
}

/** One key whose value differs between two maps: absent (undefined) before, after, or changed. */
export interface MapChange<V> {
  readonly key: string;
  readonly before: V | undefined;
  readonly after: V | undefined;
}

/**
 * What changed from `before` to `after`, walking only the parts the two do not share: for a map derived from the
 * other by a few sets and deletes this costs a few paths, not the whole map (a room's webhooks diff the members
 * on every change).
 */
export function mapDiff<V>(before: PersistentMap<V>, after: PersistentMap<V>): MapChange<V>[] {
  const changes: MapChange<V>[] = [];
  diffIn(before.root, after.root, 0, changes);
  return changes;
}

function diffIn<V>(a: Node<V> | null, b: Node<V> | null, shift: number, changes: MapChange<V>[]): void {
  if (a === b) return;
  if (a && b && !isLeaf(a) && !isLeaf(b)) {
    const bits = a.bitmap | b.bitmap;
    for (let rest = bits; rest !== 0; rest &= rest - 1) {
      const bit = rest & -rest;
      const childA = a.bitmap & bit ? a.children[popcount(a.bitmap & (bit - 1))]! : null;
      const childB = b.bitmap & bit ? b.children[popcount(b.bitmap & (bit - 1))]! : null;
      diffIn(childA, childB, shift + BITS, changes);
    }
    return;
  }
  // A leaf against anything: small by construction (one hash's keys on one side), so compare entry by entry.
  const left = new Map(a ? entriesIn(a) : []);
  const right = new Map(b ? entriesIn(b) : []);
  for (const [key, value] of left) {
    const other = right.get(key);
    if (!right.has(key)) changes.push({ key, before: value, after: undefined });
    else if (other !== value) changes.push({ key, before: value, after: other });
  }
  for (const [key, value] of right) if (!left.has(key)) changes.push({ key, before: undefined, after: value });
}

function entriesIn<V>(node: Node<V>): [string, V][] {
  if (isLeaf(node)) return node.keys.map((key, i) => [key, node.values[i]!]);
  return node.children.flatMap((child) => entriesIn(child));
}
