/**
 * Records keyed by IDs that users choose (user, room, gift and request IDs). Such an ID may be any name
 * Object.prototype has (`constructor`, `__proto__`, `valueOf`, …), so on an ordinary object `record[id]` finds
 * the prototype's function, `id in record` is true for a stranger, and `record['__proto__'] = v` replaces the
 * prototype instead of storing anything. Every such record is therefore a null-prototype object, and every
 * read is an own-property check. Note that `{ ...record }`, `structuredClone` and `JSON.parse` all hand back
 * ordinary objects again: copy with `recordOf` and read with `entry`/`hasEntry`, whatever the record's origin.
 *
 * The helpers never mutate their input; `withEntry`/`withoutEntry` return fresh null-prototype copies, so the
 * pure rules stay pure.
 */

export type IdRecord<V> = Readonly<Record<string, V>>;

/** A fresh, empty null-prototype record. */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** A null-prototype copy of a record (own enumerable keys only) or of [key, value] pairs. */
export function recordOf<V>(source?: IdRecord<V> | Iterable<readonly [string, V]> | null): Record<string, V> {
  if (source === undefined || source === null) return emptyRecord();
  if (!(Symbol.iterator in source)) return copyOf(source as IdRecord<V>);
  const copy = emptyRecord<V>();
  for (const [key, value] of source as Iterable<readonly [string, V]>) copy[key] = value;
  return copy;
}

/**
 * A null-prototype copy of a record's own enumerable keys. Assigning to a null-prototype object always defines an
 * own property, `__proto__` included. (Apart from `recordOf`, so the helpers that change one key carry no code for
 * pairs.)
 */
function copyOf<V>(record: IdRecord<V>): Record<string, V> {
  return Object.assign(emptyRecord<V>(), record);
}

/** Whether the record holds `key` itself (never something inherited). Works on ordinary objects too. */
export function hasEntry(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** The value stored under `key`, or undefined; never an inherited property. */
export function entry<V>(record: IdRecord<V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A null-prototype copy with `key` set to `value`. */
export function withEntry<V>(record: IdRecord<V>, key: string, value: V): IdRecord<V> {
  const copy = copyOf(record);
  copy[key] = value;
  return copy;
}

/** A null-prototype copy without `keys` (the same object when none of them is there, so no-ops stay no-ops). */
export function withoutEntry<V>(record: IdRecord<V>, ...keys: readonly string[]): IdRecord<V> {
  if (!keys.some((key) => Object.hasOwn(record, key))) return record;
  const copy = copyOf(record);
  for (const key of keys) delete copy[key];
  return copy;
}
