export interface VrSoundEnableDetail {
  readonly roomId: string;
}

/**
 * `vr-sound-enable` (cancelable): The user pressed "enable sound" while the browser blocked autoplay (`sound-blocked`
 * on `<vr-room>`). The voice layer resumes its audio in this user gesture; unless cancelled `<vr-room>` then drops
 * `sound-blocked` (cancel it to keep the prompt until playback really started).
 */
export class VrSoundEnableEvent extends Event {
  static readonly type = 'vr-sound-enable' as const;
  readonly detail: VrSoundEnableDetail;

  constructor(detail: VrSoundEnableDetail) {
    super(VrSoundEnableEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-sound-enable': VrSoundEnableEvent;
  }
}
