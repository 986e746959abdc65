import { formatNumber } from '../i18n/locale.js';

/** `h:mm:ss` (or `m:ss` under an hour) with the locale's digits. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => formatNumber(n, { minimumIntegerDigits: 2 });
  return h > 0 ? `${formatNumber(h)}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
