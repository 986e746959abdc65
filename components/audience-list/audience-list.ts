import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { type Observable, filter, scan } from 'rxjs';
import type { AudienceSummary, Room, UserInfo } from '../../src/index.js';
import { VrElement } from '../base/vr-element.js';
import { IntentController } from '../controllers/intent-controller.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { VrMemberKickEvent } from '../events/member-kick.js';
import { VrMemberMuteEvent } from '../events/member-mute.js';
import { VrRequestInviteEvent } from '../events/request-invite.js';
import { formatNumber, msg } from '../i18n/locale.js';
import { styles } from './audience-list.styles.js';
import { PanelLoader } from '../controllers/panel-loader.js';
import { avatar } from './avatar.js';
import type { MemberList } from './panel.js';

export { visibleRange } from './visible-range.js';

const NO_AUDIENCE: AudienceSummary = { recent: [], total: 0 };
const NOBODY_LEFT: ReadonlySet<string> = new Set();

/**
 * Who left since subscribing: loaded pages are a snapshot, so people who leave are taken out of the list (and put
 * back if they come back) without reloading pages.
 */
function departures(room: Room): Observable<ReadonlySet<string>> {
  return room.events$.pipe(
    filter((e) => e.type === 'member.left' || e.type === 'member.joined'),
    scan((gone, e) => {
      const next = new Set(gone);
      if (e.type === 'member.left') next.add(e.userId);
      else if (e.type === 'member.joined') next.delete(e.user.userId);
      return next;
    }, NOBODY_LEFT),
  );
}

/**
 * @summary Who is in the room: a compact stack of the latest entrants with the exact total, and a detail panel
 * that lists everyone, searches, and (for the owner/admins) invites, mutes or removes members.
 *
 * @description The detail list starts with the latest entrants (live from `room.audience$`) and pages on through
 * `room.listAudience` by cursor, automatically near the end and with a "Load more" button. Search asks the server
 * (`keyword`), so it finds anyone, not only the people already loaded. The list is virtualized: rows have a fixed
 * height (`row-height`) and only the visible ones (± `overscan`) are in the DOM, so 10,000 members scroll with a
 * few dozen nodes. Row actions dispatch cancelable `vr-*` events, then run the room command with pending and error
 * states.
 *
 * @fires vr-panel-open - The detail panel is about to open (`panel: 'audience'`). Cancelable.
 * @fires vr-request-invite - Invite a member to any free seat. Cancelable.
 * @fires vr-member-mute - Mute (or unmute) a member's barrage. Cancelable.
 * @fires vr-member-kick - Remove a member from the room. Cancelable.
 * @fires vr-command-error - A row command failed (detail: key = `action:userId`, code, message); the panel shows the message too.
 *
 * @csspart base - The compact button.
 * @csspart stack - The avatar stack.
 * @csspart avatar - Each avatar.
 * @csspart total - The total count.
 * @csspart dialog - The detail panel.
 * @csspart search - The search field.
 * @csspart list - The scrolling list.
 * @csspart row - Each member row.
 * @csspart row-action - Each row action button.
 * @csspart alert - An error message.
 * @csspart confirm - The removal question, with the choice to keep the person out for a while.
 *
 * @cssproperty --vr-audience-list-height - Height of the scrolling list (default min(60vh, 480px)).
 * @cssproperty --vr-color-surface - Panel background.
 * @cssproperty --vr-gradient-accent - Total pill and invite button.
 */
@customElement('vr-audience-list')
export class VrAudienceList extends VrElement {
  static override styles = styles;

  /** Avatars in the compact stack. */
  @property({ type: Number, attribute: 'max-avatars' }) maxAvatars = 3;

  /** Fixed height of a list row in px (the windowing depends on it). */
  @property({ type: Number, attribute: 'row-height' }) rowHeight = 60;

  /** Rows rendered beyond each edge of the visible area. */
  @property({ type: Number }) overscan = 6;

  /** Members asked for per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 100;

  /** How long the mute action mutes, in seconds. */
  @property({ type: Number, attribute: 'mute-seconds' }) muteSeconds = 600;

  @query('dialog.panel-dialog') private dialog!: HTMLDialogElement;

  readonly #audience = this.observe((room) => room.audience$, NO_AUDIENCE);
  // What only the panel's rows read (who I am, roles, seats, mutes, invitations, pending commands) the panel observes
  // itself, from its first use: the compact button shows none of it.

  /** Who left since the element connected (see `departures`). */
  readonly #departed = this.observe(departures, NOBODY_LEFT);

