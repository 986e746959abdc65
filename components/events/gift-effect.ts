import type { GiftEffect, GiftEffectMode, GiftEffectOutcome } from '../../src/index.js';

// Defined beside the player's queue (src/rules/gift-effects.ts), which decides them; re-exported for listeners.
export type { GiftEffectMode, GiftEffectOutcome };

export interface VrGiftEffectStartDetail {
  readonly effect: GiftEffect;
  readonly mode: GiftEffectMode;
}

export interface VrGiftEffectEndDetail extends VrGiftEffectStartDetail {
  readonly outcome: GiftEffectOutcome;
  /** The combo the effect reached (×N) by the time it ended. */
  readonly combo: number;
}

/** `vr-gift-effect-start`: `<vr-gift-player>` started showing an effect (for analytics or sound). */
export class VrGiftEffectStartEvent extends Event {
  static readonly type = 'vr-gift-effect-start' as const;
  readonly detail: VrGiftEffectStartDetail;

  constructor(detail: VrGiftEffectStartDetail) {
    super(VrGiftEffectStartEvent.type, { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

/** `vr-gift-effect-end`: an effect finished, failed (and fell back to a banner), or was dropped by the storm cap. */
export class VrGiftEffectEndEvent extends Event {
  static readonly type = 'vr-gift-effect-end' as const;
  readonly detail: VrGiftEffectEndDetail;

  constructor(detail: VrGiftEffectEndDetail) {
    super(VrGiftEffectEndEvent.type, { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-gift-effect-start': VrGiftEffectStartEvent;
    'vr-gift-effect-end': VrGiftEffectEndEvent;
  }
}
