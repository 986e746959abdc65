import type { ErrorCode } from '../../src/index.js';

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
export class VrSeatErrorEvent extends Event {
  static readonly type = 'vr-seat-error' as const;
  readonly detail: VrSeatErrorDetail;

  constructor(detail: VrSeatErrorDetail) {
    super(VrSeatErrorEvent.type, { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-error': VrSeatErrorEvent;
  }
}
