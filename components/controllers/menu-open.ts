import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';

// What a menu button's menu does while it is open: placing it against its trigger, its keyboard, closing when focus
// leaves it; and keeping a host's centred bubbles on screen. None of it runs before someone opens a menu (or a bubble
// shows), so it comes with the menu's part (a seat's: seat/menu.ts), in the same chunk as Floating UI (issue 14);
// `MenuController` keeps what runs before: opening, the trigger's keys, a click outside.

/**
 * The menu opens in the top layer where supported, so no ancestor's overflow or stacking context can cover it. Only
 * the menu's part reads it (here and seat/menu.ts), so it lives in its chunk, not in the entry (issue 14).
 */
export const POPOVER = typeof HTMLElement !== 'undefined' && 'popover' in HTMLElement.prototype;

/** Closes the menu; `restoreFocus` gives focus back to its trigger. */
type Hide = (restoreFocus?: boolean) => void;

const items = (menu: HTMLElement) => [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];

/**
 * Shows `menu` (in the top layer, where popovers are supported) under `trigger`, follows the trigger until the
 * returned function is called (which hides it again), and focuses the first item. `isOpen` says whether a placement
 * that arrives late is still wanted.
 */
export function showMenu(menu: HTMLElement, trigger: HTMLElement, isOpen: () => boolean): () => void {
  let stop = () => {};
  if (POPOVER) {
    if (!menu.matches(':popover-open')) menu.showPopover();
    const stopPlacing = autoUpdate(trigger, menu, () => void place(menu, trigger, isOpen));
    stop = () => {
      stopPlacing();
      if (menu.matches(':popover-open')) menu.hidePopover();
    };
  }
  items(menu)[0]?.focus();
  return stop;
}

/** For the menu's `keydown`: arrow keys, Home and End move through the items, Escape and Tab close it. */
export function menuKeyDown(event: KeyboardEvent, hide: Hide): void {
  const menu = event.currentTarget as HTMLElement;
  const all = items(menu);
  const current = all.indexOf((menu.getRootNode() as ShadowRoot | Document).activeElement as HTMLElement);
  let next: number;
  switch (event.key) {
    case 'ArrowDown':
      next = (current + 1) % all.length;
      break;
    case 'ArrowUp':
      next = (current - 1 + all.length) % all.length;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = all.length - 1;
      break;
    case 'Escape':
      event.preventDefault();
      event.stopPropagation();
      hide(true);
      return;
    case 'Tab':
      hide();
      return;
    default:
      return;
  }
  // Arrow keys inside the menu belong to the menu, not to an enclosing roving focus (a seat grid's).
  event.preventDefault();
  event.stopPropagation();
  all[next]?.focus();
}

/** For the menu's `focusout`: focus that left for somewhere else on the page ends the menu, without pulling it back. */
export function menuFocusOut(event: FocusEvent, hide: Hide): void {
  const to = event.relatedTarget as Node | null;
  if (to && (event.currentTarget as HTMLElement).getRootNode().contains(to)) return;
  if (to) hide();
}

/**
 * Puts the menu under the trigger (above it when there is no room below), kept 8px inside the viewport.
 *
 * Floating UI (`@floating-ui/dom`) instead of our own arithmetic, which it replaced: that one read the trigger's
 * physical left edge but wrote it to `inset-inline-start`, so in RTL the menu opened mirrored, away from its seat;
 * it clamped only horizontally (a menu taller than the room on either side, on a phone in landscape, ran off the
 * screen); and it followed window scroll and resize but not a seat moving with the layout (a grid reflowing
 * under an open menu). Floating UI's `flip` and `shift` keep it on screen on both axes, `-start` placements follow
 * the writing direction, and `autoUpdate` follows ancestors' scrolling, resizes and layout shifts. The cost,
 * measured with `bench/kit-size.ts`: +5.9 KB gzip when it sat in the kit's entry chunk, so it comes with the menu's
 * part, which the first menu opened fetches if the browser's idle time has not (BENCHMARKS.md, "Kit size").
 */
async function place(menu: HTMLElement, trigger: HTMLElement, isOpen: () => boolean): Promise<void> {
  const { x, y, placement } = await computePosition(trigger, menu, {
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [offset(4), flip({ padding: 8 }), shift({ padding: 8, crossAxis: true })],
  });
  if (!isOpen()) return;
  menu.style.setProperty('--_left', `${Math.round(x)}px`);
  menu.style.setProperty('--_top', `${Math.round(y)}px`);
  menu.toggleAttribute('data-above', placement.startsWith('top'));
}

/** Shifts a popup centred on its anchor inwards (`--_shift`) where it would cross the viewport's edge. */
export function shiftIntoView(popup: HTMLElement | null | undefined): void {
  if (!popup) return;
  popup.style.setProperty('--_shift', '0px');
  const rect = popup.getBoundingClientRect();
  if (rect.width === 0) return;
  const margin = 8;
  const overLeft = margin - rect.left;
  const overRight = rect.right - (document.documentElement.clientWidth - margin);
  const shift = overLeft > 0 ? overLeft : overRight > 0 ? -overRight : 0;
  popup.style.setProperty('--_shift', `${Math.round(shift)}px`);
}

/**
 * Keeps a host's centred popups inside the viewport (`shiftIntoView`): `follow(key)` after each update shifts each
 * popup `selectors` name inwards where it crosses an edge, once per change of `key` (a menu opened, a new message
 * showed). Such a bubble stays centred on its anchor by design, so a shift along the edge is all it needs (no flip).
 */
export class PopupShift {
  #last: readonly unknown[] = [];

  readonly #root: () => ParentNode | null | undefined;
  readonly #selectors: readonly string[];

  constructor(root: () => ParentNode | null | undefined, selectors: readonly string[]) {
    this.#root = root;
    this.#selectors = selectors;
  }

  follow(key: readonly unknown[]): void {
    if (key.length === this.#last.length && key.every((part, i) => part === this.#last[i])) return;
    this.#last = key;
    for (const selector of this.#selectors) shiftIntoView(this.#root()?.querySelector<HTMLElement>(selector));
  }
}
