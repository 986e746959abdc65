import { VrEvent } from './vr-event.js';

export interface VrMemberKickDetail {
  readonly userId: string;
  /** Also keep them out for this many seconds (the removal dialog's choice); absent: they may come back. */
  readonly banSeconds?: number;
}

/**
 * `vr-member-kick` (cancelable): Intent (owner/admin) to remove a member from the room. Unless cancelled the element calls `room.kickMember(userId)`, or `room.banMembers([userId], banSeconds)` when the person is also kept out.
 */
export class VrMemberKickEvent extends VrEvent<VrMemberKickDetail> {
  static readonly type = 'vr-member-kick' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-member-kick': VrMemberKickEvent;
  }
}
