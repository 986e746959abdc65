import { type ReactiveElement, html, nothing } from 'lit';
import { type Observable, filter } from 'rxjs';
import type { RequestUpdate, Room, RoomEvent } from '../../src/index.js';
import type { CommandFailure } from '../controllers/intent-controller.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { TransientController } from '../controllers/transient-controller.js';
import { msg } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';
import { requestNotice } from '../seat-requests/request-notice.js';
import { closeIcon } from './icons.js';

/** How long a note (a request's outcome, being taken off a seat) stays; long enough to read twice. */
export const NOTE_VISIBLE_MS = 6_000;

/** A short message about something that happened to me, in the toast region above the bottom bar. */
export interface Note {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
  readonly tone: 'good' | 'bad' | 'neutral';
}

/**
 * The note a request update gives me (`me`: my user ID), or null. My new application gets a word (the mic button
 * alone changing is easy to miss); an ended request is worded by `requestNotice` unless `panelOpen` (the requests
 * sheet's own live region says it there).
 */
export function requestNote(update: RequestUpdate, me: string, panelOpen: boolean): Note | null {
  if (update.status === 'pending') {
    return update.request.type === 'apply' && update.request.from.userId === me
      ? { key: 'room.note.applied', params: {}, tone: 'neutral' }
      : null;
  }
  if (panelOpen) return null;
  const notice = requestNotice(update, me);
  return notice ? { key: notice.key, params: { name: notice.name }, tone: notice.outcome } : null;
}

export type SeatKick = Extract<RoomEvent, { type: 'seat.kicked' }>;

/** A host or admin taking me off my seat (the seat grid only shows the seat empty). */
export function mySeatKicks(room: Room): Observable<SeatKick> {
  return room.events$.pipe(filter((e): e is SeatKick => e.type === 'seat.kicked' && e.userId === room.user.userId));
}

/** A host or admin took me off my seat (the seat grid only shows the seat empty), with their note if any. */
export function seatKickNote(kick: SeatKick): Note {
  const n = kick.index + 1;
  return kick.data
    ? { key: 'room.note.seatKickedNote', params: { n, note: kick.data }, tone: 'bad' }
    : { key: 'room.note.seatKicked', params: { n }, tone: 'bad' };
}

/** Where the notes come from: the host's latest store values, read when it updates. */
export interface NoteSources {
  readonly requestUpdate: () => RequestUpdate | null;
  readonly seatKick: () => SeatKick | null;
  /** My user ID. */
  readonly me: () => string;
  /** The requests sheet is open (it words request outcomes itself). */
  readonly panelOpen: () => boolean;
  /** I am in a live room, where a note may come: the notes' chunk comes when the browser is idle. */
  readonly live: () => boolean;
  /** Imports the notes' chunk (`VrRoom.importNotes`, which a test can make fail). */
  readonly importer: () => Promise<NotesModule>;
}

/** The notes' chunk: the toast, its colours and its words. */
export type NotesModule = typeof import('./note-toast.js');

/**
 * The note on show, from what happened to me: each new request update or seat kick the host's update brings
 * (after its own `willUpdate`, so an open sheet it just closed counts as closed) shows for NOTE_VISIBLE_MS.
 *
 * The toast and its words are a chunk of their own (note-toast.ts, issue 14), fetched when the browser is idle in
 * a live room or when a note is due. A note due before the chunk waits for it (its time does not run out meanwhile)
 * and shows once it is there, for its full time, unless a newer note or another room took its place. A failed fetch
 * is tried again by the next note, or when the network may be back (the next press or key, `online`) in a live
 * room.
 */
export class NotesController extends TransientController<Note> {
  #seenUpdate: RequestUpdate | null = null;
  #seenKick: SeatKick | null = null;
  readonly #part: LazyPart<NotesModule>;
  /** The note that came before the chunk, to show for its full time once the chunk is there. */
  #waiting: Note | null = null;
  /** The note the last fetch was started for: one try per note. */
  #triedFor: Note | null = null;

  readonly #sources: NoteSources;

  constructor(host: ReactiveElement, sources: NoteSources) {
    super(host);
    this.#sources = sources;
    // In a live room the chunk is wanted (see hostUpdated), so a failed fetch is also tried again then.
    this.#part = new LazyPart(host, () => sources.importer(), sources.live);
  }

  /** The note's toast, or `nothing` (also while its chunk is on its way). */
  render() {
    const note = this.value;
    const module = this.#part.module;
    return note && module ? module.noteToast(note, this.clear) : nothing;
  }

  hostUpdate(): void {
    const update = this.#sources.requestUpdate();
    if (update && update !== this.#seenUpdate) {
      this.#seenUpdate = update;
      const note = requestNote(update, this.#sources.me(), this.#sources.panelOpen());
      if (note) this.show(note, NOTE_VISIBLE_MS);
    }
    const kick = this.#sources.seatKick();
    if (kick && kick !== this.#seenKick) {
      this.#seenKick = kick;
      this.show(seatKickNote(kick), NOTE_VISIBLE_MS);
    }
    this.#follow();
  }

  /** While I am in a live room, the notes' chunk comes when the browser has nothing better to do. */
  hostUpdated(): void {
    if (this.#sources.live()) this.#part.prefetchWhenIdle(this.#sources.live);
  }

  /** Another room: the note on show goes, and so does one waiting for its chunk (it was about the last room). */
  reset(): void {
    this.#waiting = null;
    this.clear();
  }

  /**
   * The note on show without its chunk waits for it and fetches it, unless a fetch is on its way (its failure
   * updates the host, and that update tries once more) or this note tried already. Its time may run out meanwhile:
   * it still waits, until a newer note takes its place. Once the chunk is there it shows for its full time.
   */
  #follow(): void {
    const note = this.value;
    if (this.#part.module) {
      const waiting = this.#waiting;
      this.#waiting = null;
      if (waiting && (note === null || note === waiting)) this.show(waiting, NOTE_VISIBLE_MS);
      return;
    }
    if (!note) return;
    this.#waiting = note;
    if (this.#part.loading || this.#triedFor === note) return;
    this.#triedFor = note;
    void this.#part.fetch();
  }
}

/** What the toast stack above the bottom bar holds. */
export interface ToastsView {
  /** The owner/admin request prompt, or `nothing`. */
  readonly prompt: unknown;
  /** The note about something that happened to me (`NotesController.render()`), or `nothing`. */
  readonly note: unknown;
  /** The failure of one of my commands from the room's controls, or null. */
  readonly error: CommandFailure | null;
  readonly dismissError: () => void;
}

/** Three live regions, always present so they announce: the prompt (polite), my note (polite), a failure (assertive). */
export function toastStack({ prompt, note, error, dismissError }: ToastsView) {
  return html`<div class="toast-stack">
    <div class="prompt-region" role="status">${prompt}</div>
    <div class="note-region" role="status">${note}</div>
    <div class="toast-region" role="alert">${error ? errorToast(error, dismissError) : nothing}</div>
  </div>`;
}

function errorToast({ code, message }: CommandFailure, dismiss: () => void) {
  return html`<div class="toast" data-code=${code}>
    <span>${message}</span>
    <button type="button" class="toast-dismiss focus-ring" aria-label=${msg('alert.dismiss')} @click=${dismiss}>${closeIcon}</button>
  </div>`;
}
