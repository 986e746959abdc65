import { css } from 'lit';
import { avatarStyles, buttonStyles } from '../audience-list/avatar.js';
import { panelButtonStyles } from '../audience-list/panel-buttons.js';
import { focusRing, personText, reducedMotion, spinner, visuallyHidden } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  focusRing,
  spinner,
  visuallyHidden,
  avatarStyles,
  buttonStyles,
  panelButtonStyles,
  personText,
  css`
    :host {
      display: block;
      font-size: var(--vr-font-size-m);
    }
    :host(:state(empty)) {
      display: none;
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-3);
    }
    :host(:state(manager)) .base {
      padding: var(--vr-space-4);
      border-radius: var(--vr-radius-l);
      background: var(--vr-color-surface);
      border: 1px solid var(--vr-color-border);
      box-shadow: var(--vr-shadow-s);
    }

    /* ---- head and tabs ---- */
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--vr-space-2) var(--vr-space-3);
    }
    .title {
      margin: 0;
      font-size: var(--vr-font-size-l);
      font-weight: 700;
      letter-spacing: -0.01em;
    }
    .tabs {
      display: inline-flex;
      padding: 3px;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-sunken);
    }
    .tab {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      min-block-size: 30px;
      padding: 0 14px;
      border: 0;
      border-radius: var(--vr-radius-pill);
      background: transparent;
      color: var(--vr-color-text-muted);
      font: inherit;
      font-size: var(--vr-font-size-s);
      font-weight: 650;
      cursor: pointer;
      transition:
        background-color var(--vr-duration-fast) ease,
        color var(--vr-duration-fast) ease;
    }
    .tab:focus-visible {
      outline: 2px solid var(--vr-focus-ring);
      outline-offset: 2px;
    }
    .tab[aria-selected='true'] {
      background: var(--vr-color-surface-raised);
      color: var(--vr-color-text);
      box-shadow: var(--vr-shadow-s);
    }
    .count {
      display: inline-grid;
      place-items: center;
      min-inline-size: 18px;
      block-size: 18px;
      padding: 0 5px;
      box-sizing: border-box;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-gradient-accent);
      color: var(--vr-color-text-on-accent);
      font-size: var(--vr-font-size-xs);
      font-variant-numeric: tabular-nums;
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-3);
    }
    .bulk {
      display: flex;
      justify-content: flex-end;
      gap: var(--vr-space-2);
    }

    /* ---- lists ---- */
    .list {
      display: flex;
      flex-direction: column;
      gap: 2px;
      margin: 0;
      padding: 0;
      list-style: none;
      max-block-size: var(--vr-seat-requests-max-height, 360px);
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    .item {
      --_avatar-size: 40px;
      display: flex;
      align-items: center;
      gap: var(--vr-space-3);
      padding: var(--vr-space-2);
      border-radius: var(--vr-radius-m);
      transition: background-color var(--vr-duration-fast) ease;
    }
    .item:hover {
      background: var(--vr-color-surface-sunken);
    }
    .item[aria-busy='true'] {
      opacity: 0.72;
    }
    .position {
      flex: none;
      inline-size: 16px;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-xs);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      text-align: center;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .meta.invited {
      color: var(--vr-color-accent);
      font-weight: 600;
    }
    .actions {
      flex: none;
      display: flex;
      align-items: center;
      gap: var(--vr-space-2);
      color: var(--vr-color-accent);
    }

    /* ---- countdown: the number plus a bar that empties ---- */
    .countdown {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-variant-numeric: tabular-nums;
      font-weight: 600;
      color: var(--vr-color-text-muted);
    }
    .countdown .bar {
      position: relative;
      display: inline-block;
      inline-size: 36px;
      block-size: 4px;
      overflow: hidden;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-border);
    }
    .countdown .bar::after {
      content: '';
      position: absolute;
      inset: 0;
      border-radius: inherit;
      background: var(--vr-gradient-accent);
      transform-origin: left center;
      transform: scaleX(var(--_left, 1));
      transition: transform 1s linear;
    }
    .countdown.urgent {
      color: var(--vr-color-danger);
    }
    .countdown.urgent .bar::after {
      background: var(--vr-color-danger);
    }

    /* ---- empty state ---- */
    .empty-state {
      display: grid;
      gap: 4px;
      padding: var(--vr-space-5) var(--vr-space-3);
      border-radius: var(--vr-radius-m);
      border: 1.5px dashed var(--vr-color-border-strong);
      text-align: center;
    }
    .empty-title {
      margin: 0;
      font-weight: 650;
    }
    .empty-hint,
    .hint {
      margin: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }

    /* ---- picker controls ---- */
    .picker-controls {
      display: flex;
      flex-wrap: wrap;
      gap: var(--vr-space-2);
    }
    .search {
      position: relative;
      flex: 1 1 180px;
      display: flex;
      align-items: center;
    }
    .search-icon {
      position: absolute;
      inset-inline-start: 12px;
      display: grid;
      color: var(--vr-color-text-muted);
      pointer-events: none;
    }
    .search .spinner {
      position: absolute;
      inset-inline-end: 12px;
      color: var(--vr-color-accent);
    }
    .field {
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: 38px;
      padding: 0 12px;
      border: 1px solid var(--vr-color-border);
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-sunken);
      color: var(--vr-color-text);
      font: inherit;
      font-size: var(--vr-font-size-m);
    }
    .search .field {
      padding-inline-start: 36px;
    }
    .seat-select {
      flex: 0 1 170px;
      display: flex;
    }
    select.field {
      cursor: pointer;
    }

    /* ---- listener cards ---- */
    .card {
      --_avatar-size: 44px;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--vr-space-3);
      padding: var(--vr-space-3) var(--vr-space-4);
      border-radius: var(--vr-radius-l);
      background: var(--vr-color-surface-raised);
      border: 1px solid var(--vr-color-border);
      box-shadow: var(--vr-shadow-m);
      animation: vr-rise var(--vr-duration-medium) var(--vr-easing);
    }
    .card.invitation {
      border-color: transparent;
      background:
        linear-gradient(var(--vr-color-surface-raised), var(--vr-color-surface-raised)) padding-box,
        var(--vr-gradient-accent) border-box;
      border: 1.5px solid transparent;
    }
    .card .who {
      flex: 1 1 160px;
    }
    .card-title {
      margin: 0;
      font-weight: 700;
    }
    .card-actions {
      display: flex;
      gap: var(--vr-space-2);
      margin-inline-start: auto;
    }
    .pulse {
      position: relative;
      display: grid;
      place-items: center;
      inline-size: 44px;
      block-size: 44px;
      border-radius: 50%;
      background: var(--vr-color-accent-soft);
    }
    .pulse span,
    .pulse::after {
      position: absolute;
      inset: 14px;
      border-radius: 50%;
      background: var(--vr-gradient-accent);
      content: '';
    }
    .pulse::after {
      inset: 8px;
      opacity: 0.35;
      animation: vr-breathe 1.6s ease-in-out infinite;
    }

    /* ---- notice and alert ---- */
    .notice-region:empty,
    .alert-region:empty {
      display: none;
    }
    .notice {
      margin: 0;
      padding: 10px 14px;
      border-radius: var(--vr-radius-m);
      background: var(--vr-color-accent-soft);
      color: var(--vr-color-accent-strong);
      font-size: var(--vr-font-size-s);
      font-weight: 650;
      animation: vr-rise var(--vr-duration-medium) var(--vr-easing);
    }

    @keyframes vr-rise {
      from {
        opacity: 0;
        translate: 0 6px;
      }
    }
    @keyframes vr-breathe {
      50% {
        transform: scale(1.35);
        opacity: 0;
      }
    }
  `,
  reducedMotion,
];
