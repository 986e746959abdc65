import { css } from 'lit';
import { focusRing, reducedMotion, spinner } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  focusRing,
  spinner,
  reducedMotion,
  css`
    :host {
      display: block;
      container-type: inline-size;
    }
    button,
    select {
      font: inherit;
      color: inherit;
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-3);
      padding: var(--vr-space-3) var(--vr-space-3) var(--vr-space-3);
      border-radius: var(--vr-radius-l) var(--vr-radius-l) var(--vr-radius-m) var(--vr-radius-m);
      background: var(--vr-gift-panel-bg, var(--vr-color-surface));
      border: 1px solid var(--vr-color-border);
      box-shadow: var(--vr-shadow-m);
    }

    /* ---- receivers ---- */

    .head {
      display: flex;
      align-items: center;
      gap: var(--vr-space-2);
      min-block-size: 40px;
    }
    .label {
      flex: none;
      font-size: var(--vr-font-size-s);
      font-weight: 600;
      color: var(--vr-color-text-muted);
    }
    .receivers {
      display: flex;
      gap: 6px;
      overflow-x: auto;
      padding: 4px;
      margin: -4px 0;
      scrollbar-width: none;
      min-inline-size: 0;
    }
    .receiver {
      position: relative;
      flex: none;
      padding: 0;
      border: 0;
      background: none;
      border-radius: 50%;
      cursor: pointer;
    }
    .avatar {
      display: grid;
      place-items: center;
      inline-size: 34px;
      block-size: 34px;
      border-radius: 50%;
      overflow: hidden;
      background: var(--vr-seat-empty-bg);
      color: var(--vr-color-text-muted);
      font-size: 12px;
      font-weight: 700;
      box-shadow: 0 0 0 2px var(--vr-gift-panel-bg, var(--vr-color-surface)), 0 0 0 2px transparent;
      transition: box-shadow var(--vr-duration-fast) ease, transform var(--vr-duration-fast) ease;
      opacity: 0.72;
    }
    .avatar img {
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    .receiver:hover .avatar {
      opacity: 1;
    }
    .receiver.checked .avatar {
      opacity: 1;
      color: var(--vr-color-text);
      box-shadow: 0 0 0 2px var(--vr-gift-panel-bg, var(--vr-color-surface)), 0 0 0 4px var(--vr-color-accent-2);
    }
    .host-dot {
      position: absolute;
      inset-block-end: -1px;
      inset-inline-end: -1px;
      inline-size: 12px;
      block-size: 12px;
      border-radius: 50%;
      background: var(--vr-gradient-accent);
      border: 2px solid var(--vr-gift-panel-bg, var(--vr-color-surface));
    }
    .receiver-name {
      flex: 1 1 auto;
      min-inline-size: 0;
      font-size: var(--vr-font-size-s);
      font-weight: 600;
      color: var(--vr-color-accent-2);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .no-receiver,
    .empty {
      margin: 0;
      font-size: var(--vr-font-size-s);
      color: var(--vr-color-text-muted);
    }
    .empty {
      display: grid;
      place-items: center;
      min-block-size: 120px;
    }

    /* ---- tabs ---- */

    .tabs {
      display: flex;
      gap: var(--vr-space-4);
      border-block-end: 1px solid var(--vr-color-border);
    }
    .tab {
      position: relative;
      padding: 2px 2px 8px;
      border: 0;
      background: none;
      font-size: var(--vr-font-size-m);
      font-weight: 600;
      color: var(--vr-color-text-muted);
      cursor: pointer;
    }
    .tab.selected {
      color: var(--vr-color-text);
    }
    .tab.selected::after {
      content: '';
      position: absolute;
      inset-inline: 20%;
      inset-block-end: -1px;
      block-size: 3px;
      border-radius: 3px;
      background: var(--vr-gradient-accent);
    }

    /* ---- gifts ---- */

    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--vr-gift-panel-columns, 76px), 1fr));
      gap: 6px;
      max-block-size: var(--vr-gift-panel-grid-height, 228px);
      overflow-y: auto;
      padding: 2px;
      margin: -2px;
      scrollbar-width: thin;
    }
    .gift {
      position: relative;
      display: grid;
      justify-items: center;
      align-content: start;
      gap: 2px;
      padding: 10px 4px 8px;
      border: 1.5px solid transparent;
      border-radius: var(--vr-radius-m);
      background: transparent;
      cursor: pointer;
      transition: background var(--vr-duration-fast) ease, border-color var(--vr-duration-fast) ease;
    }
    .gift:hover {
      background: var(--vr-color-surface-sunken);
    }
    .gift.checked {
      border-color: var(--vr-color-accent-2);
      background: linear-gradient(180deg, var(--vr-color-accent-soft), transparent 130%);
    }
    .icon {
      inline-size: 48px;
      block-size: 48px;
      transition: transform var(--vr-duration-medium) var(--vr-easing);
    }
    .gift.checked .icon {
      transform: scale(1.12);
    }
    /* Names wrap onto a second line instead of being cut ("Love Bu…" in a 6-column sheet); only a name too long
       for two lines is clamped. Short names keep the same height, so the grid's rows stay aligned. */
    .name {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      max-inline-size: 100%;
      overflow: hidden;
      overflow-wrap: break-word;
      text-align: center;
      line-height: 1.2;
      font-size: var(--vr-font-size-s);
      font-weight: 600;
    }
    .price {
      display: inline-flex;
      align-items: center;
      gap: 3px;
      font-size: var(--vr-font-size-xs);
      color: var(--vr-color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .coin {
      inline-size: 12px;
      block-size: 12px;
      flex: none;
    }
    .level {
      position: absolute;
      inset-block-start: 4px;
      inset-inline-end: 4px;
      padding: 0 5px;
      border-radius: var(--vr-radius-pill);
      font-size: 9px;
      font-weight: 800;
      line-height: 15px;
      letter-spacing: 0.02em;
      color: #fff;
      background: #6b6487;
    }
    /* Solid colours with at least 4.5:1 against the white label (axe cannot judge gradients). */
    .level[data-level='2'] {
      background: #2563eb;
    }
    .level[data-level='3'] {
      background: #7c3aed;
    }
    .level[data-level='4'] {
      background: #be185d;
    }
    .level[data-level='5'] {
      background: #c2410c;
    }

    /* ---- messages ---- */

    .alert {
      display: flex;
      align-items: center;
      gap: var(--vr-space-2);
      margin: 0;
      padding: 6px 6px 6px 12px;
      border-radius: var(--vr-radius-m);
      font-size: var(--vr-font-size-s);
      font-weight: 600;
      color: var(--vr-color-danger);
      background: var(--vr-color-danger-soft);
    }
    .alert span {
      flex: 1;
    }
    /* Empty, a live region takes no room: it cancels the panel's gap above it (still on the page, so it speaks). */
    .alert-region:empty {
      margin-block-start: calc(-1 * var(--vr-space-3));
    }
    .alert.warn {
      color: var(--vr-color-warning);
      background: light-dark(rgb(180 83 9 / 0.08), rgb(251 191 36 / 0.12));
      padding-block: 8px;
    }
    .dismiss {
      inline-size: 24px;
      block-size: 24px;
      border: 0;
      border-radius: 50%;
      background: none;
      font-size: 16px;
      line-height: 1;
      cursor: pointer;
    }

    /* ---- footer ---- */

    .foot {
      display: flex;
      align-items: center;
      gap: var(--vr-space-2);
      padding-block-start: var(--vr-space-2);
      border-block-start: 1px solid var(--vr-color-border);
    }
    .balance {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font-weight: 700;
      font-size: var(--vr-font-size-m);
      font-variant-numeric: tabular-nums;
    }
    .balance .coin {
      inline-size: 16px;
      block-size: 16px;
    }
    .recharge {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      padding: 4px 10px;
      border: 0;
      border-radius: var(--vr-radius-pill);
      background: light-dark(rgb(245 158 11 / 0.14), rgb(251 191 36 / 0.16));
      color: light-dark(#92400e, #fcd34d);
      font-size: var(--vr-font-size-s);
      font-weight: 700;
      cursor: pointer;
    }
    .recharge.urge {
      background: linear-gradient(135deg, #f59e0b, #f97316);
      color: #fff;
      box-shadow: 0 2px 10px rgb(249 115 22 / 0.35);
    }
    .spacer {
      flex: 1;
    }
    .send-group {
      display: inline-flex;
      align-items: stretch;
      block-size: 36px;
      border-radius: var(--vr-radius-pill);
      border: 1.5px solid var(--vr-color-accent-2);
      overflow: hidden;
      flex: none;
    }
    .count {
      appearance: none;
      border: 0;
      padding: 0 22px 0 12px;
      background:
        linear-gradient(45deg, transparent 50%, currentColor 50%) right 12px center / 5px 5px no-repeat,
        linear-gradient(-45deg, transparent 50%, currentColor 50%) right 7px center / 5px 5px no-repeat,
        var(--vr-gift-panel-bg, var(--vr-color-surface));
      font-weight: 700;
      font-size: var(--vr-font-size-m);
      font-variant-numeric: tabular-nums;
      cursor: pointer;
      border-radius: var(--vr-radius-pill) 0 0 var(--vr-radius-pill);
    }
    .count option {
      background: var(--vr-color-surface);
      color: var(--vr-color-text);
    }
    .send {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 0 18px;
      border: 0;
      background: var(--vr-gradient-accent);
      color: var(--vr-color-text-on-accent);
      font-weight: 700;
      font-size: var(--vr-font-size-m);
      cursor: pointer;
      border-radius: 0 var(--vr-radius-pill) var(--vr-radius-pill) 0;
    }
    .send:disabled {
      cursor: not-allowed;
      background: light-dark(#b7b1c8, #4a4360);
      color: light-dark(#ffffff, #d6d0e4);
    }
    .send[aria-busy='true'] {
      background: var(--vr-gradient-accent);
      opacity: 0.85;
      cursor: progress;
    }
    .send .spinner {
      inline-size: 14px;
      block-size: 14px;
    }

    @container (max-width: 340px) {
      .recharge span {
        display: none;
      }
      .send {
        padding: 0 12px;
      }
    }
  `,
];
