import type { ConnectionState, RoomPhase } from '../../src/index.js';
import type { RoomStatus } from './status.js';

// What the room screen shows as a whole: which body (skeleton, notice, the live room) and the output-only state a
// page styles it by (`:state(phase-live)`, `:state(view-host)`…), decided once per update from the store's values.

/** Which face of the room I get: owners and admins run it, everyone else listens. */
export const RoomView = {
  host: 'host',
  listener: 'listener',
} as const;
export type RoomView = (typeof RoomView)[keyof typeof RoomView];

const NOTICE_PHASES: ReadonlySet<RoomPhase> = new Set<RoomPhase>(['ended', 'kicked', 'banned', 'left', 'failed']);

/** The phases that replace the room with a full-screen notice. */
export function isNoticePhase(phase: RoomPhase): boolean {
  return NOTICE_PHASES.has(phase);
}

/** The room's body: a skeleton until there is a live room with its info, a notice, or the room itself. */
export type RoomBody = 'skeleton' | 'notice' | 'displaced' | 'live';

export function roomBody(hasRoom: boolean, { phase, displaced }: RoomStatus, hasInfo: boolean): RoomBody {
  if (!hasRoom || phase === 'idle' || phase === 'joining' || (phase === 'live' && !hasInfo)) return 'skeleton';
  if (isNoticePhase(phase)) return 'notice';
  return displaced ? 'displaced' : 'live';
}

/**
 * What the room shows, as its getters and custom states report it: as the last update showed it, so they agree with
 * the screen, never ahead of it, and a page cannot set them.
 */
export interface Shown {
  readonly phase: RoomPhase;
  readonly connection: ConnectionState;
  readonly view: RoomView;
  /** The browser blocks playback while I am in the room: the "enable sound" prompt shows. */
  readonly soundPrompt: boolean;
}
