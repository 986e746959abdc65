import { VrEvent } from './vr-event.js';

export interface VrSeatAudioLockDetail {
  readonly index: number;
  readonly locked: boolean;
}

/**
 * `vr-seat-audio-lock` (cancelable): Intent (owner/admin) to lock or unlock the microphone of a seat. Unless cancelled the element calls
 * `room.lockSeatAudio(index, locked)`.
 */
export class VrSeatAudioLockEvent extends VrEvent<VrSeatAudioLockDetail> {
  static readonly type = 'vr-seat-audio-lock' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-audio-lock': VrSeatAudioLockEvent;
  }
}
