import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A `<dialog>` shown as a modal while there is something to show in it (a sheet's name, a question's subject): set
 * `value` and the dialog opens after the host's next update; clear it and the dialog closes. Escape and the backdrop
 * close it the same way, through `onClose` and `onBackdrop`.
 */
export class ModalController<T> implements ReactiveController {
  #current: T | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #dialog: () => HTMLDialogElement | null | undefined;

  /** `dialog` finds the dialog in the host's tree (absent while the host does not render it). */
  constructor(host: ReactiveControllerHost, dialog: () => HTMLDialogElement | null | undefined) {
    this.#host = host;
    this.#dialog = dialog;
    host.addController(this);
  }

  /** What the dialog shows, or null while it is closed. */
  get value(): T | null {
    return this.#current;
  }

  open(value: T): void {
    this.#current = value;
    this.#host.requestUpdate();
  }

  /** Closes the dialog (a function of its own, so a close button can take it as its handler). */
  readonly close = (): void => {
    if (this.#current === null) return;
    this.#current = null;
    this.#host.requestUpdate();
  };

  /** For the dialog's `close` event, which arrives a task after `close()`: a dialog opened again by then stays. */
  readonly onClose = (event: Event): void => {
    if (!(event.target as HTMLDialogElement).open) this.close();
  };

  /** For the dialog's `click`: the dialog box itself is hit only outside its content, on the backdrop. */
  readonly onBackdrop = (event: MouseEvent): void => {
    if (event.target === event.currentTarget) this.close();
  };

  /** A dialog already where it should be is left alone, so focus stays where the user put it. */
  hostUpdated(): void {
    const dialog = this.#dialog();
    // A host updated off the page (a lazy part it rendered arrived after it left) has no dialog to show.
    if (!dialog?.isConnected) return;
    if (this.#current !== null && !dialog.open) dialog.showModal();
    if (this.#current === null && dialog.open) dialog.close();
  }
}
