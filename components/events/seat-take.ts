import { VrEvent } from './vr-event.js';

export interface VrSeatTakeDetail {
  readonly index: number;
  /** True when the room is in apply mode and I am a member: the take becomes an application. */
  readonly apply: boolean;
}

/**
 * `vr-seat-take` (cancelable): Intent to take a free seat (or, in apply mode, to apply for it). Unless cancelled the element calls
 * `room.takeSeat(index)`.
 */
export class VrSeatTakeEvent extends VrEvent<VrSeatTakeDetail> {
  static readonly type = 'vr-seat-take' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-seat-take': VrSeatTakeEvent;
  }
}
