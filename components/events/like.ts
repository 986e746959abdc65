export interface VrLikeDetail {
  /** Taps in this gesture (1 per click or key press). */
  readonly taps: number;
}

/**
 * `vr-like` (cancelable): Intent to like the room. Unless cancelled `<vr-like-button>` calls `room.like(taps)`
 * (the store batches taps into one `like.send`) and shows floating hearts.
 */
export class VrLikeEvent extends Event {
  static readonly type = 'vr-like' as const;
  readonly detail: VrLikeDetail;

  constructor(detail: VrLikeDetail) {
    super(VrLikeEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-like': VrLikeEvent;
  }
}
