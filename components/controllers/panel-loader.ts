import { type ReactiveController, type ReactiveElement, css, html } from 'lit';
import { toRoomError } from '../../src/index.js';
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

/**
 * A panel whose chunk may still be on its way when its dialog opens (`<vr-audience-list>`, `<vr-live-info>`): the
 * dialog opens at once on a spinner, or on why the fetch failed with "Try again" (the next open fetches again too).
 * When the panel takes the spinner's place, by this fetch or by one already on its way (the idle one), focus moves
 * to its first control, as showModal() would have put it there, unless the user moved it meanwhile.
 */
export class PanelLoader implements ReactiveController {
  /** The open dialog shows the loading state. */
  #waiting = false;

  /**
   * `dialog` is the panel's dialog while the panel is meant to be open (null when it is not); `arrived` runs once the
   * panel replaced the loading state in it.
   */
  constructor(
    private readonly host: ReactiveElement,
    private readonly part: LazyPart<PartModule>,
    private readonly dialog: () => HTMLDialogElement | null,
    private readonly arrived: () => void = () => undefined,
  ) {
    host.addController(this);
  }

  /** Fetches the chunk unless it is there or on its way. */
  readonly fetch = (): void => void this.part.fetch();

  /** What the dialog shows in the panel's place: a spinner, or the failure with "Try again". */
  render() {
    this.#waiting = true;
    const failed = this.part.error !== null && !this.part.loading;
    return html`<div class="panel-loading" aria-busy=${failed ? 'false' : 'true'}>
      ${
        failed
          ? html`<p class="alert" part="alert" data-code=${toRoomError(this.part.error).code}>
            <span>${errorText(toRoomError(this.part.error).code)}</span>
            <button type="button" class="btn" @click=${this.fetch}>${msg('audience.retry')}</button>
          </p>`
          : html`<span class="spinner"></span><span class="visually-hidden">${msg('audience.loading')}</span>`
      }
    </div>`;
  }

  hostUpdated(): void {
    if (!this.#waiting) return;
    const dialog = this.dialog();
    if (!dialog) this.#waiting = false; // closed before it came: the next open starts afresh
    if (!dialog || !this.part.module) return;
    this.#waiting = false;
    const active = (this.host.renderRoot as ShadowRoot).activeElement;
    if (active === dialog || !active) dialog.querySelector<HTMLElement>('button, input')?.focus();
    // After this update, not inside it (the host's state changes).
    queueMicrotask(this.arrived);
  }
}
