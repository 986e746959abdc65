import { css, unsafeCSS } from 'lit';
import { focusRing, visuallyHidden } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

// A constant data URI (no user input), so unsafeCSS is safe here.
const heartMask = `url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='M12 21.2 10.6 20C5.6 15.5 2.3 12.5 2.3 8.7 2.3 5.6 4.7 3.2 7.8 3.2c1.7 0 3.3.8 4.2 2.1.9-1.3 2.5-2.1 4.2-2.1 3.1 0 5.5 2.4 5.5 5.5 0 3.8-3.3 6.8-8.3 11.3z'/%3E%3C/svg%3E")`;

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

    /* ---- floating hearts ---- */
    .hearts {
      position: absolute;
      inset-inline-start: 50%;
      inset-block-end: calc(100% - var(--_size) * 0.55);
      inline-size: 0;
      block-size: 0;
      pointer-events: none;
      z-index: 2;
    }
    .heart {
      position: absolute;
      inset-inline-start: calc(var(--_size) * -0.22 + var(--_x, 0px));
      inset-block-end: 0;
      inline-size: calc(var(--_size) * 0.44);
      block-size: calc(var(--_size) * 0.44);
      background: var(--_colour);
      -webkit-mask: ${unsafeCSS(heartMask)} center / contain no-repeat;
      mask: ${unsafeCSS(heartMask)} center / contain no-repeat;
      filter: drop-shadow(0 2px 3px rgb(0 0 0 / 0.15));
      opacity: 0;
      will-change: transform, opacity;
      animation: vr-heart-float var(--_duration, 1.9s) cubic-bezier(0.25, 0.6, 0.35, 1) var(--_delay, 0ms) forwards;
    }
    .heart.other {
      filter: none;
    }
    @keyframes vr-heart-float {
      0% {
        opacity: 0;
        transform: translate(0, 0) scale(calc(var(--_scale) * 0.3)) rotate(0deg);
      }
      12% {
        opacity: 1;
        transform: translate(calc(var(--_sway) * 0.3), calc(var(--vr-like-rise, 200px) * -0.1)) scale(var(--_scale)) rotate(calc(var(--_tilt) * 0.3));
      }
      45% {
        transform: translate(calc(var(--_drift) * 0.45 + var(--_sway)), calc(var(--vr-like-rise, 200px) * -0.48)) scale(var(--_scale)) rotate(var(--_tilt));
      }
      75% {
        opacity: 0.85;
        transform: translate(calc(var(--_drift) * 0.8 - var(--_sway) * 0.6), calc(var(--vr-like-rise, 200px) * -0.76)) scale(calc(var(--_scale) * 0.95)) rotate(calc(var(--_tilt) * -0.4));
      }
      100% {
        opacity: 0;
        transform: translate(var(--_drift), calc(var(--vr-like-rise, 200px) * -1)) scale(calc(var(--_scale) * 0.8)) rotate(calc(var(--_tilt) * -0.8));
      }
    }

    @media (prefers-reduced-motion: reduce) {
      .heart {
        display: none;
      }
      .like {
        transition: none;
      }
    }
  `,
];
