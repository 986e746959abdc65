import { css } from 'lit';
import { focusRing, visuallyHidden } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  focusRing,
  visuallyHidden,
  css`
    :host {
      --_size: var(--vr-like-size, 56px);
      display: inline-block;
      position: relative;
      vertical-align: bottom;
    }
    .wrap {
      position: relative;
      display: flex;
      flex-direction: column;
      align-items: center;
      inline-size: max-content;
      min-inline-size: var(--_size);
    }

    .like {
      position: relative;
      display: grid;
      place-items: center;
      inline-size: var(--_size);
      block-size: var(--_size);
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: var(--vr-gradient-accent);
      color: #fff;
      cursor: pointer;
      touch-action: manipulation;
      user-select: none;
      -webkit-user-select: none;
      box-shadow:
        0 8px 22px light-dark(rgb(217 70 239 / 0.35), rgb(236 72 153 / 0.35)),
        inset 0 1px 0 rgb(255 255 255 / 0.35),
        inset 0 -3px 8px rgb(120 20 120 / 0.25);
      transition: transform var(--vr-duration-fast) var(--vr-easing), filter var(--vr-duration-fast) ease;
    }
    .like::before {
      /* a soft glossy highlight */
      content: '';
      position: absolute;
      inset: 6% 18% 52%;
      border-radius: 50%;
      background: linear-gradient(to bottom, rgb(255 255 255 / 0.32), rgb(255 255 255 / 0));
      pointer-events: none;
    }
    .like:hover:not(:disabled) {
      filter: brightness(1.06) saturate(1.05);
    }
    .like:active:not(:disabled) {
      transform: scale(0.92);
    }
    .like:disabled {
      cursor: default;
      filter: grayscale(0.7) opacity(0.55);
      box-shadow: none;
    }
    .like svg {
      inline-size: 50%;
      block-size: 50%;
      fill: currentColor;
      filter: drop-shadow(0 1px 1px rgb(90 0 60 / 0.3));
    }
    .like.pulse {
      animation: vr-like-pulse 240ms var(--vr-easing);
    }
    @keyframes vr-like-pulse {
      40% {
        transform: scale(1.14);
      }
    }

    .count {
      margin-block-start: -10px;
      min-inline-size: 28px;
      padding: 1px 8px;
      box-sizing: border-box;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-raised);
      color: var(--vr-color-text);
      box-shadow: var(--vr-shadow-s), inset 0 0 0 1px var(--vr-color-border);
      font-size: var(--vr-font-size-xs);
      font-weight: 700;
      line-height: 18px;
      text-align: center;
      font-variant-numeric: tabular-nums;
      position: relative;
      z-index: 1;
    }
    .count.zero {
      visibility: hidden;
    }

    @media (prefers-reduced-motion: reduce) {
      .like {
        transition: none;
      }
    }
  `,
];
