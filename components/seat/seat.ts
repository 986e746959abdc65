import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Room } from '../../src/index.js';
import {
  type LiveInfo, type Me, type PendingCounts, type PendingKey, type Role, type Seat, type SeatAction, type SeatRequest, isPendingIn, pendingKey,
  seatActions, takeBecomesApplication,
} from '../../src/index.js';
import { hueOf, initialsOf } from '../base/identity.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { type CommandFailure, IntentController } from '../controllers/intent-controller.js';
import { VrProfileViewEvent } from '../events/profile-view.js';
import { VrRequestCancelEvent } from '../events/request-cancel.js';
import { VrSeatAudioLockEvent } from '../events/seat-audio-lock.js';
import { VrSeatErrorEvent } from '../events/seat-error.js';
import { VrSeatInviteEvent } from '../events/seat-invite.js';
import { VrSeatKickEvent } from '../events/seat-kick.js';
import { VrSeatLeaveEvent } from '../events/seat-leave.js';
import { VrSeatLockEvent } from '../events/seat-lock.js';
import { VrSeatMoveEvent } from '../events/seat-move.js';
import { VrSeatSelectEvent } from '../events/seat-select.js';
import { VrSeatTakeEvent } from '../events/seat-take.js';
import { formatNumber, msg } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';
import { lockIcon, micLockIcon, micOffIcon, plusIcon } from './icons.js';
import { styles } from './seat.styles.js';

// Which actions a seat offers is a rule (src/rules/seat-actions.ts); re-exported here, where the element's API always had it.
export { SeatAction } from '../../src/index.js';

/** Everything a custom seat renderer needs; the seat keeps the button, label, menu and keyboard around it. */
export interface SeatRenderContext {
  readonly seat: Seat;
  readonly index: number;
  /** 0–100, from the grid's `levels` or the seat's `level`. */
  readonly level: number;
  readonly speaking: boolean;
  /** The occupant is me. */
  readonly mine: boolean;
  /** The occupant's role in the room, or null for an empty seat. */
  readonly role: Role | null;
  /** A command on this seat is in flight. */
  readonly busy: boolean;
  /** My pending application asks for this seat. */
  readonly applied: boolean;
  /** The accessible label the seat announces ("Seat 3, Ben, speaking, muted"). */
  readonly label: string;
}

export type SeatRenderer = (context: SeatRenderContext) => unknown;

const ACTION_LABELS: Record<SeatAction, MessageKey> = {
  take: 'seat.menu.take',
  apply: 'seat.menu.apply',
  'cancel-application': 'seat.menu.cancelApplication',
  leave: 'seat.menu.leave',
  move: 'seat.menu.move',
  invite: 'seat.menu.invite',
  kick: 'seat.menu.kick',
  lock: 'seat.menu.lock',
  unlock: 'seat.menu.unlock',
  'lock-audio': 'seat.menu.lockAudio',
  'unlock-audio': 'seat.menu.unlockAudio',
  profile: 'seat.menu.profile',
};
const DANGER: ReadonlySet<SeatAction> = new Set<SeatAction>(['kick', 'lock', 'lock-audio', 'cancel-application', 'leave']);
const EMPTY_SEATS: readonly Seat[] = [];
const EMPTY_LIST: readonly string[] = [];
const NOBODY: Me | null = null;
/** The menu opens in the top layer where supported, so no ancestor's overflow or stacking context can cover it. */
const POPOVER = typeof HTMLElement !== 'undefined' && 'popover' in HTMLElement.prototype;

