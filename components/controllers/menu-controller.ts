import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LazyPart, PartModule } from './lazy-part.js';

/**
 * The part a menu's template comes with (a seat's: seat/menu.ts): what the menu does while it is open
 * (menu-open.ts, which places it with Floating UI) and the styles it needs.
 */
export type MenuPart = PartModule & Pick<typeof import('./menu-open.js'), 'showMenu' | 'menuKeyDown' | 'menuFocusOut'>;

type Host = ReactiveControllerHost & HTMLElement;

/**
 * A menu button's menu in the host's shadow tree (`.menu`, items with `role="menuitem"`): it opens in the top layer
 * (a manual popover) under its trigger, aligned with its inline start (its left edge, its right edge in RTL), or
 * above it when there is no room below, kept inside the viewport, and follows scrolling, resizing and layout shifts;
 * arrow keys, Home and End move through the items, Escape closes it and gives focus back to the trigger, and Tab, a
 * click outside the host or focus leaving for elsewhere on the page close it. Where popovers are not supported the
 * host shows the menu in place (see `shiftIntoView` in menu-open.ts).
 *
 * The menu's template, its styles and what it does while open are a lazy part (`part`, issue 14): the host renders
 * the menu once `part.module` is there. Opened before it arrived, the menu is open but `loading` (the host shows
 * that), and shows with focus on its first item as soon as the part is there; Escape, a click outside or focus
 * leaving the trigger meanwhile close it. A failed fetch closes it and calls `failed`; the next open tries again.
 */
export class MenuController implements ReactiveController {
  #isOpen = false;
  /** The open menu is on screen (its part arrived); ends its placing and hides it. */
  #stopShowing: (() => void) | undefined;

  readonly #host: Host;
  readonly #trigger: () => HTMLElement | null;
  readonly #part: LazyPart<MenuPart>;
  readonly #failed: (error: unknown) => void;

  /** `trigger` finds the button the menu belongs to (focus comes back to it; the menu is placed against it). */
  constructor(
    host: Host,
    trigger: () => HTMLElement | null,
    part: LazyPart<MenuPart>,
    failed: (error: unknown) => void,
  ) {
    this.#host = host;
    this.#trigger = trigger;
    this.#part = part;
    this.#failed = failed;
    host.addController(this);
  }

  get open(): boolean {
    return this.#isOpen;
  }

  /** Open, and waiting for the menu's part. */
  get loading(): boolean {
    return this.#isOpen && !this.#stopShowing;
  }

  /** Opens the menu and focuses its first item (once its part is there). */
  show(): void {
    if (this.#isOpen) return;
    this.#isOpen = true;
    this.#host.requestUpdate();
    document.addEventListener('pointerdown', this.#onDocumentPointerDown, true);
    // One fetch brings the template, the styles and Floating UI, so the menu shows placed, never in the corner.
    this.#part.load().then(
      async (part) => {
        await this.#host.updateComplete;
        const menu = this.#menu();
        if (!this.#isOpen || this.#stopShowing || !menu) return;
        this.#stopShowing = part.showMenu(menu, this.#trigger() ?? this.#host, () => this.#isOpen);
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (!this.#isOpen) return;
        this.hide();
        this.#failed(error);
      },
    );
  }

  /** Closes the menu; `restoreFocus` puts focus back on the trigger (Escape, or after choosing an item). */
  hide(restoreFocus = false): void {
    if (!this.#isOpen) return;
    this.#isOpen = false;
    this.#host.requestUpdate();
    document.removeEventListener('pointerdown', this.#onDocumentPointerDown, true);
    this.#stopShowing?.();
    this.#stopShowing = undefined;
    if (restoreFocus) this.#trigger()?.focus();
  }

  hostDisconnected(): void {
    this.hide();
  }

  /** For the trigger's `keydown`: Escape closes an open menu, ArrowDown goes into it, as in a menu button. */
  readonly onTriggerKeyDown = (event: KeyboardEvent): void => {
    if (!this.#isOpen || (event.key !== 'Escape' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') this.hide(true);
    else this.#menu()?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  };

  /** For the trigger's `focusout`: focus that left for elsewhere before the menu showed does not want it any more. */
  readonly onTriggerFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (this.loading && to && !this.#host.shadowRoot?.contains(to)) this.hide();
  };

  /** For the menu's `keydown`. */
  readonly onMenuKeyDown = (event: KeyboardEvent): void => this.#part.module?.menuKeyDown(event, this.#hideMenu);

  /** For the menu's `focusout`: focus that left for somewhere else on the page ends the menu, without pulling it back. */
  readonly onMenuFocusOut = (event: FocusEvent): void => this.#part.module?.menuFocusOut(event, this.#hideMenu);

  readonly #hideMenu = (restoreFocus?: boolean): void => this.hide(restoreFocus);

  readonly #onDocumentPointerDown = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this.#host)) this.hide();
  };

  #menu(): HTMLElement | null {
    return this.#host.shadowRoot?.querySelector<HTMLElement>('.menu') ?? null;
  }
}
