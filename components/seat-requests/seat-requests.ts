import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { AudienceSummary, LiveInfo, Me, PendingCounts, PendingKey, RequestUpdate, Room, Seat, SeatRequest, UserInfo } from '../../src/index.js';
import { isPendingIn, pendingKey } from '../../src/index.js';
import { avatar } from '../audience-list/avatar.js';
import { checkIcon, closeIcon, searchIcon } from '../audience-list/icons.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { IntentController, commandFailure } from '../controllers/intent-controller.js';
import { VrRequestCancelEvent } from '../events/request-cancel.js';
import { VrRequestInviteEvent } from '../events/request-invite.js';
import { VrRequestRespondAllEvent } from '../events/request-respond-all.js';
import { VrRequestRespondEvent } from '../events/request-respond.js';
import { formatNumber, msg, msgIsolated } from '../i18n/locale.js';
import { requestNotice } from './request-notice.js';
import { styles } from './seat-requests.styles.js';

export type SeatRequestsView = 'queue' | 'invite';

const EMPTY_REQUESTS: readonly SeatRequest[] = [];
const EMPTY_SEATS: readonly Seat[] = [];
const NO_AUDIENCE: AudienceSummary = { recent: [], total: 0 };
const SEARCH_DEBOUNCE_MS = 250;

/** `m:ss` with the locale's digits (Intl), for countdowns. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${formatNumber(minutes)}:${formatNumber(total % 60, { minimumIntegerDigits: 2 })}`;
}

/**
 * @summary Seat requests in both directions: the application queue an owner/admin answers, the invite picker,
 * and a listener's own application and incoming invitation.
 *
 * @description For the owner and admins: applications in arrival order with approve/reject, admit all and reject
 * all, each with its timeout counting down; and an invite picker over the audience (the latest entrants, or a
 * search) that offers a chosen seat or any free seat. For a listener: their pending application with a cancel
 * button, and an invitation with accept/decline. When a request ends (accepted, rejected, timed out, handled by
 * another admin) a notice says so in a polite live region. Every action first dispatches a cancelable `vr-*`
 * event; unless prevented the element runs the room command, shows it pending (`aria-busy`) and any error with its
 * documented message. A listener with nothing pending sees nothing (the host is in the `empty` state).
 *
 * @fires vr-request-respond - Approve/reject an application, or accept/decline an invitation. Cancelable.
 * @fires vr-request-respond-all - Admit or reject every application. Cancelable.
 * @fires vr-request-cancel - Withdraw my application, or (owner/admin) an invitation I sent. Cancelable.
 * @fires vr-request-invite - Invite a member to a seat. Cancelable.
 * @fires vr-command-error - One of the commands above failed (detail: key, code, message); the panel shows the message too.
 *
 * @csspart base - The panel.
 * @csspart tabs - The owner/admin tab list.
 * @csspart tab - Each tab.
 * @csspart list - The application queue and the invite candidates.
 * @csspart item - Each application or candidate.
 * @csspart avatar - Each avatar.
 * @csspart countdown - Each countdown.
 * @csspart card - A listener's application or invitation card.
 * @csspart notice - The notice shown when a request ends.
 * @csspart alert - The error message.
 *
 * @cssstate manager - I am the owner or an admin: the queue and the invite picker show.
 * @cssstate empty - A listener with nothing pending or to announce: the element hides itself.
 *
 * @cssproperty --vr-color-accent - Accent (counts, countdown bar).
 * @cssproperty --vr-gradient-accent - Primary buttons.
 * @cssproperty --vr-color-surface - Panel background.
 * @cssproperty --vr-seat-requests-max-height - Height limit of the lists before they scroll (default 360px).
 */
@customElement('vr-seat-requests')
export class VrSeatRequests extends VrElement {
  static override styles = styles;

  /** The owner/admin tab on show. */
  @property({ reflect: true }) view: SeatRequestsView = 'queue';