/**
 * @summary One seat of a voice room: who sits there, whether they speak, and what I may do with the seat.
 *
 * @description Works alone (`<vr-seat index="3" .room=${room}>`) or inside `<vr-seat-grid>`. Activating the seat
 * opens a menu of the actions my role allows. Each action first dispatches a cancelable `vr-*` event; unless a
 * listener calls `preventDefault()` the seat runs the room command, shows a spinner while it is pending
 * (`aria-busy`) and the documented error message if it fails.
 *
 * @fires vr-seat-select - The seat was activated; cancel to open your own UI instead of the menu.
 * @fires vr-seat-take - Take (or, in apply mode, apply for) this seat. Cancelable.
 * @fires vr-request-cancel - Withdraw my pending application. Cancelable.
 * @fires vr-seat-leave - Leave my seat. Cancelable.
 * @fires vr-seat-move - Move from my seat to this one. Cancelable.
 * @fires vr-seat-invite - Owner/admin wants to invite someone to this seat (no default action). Cancelable.
 * @fires vr-seat-kick - Remove the occupant. Cancelable.
 * @fires vr-seat-lock - Lock or unlock the seat. Cancelable.
 * @fires vr-seat-audio-lock - Lock or unlock the seat's microphone. Cancelable.
 * @fires vr-profile-view - Show the occupant's profile (no default action). Cancelable.
 * @fires vr-command-error - A command failed (detail: key = the action, code, message); the seat shows the message too.
 * @fires vr-seat-error - A command failed, with the seat index and action; kept for pages that listen for it (superseded by `vr-command-error`).
 *
 * @slot - Replaces the seat's face (avatar, name, number); the button, label and menu stay. `renderSeat` wins over it.
 *
 * @csspart base - The seat button.
 * @csspart avatar - The round avatar (image, initials, or the empty/locked placeholder).
 * @csspart ring - The speaking ring around the avatar.
 * @csspart glow - The speaking glow behind the ring; it carries the level (0–100) as `--vr-level`.
 * @csspart name - The occupant's name.
 * @csspart number - The seat number pill.
 * @csspart role - The host/admin tag.
 * @csspart badge - Each state badge (mute, microphone lock).
 * @csspart menu - The action menu.
 * @csspart menu-item - Each action in the menu.
 * @csspart alert - The error message bubble.
 *
 * @cssstate empty - Nobody sits on the seat.
 * @cssstate locked - The seat is locked.
 * @cssstate muted - The occupant muted their microphone.
 * @cssstate audio-locked - The seat's microphone is locked by the owner/admins.
 * @cssstate speaking - The occupant's level is above `speaking-threshold`.
 * @cssstate mine - I sit on this seat.
 * @cssstate applied - My pending application asks for this seat.
 * @cssstate busy - A command on this seat is in flight.
 * @cssstate menu-open - The action menu is open.
 * @cssstate alerting - An error message shows.
 *
 * @cssproperty --vr-seat-size - Avatar diameter (default 64px).
 * @cssproperty --vr-color-speaking - Speaking ring colour.
 * @cssproperty --vr-color-speaking-glow - Speaking glow colour.
 * @cssproperty --vr-seat-empty-bg - Empty seat circle.
 * @cssproperty --vr-gradient-accent - Accent gradient (owner tag, applied ring).
 */
@customElement('vr-seat')
export class VrSeat extends VrElement {
  static override shadowRootOptions: ShadowRootInit = { ...VrElement.shadowRootOptions, delegatesFocus: true };
  static override styles = styles;

  /** The seat index (0-based; the label shows it 1-based, as people count). */
  @property({ type: Number, reflect: true }) index = 0;

  /**
   * The occupant's audio level, 0–100. Levels arrive about 10×/s per seat: a change that keeps the speaking state
   * only moves the glow (set directly, see `applyLevel`); speaking starting or stopping re-renders the seat (its
   * label and `:state(speaking)` change), and so does every change while a `renderSeat` draws the face (its context has
   * the level).
   */
  @property({ type: Number, noAccessor: true })
  get level(): number {
    return this.currentLevel;
  }
  set level(value: number) {
    const old = this.currentLevel;
    if (value === old) return;
    this.currentLevel = value;
    if (this.hasUpdated && !this.isUpdatePending && !this.renderSeat && this.speaksAt(value) === this.states.has('speaking')) {
      this.applyLevel();
    } else {
      this.requestUpdate('level', old);
    }
  }
  private currentLevel = 0;

