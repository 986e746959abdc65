import { css, html, svg } from 'lit';
import { addStrings, msg } from '../i18n/locale.js';
import { icon } from './composer.js';

// The "N new messages" pill. It shows only once the reader scrolled up and more arrived below, so it comes with the
// log's part (log-part.ts, issue 14), which the barrage fetches when the browser is idle after it rendered, or when
// the reader scrolls up. Keeping the reader's place and counting what arrived are the barrage's own (barrage.ts).

export const pillStrings = {
  'barrage.newMessages': '{n} new messages',
  'barrage.newMessage': '1 new message',
};
addStrings(pillStrings);

const arrowDown = svg`<path d="M12 5v14M6 13l6 6 6-6"/>`;

/** The pill for `unseen` entries below the view (99+ past 99); pressing it jumps back down (`jump`). */
export function newMessagesPill(unseen: number, barrage: { readonly renderRoot: ParentNode; scrollToLatest(): void }) {
  // Back to the newest, following again; focus on the log, where the pill that goes had it.
  const jump = () => {
    barrage.scrollToLatest();
    barrage.renderRoot.querySelector<HTMLElement>('.scroller')?.focus({ preventScroll: true });
  };
  return html`<button class="pill" part="pill" type="button" data-focus-ring @click=${jump}>
    ${icon(arrowDown)}<span>${unseen === 1 ? msg('barrage.newMessage') : msg('barrage.newMessages', { n: unseen > 99 ? '99+' : unseen })}</span>
  </button>`;
}

export const styles = css`
    .pill {
      position: absolute;
      inset-inline-start: 50%;
      inset-block-end: 10px;
      translate: -50% 0;
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 6px 14px 6px 10px;
      border: 0;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-gradient-accent);
      color: #fff;
      font: inherit;
      font-size: var(--vr-font-size-s);
      font-weight: 650;
      box-shadow: var(--vr-shadow-m);
      cursor: pointer;
      animation: vr-pill-in var(--vr-duration-medium) var(--vr-easing) both;
      z-index: 2;
    }
    .pill svg {
      inline-size: 16px;
      block-size: 16px;
    }
    @keyframes vr-pill-in {
      from {
        opacity: 0;
        translate: -50% 8px;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .pill {
        animation: none;
      }
    }
`;
