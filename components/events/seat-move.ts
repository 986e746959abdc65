import { VrEvent } from './vr-event.js';

export interface VrSeatMoveDetail {
  readonly from: number;
  readonly index: number;
}

/**
 * `vr-seat-move` (cancelable): Intent to move from my seat to another free seat. Unless cancelled the element calls `room.moveSeat(index)`.
 */
export class VrSeatMoveEvent extends VrEvent<VrSeatMoveDetail> {
  static readonly type = 'vr-seat-move' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-move': VrSeatMoveEvent;
  }
}
