import { formatNumber } from '../i18n/locale.js';

// Only the format: it is public (`voiceroom-kit/components` exports it), so this module is in the kit's initial
// load; the countdown's template, which only the seat requests' chunk shows, is in countdown-view.ts (issue 14).

/** `m:ss` with the locale's digits (Intl), for countdowns. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${formatNumber(minutes)}:${formatNumber(total % 60, { minimumIntegerDigits: 2 })}`;
}
