export interface VrMemberKickDetail {
  readonly userId: string;
}

/**
 * `vr-member-kick` (cancelable): Intent (owner/admin) to remove a member from the room. Unless cancelled the element calls `room.kickMember(userId)`.
 */
export class VrMemberKickEvent extends Event {
  static readonly type = 'vr-member-kick' as const;
  readonly detail: VrMemberKickDetail;

  constructor(detail: VrMemberKickDetail) {
    super(VrMemberKickEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-member-kick': VrMemberKickEvent;
  }
}
