export interface VrRequestInviteDetail {
  readonly userId: string;
  /** The seat offered; null means any free seat. */
  readonly seatIndex: number | null;
}

/**
 * `vr-request-invite` (cancelable): Intent (owner/admin) to invite a member to a seat. Unless cancelled the element calls `room.inviteToSeat(userId, seatIndex)`.
 */
export class VrRequestInviteEvent extends Event {
  static readonly type = 'vr-request-invite' as const;
  readonly detail: VrRequestInviteDetail;

  constructor(detail: VrRequestInviteDetail) {
    super(VrRequestInviteEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-request-invite': VrRequestInviteEvent;
  }
}
