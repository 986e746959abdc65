import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { distinctUntilChanged, map } from 'rxjs';
import { VrElement } from '../base/vr-element.js';
import { msg } from '../i18n/locale.js';
import { type SeatRenderer, VrSeat } from '../seat/seat.js';
import { styles } from './seat-grid.styles.js';

export const SeatLayout = {
  /** Even rows and columns (`columns`, or a count that suits the seat count). */
  grid: 'grid',
  /** The host's seat (seat 0) large on its own row, the others in a grid below. */
  focus: 'focus',
  /** One seat per line, avatar beside the name. */
  vertical: 'vertical',
  /** Rows as configured in `rows` (the seed's SeatViewLayoutConfig). */
  free: 'free',
} as const;
export type SeatLayout = (typeof SeatLayout)[keyof typeof SeatLayout];

export const SeatRowAlignment = {
  start: 'start',
  end: 'end',
  center: 'center',
  spaceBetween: 'space-between',
  spaceAround: 'space-around',
  spaceEvenly: 'space-evenly',
} as const;
export type SeatRowAlignment = (typeof SeatRowAlignment)[keyof typeof SeatRowAlignment];

/** One row of the `free` layout (the seed's SeatViewLayoutRowConfig). */
export interface SeatRowConfig {
  /** Seats in this row. */
  readonly count: number;
  /** Avatar diameter in px for this row (default: `--vr-seat-size`). */
  readonly seatSize?: number;
  /** Horizontal gap between seats in px. */
  readonly seatSpacing?: number;
  readonly alignment?: SeatRowAlignment;
}

const JUSTIFY: Record<SeatRowAlignment, string> = {
  start: 'flex-start',
  end: 'flex-end',
  center: 'center',
  'space-between': 'space-between',
  'space-around': 'space-around',
  'space-evenly': 'space-evenly',
};

/** Columns that make even rows for common seat counts: 8 → 4×2, 10 → 5×2, 9 → 3×3, 6 → 3×2. */
export function autoColumns(count: number): number {
  if (count <= 4) return Math.max(1, count);
  return [4, 5, 3].find((c) => count % c === 0 && count / c <= 5) ?? 5;
}

/**
 * Splits `count` seats into the configured rows; seats beyond the configuration continue in rows shaped like
 * the last one, so a room that grows never hides seats.
 */
export function freeRows(
  count: number,
  rows: readonly SeatRowConfig[],
): { config: SeatRowConfig; indices: number[] }[] {
  const result: { config: SeatRowConfig; indices: number[] }[] = [];
  const fallback: SeatRowConfig = { count: 5, alignment: 'center' };
  let next = 0;
  let r = 0;
  while (next < count) {
    const config = rows[r] ?? rows[rows.length - 1] ?? fallback;
    const size = Math.max(1, Math.floor(config.count));
    const indices: number[] = [];
    for (let i = 0; i < size && next < count; i += 1) indices.push(next++);
    result.push({ config, indices });
    r += 1;
  }
  return result;
}

/**
 * @summary The seats of a voice room, laid out as a grid, a host-focused stage, a list, or free rows.
 *
 * @description Renders one `<vr-seat>` per seat of the room and gives the set a single tab stop: arrow keys move
 * between seats (Up/Down by visual row, in every layout), Home/End jump to the first and last seat. Seat actions,
 * their events and pending/error states are the seats' own (see `<vr-seat>`); they bubble out of the grid.
 *
 * @fires vr-seat-select - From a seat: a seat was activated. Cancelable.
 * @fires vr-seat-take - From a seat (see `<vr-seat>` for every seat intent). Cancelable.
 *
 * @csspart base - The layout container.
 * @csspart row - Each row of the `focus` and `free` layouts.
 * @csspart seat - Each `<vr-seat>` (its own parts are reachable through `vr-seat::part(...)` from inside).
 *
 * @cssproperty --vr-seat-size - Largest avatar diameter (default 64px; grid seats shrink to fit narrow containers,
 *   the focus seat is 1.4× this).
 * @cssproperty --vr-seat-grid-row-gap - Space between grid rows (default 16px).
 * @cssproperty --vr-seat-grid-column-gap - Space between grid columns (default 8px).
 * @cssproperty --vr-seat-grid-padding - Space around the seats (default 8px).
 */
@customElement('vr-seat-grid')
export class VrSeatGrid extends VrElement {
  static override styles = styles;

  @property({ reflect: true }) layout: SeatLayout = 'grid';

  /** Columns of the `grid` layout (and of the lower part of `focus`); 0 picks a count that suits the seats. */
  @property({ type: Number }) columns = 0;

  /** Rows of the `free` layout. */
  @property({ attribute: false }) rows: readonly SeatRowConfig[] = [];

  /** Vertical space between rows of the `free` layout, in px. */
  @property({ type: Number, attribute: 'row-spacing' }) rowSpacing = 12;

  /**
   * Audio level per seat index, 0–100 (from the voice layer); a seat above `speakingThreshold` is speaking.
   * Handed to the seats without re-rendering the grid: levels change about 10×/s per seat, and only the seats whose
   * level changed have anything to do (see `<vr-seat>`'s `level`).
   */
  @property({ attribute: false, noAccessor: true })
  get levels(): Readonly<Record<number, number>> {
    return this.#currentLevels;
  }
  set levels(levels: Readonly<Record<number, number>>) {
    this.#currentLevels = levels;
    // Seats rendered later take their level from the template; the ones on the page get it here.
    for (const seat of this.renderRoot?.querySelectorAll<VrSeat>('vr-seat') ?? []) seat.level = levels[seat.index] ?? 0;
  }
  #currentLevels: Readonly<Record<number, number>> = {};

  @property({ type: Number, attribute: 'speaking-threshold' }) speakingThreshold = 10;

