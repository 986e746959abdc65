import { html, nothing } from 'lit';
import { type Observable, combineLatest, distinctUntilChanged, map } from 'rxjs';
import type { ConnectionState, Room, RoomError, RoomPhase } from '../../src/index.js';
import { msg } from '../i18n/locale.js';
import { soundIcon, wifiOffIcon } from './icons.js';

// The room's word about its own transport, over whatever the room shows: the connection or audio banner, and the
// prompt to enable sound while the browser blocks playback.

/** Where the room stands for me: its phase, the connection, the audio, another tab of mine. */
export interface RoomStatus {
  readonly phase: RoomPhase;
  /** Why the start or join failed (phase `failed`). */
  readonly failure: RoomError | null;
  readonly connection: ConnectionState;
  /** Another tab or window of mine has the room. */
  readonly displaced: boolean;
  /** The audio transport failed and is being negotiated again (the backend retries with a back-off). */
  readonly audioFailed: boolean;
  /** The browser blocks playback until a gesture. */
  readonly soundBlocked: boolean;
}

export const NO_STATUS: RoomStatus = {
  phase: 'idle',
  failure: null,
  connection: 'idle',
  displaced: false,
  audioFailed: false,
  soundBlocked: false,
};

/** Two slices of one shape that hold the same values, field by field (a slice changes only when what it shows does). */
export function sameFields<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((key) => a[key] === b[key]);
}

export function roomStatus(room: Room): Observable<RoomStatus> {
  return combineLatest([room.phase$, room.failure$, room.connection$, room.displaced$, room.audio$]).pipe(
    map(([phase, failure, connection, displaced, audio]): RoomStatus => ({
      phase,
      failure,
      connection,
      displaced,
      audioFailed: audio.connection === 'failed',
      soundBlocked: audio.autoplay === 'blocked',
    })),
    distinctUntilChanged(sameFields),
  );
}

/** The banner's words for each state it shows. */
const BANNER_TEXT = {
  'audio-failed': 'room.audio.retrying',
  reconnecting: 'room.reconnecting',
  disconnected: 'room.disconnected',
} as const;

/**
 * A live region that is always there (the same element whatever it holds, so it announces), with a banner while the
 * connection or the audio is down.
 */
export function connectionBanner({ phase, connection, audioFailed, displaced }: RoomStatus) {
  const state =
    phase !== 'live' || displaced
      ? null
      : connection === 'reconnecting' || connection === 'disconnected'
        ? connection
        : connection === 'connected' && audioFailed
          ? 'audio-failed'
          : null;
  return html`<div class="banner-region" role="status">${
    state
      ? html`<div class="banner" part="banner" data-state=${state}>
          ${state === 'disconnected' ? wifiOffIcon : html`<span class="spinner" aria-hidden="true"></span>`}<span>${msg(BANNER_TEXT[state])}</span>
        </div>`
      : nothing
  }</div>`;
}

/** The "enable sound" prompt (the `sound` slot replaces its content). */
export function soundPrompt(enable: () => void) {
  return html`<div class="sound" part="sound">
    <slot name="sound">
      <span class="sound-text">${soundIcon}<span>${msg('room.sound.blocked')}</span></span>
      <button type="button" class="sound-button focus-ring" @click=${enable}>${msg('room.sound.enable')}</button>
    </slot>
  </div>`;
}
