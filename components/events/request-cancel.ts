import { VrEvent } from './vr-event.js';

export interface VrRequestCancelDetail {
  readonly requestId: string;
  readonly seatIndex: number | null;
}

/**
 * `vr-request-cancel` (cancelable): Intent to withdraw my pending application. Unless cancelled the element calls `room.cancelRequest(requestId)`.
 */
export class VrRequestCancelEvent extends VrEvent<VrRequestCancelDetail> {
  static readonly type = 'vr-request-cancel' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-request-cancel': VrRequestCancelEvent;
  }
}
