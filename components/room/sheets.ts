import { type ReactiveControllerHost, html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { RoomPhase, SeatRequest } from '../../src/index.js';
import { ModalController } from '../controllers/modal-controller.js';
import { msg } from '../i18n/locale.js';
import type { NoticesModule } from './cover.js';
import { closeIcon } from './icons.js';

/** The bottom sheets the default footer opens. */
export type RoomSheet = 'gifts' | 'requests';

// The room's modal dialogs: the bottom sheet (gifts, seat requests) and the owner's "end the live?" question. The
// element opens and closes them after each update (`RoomDialogs`); their content is only there while open.

/** What the room's dialogs follow on each update. */
export interface DialogFacts {
  /** The owner/admin face (`host`) or everyone else's (`listener`). */
  readonly view: 'host' | 'listener';
  readonly phase: RoomPhase;
  /** An invitation to a seat addressed to me, or null. */
  readonly invitation: SeatRequest | null;
  /** My own application, or null. */
  readonly application: SeatRequest | null;
}

/**
 * The bottom sheet and the end confirmation, and when they open or close without being asked: nothing stays open
 * outside the live; a new invitation to a seat opens the requests sheet (it is answered there); a listener's
 * requests sheet closes once there is nothing left in it to answer or withdraw.
 */
export class RoomDialogs {
  readonly sheet: ModalController<RoomSheet>;
  readonly confirm: ModalController<true>;
  /** The invitation the last update saw, so one invitation opens the sheet once. */
  private lastInvitation: string | null = null;

  /** `root` is the host's render root, where the dialogs are. */
  constructor(host: ReactiveControllerHost, root: () => ParentNode | null | undefined) {
    this.sheet = new ModalController(host, () => root()?.querySelector<HTMLDialogElement>('dialog.sheet'));
    this.confirm = new ModalController(host, () => root()?.querySelector<HTMLDialogElement>('dialog.confirm'));
  }

  /** Called from the host's `willUpdate`, after its store values changed. */
  follow({ view, phase, invitation, application }: DialogFacts): void {
    if (view === 'listener' && this.sheet.value === 'requests' && !invitation && !application) this.sheet.close();
    if (phase !== 'live') {
      this.sheet.close();
      this.confirm.close();
    }
    const fresh = invitation?.status === 'pending' && invitation.requestId !== this.lastInvitation;
    if (fresh && phase === 'live') this.sheet.open('requests');
    this.lastInvitation = invitation?.requestId ?? null;
  }

  /**
   * Both dialogs; the confirmation only for the owner, `ending` while the end is in flight, its content from the
   * notices' chunk (`notices`, undefined while it is on its way).
   */
  render(owner: boolean, ending: boolean, end: () => void, notices: NoticesModule | undefined) {
    const sheet = this.sheet;
    const confirm = this.confirm;
    const open = confirm.value !== null;
    const content = open ? notices?.endConfirm(ending, { cancel: this.cancel, confirm: end }) : undefined;
    return html`${sheetDialog(sheet.value, { onClose: sheet.onClose, onBackdrop: sheet.onBackdrop, close: this.closeSheet })}
      ${owner ? confirmDialog(open, content, confirm.onClose) : nothing}`;
  }

  /** Handlers for the buttons that open them. */
  readonly showRequests = (): void => this.sheet.open('requests');
  readonly showGifts = (): void => this.sheet.open('gifts');
  readonly requestEnd = (): void => this.confirm.open(true);

  private readonly closeSheet = (): void => this.sheet.close();
  private readonly cancel = (): void => this.confirm.close();
}

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

/**
 * The owner's last word before ending the live for everyone: the dialog is here, its content (`content`, notices.ts's
 * `endConfirm`) comes with the notices' chunk; until then the dialog opens on a spinner.
 */
export function confirmDialog(open: boolean, content: unknown, onClose: (event: Event) => void) {
  return html`<dialog
    class="confirm"
    part="dialog"
    role="alertdialog"
    aria-labelledby="confirm-title"
    aria-describedby="confirm-text"
    aria-busy=${open && content === undefined ? 'true' : 'false'}
    @close=${onClose}
  >
    ${open ? (content ?? html`<span class="spinner" aria-hidden="true"></span>`) : nothing}
  </dialog>`;
}
