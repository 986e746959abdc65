import { type ReactiveElement, type TemplateResult, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { type Observable, distinctUntilChanged, map } from 'rxjs';
import {
  type LiveInfo,
  type Me,
  type PendingCounts,
  type Room,
  type Seat,
  type SeatRequest,
  type UserInfo,
  isPendingIn,
} from '../../src/index.js';
import { type IntentController, commandFailure } from '../controllers/intent-controller.js';
import { msg } from '../i18n/locale.js';
import { closeIcon, searchIcon } from './panel-icons.js';
import { KickQuestion } from './kick-confirm.js';
import { LOAD_KEY, type ListStatus, emptyList, listAlert, listFoot } from './list.js';
import { ListWindow, windowRows } from './list-window.js';
import { AudiencePager, listedMembers } from './pager.js';
import { type RowContext, type RowSources, memberRow, rowOf } from './row.js';
import { ROW_PENDING, type RowAction } from './row-actions.js';
import './panel-strings.js';

export { styles } from './panel.styles.js';

// `<vr-audience-list>`'s panel: the searchable, windowed member list around the removal question, with what only
// it needs: the pages and the search (pager.ts), the window of rows in the DOM (list-window.ts), the removal
// question (kick-confirm.ts). Most people never open it, so it is its own chunk (issue 14), fetched when the browser
// is idle or by the element's first `openPanel()` (controllers/lazy-part.ts); the element keeps the compact button,
// the dialog, the row commands and their events.

const EMPTY_SEATS: readonly Seat[] = [];
const EMPTY_IDS: readonly string[] = [];
const EMPTY_REQUESTS: readonly SeatRequest[] = [];
const NO_MUTES: Readonly<Record<string, number>> = {};

/** What the panel shows and what its controls do; the element owns the state. */
export interface PanelView {
  readonly lang: string;
  readonly total: number;
  readonly members: readonly UserInfo[];
  /** The indices of the rows in the DOM, in list order (see `windowRows`). */
  readonly rows: readonly number[];
  readonly rowHeight: number;
  readonly rowContext: RowContext;
  readonly room: RowSources;
  readonly status: ListStatus;
  /** The search field as typed. */
  readonly input: string;
  readonly error: unknown;
  /** The removal question (the element's `KickQuestion`). */
  readonly kick: unknown;
  readonly close: () => void;
  readonly loadMore: () => void;
  readonly onInput: (event: Event) => void;
  readonly onScroll: () => void;
  /** `focusin` and `focusout` in the list: the row holding focus stays in the DOM when it scrolls out. */
  readonly onFocus: (event: FocusEvent) => void;
}

export function audiencePanel(view: PanelView): TemplateResult {
  const { members, status, rowHeight } = view;
  return html`<div class="panel" lang=${view.lang}>
      <header class="head">
        <div class="head-text">
          <h2 class="title" id="title">${msg('audience.title')}</h2>
          <p class="subtitle">${msg('audience.total', { n: view.total })}</p>
        </div>
        <button type="button" class="btn icon ghost" aria-label=${msg('liveInfo.close')} @click=${view.close}>${closeIcon}</button>
      </header>
      <label class="search" part="search">
        <span class="search-icon" aria-hidden="true">${searchIcon}</span>
        <input
          class="field"
          type="search"
          .value=${view.input}
          placeholder=${msg('audience.search')}
          aria-label=${msg('audience.search')}
          @input=${view.onInput}
        />
      </label>
      <div class="alert-region" role="alert">${view.error}</div>
      <div class="viewport" part="list" @scroll=${view.onScroll} aria-busy=${status.loading ? 'true' : 'false'}>
        ${
          members.length === 0
            ? emptyList(status)
            : html`<div
                class="spacer"
                role="list"
                aria-label=${msg('audience.list')}
                style=${styleMap({ height: `${members.length * rowHeight}px`, '--_row': `${rowHeight}px` })}
                @focusin=${view.onFocus}
                @focusout=${view.onFocus}
              >
                ${repeat(
                  view.rows,
                  (i) => members[i]!.userId,
                  (i) => memberRow(rowOf(members[i]!, i, members.length, view.room), view.rowContext),
                )}
              </div>
              ${listFoot(status, view.loadMore)}`
        }
      </div>
      ${view.kick}
    </div>`;
}

/** What the member list reads from its element and what it asks of it. */
export interface MemberListHost {
  /** The element: its room, its options and its public row commands (`<vr-audience-list>`). */
  readonly element: ReactiveElement & {
    readonly activeRoom: Room | undefined;
    readonly pageSize: number;
    readonly rowHeight: number;
    readonly overscan: number;
    readonly muteSeconds: number;
    invite(userId: string): Promise<boolean>;
    mute(userId: string, seconds: number): Promise<boolean>;
    kick(userId: string, banSeconds: number): Promise<boolean>;
    closePanel(): void;
  };
  /** The live latest entrants, and who left since the element connected. */
  readonly recent: () => readonly UserInfo[];
  readonly gone: () => ReadonlySet<string>;
  /** A store slice of the element's room, kept current while it is on the page (the element's `observe()`). */
  readonly observe: <T>(pick: (room: Room) => Observable<T>, initialValue: T) => { readonly value: T };
  /** The room's time, for the mutes' ends. */
  readonly now: () => number;
  /** The element's row commands and its one alert (a failed page shows there too). */
  readonly commands: IntentController;
}

/**
 * The panel's state: the loaded pages or a search's, the rows in the DOM, the row holding focus and the removal
 * question. The element makes one when the chunk is there.
 */
export class MemberList {
  /** The loaded pages, or a search's, by cursor. */
  readonly #pager: AudiencePager;
  /** The rows of the list in the DOM, following its scroll. */
  readonly #window: ListWindow;
  /** The removal question, about the member it names, with the choice to keep them out for a while. */
  readonly #kickQuestion: KickQuestion;
  /** Whose row holds keyboard focus: it stays in the DOM when it scrolls out, so focus and Tab stay there. */
  #focusedRow: string | null = null;
  // What the rows read, observed from the panel's first use (the element's compact button shows none of it).
  readonly #me;
  readonly #info;
  readonly #admins;
  readonly #seats;
  readonly #requests;
  readonly #pending;
  readonly #mutes;

  readonly #host: MemberListHost;

  constructor(host: MemberListHost) {
    this.#host = host;
    const { element, commands, observe } = host;
    this.#me = observe((room) => room.me$, null as Me | null);
    this.#info = observe((room) => room.liveInfo$, null as LiveInfo | null);
    this.#admins = observe((room) => room.admins$, EMPTY_IDS);
    this.#seats = observe((room) => room.seats$, EMPTY_SEATS);
    this.#requests = observe((room) => room.requests$, EMPTY_REQUESTS);
    this.#pending = observe((room) => room.pending$, {} as PendingCounts);
    this.#mutes = observe(
      (room) =>
        room.snapshot$.pipe(
          map((s) => s?.mutes ?? NO_MUTES),
          distinctUntilChanged(),
        ),
      NO_MUTES,
    );
    this.#window = new ListWindow(element, () => element.renderRoot.querySelector<HTMLElement>('.viewport'));
    this.#pager = new AudiencePager(element, {
      room: () => element.activeRoom,
      pageSize: () => element.pageSize,
      restarted: () => this.#window.reset(),
      loaded: () => {
        if (commands.error?.key === LOAD_KEY) commands.dismiss();
      },
      failed: (error) => commands.showFailure(commandFailure(LOAD_KEY, error), false),
    });
    this.#kickQuestion = new KickQuestion(
      element,
      () => element.renderRoot,
      (userId, banSeconds) => {
        void element.kick(userId, banSeconds);
      },
    );
  }

  /** Everyone the list shows, in order: live latest entrants then loaded pages (or the search results). */
  get members(): readonly UserInfo[] {
    const { loaded, keyword } = this.#pager;
    return listedMembers(this.#host.recent(), loaded, this.#host.gone(), keyword.trim() !== '');
  }

  /** The index range of rows in the DOM. */
  get range(): { start: number; end: number } {
    const { rowHeight, overscan } = this.#host.element;
    return this.#window.range(rowHeight, this.members.length, overscan);
  }

  /** The panel opened: back to the top, and the first page unless pages (or a search) are there. */
  opened(): void {
    this.#window.reset();
    if (this.#pager.loaded.length === 0 && !this.#pager.keyword) void this.loadMore();
  }

  /** Reads the list's height (the dialog is open). */
  measure(): void {
    this.#window.measure();
  }

  search(keyword: string): Promise<void> {
    return this.#pager.search(keyword);
  }

  loadMore(): Promise<void> {
    return this.#pager.loadMore();
  }

  /** Asks first: "Remove Bob from the room?", with the choice to keep them out for a while. */
  ask(user: UserInfo): void {
    this.#kickQuestion.ask(user);
  }

  /** Forgets every page (another room). */
  reset(): void {
    this.#pager.reset();
  }

  /** After an update of the open panel: near the end of what is loaded, the next page comes without a click. */
  followScroll(): void {
    const { loading, exhausted, cursor } = this.#pager;
    if (loading || exhausted || cursor === '' || this.#host.commands.error) return;
    // After this update, not inside it (loadMore sets state).
    if (this.range.end >= this.members.length - this.#host.element.overscan)
      queueMicrotask(() => void (this.#pager.loading || this.loadMore()));
  }

  render(lang: string, total: number): TemplateResult {
    const host = this.#host;
    const pager = this.#pager;
    const element = host.element;
    const { rowHeight, muteSeconds } = element;
    const members = this.members;
    const range = this.range;
    const focused = this.#focusedRow;
    const inWindow = members.slice(range.start, range.end).some((u) => u.userId === focused);
    const pinned = focused === null || inWindow ? -1 : members.findIndex((u) => u.userId === focused);
    return audiencePanel({
      lang,
      total,
      members,
      rows: windowRows(range, pinned),
      rowHeight,
      rowContext: {
        me: this.#me.value,
        rowHeight,
        muteSeconds,
        busy: this.#isBusy,
        invite: (userId) => void element.invite(userId),
        mute: (userId, seconds) => void element.mute(userId, seconds),
        confirmKick: (user) => this.ask(user),
      },
      room: {
        info: this.#info.value,
        admins: this.#admins.value,
        seats: this.#seats.value,
        mutes: this.#mutes.value,
        requests: this.#requests.value,
        now: host.now(),
      },
      status: {
        loading: pager.loading,
        done: pager.exhausted || pager.cursor === '',
        paged: pager.loaded.length > 0,
        keyword: pager.keyword.trim(),
      },
      input: pager.keyword,
      error: host.commands.render({ error: (failure) => listAlert(failure, this.#onRetry, this.#onDismiss) }),
      kick: this.#kickQuestion.render(),
      close: () => element.closePanel(),
      loadMore: this.#onLoadMore,
      onInput: pager.onInput,
      onScroll: this.#window.onScroll,
      onFocus: this.#onRowFocus,
    });
  }

  readonly #isBusy = (action: RowAction, userId: string): boolean =>
    this.#host.commands.busy(`${action}:${userId}`) || isPendingIn(this.#pending.value, ROW_PENDING[action](userId));

  readonly #onRowFocus = (event: FocusEvent): void => {
    const list = event.currentTarget as HTMLElement;
    // Focus leaving the page (another tab or window) comes back to the same row.
    if (event.type === 'focusout' && event.relatedTarget === null) return;
    const target = (event.type === 'focusin' ? event.target : event.relatedTarget) as Element | null;
    const row = target && list.contains(target) ? target.closest<HTMLElement>('[role="listitem"]') : null;
    const next = row?.dataset.user ?? null;
    if (next === this.#focusedRow) return;
    this.#focusedRow = next;
    this.#host.element.requestUpdate();
  };

  readonly #onDismiss = (): void => this.#host.commands.dismiss();
  readonly #onLoadMore = (): void => void this.loadMore();
  readonly #onRetry = (): void => {
    this.#host.commands.dismiss();
    void this.loadMore();
  };
}
