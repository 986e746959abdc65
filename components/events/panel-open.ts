import { VrEvent } from './vr-event.js';

export interface VrPanelOpenDetail {
  /** Which detail panel: `live-info` or `audience`. */
  readonly panel: 'live-info' | 'audience';
}

/**
 * `vr-panel-open` (cancelable): A detail panel is about to open. Cancel to show your own panel instead.
 */
export class VrPanelOpenEvent extends VrEvent<VrPanelOpenDetail> {
  static readonly type = 'vr-panel-open' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-panel-open': VrPanelOpenEvent;
  }
}
