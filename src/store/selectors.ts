import { roleOf } from '../model/room.js';
import type { Seat } from '../model/seat.js';
import type { UserInfo } from '../model/user.js';
import { barrageBlock } from '../rules/barrage.js';
import { entry } from '../rules/records.js';
import { seatOf } from '../rules/seats.js';
import {
  type AudioViewState,
  EMPTY,
  MIC_OFF,
  type Me,
  type MicState,
  type RoomViewState,
  type SeatAudio,
} from './room-state.js';

// The room store's selectors: plain functions of the state (with `select(state$, fn, equals)` making each one an
// observable at the store's edge, in room.ts), and the equalities that keep a slice quiet when nothing it shows
// changed. A selector about me is a factory taking my user ID.

type S = RoomViewState;

/**
 * Field-wise equality, for a selector that builds a fresh object on every state change: the same value in every
 * field either object has. The objects compared are the selectors' own (a `Me` always carries the same `user`), so
 * every field they have is one the slice shows.
 */
export const sameFields = <T extends object>(a: T, b: T): boolean =>
  Object.keys({ ...a, ...b }).every((key) => a[key as keyof T] === b[key as keyof T]);

export const seatsOf = (s: S): readonly Seat[] => s.snapshot?.seats ?? EMPTY;
export const mySeatOf = (me: string) => (s: S) => s.snapshot?.seats.find((seat) => seat.user?.userId === me) ?? null;
export const requestsOf = (s: S) => s.snapshot?.requests ?? EMPTY;
export const myApplicationOf = (me: string) => (s: S) =>
  s.snapshot?.requests.find((r) => r.type === 'apply' && r.from.userId === me) ?? null;
export const myInvitationOf = (me: string) => (s: S) =>
  s.snapshot?.requests.find((r) => r.type === 'invite' && r.to?.userId === me) ?? null;
export const barrageOf = (s: S) => s.snapshot?.barrage ?? EMPTY;
/** Why I may not send barrage right now (muted, room-wide mute…), or null; time-based, so it follows `now`. */
export const barrageBlockOf = (me: string) => (s: S) => (s.snapshot ? barrageBlock(s.snapshot, me, s.now) : null);
export const giftTotalsOf = (s: S) => s.snapshot?.gifts ?? { amount: 0, count: 0, leaderboard: EMPTY };
export const audienceOf = (s: S) => s.snapshot?.audience ?? { recent: EMPTY, total: 0 };
export const adminsOf = (s: S) => s.snapshot?.admins ?? EMPTY;

/** The room's likes with mine counted at once: taps not yet sent and sent ones the server has not counted. */
export function likesOf(s: S): { readonly total: number; readonly mine: number } {
  const mine = s.myLikes.batch.pending + s.myLikes.inFlight;
  return { total: (s.snapshot?.likes.total ?? 0) + mine, mine };
}

export const meOf =
  (user: UserInfo) =>
  (s: S): Me => {
    const snapshot = s.snapshot;
    if (!snapshot) return { user, role: 'member', seatIndex: -1, mutedUntil: 0 };
    const seatIndex = seatOf(snapshot, user.userId);
    const mutedUntil = entry(snapshot.mutes, user.userId) ?? 0;
    return { user, role: roleOf(snapshot, user.userId), seatIndex, mutedUntil };
  };

/**
 * mic$: with a microphone, what capture says; without one (memory backend), what the seat implies, so the same
 * UI works in demos.
 */
export const micOf =
  (userId: string, hasMicrophone: boolean) =>
  (s: S): MicState => {
    if (hasMicrophone) return s.audio.mic;
    const seat = mySeatOf(userId)(s);
    return seat ? seatMic(seat) : MIC_OFF;
  };

/** What a seat's flags say of its occupant's microphone: silent while they muted themselves or it is locked. */
export function seatMic(seat: Pick<Seat, 'selfMuted' | 'audioLocked'>): MicState {
  if (seat.audioLocked) return { status: 'muted', reason: 'locked' };
  if (seat.selfMuted) return { status: 'muted', reason: 'self' };
  return { status: 'on' };
}

/** Speaking level 0–100 of every seat. */
export const levelsOf = (s: S): readonly number[] => seatsOf(s).map((seat) => s.audio.levels[seat.index] ?? 0);

/** Each seat's audio as this browser has it: who can be heard, muted or locked, level, my playback volume. */
export function seatAudioOf(s: S): readonly SeatAudio[] {
  return seatsOf(s).map((seat): SeatAudio => {
    const userId = seat.user?.userId ?? null;
    const audible = userId !== null && !seat.selfMuted && !seat.audioLocked;
    const flowing = s.audio.active === null ? true : s.audio.active.includes(seat.index);
    return {
      index: seat.index,
      userId,
      hasAudio: audible && flowing,
      selfMuted: seat.selfMuted,
      audioLocked: seat.audioLocked,
      level: audible ? (s.audio.levels[seat.index] ?? 0) : 0,
      volume: playbackVolume(s.audio, userId),
    };
  });
}

export function sameSeatAudio(a: readonly SeatAudio[], b: readonly SeatAudio[]): boolean {
  return a.length === b.length && a.every((x, i) => sameFields(x, b[i]!));
}

/**
 * What this browser plays a seat at, 0–100: nothing while I muted listening, else my volume for its occupant
 * (100 unless I set one). The volume follows the person, so an empty seat is at 100. Playback (`RoomAudio`) and
 * `seatAudio$` both use this, so what the page shows is what the speakers play.
 */
export function playbackVolume(
  audio: Pick<AudioViewState, 'listenerMuted' | 'volumes'>,
  userId: string | null,
): number {
  if (audio.listenerMuted) return 0;
  return userId ? (entry(audio.volumes, userId) ?? 100) : 100;
}
