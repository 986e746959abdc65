import type { Gift } from '../../src/index.js';

export interface VrGiftSendDetail {
  readonly gift: Gift;
  readonly count: number;
  readonly receiverId: string;
  /** `gift.price × count`: what the send will cost. */
  readonly amount: number;
}

/**
 * `vr-gift-send` (cancelable): Intent to send a gift. Unless cancelled the panel calls
 * `room.sendGift({ giftId, count, receiverId })`; a product that runs its own balance or recharge flow cancels it.
 */
export class VrGiftSendEvent extends Event {
  static readonly type = 'vr-gift-send' as const;
  readonly detail: VrGiftSendDetail;

  constructor(detail: VrGiftSendDetail) {
    super(VrGiftSendEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-gift-send': VrGiftSendEvent;
  }
}
