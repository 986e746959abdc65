import { type PropertyValues, html, nothing, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { RoomBackend, RoomListItem, UserInfo } from '../../src/index.js';
import { type RoomDirectory, type RoomDirectoryState, createRoomDirectory } from '../../src/index.js';
import { VrElement } from '../base/vr-element.js';
import { StoreController } from '../controllers/store-controller.js';
import { VrRoomSelectEvent } from '../events/room-select.js';
import { errorText, formatNumber, msg } from '../i18n/locale.js';
import { huePairOf, initialsOf } from '../base/identity.js';
import { styles } from './room-list.styles.js';
import './strings.js';

const EMPTY_STATE: RoomDirectoryState = { rooms: [], next: '', loaded: false, loading: null, error: null };
const SKELETON_CARDS = 6;

const icon = (body: ReturnType<typeof svg>) =>
  html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;
const refreshIcon = icon(
  svg`<path d="M20 11a8 8 0 0 0-14.7-4.3L4 8.5M4 4v4.5h4.5M4 13a8 8 0 0 0 14.7 4.3l1.3-1.8M20 20v-4.5h-4.5"/>`,
);
const headphonesIcon = icon(
  svg`<path d="M4 15v-3a8 8 0 0 1 16 0v3"/><rect x="3" y="14" width="4.5" height="6.5" rx="1.8"/><rect x="16.5" y="14" width="4.5" height="6.5" rx="1.8"/>`,
);
const emptyIcon = icon(svg`<path d="M4 10v4M8 7v10M12 4v16M16 7v10M20 10v4"/>`);
const errorIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/>`);

/**
 * @summary Cards of public live rooms, most listeners first, with paging, refresh, and empty, error and loading states.
 *
 * @description Give it a `RoomDirectory` (`.directory`), or a `.backend` and `.user` and it makes its own. It loads
 * the first page when it connects (unless the directory already has one), keeps it current by itself (`poll`
 * seconds while the page is visible, paused while it is hidden), loads further pages by cursor with the
 * "Load more" button or, with `infinite`, when the end of the list scrolls into view. Choosing a card dispatches
 * `vr-room-select`; the page opens the room. Cards are buttons in a list: Tab reaches them, Enter or Space selects.
 *
 * @fires vr-room-select - A room card was chosen; `detail.roomId`. Cancelable (nothing else happens by default).
 *
 * @slot heading - Replaces the "Live now" title.
 * @slot empty - Replaces the content of the empty state.
 *
 * @csspart base - The list's box.
 * @csspart header - Title and refresh button.
 * @csspart list - The grid of cards.
 * @csspart card - Each room card (a button).
 * @csspart cover - A card's cover.
 * @csspart name - A card's room name.
 * @csspart owner - A card's owner line.
 * @csspart viewers - A card's listener count.
 * @csspart more - The "Load more" button.
 * @csspart state - The empty or error panel.
 *
 * @cssproperty --vr-room-list-min-card - Narrowest a card gets before the grid drops a column (default 160px).
 */
@customElement('vr-room-list')
export class VrRoomList extends VrElement {
  static override styles = styles;

  /** The directory to show; takes precedence over `.backend` + `.user`. */
  @property({ attribute: false }) directory: RoomDirectory | undefined;
  @property({ attribute: false }) backend: RoomBackend | undefined;
  @property({ attribute: false }) user: UserInfo | undefined;

  /** Load the next page when the end of the list scrolls into view. */
  @property({ type: Boolean, reflect: true }) infinite = false;

  /**
   * Seconds between quiet updates of the first page while the page is visible (paused while the tab is hidden,
   * caught up at once when it shows again), so ended rooms leave the list and new ones appear; 0 turns it off.
   */
  @property({ type: Number }) poll = 15;

  /** A heading level for the title (2 by default) so the list fits the page outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private ownDirectory: RoomDirectory | undefined;
  @query('.sentinel') private sentinel!: HTMLElement | null;

  readonly #list = new StoreController<RoomDirectoryState>(this, () => this.activeDirectory?.state$, EMPTY_STATE);
  #boundDirectory: RoomDirectory | undefined;
  #observer: IntersectionObserver | undefined;
  #observed: Element | null = null;
  #pollTimer: ReturnType<typeof setInterval> | undefined;
  #pollEvery = 0;

  /** The directory in effect. */
  get activeDirectory(): RoomDirectory | undefined {
    return this.directory ?? this.ownDirectory;
  }

  /** The rooms shown, in order. */
  get rooms(): readonly RoomListItem[] {
    return this.#list.value.rooms;
  }

  /** The card buttons, in order. */
  get cards(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button.card')];
  }

  refresh(): Promise<void> {
    return this.activeDirectory?.refresh().catch(() => undefined) ?? Promise.resolve();
  }

  loadMore(): Promise<void> {
    return this.activeDirectory?.loadMore().catch(() => undefined) ?? Promise.resolve();
  }

  /** Dispatches `vr-room-select` for a room; returns false when a listener cancelled it. */
  select(room: RoomListItem): boolean {
    return this.dispatchEvent(new VrRoomSelectEvent({ roomId: room.roomId, room }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#bind();
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#schedulePoll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#stopPoll();
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#observed = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('directory') || changed.has('backend') || changed.has('user')) this.#bind();
    if (changed.has('poll')) this.#schedulePoll();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#watchSentinel();
  }

  override render() {
    const s = this.#list.value;
    const hasRooms = s.rooms.length > 0;
    const firstLoad = !s.loaded && (s.loading !== null || (!s.error && this.activeDirectory !== undefined));
    return html`<section class="base" part="base" lang=${this.localize.locale} aria-labelledby="title" aria-busy=${s.loading ? 'true' : 'false'}>
      <header class="header" part="header">
        ${this.#renderHeading()}
        <button
          type="button"
          class="refresh focus-ring"
          ?disabled=${s.loading !== null}
          @click=${() => void this.refresh()}
          aria-label=${msg('roomList.refresh')}
          title=${msg('roomList.refresh')}
        >
          <span class=${s.loading === 'refresh' && hasRooms ? 'spin' : ''}>${refreshIcon}</span>
        </button>
      </header>
      <div class="status visually-hidden" role="status">${s.loading ? msg('roomList.loading') : ''}</div>
      ${
        hasRooms
          ? html`<ul class="list" part="list" aria-label=${msg('roomList.label')}>
            ${repeat(
              s.rooms,
              (r) => r.roomId,
              (r) => html`<li>${this.#renderCard(r)}</li>`,
            )}
          </ul>`
          : firstLoad
            ? this.#renderSkeletons()
            : s.error
              ? this.#renderError(s.error.code, true)
              : s.loaded
                ? this.#renderEmpty()
                : nothing
      }
      ${hasRooms ? this.#renderMore(s) : nothing}
    </section>`;
  }

  #renderHeading() {
    const title = html`<slot name="heading">${msg('roomList.title')}</slot>`;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel)));
    return html`<div class="title" id="title" role="heading" aria-level=${level}>
      <span class="live-dot" aria-hidden="true"></span>${title}
    </div>`;
  }

  #renderCard(room: RoomListItem) {
    const [a, b] = huePairOf(room.roomId);
    const viewers = formatNumber(room.viewers, { notation: 'compact', maximumFractionDigits: 1 });
    const coverStyle = styleMap({ '--_h1': String(a), '--_h2': String(b) });
    return html`<button type="button" class="card focus-ring" part="card" data-room-id=${room.roomId} @click=${() => this.select(room)}>
      <span class="meta">
        <span class="name" part="name"><bdi>${room.name}</bdi></span>
        <span class="owner" part="owner">
          ${this.#renderAvatar(room.owner)}
          <span class="owner-name"><bdi>${room.owner.userName}</bdi></span>
        </span>
      </span>
      <span class="cover" part="cover" style=${coverStyle}>
        ${
          room.coverUrl
            ? html`<img src=${room.coverUrl} alt="" loading="lazy" draggable="false" @error=${this.#onCoverError} />`
            : html`<span class="cover-initials" aria-hidden="true">${initialsOf(room.name)}</span>`
        }
        <span class="chip live" aria-hidden="true"><span class="bars"><i></i><i></i><i></i></span>${msg('roomList.live')}</span>
        <span class="chip viewers" part="viewers">${headphonesIcon}<span>${msg('roomList.viewers', { n: viewers })}</span></span>
      </span>
    </button>`;
  }

  #renderAvatar(user: UserInfo) {
    const [hue] = huePairOf(user.userId);
    return user.avatarUrl
      ? html`<img class="avatar" src=${user.avatarUrl} alt="" draggable="false" />`
      : html`<span class="avatar initials" aria-hidden="true" style=${styleMap({ '--_h1': String(hue) })}>${initialsOf(user.userName)}</span>`;
  }

  #renderSkeletons() {
    return html`<ul class="list skeleton" aria-hidden="true">
      ${Array.from(
        { length: SKELETON_CARDS },
        () => html`<li>
          <span class="card sk">
            <span class="cover sk-block"></span>
            <span class="meta"><span class="sk-line w80"></span><span class="sk-line w50"></span></span>
          </span>
        </li>`,
      )}
    </ul>`;
  }

  #renderMore(s: RoomDirectoryState) {
    const more = s.loaded && s.next !== '';
    if (s.error) return this.#renderError(s.error.code, false);
    if (s.loading === 'more') {
      return html`<div class="more-row"><span class="spinner" aria-hidden="true"></span><span class="muted">${msg('roomList.loading')}</span></div>`;
    }
    if (more) {
      return html`<div class="more-row">
        <button type="button" class="more focus-ring" part="more" @click=${() => void this.loadMore()}>${msg('roomList.more')}</button>
        ${this.infinite ? html`<span class="sentinel" aria-hidden="true"></span>` : nothing}
      </div>`;
    }
    return html`<p class="end muted">${msg('roomList.end')}</p>`;
  }

  #renderEmpty() {
    return html`<div class="state" part="state" data-state="empty">
      <slot name="empty">
        <span class="state-icon" aria-hidden="true">${emptyIcon}</span>
        <p class="state-title">${msg('roomList.empty.title')}</p>
        <p class="muted">${msg('roomList.empty.text')}</p>
        <button type="button" class="secondary focus-ring" @click=${() => void this.refresh()}>${msg('roomList.refresh')}</button>
      </slot>
    </div>`;
  }

  #renderError(code: Parameters<typeof errorText>[0], full: boolean) {
    const retry = () => void (full || !this.#list.value.loaded ? this.refresh() : this.loadMore());
    return html`<div class=${full ? 'state' : 'more-row inline-error'} part="state" data-state="error" role="alert">
      ${full ? html`<span class="state-icon error" aria-hidden="true">${errorIcon}</span>` : nothing}
      ${full ? html`<p class="state-title">${msg('roomList.error.title')}</p>` : nothing}
      <p class="muted">${errorText(code)}</p>
      <button type="button" class="secondary focus-ring" data-action="retry" @click=${retry}>${msg('roomList.retry')}</button>
    </div>`;
  }

  #onCoverError = (event: Event): void => {
    (event.target as HTMLImageElement).remove();
  };

  /** Follows whichever directory is in effect; makes one from `.backend` + `.user` when none is given. */
  #bind(): void {
    if (!this.isConnected) return;
    if (!this.directory && this.backend && this.user) {
      const own = this.ownDirectory;
      if (!own || own.backend !== this.backend || own.user !== this.user)
        this.ownDirectory = createRoomDirectory({ backend: this.backend, user: this.user });
    } else if (this.directory) {
      this.ownDirectory = undefined;
    }
    const directory = this.activeDirectory;
    if (directory === this.#boundDirectory) return;
    this.#boundDirectory = directory;
    this.#list.reset();
    if (directory && !directory.state.loaded && directory.state.loading === null)
      void directory.refresh().catch(() => undefined);
  }

  /** Polls only while connected and visible: a hidden tab costs the server nothing. */
  #schedulePoll(): void {
    const every =
      this.isConnected && document.visibilityState !== 'hidden' && this.poll > 0 ? Math.max(1, this.poll) * 1_000 : 0;
    if (every === this.#pollEvery && (every === 0) === (this.#pollTimer === undefined)) return;
    this.#stopPoll();
    this.#pollEvery = every;
    if (every > 0) {
      this.#pollTimer = setInterval(() => this.#pollNow(), every);
    }
  }

  #stopPoll(): void {
    clearInterval(this.#pollTimer);
    this.#pollTimer = undefined;
    this.#pollEvery = 0;
  }

  #pollNow(): void {
    void this.activeDirectory?.update();
  }

  #onVisibility = (): void => {
    const wasPolling = this.#pollTimer !== undefined;
    this.#schedulePoll();
    // Back to a tab that was hidden: catch up now rather than at the next tick.
    if (!wasPolling && this.#pollTimer !== undefined) this.#pollNow();
  };

  #watchSentinel(): void {
    const sentinel = this.infinite ? this.sentinel : null;
    if (sentinel === this.#observed) return;
    this.#observer?.disconnect();
    this.#observed = sentinel;
    if (!sentinel || typeof IntersectionObserver === 'undefined') return;
    this.#observer ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.loadMore();
      },
      { rootMargin: '200px' },
    );
    this.#observer.observe(sentinel);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-room-list': VrRoomList;
  }
}
