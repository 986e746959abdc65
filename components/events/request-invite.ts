import { VrEvent } from './vr-event.js';

export interface VrRequestInviteDetail {
  readonly userId: string;
  /** The seat offered; null means any free seat. */
  readonly seatIndex: number | null;
}

/**
 * `vr-request-invite` (cancelable): Intent (owner/admin) to invite a member to a seat. Unless cancelled the element calls `room.inviteToSeat(userId, seatIndex)`.
 */
export class VrRequestInviteEvent extends VrEvent<VrRequestInviteDetail> {
  static readonly type = 'vr-request-invite' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-request-invite': VrRequestInviteEvent;
  }
}
