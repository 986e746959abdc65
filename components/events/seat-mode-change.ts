import type { SeatMode } from '../../src/index.js';

export interface VrSeatModeChangeDetail {
  readonly seatMode: SeatMode;
}

/**
 * `vr-seat-mode-change` (cancelable): Intent (owner) to switch between free seats and seats by application. Unless cancelled the element calls `room.setSeatMode(seatMode)`.
 */
export class VrSeatModeChangeEvent extends Event {
  static readonly type = 'vr-seat-mode-change' as const;
  readonly detail: VrSeatModeChangeDetail;

  constructor(detail: VrSeatModeChangeDetail) {
    super(VrSeatModeChangeEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-mode-change': VrSeatModeChangeEvent;
  }
}