  /** The seat the invite picker offers; null offers any free seat. */
  @property({ attribute: false }) inviteSeat: number | null = null;

  /** Timeout in seconds for invitations sent from the picker (the server default when unset). */
  @property({ type: Number, attribute: 'invite-timeout' }) inviteTimeout: number | undefined;

  /**
   * Hides the panel's own "Seat requests" title from sight (screen readers still name the region by it): for a
   * container that already shows that heading, as `<vr-room>`'s sheet does, so it is not said twice.
   */
  @property({ type: Boolean, reflect: true, attribute: 'hide-title' }) hideTitle = false;

  /** How long a notice stays visible, in ms. */
  @property({ type: Number, attribute: 'notice-duration' }) noticeDuration = 6_000;

  @state() private now = Date.now();
  @state() private notice = '';
  @state() private keyword = '';
  @state() private results: readonly UserInfo[] | null = null;
  @state() private searching = false;

  /** Output-only state for styles (`:state(manager)`, `:state(empty)`): set by the element alone, never by a page. */
  private readonly states = new HostStates(this.attachInternals());

  private readonly requests = this.observe((room) => room.requests$, EMPTY_REQUESTS);
  private readonly me = this.observe((room) => room.me$, null as Me | null);
  private readonly info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  private readonly seats = this.observe((room) => room.seats$, EMPTY_SEATS);
  private readonly audience = this.observe((room) => room.audience$, NO_AUDIENCE);
  private readonly pending = this.observe((room) => room.pending$, {} as PendingCounts);
  private readonly application = this.observe((room) => room.myApplication$, null as SeatRequest | null);
  private readonly invitation = this.observe((room) => room.myInvitation$, null as SeatRequest | null);
  private readonly updates = this.observe((room) => room.requestUpdates$, null as RequestUpdate | null);

  private seenUpdate: RequestUpdate | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** My request commands: busy per request or user, and the one alert (a failed search shows there too). */
  private readonly commands = new IntentController(this);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchToken = 0;

  /** I am the owner or an admin (and so see the queue and the picker). */
  get manager(): boolean {
    const role = this.me.value?.role;
    return role === 'owner' || role === 'admin';
  }

  /** Pending applications in arrival order. */
  get queue(): SeatRequest[] {
    return this.requests.value.filter((r) => r.type === 'apply' && r.status === 'pending').sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Empty, unlocked seats an invitation may offer. */
  get freeSeats(): number[] {
    return this.seats.value.filter((s) => !s.user && !s.locked).map((s) => s.index);
  }

  /** Who the picker offers: the audience (or the search results) minus me, the seated, and the owner. */
  get candidates(): UserInfo[] {
    const me = this.me.value?.user.userId;
    const seated = new Set(this.seats.value.flatMap((s) => (s.user ? [s.user.userId] : [])));
    const owner = this.info.value?.owner.userId;
    const source = this.results ?? this.audience.value.recent;
    return source.filter((u) => u.userId !== me && u.userId !== owner && !seated.has(u.userId));
  }

  // ---- intents: each dispatches its cancelable event, then runs the command unless prevented ----

  /** Approves or rejects an application (owner/admin), or accepts/declines my invitation. */
  respond(request: SeatRequest, accept: boolean): Promise<boolean> {
    const userId = request.from.userId;
    return this.intent(`respond:${request.requestId}`, new VrRequestRespondEvent({ requestId: request.requestId, type: request.type, userId, accept }), (room) =>
      room.respondRequest(request.requestId, accept),
    );
  }

  /** Admits (or rejects) every pending application. */
  respondAll(accept: boolean): Promise<boolean> {
    return this.intent('respondAll', new VrRequestRespondAllEvent({ accept, count: this.queue.length }), (room) => room.respondAll(accept));
  }

  /** Withdraws my application, or an invitation I sent. */
  cancel(request: SeatRequest): Promise<boolean> {
    return this.intent(`cancel:${request.requestId}`, new VrRequestCancelEvent({ requestId: request.requestId, seatIndex: request.seatIndex }), (room) =>
      room.cancelRequest(request.requestId),
    );
  }

  /** Invites a member to `seatIndex` (default: the picker's seat; null = any free seat). */
  invite(userId: string, seatIndex: number | null = this.inviteSeat): Promise<boolean> {
    const options = this.inviteTimeout !== undefined ? { timeoutSec: this.inviteTimeout } : {};
    return this.intent(`invite:${userId}`, new VrRequestInviteEvent({ userId, seatIndex }), (room) => room.inviteToSeat(userId, seatIndex, options));
  }

  /** Shows the invite picker, offering `seatIndex` (e.g. from a seat's `vr-seat-invite`). */
  openInvite(seatIndex: number | null = null): void {
    this.inviteSeat = seatIndex;
    this.view = 'invite';
  }

  // ---- lifecycle ----

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
    clearTimeout(this.noticeTimer);
    clearTimeout(this.searchTimer);
    this.searchToken += 1;
  }

