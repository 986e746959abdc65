import { VrEvent } from './vr-event.js';

export interface VrBarrageSendDetail {
  /** The message as it will be sent (trimmed; at most 200 code points). */
  readonly text: string;
}

/**
 * `vr-barrage-send` (cancelable): Intent to send a chat message. Unless cancelled `<vr-barrage>` calls
 * `room.sendBarrage(text)`; a product can cancel it to moderate, translate or route the text itself.
 */
export class VrBarrageSendEvent extends VrEvent<VrBarrageSendDetail> {
  static readonly type = 'vr-barrage-send' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-barrage-send': VrBarrageSendEvent;
  }
}
