import { VrEvent } from './vr-event.js';

export interface VrMicMuteDetail {
  /** true: mute my microphone; false: unmute it. */
  readonly muted: boolean;
  readonly seatIndex: number;
}

/**
 * `vr-mic-mute` (cancelable): Intent to self-mute or unmute while seated (the speaker's own choice; not the seat
 * audio lock an owner sets). Unless cancelled the element calls `room.setSelfMute(muted)`.
 */
export class VrMicMuteEvent extends VrEvent<VrMicMuteDetail> {
  static readonly type = 'vr-mic-mute' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-mic-mute': VrMicMuteEvent;
  }
}