  protected override roomChanged(): void {
    this.results = null;
    this.keyword = '';
    this.notice = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const update = this.updates.value;
    if (update && update !== this.seenUpdate) {
      this.seenUpdate = update;
      this.announce(update);
    }
    // Idle (no ticker): the clock is read now, so a countdown that appears starts from the right second.
    if (this.ticker === undefined) this.now = this.roomNow();
    const manager = this.manager;
    this.states.toggle('manager', manager);
    this.states.toggle('empty', !manager && !this.application.value && !this.invitation.value && !this.notice);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Countdowns tick only while one is on show.
    const counting = this.visibleRequests().some((r) => r.expiresAt !== null);
    if (counting && this.ticker === undefined && this.isConnected) {
      this.ticker = setInterval(() => (this.now = this.roomNow()), 1_000);
    } else if (!counting) {
      this.stopTicker();
    }
  }

  override render() {
    const manager = this.manager;
    return html`<div
      class="base"
      part="base"
      lang=${this.localize.locale}
      role=${manager ? 'region' : nothing}
      aria-labelledby=${manager ? 'title' : nothing}
    >
      ${manager ? this.renderManager() : this.renderListener()}
      <div class="alert-region" role="alert">${this.renderError()}</div>
      <div class="notice-region" role="status" aria-live="polite">${this.notice ? html`<p class="notice" part="notice">${this.notice}</p>` : nothing}</div>
    </div>`;
  }

  // ---- owner/admin ----

  private renderManager() {
    const queue = this.queue;
    return html`
      <div class="head">
        <p class=${this.hideTitle ? 'title visually-hidden' : 'title'} id="title">${msg('requests.title')}</p>
        <div class="tabs" role="tablist" part="tabs" aria-label=${msg('requests.tabs')} @keydown=${this.onTabKeyDown}>
          ${this.renderTab('queue', msg('requests.tab.queue'), queue.length)} ${this.renderTab('invite', msg('requests.tab.invite'), 0)}
        </div>
      </div>
      <div class="panel" role="tabpanel" id="panel" aria-labelledby=${`tab-${this.view}`}>
        ${this.view === 'queue' ? this.renderQueue(queue) : this.renderPicker()}
      </div>
    `;
  }

  private renderTab(view: SeatRequestsView, label: string, count: number) {
    const selected = this.view === view;
    return html`<button
      type="button"
      role="tab"
      class="tab"
      part="tab"
      id=${`tab-${view}`}
      aria-selected=${selected ? 'true' : 'false'}
      aria-controls="panel"
      tabindex=${selected ? 0 : -1}
      @click=${() => (this.view = view)}
    >
      ${label}${count > 0 ? html`<span class="count">${formatNumber(count)}</span>` : nothing}
    </button>`;
  }

