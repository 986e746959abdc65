import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The rows to draw for a scroll position: only what is visible, plus `overscan` rows either side. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(rowHeight, viewportHeight)) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
}

/**
 * The window of a fixed-height list that is in the DOM: follows its viewport's scroll (at most once per animation
 * frame) and height, so 10,000 members scroll with a few dozen rows. Each change requests a host update.
 */
export class ListWindow implements ReactiveController {
  private scrollTop = 0;
  private height = 480;
  private frame = 0;

  /** `viewport` finds the scrolling box in the host's tree (absent while the list is not shown). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly viewport: () => HTMLElement | null | undefined,
  ) {
    host.addController(this);
  }

  /** The index range of rows to render out of `count`, `rowHeight` px each, with `overscan` rows either side. */
  range(rowHeight: number, count: number, overscan: number): { start: number; end: number } {
    return visibleRange(this.scrollTop, this.height, rowHeight, count, overscan);
  }

  /** Back to the top (a new list: the panel opened again, a new search). */
  reset(): void {
    this.scrollTop = 0;
    const viewport = this.viewport();
    if (viewport) viewport.scrollTop = 0;
    this.host.requestUpdate();
  }

  /** Reads the viewport's height (once it is laid out). */
  measure(): void {
    const viewport = this.viewport();
    if (viewport && viewport.clientHeight > 0 && viewport.clientHeight !== this.height) {
      this.height = viewport.clientHeight;
      this.host.requestUpdate();
    }
  }

  /** For the viewport's `scroll`: one read per frame however many events arrive. */
  readonly onScroll = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const viewport = this.viewport();
      if (!viewport) return;
      this.scrollTop = viewport.scrollTop;
      this.measure();
      this.host.requestUpdate();
    });
  };

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}
