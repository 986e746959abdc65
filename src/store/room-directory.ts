import type { Observable } from 'rxjs';
import type { RoomBackend } from '../backends/room-backend.js';
import { type RoomError, toRoomError } from '../model/errors.js';
import { ROOM_LIST_PAGE_SIZE, type RoomListItem } from '../model/room-list.js';
import type { UserInfo } from '../model/user.js';
import { EMPTY } from './room-state.js';
import { Store, select } from './store.js';

export interface RoomDirectoryState {
  readonly rooms: readonly RoomListItem[];
  /** Cursor of the next page; '' when the list is complete (or nothing was loaded yet, see `loaded`). */
  readonly next: string;
  /** At least one page arrived since the last refresh. */
  readonly loaded: boolean;
  /** 'refresh' while the first page loads, 'more' while a further page loads. */
  readonly loading: 'refresh' | 'more' | null;
  readonly error: RoomError | null;
}

export interface RoomDirectoryOptions {
  readonly backend: RoomBackend;
  /** Who asks: backends only answer identified clients. */
  readonly user: UserInfo;
}

/**
 * The list of public live rooms, outside any room: a lobby needs it before the user has joined anything, so it
 * cannot hang off a `Room`. Pages come from the `room.list` command (20 a page, most viewers first); the cursor is
 * the last item's sort key, so a room that opens between two pages never shifts the next page.
 */
export class RoomDirectory {
  readonly backend: RoomBackend;
  readonly user: UserInfo;
  readonly #store = new Store<RoomDirectoryState>({
    rooms: EMPTY,
    next: '',
    loaded: false,
    loading: null,
    error: null,
  });
  /** Bumped by every refresh so an answer to an older request is dropped instead of mixing two lists. */
  #generation = 0;

  readonly state$: Observable<RoomDirectoryState>;
  readonly rooms$: Observable<readonly RoomListItem[]>;
  readonly loading$: Observable<boolean>;
  readonly error$: Observable<RoomError | null>;
  readonly hasMore$: Observable<boolean>;

  constructor(options: RoomDirectoryOptions) {
    this.backend = options.backend;
    this.user = options.user;
    const s$ = this.#store.state$;
    this.state$ = s$;
    this.rooms$ = select(s$, (s) => s.rooms);
    this.loading$ = select(s$, (s) => s.loading !== null);
    this.error$ = select(s$, (s) => s.error);
    this.hasMore$ = select(s$, (s) => s.loaded && s.next !== '');
  }

  get state(): RoomDirectoryState {
    return this.#store.value;
  }

  /** Whether anything still listens (leak tests). */
  get observed(): boolean {
    return this.#store.observed;
  }

  /** Loads the first page again, replacing the list once it arrives (the old list stays visible meanwhile). */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    this.#store.update((s) => ({ ...s, loading: 'refresh', error: null }));
    try {
      const page = await this.#fetch('');
      if (generation !== this.#generation) return;
      this.#store.update(() => ({ rooms: page.rooms, next: page.next, loaded: true, loading: null, error: null }));
    } catch (error) {
      if (generation !== this.#generation) return;
      const roomError = toRoomError(error);
      this.#store.update((s) => ({ ...s, loading: null, error: roomError }));
      throw roomError;
    }
  }

  /**
   * Brings the first page up to date without showing it (no `loading`, and a failure keeps the list and says
   * nothing): what a list that updates itself on a timer does, so ended rooms leave and new ones appear. Once
   * further pages were loaded it does nothing (replacing them with the first page would yank the list away
   * while someone scrolls); `refresh()` reloads from the top.
   */
  async update(): Promise<void> {
    const s = this.#store.value;
    if (s.loading !== null || s.error !== null) return;
    // More rooms than one page holds: further pages were loaded (all of them, too, when `next` is '').
    if (s.rooms.length > ROOM_LIST_PAGE_SIZE) return;
    const generation = ++this.#generation;
    try {
      const page = await this.#fetch('');
      if (generation !== this.#generation) return;
      this.#store.update(() => ({ rooms: page.rooms, next: page.next, loaded: true, loading: null, error: null }));
    } catch {
      // The next update (or the person's own refresh) tries again; a background check never shows an error.
    }
  }

  /** Appends the next page. Does nothing while a page loads or when the list is complete. */
  async loadMore(): Promise<void> {
    const s = this.#store.value;
    if (s.loading !== null) return;
    if (!s.loaded) return this.refresh();
    if (s.next === '') return;
    const generation = this.#generation;
    this.#store.update((state) => ({ ...state, loading: 'more', error: null }));
    try {
      const page = await this.#fetch(s.next);
      if (generation !== this.#generation) return;
      this.#store.update((state) => {
        // A room that moved up between pages (more viewers) could appear twice; the first position wins.
        const seen = new Set(state.rooms.map((r) => r.roomId));
        const fresh = page.rooms.filter((r) => !seen.has(r.roomId));
        return { ...state, rooms: [...state.rooms, ...fresh], next: page.next, loading: null };
      });
    } catch (error) {
      if (generation !== this.#generation) return;
      const roomError = toRoomError(error);
      this.#store.update((state) => ({ ...state, loading: null, error: roomError }));
      throw roomError;
    }
  }

  async #fetch(cursor: string) {
    await this.backend.connect(this.user);
    const { result } = await this.backend.send('room.list', { cursor });
    return result;
  }
}

export function createRoomDirectory(options: RoomDirectoryOptions): RoomDirectory {
  return new RoomDirectory(options);
}
