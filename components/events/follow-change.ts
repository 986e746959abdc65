export interface VrFollowChangeDetail {
  readonly userId: string;
  /** true: follow; false: unfollow. */
  readonly follow: boolean;
}

/**
 * `vr-follow-change` (cancelable): Intent to follow or unfollow a user. Unless cancelled the element calls `room.follow(userId, follow)`.
 */
export class VrFollowChangeEvent extends Event {
  static readonly type = 'vr-follow-change' as const;
  readonly detail: VrFollowChangeDetail;

  constructor(detail: VrFollowChangeDetail) {
    super(VrFollowChangeEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-follow-change': VrFollowChangeEvent;
  }
}