  /** Level above which the occupant counts as speaking. */
  @property({ type: Number, attribute: 'speaking-threshold' }) speakingThreshold = 10;

  /** `tile`: avatar above name (grids); `row`: avatar beside name (lists). */
  @property({ reflect: true }) variant: 'tile' | 'row' = 'tile';

  /** Takes the seat out of the tab order (the grid moves a single tab stop with the arrow keys). */
  @property({ type: Boolean, attribute: 'no-tab-stop' }) noTabStop = false;

  /** Draws the seat's face instead of the default avatar/name; the seat keeps button, menu and labels. */
  @property({ attribute: false }) renderSeat: SeatRenderer | undefined;

  @state() private menuOpen = false;
  @state() private avatarFailed = '';

  @query('button.seat') private seatButton!: HTMLButtonElement;

  /** What the seat shows, for styles (`vr-seat:state(speaking)`): set by the seat alone, never by a page. */
  private readonly states = new HostStates(this.attachInternals());

  private readonly seats = this.observe((room) => room.seats$, EMPTY_SEATS);
  private readonly me = this.observe((room) => room.me$, NOBODY);
  private readonly info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  private readonly admins = this.observe((room) => room.admins$, EMPTY_LIST);
  private readonly pending = this.observe((room) => room.pending$, {} as PendingCounts);
  private readonly application = this.observe((room) => room.myApplication$, null as SeatRequest | null);
  /** This seat's own commands: busy while in flight, the error bubble when one fails. */
  private readonly commands = new IntentController(this);
  /** The failure the bubble was last placed for (see `updated`). */
  private placedError: CommandFailure | null = null;

  /** The seat as the store has it (an empty, unlocked seat until the room says otherwise). */
  get seat(): Seat {
    return this.seats.value[this.index] ?? { index: this.index, user: null, locked: false, audioLocked: false, selfMuted: false };
  }

  /** The actions the menu offers right now, in menu order. */
  get actions(): SeatAction[] {
    const me = this.me.value;
    const info = this.info.value;
    if (!me || !info) return [];
    const room = { info, seats: this.seats.value, admins: this.admins.value };
    return seatActions(room, { userId: me.user.userId, applying: this.application.value !== null }, this.index);
  }

  get speaking(): boolean {
    return this.speaksAt(this.level);
  }

  /** A command on this seat is in flight (mine, or any client's that the store reports pending). */
  get busy(): boolean {
    if (this.commands.busy()) return true;
    const pending = this.pending.value;
    const seat = this.seat;
    const app = this.application.value;
    const { index } = this;
    const keys: PendingKey[] = [pendingKey.seatTake(index), pendingKey.seatMove(index), pendingKey.seatLock(index), pendingKey.seatLockAudio(index)];
    if (seat.user) keys.push(pendingKey.seatKick(seat.user.userId));
    if (seat.user && seat.user.userId === this.me.value?.user.userId) keys.push('seat.leave');
    if (app && app.seatIndex === this.index) keys.push(pendingKey.requestCancel(app.requestId));
    return keys.some((key) => isPendingIn(pending, key));
  }

  /** My pending application asks for this seat. */
  get applied(): boolean {
    const app = this.application.value;
    return app !== null && app.seatIndex === this.index && !this.seat.user;
  }

