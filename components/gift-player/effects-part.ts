import { css } from 'lit';

// What <vr-gift-player> draws (its banner lanes and full-screen stage; for an effect its banner, the stage's caption,
// loading ring and still card; the live region is the element's own), their styles, the full-screen stage that plays
// SVGA files and what runs the queue once effects can show (EffectRunner): a chunk of its own (issue 14), fetched
// when the browser is idle after the player connected, or by the first effect, whichever comes first
// (controllers/lazy-part.ts). Effects that arrive before it wait in the element's queue and play in full once it is
// there. svgaplayerweb and the SVGA loader are a further chunk (svga-effects.ts), fetched by the first full-screen
// effect or preload.
export { EffectRunner } from './effect-runner.js';

export const styles = css`
    /* The player itself is an overlay that never takes a click (gift-player.styles.ts): nor does anything in it. */
    *,
    *::before,
    *::after {
      pointer-events: none;
    }
    .lanes {
      position: absolute;
      inset-inline-start: 12px;
      top: var(--vr-gift-banner-top, 22%);
      display: flex;
      flex-direction: column;
      gap: 10px;
      inline-size: var(--vr-gift-banner-width, min(340px, calc(100% - 24px)));
      z-index: 2;
    }

    /* ---- the full-screen stage ---- */
    .stage {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      opacity: 0;
      transition: opacity var(--vr-duration-medium, 220ms) ease;
      z-index: 1;
    }
    .canvas-box {
      position: absolute;
      inset: 0;
    }
    .stage.active {
      opacity: 1;
      background: var(--vr-gift-stage-scrim, radial-gradient(circle at 50% 45%, rgb(20 8 40 / 0.28), rgb(20 8 40 / 0.12) 60%, transparent 85%));
    }
    .canvas-box canvas {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
    }
    .banner {
      --_h: 52px;
      position: relative;
      display: flex;
      align-items: center;
      gap: 8px;
      block-size: var(--_h);
      padding-inline: 4px 10px;
      border-radius: var(--vr-radius-pill, 999px);
      color: #fff;
      background: var(
        --vr-gift-banner-bg,
        linear-gradient(90deg, rgb(124 58 237 / 0.94) 0%, rgb(192 38 211 / 0.88) 55%, rgb(236 72 153 / 0.3) 100%)
      );
      box-shadow: 0 6px 18px rgb(76 29 149 / 0.35);
      animation: vr-banner-in 420ms var(--vr-easing, ease-out) both;
      will-change: transform;
    }
    .banner.leaving {
      animation: vr-banner-out 260ms ease-in both;
    }
    .banner.still,
    .banner.still.leaving {
      animation: none;
    }
    @keyframes vr-banner-in {
      from {
        transform: translateX(-110%);
        opacity: 0;
      }
      70% {
        transform: translateX(4%);
        opacity: 1;
      }
      to {
        transform: none;
      }
    }
    @keyframes vr-banner-out {
      to {
        transform: translateX(-30%);
        opacity: 0;
      }
    }
    .avatar {
      flex: none;
      inline-size: 42px;
      block-size: 42px;
      border-radius: 50%;
      overflow: hidden;
      display: grid;
      place-items: center;
      background: rgb(255 255 255 / 0.22);
      border: 2px solid rgb(255 255 255 / 0.85);
      font-size: 14px;
      font-weight: 700;
    }
    .avatar img {
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    .text {
      display: flex;
      flex-direction: column;
      min-inline-size: 0;
      flex: 1 1 auto;
      line-height: 1.2;
    }
    .sender {
      font-size: var(--vr-font-size-m, 14px);
      font-weight: 700;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .what {
      font-size: var(--vr-font-size-s, 12px);
      opacity: 0.92;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .gift-icon {
      flex: none;
      inline-size: 58px;
      block-size: 58px;
      margin-block: -10px;
      filter: drop-shadow(0 4px 8px rgb(0 0 0 / 0.3));
    }
    .combo {
      flex: none;
      display: inline-flex;
      align-items: baseline;
      font-size: 30px;
      font-weight: 900;
      font-style: italic;
      letter-spacing: -0.02em;
      line-height: 1;
      color: #fde047;
      -webkit-text-stroke: 1px rgb(146 64 14 / 0.6);
      text-shadow: 0 2px 0 rgb(180 83 9 / 0.9), 0 4px 12px rgb(0 0 0 / 0.35);
      font-variant-numeric: tabular-nums;
      transform-origin: left center;
    }
    .combo .x {
      font-size: 0.62em;
      margin-inline-end: 1px;
    }

    .caption {
      position: absolute;
      inset-block-end: var(--vr-gift-caption-bottom, 16%);
      inset-inline: 0;
      margin-inline: auto;
      inline-size: max-content;
      max-inline-size: calc(100% - 32px);
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 8px 16px;
      border-radius: var(--vr-radius-pill, 999px);
      background: rgb(20 10 40 / 0.62);
      color: #fff;
      font-size: var(--vr-font-size-m, 14px);
      backdrop-filter: blur(6px);
      box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
      animation: vr-caption-in 360ms var(--vr-easing, ease-out) both;
    }
    .stage.loading .caption {
      display: none;
    }
    .caption-text {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .caption .combo {
      font-size: 26px;
    }
    @keyframes vr-caption-in {
      from {
        transform: translateY(12px);
        opacity: 0;
      }
    }
    .progress {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 10px;
      padding: 14px 18px;
      border-radius: var(--vr-radius-l, 20px);
      background: rgb(20 10 40 / 0.55);
      color: #fff;
      font-size: var(--vr-font-size-s, 12px);
      /* Quick loads never flash a loading card. */
      animation: vr-fade-in 200ms 150ms ease both;
    }
    .ring {
      --_deg: calc(var(--p, 0) * 360deg);
      inline-size: 44px;
      block-size: 44px;
      border-radius: 50%;
      background:
        radial-gradient(closest-side, rgb(20 10 40 / 0.9) 74%, transparent 76%),
        conic-gradient(#f0abfc var(--_deg), rgb(255 255 255 / 0.18) 0);
    }
    @keyframes vr-fade-in {
      from {
        opacity: 0;
      }
    }

    .still-card {
      display: grid;
      justify-items: center;
      gap: 6px;
      padding: 22px 28px 18px;
      min-inline-size: 220px;
      max-inline-size: calc(100% - 48px);
      border-radius: 28px;
      text-align: center;
      color: #fff;
      background:
        radial-gradient(120% 80% at 50% 0%, rgb(255 255 255 / 0.22), transparent 60%),
        linear-gradient(160deg, #7c3aed 0%, #c026d3 60%, #db2777 100%);
      box-shadow: 0 18px 48px rgb(76 29 149 / 0.45), inset 0 0 0 1px rgb(255 255 255 / 0.25);
    }
    .still-card img {
      inline-size: 112px;
      block-size: 112px;
      filter: drop-shadow(0 8px 16px rgb(0 0 0 / 0.3));
    }
    .still-name {
      font-size: 20px;
      font-weight: 800;
    }
    .still-text {
      font-size: var(--vr-font-size-m, 14px);
      opacity: 0.95;
    }
    .still-card .combo {
      font-size: 34px;
      transform-origin: center;
    }

    @media (prefers-reduced-motion: reduce) {
      .stage {
        transition: none;
      }
      .banner,
      .banner.leaving,
      .caption,
      .progress {
        animation: none;
      }
    }
`;
