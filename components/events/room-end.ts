import { VrEvent } from './vr-event.js';

export interface VrRoomEndDetail {
  readonly roomId: string;
}

/**
 * `vr-room-end` (cancelable): The owner confirmed ending the live. Unless cancelled, `<vr-room>` calls `room.end()`,
 * which sends everyone in the room to the ended notice.
 */
export class VrRoomEndEvent extends VrEvent<VrRoomEndDetail> {
  static readonly type = 'vr-room-end' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-room-end': VrRoomEndEvent;
  }
}
