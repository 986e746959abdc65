export interface VrBarrageSendDetail {
  /** The message as it will be sent (trimmed; at most 200 code points). */
  readonly text: string;
}

/**
 * `vr-barrage-send` (cancelable): Intent to send a chat message. Unless cancelled `<vr-barrage>` calls
 * `room.sendBarrage(text)`; a product can cancel it to moderate, translate or route the text itself.
 */
export class VrBarrageSendEvent extends Event {
  static readonly type = 'vr-barrage-send' as const;
  readonly detail: VrBarrageSendDetail;

  constructor(detail: VrBarrageSendDetail) {
    super(VrBarrageSendEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-barrage-send': VrBarrageSendEvent;
  }
}
