import { pendingKey } from '../../src/index.js';

// Apart from the rows (row.ts, in the lazily loaded panel): the element checks these on every render.

/** A row action → the store's pending key for its command on that person. */
export const ROW_PENDING = {
  invite: pendingKey.requestInvite,
  mute: pendingKey.memberMute,
  kick: pendingKey.memberKick,
} as const;
export type RowAction = keyof typeof ROW_PENDING;
export const ROW_ACTIONS = Object.keys(ROW_PENDING) as RowAction[];
