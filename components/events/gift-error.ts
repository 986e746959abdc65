import type { ErrorCode } from '../../src/index.js';

export interface VrGiftErrorDetail {
  readonly giftId: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * `vr-gift-error`: Sending a gift failed. The panel already shows the message; this is for logging or a product's own toast.
 * Superseded by `vr-command-error`, which every element fires; kept for pages that listen for this one.
 */
export class VrGiftErrorEvent extends Event {
  static readonly type = 'vr-gift-error' as const;
  readonly detail: VrGiftErrorDetail;

  constructor(detail: VrGiftErrorDetail) {
    super(VrGiftErrorEvent.type, { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-gift-error': VrGiftErrorEvent;
  }
}
