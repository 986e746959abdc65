import { VrEvent } from './vr-event.js';

export interface VrRequestRespondAllDetail {
  readonly accept: boolean;
  /** Applications waiting when the intent was made. */
  readonly count: number;
}

/**
 * `vr-request-respond-all` (cancelable): Intent (owner/admin) to admit or reject every pending application at once. Unless cancelled the element calls `room.respondAll(accept)`.
 */
export class VrRequestRespondAllEvent extends VrEvent<VrRequestRespondAllDetail> {
  static readonly type = 'vr-request-respond-all' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-request-respond-all': VrRequestRespondAllEvent;
  }
}
