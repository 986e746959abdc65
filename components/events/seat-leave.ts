import { VrEvent } from './vr-event.js';

export interface VrSeatLeaveDetail {
  readonly index: number;
}

/**
 * `vr-seat-leave` (cancelable): Intent to leave my seat. Unless cancelled the element calls `room.leaveSeat()`.
 */
export class VrSeatLeaveEvent extends VrEvent<VrSeatLeaveDetail> {
  static readonly type = 'vr-seat-leave' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-leave': VrSeatLeaveEvent;
  }
}
