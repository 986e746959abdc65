import { svg } from 'lit';

// The same 24×24 stroke family as components/seat/icons.ts, drawn in currentColor. The member rows' own icons are
// in row.ts, so they come with the audience panel's chunk.
export const frame = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const checkIcon = frame(svg`<path d="M5 12.5l4.5 4.5L19 7.5"/>`);
export const closeIcon = frame(svg`<path d="M6 6l12 12M18 6L6 18"/>`);
export const searchIcon = frame(svg`<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4.5 4.5"/>`);
export const eyeIcon = frame(
  svg`<path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z"/><circle cx="12" cy="12" r="2.8"/>`,
);
export const heartIcon = frame(
  svg`<path d="M12 20s-7.5-4.4-7.5-10A4.3 4.3 0 0 1 12 7.4 4.3 4.3 0 0 1 19.5 10c0 5.6-7.5 10-7.5 10z"/>`,
);
export const clockIcon = frame(svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>`);
export const micIcon = frame(
  svg`<rect x="8.5" y="2.5" width="7" height="12" rx="3.5"/><path d="M18.5 11a6.5 6.5 0 0 1-13 0M12 17.5V21"/>`,
);
export const plusIcon = frame(svg`<path d="M12 5v14M5 12h14"/>`);
export const chevronIcon = frame(svg`<path d="M9 6l6 6-6 6"/>`);
export const editIcon = frame(svg`<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="M13.5 6.5l4 4"/>`);
export const usersIcon = frame(
  svg`<circle cx="9" cy="8.5" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><path d="M16 4.8a3.5 3.5 0 0 1 0 7M18 14.3a6.5 6.5 0 0 1 3.5 5.7"/>`,
);
