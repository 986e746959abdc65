import { VrEvent } from './vr-event.js';

export interface VrRoomTakeoverDetail {
  readonly roomId: string;
}

/**
 * `vr-room-takeover` (cancelable): "Use here" on the notice shown while this room is open in another tab or window of
 * mine (`room.displaced$`). Unless cancelled, `<vr-room>` calls `room.takeOver()`: this tab connects again and the
 * other one stops.
 */
export class VrRoomTakeoverEvent extends VrEvent<VrRoomTakeoverDetail> {
  static readonly type = 'vr-room-takeover' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-room-takeover': VrRoomTakeoverEvent;
  }
}
