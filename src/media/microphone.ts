import { insecureContextError, microphoneError } from './errors.js';

export interface MicrophoneOptions {
  /** A device from `listAudioInputs()`; the browser's default when absent or `undefined`. */
  readonly deviceId?: string | undefined;
  /** Voice processing is on by default: a voice room without it echoes and howls. */
  readonly echoCancellation?: boolean;
  readonly noiseSuppression?: boolean;
  readonly autoGainControl?: boolean;
}

/** What the store needs from a microphone; tests and other platforms can pass their own. */
export interface MicrophoneSource {
  /** Opens (or returns the already open) microphone track. Rejects with a RoomError carrying a device code. */
  acquire(): Promise<MediaStreamTrack>;
  /** Stops capture and releases the device (the browser's recording indicator goes off). */
  release(): void;
  readonly track: MediaStreamTrack | null;
}

/** The browser microphone through getUserMedia, one track at a time. */
export class BrowserMicrophone implements MicrophoneSource {
  #current: MediaStreamTrack | null = null;
  #opening: Promise<MediaStreamTrack> | null = null;
  #options: MicrophoneOptions;

  constructor(options: MicrophoneOptions = {}) {
    this.#options = options;
  }

  get track(): MediaStreamTrack | null {
    return this.#current && this.#current.readyState === 'live' ? this.#current : null;
  }

  /** Switches device; an open microphone is reopened on the new one. */
  async setDevice(deviceId: string | undefined): Promise<MediaStreamTrack | null> {
    this.#options = { ...this.#options, deviceId };
    if (!this.#current) return null;
    this.release();
    return this.acquire();
  }

  acquire(): Promise<MediaStreamTrack> {
    if (this.track) return Promise.resolve(this.track);
    this.#opening ??= this.#open().finally(() => (this.#opening = null));
    return this.#opening;
  }

  release(): void {
    this.#current?.stop();
    this.#current = null;
  }

  async #open(): Promise<MediaStreamTrack> {
    const g = globalThis as { isSecureContext?: boolean; navigator?: Navigator };
    if (g.isSecureContext === false) throw insecureContextError();
    const devices = g.navigator?.mediaDevices;
    if (!devices || typeof devices.getUserMedia !== 'function') throw insecureContextError();
    const { deviceId, echoCancellation = true, noiseSuppression = true, autoGainControl = true } = this.#options;
    let stream: MediaStream;
    try {
      stream = await devices.getUserMedia({
        audio: {
          echoCancellation,
          noiseSuppression,
          autoGainControl,
          ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        },
        video: false,
      });
    } catch (error) {
      throw microphoneError(error);
    }
    const track = stream.getAudioTracks()[0];
    if (!track) throw microphoneError({ name: 'NotFoundError' });
    this.#current = track;
    return track;
  }
}

export function createMicrophone(options?: MicrophoneOptions): BrowserMicrophone {
  return new BrowserMicrophone(options);
}
