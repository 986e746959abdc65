import type { GiftEffect, GiftEffectMode, GiftEffectOutcome } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

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
export class VrGiftEffectStartEvent extends VrEvent<VrGiftEffectStartDetail> {
  static readonly type = 'vr-gift-effect-start' as const;
  static readonly cancelable = false;
}

/** `vr-gift-effect-end`: an effect finished, failed (and fell back to a banner), or was dropped by the storm cap. */
export class VrGiftEffectEndEvent extends VrEvent<VrGiftEffectEndDetail> {
  static readonly type = 'vr-gift-effect-end' as const;
  static readonly cancelable = false;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-gift-effect-start': VrGiftEffectStartEvent;
    'vr-gift-effect-end': VrGiftEffectEndEvent;
  }
}
