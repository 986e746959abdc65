import { hueOf } from '../base/identity.js';
import { getLocale, msg } from '../i18n/locale.js';
import type { FeedEntry, FeedMessage, FeedNotice } from './feed.js';

/** Builds a notice's `<li>` (the list sets its id and part): the log's part (notices.ts), or words alone if it could not be fetched. */
export type NoticeBuilder = (doc: Document, notice: FeedNotice) => HTMLLIElement;

/** Entries closer together than this are a busy room: they appear without the slide-in. */
const CALM_MS = 250;

/**
 * The barrage's `<li>` entries, kept by hand rather than with lit's `repeat`: entries are the bulk of the DOM (up to
 * `max` of them, replaced at hundreds per second in a busy room), and lit-html 3.3.1+ leaves one comment marker
 * behind for every item `repeat` removes (lit/lit#5298), which grows the DOM without bound under exactly this churn.
 * The feed only ever drops from the head and appends at the tail, so syncing is: remove what left, append what is
 * new (and a notice that waited for its chunk goes in before the first entry after it). Text goes in through
 * `textContent` only, never as HTML.
 */
export class EntryList {
  /** The <li> of every entry on screen, by entry id. */
  readonly #nodes = new Map<string, HTMLLIElement>();
  /** The list was drawn with notices in words alone (their chunk had failed to come), to draw again in full. */
  plain = false;
  #nodesLocale = '';
  #lastAppend = -Infinity;

  /**
   * Makes `list` show `entries` (oldest first). Notices are drawn by `notice`; while it is undefined (their chunk is
   * on its way) they are left out, the messages around them are not held back, and a later sync puts each notice
   * in its place; after `plainNotice` drew them (the chunk failed), the first sync with the chunk's builder draws
   * the list again. Returns whether a notice was left out.
   */
  sync(list: HTMLUListElement, entries: readonly FeedEntry[], notice: NoticeBuilder | undefined): boolean {
    const locale = getLocale();
    if (locale !== this.#nodesLocale || (this.plain && notice && notice !== plainNotice)) {
      // Notices and badges are words: a locale switch rebuilds them. So does the log's part arriving after notices
      // were drawn in words alone: they take their full form (once; the barrage keeps a reader's place). Nothing
      // rebuilt slides in: it is not new.
      this.#nodesLocale = locale;
      for (const node of this.#nodes.values()) node.remove();
      this.#nodes.clear();
      this.plain = false;
      this.#lastAppend = performance.now();
    }
    const keep = new Set<string>();
    for (const entry of entries) keep.add(entry.id);
    for (const [id, node] of this.#nodes) {
      if (!keep.has(id)) {
        node.remove();
        this.#nodes.delete(id);
      }
    }
    const doc = list.ownerDocument;
    let fragment: DocumentFragment | null = null;
    let missing = false;
    // Entries slide in when the room is calm; in a busy room (entries less than CALM_MS apart) they just appear,
    // which spares the compositor an animation per message at hundreds per second.
    const now = performance.now();
    const still = now - this.#lastAppend < CALM_MS;
    for (const entry of entries) {
      const shown = this.#nodes.get(entry.id);
      if (shown) {
        // New entries older than this one (a notice whose chunk just arrived) go before it.
        if (fragment) shown.before(fragment);
        fragment = null;
        continue;
      }
      const node = entry.kind === 'message' ? messageNode(doc, entry) : notice?.(doc, entry);
      if (!node) {
        missing = true;
        continue;
      }
      if (notice === plainNotice) this.plain = true;
      // Every entry's id (for place keeping) and its part (`message` or `notice`, as its kind), set once here.
      node.dataset['id'] = entry.id;
      node.setAttribute('part', entry.kind);
      if (still) node.classList.add('still');
      this.#lastAppend = now;
      this.#nodes.set(entry.id, node);
      (fragment ??= doc.createDocumentFragment()).append(node);
    }
    if (fragment) list.append(fragment);
    return missing;
  }
}

export function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
  part?: string,
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  if (part) el.setAttribute('part', part);
  return el;
}

function messageNode(doc: Document, e: FeedMessage): HTMLLIElement {
  const { message } = e;
  const role = message.role;
  const li = element(doc, 'li', e.mine ? 'entry message mine' : 'entry message');
  li.dataset['role'] = role;
  const bubble = element(doc, 'span', 'bubble');
  if (role === 'owner' || role === 'admin') {
    bubble.append(element(doc, 'span', `badge ${role}`, msg(`seat.role.${role}`), 'badge'));
  }
  // Names and messages are user text: each in its own bidi isolate, so neither an RTL name nor a stray control
  // character can reorder the badge, the name or the message around it.
  const name = element(doc, 'bdi', 'name', message.sender.userName, 'name');
  name.style.setProperty('--_hue', String(hueOf(message.sender.userId)));
  bubble.append(name, element(doc, 'bdi', 'text', message.text, 'text'));
  li.append(bubble);
  return li;
}

/** A notice in words alone, for when the notices' chunk could not be fetched: nothing that happened goes unsaid. */
export const plainNotice: NoticeBuilder = (doc, e) =>
  element(doc, 'li', `entry notice ${e.notice}`, msg(e.key, e.params));