  /** Draws each seat's face; the seats keep their buttons, menus and labels. */
  @property({ attribute: false }) renderSeat: SeatRenderer | undefined;

  /** The seat holding the grid's single tab stop. */
  @state() private activeIndex = 0;

  readonly #count = this.observe(
    (room) =>
      room.seats$.pipe(
        map((seats) => seats.length),
        distinctUntilChanged(),
      ),
    0,
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.activeIndex >= this.#count.value) this.activeIndex = 0;
  }

  /** The seat elements in index order. */
  get seatElements(): VrSeat[] {
    return [...this.renderRoot.querySelectorAll<VrSeat>('vr-seat')].sort((a, b) => a.index - b.index);
  }

  /** Moves focus to a seat (and the grid's tab stop with it). */
  focusSeat(index: number): void {
    const seat = this.seatElements.find((s) => s.index === index);
    if (!seat) return;
    this.activeIndex = index;
    seat.focus();
  }

  override render() {
    const count = this.#count.value;
    return html`<div
      part="base"
      class="base"
      role="group"
      aria-label=${msg('seat.grid')}
      lang=${this.localize.locale}
      @keydown=${this.#onKeyDown}
      @focusin=${this.#onFocusIn}
    >
      ${count === 0 ? nothing : this.#renderLayout(count)}
    </div>`;
  }

  #renderLayout(count: number) {
    const all = Array.from({ length: count }, (_, i) => i);
    switch (this.layout) {
      case 'focus': {
        const rest = all.slice(1);
        return html`
          <div class="row stage" part="row">${this.#renderSeatAt(0, { '--vr-seat-size': 'calc(var(--_grid-seat-size) * 1.4)' })}</div>
          ${rest.length ? this.#renderGrid(rest) : nothing}
        `;
      }
      case 'vertical':
        return html`<div class="list">${repeat(
          all,
          (i) => i,
          (i) => this.#renderSeatAt(i, {}, 'row'),
        )}</div>`;
      case 'free':
        return html`<div class="rows" style=${styleMap({ gap: `${this.rowSpacing}px` })}>
          ${freeRows(count, this.rows).map(
            ({ config, indices }) => html`<div
              class="row"
              part="row"
              style=${styleMap({
                justifyContent: JUSTIFY[config.alignment ?? 'center'] ?? 'center',
                gap: config.seatSpacing !== undefined ? `${config.seatSpacing}px` : null,
              })}
            >
              ${indices.map((i) => this.#renderSeatAt(i, config.seatSize ? { '--vr-seat-size': `${config.seatSize}px` } : {}))}
            </div>`,
          )}
        </div>`;
      default:
        return this.#renderGrid(all);
    }
  }

  /** Even columns (`columns`, or a count that suits these seats). */
  #renderGrid(indices: number[]) {
    return html`<div class="grid" style=${styleMap({ '--_columns': String(this.columns || autoColumns(indices.length)) })}>
      ${repeat(
        indices,
        (i) => i,
        (i) => this.#renderSeatAt(i),
      )}
    </div>`;
  }

  #renderSeatAt(index: number, style: Record<string, string> = {}, variant: 'tile' | 'row' = 'tile') {
    return html`<vr-seat
      part="seat"
      .room=${this.room}
      .index=${index}
      .level=${this.levels[index] ?? 0}
      .speakingThreshold=${this.speakingThreshold}
      .renderSeat=${this.renderSeat}
      .noTabStop=${index !== this.activeIndex}
      variant=${variant}
      style=${styleMap(style)}
    ></vr-seat>`;
  }

  #onFocusIn = (event: FocusEvent): void => {
    const seat = event.composedPath().find((node): node is VrSeat => node instanceof VrSeat);
    if (seat && seat.index !== this.activeIndex) this.activeIndex = seat.index;
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const path = event.composedPath();
    const from = path.find((node): node is VrSeat => node instanceof VrSeat);
    // Keys typed inside a seat's menu or alert are theirs.
    if (!from || path.some((node) => node instanceof HTMLElement && node.matches('[role="menu"], [role="alert"]')))
      return;
    const seats = this.seatElements;
    const position = seats.indexOf(from);
    const rtl = getComputedStyle(this).direction === 'rtl';
    let target: VrSeat | undefined;
    switch (event.key) {
      case 'ArrowRight':
        target = seats[position + (rtl ? -1 : 1)];
        break;
      case 'ArrowLeft':
        target = seats[position + (rtl ? 1 : -1)];
        break;
      case 'ArrowDown':
        target = this.#verticalNeighbour(seats, from, 1);
        break;
      case 'ArrowUp':
        target = this.#verticalNeighbour(seats, from, -1);
        break;
      case 'Home':
        target = seats[0];
        break;
      case 'End':
        target = seats[seats.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target) this.focusSeat(target.index);
  };

  /** The seat in the next visual row up or down whose centre is closest horizontally: works for every layout. */
  #verticalNeighbour(seats: VrSeat[], from: VrSeat, direction: 1 | -1): VrSeat | undefined {
    // Each seat's centre, its y turned by `direction` so that the rows ahead always lie further down (larger y).
    const centre = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: (r.top + r.height / 2) * direction };
    };
    const origin = centre(from);
    const ahead = seats.map((s) => ({ s, c: centre(s) })).filter(({ c }) => c.y > origin.y + 4);
    // The nearest of those rows (none: Infinity, and no seat is in it).
    const rowY = Math.min(...ahead.map(({ c }) => c.y));
    const row = ahead.filter(({ c }) => c.y - rowY < 4);
    row.sort((a, b) => Math.abs(a.c.x - origin.x) - Math.abs(b.c.x - origin.x));
    return row[0]?.s;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-seat-grid': VrSeatGrid;
  }
}
