export interface VrMemberMuteDetail {
  readonly userId: string;
  /** How long the member may not send barrage; 0 lifts a mute. */
  readonly seconds: number;
}

/**
 * `vr-member-mute` (cancelable): Intent (owner/admin) to mute a member's barrage. Unless cancelled the element calls `room.muteMember(userId, seconds)`.
 */
export class VrMemberMuteEvent extends Event {
  static readonly type = 'vr-member-mute' as const;
  readonly detail: VrMemberMuteDetail;

  constructor(detail: VrMemberMuteDetail) {
    super(VrMemberMuteEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-member-mute': VrMemberMuteEvent;
  }
}
