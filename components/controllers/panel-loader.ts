import { type ReactiveController, type ReactiveElement, css, html } from 'lit';
import { toRoomError } from '../../src/index.js';
import { type VrPanelOpenDetail, VrPanelOpenEvent } from '../events/panel-open.js';
import type { LazyPart, PartModule } from './lazy-part.js';
import { errorText, msg } from '../i18n/locale.js';

/** The loading state's frame, for the host's styles (the panel's own styles come with its chunk). */
export const panelLoadingStyles = css`
  .panel-loading {
    display: grid;
    place-items: center;
    min-block-size: min(40vh, 240px);
    color: var(--vr-color-accent);
    font-size: 22px;
  }
`;

/** What a host does around its panel's dialog. */
export interface PanelHooks {
  /** The dialog closed (Escape, the backdrop, a close button): focus goes back to what opened it. */
  readonly closed: () => void;
  /** The panel opens (its `vr-panel-open` was not cancelled), before the update that renders it. */
  readonly opening?: () => void;
  /** After the update that showed the dialog. */
  readonly shown?: () => void;
  /** The panel replaced the loading state. */
  readonly arrived?: () => void;
}

/**
 * The detail panel's modal dialog of `<vr-audience-list>` and `<vr-live-info>`, whose chunk may still be on its way
 * when it opens: `show()` announces it (`vr-panel-open`, cancelable) and opens the dialog at once, on a spinner, or on
 * why the fetch failed with "Try again" (the next open fetches again too). When the panel takes the spinner's place,
 * by this fetch or by one already on its way (the idle one), focus moves to its first control, as showModal() would
 * have put it there, unless the user moved it meanwhile. Escape and the backdrop close it.
 */
export class PanelLoader implements ReactiveController {
  /** The panel is meant to be open (its dialog shows it, or the loading state). */
  #open = false;
  /** The open dialog shows the loading state. */
  #waiting = false;

  readonly #host: ReactiveElement;
  readonly #part: LazyPart<PartModule>;
  readonly #panel: VrPanelOpenDetail['panel'];
  readonly #dialog: () => HTMLDialogElement | null | undefined;
  readonly #hooks: PanelHooks;

  /** `dialog` finds the host's panel dialog (always rendered, empty while closed). */
  constructor(
    host: ReactiveElement,
    part: LazyPart<PartModule>,
    panel: VrPanelOpenDetail['panel'],
    dialog: () => HTMLDialogElement | null | undefined,
    hooks: PanelHooks,
  ) {
    this.#host = host;
    this.#part = part;
    this.#panel = panel;
    this.#dialog = dialog;
    this.#hooks = hooks;
    host.addController(this);
  }

  /** The panel is open, or opening (for the host's render and `aria-expanded`). */
  get open(): boolean {
    return this.#open;
  }

  /** Opens the panel unless a `vr-panel-open` listener cancels; true when it is open. */
  show(): boolean {
    if (this.#open) return true;
    if (!this.#host.dispatchEvent(new VrPanelOpenEvent({ panel: this.#panel }))) return false;
    this.#open = true;
    this.#hooks.opening?.();
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => {
      const dialog = this.#dialog();
      if (!this.#open || !dialog) return;
      if (!dialog.open) dialog.showModal();
      this.#hooks.shown?.();
    });
    if (!this.#part.module) this.fetch();
    return true;
  }

  hide(): void {
    this.#open = false;
    this.#host.requestUpdate();
    const dialog = this.#dialog();
    if (dialog?.open) dialog.close();
  }

  /**
   * For the dialog's `close` event, which arrives a task after `close()`: a panel opened again by then (a quick close
   * and reopen) stays open, as ModalController does for the kit's other dialogs.
   */
  readonly onClose = (): void => {
    if (this.#dialog()?.open) return;
    this.#open = false;
    this.#host.requestUpdate();
    this.#hooks.closed();
  };

  /** For the dialog's `click`: the dialog box itself is hit only outside its content, on the backdrop. */
  readonly onBackdrop = (event: MouseEvent): void => {
    if (event.target === event.currentTarget) this.hide();
  };

  /** Fetches the chunk unless it is there or on its way. */
  readonly fetch = (): void => void this.#part.fetch();

  /** What the dialog shows in the panel's place: a spinner, or the failure with "Try again". */
  render() {
    this.#waiting = true;
    const failed = this.#part.error !== null && !this.#part.loading;
    return html`<div class="panel-loading" aria-busy=${failed ? 'false' : 'true'}>
      ${
        failed
          ? html`<p class="alert" part="alert" data-code=${toRoomError(this.#part.error).code}>
            <span>${errorText(toRoomError(this.#part.error).code)}</span>
            <button type="button" class="btn" @click=${this.fetch}>${msg('audience.retry')}</button>
          </p>`
          : html`<span class="spinner"></span><span class="visually-hidden">${msg('audience.loading')}</span>`
      }
    </div>`;
  }

  hostUpdated(): void {
    if (!this.#waiting) return;
    const dialog = this.#open ? this.#dialog() : null;
    if (!dialog) this.#waiting = false; // closed before it came: the next open starts afresh
    if (!dialog || !this.#part.module) return;
    this.#waiting = false;
    const active = (this.#host.renderRoot as ShadowRoot).activeElement;
    if (active === dialog || !active) dialog.querySelector<HTMLElement>('button, input')?.focus();
    // After this update, not inside it (the host's state changes).
    if (this.#hooks.arrived) queueMicrotask(this.#hooks.arrived);
  }
}
