import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { SeatAction } from '../../src/index.js';
import { POPOVER, PopupShift } from '../controllers/menu-open.js';
import { msg } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';
import './strings.js';

// `<vr-seat>`'s menu (the actions on offer above a seat) and its error bubble: their template, styles and strings,
// and what a menu does while open (placing it with Floating UI, its keys). Nobody needs them before opening a seat's
// menu or seeing a command fail, so they are a chunk of their own (issue 14), fetched when the browser is idle after
// the seats rendered, or by the first menu opened (controllers/menu-controller.ts).

export { menuFocusOut, menuKeyDown, showMenu } from '../controllers/menu-open.js';
export { styles } from './menu.styles.js';

/** What keeps a seat's bubble (and its menu, where it is not a popover) inside the viewport. */
export function seatPopups(root: ParentNode): PopupShift {
  return new PopupShift(() => root, [...(POPOVER ? [] : ['.menu:not([hidden])']), '.alert-region']);
}

const ACTION_LABELS: Record<SeatAction, MessageKey> = {
  take: 'seat.menu.take',
  apply: 'seat.menu.apply',
  'cancel-application': 'seat.menu.cancelApplication',
  leave: 'seat.menu.leave',
  move: 'seat.menu.move',
  invite: 'seat.menu.invite',
  kick: 'seat.menu.kick',
  lock: 'seat.menu.lock',
  unlock: 'seat.menu.unlock',
  'lock-audio': 'seat.menu.lockAudio',
  'unlock-audio': 'seat.menu.unlockAudio',
  profile: 'seat.menu.profile',
};
/** Actions that take something away: drawn in the danger colour. */
const DANGER: ReadonlySet<SeatAction> = new Set<SeatAction>([
  'kick',
  'lock',
  'lock-audio',
  'cancel-application',
  'leave',
]);

/** A failed command's message in the seat's bubble, with its dismiss button. */
export function seatAlert({ code, message }: { readonly code: number; readonly message: string }, dismiss: () => void) {
  return html`<div class="alert" part="alert" data-code=${code}>
    <span>${message}</span>
    <button type="button" class="dismiss focus-ring" aria-label=${msg('alert.dismiss')} @click=${dismiss}>×</button>
  </div>`;
}

/** What the seat's menu shows and what its events do. */
export interface SeatMenuView {
  /**
   * `<vr-seat>`: its index (the label counts from 1), the actions on offer (`seatActions`, in menu order) and what
   * choosing one does (the menu closes, focus back on the seat, and the action runs).
   */
  readonly seat: {
    readonly index: number;
    readonly actions: readonly SeatAction[];
    closeMenu(restoreFocus: boolean): void;
    perform(action: SeatAction): Promise<boolean>;
  };
  readonly open: boolean;
  readonly onKeyDown: (event: KeyboardEvent) => void;
  readonly onFocusOut: (event: FocusEvent) => void;
}

/** The seat's action menu (`id="menu"`, which the seat button controls); a disabled "nothing to do" item when empty. */
export function seatMenu({ seat, open, onKeyDown, onFocusOut }: SeatMenuView) {
  const actions = open ? seat.actions : [];
  return html`<div
    id="menu"
    class="menu"
    part="menu"
    role="menu"
    aria-label=${msg('seat.menu.label', { n: seat.index + 1 })}
    popover=${POPOVER ? 'manual' : nothing}
    ?hidden=${!POPOVER && !open}
    @keydown=${onKeyDown}
    @focusout=${onFocusOut}
  >
    ${
      actions.length === 0
        ? html`<div class="item empty" role="menuitem" tabindex="-1" aria-disabled="true">${msg('seat.menu.none')}</div>`
        : actions.map(
            (action) => html`<button
            type="button"
            role="menuitem"
            tabindex="-1"
            part="menu-item"
            class=${classMap({ item: true, danger: DANGER.has(action) })}
            data-action=${action}
            @click=${() => {
              seat.closeMenu(true);
              void seat.perform(action);
            }}
          >
            ${msg(ACTION_LABELS[action])}
          </button>`,
          )
    }
  </div>`;
}
