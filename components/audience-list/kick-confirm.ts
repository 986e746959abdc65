import { type ReactiveControllerHost, html, nothing } from 'lit';
import type { UserInfo } from '../../src/index.js';
import { ModalController } from '../controllers/modal-controller.js';
import { msg, msgIsolated } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';

/** The removal dialog's choices: seconds to keep the person out (0: they may come back), and their words. */
const BAN_CHOICES: ReadonlyArray<readonly [number, MessageKey]> = [
  [0, 'audience.kick.ban.none'],
  [3_600, 'audience.kick.ban.hour'],
  [86_400, 'audience.kick.ban.day'],
  [7 * 86_400, 'audience.kick.ban.week'],
];

/** What the removal question shows and what its controls do. */
export interface KickConfirmView {
  /** Who the question is about; null while it is closed. */
  readonly user: UserInfo | null;
  /** The chosen time to keep them out, in seconds. */
  readonly ban: number;
  readonly chooseBan: (seconds: number) => void;
  readonly cancel: () => void;
  readonly onSubmit: (event: Event) => void;
  readonly onClose: (event: Event) => void;
}

/** Removal is not undoable and, without a ban, the person can walk straight back in: both said before it happens. */
export function kickConfirm({ user, ban, chooseBan, cancel, onSubmit, onClose }: KickConfirmView) {
  return html`<dialog
    class="kick-confirm"
    part="confirm"
    role="alertdialog"
    aria-labelledby="kick-title"
    aria-describedby="kick-text"
    @close=${onClose}
  >
    ${
      user
        ? html`<form method="dialog" class="confirm-body" @submit=${onSubmit}>
          <h2 class="confirm-title" id="kick-title">${msgIsolated('audience.kick.title', { name: user.userName })}</h2>
          <p class="confirm-text" id="kick-text">${msg('audience.kick.text')}</p>
          <fieldset class="ban">
            <legend>${msg('audience.kick.ban')}</legend>
            ${BAN_CHOICES.map(
              ([seconds, key]) => html`<label class="ban-option">
                <input type="radio" name="ban" value=${seconds} .checked=${ban === seconds} @change=${() => chooseBan(seconds)} />
                <span>${msg(key)}</span>
              </label>`,
            )}
          </fieldset>
          <div class="confirm-actions">
            <button type="button" class="btn ghost" autofocus @click=${cancel}>${msg('audience.kick.cancel')}</button>
            <button type="submit" class="btn danger" data-action="confirm-kick">${msg('audience.kick')}</button>
          </div>
        </form>`
        : nothing
    }
  </dialog>`;
}

/**
 * The removal question as a modal: who it is about, the chosen time to keep them out, and the answer. Confirming
 * calls `kick(userId, banSeconds)`; Escape or "Cancel" removes nobody.
 */
export class KickQuestion {
  readonly #modal: ModalController<UserInfo>;
  #ban = 0;

  readonly #host: ReactiveControllerHost;
  readonly #kick: (userId: string, banSeconds: number) => void;

  constructor(
    host: ReactiveControllerHost,
    root: () => ParentNode | null | undefined,
    kick: (userId: string, banSeconds: number) => void,
  ) {
    this.#host = host;
    this.#kick = kick;
    this.#modal = new ModalController(host, () => root()?.querySelector<HTMLDialogElement>('dialog.kick-confirm'));
  }

  /** Asks about `user`, with "do not keep them out" chosen. */
  ask(user: UserInfo): void {
    this.#ban = 0;
    this.#modal.open(user);
  }

  render() {
    return kickConfirm({
      user: this.#modal.value,
      ban: this.#ban,
      chooseBan: this.#chooseBan,
      cancel: this.#cancel,
      onSubmit: this.#onSubmit,
      onClose: this.#onClose,
    });
  }

  readonly #chooseBan = (seconds: number): void => {
    this.#ban = seconds;
    this.#host.requestUpdate();
  };

  readonly #cancel = (): void => this.#modal.close();

  readonly #onSubmit = (event: Event): void => {
    event.preventDefault();
    const user = this.#modal.value;
    this.#modal.close();
    if (user) this.#kick(user.userId, this.#ban);
  };

  // Escape or a close() after an update: a dialog closed while another question is already up keeps that one. The
  // event stops here: it is not the panel's own dialog closing.
  readonly #onClose = (event: Event): void => {
    event.stopPropagation();
    this.#modal.onClose(event);
  };
}
