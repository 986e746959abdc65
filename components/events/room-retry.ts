import type { ErrorCode } from '../../src/index.js';

export interface VrRoomRetryDetail {
  readonly roomId: string;
  /** The code the last start/join failed with. */
  readonly code: ErrorCode;
}

/**
 * `vr-room-retry` (cancelable): "Try again" on the notice of a start or join that failed (phase `failed`). Unless
 * cancelled, `<vr-room>` calls `room.retry()`, which repeats that start or join with the same options.
 */
export class VrRoomRetryEvent extends Event {
  static readonly type = 'vr-room-retry' as const;
  readonly detail: VrRoomRetryDetail;

  constructor(detail: VrRoomRetryDetail) {
    super(VrRoomRetryEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-room-retry': VrRoomRetryEvent;
  }
}
