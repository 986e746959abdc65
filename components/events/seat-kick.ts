export interface VrSeatKickDetail {
  readonly index: number;
  readonly userId: string;
}

/**
 * `vr-seat-kick` (cancelable): Intent (owner/admin) to remove a user from a seat. Unless cancelled the element calls `room.kickSeat(userId)`.
 */
export class VrSeatKickEvent extends Event {
  static readonly type = 'vr-seat-kick' as const;
  readonly detail: VrSeatKickDetail;

  constructor(detail: VrSeatKickDetail) {
    super(VrSeatKickEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-kick': VrSeatKickEvent;
  }
}
