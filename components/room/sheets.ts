import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { msg } from '../i18n/locale.js';
import { closeIcon, powerIcon } from './icons.js';

/** The bottom sheets the default footer opens. */
export type RoomSheet = 'gifts' | 'requests';

// The room's modal dialogs: the bottom sheet (gifts, seat requests) and the owner's "end the live?" question. The
// element opens and closes them after each update (`syncModal`); their content is only there while open.

/** What the bottom sheet's controls do. */
export interface SheetHandlers {
  /** The dialog closed (Escape, or `close()`). */
  readonly onClose: (event: Event) => void;
  /** A click on the dialog box itself, which outside the sheet's content is the backdrop. */
  readonly onBackdrop: (event: MouseEvent) => void;
  /** The close button. */
  readonly close: () => void;
}

export function sheetDialog(sheet: RoomSheet | null, handlers: SheetHandlers) {
  const title = sheet === 'requests' ? msg('room.requests') : msg('room.gifts');
  return html`<dialog
    class=${classMap({ sheet: true, [sheet ?? 'closed']: true })}
    part="sheet"
    aria-label=${title}
    @close=${handlers.onClose}
    @click=${handlers.onBackdrop}
  >
    ${
      sheet
        ? html`<div class="sheet-body">
          <div class="sheet-head">
            <span class="grabber" aria-hidden="true"></span>
            <h2>${title}</h2>
            <button type="button" class="round small focus-ring" aria-label=${msg('room.close')} @click=${handlers.close}>
              ${closeIcon}
            </button>
          </div>
          <div class="sheet-content">
            ${sheet === 'gifts' ? html`<vr-gift-panel></vr-gift-panel>` : html`<vr-seat-requests hide-title></vr-seat-requests>`}
          </div>
        </div>`
        : nothing
    }
  </dialog>`;
}

/** What the end confirmation's buttons do. */
export interface ConfirmHandlers {
  readonly onClose: (event: Event) => void;
  readonly cancel: () => void;
  readonly confirm: () => void;
}

/** The owner's last word before ending the live for everyone. */
export function endConfirm(open: boolean, busy: boolean, handlers: ConfirmHandlers) {
  return html`<dialog
    class="confirm"
    part="dialog"
    role="alertdialog"
    aria-labelledby="confirm-title"
    aria-describedby="confirm-text"
    @close=${handlers.onClose}
  >
    ${
      open
        ? html`<div class="confirm-icon" aria-hidden="true">${powerIcon}</div>
          <h2 id="confirm-title">${msg('room.end.title')}</h2>
          <p id="confirm-text">${msg('room.end.text')}</p>
          <div class="confirm-actions">
            <button type="button" class="secondary focus-ring" autofocus @click=${handlers.cancel}>${msg('room.cancel')}</button>
            <button type="button" class="danger focus-ring" data-action="end" ?disabled=${busy} @click=${handlers.confirm}>
              ${msg('room.end.confirm')}
            </button>
          </div>`
        : nothing
    }
  </dialog>`;
}
