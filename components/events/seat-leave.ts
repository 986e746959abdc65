export interface VrSeatLeaveDetail {
  readonly index: number;
}

/**
 * `vr-seat-leave` (cancelable): Intent to leave my seat. Unless cancelled the element calls `room.leaveSeat()`.
 */
export class VrSeatLeaveEvent extends Event {
  static readonly type = 'vr-seat-leave' as const;
  readonly detail: VrSeatLeaveDetail;

  constructor(detail: VrSeatLeaveDetail) {
    super(VrSeatLeaveEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-leave': VrSeatLeaveEvent;
  }
}
