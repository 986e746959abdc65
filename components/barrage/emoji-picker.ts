import { type ReactiveControllerHost, css, html } from 'lit';
import { arrowIndex } from '../base/roving.js';
import { msg } from '../i18n/locale.js';

// The barrage's emoji picker. Nobody sees it before pressing the smile button, so its grid, its keys, the insertion
// at the caret and its styles are a chunk of their own (issue 14): the composer (composer.ts) fetches it when the
// browser is idle while the composer can send, or at the first press, and shows the button busy until it is there.
// The emoji list itself stays in the entry: it is public (`BARRAGE_EMOJI`).

const COLUMNS = 8;

/** What the picker works on: the composer's state (ComposerController). */
export interface PickerSource {
  readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };
  readonly emoji: readonly string[];
  /** The emoji that holds the grid's tab stop; it stays while the picker is closed. */
  index: number;
  /** The composer's text (setting it updates the host). */
  text: string;
  closePicker(): void;
}

/** The grid: one tab stop, arrow keys move it, Enter or a click inserts, Escape closes back to the smile button. */
export function emojiPicker(source: PickerSource) {
  return html`<div class="emoji-picker" part="emoji-picker" id="emoji" role="dialog" aria-label=${msg('barrage.emoji')}
    @keydown=${(event: KeyboardEvent) => onKeydown(source, event)}>
    ${source.emoji.map(
      (emoji, i) => html`<button
        type="button"
        class="emoji"
        data-focus-ring
        tabindex=${i === source.index ? 0 : -1}
        @click=${() => void pick(source, emoji)}
      >${emoji}</button>`,
    )}
  </div>`;
}

/** Inserts `emoji` where the caret (or the selection) was, closes the picker, and puts the caret after it. */
async function pick(source: PickerSource, emoji: string): Promise<void> {
  const input = source.host.renderRoot.querySelector<HTMLInputElement>('input.input');
  if (!input) return;
  // The input keeps its selection while the picker has the focus: that is where the emoji goes.
  const start = input.selectionStart ?? input.value.length;
  input.setRangeText(emoji, start, input.selectionEnd ?? start, 'end');
  source.text = input.value;
  source.closePicker();
  await source.host.updateComplete;
  input.focus();
  const caret = start + emoji.length;
  input.setSelectionRange(caret, caret);
}

function onKeydown(source: PickerSource, event: KeyboardEvent): void {
  const root = source.host.renderRoot;
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    source.closePicker();
    void source.host.updateComplete.then(() => root.querySelector<HTMLButtonElement>('.emoji-toggle')?.focus());
    return;
  }
  const buttons = root.querySelectorAll<HTMLButtonElement>('.emoji-picker button');
  const next = arrowIndex(event.key, source.index, buttons.length, COLUMNS);
  if (next === null) return;
  event.preventDefault();
  source.index = next;
  source.host.requestUpdate();
  buttons[next]?.focus();
}

export const styles = css`
    .emoji-picker {
      position: absolute;
      inset-block-end: calc(100% + 8px);
      inset-inline-start: 0;
      display: grid;
      grid-template-columns: repeat(8, 1fr);
      gap: 2px;
      box-sizing: border-box;
      inline-size: min(100%, 340px);
      padding: 8px;
      border-radius: var(--vr-radius-l);
      background: var(--vr-color-surface-raised);
      box-shadow: var(--vr-shadow-m), inset 0 0 0 1px var(--vr-color-border);
      z-index: 5;
      animation: vr-picker-in var(--vr-duration-medium) var(--vr-easing) both;
      transform-origin: 20px 100%;
    }
    @keyframes vr-picker-in {
      from {
        opacity: 0;
        transform: scale(0.94) translateY(6px);
      }
    }
    .emoji {
      display: grid;
      place-items: center;
      aspect-ratio: 1;
      min-inline-size: 0;
      padding: 0;
      border: 0;
      border-radius: var(--vr-radius-s);
      background: none;
      font-size: 22px;
      line-height: 1;
      cursor: pointer;
      font-family: 'Noto Color Emoji', 'Apple Color Emoji', 'Segoe UI Emoji', sans-serif;
    }
    .emoji:hover,
    .emoji:focus-visible {
      background: var(--vr-color-accent-soft);
    }
    .emoji:focus-visible {
      outline-offset: 0;
    }
    @media (prefers-reduced-motion: reduce) {
      .emoji-picker {
        animation: none;
      }
    }
`;