  private renderQueue(queue: SeatRequest[]) {
    const allBusy = this.isBusy('respondAll', 'request.respondAll');
    return html`
      <div class="bulk">
        <button type="button" class="btn ghost" ?disabled=${queue.length === 0 || allBusy} @click=${() => this.respondAll(false)}>
          ${msg('requests.rejectAll')}
        </button>
        <button
          type="button"
          class="btn primary"
          aria-busy=${allBusy ? 'true' : 'false'}
          ?disabled=${queue.length === 0 || allBusy}
          @click=${() => this.respondAll(true)}
        >
          ${allBusy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('requests.admitAll')}
        </button>
      </div>
      ${queue.length === 0
        ? html`<div class="empty-state">
            <p class="empty-title">${msg('requests.empty')}</p>
            <p class="empty-hint">${msg('requests.emptyHint')}</p>
          </div>`
        : html`<ol class="list" part="list">
            ${repeat(
              queue,
              (r) => r.requestId,
              (r, i) => this.renderApplication(r, i, queue.length),
            )}
          </ol>`}
    `;
  }

  private renderApplication(request: SeatRequest, position: number, total: number) {
    const name = request.from.userName;
    const busy = this.isBusy(`respond:${request.requestId}`, pendingKey.requestRespond(request.requestId));
    return html`<li class="item" part="item" aria-busy=${busy ? 'true' : 'false'} data-request=${request.requestId}>
      <span class="position" aria-hidden="true">${formatNumber(position + 1)}</span>
      ${avatar(request.from)}
      <div class="who">
        <span class="name">${name}</span>
        <span class="meta">
          ${request.seatIndex === null ? msg('requests.wantsAny') : msg('requests.wantsSeat', { n: request.seatIndex + 1 })}
          ${this.renderCountdown(request)}
        </span>
        <span class="visually-hidden">${msg('requests.position', { n: position + 1, total })}</span>
      </div>
      <div class="actions">
        ${busy
          ? html`<span class="spinner" aria-hidden="true"></span>`
          : html`<button
                type="button"
                class="btn icon ghost"
                aria-label=${msg('requests.rejectUser', { name })}
                title=${msg('requests.reject')}
                @click=${() => this.respond(request, false)}
              >
                ${closeIcon}
              </button>
              <button
                type="button"
                class="btn icon primary"
                aria-label=${msg('requests.approveUser', { name })}
                title=${msg('requests.approve')}
                @click=${() => this.respond(request, true)}
              >
                ${checkIcon}
              </button>`}
      </div>
    </li>`;
  }

  private renderPicker() {
    const free = this.freeSeats;
    const seatValue = this.inviteSeat === null || !free.includes(this.inviteSeat) ? 'any' : String(this.inviteSeat);
    const invites = new Map(this.requests.value.filter((r) => r.type === 'invite' && r.status === 'pending' && r.to).map((r) => [r.to!.userId, r]));
    const candidates = this.candidates;
    return html`
      <div class="picker-controls">
        <label class="search">
          <span class="search-icon" aria-hidden="true">${searchIcon}</span>
          <input
            class="field"
            type="search"
            .value=${this.keyword}
            placeholder=${msg('requests.invite.search')}
            aria-label=${msg('requests.invite.search')}
            @input=${this.onSearchInput}
          />
          ${this.searching ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
        </label>
        <label class="seat-select">
          <span class="visually-hidden">${msg('requests.invite.seat')}</span>
          <select class="field" aria-label=${msg('requests.invite.seat')} @change=${this.onSeatChange}>
            <option value="any" ?selected=${seatValue === 'any'}>${msg('requests.invite.anySeat')}</option>
            ${free.map((i) => html`<option value=${String(i)} ?selected=${seatValue === String(i)}>${msg('seat.number', { n: i + 1 })}</option>`)}
          </select>
        </label>
      </div>
      ${free.length === 0 ? html`<p class="hint">${msg('requests.invite.noSeat')}</p>` : nothing}
      ${candidates.length === 0
        ? html`<div class="empty-state">
            <p class="empty-title">${this.keyword.trim() ? msg('requests.invite.noMatch', { keyword: this.keyword.trim() }) : msg('requests.invite.empty')}</p>
          </div>`
        : html`<ul class="list" part="list" aria-busy=${this.searching ? 'true' : 'false'}>
            ${repeat(
              candidates,
              (u) => u.userId,
              (u) => this.renderCandidate(u, invites.get(u.userId) ?? null, free.length > 0),
            )}
          </ul>`}
    `;
  }

