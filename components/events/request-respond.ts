import type { RequestType } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrRequestRespondDetail {
  readonly requestId: string;
  /** `apply`: an owner/admin answers an application; `invite`: I answer an invitation. */
  readonly type: RequestType;
  /** The applicant, or for an invitation the inviter. */
  readonly userId: string;
  readonly accept: boolean;
}

/**
 * `vr-request-respond` (cancelable): Intent to answer a seat request (approve/reject an application, accept/decline an invitation). Unless cancelled the element calls `room.respondRequest(requestId, accept)`.
 */
export class VrRequestRespondEvent extends VrEvent<VrRequestRespondDetail> {
  static readonly type = 'vr-request-respond' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-request-respond': VrRequestRespondEvent;
  }
}
