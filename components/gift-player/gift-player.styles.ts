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
    /* The lanes and the stage and their rules come with the effects part (effects-part.ts): the player draws nothing
       before it but its (visually hidden) live region. */
  `,
];
