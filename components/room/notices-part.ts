import type { ReactiveElement } from 'lit';
import { LazyPart } from '../controllers/lazy-part.js';
import type { NoticesModule, NoticesState } from './cover.js';
import type { RoomBody } from './screen.js';

/** What the notices' chunk needs from `<vr-room>`. */
export interface RoomNoticesHost {
  /** Imports the chunk (`VrRoom.importNotices`, which a test can make fail). */
  readonly importer: () => Promise<NoticesModule>;
  /** The end confirmation or a bottom sheet is asked for (each shows the chunk's content). */
  readonly confirming: () => boolean;
  /** The confirmation or sheet could not get its content: it closes, and the room says why where it says failures. */
  readonly confirmFailed: (error: unknown) => void;
}

/**
 * `<vr-room>`'s notices (ended, removed, failed…), its end confirmation and its bottom sheet are a chunk of their own
 * (notices.ts, issue 14): fetched when the browser is idle once the room is live, or as soon as a notice, the
 * confirmation or a sheet is due. A failed fetch is tried again by the next notice, the notice's "Try again", or the
 * next confirmation or sheet.
 */
export class RoomNotices implements NoticesState {
  readonly #part: LazyPart<NoticesModule>;
  /** The body the last update showed, so a new notice (not every update of one) tries a failed fetch again. */
  #lastBody: RoomBody | null = null;
  #lastConfirming = false;

  readonly #room: RoomNoticesHost;

  constructor(host: ReactiveElement, room: RoomNoticesHost) {
    this.#room = room;
    this.#part = new LazyPart(host, () => room.importer());
  }

  get module(): NoticesModule | undefined {
    return this.#part.module;
  }

  get error(): unknown {
    return this.#part.error;
  }

  /**
   * For the room's `willUpdate`: fetches the chunk when a notice or the confirmation becomes due. Only then, not on
   * every update while one is up: a fetch that fails updates the room, and that update must not try again at once.
   */
  follow(body: RoomBody): void {
    const confirming = this.#room.confirming();
    if (body !== this.#lastBody && (body === 'notice' || body === 'displaced')) this.reload();
    if (confirming && !this.#lastConfirming) this.reload();
    // A fetch already on its way when the confirmation opened (the idle one) failed: the confirmation cannot show.
    else if (confirming && this.#part.error !== null && !this.#part.loading) this.#room.confirmFailed(this.#part.error);
    this.#lastBody = body;
    this.#lastConfirming = this.#room.confirming(); // read again: a failed confirmation was closed just now
  }

  /**
   * For the room's `updated`: once the room is live, the chunk comes when the browser has nothing better to do;
   * not for a notice already due by then: it fetched the chunk itself, and a failure there is the notice's to retry.
   */
  prefetch(): void {
    if (this.#lastBody === 'live') this.#part.prefetchWhenIdle(() => this.#lastBody === 'live');
  }

  /**
   * Fetches the chunk unless it is there or on its way. A confirmation or sheet asked for meanwhile opens when it is
   * there (showModal puts the focus in it), or closes with the failure if it could not come.
   */
  readonly reload = (): void => {
    void this.#part.fetch().then((arrived) => {
      if (!arrived && this.#part.error !== null && this.#room.confirming()) this.#room.confirmFailed(this.#part.error);
    });
  };
}
