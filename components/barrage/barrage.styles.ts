import { css } from 'lit';
import { focusRing, reducedMotion, spinner, visuallyHidden } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  focusRing,
  spinner,
  visuallyHidden,
  reducedMotion,
  css`
    :host {
      --_bubble-bg: var(--vr-barrage-bubble-bg, light-dark(rgb(124 58 237 / 0.07), rgb(255 255 255 / 0.07)));
      display: block;
      position: relative;
      block-size: var(--vr-barrage-height, 360px);
      min-block-size: 160px;
      font-size: var(--vr-font-size-m);
      line-height: 1.45;
    }

    .frame {
      position: relative;
      display: flex;
      flex-direction: column;
      block-size: 100%;
      min-block-size: 0;
    }

    /* ---- the log ---- */
    .log {
      position: relative;
      flex: 1 1 auto;
      min-block-size: 0;
      display: flex;
      flex-direction: column;
    }
    .scroller {
      position: relative;
      flex: 1 1 auto;
      min-block-size: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
      /* We keep the reader's place ourselves when old entries are dropped; the browser's anchoring would double it. */
      overflow-anchor: none;
      padding: var(--vr-space-2) var(--vr-space-1);
      scrollbar-width: thin;
      scrollbar-color: var(--vr-color-border-strong) transparent;
      -webkit-mask-image: linear-gradient(to bottom, transparent 0, #000 18px);
      mask-image: linear-gradient(to bottom, transparent 0, #000 18px);
    }
    .scroller:focus-visible {
      /* Rounded only while it shows the ring: a rounded clip on a scroller costs the compositor a pass per frame. */
      border-radius: var(--vr-radius-m);
      outline: 2px solid var(--vr-focus-ring);
      outline-offset: -2px;
      -webkit-mask-image: none;
      mask-image: none;
    }
    .entries {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 6px;
    }
    .empty {
      margin: auto;
      padding: var(--vr-space-5) var(--vr-space-3);
      text-align: center;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }

    .entry {
      max-inline-size: 100%;
      /* Long rooms: the browser may skip painting what is scrolled far away. */
      contain: layout paint style;
      animation: vr-entry-in var(--vr-duration-medium) var(--vr-easing) both;
    }
    .entry.still {
      animation: none;
    }
    @keyframes vr-entry-in {
      from {
        opacity: 0;
        transform: translateY(6px);
      }
    }
    .bubble {
      display: inline-block;
      max-inline-size: 100%;
      box-sizing: border-box;
      padding: 5px 11px 6px;
      border-radius: 14px;
      background: var(--_bubble-bg);
      overflow-wrap: anywhere;
      white-space: pre-wrap;
    }
    .mine .bubble {
      background: var(--vr-color-accent-soft);
      box-shadow: inset 0 0 0 1px light-dark(rgb(124 58 237 / 0.18), rgb(167 139 250 / 0.26));
    }
    .badge {
      display: inline-block;
      vertical-align: 1px;
      margin-inline-end: 6px;
      padding: 1px 7px;
      border-radius: var(--vr-radius-pill);
      font-size: var(--vr-font-size-xs);
      font-weight: 650;
      line-height: 16px;
      letter-spacing: 0.02em;
      white-space: nowrap;
    }
    .badge.owner {
      color: #fff;
      background: var(--vr-gradient-accent);
    }
    .badge.admin {
      color: light-dark(#0e6b74, #7ee7ee);
      background: light-dark(rgb(20 184 196 / 0.14), rgb(94 234 212 / 0.16));
      box-shadow: inset 0 0 0 1px light-dark(rgb(20 150 160 / 0.3), rgb(94 234 212 / 0.3));
    }
    .name {
      font-weight: 650;
      color: light-dark(hsl(var(--_hue) 64% 33%), hsl(var(--_hue) 85% 78%));
    }
    .name::after {
      /* Read as "Ava Chen: hello" by screen readers that speak generated content; copy-paste keeps the words apart. */
      content: ': ';
      color: var(--vr-color-text-muted);
      font-weight: 400;
      white-space: pre;
    }
    .text {
      color: var(--vr-color-text);
    }

    /* The notices' bubbles and icons, and the "new messages" pill, come with them (notices.ts, pill.ts). */

    /* ---- composer ---- */
    .reason {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: var(--vr-space-2) var(--vr-space-1) 0;
      padding: 6px 10px;
      border-radius: var(--vr-radius-s);
      font-size: var(--vr-font-size-s);
      font-weight: 550;
      color: light-dark(#92400e, #fcd34d);
      background: light-dark(rgb(245 158 11 / 0.12), rgb(251 191 36 / 0.12));
      font-variant-numeric: tabular-nums;
    }
    .reason.idle {
      display: none;
    }
    .reason.error {
      color: var(--vr-color-danger);
      background: var(--vr-color-danger-soft);
    }
    .reason svg {
      inline-size: 15px;
      block-size: 15px;
      flex: none;
    }

    .composer {
      position: relative;
      display: flex;
      align-items: center;
      gap: var(--vr-space-2);
      margin-block-start: var(--vr-space-2);
      padding: 5px;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface);
      box-shadow: var(--vr-shadow-s), inset 0 0 0 1px var(--vr-color-border);
    }
    .composer:focus-within {
      box-shadow: var(--vr-shadow-s), inset 0 0 0 1.5px var(--vr-color-accent);
    }
    :host(:state(blocked)) .composer {
      background: var(--vr-color-surface-sunken);
    }
    .icon-button,
    .send {
      display: grid;
      place-items: center;
      flex: none;
      inline-size: 38px;
      block-size: 38px;
      padding: 0;
      border: 0;
      border-radius: 50%;
      font: inherit;
      cursor: pointer;
      touch-action: manipulation;
      transition:
        background-color var(--vr-duration-fast) ease,
        opacity var(--vr-duration-fast) ease,
        transform var(--vr-duration-fast) ease;
    }
    .icon-button {
      background: transparent;
      color: var(--vr-color-text-muted);
    }
    .icon-button:hover:not(:disabled),
    .icon-button[aria-expanded='true'] {
      background: var(--vr-color-accent-soft);
      color: var(--vr-color-accent);
    }
    .send {
      background: var(--vr-gradient-accent);
      color: #fff;
      box-shadow: 0 4px 12px rgb(217 70 239 / 0.3);
    }
    .send:active:not(:disabled) {
      transform: scale(0.94);
    }
    .send:disabled {
      background: var(--vr-color-surface-sunken);
      color: var(--vr-color-text-muted);
      box-shadow: none;
      cursor: default;
    }
    :host(:state(blocked)) .send:disabled {
      background: transparent;
    }
    button:disabled {
      cursor: default;
    }
    .icon-button:disabled {
      opacity: 0.45;
    }
    svg {
      inline-size: 22px;
      block-size: 22px;
    }
    .send svg {
      inline-size: 19px;
      block-size: 19px;
      translate: -1px 1px;
    }

    .field {
      position: relative;
      flex: 1 1 auto;
      min-inline-size: 0;
      display: flex;
      align-items: center;
    }
    .input {
      flex: 1 1 auto;
      min-inline-size: 0;
      box-sizing: border-box;
      block-size: 38px;
      padding: 0 4px;
      border: 0;
      background: transparent;
      color: var(--vr-color-text);
      font: inherit;
      font-size: 15px;
      outline: none;
    }
    .input::placeholder {
      color: var(--vr-color-text-muted);
      opacity: 0.85;
    }
    .input:disabled {
      cursor: not-allowed;
    }
    /* The counter's styles come with it (counter.ts). */

    @media (prefers-reduced-motion: reduce) {
      .entry {
        animation: none;
      }
    }
  `,
];
