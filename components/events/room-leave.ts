import type { RoomPhase } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrRoomLeaveDetail {
  readonly roomId: string;
  /** Where I stood when I asked to leave: 'live' (the room is left unless cancelled) or a finished phase. */
  readonly phase: RoomPhase;
  /** Set when the ended notice's countdown (`leave-after-end`) asked, not a person. */
  readonly auto?: boolean;
}

/**
 * `vr-room-leave` (cancelable): Intent to leave the room (a listener's close button, or the button on an ended/kicked
 * notice). Unless cancelled, `<vr-room>` calls `room.leave()` when I am still in the room. Products navigate on it.
 */
export class VrRoomLeaveEvent extends VrEvent<VrRoomLeaveDetail> {
  static readonly type = 'vr-room-leave' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-room-leave': VrRoomLeaveEvent;
  }
}
