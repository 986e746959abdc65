import { type ReactiveControllerHost, html, nothing } from 'lit';
import type { RoomPhase, SeatRequest } from '../../src/index.js';
import { ModalController } from '../controllers/modal-controller.js';
import type { NoticesModule } from './cover.js';

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
  #lastInvitation: string | null = null;

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
    const fresh = invitation?.status === 'pending' && invitation.requestId !== this.#lastInvitation;
    if (fresh && phase === 'live') this.sheet.open('requests');
    this.#lastInvitation = invitation?.requestId ?? null;
  }

  /**
   * Both dialogs (the confirmation only for the owner, `ending` while the end is in flight), from the notices' chunk
   * (`notices`, undefined while it is on its way): nobody sees them before pressing a button, so they come whole with
   * it. One asked for earlier opens once the chunk is there, since until then there is no dialog to open, and the
   * button that asked for it is busy meanwhile (`loading`).
   */
  render(owner: boolean, ending: boolean, end: () => void, notices: NoticesModule | undefined) {
    const { sheet, confirm } = this;
    if (!notices) return nothing;
    return html`${notices.sheetDialog(sheet.value, sheet)}
      ${owner ? notices.confirmDialog(confirm.value !== null, ending, { onClose: confirm.onClose, cancel: confirm.close, confirm: end }) : nothing}`;
  }

  /** The dialog asked for while the notices' chunk (with the dialogs) is on its way, or null. */
  loading(notices: NoticesModule | undefined): RoomSheet | 'end' | null {
    return notices ? null : (this.sheet.value ?? (this.confirm.value && 'end'));
  }

  /** Handlers for the buttons that open them. */
  readonly showRequests = (): void => this.sheet.open('requests');
  readonly showGifts = (): void => this.sheet.open('gifts');
  readonly requestEnd = (): void => this.confirm.open(true);
}
