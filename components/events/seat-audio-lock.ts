export interface VrSeatAudioLockDetail {
  readonly index: number;
  readonly locked: boolean;
}

/**
 * `vr-seat-audio-lock` (cancelable): Intent (owner/admin) to lock or unlock the microphone of a seat. Unless cancelled the element calls
 * `room.lockSeatAudio(index, locked)`.
 */
export class VrSeatAudioLockEvent extends Event {
  static readonly type = 'vr-seat-audio-lock' as const;
  readonly detail: VrSeatAudioLockDetail;

  constructor(detail: VrSeatAudioLockDetail) {
    super(VrSeatAudioLockEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-audio-lock': VrSeatAudioLockEvent;
  }
}
