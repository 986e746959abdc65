export interface VrRequestRespondAllDetail {
  readonly accept: boolean;
  /** Applications waiting when the intent was made. */
  readonly count: number;
}

/**
 * `vr-request-respond-all` (cancelable): Intent (owner/admin) to admit or reject every pending application at once. Unless cancelled the element calls `room.respondAll(accept)`.
 */
export class VrRequestRespondAllEvent extends Event {
  static readonly type = 'vr-request-respond-all' as const;
  readonly detail: VrRequestRespondAllDetail;

  constructor(detail: VrRequestRespondAllDetail) {
    super(VrRequestRespondAllEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-request-respond-all': VrRequestRespondAllEvent;
  }
}
