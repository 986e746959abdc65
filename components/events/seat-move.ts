export interface VrSeatMoveDetail {
  readonly from: number;
  readonly index: number;
}

/**
 * `vr-seat-move` (cancelable): Intent to move from my seat to another free seat. Unless cancelled the element calls `room.moveSeat(index)`.
 */
export class VrSeatMoveEvent extends Event {
  static readonly type = 'vr-seat-move' as const;
  readonly detail: VrSeatMoveDetail;

  constructor(detail: VrSeatMoveDetail) {
    super(VrSeatMoveEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-move': VrSeatMoveEvent;
  }
}
