import type { ConnectionState, Role, RoomPhase } from '../../src/index.js';
import type { HostStates } from '../base/states.js';
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

/** What the room shows, as its getters and custom states report it. */
export interface Shown {
  readonly phase: RoomPhase;
  readonly connection: ConnectionState;
  readonly view: RoomView;
  /** The browser blocks playback while I am in the room: the "enable sound" prompt shows. */
  readonly soundPrompt: boolean;
}

/**
 * The room's output-only state, as the last update showed it: the element's `phase`, `connection` and `view`
 * getters and its custom states agree with the screen, never ahead of it, and a page cannot set them.
 */
export class ShownState {
  #current: Shown = { phase: 'idle', connection: 'idle', view: 'listener', soundPrompt: false };

  readonly #states: HostStates;

  constructor(states: HostStates) {
    this.#states = states;
  }

  get value(): Shown {
    return this.#current;
  }

  /**
   * From the host's `willUpdate`: my role picks the view; playback is blocked when the room's audio says so or
   * `soundBlocked` (the page's voice layer does).
   */
  show(status: RoomStatus, role: Role, soundBlocked: boolean): void {
    const { phase, connection } = status;
    const soundPrompt = (soundBlocked || status.soundBlocked) && phase === 'live';
    this.#current = { phase, connection, view: role === 'member' ? 'listener' : 'host', soundPrompt };
    this.#states.choose('phase', phase);
    this.#states.choose('connection', connection);
    this.#states.choose('view', this.#current.view);
    this.#states.toggle('sound-blocked', soundPrompt);
  }
}
