import { Observable } from 'rxjs';

export interface AudioDevice {
  readonly deviceId: string;
  readonly kind: 'audioinput' | 'audiooutput';
  /** Empty until the page has had microphone permission once (browsers hide labels before that). */
  readonly label: string;
  readonly groupId: string;
}

export interface AudioDevices {
  readonly inputs: readonly AudioDevice[];
  readonly outputs: readonly AudioDevice[];
  /** Whether this browser can route playback to a chosen output (HTMLMediaElement.setSinkId). */
  readonly canSelectOutput: boolean;
}

const none: AudioDevices = { inputs: [], outputs: [], canSelectOutput: false };

export function canSelectOutput(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Microphones and speakers right now. */
export async function listAudioDevices(): Promise<AudioDevices> {
  const devices = (globalThis as { navigator?: Navigator }).navigator?.mediaDevices;
  if (!devices || typeof devices.enumerateDevices !== 'function') return none;
  const all = await devices.enumerateDevices();
  const pick = (kind: 'audioinput' | 'audiooutput') =>
    all
      .filter((d) => d.kind === kind)
      .map((d): AudioDevice => ({ deviceId: d.deviceId, kind, label: d.label, groupId: d.groupId }));
  return { inputs: pick('audioinput'), outputs: pick('audiooutput'), canSelectOutput: canSelectOutput() };
}

/** The device list, again on every hot-plug (`devicechange`). Cold: each subscriber lists and listens. */
export const audioDevices$: Observable<AudioDevices> = new Observable<AudioDevices>((subscriber) => {
  const devices = (globalThis as { navigator?: Navigator }).navigator?.mediaDevices;
  let stopped = false;
  const emit = () => {
    listAudioDevices().then(
      (list) => {
        if (!stopped) subscriber.next(list);
      },
      () => undefined,
    );
  };
  emit();
  devices?.addEventListener?.('devicechange', emit);
  return () => {
    stopped = true;
    devices?.removeEventListener?.('devicechange', emit);
  };
});
