import type { ReactiveController, ReactiveControllerHost } from 'lit';

type FloatingUi = typeof import('@floating-ui/dom');
let floatingUi: Promise<FloatingUi | null> | undefined;
/**
 * Floating UI comes with the first menu opened, not with the kit: it is ~6 KB gzip that a listener who never opens
 * a seat menu would load for nothing (the kit's initial-load budget, BENCHMARKS.md "Kit size"). A failed load is
 * forgotten (the next open tries again) and that menu opens unplaced rather than not at all.
 */
function loadFloatingUi(): Promise<FloatingUi | null> {
  floatingUi ??= import('@floating-ui/dom').catch(() => {
    floatingUi = undefined;
    return null;
  });
  return floatingUi;
}

/** The menu opens in the top layer where supported, so no ancestor's overflow or stacking context can cover it. */
export const POPOVER = typeof HTMLElement !== 'undefined' && 'popover' in HTMLElement.prototype;

type Host = ReactiveControllerHost & HTMLElement;

/**
 * A menu button's menu in the host's shadow tree (`.menu`, items with `role="menuitem"`): it opens in the top layer
 * (a manual popover) under its trigger, aligned with its inline start (its left edge, its right edge in RTL), or
 * above it when there is no room below, kept inside the viewport, and follows scrolling, resizing and layout shifts;
 * arrow keys, Home and End move through the items, Escape closes it and gives focus back to the trigger, and Tab, a
 * click outside the host or focus leaving for elsewhere on the page close it. Where popovers are not supported the
 * host shows the menu in place (see `shiftIntoView`).
 */
export class MenuController implements ReactiveController {
  private isOpen = false;
  /** Ends `autoUpdate` while the menu is open. */
  private stopPlacing: (() => void) | undefined;

  /** `trigger` finds the button the menu belongs to (focus comes back to it; the menu is placed against it). */
  constructor(
    private readonly host: Host,
    private readonly trigger: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  get open(): boolean {
    return this.isOpen;
  }

  /** Opens the menu and focuses its first item. */
  show(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.host.requestUpdate();
    document.addEventListener('pointerdown', this.onDocumentPointerDown, true);
    // The popover stays hidden until Floating UI is here to place it, so a first open never flashes in the corner.
    void Promise.all([loadFloatingUi(), this.host.updateComplete]).then(([ui]) => {
      if (!this.isOpen) return;
      const menu = this.menu();
      if (POPOVER && menu && !menu.matches(':popover-open')) menu.showPopover();
      if (POPOVER && menu && ui)
        this.stopPlacing = ui.autoUpdate(this.trigger() ?? this.host, menu, () => void this.place(ui, menu));
      this.items()[0]?.focus();
    });
  }

  /** Closes the menu; `restoreFocus` puts focus back on the trigger (Escape, or after choosing an item). */
  hide(restoreFocus = false): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.host.requestUpdate();
    document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
    this.stopPlacing?.();
    this.stopPlacing = undefined;
    const menu = this.menu();
    if (POPOVER && menu?.matches(':popover-open')) menu.hidePopover();
    if (restoreFocus) this.trigger()?.focus();
  }

  hostDisconnected(): void {
    this.hide();
  }

  /** For the trigger's `keydown`: Escape closes an open menu, ArrowDown goes into it, as in a menu button. */
  readonly onTriggerKeyDown = (event: KeyboardEvent): void => {
    if (!this.isOpen || (event.key !== 'Escape' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') this.hide(true);
    else this.items()[0]?.focus();
  };

  /** For the menu's `keydown`. */
  readonly onMenuKeyDown = (event: KeyboardEvent): void => {
    const items = this.items();
    const current = items.indexOf(this.host.shadowRoot?.activeElement as HTMLElement);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = (current + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (current - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.hide(true);
        return;
      case 'Tab':
        this.hide();
        return;
      default:
        return;
    }
    // Arrow keys inside the menu belong to the menu, not to an enclosing roving focus (a seat grid's).
    event.preventDefault();
    event.stopPropagation();
    items[next]?.focus();
  };

  /** For the menu's `focusout`: focus that left for somewhere else on the page ends the menu, without pulling it back. */
  readonly onMenuFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (to && this.host.shadowRoot?.contains(to)) return;
    if (to) this.hide();
  };

  private readonly onDocumentPointerDown = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this.host)) this.hide();
  };

  private items(): HTMLElement[] {
    return [...(this.host.shadowRoot?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  }

  private menu(): HTMLElement | null {
    return this.host.shadowRoot?.querySelector<HTMLElement>('.menu') ?? null;
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
   * measured with `bench/kit-size.ts`: +5.9 KB gzip when it sat in the kit's entry chunk, so it loads with the first
   * menu opened instead (`loadFloatingUi`; BENCHMARKS.md, "Kit size").
   */
  private async place(ui: FloatingUi, menu: HTMLElement): Promise<void> {
    const { computePosition, flip, offset, shift } = ui;
    const trigger = this.trigger() ?? this.host;
    const { x, y, placement } = await computePosition(trigger, menu, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [offset(4), flip({ padding: 8 }), shift({ padding: 8, crossAxis: true })],
    });
    if (!this.isOpen) return;
    menu.style.setProperty('--_left', `${Math.round(x)}px`);
    menu.style.setProperty('--_top', `${Math.round(y)}px`);
    menu.toggleAttribute('data-above', placement.startsWith('top'));
  }
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
  private last: readonly unknown[] = [];

  constructor(
    private readonly root: () => ParentNode | null | undefined,
    private readonly selectors: readonly string[],
  ) {}

  follow(key: readonly unknown[]): void {
    if (key.length === this.last.length && key.every((part, i) => part === this.last[i])) return;
    this.last = key;
    for (const selector of this.selectors) shiftIntoView(this.root()?.querySelector<HTMLElement>(selector));
  }
}