  private renderCandidate(user: UserInfo, invite: SeatRequest | null, canInvite: boolean) {
    const busy = invite
      ? this.isBusy(`cancel:${invite.requestId}`, pendingKey.requestCancel(invite.requestId))
      : this.isBusy(`invite:${user.userId}`, pendingKey.requestInvite(user.userId));
    return html`<li class="item" part="item" aria-busy=${busy ? 'true' : 'false'} data-user=${user.userId}>
      ${avatar(user)}
      <div class="who">
        <span class="name"><bdi>${user.userName}</bdi></span>
        ${invite
          ? html`<span class="meta invited"
              >${msg('requests.invite.sent')} ·
              ${invite.seatIndex === null ? msg('requests.invitation.any') : msg('requests.invitation.seat', { n: invite.seatIndex + 1 })}
              ${this.renderCountdown(invite)}</span
            >`
          : nothing}
      </div>
      <div class="actions">
        ${busy
          ? html`<span class="spinner" aria-hidden="true"></span>`
          : invite
            ? html`<button
                type="button"
                class="btn ghost"
                aria-label=${msg('requests.invite.withdrawUser', { name: user.userName })}
                @click=${() => this.cancel(invite)}
              >
                ${msg('requests.invite.withdraw')}
              </button>`
            : html`<button
                type="button"
                class="btn primary"
                aria-label=${msg('requests.invite.sendUser', { name: user.userName })}
                ?disabled=${!canInvite}
                @click=${() => this.invite(user.userId)}
              >
                ${msg('requests.invite.send')}
              </button>`}
      </div>
    </li>`;
  }

  // ---- listener ----

  private renderListener() {
    const invitation = this.invitation.value;
    const application = this.application.value;
    if (!invitation && !application) return nothing;
    return html`${invitation ? this.renderInvitation(invitation) : nothing}${application ? this.renderMine(application) : nothing}`;
  }

  private renderInvitation(request: SeatRequest) {
    const busy = this.isBusy(`respond:${request.requestId}`, pendingKey.requestRespond(request.requestId));
    return html`<section class="card invitation" part="card" aria-labelledby="invitation-title" aria-busy=${busy ? 'true' : 'false'}>
      ${avatar(request.from, { className: 'large' })}
      <div class="who">
        <p class="card-title" id="invitation-title">${msgIsolated('requests.invitation.title', { name: request.from.userName })}</p>
        <p class="meta">
          ${request.seatIndex === null ? msg('requests.invitation.any') : msg('requests.invitation.seat', { n: request.seatIndex + 1 })}
          ${this.renderCountdown(request)}
        </p>
      </div>
      <div class="card-actions">
        <button type="button" class="btn ghost" ?disabled=${busy} @click=${() => this.respond(request, false)}>
          ${msg('requests.invitation.decline')}
        </button>
        <button type="button" class="btn primary" ?disabled=${busy} @click=${() => this.respond(request, true)}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('requests.invitation.accept')}
        </button>
      </div>
    </section>`;
  }

  private renderMine(request: SeatRequest) {
    const busy = this.isBusy(`cancel:${request.requestId}`, pendingKey.requestCancel(request.requestId));
    return html`<section class="card mine" part="card" aria-labelledby="mine-title" aria-busy=${busy ? 'true' : 'false'}>
      <span class="pulse" aria-hidden="true"><span></span></span>
      <div class="who">
        <p class="card-title" id="mine-title">${msg('requests.mine.title')}</p>
        <p class="meta">
          ${request.seatIndex === null ? msg('requests.mine.any') : msg('requests.mine.seat', { n: request.seatIndex + 1 })}
          ${this.renderCountdown(request)}
        </p>
      </div>
      <div class="card-actions">
        <button type="button" class="btn danger" ?disabled=${busy} @click=${() => this.cancel(request)}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('requests.mine.cancel')}
        </button>
      </div>
    </section>`;
  }

