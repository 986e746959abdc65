import type { SeatMode } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrSeatModeChangeDetail {
  readonly seatMode: SeatMode;
}

/**
 * `vr-seat-mode-change` (cancelable): Intent (owner) to switch between free seats and seats by application. Unless cancelled the element calls `room.setSeatMode(seatMode)`.
 */
export class VrSeatModeChangeEvent extends VrEvent<VrSeatModeChangeDetail> {
  static readonly type = 'vr-seat-mode-change' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-mode-change': VrSeatModeChangeEvent;
  }
}
