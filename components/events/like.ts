import { VrEvent } from './vr-event.js';

export interface VrLikeDetail {
  /** Taps in this gesture (1 per click or key press). */
  readonly taps: number;
}

/**
 * `vr-like` (cancelable): Intent to like the room. Unless cancelled `<vr-like-button>` calls `room.like(taps)`
 * (the store batches taps into one `like.send`) and shows floating hearts.
 */
export class VrLikeEvent extends VrEvent<VrLikeDetail> {
  static readonly type = 'vr-like' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-like': VrLikeEvent;
  }
}