  // ---- shared pieces ----

  private renderCountdown(request: SeatRequest) {
    if (request.expiresAt === null) return html`<span class="countdown none" part="countdown">${msg('requests.noTimeout')}</span>`;
    const left = Math.max(0, request.expiresAt - this.now);
    const span = Math.max(1, request.expiresAt - request.createdAt);
    const fraction = Math.min(1, left / span);
    return html`<span
      class=${classMap({ countdown: true, urgent: left <= 10_000 })}
      part="countdown"
      style=${styleMap({ '--_left': String(fraction) })}
      ><span class="bar" aria-hidden="true"></span
      ><span class="visually-hidden">${msg('requests.expiresIn', { time: formatCountdown(left) })}</span
      ><span aria-hidden="true">${formatCountdown(left)}</span></span
    >`;
  }

  private renderError() {
    return this.commands.render({
      error: ({ code, message }) => html`<p class="alert" part="alert" data-code=${code}>
        <span>${message}</span>
        <button type="button" class="dismiss" aria-label=${msg('alert.dismiss')} @click=${this.dismissError}>×</button>
      </p>`,
    });
  }

  private visibleRequests(): SeatRequest[] {
    if (this.manager) {
      if (this.view === 'queue') return this.queue;
      return this.requests.value.filter((r) => r.type === 'invite');
    }
    return [this.invitation.value, this.application.value].filter((r): r is SeatRequest => r !== null);
  }

  private isBusy(localKey: string, storeKey: PendingKey): boolean {
    return this.commands.busy(localKey) || isPendingIn(this.pending.value, storeKey);
  }

  private async intent(key: string, event: Event, command: (room: Room) => Promise<unknown>): Promise<boolean> {
    const room = this.activeRoom;
    const outcome = await this.commands.run(key, { intent: () => event, command: room ? () => command(room) : null });
    return outcome.status === 'complete' && room !== undefined;
  }

  private dismissError = (): void => this.commands.dismiss();

  private announce(update: RequestUpdate): void {
    const me = this.me.value?.user.userId ?? this.activeRoom?.user.userId ?? '';
    const notice = requestNotice(update, me);
    if (!notice) return;
    this.notice = msg(notice.key, { name: notice.name });
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = ''), this.noticeDuration);
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private onTabKeyDown = (event: KeyboardEvent): void => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const order: SeatRequestsView[] = ['queue', 'invite'];
    const at = order.indexOf(this.view);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? order.length - 1 : (at + (event.key === 'ArrowRight' ? 1 : -1) + order.length) % order.length;
    this.view = order[next]!;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#tab-${this.view}`)?.focus());
  };

  private onSeatChange = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.inviteSeat = value === 'any' ? null : Number(value);
  };

  private onSearchInput = (event: Event): void => {
    this.keyword = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    const keyword = this.keyword.trim();
    if (!keyword) {
      this.searchToken += 1;
      this.results = null;
      this.searching = false;
      return;
    }
    this.searchTimer = setTimeout(() => void this.search(keyword), SEARCH_DEBOUNCE_MS);
  };

  /** Searches the whole audience (not only the latest entrants) through `room.listAudience`. */
  async search(keyword: string): Promise<void> {
    const room = this.activeRoom;
    if (!room) return;
    const token = ++this.searchToken;
    this.keyword = keyword;
    this.searching = true;
    try {
      const page = await room.listAudience({ keyword, count: 50 });
      if (token === this.searchToken) this.results = page.members;
    } catch (error) {
      if (token === this.searchToken) this.commands.showFailure(commandFailure('search', error));
    } finally {
      if (token === this.searchToken) this.searching = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-seat-requests': VrSeatRequests;
  }
}
