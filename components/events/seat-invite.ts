import { VrEvent } from './vr-event.js';

export interface VrSeatInviteDetail {
  readonly index: number;
}

/**
 * `vr-seat-invite` (cancelable): Intent (owner/admin) to invite someone to an empty seat. The seat has no picker of its own: a product
 * (or `<vr-seat-requests>`) listens, lets the user choose, and calls `room.inviteToSeat(userId, index)`.
 */
export class VrSeatInviteEvent extends VrEvent<VrSeatInviteDetail> {
  static readonly type = 'vr-seat-invite' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-invite': VrSeatInviteEvent;
  }
}
