export interface VrPanelOpenDetail {
  /** Which detail panel: `live-info` or `audience`. */
  readonly panel: 'live-info' | 'audience';
}

/**
 * `vr-panel-open` (cancelable): A detail panel is about to open. Cancel to show your own panel instead.
 */
export class VrPanelOpenEvent extends Event {
  static readonly type = 'vr-panel-open' as const;
  readonly detail: VrPanelOpenDetail;

  constructor(detail: VrPanelOpenDetail) {
    super(VrPanelOpenEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-panel-open': VrPanelOpenEvent;
  }
}
