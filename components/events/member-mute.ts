import { VrEvent } from './vr-event.js';

export interface VrMemberMuteDetail {
  readonly userId: string;
  /** How long the member may not send barrage; 0 lifts a mute. */
  readonly seconds: number;
}

/**
 * `vr-member-mute` (cancelable): Intent (owner/admin) to mute a member's barrage. Unless cancelled the element calls `room.muteMember(userId, seconds)`.
 */
export class VrMemberMuteEvent extends VrEvent<VrMemberMuteDetail> {
  static readonly type = 'vr-member-mute' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-member-mute': VrMemberMuteEvent;
  }
}
