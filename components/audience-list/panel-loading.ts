import { type ReactiveElement, html } from 'lit';
import { toRoomError } from '../../src/index.js';
import type { LazyPart, PartModule } from '../controllers/lazy-part.js';
import { errorText, msg } from '../i18n/locale.js';

/**
 * What a panel's dialog shows until its chunk is there (`<vr-audience-list>`, `<vr-live-info>`): a spinner while
 * it is on its way, or why it failed with "Try again" (which fetches again; so does the next open).
 */
export function panelLoading(part: LazyPart<PartModule>, retry: () => void) {
  const failed = part.error !== null && !part.loading;
  return html`<div class="panel-loading" aria-busy=${failed ? 'false' : 'true'} aria-label=${msg('audience.loading')}>
    ${
      failed
        ? html`<p class="alert" part="alert" data-code=${toRoomError(part.error).code}>
          <span>${errorText(toRoomError(part.error).code)}</span>
          <button type="button" class="btn" @click=${retry}>${msg('audience.retry')}</button>
        </p>`
        : html`<span class="spinner"></span>`
    }
  </div>`;
}

/**
 * Fetches a panel's chunk for its dialog. The first time, the dialog opens on a spinner (focus on the dialog) and
 * the panel follows: focus then moves to its first control, as showModal() would have put it there, unless the user
 * moved it meanwhile. A failed fetch shows in the dialog (`panelLoading`); the next open or "Try again" fetches again.
 */
export function fetchPanel(
  host: ReactiveElement,
  part: LazyPart<PartModule>,
  dialog: () => HTMLDialogElement | null,
  arrived: () => void = () => undefined,
): void {
  void part.fetch().then(async (ok) => {
    if (!ok) return;
    await host.updateComplete;
    const open = dialog();
    if (!open) return;
    arrived();
    const active = (host.renderRoot as ShadowRoot).activeElement;
    if (active === open || !active) open.querySelector<HTMLElement>('button, input')?.focus();
  });
}
