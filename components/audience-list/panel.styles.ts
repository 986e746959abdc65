import { css, unsafeCSS } from 'lit';
import { panelButtonStyles } from './panel-buttons.js';

// The styles of `<vr-audience-list>`'s panel (panel.ts): they come with its chunk, adopted into the element's shadow root.

const own = css`
    /* ---- removal dialog (over the panel) ---- */
    dialog.kick-confirm {
      inline-size: min(360px, calc(100vw - 32px));
      margin: auto;
      border-radius: 20px;
      border-block-end: 1px solid var(--vr-color-border);
    }
    .confirm-body {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-3);
      padding: var(--vr-space-5);
    }
    .confirm-title {
      margin: 0;
      font-size: 18px;
      font-weight: 750;
      overflow-wrap: anywhere;
    }
    .confirm-text {
      margin: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .ban {
      display: flex;
      flex-direction: column;
      gap: 2px;
      margin: 0;
      padding: 0;
      border: 0;
    }
    .ban legend {
      padding: 0;
      margin-block-end: var(--vr-space-1);
      font-weight: 650;
      font-size: var(--vr-font-size-s);
    }
    .ban-option {
      display: flex;
      align-items: center;
      gap: var(--vr-space-2);
      min-block-size: 36px;
      padding-inline: var(--vr-space-2);
      border-radius: var(--vr-radius-m);
      cursor: pointer;
    }
    .ban-option:has(input:checked) {
      background: var(--vr-color-surface-sunken);
    }
    .ban-option input {
      accent-color: var(--vr-color-danger);
      inline-size: 18px;
      block-size: 18px;
      margin: 0;
    }
    .confirm-actions {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--vr-space-2);
      margin-block-start: var(--vr-space-2);
    }
    .confirm-actions .btn {
      min-block-size: 40px;
      font-size: var(--vr-font-size-m);
      font-weight: 650;
    }
    /* The one irreversible button here: solid, and readable in both schemes (white on ≥ 5.9:1). */
    .confirm-actions .btn.danger {
      background: light-dark(#c81e4a, #e11d48);
      color: #fff;
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-3);
      padding: var(--vr-space-5) var(--vr-space-4) var(--vr-space-3);
    }
    .head {
      display: flex;
      align-items: flex-start;
      gap: var(--vr-space-3);
      padding-inline: var(--vr-space-2);
    }
    .head-text {
      flex: 1;
    }
    .title {
      margin: 0;
      font-size: 20px;
      font-weight: 750;
      letter-spacing: -0.01em;
    }
    .subtitle {
      margin: 2px 0 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
      font-variant-numeric: tabular-nums;
    }
    .search {
      position: relative;
      display: flex;
      align-items: center;
    }
    .search-icon {
      position: absolute;
      inset-inline-start: 13px;
      display: grid;
      color: var(--vr-color-text-muted);
      pointer-events: none;
    }
    .field {
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: 40px;
      padding: 0 12px 0 38px;
      border: 1px solid var(--vr-color-border);
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-sunken);
      color: var(--vr-color-text);
      font: inherit;
    }
    .alert-region:empty {
      display: none;
    }

    /* ---- the virtual list: a fixed-height viewport, a spacer as tall as every row, rows placed absolutely ---- */
    .viewport {
      position: relative;
      block-size: var(--vr-audience-list-height, min(60vh, 480px));
      overflow-y: auto;
      overscroll-behavior: contain;
      contain: strict;
      margin-inline: calc(var(--vr-space-2) * -1);
    }
    .spacer {
      position: relative;
      contain: layout size;
    }
    .row {
      --_avatar-size: 40px;
      position: absolute;
      inset-inline: 0;
      inset-block-start: 0;
      box-sizing: border-box;
      display: flex;
      align-items: center;
      gap: var(--vr-space-3);
      block-size: var(--_row, 60px);
      padding: 0 var(--vr-space-3);
      border-radius: var(--vr-radius-m);
      will-change: transform;
    }
    .row:hover {
      background: var(--vr-color-surface-sunken);
    }
    .row[aria-busy='true'] {
      opacity: 0.7;
    }
    .you {
      color: var(--vr-color-text-muted);
      font-weight: 500;
    }
    .tags {
      display: flex;
      gap: 4px;
      min-block-size: 0;
    }
    .tags:empty {
      display: none;
    }
    .tag {
      padding: 1px 7px;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-sunken);
      color: var(--vr-color-text-muted);
      font-size: 10px;
      font-weight: 700;
      line-height: 15px;
      letter-spacing: 0.02em;
    }
    .tag.owner {
      background: var(--vr-gradient-accent);
      color: #fff;
    }
    .tag.admin {
      background: linear-gradient(135deg, #4f46e5, #7c3aed);
      color: #fff;
    }
    .tag.seat,
    .tag.invited {
      background: var(--vr-color-accent-soft);
      color: var(--vr-color-accent-strong);
    }
    .tag.muted {
      background: var(--vr-color-danger-soft);
      color: var(--vr-color-danger);
    }
    .actions {
      flex: none;
      display: flex;
      gap: 2px;
    }
    .row-action {
      inline-size: 34px;
      min-block-size: 34px;
      font-size: 17px;
      background: transparent;
      color: var(--vr-color-text-muted);
    }
    .row-action.accent {
      color: var(--vr-color-accent);
    }
    .row-action.danger:hover {
      background: var(--vr-color-danger-soft);
      color: var(--vr-color-danger);
    }
    .row-action.on {
      background: var(--vr-color-danger-soft);
      color: var(--vr-color-danger);
    }
    .foot {
      display: flex;
      justify-content: center;
      padding: var(--vr-space-3) 0 var(--vr-space-2);
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .loading {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      color: var(--vr-color-accent);
    }
    .empty {
      margin: 0;
      padding: var(--vr-space-6) var(--vr-space-4);
      color: var(--vr-color-text-muted);
      text-align: center;
    }
`;

// One sheet (the host adopts one): the icon and danger buttons' and the fields' rules first, as they came before the
// panel's own rules when they were part of the host's `buttonStyles`. The css tag takes no rules in a hole (the
// build's minifier), hence unsafeCSS over two minified constants.
export const styles = unsafeCSS(`${panelButtonStyles}${own}`);
