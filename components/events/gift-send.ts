import type { Gift } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

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
export class VrGiftSendEvent extends VrEvent<VrGiftSendDetail> {
  static readonly type = 'vr-gift-send' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-gift-send': VrGiftSendEvent;
  }
}
