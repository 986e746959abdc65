/**
 * Where the arrow keys, Home and End move within a group with one tab stop (roving tabindex, a grid of `columns`),
 * or null for any other key. Left and Right wrap around, mirrored in right-to-left text (`rtl`); Up and Down move by
 * a row and stop at the ends.
 */
export function arrowIndex(key: string, index: number, length: number, columns = 1, rtl = false): number | null {
  switch (key) {
    case 'ArrowRight':
      return (index + (rtl ? -1 : 1) + length) % length;
    case 'ArrowLeft':
      return (index + (rtl ? 1 : -1) + length) % length;
    case 'ArrowDown':
      return Math.min(length - 1, index + columns);
    case 'ArrowUp':
      return Math.max(0, index - columns);
    case 'Home':
      return 0;
    case 'End':
      return length - 1;
    default:
      return null;
  }
}
