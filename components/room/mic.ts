import { type Observable, combineLatest, distinctUntilChanged, map } from 'rxjs';
import {
  type MicAction,
  type Room,
  type SeatRequest,
  firstFreeSeat,
  micAction,
  takeBecomesApplication,
} from '../../src/index.js';
import { VrMicMuteEvent } from '../events/mic-mute.js';
import { VrRequestCancelEvent } from '../events/request-cancel.js';
import { VrSeatTakeEvent } from '../events/seat-take.js';
import { sameFields } from './status.js';

/** What the room's microphone button works from: what it offers, my seat, my application, the seat it would take. */
export interface MicSlice {
  readonly action: MicAction;
  /** My seat's index, or -1. */
  readonly seatIndex: number;
  readonly application: SeatRequest | null;
  /** The first seat I could take, or -1. */
  readonly freeSeat: number;
}

export const NO_MIC: MicSlice = { action: 'full', seatIndex: -1, application: null, freeSeat: -1 };

/** The button's slice of the room, changing only when the button would. */
export function micSlice(room: Room): Observable<MicSlice> {
  return combineLatest([room.mySeat$, room.myApplication$, room.seats$, room.liveInfo$, room.me$]).pipe(
    map(([seat, application, seats, info, me]): MicSlice => {
      // The rules' own choice, so the button never offers the host seat to anyone but the owner.
      const freeSeat = info ? firstFreeSeat({ seats, info }, me?.user.userId) : -1;
      const takeApplies = info !== null && me !== null && takeBecomesApplication(info.seatMode, me.role);
      const action = micAction({ seat, applying: application !== null, freeSeat, takeApplies });
      return { action, seatIndex: seat?.index ?? -1, application, freeSeat };
    }),
    distinctUntilChanged(sameFields),
  );
}

/** The cancelable intent the button dispatches and the command it then runs, or null when it offers nothing. */
export function micCommand(
  room: Room,
  { action, seatIndex, application, freeSeat }: MicSlice,
): { intent: Event; command: () => Promise<unknown> } | null {
  switch (action) {
    case 'mute':
    case 'unmute': {
      const muted = action === 'mute';
      return { intent: new VrMicMuteEvent({ muted, seatIndex }), command: () => room.setSelfMute(muted) };
    }
    case 'cancel':
      if (!application) return null;
      return {
        intent: new VrRequestCancelEvent({ requestId: application.requestId, seatIndex: application.seatIndex }),
        command: () => room.cancelRequest(application.requestId),
      };
    case 'take':
    case 'apply':
      return {
        intent: new VrSeatTakeEvent({ index: freeSeat, apply: action === 'apply' }),
        command: () => room.takeSeat(freeSeat),
      };
    default:
      return null;
  }
}
