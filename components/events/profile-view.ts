import type { UserInfo } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrProfileViewDetail {
  readonly user: UserInfo;
  readonly seatIndex: number | null;
}

/**
 * `vr-profile-view` (cancelable): Intent to see a user's profile. Elements have no profile card of their own yet: a product listens and shows one
 * (`room.getProfile(user.userId)` has the data).
 */
export class VrProfileViewEvent extends VrEvent<VrProfileViewDetail> {
  static readonly type = 'vr-profile-view' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-profile-view': VrProfileViewEvent;
  }
}