  /** The accessible name: "Seat 3, Ben, host, speaking, muted". */
  get label(): string {
    const seat = this.seat;
    const parts = [msg('seat.number', { n: this.index + 1 })];
    if (seat.user) {
      parts.push(seat.user.userName);
      const role = this.roleOf(seat.user.userId);
      if (role === 'owner') parts.push(msg('seat.state.owner'));
      if (role === 'admin') parts.push(msg('seat.state.admin'));
      if (seat.user.userId === this.me.value?.user.userId) parts.push(msg('seat.state.you'));
      if (this.speaking) parts.push(msg('seat.state.speaking'));
      if (seat.selfMuted) parts.push(msg('seat.state.muted'));
    } else {
      parts.push(msg(seat.locked ? 'seat.state.locked' : 'seat.state.empty'));
    }
    if (seat.audioLocked) parts.push(msg('seat.state.audioLocked'));
    if (this.applied) parts.push(msg('seat.state.applied'));
    if (this.busy) parts.push(msg('seat.state.busy'));
    return parts.join(', ');
  }

  // ---- public intents: each dispatches its cancelable event, then runs the command unless prevented ----

  /** Takes the seat, or applies for it in apply mode. Resolves false when a listener cancelled it or it failed. */
  take(): Promise<boolean> {
    const info = this.info.value;
    const me = this.me.value;
    const apply = info !== null && me !== null && takeBecomesApplication(info.seatMode, me.role);
    return this.intent(apply ? 'apply' : 'take', new VrSeatTakeEvent({ index: this.index, apply }), (room) => room.takeSeat(this.index));
  }

  /** Withdraws my pending application. */
  cancelApplication(): Promise<boolean> {
    const app = this.application.value;
    if (!app) return Promise.resolve(false);
    return this.intent(
      'cancel-application',
      new VrRequestCancelEvent({ requestId: app.requestId, seatIndex: app.seatIndex }),
      (room) => room.cancelRequest(app.requestId),
    );
  }

  leave(): Promise<boolean> {
    return this.intent('leave', new VrSeatLeaveEvent({ index: this.index }), (room) => room.leaveSeat());
  }

  moveHere(): Promise<boolean> {
    const from = this.me.value?.seatIndex ?? -1;
    return this.intent('move', new VrSeatMoveEvent({ from, index: this.index }), (room) => room.moveSeat(this.index));
  }

  /** Announces the wish to invite someone here; the picker belongs to whoever listens. */
  invite(): Promise<boolean> {
    return this.intent('invite', new VrSeatInviteEvent({ index: this.index }), null);
  }

  kick(): Promise<boolean> {
    const user = this.seat.user;
    if (!user) return Promise.resolve(false);
    return this.intent('kick', new VrSeatKickEvent({ index: this.index, userId: user.userId }), (room) => room.kickSeat(user.userId));
  }

  lock(locked = true): Promise<boolean> {
    return this.intent(locked ? 'lock' : 'unlock', new VrSeatLockEvent({ index: this.index, locked }), (room) => room.lockSeat(this.index, locked));
  }

  lockAudio(locked = true): Promise<boolean> {
    return this.intent(
      locked ? 'lock-audio' : 'unlock-audio',
      new VrSeatAudioLockEvent({ index: this.index, locked }),
      (room) => room.lockSeatAudio(this.index, locked),
    );
  }

  viewProfile(): Promise<boolean> {
    const user = this.seat.user;
    if (!user) return Promise.resolve(false);
    return this.intent('profile', new VrProfileViewEvent({ user, seatIndex: this.index }), null);
  }

  /** Runs a menu action by name (what the menu does on click). */
  perform(action: SeatAction): Promise<boolean> {
    switch (action) {
      case 'take':
      case 'apply':
        return this.take();
      case 'cancel-application':
        return this.cancelApplication();
      case 'leave':
        return this.leave();
      case 'move':
        return this.moveHere();
      case 'invite':
        return this.invite();
      case 'kick':
        return this.kick();
      case 'lock':
        return this.lock(true);
      case 'unlock':
        return this.lock(false);
      case 'lock-audio':
        return this.lockAudio(true);
      case 'unlock-audio':
        return this.lockAudio(false);
      case 'profile':
        return this.viewProfile();
    }
  }

