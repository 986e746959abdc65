import { hueOf } from '../base/identity.js';
import { getLocale, msg, msgParts } from '../i18n/locale.js';
import type { FeedEntry, FeedMessage, FeedNotice } from './feed.js';

/** Entries closer together than this are a busy room: they appear without the slide-in. */
const CALM_MS = 250;
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Path data of the notice icons (the 24×24 stroke family of the room's icons): a door for arrivals, a mic, a gift. */
const NOTICE_ICONS: Readonly<Record<FeedNotice['notice'], readonly string[]>> = {
  joined: ['M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4', 'M10 8l4 4-4 4M14 12H4'],
  seat: ['M9 3.5a3 3 0 0 1 6 0V11a3 3 0 0 1-6 0z', 'M5 11a7 7 0 0 0 14 0M12 18v3'],
  gift: [
    'M4.5 8h15a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z',
    'M5 12v7.5a1.5 1.5 0 0 0 1.5 1.5h11a1.5 1.5 0 0 0 1.5-1.5V12M12 8v13',
    'M12 8S10.5 3.5 8 3.5a2.25 2.25 0 0 0 0 4.5M12 8s1.5-4.5 4-4.5a2.25 2.25 0 0 1 0 4.5',
  ],
};

/**
 * The barrage's `<li>` entries, kept by hand rather than with lit's `repeat`: entries are the bulk of the DOM (up to
 * `max` of them, replaced at hundreds per second in a busy room), and lit-html 3.3.1+ leaves one comment marker
 * behind for every item `repeat` removes (lit/lit#5298), which grows the DOM without bound under exactly this churn.
 * The feed only ever drops from the head and appends at the tail, so syncing is: remove what left, append what is
 * new. Text goes in through `textContent` only, never as HTML.
 */
export class EntryList {
  /** The <li> of every entry on screen, by entry id. */
  readonly #nodes = new Map<string, HTMLLIElement>();
  #nodesLocale = '';
  #lastAppend = -Infinity;

  /** Makes `list` show `entries` (oldest first). */
  sync(list: HTMLUListElement, entries: readonly FeedEntry[]): void {
    const locale = getLocale();
    if (locale !== this.#nodesLocale) {
      // Notices and badges are words: a locale switch rebuilds them.
      this.#nodesLocale = locale;
      for (const node of this.#nodes.values()) node.remove();
      this.#nodes.clear();
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
    // Entries slide in when the room is calm; in a busy room (entries less than CALM_MS apart) they just appear,
    // which spares the compositor an animation per message at hundreds per second.
    const now = performance.now();
    const still = now - this.#lastAppend < CALM_MS;
    for (const entry of entries) {
      if (this.#nodes.has(entry.id)) continue;
      const node = entry.kind === 'message' ? messageNode(doc, entry) : noticeNode(doc, entry);
      if (still) node.classList.add('still');
      this.#lastAppend = now;
      this.#nodes.set(entry.id, node);
      (fragment ??= doc.createDocumentFragment()).append(node);
    }
    if (fragment) list.append(fragment);
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function messageNode(doc: Document, e: FeedMessage): HTMLLIElement {
  const { message } = e;
  const role = message.role;
  const li = element(doc, 'li', e.mine ? 'entry message mine' : 'entry message');
  li.dataset['id'] = e.id;
  li.dataset['role'] = role;
  li.setAttribute('part', 'message');
  const bubble = element(doc, 'span', 'bubble');
  if (role === 'owner' || role === 'admin') {
    const badge = element(doc, 'span', `badge ${role}`, msg(role === 'owner' ? 'seat.role.owner' : 'seat.role.admin'));
    badge.setAttribute('part', 'badge');
    bubble.append(badge);
  }
  // Names and messages are user text: each in its own bidi isolate, so neither an RTL name nor a stray control
  // character can reorder the badge, the name or the message around it.
  const name = element(doc, 'bdi', 'name', message.sender.userName);
  name.setAttribute('part', 'name');
  name.style.setProperty('--_hue', String(hueOf(message.sender.userId)));
  const text = element(doc, 'bdi', 'text', message.text);
  text.setAttribute('part', 'text');
  bubble.append(name, text);
  li.append(bubble);
  return li;
}

function noticeNode(doc: Document, e: FeedNotice): HTMLLIElement {
  const li = element(doc, 'li', `entry notice ${e.notice}`);
  li.dataset['id'] = e.id;
  li.setAttribute('part', 'notice');
  const bubble = element(doc, 'span', 'bubble');
  if (e.iconUrl) {
    const img = element(doc, 'img', 'gift-icon');
    img.src = e.iconUrl;
    img.alt = '';
    img.width = 20;
    img.height = 20;
    bubble.append(img);
  } else {
    bubble.append(noticeIcon(doc, e.notice));
  }
  const sentence = element(doc, 'span', '');
  for (const part of msgParts(e.key, e.params))
    sentence.append(part.isolate ? element(doc, 'bdi', '', part.text) : part.text);
  bubble.append(sentence);
  li.append(bubble);
  return li;
}

/**
 * The kit's own stroke icon for a notice, not an emoji: emoji glyphs show as empty boxes on machines without an
 * emoji font (many Linux desktops, kiosks). Built as DOM like the rest of the list, from constant markup only.
 */
function noticeIcon(doc: Document, kind: FeedNotice['notice']): SVGSVGElement {
  const icon = doc.createElementNS(SVG_NS, 'svg');
  icon.setAttribute('class', 'glyph');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('fill', 'none');
  icon.setAttribute('stroke', 'currentColor');
  icon.setAttribute('stroke-width', '2');
  icon.setAttribute('stroke-linecap', 'round');
  icon.setAttribute('stroke-linejoin', 'round');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  icon.dataset['icon'] = kind;
  for (const d of NOTICE_ICONS[kind]) {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    icon.append(path);
  }
  return icon;
}
