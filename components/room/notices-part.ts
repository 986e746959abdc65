import type { ReactiveElement } from 'lit';
import { LazyPart } from '../controllers/lazy-part.js';
import type { NoticesModule, NoticesState } from './cover.js';
import type { RoomBody } from './screen.js';

/** What the notices' chunk needs from `<vr-room>`. */
export interface RoomNoticesHost {
  /** Imports the chunk (`VrRoom.importNotices`, which a test can make fail). */
  readonly importer: () => Promise<NoticesModule>;
  /** The end confirmation is asked for (it shows the chunk's content). */
  readonly confirming: () => boolean;
  /** The end confirmation could not get its content: it closes, and the room says why where it says failures. */
  readonly confirmFailed: (error: unknown) => void;
}

/**
 * `<vr-room>`'s notices (ended, removed, failed…) and its end confirmation are a chunk of their own (notices.ts,
 * issue 14): fetched when the browser is idle once the room is live, or as soon as a notice or the confirmation is
 * due. A failed fetch is tried again by the next notice, the notice's "Try again", or the next confirmation.
 */
export class RoomNotices implements NoticesState {
  private readonly part: LazyPart<NoticesModule>;
  /** The body the last update showed, so a new notice (not every update of one) tries a failed fetch again. */
  private lastBody: RoomBody | null = null;
  private lastConfirming = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly room: RoomNoticesHost,
  ) {
    this.part = new LazyPart(host, () => room.importer());
  }

  get module(): NoticesModule | undefined {
    return this.part.module;
  }

  get error(): unknown {
    return this.part.error;
  }

  /**
   * For the room's `willUpdate`: fetches the chunk when a notice or the confirmation becomes due. Only then, not on
   * every update while one is up: a fetch that fails updates the room, and that update must not try again at once.
   */
  follow(body: RoomBody): void {
    const confirming = this.room.confirming();
    if (body !== this.lastBody && (body === 'notice' || body === 'displaced')) this.reload();
    if (confirming && !this.lastConfirming) this.reload();
    // A fetch already on its way when the confirmation opened (the idle one) failed: the confirmation cannot show.
    else if (confirming && this.part.error !== null && !this.part.loading) this.room.confirmFailed(this.part.error);
    this.lastBody = body;
    this.lastConfirming = this.room.confirming(); // read again: a failed confirmation was closed just now
  }

  /**
   * For the room's `updated`: once the room is live, the chunk comes when the browser has nothing better to do;
   * not for a notice already due by then: it fetched the chunk itself, and a failure there is the notice's to retry.
   */
  prefetch(): void {
    if (this.lastBody === 'live') this.part.prefetchWhenIdle(() => this.lastBody === 'live');
  }

  /** Fetches the chunk unless it is there or on its way. */
  readonly reload = (): void => {
    void this.part.fetch().then((arrived) => {
      if (arrived) {
        // A confirmation that opened on the spinner: focus on its first control, as showModal() would have.
        void this.host.updateComplete.then(() => {
          const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm');
          const active = (this.host.renderRoot as ShadowRoot).activeElement;
          if (dialog?.open && (!active || active === dialog)) dialog.querySelector<HTMLElement>('[autofocus]')?.focus();
        });
      } else if (this.part.error !== null && this.room.confirming()) {
        this.room.confirmFailed(this.part.error);
      }
    });
  };
}
