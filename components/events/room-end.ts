export interface VrRoomEndDetail {
  readonly roomId: string;
}

/**
 * `vr-room-end` (cancelable): The owner confirmed ending the live. Unless cancelled, `<vr-room>` calls `room.end()`,
 * which sends everyone in the room to the ended notice.
 */
export class VrRoomEndEvent extends Event {
  static readonly type = 'vr-room-end' as const;
  readonly detail: VrRoomEndDetail;

  constructor(detail: VrRoomEndDetail) {
    super(VrRoomEndEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-room-end': VrRoomEndEvent;
  }
}
