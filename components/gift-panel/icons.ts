import { svg } from 'lit';

/** The coin beside prices and the balance. */
export const coinIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true" class="coin">
  <circle cx="8" cy="8" r="7" fill="#f5b82e" />
  <circle cx="8" cy="8" r="5.2" fill="#fcd34d" stroke="#d97706" stroke-width="0.8" />
  <path d="M8 4.6 9 7h2.4L9.5 8.5l.7 2.5L8 9.6 5.8 11l.7-2.5L4.6 7H7z" fill="#d97706" />
</svg>`;
