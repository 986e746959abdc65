/**
 * Display names (user names, room names) as every other client will see them. Bidi controls are removed: an
 * override or embedding (U+202A–U+202E), an isolate (U+2066–U+2069) or a directional mark (U+200E, U+200F,
 * U+061C) lets a name pose as another ("\u202Enimda" shows as "admin") and, unterminated, reorders the text
 * that follows it. Names are short labels that never need them: the browser's own bidi algorithm orders Arabic
 * or Hebrew names correctly, and the components render every name isolated as well. C0/C1 control characters
 * go too (they only ever break layouts), and the result is trimmed.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NAME_STRIPPED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanName(name: string): string {
  const clean = name.replace(NAME_STRIPPED, '').trim();
  // Nothing visible (white space and default-ignorable characters only: zero-width space, word joiner, BOM, soft
  // hyphen, Hangul fillers…) shows as blank, so it is blank. Inside a name that shows something they stay: emoji
  // need the zero-width joiner and variation selectors, Persian the zero-width non-joiner.
  return /^[\s\p{DI}]*$/u.test(clean) ? '' : clean;
}
