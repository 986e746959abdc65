import type { ErrorCode } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrGiftErrorDetail {
  readonly giftId: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * `vr-gift-error`: Sending a gift failed. The panel already shows the message; this is for logging or a product's own toast.
 * Superseded by `vr-command-error`, which every element fires; kept for pages that listen for this one.
 */
export class VrGiftErrorEvent extends VrEvent<VrGiftErrorDetail> {
  static readonly type = 'vr-gift-error' as const;
  static readonly cancelable = false;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-gift-error': VrGiftErrorEvent;
  }
}
