import type { Seat } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrSeatSelectDetail {
  readonly index: number;
  readonly seat: Seat;
}

/**
 * `vr-seat-select` (cancelable): A seat was activated (click, Enter, Space). Cancel it to stop the seat's own action menu from opening
 * and show a product's own UI instead.
 */
export class VrSeatSelectEvent extends VrEvent<VrSeatSelectDetail> {
  static readonly type = 'vr-seat-select' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-select': VrSeatSelectEvent;
  }
}
