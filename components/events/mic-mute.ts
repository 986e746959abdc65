export interface VrMicMuteDetail {
  /** true: mute my microphone; false: unmute it. */
  readonly muted: boolean;
  readonly seatIndex: number;
}

/**
 * `vr-mic-mute` (cancelable): Intent to self-mute or unmute while seated (the speaker's own choice; not the seat
 * audio lock an owner sets). Unless cancelled the element calls `room.setSelfMute(muted)`.
 */
export class VrMicMuteEvent extends Event {
  static readonly type = 'vr-mic-mute' as const;
  readonly detail: VrMicMuteDetail;

  constructor(detail: VrMicMuteDetail) {
    super(VrMicMuteEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-mic-mute': VrMicMuteEvent;
  }
}
