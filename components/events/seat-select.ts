import type { Seat } from '../../src/index.js';

export interface VrSeatSelectDetail {
  readonly index: number;
  readonly seat: Seat;
}

/**
 * `vr-seat-select` (cancelable): A seat was activated (click, Enter, Space). Cancel it to stop the seat's own action menu from opening
 * and show a product's own UI instead.
 */
export class VrSeatSelectEvent extends Event {
  static readonly type = 'vr-seat-select' as const;
  readonly detail: VrSeatSelectDetail;

  constructor(detail: VrSeatSelectDetail) {
    super(VrSeatSelectEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-select': VrSeatSelectEvent;
  }
}
