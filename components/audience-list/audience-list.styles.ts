import { css } from 'lit';
import { focusRing, personText, reducedMotion, sheetDialog, spinner, visuallyHidden } from '../styles/shared.js';
import { panelLoadingStyles } from '../controllers/panel-loader.js';
import { themeHost } from '../styles/tokens.js';
import { avatarStyles, buttonStyles } from './avatar.js';

export const styles = [
  themeHost,
  focusRing,
  spinner,
  visuallyHidden,
  avatarStyles,
  buttonStyles,
  personText,
  css`
    :host {
      display: inline-block;
      font-size: var(--vr-font-size-m);
    }

    /* ---- compact stack ---- */
    .base {
      --_avatar-size: 30px;
      display: inline-flex;
      align-items: center;
      gap: 6px;
      margin: 0;
      padding: 3px 3px 3px 5px;
      border: 1px solid var(--vr-color-border);
      border-radius: var(--vr-radius-pill);
      background: color-mix(in srgb, var(--vr-color-surface) 86%, transparent);
      backdrop-filter: blur(10px);
      color: inherit;
      font: inherit;
      cursor: pointer;
      box-shadow: var(--vr-shadow-s);
    }
    .base:focus-visible {
      outline: 2px solid var(--vr-focus-ring);
      outline-offset: 2px;
    }
    .stack {
      display: inline-flex;
    }
    .stack:empty {
      display: none;
    }
    .stack .avatar {
      box-shadow: 0 0 0 2px var(--vr-color-surface);
    }
    .stack .avatar + .avatar {
      margin-inline-start: -9px;
    }
    .total {
      display: inline-grid;
      place-items: center;
      min-inline-size: 30px;
      block-size: 30px;
      padding: 0 10px;
      box-sizing: border-box;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-sunken);
      font-size: var(--vr-font-size-s);
      font-weight: 750;
      font-variant-numeric: tabular-nums;
    }

    /* ---- panel ---- */
    dialog {
      inline-size: min(420px, calc(100vw - 24px));
      overflow: hidden;
    }
  `,
  panelLoadingStyles,
  sheetDialog,
  reducedMotion,
];
