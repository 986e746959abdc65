import type { ConnectionState, MediaConnectionState } from '../backends/room-backend.js';
import type { AutoplayState } from '../media/playback.js';
import type { ErrorCode, RoomError } from '../model/errors.js';
import type { FollowInfo } from '../model/follow.js';
import type { Gift } from '../model/gift.js';
import type { RequestStatus, SeatRequest } from '../model/request.js';
import type { RoomSnapshot } from '../model/room.js';
import type { Role, UserInfo } from '../model/user.js';
import { type LikeBatch, emptyLikeBatch } from '../rules/likes.js';
import { emptyRecord } from '../rules/records.js';
import type { PendingCounts } from './pending-key.js';

// The room store's state and the view types its observables carry. `Room` (room.ts) re-exports the public ones.

/** Where this client stands with the room. */
export const RoomPhase = {
  idle: 'idle',
  joining: 'joining',
  live: 'live',
  /** The owner ended the room. */
  ended: 'ended',
  left: 'left',
  kicked: 'kicked',
  banned: 'banned',
  /** A start or join did not succeed: `failure` says why, `retry()` tries the same again. */
  failed: 'failed',
} as const;
export type RoomPhase = (typeof RoomPhase)[keyof typeof RoomPhase];

/**
 * My microphone. `acquiring`: asking the browser (a permission prompt may be open); `on`: captured and sent;
 * `muted`: captured but silent (I muted myself, or the seat's audio is locked: see `reason`); `error`: the last
 * attempt failed with a device code (−1003, −1104…−1107) and a message for the user.
 */
export interface MicState {
  readonly status: 'off' | 'acquiring' | 'on' | 'muted' | 'error';
  readonly reason?: 'self' | 'locked';
  readonly error?: { readonly code: ErrorCode; readonly message: string };
}

/** One seat's audio as this client sees it (the same shape whichever backend carries the audio). */
export interface SeatAudio {
  readonly index: number;
  readonly userId: string | null;
  /** Someone sits here, may be heard, and their audio reaches listeners. */
  readonly hasAudio: boolean;
  readonly selfMuted: boolean;
  readonly audioLocked: boolean;
  /** Speaking level 0–100. */
  readonly level: number;
  /** What this browser plays it at, 0–100 (0 when I muted listening or this speaker). */
  readonly volume: number;
}

/** Audio state that is not per seat. */
export interface AudioViewState {
  readonly levels: Readonly<Record<number, number>>;
  readonly active: readonly number[] | null;
  readonly mic: MicState;
  /** I silenced every speaker in this browser (nobody else is affected). */
  readonly listenerMuted: boolean;
  /** Per-speaker playback volume in this browser, by user ID (default 100). */
  readonly volumes: Readonly<Record<string, number>>;
  readonly autoplay: AutoplayState;
  readonly connection: MediaConnectionState;
}

export interface RoomViewState {
  readonly phase: RoomPhase;
  /** Why the last start/join failed (phase `failed`); null otherwise. */
  readonly failure: RoomError | null;
  /**
   * I opened this room in another tab or window, which took the connection over (SIGNED_IN_ELSEWHERE): this one
   * stays quiet until `takeOver()`.
   */
  readonly displaced: boolean;
  readonly audio: AudioViewState;
  readonly connection: ConnectionState;
  readonly snapshot: RoomSnapshot | null;
  readonly balance: { readonly coins: number; readonly version: number } | null;
  readonly catalog: readonly Gift[];
  readonly follows: Readonly<Record<string, FollowInfo>>;
  /** Commands in flight by key (`seat.take`, `seat.take:3`, …: see `pendingKey`). */
  readonly pending: PendingCounts;
  /** Likes tapped but not yet sent, and sent but not yet counted by the server. */
  readonly myLikes: { readonly batch: LikeBatch; readonly inFlight: number };
  /** Time of the last state change, so time-based answers (mute expiry) are recomputed when it moves. */
  readonly now: number;
}

export interface Me {
  readonly user: UserInfo;
  readonly role: Role;
  readonly seatIndex: number;
  /** Epoch ms until which I may not send barrage, or 0. */
  readonly mutedUntil: number;
}

export interface RequestUpdate {
  readonly request: SeatRequest;
  /** The status as I see it (an admin sees 'handled-by-other' for an application another admin answered). */
  readonly status: RequestStatus;
}

export const MIC_OFF: MicState = { status: 'off' };

/** An empty list shared by every selector that has nothing to show, so "nothing" is always the same array. */
export const EMPTY: readonly never[] = [];

/** A room store before its first start or join, at time `now`. */
export function initialRoomState(now: number): RoomViewState {
  return {
    phase: 'idle',
    failure: null,
    displaced: false,
    connection: 'idle',
    snapshot: null,
    balance: null,
    catalog: EMPTY,
    follows: emptyRecord(),
    pending: emptyRecord(),
    myLikes: { batch: emptyLikeBatch, inFlight: 0 },
    now,
    audio: {
      levels: {},
      active: null,
      mic: MIC_OFF,
      listenerMuted: false,
      volumes: emptyRecord(),
      autoplay: 'idle',
      connection: 'idle',
    },
  };
}
