import { css } from 'lit';
import { focusRing, reducedMotion, spinner, visuallyHidden } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  focusRing,
  spinner,
  visuallyHidden,
  css`
    :host {
      display: block;
      container: vr-room-list / inline-size;
    }
    button {
      font: inherit;
      color: inherit;
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-4);
    }

    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--vr-space-3);
    }
    .title {
      display: inline-flex;
      align-items: center;
      gap: 10px;
      margin: 0;
      font-size: 20px;
      font-weight: 750;
      letter-spacing: -0.01em;
    }
    .live-dot {
      inline-size: 10px;
      block-size: 10px;
      border-radius: 50%;
      background: var(--vr-color-accent-2);
      box-shadow: 0 0 0 4px light-dark(rgb(219 39 119 / 0.15), rgb(244 114 182 / 0.2));
      animation: vr-pulse 1.8s ease-in-out infinite;
    }
    .refresh {
      display: inline-grid;
      place-items: center;
      inline-size: 40px;
      block-size: 40px;
      padding: 0;
      border-radius: 50%;
      border: 1px solid var(--vr-color-border);
      background: var(--vr-color-surface);
      box-shadow: var(--vr-shadow-s);
      font-size: 18px;
      cursor: pointer;
    }
    .refresh:disabled {
      color: var(--vr-color-text-muted);
      cursor: default;
    }
    .spin {
      display: inline-grid;
      animation: vr-spin-list 0.9s linear infinite;
    }

    .list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--vr-room-list-min-card, 160px), 1fr));
      gap: var(--vr-space-4) var(--vr-space-3);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    @container vr-room-list (min-width: 720px) {
      .list {
        grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
        gap: var(--vr-space-5) var(--vr-space-4);
      }
    }
    .list > li {
      display: flex;
      min-inline-size: 0;
    }

    .card {
      display: flex;
      flex-direction: column;
      inline-size: 100%;
      min-inline-size: 0;
      margin: 0;
      padding: 0;
      border: 1px solid var(--vr-color-border);
      border-radius: 20px;
      background: var(--vr-color-surface);
      box-shadow: var(--vr-shadow-s);
      text-align: start;
      cursor: pointer;
      overflow: hidden;
      transition: transform var(--vr-duration-fast) ease, box-shadow var(--vr-duration-medium) ease;
    }
    .card:hover {
      transform: translateY(-2px);
      box-shadow: var(--vr-shadow-m);
    }
    .card:active {
      transform: scale(0.98);
    }
    .card.sk {
      cursor: default;
    }

    .cover {
      order: -1;
      position: relative;
      display: grid;
      place-items: center;
      aspect-ratio: 1 / 1;
      overflow: hidden;
      background:
        radial-gradient(90% 70% at 20% 10%, hsl(var(--_h1) 90% 72% / 0.95), transparent 70%),
        radial-gradient(80% 80% at 90% 90%, hsl(var(--_h2) 85% 60% / 0.95), transparent 70%),
        linear-gradient(140deg, hsl(var(--_h1) 70% 55%), hsl(var(--_h2) 75% 45%));
    }
    .cover img {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    .cover::after {
      content: '';
      position: absolute;
      inset: 0;
      background: linear-gradient(180deg, rgb(0 0 0 / 0.22) 0%, transparent 30%, transparent 62%, rgb(0 0 0 / 0.42) 100%);
      pointer-events: none;
    }
    .cover-initials {
      font-size: clamp(28px, 22cqi, 52px);
      font-weight: 800;
      letter-spacing: 0.02em;
      color: rgb(255 255 255 / 0.92);
      text-shadow: 0 4px 18px rgb(0 0 0 / 0.25);
    }
    .chip {
      position: absolute;
      z-index: 1;
      display: inline-flex;
      align-items: center;
      gap: 5px;
      padding: 3px 9px;
      border-radius: var(--vr-radius-pill);
      font-size: var(--vr-font-size-xs);
      font-weight: 700;
      color: #fff;
      line-height: 16px;
    }
    .chip.live {
      inset-block-start: 10px;
      inset-inline-start: 10px;
      background: linear-gradient(135deg, #f43f5e, #ec4899);
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    .chip.viewers {
      inset-block-end: 10px;
      inset-inline-start: 10px;
      background: rgb(12 6 24 / 0.45);
      backdrop-filter: blur(8px);
      font-weight: 600;
    }
    .chip.viewers svg {
      font-size: 13px;
    }
    .bars {
      display: inline-flex;
      align-items: flex-end;
      gap: 1.5px;
      block-size: 9px;
    }
    .bars i {
      inline-size: 2px;
      border-radius: 1px;
      background: #fff;
      animation: vr-bars 0.9s ease-in-out infinite alternate;
    }
    .bars i:nth-child(1) { block-size: 5px; }
    .bars i:nth-child(2) { block-size: 9px; animation-delay: -0.3s; }
    .bars i:nth-child(3) { block-size: 6px; animation-delay: -0.6s; }

    .meta {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 10px 12px 12px;
      min-inline-size: 0;
    }
    .name {
      font-size: var(--vr-font-size-m);
      font-weight: 700;
      line-height: 1.3;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .owner {
      display: flex;
      align-items: center;
      gap: 6px;
      min-inline-size: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .owner-name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .avatar {
      flex: none;
      inline-size: 20px;
      block-size: 20px;
      border-radius: 50%;
      object-fit: cover;
    }
    .avatar.initials {
      display: inline-grid;
      place-items: center;
      font-size: 9px;
      font-weight: 700;
      color: #fff;
      background: linear-gradient(135deg, hsl(var(--_h1) 75% 62%), hsl(calc(var(--_h1) + 30) 75% 50%));
    }

    /* ---- states ---- */
    .muted {
      margin: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .more-row {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: var(--vr-space-3);
      min-block-size: 48px;
      position: relative;
    }
    .more,
    .secondary {
      min-block-size: 40px;
      padding: 0 var(--vr-space-5);
      border-radius: var(--vr-radius-pill);
      border: 1px solid var(--vr-color-border-strong);
      background: var(--vr-color-surface);
      font-weight: 650;
      cursor: pointer;
      box-shadow: var(--vr-shadow-s);
    }
    .more:hover,
    .secondary:hover {
      border-color: var(--vr-color-accent);
      color: var(--vr-color-accent-strong);
    }
    .sentinel {
      position: absolute;
      inset-block-end: 0;
      inline-size: 1px;
      block-size: 1px;
    }
    .end {
      text-align: center;
      padding-block: var(--vr-space-2);
    }
    .inline-error .muted {
      color: var(--vr-color-danger);
    }
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--vr-space-2);
      padding: var(--vr-space-6) var(--vr-space-4);
      border-radius: 24px;
      border: 1px dashed var(--vr-color-border-strong);
      text-align: center;
    }
    .state .secondary {
      margin-block-start: var(--vr-space-3);
    }
    .state-title {
      margin: var(--vr-space-2) 0 0;
      font-size: var(--vr-font-size-l);
      font-weight: 700;
    }
    .state-icon {
      display: inline-grid;
      place-items: center;
      inline-size: 56px;
      block-size: 56px;
      border-radius: 50%;
      font-size: 26px;
      color: var(--vr-color-accent);
      background: var(--vr-color-accent-soft);
    }
    .state-icon.error {
      color: var(--vr-color-danger);
      background: var(--vr-color-danger-soft);
    }

    .sk-block,
    .sk-line {
      display: block;
      background: linear-gradient(90deg, var(--_sk) 0%, var(--_sk-hi) 50%, var(--_sk) 100%);
      background-size: 200% 100%;
      animation: vr-shimmer-list 1.4s linear infinite;
      --_sk: light-dark(rgb(124 58 237 / 0.07), rgb(255 255 255 / 0.06));
      --_sk-hi: light-dark(rgb(124 58 237 / 0.15), rgb(255 255 255 / 0.12));
    }
    .sk-line {
      block-size: 10px;
      border-radius: 5px;
    }
    .w80 { inline-size: 80%; }
    .w50 { inline-size: 50%; }

    @keyframes vr-spin-list {
      to { transform: rotate(1turn); }
    }
    @keyframes vr-shimmer-list {
      to { background-position: -200% 0; }
    }
    @keyframes vr-pulse {
      50% { box-shadow: 0 0 0 7px light-dark(rgb(219 39 119 / 0.06), rgb(244 114 182 / 0.08)); }
    }
    @keyframes vr-bars {
      to { transform: scaleY(0.45); }
    }
    .bars i {
      transform-origin: bottom;
    }
  `,
  reducedMotion,
];
