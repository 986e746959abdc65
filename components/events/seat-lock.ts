import { VrEvent } from './vr-event.js';

export interface VrSeatLockDetail {
  readonly index: number;
  readonly locked: boolean;
}

/**
 * `vr-seat-lock` (cancelable): Intent (owner/admin) to lock or unlock a seat. Unless cancelled the element calls `room.lockSeat(index, locked)`;
 * locking an occupied seat removes its occupant first.
 */
export class VrSeatLockEvent extends VrEvent<VrSeatLockDetail> {
  static readonly type = 'vr-seat-lock' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-lock': VrSeatLockEvent;
  }
}
