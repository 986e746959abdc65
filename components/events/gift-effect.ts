import type { GiftEffect } from '../../src/index.js';

/** How the player showed an effect: an SVGA animation, a banner, or (reduced motion) a still card. */
export type GiftEffectMode = 'fullscreen' | 'banner' | 'still';

/** Why an effect ended: it played out, its animation failed to load (it then plays as a banner), or it was cut. */
export type GiftEffectOutcome = 'finished' | 'failed' | 'dropped' | 'cleared';

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
