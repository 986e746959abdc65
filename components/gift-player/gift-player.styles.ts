import { css } from 'lit';
import { visuallyHidden } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  visuallyHidden,
  css`
    :host {
      position: absolute;
      inset: 0;
      display: block;
      overflow: hidden;
      /* An overlay that never takes a click: the room underneath stays usable while gifts play. */
      pointer-events: none;
      z-index: var(--vr-gift-player-z, 20);
      contain: layout paint style;
    }
    *,
    *::before,
    *::after {
      pointer-events: none;
    }

    /* ---- banners ---- */

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
    /* The stage shows (.active) and draws (its canvas) only once the effects part runs it: those rules come with
       the part (effects-part.ts). */
    .canvas-box {
      position: absolute;
      inset: 0;
    }
    @media (prefers-reduced-motion: reduce) {
      .stage {
        transition: none;
      }
    }
  `,
];
