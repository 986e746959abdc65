import { css, html } from 'lit';
import { MAX_BARRAGE_LENGTH } from '../../src/index.js';
import { addStrings, formatNumber, msg } from '../i18n/locale.js';

// The composer's length counter. It shows only once something is typed (at zero it keeps its room, unseen), so it
// comes with the composer's part (composer-part.ts, issue 14), fetched when the browser is idle while the composer
// can send, or when the input gets the focus. Whether the text is too long is the composer's own (composer.ts): the
// send button and `aria-invalid` say so with or without the counter.

export const counterStrings = {
  'barrage.counter': '{n} of {max} characters',
  'barrage.tooLong': '{n} characters too long',
  'barrage.tooLong#one': '{n} character too long',
};
addStrings(counterStrings);

/** `length` in code points, against the most the server takes: `12/200`, or `−3` past it. */
export function counter(length: number) {
  const over = length - MAX_BARRAGE_LENGTH;
  return html`<span class="counter ${over > 0 ? 'over' : ''} ${length === 0 ? 'zero' : ''}" part="counter" id="counter">
    <span aria-hidden="true">${over > 0 ? `−${formatNumber(over)}` : `${formatNumber(length)}/${formatNumber(MAX_BARRAGE_LENGTH)}`}</span>
    <span class="visually-hidden">${
      over > 0 ? msg('barrage.tooLong', { n: over }) : msg('barrage.counter', { n: length, max: MAX_BARRAGE_LENGTH })
    }</span>
  </span>`;
}

export const styles = css`
    .counter {
      flex: none;
      padding-inline: 4px 6px;
      font-size: var(--vr-font-size-xs);
      font-variant-numeric: tabular-nums;
      color: var(--vr-color-text-muted);
    }
    .counter.zero {
      visibility: hidden;
    }
    .counter.over {
      color: var(--vr-color-danger);
      font-weight: 700;
    }
`;
