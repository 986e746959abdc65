export interface VrRequestCancelDetail {
  readonly requestId: string;
  readonly seatIndex: number | null;
}

/**
 * `vr-request-cancel` (cancelable): Intent to withdraw my pending application. Unless cancelled the element calls `room.cancelRequest(requestId)`.
 */
export class VrRequestCancelEvent extends Event {
  static readonly type = 'vr-request-cancel' as const;
  readonly detail: VrRequestCancelDetail;

  constructor(detail: VrRequestCancelDetail) {
    super(VrRequestCancelEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-request-cancel': VrRequestCancelEvent;
  }
}
