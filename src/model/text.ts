/**
 * Half a surrogate pair: a high one not followed by a low one, or a low one not after a high one. JSON can spell
 * one (`"\ud800"`), but it is no text: SQLite stores it as bytes that read back as three U+FFFD, so whatever the
 * server kept with one (a name, a metadata key) would not be what it reads back, and not the same after a
 * restart. The server refuses it in every string it is sent (REST bodies, WebSocket frames); whole pairs (emoji)
 * are of course fine.
 */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where in a parsed JSON value the first string with a lone surrogate is (`args: text`, `items: 0`), '' for the
 * value itself, or null when there is none.
 */
export function loneSurrogateAt(value: unknown): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? '' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const at = loneSurrogateAt(item);
    if (at !== null) return at ? `${key}: ${at}` : key;
  }
  return null;
}