  /** Opens the action menu (what activating the seat does, unless `vr-seat-select` is cancelled). */
  openMenu(): void {
    if (this.menuOpen) return;
    this.menuOpen = true;
    document.addEventListener('pointerdown', this.onDocumentPointerDown, true);
    window.addEventListener('scroll', this.placeMenu, true);
    window.addEventListener('resize', this.placeMenu);
    void this.updateComplete.then(() => {
      if (!this.menuOpen) return;
      const menu = this.menuElement();
      if (POPOVER && menu && !menu.matches(':popover-open')) menu.showPopover();
      this.placeMenu();
      this.menuItems()[0]?.focus();
    });
  }

  /** Closes the menu; `restoreFocus` puts focus back on the seat (Escape, or after choosing an action). */
  closeMenu(restoreFocus = false): void {
    if (!this.menuOpen) return;
    this.menuOpen = false;
    document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
    window.removeEventListener('scroll', this.placeMenu, true);
    window.removeEventListener('resize', this.placeMenu);
    const menu = this.menuElement();
    if (POPOVER && menu?.matches(':popover-open')) menu.hidePopover();
    if (restoreFocus) this.seatButton?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.closeMenu();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Custom states so pages can style the seat (`vr-seat:state(speaking)`) without reaching into the shadow root,
    // and cannot make it claim a state it is not in, as an attribute they could set would.
    const seat = this.seat;
    this.states.toggle('empty', !seat.user);
    this.states.toggle('locked', seat.locked);
    this.states.toggle('muted', seat.user !== null && seat.selfMuted);
    this.states.toggle('audio-locked', seat.audioLocked);
    this.states.toggle('speaking', this.speaking);
    this.states.toggle('mine', seat.user !== null && seat.user.userId === this.me.value?.user.userId);
    this.states.toggle('applied', this.applied);
    this.states.toggle('busy', this.busy);
    this.states.toggle('menu-open', this.menuOpen);
    this.states.toggle('alerting', this.commands.error !== null);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.applyLevel();
    // Keep popups inside the viewport: a seat at the edge shifts its centred menu or bubble inwards.
    const error = this.commands.error;
    if (changed.has('menuOpen' as keyof VrSeat) || error !== this.placedError) {
      this.placedError = error;
      for (const selector of POPOVER ? ['.alert-region'] : ['.menu:not([hidden])', '.alert-region']) {
        const popup = this.shadowRoot?.querySelector<HTMLElement>(selector);
        if (!popup) continue;
        popup.style.setProperty('--_shift', '0px');
        const rect = popup.getBoundingClientRect();
        if (rect.width === 0) continue;
        const margin = 8;
        const overLeft = margin - rect.left;
        const overRight = rect.right - (document.documentElement.clientWidth - margin);
        const shift = overLeft > 0 ? overLeft : overRight > 0 ? -overRight : 0;
        popup.style.setProperty('--_shift', `${Math.round(shift)}px`);
      }
    }
  }

  override render() {
    const seat = this.seat;
    const actions = this.menuOpen ? this.actions : [];
    const context = this.renderContext();
    const menuLabel = msg('seat.menu.label', { n: this.index + 1 });
    return html`
      <div class="wrap" lang=${this.localize.locale}>
        <button
          class="seat focus-ring"
          part="base"
          type="button"
          tabindex=${this.noTabStop ? -1 : 0}
          aria-label=${context.label}
          aria-haspopup="menu"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="menu"
          aria-busy=${context.busy ? 'true' : 'false'}
          @click=${this.onActivate}
          @keydown=${this.onSeatKeyDown}
        >
          <slot>${this.renderSeat ? this.renderSeat(context) : this.renderFace(seat, context)}</slot>
        </button>
        <div
          id="menu"
          class="menu"
          part="menu"
          role="menu"
          aria-label=${menuLabel}
          popover=${POPOVER ? 'manual' : nothing}
          ?hidden=${!POPOVER && !this.menuOpen}
          @keydown=${this.onMenuKeyDown}
          @focusout=${this.onMenuFocusOut}
        >
          ${actions.length === 0
            ? html`<div class="item empty" role="menuitem" tabindex="-1" aria-disabled="true">${msg('seat.menu.none')}</div>`
            : actions.map(
                (action) => html`<button
                  type="button"
                  role="menuitem"
                  tabindex="-1"
                  part="menu-item"
                  class=${classMap({ item: true, danger: DANGER.has(action) })}
                  data-action=${action}
                  @click=${() => this.choose(action)}
                >
                  ${msg(ACTION_LABELS[action])}
                </button>`,
              )}
        </div>
        <div class="alert-region" role="alert">
          ${this.commands.render({
            error: ({ code, message }) => html`<div class="alert" part="alert" data-code=${code}>
              <span>${message}</span>
              <button type="button" class="dismiss focus-ring" aria-label=${msg('alert.dismiss')} @click=${this.dismissError}>×</button>
            </div>`,
          })}
        </div>
      </div>
    `;
  }

