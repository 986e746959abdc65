// Its own module: the values are public (`BarrageBlock`), so they are in the kit's initial load, and the barrage
// that uses them is not.
/** Why the composer is disabled. */
export const BarrageBlock = {
  notJoined: 'not-joined',
  roomMuted: 'room-muted',
  muted: 'muted',
  rateLimited: 'rate-limited',
} as const;
export type BarrageBlock = (typeof BarrageBlock)[keyof typeof BarrageBlock];