  /** Row commands (busy per `action:userId`) and the one alert, for them and for a page that failed to load. */
  readonly #commands = new IntentController(this);
  /**
   * The panel (its template, styles, pages, search, row window and removal question): a chunk of its own, fetched
   * when the browser is idle or by the first `openPanel()`, whichever comes first.
   */
  readonly #panel = new LazyPart(this, () => VrAudienceList.importPanel());
  /** The panel's dialog, on its loading state until the panel is there. */
  readonly #loader = new PanelLoader(this, this.#panel, 'audience', () => this.dialog, {
    opening: () => this.#list?.opened(),
    shown: () => this.#list?.measure(),
    arrived: () => {
      this.#list?.opened();
      void this.updateComplete.then(() => this.#list?.measure());
    },
    closed: () => this.shadowRoot?.querySelector<HTMLElement>('.base')?.focus(),
  });
  /** The panel's state, made when its chunk is there. */
  #memberList: MemberList | undefined;
  /** What the panel's state reads and does. */
  readonly #memberListHost = {
    element: this,
    recent: () => this.#audience.value.recent,
    gone: () => this.#departed.value,
    observe: <T>(pick: (room: Room) => Observable<T>, initialValue: T) => this.observe(pick, initialValue),
    now: () => this.roomNow(),
    commands: this.#commands,
  };

  /**
   * Imports the panel's chunk. A static only so a test can make one fetch fail (the next open tries again).
   * @internal
   */
  static importPanel = () => import('./panel.js');

  /** Everyone the list shows, in order: live latest entrants then loaded pages (or the search results). */
  get members(): readonly UserInfo[] {
    return this.#list?.members ?? this.#audience.value.recent;
  }

  /** The index range of rows currently in the DOM. */
  get renderedRange(): { start: number; end: number } {
    return this.#list?.range ?? { start: 0, end: 0 };
  }

  // ---- panel ----

  openPanel(): boolean {
    return this.#loader.show();
  }

  closePanel(): void {
    this.#loader.hide();
  }

  /** Searches the whole room (server-side); an empty keyword goes back to the latest entrants. */
  async search(keyword: string): Promise<void> {
    await (await this.#whenList())?.search(keyword);
  }

  /** Loads the next page by cursor (the first page when nothing is loaded). */
  async loadMore(): Promise<void> {
    await (await this.#whenList())?.loadMore();
  }

  // ---- row intents ----

  invite(userId: string): Promise<boolean> {
    return this.#intent(`invite:${userId}`, new VrRequestInviteEvent({ userId, seatIndex: null }), (room) =>
      room.inviteToSeat(userId, null),
    );
  }

  /** Mutes for `seconds` (default `muteSeconds`); 0 lifts the mute. */
  mute(userId: string, seconds: number = this.muteSeconds): Promise<boolean> {
    return this.#intent(`mute:${userId}`, new VrMemberMuteEvent({ userId, seconds }), (room) =>
      room.muteMember(userId, seconds),
    );
  }

  /**
   * Removes a member at once (no confirmation: that is `confirmKick()`); with `banSeconds` > 0 they are also kept
   * out for that long (`room.banMembers`, which removes them too), as the REST API's ban does.
   */
  kick(userId: string, banSeconds = 0): Promise<boolean> {
    const event = new VrMemberKickEvent(banSeconds > 0 ? { userId, banSeconds } : { userId });
    return this.#intent(`kick:${userId}`, event, (room) =>
      banSeconds > 0 ? room.banMembers([userId], banSeconds) : room.kickMember(userId),
    );
  }

  /** Asks first: "Remove Bob from the room?", with the choice to keep them out for a while. */
  confirmKick(user: UserInfo): void {
    void this.#whenList().then((list) => list?.ask(user));
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    // Fetched ahead of the first open, once the page has nothing better to do, so the panel opens with its list.
    this.#panel.prefetchWhenIdle();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.closePanel();
  }

  protected override roomChanged(): void {
    this.#list?.reset();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#loader.open) this.#list?.followScroll();
  }

  override render() {
    const { recent, total } = this.#audience.value;
    const stack = recent.slice(0, Math.max(0, this.maxAvatars));
    // The dialog's heading (#title) comes with the panel's part: until then it is named as the button that opens it.
    return html`<button
        type="button"
        class="base"
        part="base"
        lang=${this.localize.locale}
        aria-haspopup="dialog"
        aria-expanded=${this.#loader.open ? 'true' : 'false'}
        @click=${() => this.openPanel()}
      >
        <span class="stack" part="stack" aria-hidden="true">${stack.map((u) => avatar(u))}</span>
        <span class="total" part="total" aria-hidden="true">${formatNumber(total)}</span>
        <span class="visually-hidden">${msg('audience.open', { n: total })}</span>
      </button>
      <dialog class="panel-dialog" part="dialog" aria-labelledby=${this.#panel.module ? 'title' : nothing} aria-label=${this.#panel.module ? nothing : msg('audience.open', { n: total })} @close=${this.#loader.onClose} @click=${this.#loader.onBackdrop}>
        ${this.#loader.open ? this.#renderPanel(total) : nothing}
      </dialog>`;
  }

  #renderPanel(total: number) {
    const list = this.#list;
    return list ? list.render(this.localize.locale, total) : this.#loader.render();
  }

  // ---- internals ----

  /** The panel's state, once its chunk is there (undefined until then). */
  get #list(): MemberList | undefined {
    const part = this.#panel.module;
    if (part && !this.#memberList) this.#memberList = new part.MemberList(this.#memberListHost);
    return this.#memberList;
  }

  /** The panel's state, fetching its chunk first if need be; undefined if that failed. */
  async #whenList(): Promise<MemberList | undefined> {
    try {
      await this.#panel.load();
    } catch {
      return undefined; // the panel shows why when it opens, with "Try again"
    }
    return this.#list;
  }

  async #intent(key: string, event: Event, command: (room: Room) => Promise<unknown>): Promise<boolean> {
    const room = this.activeRoom;
    // Without a room the intent is still announced, but there is nothing to run and nothing done.
    const outcome = await this.#commands.run(key, { intent: () => event, command: room ? () => command(room) : null });
    return outcome.status === 'complete' && room !== undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-audience-list': VrAudienceList;
  }
}
