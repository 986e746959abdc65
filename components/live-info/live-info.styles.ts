import { css } from 'lit';
import { avatarStyles, buttonStyles } from '../audience-list/avatar.js';
import { focusRing, reducedMotion, sheetDialog, spinner, visuallyHidden } from '../styles/shared.js';
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
    .summary:focus-visible,
    .close:focus-visible {
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
    .cover.large {
      --_cover: 64px;
      border-radius: var(--vr-radius-l);
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
    .owner.in-panel {
      --_avatar-size: 48px;
      padding: var(--vr-space-3);
      border-radius: var(--vr-radius-l);
      background: var(--vr-color-surface-sunken);
      box-shadow: none;
      backdrop-filter: none;
    }
    .owner.in-panel .owner-text {
      flex: 1;
    }
    .owner.in-panel .owner-name {
      max-inline-size: none;
      font-size: var(--vr-font-size-l);
    }
    .owner.in-panel .owner-fans {
      font-size: var(--vr-font-size-s);
    }
    .owner.in-panel .follow {
      min-block-size: 36px;
      padding: 0 18px;
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
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-4);
      padding: var(--vr-space-5);
    }
    .panel-head {
      display: flex;
      align-items: center;
      gap: var(--vr-space-3);
    }
    .panel-title-box {
      flex: 1;
      min-inline-size: 0;
    }
    .panel-title {
      margin: 0;
      overflow-wrap: anywhere;
      font-size: 20px;
      font-weight: 750;
      letter-spacing: -0.01em;
    }
    .room-id {
      margin: 2px 0 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .close {
      align-self: flex-start;
    }
    .numbers {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: var(--vr-space-2);
      margin: 0;
    }
    .numbers > div {
      padding: var(--vr-space-3);
      border-radius: var(--vr-radius-m);
      background: var(--vr-color-surface-sunken);
      text-align: center;
    }
    .numbers dt {
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-xs);
      font-weight: 650;
      letter-spacing: 0.02em;
    }
    .numbers dd {
      margin: 4px 0 0;
      font-size: var(--vr-font-size-l);
      font-weight: 750;
    }
    .section {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-2);
      min-inline-size: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    .section-title {
      margin: 0;
      padding: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
      font-weight: 700;
      letter-spacing: 0.03em;
      text-transform: uppercase;
    }
    .notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 0;
      line-height: 1.5;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--vr-color-text-muted);
    }
    .mode-pill {
      padding: 3px 10px;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-accent-soft);
      color: var(--vr-color-accent-strong);
      font-size: var(--vr-font-size-s);
      font-weight: 700;
    }
    .segmented {
      display: grid;
      grid-template-columns: 1fr 1fr;
      padding: 3px;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-sunken);
    }
    .segment {
      position: relative;
      display: grid;
      place-items: center;
      min-block-size: 36px;
      border-radius: var(--vr-radius-pill);
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
      font-weight: 700;
      cursor: pointer;
    }
    .segment.checked {
      background: var(--vr-color-surface-raised);
      color: var(--vr-color-accent-strong);
      box-shadow: var(--vr-shadow-s);
    }
    .segment input {
      position: absolute;
      inset: 0;
      margin: 0;
      opacity: 0;
      cursor: pointer;
    }
    .segment:has(input:focus-visible) {
      outline: 2px solid var(--vr-focus-ring);
      outline-offset: 2px;
    }
    .hint {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .form {
      gap: var(--vr-space-3);
      padding-block-start: var(--vr-space-4);
      border-block-start: 1px solid var(--vr-color-border);
    }
    .form-field {
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .form-field label {
      font-size: var(--vr-font-size-s);
      font-weight: 650;
    }
    .field {
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: 40px;
      padding: 9px 12px;
      border: 1px solid var(--vr-color-border-strong);
      border-radius: var(--vr-radius-m);
      background: var(--vr-color-surface-sunken);
      color: var(--vr-color-text);
      font: inherit;
      resize: vertical;
    }
    .field[aria-invalid='true'] {
      border-color: var(--vr-color-danger);
      box-shadow: 0 0 0 3px var(--vr-color-danger-soft);
    }
    .field-foot {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      font-size: var(--vr-font-size-xs);
    }
    .field-error {
      color: var(--vr-color-danger);
      font-weight: 650;
    }
    .chars {
      color: var(--vr-color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .form-actions {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: var(--vr-space-3);
    }
    .form-actions .btn {
      min-block-size: 40px;
      padding: 0 20px;
    }
    .saved {
      color: var(--vr-color-success);
      font-size: var(--vr-font-size-s);
      font-weight: 650;
    }
    .panel-alert:empty {
      display: none;
    }

    @keyframes vr-live {
      /* The halo's spread from 3px to 5px around the 7px dot, fading out: 17px / 13px. */
      50% {
        transform: scale(1.3077);
        opacity: 0;
      }
    }
  `,
  sheetDialog,
  reducedMotion,
];
