import type { RequestType } from '../../src/index.js';

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
export class VrRequestRespondEvent extends Event {
  static readonly type = 'vr-request-respond' as const;
  readonly detail: VrRequestRespondDetail;

  constructor(detail: VrRequestRespondDetail) {
    super(VrRequestRespondEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-request-respond': VrRequestRespondEvent;
  }
}
