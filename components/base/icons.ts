import { svg } from 'lit';

// The kit's 24×24 stroke icons (one visual family), drawn in currentColor so each place colours them with tokens.
// Each icon lives in a module only the code that shows it imports (issue 14): a module that also carried a lazy
// part's icons would bring them into the kit's initial load, since what a module exports at its top level is
// evaluated with it (a call such as `frame(...)` cannot be dropped by the bundler even when nothing uses it).

/** An icon's `<svg>` around its shapes. */
export const frame = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const plusIcon = frame(svg`<path d="M12 5v14M5 12h14"/>`);
