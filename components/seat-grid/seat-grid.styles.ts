import { css } from 'lit';
import { reducedMotion } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  css`
    :host {
      display: block;
      --_grid-seat-size: var(--vr-seat-size, 64px);
    }
    .base {
      padding: var(--vr-seat-grid-padding, var(--vr-space-2));
      container-type: inline-size;
    }

    /* Seats shrink with narrow containers (a 5-column grid on a phone) instead of overlapping. */
    .grid {
      --_gap-x: var(--vr-seat-grid-column-gap, var(--vr-space-2));
      --vr-seat-cell: calc((100cqi - (var(--_columns, 5) - 1) * var(--_gap-x)) / var(--_columns, 5));
      --vr-seat-size: clamp(36px, calc(var(--vr-seat-cell) - 14px), var(--_grid-seat-size));
      display: grid;
      grid-template-columns: repeat(var(--_columns, 5), minmax(0, 1fr));
      gap: var(--vr-seat-grid-row-gap, var(--vr-space-4)) var(--_gap-x);
      justify-items: center;
    }

    .row {
      display: flex;
      flex-wrap: nowrap;
      align-items: flex-start;
      gap: var(--vr-space-2);
    }
    .stage {
      justify-content: center;
      margin-block-end: var(--vr-space-4);
    }

    .rows {
      display: flex;
      flex-direction: column;
    }

    .list {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-2);
      --vr-seat-size: min(var(--_grid-seat-size), 48px);
    }

    vr-seat {
      min-inline-size: 0;
      max-inline-size: 100%;
    }
    .grid vr-seat {
      inline-size: 100%;
      container: vr-seat-cell / inline-size;
    }
  `,
  reducedMotion,
];
