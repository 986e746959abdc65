import { type ReactiveElement, html, nothing, svg } from 'lit';
import { live } from 'lit/directives/live.js';
import { MAX_BARRAGE_LENGTH } from '../../src/index.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { msg } from '../i18n/locale.js';
import type { BarrageBlock } from './block.js';
import type { PickerSource } from './emoji-picker.js';
import { BARRAGE_EMOJI } from './emoji.js';

const smileIcon = svg`<circle cx="12" cy="12" r="9"/><path d="M8.5 14.5c.9 1.2 2.1 1.8 3.5 1.8s2.6-.6 3.5-1.8"/><circle cx="9" cy="10" r=".6" fill="currentColor"/><circle cx="15" cy="10" r=".6" fill="currentColor"/>`;
const sendIcon = svg`<path d="M4.5 12 20 4.5 15.5 20l-3-6.5z"/><path d="m12.5 13.5 7.5-9"/>`;
const lockIcon = svg`<rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`;
const clockIcon = svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>`;
export const icon = (body: unknown) =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

/** Why sending is not possible, as the composer shows it. */
export interface BlockReason {
  readonly kind: BarrageBlock;
  readonly text: string;
}

/** The composer's part: the emoji picker and the length counter. */
export type PickerModule = typeof import('./composer-part.js');

/** What the composer asks of its host besides rendering. */
export interface ComposerActions {
  readonly send: () => void;
  /** The user edited the text (a failure on show goes). */
  readonly edited: () => void;
  /** Imports the composer's part, with the emoji picker (`VrBarrage.importPicker`, which a test can make fail). */
  readonly importPicker: () => Promise<PickerModule>;
}

/**
 * The barrage's composer: the text (counted in code points, as the server counts it), Enter to send (not while an IME
 * is composing), and a keyboard-operable emoji picker that inserts at the caret. It renders the composer and its
 * reason row; sending itself is the host's (`send`), and so is dismissing a shown failure once the user edits. The
 * text and the picker stay as they were while the host is off the page.
 *
 * The picker and the length counter are a chunk of their own (composer-part.ts, issue 14), fetched when the browser
 * is idle while the composer can send (`prefetch()`), when the input gets the focus, or by the first press of the
 * smile button: the button is busy until it is there, then the picker opens with focus in it, unless the user closed
 * it or went elsewhere meanwhile. A failed fetch closes it again; the next press, focus or keystroke tries again.
 * The counter shows once the chunk is there (nothing typed, it keeps its room unseen).
 */
export class ComposerController implements PickerSource {
  readonly emoji = BARRAGE_EMOJI;
  /** @internal The emoji that holds the picker's tab stop. */
  index = 0;
  #value = '';
  #emojiOpen = false;
  readonly #picker: LazyPart<PickerModule>;

  readonly #actions: ComposerActions;

  constructor(
    readonly host: ReactiveElement,
    actions: ComposerActions,
  ) {
    this.#actions = actions;
    this.#picker = new LazyPart(host, actions.importPicker);
  }

  /** The text being written. */
  get text(): string {
    return this.#value;
  }
  set text(text: string) {
    this.#value = text;
    this.host.requestUpdate();
  }

  /** The text's length in code points, as the server counts it. */
  get length(): number {
    return [...this.#value.trim()].length;
  }

  /** Fetches the emoji picker when the browser has nothing better to do (the composer can send). */
  prefetch(): void {
    this.#picker.prefetchWhenIdle();
  }

  /** Closes the emoji picker (the composer was blocked, an emoji was picked, Escape). */
  closePicker(): void {
    if (!this.#emojiOpen) return;
    this.#emojiOpen = false;
    this.host.requestUpdate();
  }

  /** The reason row and the composer; `reason` disables it, `error` is a failure to show in the reason row. */
  render(reason: BlockReason | null, error: string | null) {
    const length = this.length;
    const over = length > MAX_BARRAGE_LENGTH;
    const canSend = !reason && length > 0 && !over;
    const status = reason?.text ?? error ?? '';
    const module = this.#picker.module;
    const loading = this.#emojiOpen && !module;
    // `aria-describedby` and `aria-controls` name only what is on the page: the counter and the picker come with the
    // part, and the picker is there only while open.
    return html`
      <p class="reason ${status ? '' : 'idle'} ${reason?.kind ?? (error ? 'error' : '')}" part="reason" id="reason" role="status">
        ${status ? icon(reason?.kind === 'muted' || reason?.kind === 'rate-limited' ? clockIcon : lockIcon) : nothing}<span>${status}</span>
      </p>
      <form class="composer" part="composer" @submit=${this.#onSubmit} @focusout=${this.#onComposerFocusOut}>
        <button
          class="icon-button emoji-toggle"
          part="emoji-button"
          type="button"
          data-focus-ring
          aria-label=${msg('barrage.emoji')}
          aria-haspopup="dialog"
          aria-expanded=${this.#emojiOpen ? 'true' : 'false'}
          aria-controls=${this.#emojiOpen && module ? 'emoji' : nothing}
          aria-busy=${loading ? 'true' : 'false'}
          ?disabled=${reason !== null}
          @click=${this.#toggleEmoji}
        >
          ${loading ? html`<span class="spinner" aria-hidden="true"></span>` : icon(smileIcon)}
        </button>
        <div class="field ${over ? 'over' : ''}">
          <input
            class="input"
            part="input"
            type="text"
            autocomplete="off"
            enterkeyhint="send"
            .value=${live(this.#value)}
            placeholder=${reason ? '' : msg('barrage.placeholder')}
            aria-label=${msg('barrage.inputLabel')}
            aria-describedby=${module ? 'counter reason' : 'reason'}
            aria-invalid=${over ? 'true' : 'false'}
            ?disabled=${reason !== null}
            @focus=${this.#onFocus}
            @input=${this.#onInput}
            @keydown=${this.#onKeydown}
          />
          ${module ? module.counter(length) : nothing}
        </div>
        <button class="send" part="send-button" type="submit" data-focus-ring aria-label=${msg('barrage.send')} ?disabled=${!canSend}>
          ${icon(sendIcon)}
        </button>
        ${this.#emojiOpen && module ? module.emojiPicker(this) : nothing}
      </form>
    `;
  }

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    this.#actions.send();
  };

  /** About to type: the counter (and the picker) come now if the idle fetch has not brought them yet (see onInput). */
  #onFocus = (): void => void this.#picker.fetch();

  #onInput = (event: Event): void => {
    this.text = (event.target as HTMLInputElement).value;
    this.#actions.edited();
    // The counter's part failed to come (offline for a moment): typing asks again, or a text too long to send would
    // say why only once the field is left and focused again. One fetch at a time, and only as the user types.
    if (!this.#picker.module) void this.#picker.fetch();
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') {
      // Sent here rather than through the form's implicit submission, which a browser skips whenever the default
      // button is (still) disabled, e.g. when Enter follows the input event before the re-render enabled it.
      event.preventDefault();
      // Enter that confirms an IME composition (Chinese, Japanese…) must not send the half-typed text.
      if (!event.isComposing && event.keyCode !== 229) {
        this.text = (event.target as HTMLInputElement).value;
        this.#actions.send();
      }
    }
    if (event.key === 'Escape' && this.#emojiOpen) this.closePicker();
  };

  #toggleEmoji = async (): Promise<void> => {
    this.#emojiOpen = !this.#emojiOpen;
    this.host.requestUpdate();
    if (!this.#emojiOpen) return;
    try {
      // The same fetch as the idle one if that is on its way.
      await this.#picker.load();
    } catch {
      return this.closePicker();
    }
    await this.host.updateComplete;
    // Closed meanwhile (pressed again, Escape, focus went elsewhere): nothing to focus.
    if (this.#emojiOpen) this.host.renderRoot.querySelector<HTMLElement>('.emoji[tabindex="0"]')?.focus();
  };

  /** Tabbing or clicking away from the picker closes it. */
  #onComposerFocusOut = (event: FocusEvent): void => {
    if (!this.#emojiOpen) return;
    const to = event.relatedTarget as Node | null;
    const picker = this.host.renderRoot.querySelector('.emoji-picker');
    const toggle = this.host.renderRoot.querySelector('.emoji-toggle');
    if (to && (picker?.contains(to) || toggle === to)) return;
    this.closePicker();
  };
}
