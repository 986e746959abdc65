import type { ErrorCode } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrRoomRetryDetail {
  readonly roomId: string;
  /** The code the last start/join failed with. */
  readonly code: ErrorCode;
}

/**
 * `vr-room-retry` (cancelable): "Try again" on the notice of a start or join that failed (phase `failed`). Unless
 * cancelled, `<vr-room>` calls `room.retry()`, which repeats that start or join with the same options.
 */
export class VrRoomRetryEvent extends VrEvent<VrRoomRetryDetail> {
  static readonly type = 'vr-room-retry' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-room-retry': VrRoomRetryEvent;
  }
}
