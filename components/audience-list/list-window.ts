import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { visibleRange } from './visible-range.js';

export { visibleRange } from './visible-range.js';

// Kept instead of `@lit-labs/virtualizer` (issue 16 §5), on a spike that made the virtualizer (2.1.1, `virtualize`
// directive, flow layout) the list, measured with the same tests and page (BENCHMARKS.md, "Audience list: virtual
// scroller"; 2 shared cores, load average 3–22):
// - Size: the audience panel's lazy chunk grows from 2.6 KB to 7.5 KB gzip plus a 3.1 KB flow-layout chunk, both
//   fetched on the first open (4× the bytes); the kit's total 144.2 → 152.0 KB; the initial load is unchanged.
// - Faults: every open raised "ResizeObserver loop completed with undelivered notifications" on window (8 of the
//   15 tests failed on it, and a page's error reporting would log it); removing a member made the directive render
//   its old range past the end of the items (a TypeError in our key function until guarded); with those errors
//   muted, the rows did not follow a jump (row 1 missing after a jump back to the top; in the one-off benchmark the
//   visible rows were still not in the DOM 10 frames after 180 of 200 wheel steps and 200 of 200 jumps, where this
//   window has them after 1 frame (58 ms median) and 2 frames (107 ms); why its rows stayed put there was not found).
// - Cost: 24–28 rows (497–577 shadow nodes) in the DOM against 18–19 (387–407) here, as its overhang is 1,000 px
//   each way and not configurable (`overscan` would stop meaning anything).
// Its gain, rows of any height measured as they render, is what this list does not need: rows have one fixed height,
// so the window is arithmetic (`visibleRange`). The one thing it did that this did not, following a list that is
// resized without a scroll, is the ResizeObserver below. Neither kept keyboard focus on a row action whose row
// scrolled out and back; `windowRows` now keeps that row rendered. aria-setsize/posinset, RTL and paging are ours
// either way.

/**
 * The rows to render: the window `[start, end)` and, where it lies outside, `pinned` (the row holding keyboard
 * focus, -1 for none), in list order so it never moves in the DOM (a moved node loses focus).
 */
export function windowRows({ start, end }: { start: number; end: number }, pinned: number): number[] {
  const rows = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
  if (pinned < 0 || (pinned >= start && pinned < end)) return rows;
  return pinned < start ? [pinned, ...rows] : [...rows, pinned];
}

/**
 * The window of a fixed-height list that is in the DOM: follows its viewport's scroll (at most once per animation
 * frame) and height (a resized window or `--vr-audience-list-height`), so 10,000 members scroll with a few dozen
 * rows. Each change requests a host update.
 */
export class ListWindow implements ReactiveController {
  #scrollTop = 0;
  #height = 480;
  #frame = 0;
  /** The viewport whose size is observed (it comes and goes with the panel). */
  #observed: HTMLElement | null = null;
  readonly #resizes = new ResizeObserver(() => this.measure());

  readonly #host: ReactiveControllerHost;
  readonly #viewport: () => HTMLElement | null | undefined;

  /** `viewport` finds the scrolling box in the host's tree (absent while the list is not shown). */
  constructor(host: ReactiveControllerHost, viewport: () => HTMLElement | null | undefined) {
    this.#host = host;
    this.#viewport = viewport;
    host.addController(this);
  }

  /** The index range of rows to render out of `count`, `rowHeight` px each, with `overscan` rows either side. */
  range(rowHeight: number, count: number, overscan: number): { start: number; end: number } {
    return visibleRange(this.#scrollTop, this.#height, rowHeight, count, overscan);
  }

  /** Back to the top (a new list: the panel opened again, a new search). */
  reset(): void {
    this.#scrollTop = 0;
    const viewport = this.#viewport();
    if (viewport) viewport.scrollTop = 0;
    this.#host.requestUpdate();
  }

  /** Reads the viewport's height (once it is laid out). */
  measure(): void {
    const viewport = this.#viewport();
    if (viewport && viewport.clientHeight > 0 && viewport.clientHeight !== this.#height) {
      this.#height = viewport.clientHeight;
      this.#host.requestUpdate();
    }
  }

  /** For the viewport's `scroll`: one read per frame however many events arrive. */
  readonly onScroll = (): void => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const viewport = this.#viewport();
      if (!viewport) return;
      this.#scrollTop = viewport.scrollTop;
      this.measure();
      this.#host.requestUpdate();
    });
  };

  /** Observes the viewport's size from the update that renders it (and again if the panel renders a new one). */
  hostUpdated(): void {
    const viewport = this.#viewport() ?? null;
    if (viewport === this.#observed) return;
    if (this.#observed) this.#resizes.unobserve(this.#observed);
    if (viewport) this.#resizes.observe(viewport);
    this.#observed = viewport;
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#resizes.disconnect();
    this.#observed = null;
  }
}