  // Initials, the role tag and the seat number are drawn as generated content: they are decoration already covered by the
  // button's label, and as text they would make the visible text disagree with the accessible name (WCAG 2.5.3).
  private renderFace(seat: Seat, context: SeatRenderContext) {
    const user = seat.user;
    const number = html`<span
      class=${classMap({ number: true, 'of-user': user !== null || context.applied })}
      part="number"
      data-n=${formatNumber(this.index + 1)}
    ></span>`;
    let avatar;
    if (user) {
      const showImage = user.avatarUrl !== '' && this.avatarFailed !== user.avatarUrl;
      avatar = showImage
        ? html`<img src=${user.avatarUrl} alt="" draggable="false" @error=${() => (this.avatarFailed = user.avatarUrl)} />`
        : html`<span class="initials" data-initials=${initialsOf(user.userName)} style=${styleMap({ '--vr-hue': String(hueOf(user.userId)) })}></span>`;
    } else {
      avatar = html`<span class="placeholder">${seat.locked ? lockIcon : plusIcon}</span>`;
    }
    const roleKey = context.role === 'owner' ? 'seat.role.owner' : context.role === 'admin' ? 'seat.role.admin' : null;
    return html`
      <span class="face" aria-hidden="true">
        <span class="avatar-box">
          <span class="glow" part="glow"></span>
          <span class="ring" part="ring"></span>
          <span class="ripple"></span>
          <span class="avatar" part="avatar">${avatar}</span>
          ${context.busy ? html`<span class="busy"><span class="spinner"></span></span>` : nothing}
          ${roleKey ? html`<span class="role ${context.role}" part="role" data-label=${msg(roleKey)}></span>` : nothing}
          ${seat.audioLocked
            ? html`<span class="badge audio-locked" part="badge">${micLockIcon}</span>`
            : user && seat.selfMuted
              ? html`<span class="badge muted" part="badge">${micOffIcon}</span>`
              : nothing}
        </span>
        <span class="caption">
          ${number}
          <span class=${classMap({ name: true, state: user === null && !context.applied })} part="name"
            >${user ? html`<bdi>${user.userName}</bdi>` : context.applied ? msg('seat.applied') : seat.locked ? msg('seat.locked') : msg('seat.empty')}</span
          >
        </span>
      </span>
    `;
  }

  private renderContext(): SeatRenderContext {
    const seat = this.seat;
    return {
      seat,
      index: this.index,
      level: this.level,
      speaking: this.speaking,
      mine: seat.user !== null && seat.user.userId === this.me.value?.user.userId,
      role: seat.user ? this.roleOf(seat.user.userId) : null,
      busy: this.busy,
      applied: this.applied,
      label: this.label,
    };
  }

  private speaksAt(level: number): boolean {
    const seat = this.seat;
    return seat.user !== null && !seat.selfMuted && !seat.audioLocked && level > this.speakingThreshold;
  }

