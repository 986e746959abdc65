import type { RoomSnapshot } from '../model/room.js';
import { roleOf } from '../model/room.js';
import type { Seat } from '../model/seat.js';
import { outranks, takeBecomesApplication } from './permissions.js';
import { emptySeat, hostSeatOf, seatOf } from './seats.js';

/** What a seat's menu can offer; which ones appear depends on my role, my seat and this seat. */
export const SeatAction = {
  take: 'take',
  apply: 'apply',
  cancelApplication: 'cancel-application',
  leave: 'leave',
  move: 'move',
  invite: 'invite',
  kick: 'kick',
  lock: 'lock',
  unlock: 'unlock',
  lockAudio: 'lock-audio',
  unlockAudio: 'unlock-audio',
  profile: 'profile',
} as const;
export type SeatAction = (typeof SeatAction)[keyof typeof SeatAction];

/** The parts of a room the seat menu depends on (a client's snapshot, or the server's state). */
export type SeatMenuRoom = Pick<RoomSnapshot, 'info' | 'seats' | 'admins'>;

/** Who opens the menu. */
export interface SeatMenuViewer {
  readonly userId: string;
  /** I have an application pending (for whichever seat): an empty seat then offers to withdraw it. */
  readonly applying: boolean;
}

/**
 * The actions seat `index`'s menu offers me, in menu order. It offers what the rules would allow, so a menu item
 * never just earns an error: managers lock, invite and lock microphones; kicks and locks on an occupant need me to
 * outrank them; the host seat is the owner's alone.
 */
export function seatActions(room: SeatMenuRoom, me: SeatMenuViewer, index: number): SeatAction[] {
  // A seat the room has not reported yet is an empty, unlocked one (as the seat element shows it).
  const seat: Seat = room.seats[index] ?? emptySeat(index);
  const role = roleOf(room, me.userId);
  const manager = role !== 'member';
  const actions: SeatAction[] = [];
  if (!seat.user) {
    // The host seat stays the owner's while they are away from it: nobody else is offered anything on it, and
    // the owner is not offered to invite someone there (the rules refuse both).
    const hostSeat = index === hostSeatOf(room);
    if (hostSeat && role !== 'owner') return actions;
    if (!seat.locked) {
      if (seatOf(room, me.userId) >= 0) actions.push('move');
      else if (me.applying) actions.push('cancel-application');
      else actions.push(takeBecomesApplication(room.info.seatMode, role) ? 'apply' : 'take');
      if (manager && !hostSeat) actions.push('invite');
    }
    if (manager) actions.push(seat.locked ? 'unlock' : 'lock');
    if (manager && !seat.locked) actions.push(seat.audioLocked ? 'unlock-audio' : 'lock-audio');
    return actions;
  }
  const mine = seat.user.userId === me.userId;
  const over = !mine && outranks(role, roleOf(room, seat.user.userId));
  actions.push(mine ? 'leave' : 'profile');
  if (over) actions.push('kick');
  // A manager may forbid or allow the microphone on their own seat as on an outranked occupant's.
  if (manager && (mine || over)) actions.push(seat.audioLocked ? 'unlock-audio' : 'lock-audio');
  if (over) actions.push('lock');
  return actions;
}

/** What the room's microphone button does for me; the bottom bar's counterpart of a seat's menu. */
export const MicAction = {
  /** Seated and live: mute myself. */
  mute: 'mute',
  /** Seated and self-muted: unmute. */
  unmute: 'unmute',
  /** Seated on a seat whose microphone a manager locked: nothing to do. */
  locked: 'locked',
  /** Off every seat with an application pending: withdraw it. */
  cancel: 'cancel',
  /** Off every seat and no seat free for me: nothing to do. */
  full: 'full',
  /** Take the first free seat. */
  take: 'take',
  /** Apply for the first free seat (apply mode, and I am a member). */
  apply: 'apply',
} as const;
export type MicAction = (typeof MicAction)[keyof typeof MicAction];

/** Where I am, as the microphone button sees it. */
export interface MicViewer {
  /** My seat, or null off every seat. */
  readonly seat: Pick<Seat, 'selfMuted' | 'audioLocked'> | null;
  /** I have an application pending. */
  readonly applying: boolean;
  /** The first seat I could take (`firstFreeSeat`), or -1. */
  readonly freeSeat: number;
  /** Taking a seat becomes an application (`takeBecomesApplication`). */
  readonly takeApplies: boolean;
}

/** The one thing the microphone button offers me now. */
export function micAction(me: MicViewer): MicAction {
  if (me.seat) return me.seat.audioLocked ? 'locked' : me.seat.selfMuted ? 'unmute' : 'mute';
  if (me.applying) return 'cancel';
  if (me.freeSeat < 0) return 'full';
  return me.takeApplies ? 'apply' : 'take';
}
