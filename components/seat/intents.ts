import type { Room, Seat, SeatAction, SeatRequest } from '../../src/index.js';
import { VrProfileViewEvent } from '../events/profile-view.js';
import { VrRequestCancelEvent } from '../events/request-cancel.js';
import { VrSeatAudioLockEvent } from '../events/seat-audio-lock.js';
import { VrSeatInviteEvent } from '../events/seat-invite.js';
import { VrSeatKickEvent } from '../events/seat-kick.js';
import { VrSeatLeaveEvent } from '../events/seat-leave.js';
import { VrSeatLockEvent } from '../events/seat-lock.js';
import { VrSeatMoveEvent } from '../events/seat-move.js';
import { VrSeatTakeEvent } from '../events/seat-take.js';

/** Where a seat action happens: the seat, my own seat (for a move), my pending application. */
export interface SeatIntentContext {
  readonly index: number;
  readonly seat: Seat;
  /** My seat's index, or -1. */
  readonly mySeat: number;
  readonly application: SeatRequest | null;
  /** A take becomes an application here (`takeBecomesApplication`): `take` and `apply` both announce which. */
  readonly takeApplies: boolean;
}

/** The cancelable `vr-*` event a seat action dispatches, and the room command it then runs (null: the event is all). */
export interface SeatIntent {
  readonly event: Event;
  readonly command: ((room: Room) => Promise<unknown>) | null;
}

/**
 * What each action of a seat's menu announces and does, or null when there is nothing to act on (no application to
 * withdraw, nobody to kick or show). `take` and `apply` both take the seat: the rules turn it into an application.
 */
export function seatIntent(
  action: SeatAction,
  { index, seat, mySeat, application, takeApplies }: SeatIntentContext,
): SeatIntent | null {
  const user = seat.user;
  switch (action) {
    case 'take':
    case 'apply':
      return {
        event: new VrSeatTakeEvent({ index, apply: takeApplies }),
        command: (room) => room.takeSeat(index),
      };
    case 'cancel-application':
      if (!application) return null;
      return {
        event: new VrRequestCancelEvent({ requestId: application.requestId, seatIndex: application.seatIndex }),
        command: (room) => room.cancelRequest(application.requestId),
      };
    case 'leave':
      return { event: new VrSeatLeaveEvent({ index }), command: (room) => room.leaveSeat() };
    case 'move':
      return { event: new VrSeatMoveEvent({ from: mySeat, index }), command: (room) => room.moveSeat(index) };
    case 'invite':
      // The picker belongs to whoever listens.
      return { event: new VrSeatInviteEvent({ index }), command: null };
    case 'kick':
      return user
        ? { event: new VrSeatKickEvent({ index, userId: user.userId }), command: (room) => room.kickSeat(user.userId) }
        : null;
    case 'lock':
    case 'unlock': {
      const locked = action === 'lock';
      return { event: new VrSeatLockEvent({ index, locked }), command: (room) => room.lockSeat(index, locked) };
    }
    case 'lock-audio':
    case 'unlock-audio': {
      const locked = action === 'lock-audio';
      return {
        event: new VrSeatAudioLockEvent({ index, locked }),
        command: (room) => room.lockSeatAudio(index, locked),
      };
    }
    case 'profile':
      return user ? { event: new VrProfileViewEvent({ user, seatIndex: index }), command: null } : null;
  }
}
