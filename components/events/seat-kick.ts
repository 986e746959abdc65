import { VrEvent } from './vr-event.js';

export interface VrSeatKickDetail {
  readonly index: number;
  readonly userId: string;
}

/**
 * `vr-seat-kick` (cancelable): Intent (owner/admin) to remove a user from a seat. Unless cancelled the element calls `room.kickSeat(userId)`.
 */
export class VrSeatKickEvent extends VrEvent<VrSeatKickDetail> {
  static readonly type = 'vr-seat-kick' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-kick': VrSeatKickEvent;
  }
}
