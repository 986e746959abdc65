import { svg } from 'lit';

// The same 24×24 stroke family as the seat icons, in currentColor.
export const frame = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const micIcon = frame(
  svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>`,
);
export const micOffIcon = frame(
  svg`<path d="M9 9v2a3 3 0 0 0 5.1 2.1M15 10V6a3 3 0 0 0-5.7-1.3"/><path d="M19 11a7 7 0 0 1-1.2 3.9M5 11a7 7 0 0 0 10.9 5.8M12 18.5V21"/><path d="M3 3l18 18"/>`,
);
export const handIcon = frame(
  svg`<path d="M8 13V5.5a1.5 1.5 0 0 1 3 0V11M11 10.5v-6a1.5 1.5 0 0 1 3 0V11M14 10.5V6a1.5 1.5 0 0 1 3 0v7"/><path d="M8 13.5V10a1.5 1.5 0 0 0-3 0v4a7 7 0 0 0 7 7h1a5 5 0 0 0 5-5v-3"/>`,
);
export const giftIcon = frame(
  svg`<rect x="3.5" y="8" width="17" height="4" rx="1"/><path d="M5 12v7.5a1.5 1.5 0 0 0 1.5 1.5h11a1.5 1.5 0 0 0 1.5-1.5V12M12 8v13"/><path d="M12 8S10.5 3.5 8 3.5a2.25 2.25 0 0 0 0 4.5M12 8s1.5-4.5 4-4.5a2.25 2.25 0 0 1 0 4.5"/>`,
);
export const requestsIcon = frame(
  svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><path d="M19 8v6M16 11h6"/>`,
);
export const powerIcon = frame(svg`<path d="M12 3v8"/><path d="M6.3 6.8a8 8 0 1 0 11.4 0"/>`);
export const exitIcon = frame(
  svg`<path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3"/><path d="M10 16l-4-4 4-4M6 12h10"/>`,
);
export const closeIcon = frame(svg`<path d="M6 6l12 12M18 6L6 18"/>`);
export const wifiOffIcon = frame(
  svg`<path d="M2 8.5a15 15 0 0 1 4.5-2.8M10.5 5.1A15 15 0 0 1 22 8.5M5 12a10 10 0 0 1 4-2.3M15.5 10.3A10 10 0 0 1 19 12M8.5 15.5a5 5 0 0 1 7 0"/><circle cx="12" cy="19" r="1"/><path d="M3 3l18 18"/>`,
);
export const soundIcon = frame(
  svg`<path d="M4 9.5h3.5L12 5v14l-4.5-4.5H4z"/><path d="M16 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11"/>`,
);
