import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type {
  AudienceSummary,
  LiveInfo,
  Me,
  PendingCounts,
  PendingKey,
  RequestUpdate,
  Room,
  Seat,
  SeatRequest,
  UserInfo,
} from '../../src/index.js';
import { applicationQueue, isPendingIn, pendingKey } from '../../src/index.js';
import { arrowIndex } from '../base/roving.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { IntentController } from '../controllers/intent-controller.js';
import { TransientController } from '../controllers/transient-controller.js';
import { VrRequestCancelEvent } from '../events/request-cancel.js';
import { VrRequestInviteEvent } from '../events/request-invite.js';
import { VrRequestRespondAllEvent } from '../events/request-respond-all.js';
import { VrRequestRespondEvent } from '../events/request-respond.js';
import { formatNumber, msg } from '../i18n/locale.js';
import { applicationCard, invitationCard } from './cards.js';
import { InviteSearchController, invitePicker } from './invite-picker.js';
import { queuePanel } from './queue.js';
import { requestNotice } from './request-notice.js';
import { styles } from './seat-requests.styles.js';
import './strings.js';

export { formatCountdown } from './countdown.js';

export type SeatRequestsView = 'queue' | 'invite';

const EMPTY_REQUESTS: readonly SeatRequest[] = [];
const EMPTY_SEATS: readonly Seat[] = [];
const NO_AUDIENCE: AudienceSummary = { recent: [], total: 0 };
const TABS: readonly SeatRequestsView[] = ['queue', 'invite'];

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

  /** Output-only state for styles (`:state(manager)`, `:state(empty)`): set by the element alone, never by a page. */
  readonly #states = new HostStates(this.attachInternals());

  readonly #requests = this.observe((room) => room.requests$, EMPTY_REQUESTS);
  readonly #me = this.observe((room) => room.me$, null as Me | null);
  readonly #info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  readonly #seats = this.observe((room) => room.seats$, EMPTY_SEATS);
  readonly #audience = this.observe((room) => room.audience$, NO_AUDIENCE);
  readonly #pending = this.observe((room) => room.pending$, {} as PendingCounts);
  readonly #application = this.observe((room) => room.myApplication$, null as SeatRequest | null);
  readonly #invitation = this.observe((room) => room.myInvitation$, null as SeatRequest | null);
  readonly #updates = this.observe((room) => room.requestUpdates$, null as RequestUpdate | null);

  #seenUpdate: RequestUpdate | null = null;
  #ticker: ReturnType<typeof setInterval> | undefined;
  /** My request commands: busy per request or user, and the one alert (a failed search shows there too). */
  readonly #commands = new IntentController(this);
  /** How the last request that concerns me ended, in the polite live region. */
  readonly #notice = new TransientController<string>(this);
  /** The invite picker's search over the whole audience. */
  readonly #finder = new InviteSearchController(
    this,
    () => this.activeRoom,
    (failure) => this.#commands.showFailure(failure),
  );

  /** I am the owner or an admin (and so see the queue and the picker). */
  get manager(): boolean {
    const role = this.#me.value?.role;
    return role === 'owner' || role === 'admin';
  }

  /** Pending applications in arrival order. */
  get queue(): SeatRequest[] {
    return applicationQueue(this.#requests.value);
  }

  /** Empty, unlocked seats an invitation may offer. */
  get freeSeats(): number[] {
    return this.#seats.value.filter((s) => !s.user && !s.locked).map((s) => s.index);
  }

  /** Who the picker offers: the audience (or the search results) minus me, the seated, and the owner. */
  get candidates(): UserInfo[] {
    const me = this.#me.value?.user.userId;
    const seated = new Set(this.#seats.value.flatMap((s) => (s.user ? [s.user.userId] : [])));
    const owner = this.#info.value?.owner.userId;
    const source = this.#finder.results ?? this.#audience.value.recent;
    return source.filter((u) => u.userId !== me && u.userId !== owner && !seated.has(u.userId));
  }

  // ---- intents: each dispatches its cancelable event, then runs the command unless prevented ----

  /** Approves or rejects an application (owner/admin), or accepts/declines my invitation. */
  respond(request: SeatRequest, accept: boolean): Promise<boolean> {
    const userId = request.from.userId;
    return this.#intent(
      `respond:${request.requestId}`,
      new VrRequestRespondEvent({ requestId: request.requestId, type: request.type, userId, accept }),
      (room) => room.respondRequest(request.requestId, accept),
    );
  }

  /** Admits (or rejects) every pending application. */
  respondAll(accept: boolean): Promise<boolean> {
    return this.#intent('respondAll', new VrRequestRespondAllEvent({ accept, count: this.queue.length }), (room) =>
      room.respondAll(accept),
    );
  }

  /** Withdraws my application, or an invitation I sent. */
  cancel(request: SeatRequest): Promise<boolean> {
    return this.#intent(
      `cancel:${request.requestId}`,
      new VrRequestCancelEvent({ requestId: request.requestId, seatIndex: request.seatIndex }),
      (room) => room.cancelRequest(request.requestId),
    );
  }

  /** Invites a member to `seatIndex` (default: the picker's seat; null = any free seat). */
  invite(userId: string, seatIndex: number | null = this.inviteSeat): Promise<boolean> {
    const options = this.inviteTimeout !== undefined ? { timeoutSec: this.inviteTimeout } : {};
    return this.#intent(`invite:${userId}`, new VrRequestInviteEvent({ userId, seatIndex }), (room) =>
      room.inviteToSeat(userId, seatIndex, options),
    );
  }

  /** Shows the invite picker, offering `seatIndex` (e.g. from a seat's `vr-seat-invite`). */
  openInvite(seatIndex: number | null = null): void {
    this.inviteSeat = seatIndex;
    this.view = 'invite';
  }

  /** Searches the whole audience (not only the latest entrants) through `room.listAudience`. */
  search(keyword: string): Promise<void> {
    return this.#finder.search(keyword);
  }

  // ---- lifecycle ----

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTicker();
  }

  protected override roomChanged(): void {
    this.#finder.reset();
    this.#notice.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const update = this.#updates.value;
    if (update && update !== this.#seenUpdate) {
      this.#seenUpdate = update;
      const notice = requestNotice(update, this.#me.value?.user.userId ?? this.activeRoom?.user.userId ?? '');
      if (notice) this.#notice.show(msg(notice.key, { name: notice.name }), this.noticeDuration);
    }
    // Idle (no ticker): the clock is read now, so a countdown that appears starts from the right second.
    if (this.#ticker === undefined) this.now = this.roomNow();
    const manager = this.manager;
    this.#states.toggle('manager', manager);
    this.#states.toggle(
      'empty',
      !manager && !this.#application.value && !this.#invitation.value && !this.#notice.value,
    );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Countdowns tick only while one is on show.
    const counting = this.#visibleRequests().some((r) => r.expiresAt !== null);
    if (counting && this.#ticker === undefined && this.isConnected) {
      this.#ticker = setInterval(() => (this.now = this.roomNow()), 1_000);
    } else if (!counting) {
      this.#stopTicker();
    }
  }

  override render() {
    const manager = this.manager;
    const notice = this.#notice.value;
    return html`<div
      class="base"
      part="base"
      lang=${this.localize.locale}
      role=${manager ? 'region' : nothing}
      aria-labelledby=${manager ? 'title' : nothing}
    >
      ${manager ? this.#renderManager() : this.#renderListener()}
      <div class="alert-region" role="alert">${this.#renderError()}</div>
      <div class="notice-region" role="status" aria-live="polite">${notice ? html`<p class="notice" part="notice">${notice}</p>` : nothing}</div>
    </div>`;
  }

  // ---- owner/admin ----

  #renderManager() {
    const queue = this.queue;
    const now = this.now;
    return html`
      <div class="head">
        <p class=${this.hideTitle ? 'title visually-hidden' : 'title'} id="title">${msg('requests.title')}</p>
        <div class="tabs" role="tablist" part="tabs" aria-label=${msg('requests.tabs')} @keydown=${this.#onTabKeyDown}>
          ${this.#renderTab('queue', msg('requests.tab.queue'), queue.length)} ${this.#renderTab('invite', msg('requests.tab.invite'), 0)}
        </div>
      </div>
      <div class="panel" role="tabpanel" id="panel" aria-labelledby=${`tab-${this.view}`}>
        ${
          this.view === 'queue'
            ? queuePanel({
                queue,
                now,
                allBusy: this.#isBusy('respondAll', 'request.respondAll'),
                busy: (r) => this.#respondBusy(r),
                respond: (r, accept) => void this.respond(r, accept),
                respondAll: (accept) => void this.respondAll(accept),
              })
            : invitePicker({
                search: this.#finder,
                free: this.freeSeats,
                inviteSeat: this.inviteSeat,
                candidates: this.candidates,
                requests: this.#requests.value,
                now,
                busy: (user, invite) =>
                  invite
                    ? this.#cancelBusy(invite)
                    : this.#isBusy(`invite:${user.userId}`, pendingKey.requestInvite(user.userId)),
                invite: (userId) => void this.invite(userId),
                cancel: (invite) => void this.cancel(invite),
                onSeatChange: this.#onSeatChange,
              })
        }
      </div>
    `;
  }

  #renderTab(view: SeatRequestsView, label: string, count: number) {
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

  // ---- listener ----

  #renderListener() {
    const invitation = this.#invitation.value;
    const application = this.#application.value;
    if (!invitation && !application) return nothing;
    const now = this.now;
    const invitationView = invitation
      ? invitationCard(
          invitation,
          { now, busy: this.#respondBusy(invitation) },
          (accept) => void this.respond(invitation, accept),
        )
      : nothing;
    const applicationView = application
      ? applicationCard(application, { now, busy: this.#cancelBusy(application) }, () => void this.cancel(application))
      : nothing;
    return html`${invitationView}${applicationView}`;
  }

  // ---- shared pieces ----

  #renderError() {
    return this.#commands.render({
      error: ({ code, message }) => html`<p class="alert" part="alert" data-code=${code}>
        <span>${message}</span>
        <button type="button" class="dismiss" aria-label=${msg('alert.dismiss')} @click=${this.#dismissError}>×</button>
      </p>`,
    });
  }

  #visibleRequests(): SeatRequest[] {
    if (this.manager) {
      if (this.view === 'queue') return this.queue;
      return this.#requests.value.filter((r) => r.type === 'invite');
    }
    return [this.#invitation.value, this.#application.value].filter((r): r is SeatRequest => r !== null);
  }

  #isBusy(localKey: string, storeKey: PendingKey): boolean {
    return this.#commands.busy(localKey) || isPendingIn(this.#pending.value, storeKey);
  }

  /** An answer to `request` is in flight. */
  #respondBusy(request: SeatRequest): boolean {
    return this.#isBusy(`respond:${request.requestId}`, pendingKey.requestRespond(request.requestId));
  }

  /** Withdrawing `request` is in flight. */
  #cancelBusy(request: SeatRequest): boolean {
    return this.#isBusy(`cancel:${request.requestId}`, pendingKey.requestCancel(request.requestId));
  }

  async #intent(key: string, event: Event, command: (room: Room) => Promise<unknown>): Promise<boolean> {
    const room = this.activeRoom;
    const outcome = await this.#commands.run(key, { intent: () => event, command: room ? () => command(room) : null });
    return outcome.status === 'complete' && room !== undefined;
  }

  #dismissError = (): void => this.#commands.dismiss();

  #stopTicker(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  #onTabKeyDown = (event: KeyboardEvent): void => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    this.view = TABS[arrowIndex(event.key, TABS.indexOf(this.view), TABS.length) ?? 0]!;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#tab-${this.view}`)?.focus());
  };

  #onSeatChange = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.inviteSeat = value === 'any' ? null : Number(value);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-seat-requests': VrSeatRequests;
  }
}
