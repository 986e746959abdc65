import type { RoomListItem } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrRoomSelectDetail {
  readonly roomId: string;
  readonly room: RoomListItem;
}

/** `vr-room-select` (cancelable): A room card of `<vr-room-list>` was chosen; the product opens that room. */
export class VrRoomSelectEvent extends VrEvent<VrRoomSelectDetail> {
  static readonly type = 'vr-room-select' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-room-select': VrRoomSelectEvent;
  }
}
