import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Room, UserInfo } from '../../src/index.js';

const SEARCH_DEBOUNCE_MS = 250;

/** What the pager asks of its host. */
export interface PagerOptions {
  readonly room: () => Room | undefined;
  /** Members asked for per page. */
  readonly pageSize: () => number;
  /** A search starts over (the list goes back to its top). */
  readonly restarted: () => void;
  /** A page arrived. */
  readonly loaded: () => void;
  /** A page failed to load. */
  readonly failed: (error: unknown) => void;
}

/**
 * The audience by cursor, page after page (`room.listAudience`), or a server-side search (`keyword`) that finds
 * anyone, not only the people already loaded. Typing searches after a pause; only the newest request's answer
 * counts, and a host that leaves the page or changes room drops what is in flight.
 */
export class AudiencePager implements ReactiveController {
  keyword = '';
  /** The pages loaded so far, in order, each member once. */
  loaded: readonly UserInfo[] = [];
  /** Where the next page starts; '' before the first page and after the last. */
  cursor = '';
  loading = false;
  /** The last page has arrived. */
  exhausted = false;
  #token = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #options: PagerOptions;

  constructor(host: ReactiveControllerHost, options: PagerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Searches the whole room; an empty keyword goes back to everyone. */
  search(keyword: string): Promise<void> {
    clearTimeout(this.#timer);
    this.#set({ keyword, loaded: [], cursor: '', exhausted: false });
    this.#options.restarted();
    return this.loadMore();
  }

  /** Loads the next page by cursor (the first page when nothing is loaded). */
  async loadMore(): Promise<void> {
    const room = this.#options.room();
    if (!room || this.exhausted) return;
    const token = ++this.#token;
    const keyword = this.keyword.trim();
    this.#set({ loading: true });
    try {
      const page = await room.listAudience({
        cursor: this.cursor,
        count: this.#options.pageSize(),
        ...(keyword ? { keyword } : {}),
      });
      if (token !== this.#token) return;
      const known = new Set(this.loaded.map((u) => u.userId));
      this.#set({
        loaded: [...this.loaded, ...page.members.filter((u) => !known.has(u.userId))],
        cursor: page.next,
        exhausted: page.next === '',
      });
      this.#options.loaded();
    } catch (error) {
      if (token === this.#token) this.#options.failed(error);
    } finally {
      if (token === this.#token) this.#set({ loading: false });
    }
  }

  /** Forgets everything loaded (another room). */
  reset(): void {
    this.#token += 1;
    this.#set({ loaded: [], cursor: '', exhausted: false, keyword: '', loading: false });
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#token += 1;
    this.#set({ loading: false });
  }

  /** For the search field's `input`: the keyword shows at once, the search follows after a pause. */
  readonly onInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    this.#set({ keyword: value });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.search(value), SEARCH_DEBOUNCE_MS);
  };

  #set(change: Partial<Pick<AudiencePager, 'keyword' | 'loaded' | 'cursor' | 'loading' | 'exhausted'>>): void {
    Object.assign(this, change);
    this.#host.requestUpdate();
  }
}

/**
 * Everyone the list shows, in order: the live latest entrants (`recent`), then the loaded pages without whoever
 * they already list; a search (`searching`) shows its pages alone. Whoever left (`gone`) is not among the pages.
 */
export function listedMembers(
  recent: readonly UserInfo[],
  loaded: readonly UserInfo[],
  gone: ReadonlySet<string>,
  searching: boolean,
): readonly UserInfo[] {
  const kept = gone.size === 0 ? loaded : loaded.filter((u) => !gone.has(u.userId));
  if (searching) return kept;
  if (kept.length === 0) return recent;
  const seen = new Set(recent.map((u) => u.userId));
  return [...recent, ...kept.filter((u) => !seen.has(u.userId))];
}
