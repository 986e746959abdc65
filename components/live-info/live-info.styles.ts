import { css } from 'lit';
import { avatarStyles, buttonStyles } from '../audience-list/avatar.js';
import { focusRing, reducedMotion, sheetDialog, spinner, visuallyHidden } from '../styles/shared.js';
import { panelLoadingStyles } from '../controllers/panel-loader.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  focusRing,
  spinner,
  visuallyHidden,
  avatarStyles,
  buttonStyles,
  css`
    :host {
      display: block;
      font-size: var(--vr-font-size-m);
      --_cover: var(--vr-live-info-cover-size, 44px);
    }
    .base {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--vr-space-2);
      min-block-size: calc(var(--_cover) + 8px);
    }
    .base.loading {
      inline-size: 220px;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-sunken);
    }

    /* ---- summary pill ---- */
    .summary {
      display: flex;
      align-items: center;
      gap: 10px;
      min-inline-size: 0;
      max-inline-size: 100%;
      margin: 0;
      padding: 4px 16px 4px 4px;
      border: 1px solid var(--vr-color-border);
      border-radius: var(--vr-radius-pill);
      background: color-mix(in srgb, var(--vr-color-surface) 86%, transparent);
      backdrop-filter: blur(10px);
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: pointer;
      box-shadow: var(--vr-shadow-s);
      transition: background-color var(--vr-duration-fast) ease;
    }
    .summary:hover {
      background: var(--vr-color-surface-raised);
    }
    .summary:focus-visible {
      outline: 2px solid var(--vr-focus-ring);
      outline-offset: 2px;
    }
    .cover {
      position: relative;
      flex: none;
      display: grid;
      place-items: center;
      inline-size: var(--_cover);
      block-size: var(--_cover);
      overflow: hidden;
      border-radius: 50%;
      background: var(--vr-gradient-accent);
      color: #fff;
      font-weight: 750;
      font-size: calc(var(--_cover) * 0.42);
    }
    .cover::before {
      content: attr(data-initial);
    }
    .cover img {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    .text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-inline-size: 0;
    }
    .room-name {
      overflow: hidden;
      max-inline-size: 22ch;
      font-weight: 700;
      letter-spacing: -0.005em;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .stats {
      display: flex;
      align-items: center;
      gap: 10px;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-xs);
      font-weight: 600;
      white-space: nowrap;
    }
    .stat {
      display: inline-flex;
      align-items: center;
      gap: 3px;
    }
    .stat .icon {
      display: grid;
      font-size: 12px;
    }
    .tnum {
      font-variant-numeric: tabular-nums;
    }
    /* The live dot's pulse is a halo scaled and faded on the compositor. As an animated box-shadow it restyled,
       repainted and re-rasterized the header, and re-blurred its backdrop-filter, on every frame of a live room
       (bench/components.mjs). */
    .dot {
      position: relative;
      inline-size: 7px;
      block-size: 7px;
      margin-inline-end: 2px;
    }
    .dot::before,
    .dot::after {
      content: '';
      position: absolute;
      border-radius: 50%;
    }
    .dot::before {
      inset: -3px;
      background: var(--vr-color-danger-soft);
      animation: vr-live 1.6s ease-in-out infinite;
    }
    .dot::after {
      inset: 0;
      background: var(--vr-color-danger);
    }
    .live {
      color: var(--vr-color-text);
    }

    /* ---- owner card ---- */
    .owner {
      --_avatar-size: 32px;
      display: flex;
      align-items: center;
      gap: 8px;
      min-inline-size: 0;
      padding: 4px 4px 4px 4px;
      border: 1px solid var(--vr-color-border);
      border-radius: var(--vr-radius-pill);
      background: color-mix(in srgb, var(--vr-color-surface) 86%, transparent);
      backdrop-filter: blur(10px);
      box-shadow: var(--vr-shadow-s);
    }
    .owner:not(:has(.follow)) {
      padding-inline-end: 14px;
    }
    .owner-text {
      display: flex;
      flex-direction: column;
      min-inline-size: 0;
      line-height: 1.2;
    }
    .owner-name {
      overflow: hidden;
      max-inline-size: 14ch;
      font-size: var(--vr-font-size-s);
      font-weight: 700;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .owner-fans {
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-xs);
      font-weight: 600;
    }
    .follow {
      min-block-size: 30px;
      padding: 0 12px;
      gap: 4px;
    }
    .follow .plus {
      display: grid;
      font-size: 13px;
    }
    ::slotted([slot='actions']) {
      margin-inline-start: auto;
    }
    .bar-alert:empty {
      display: none;
    }
    .bar-alert {
      margin-block-start: var(--vr-space-2);
    }

    /* ---- detail panel ---- */
    dialog {
      inline-size: min(440px, calc(100vw - 24px));
      overflow: auto;
      overscroll-behavior: contain;
    }
    @keyframes vr-live {
      /* The halo's spread from 3px to 5px around the 7px dot, fading out: 17px / 13px. */
      50% {
        transform: scale(1.3077);
        opacity: 0;
      }
    }
  `,
  panelLoadingStyles,
  sheetDialog,
  reducedMotion,
];
