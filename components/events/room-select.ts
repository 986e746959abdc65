import type { RoomListItem } from '../../src/index.js';

export interface VrRoomSelectDetail {
  readonly roomId: string;
  readonly room: RoomListItem;
}

/** `vr-room-select` (cancelable): A room card of `<vr-room-list>` was chosen; the product opens that room. */
export class VrRoomSelectEvent extends Event {
  static readonly type = 'vr-room-select' as const;
  readonly detail: VrRoomSelectDetail;

  constructor(detail: VrRoomSelectDetail) {
    super(VrRoomSelectEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-room-select': VrRoomSelectEvent;
  }
}
