import { VrEvent } from './vr-event.js';

export interface VrFollowChangeDetail {
  readonly userId: string;
  /** true: follow; false: unfollow. */
  readonly follow: boolean;
}

/**
 * `vr-follow-change` (cancelable): Intent to follow or unfollow a user. Unless cancelled the element calls `room.follow(userId, follow)`.
 */
export class VrFollowChangeEvent extends VrEvent<VrFollowChangeDetail> {
  static readonly type = 'vr-follow-change' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-follow-change': VrFollowChangeEvent;
  }
}
