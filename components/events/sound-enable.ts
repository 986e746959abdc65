import { VrEvent } from './vr-event.js';

export interface VrSoundEnableDetail {
  readonly roomId: string;
}

/**
 * `vr-sound-enable` (cancelable): The user pressed "enable sound" while the browser blocked autoplay (`sound-blocked`
 * on `<vr-room>`). The voice layer resumes its audio in this user gesture; unless cancelled `<vr-room>` then drops
 * `sound-blocked` (cancel it to keep the prompt until playback really started).
 */
export class VrSoundEnableEvent extends VrEvent<VrSoundEnableDetail> {
  static readonly type = 'vr-sound-enable' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-sound-enable': VrSoundEnableEvent;
  }
}
