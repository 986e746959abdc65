export interface VrSeatInviteDetail {
  readonly index: number;
}

/**
 * `vr-seat-invite` (cancelable): Intent (owner/admin) to invite someone to an empty seat. The seat has no picker of its own: a product
 * (or `<vr-seat-requests>`) listens, lets the user choose, and calls `room.inviteToSeat(userId, index)`.
 */
export class VrSeatInviteEvent extends Event {
  static readonly type = 'vr-seat-invite' as const;
  readonly detail: VrSeatInviteDetail;

  constructor(detail: VrSeatInviteDetail) {
    super(VrSeatInviteEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-invite': VrSeatInviteEvent;
  }
}
