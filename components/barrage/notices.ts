import { css } from 'lit';
import { msgParts } from '../i18n/locale.js';
import { element } from './entry-list.js';
import type { FeedNotice } from './feed.js';

// The barrage's system notices (who joined, took or left a seat, sent a gift): how one is drawn, its icons and its
// styles. A room's first screen has none (the history on join is messages only; notices come from what happens
// after), so they come with the log's part (log-part.ts, issue 14): `<vr-barrage>` fetches it when the browser is
// idle after the barrage rendered, or with the first notice; the list inserts a notice in its place once it is
// there, without holding back the messages around it (entry-list.ts).

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

/** A notice's `<li>`: its icon (the gift's own picture for a gift), and its sentence with every name isolated. */
export function noticeNode(doc: Document, e: FeedNotice): HTMLLIElement {
  const li = element(doc, 'li', `entry notice ${e.notice}`);
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

export const styles = css`
    :host {
      --_notice: var(--vr-barrage-notice-color, light-dark(#6b5f8a, #b9b0d3));
      --_gift-bg: var(--vr-barrage-gift-bg, light-dark(linear-gradient(90deg, rgb(236 72 153 / 0.14), rgb(139 92 246 / 0.1)), linear-gradient(90deg, rgb(236 72 153 / 0.26), rgb(139 92 246 / 0.18))));
    }
    .notice .bubble {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 3px 10px 3px 8px;
      background: transparent;
      color: var(--_notice);
      font-size: var(--vr-font-size-s);
      box-shadow: inset 0 0 0 1px var(--vr-color-border);
    }
    .notice.gift .bubble {
      background: var(--_gift-bg);
      color: light-dark(#9d174d, #fbcfe8);
      font-weight: 600;
      box-shadow: inset 0 0 0 1px light-dark(rgb(236 72 153 / 0.22), rgb(244 114 182 / 0.3));
    }
    .glyph {
      inline-size: 14px;
      block-size: 14px;
      flex: none;
      opacity: 0.85;
    }
    .gift-icon {
      inline-size: 20px;
      block-size: 20px;
      object-fit: contain;
      flex: none;
    }
`;
