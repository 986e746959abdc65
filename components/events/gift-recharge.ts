import { VrEvent } from './vr-event.js';

export interface VrGiftRechargeDetail {
  /** My balance when the recharge was asked for (null while unknown). */
  readonly balance: number | null;
  /** Coins the selected gift and count would cost, or 0 when nothing is selected. */
  readonly needed: number;
}

/**
 * `vr-gift-recharge` (cancelable): The user wants more coins. The kit has no payment flow of its own: a product
 * listens for this and opens its recharge page (there is no default action).
 */
export class VrGiftRechargeEvent extends VrEvent<VrGiftRechargeDetail> {
  static readonly type = 'vr-gift-recharge' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-gift-recharge': VrGiftRechargeEvent;
  }
}