  /**
   * The level reaches the page as `--vr-level` on the glow only, whose styles turn it into opacities of layers
   * that are already rasterized: a level update restyles one element and repaints nothing.
   */
  private applyLevel(): void {
    const glow = this.renderRoot.querySelector<HTMLElement>('.glow');
    glow?.style.setProperty('--vr-level', String(Math.max(0, Math.min(100, this.level))));
  }

  private roleOf(userId: string): Role {
    if (this.info.value?.owner.userId === userId) return 'owner';
    return this.admins.value.includes(userId) ? 'admin' : 'member';
  }

  private async intent(action: SeatAction, event: Event, command: ((room: Room) => Promise<unknown>) | null): Promise<boolean> {
    const room = this.activeRoom;
    const outcome = await this.commands.run(action, {
      intent: () => event,
      command: command && room ? () => command(room) : null,
      onError: ({ code, message }) => this.dispatchEvent(new VrSeatErrorEvent({ index: this.index, action, code, message })),
    });
    // An action with a command but no room to run it in did nothing.
    return outcome.status === 'complete' && (command === null || room !== undefined);
  }

  private dismissError = (): void => this.commands.dismiss();

  private choose(action: SeatAction): void {
    this.closeMenu(true);
    void this.perform(action);
  }

  private onActivate = (): void => {
    if (this.menuOpen) {
      this.closeMenu();
      return;
    }
    const event = new VrSeatSelectEvent({ index: this.index, seat: this.seat });
    if (this.dispatchEvent(event)) this.openMenu();
  };

  private onSeatKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.menuOpen) {
      event.preventDefault();
      event.stopPropagation();
      this.closeMenu(true);
      return;
    }
    // ArrowDown on a seat whose menu is open goes into the menu, as in a menu button.
    if (event.key === 'ArrowDown' && this.menuOpen) {
      event.preventDefault();
      event.stopPropagation();
      this.menuItems()[0]?.focus();
    }
  };

  private onMenuKeyDown = (event: KeyboardEvent): void => {
    const items = this.menuItems();
    const current = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    let next = -1;
    switch (event.key) {
      case 'ArrowDown':
        next = (current + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (current - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.closeMenu(true);
        return;
      case 'Tab':
        this.closeMenu();
        return;
      default:
        return;
    }
    // Arrow keys inside the menu belong to the menu, not to the grid's roving focus.
    event.preventDefault();
    event.stopPropagation();
    items[next]?.focus();
  };

  private onMenuFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (to && this.shadowRoot?.contains(to)) return;
    // Focus left for somewhere else on the page: the menu is done, but do not pull focus back.
    if (to) this.closeMenu();
  };

  private onDocumentPointerDown = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this)) this.closeMenu();
  };

  private menuItems(): HTMLElement[] {
    return [...(this.shadowRoot?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  }

  private menuElement(): HTMLElement | null {
    return this.shadowRoot?.querySelector<HTMLElement>('.menu') ?? null;
  }

  /** Puts the menu under the seat (above it when there is no room below), kept inside the viewport. */
  private placeMenu = (): void => {
    const menu = this.menuElement();
    if (!menu || !this.menuOpen || !POPOVER) return;
    const anchor = (this.seatButton ?? this).getBoundingClientRect();
    const { offsetWidth: width, offsetHeight: height } = menu;
    const viewportWidth = document.documentElement.clientWidth;
    const viewportHeight = window.innerHeight;
    const margin = 8;
    const left = Math.min(Math.max(margin, anchor.left + anchor.width / 2 - width / 2), Math.max(margin, viewportWidth - width - margin));
    const below = anchor.bottom + 4;
    const above = anchor.top - height - 4;
    const top = below + height + margin <= viewportHeight || above < margin ? below : above;
    menu.style.setProperty('--_left', `${Math.round(left)}px`);
    menu.style.setProperty('--_top', `${Math.round(top)}px`);
    menu.toggleAttribute('data-above', top === above);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-seat': VrSeat;
  }
}
