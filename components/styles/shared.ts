import { css } from 'lit';

/**
 * The one visible focus style: a two-ring outline that reads on any background in both themes. Applied with
 * `:focus-visible` only, so mouse and touch users do not see it.
 */
export const focusRing = css`
  .focus-ring:focus-visible,
  [data-focus-ring]:focus-visible {
    outline: 2px solid var(--vr-focus-ring);
    outline-offset: 3px;
  }
`;

/**
 * Motion is decoration here (speaking pulses, menu entrances): people who ask for less motion get still
 * states that carry the same information (a static ring instead of a pulsing one).
 */
export const reducedMotion = css`
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }
`;

/** Text for assistive technology only. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;

/** A small indeterminate spinner for pending commands (`<span class="spinner" aria-hidden="true">`). */
export const spinner = css`
  .spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    animation: vr-spin 0.8s linear infinite;
  }
  @keyframes vr-spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s !important;
      animation-iteration-count: infinite !important;
    }
  }
`;

/**
 * A detail panel opened with `<dialog>.showModal()`: a card on the kit's surface that fades up, dims the page behind
 * it, and becomes a bottom sheet on phones. Put after an element's own styles, which give the dialog its desktop
 * width and overflow; the phone rules here then override that width.
 */
export const sheetDialog = css`
    dialog {
      box-sizing: border-box;
      max-block-size: calc(100dvh - 32px);
      margin: auto;
      padding: 0;
      border: 1px solid var(--vr-color-border);
      border-radius: 24px;
      background: var(--vr-color-surface);
      color: var(--vr-color-text);
      color-scheme: var(--vr-color-scheme, light dark);
      font-family: var(--vr-font-family);
      box-shadow: var(--vr-shadow-m);
    }
    dialog[open] {
      animation: vr-sheet var(--vr-duration-medium) var(--vr-easing);
    }
    dialog::backdrop {
      background: rgb(13 10 22 / 0.5);
      backdrop-filter: blur(3px);
    }
    @media (max-width: 520px) {
      dialog {
        inline-size: 100vw;
        max-inline-size: 100vw;
        margin: auto 0 0;
        border-radius: 24px 24px 0 0;
        border-block-end: 0;
      }
    }
    @keyframes vr-sheet {
      from {
        opacity: 0;
        translate: 0 16px;
      }
    }
`;

/** A person in a list row: `.who` holds the `.name` (one line, ellipsis) and whatever line goes under it. */
export const personText = css`
    .who {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: 3px;
      min-inline-size: 0;
    }
    .name {
      overflow: hidden;
      font-weight: 650;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
`;
