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
export class VrGiftRechargeEvent extends Event {
  static readonly type = 'vr-gift-recharge' as const;
  readonly detail: VrGiftRechargeDetail;

  constructor(detail: VrGiftRechargeDetail) {
    super(VrGiftRechargeEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-gift-recharge': VrGiftRechargeEvent;
  }
}
