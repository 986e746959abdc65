// Keys that are JavaScript property names, for tests of every place a key from outside (a file, a frame, a body, an
// ID) meets an object. On a plain object `obj['__proto__'] = v` replaces its prototype instead of storing v, and
// `obj[k]` / `k in obj` find Object.prototype's member for the others where nothing was stored. `prototype` is not
// one of Object.prototype's names but is a function's: it stays in the list as the control that was always fine.
// No Node or DOM imports: Node and browser tests share it.

/** The keys every input path is tested with. */
export const PROPERTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
] as const;

/** Other Object.prototype names, for "a key that names nothing here" (none of them in PROPERTY_KEYS). */
export const ABSENT_PROPERTY_KEYS = ['isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__lookupGetter__'];
