import type { ErrorCode } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrSeatErrorDetail {
  readonly index: number;
  readonly action: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * `vr-seat-error`: A seat command failed. The seat already shows the message; this is for logging or a product's own toast.
 * Superseded by `vr-command-error`, which every element fires; kept for pages that listen for this one.
 */
export class VrSeatErrorEvent extends VrEvent<VrSeatErrorDetail> {
  static readonly type = 'vr-seat-error' as const;
  static readonly cancelable = false;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-error': VrSeatErrorEvent;
  }
}
