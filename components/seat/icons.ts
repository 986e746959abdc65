import { svg } from 'lit';

// 24×24 stroke icons (one visual family), drawn in currentColor so badges colour them with tokens.
const frame = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const plusIcon = frame(svg`<path d="M12 5v14M5 12h14"/>`);
export const lockIcon = frame(
  svg`<rect x="5" y="11" width="14" height="10" rx="2.5"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`,
);
export const micOffIcon = frame(
  svg`<path d="M9 9v2a3 3 0 0 0 5.1 2.1M15 10V5a3 3 0 0 0-5.7-1.3"/><path d="M19 11a7 7 0 0 1-1.2 3.9M5 11a7 7 0 0 0 10.9 5.8M12 18.5V21"/><path d="M3 3l18 18"/>`,
);
export const micLockIcon = frame(
  svg`<rect x="8.5" y="2.5" width="7" height="11" rx="3.5"/><path d="M18.5 11a6.5 6.5 0 0 1-13 0M12 17.5V21"/><path d="M4 4l16 16"/>`,
);
export const seatIcon = frame(
  svg`<path d="M6 11V7a3 3 0 0 1 3-3h6a3 3 0 0 1 3 3v4"/><path d="M4 11a2 2 0 0 1 2 2v2h12v-2a2 2 0 1 1 4 0v4H2v-4a2 2 0 0 1 2-2z" transform="translate(0 -1)"/><path d="M6 16v4M18 16v4"/>`,
);
