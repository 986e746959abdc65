import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  ErrorCode,
  type LiveInfo,
  type Me,
  type PendingCounts,
  type Seat,
  type SeatAction,
  type SeatRequest,
  anyPendingIn,
  seatActions,
  seatPendingKeys,
  RoomError,
  takeBecomesApplication,
} from '../../src/index.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { IntentController, commandFailure } from '../controllers/intent-controller.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { MenuController } from '../controllers/menu-controller.js';
import type { PopupShift } from '../controllers/menu-open.js';
import { VrSeatErrorEvent } from '../events/seat-error.js';
import { VrSeatSelectEvent } from '../events/seat-select.js';
import { type SeatRenderContext, type SeatRenderer, seatContext, seatFace, unknownSeat } from './face.js';
import { seatIntent } from './intents.js';
import { styles } from './seat.styles.js';

// Which actions a seat offers is a rule (src/rules/seat-actions.ts); re-exported here, where the element's API always had it.
export { SeatAction } from '../../src/index.js';

export type { SeatRenderContext, SeatRenderer } from './face.js';

const EMPTY_SEATS: readonly Seat[] = [];
const EMPTY_LIST: readonly string[] = [];
const NOBODY: Me | null = null;

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
    return this.#currentLevel;
  }
  set level(value: number) {
    const old = this.#currentLevel;
    if (value === old) return;
    this.#currentLevel = value;
    if (
      this.hasUpdated &&
      !this.isUpdatePending &&
      !this.renderSeat &&
      this.#speaksAt(value) === this.#states.has('speaking')
    ) {
      this.#applyLevel();
    } else {
      this.requestUpdate('level', old);
    }
  }
  #currentLevel = 0;

  /** Level above which the occupant counts as speaking. */
  @property({ type: Number, attribute: 'speaking-threshold' }) speakingThreshold = 10;

  /** `tile`: avatar above name (grids); `row`: avatar beside name (lists). */
  @property({ reflect: true }) variant: 'tile' | 'row' = 'tile';

  /** Takes the seat out of the tab order (the grid moves a single tab stop with the arrow keys). */
  @property({ type: Boolean, attribute: 'no-tab-stop' }) noTabStop = false;

  /** Draws the seat's face instead of the default avatar/name; the seat keeps button, menu and labels. */
  @property({ attribute: false }) renderSeat: SeatRenderer | undefined;

  @state() private avatarFailed = '';

  @query('button.seat') private seatButton!: HTMLButtonElement;

  /** What the seat shows, for styles (`vr-seat:state(speaking)`): set by the seat alone, never by a page. */
  readonly #states = new HostStates(this.attachInternals());

  readonly #seats = this.observe((room) => room.seats$, EMPTY_SEATS);
  readonly #me = this.observe((room) => room.me$, NOBODY);
  readonly #info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  readonly #admins = this.observe((room) => room.admins$, EMPTY_LIST);
  readonly #pending = this.observe((room) => room.pending$, {} as PendingCounts);
  readonly #application = this.observe((room) => room.myApplication$, null as SeatRequest | null);
  /** This seat's own commands: busy while in flight, the error bubble when one fails. */
  readonly #commands = new IntentController(this);
  /**
   * The menu's and the error bubble's template, styles and strings, and Floating UI with them: one chunk, fetched
   * when the browser is idle after the seat rendered, or by the first menu opened (menu.ts).
   */
  readonly #menuPart = new LazyPart(this, () => VrSeat.importMenu());
  /** The action menu: opening, placing, keyboard, closing. */
  readonly #menu = new MenuController(
    this,
    () => this.seatButton,
    this.#menuPart,
    (error) =>
      // The menu could not come (offline for a moment): the seat says so where it says failures; the next open tries again.
      this.#commands.showFailure(commandFailure('menu', new RoomError(ErrorCode.CONNECTION_LOST, String(error)))),
  );
  /**
   * A seat at the viewport's edge shifts its centred bubble inwards (and its menu, where it is not a popover): made
   * with the part, which draws them.
   */
  #popups: PopupShift | undefined;
  /** The failure whose showing last fetched the part (see `updated`). */
  #fetchedFor: unknown = null;

  /**
   * Imports the menu's part. A static only so a test can hold it back or make one fetch fail.
   * @internal
   */
  static importMenu = () => import('./menu.js');

  /** The seat as the store has it (an empty, unlocked seat until the room says otherwise). */
  get seat(): Seat {
    return this.#seats.value[this.index] ?? unknownSeat(this.index);
  }

  /** The actions the menu offers right now, in menu order. */
  get actions(): SeatAction[] {
    const me = this.#me.value;
    const info = this.#info.value;
    if (!me || !info) return [];
    const room = { info, seats: this.#seats.value, admins: this.#admins.value };
    return seatActions(room, { userId: me.user.userId, applying: this.#application.value !== null }, this.index);
  }

  get speaking(): boolean {
    return this.#speaksAt(this.level);
  }

  /** A command on this seat is in flight (mine, or any client's that the store reports pending). */
  get busy(): boolean {
    return (
      this.#commands.busy() ||
      anyPendingIn(
        this.#pending.value,
        seatPendingKeys(this.seat, this.#me.value?.user.userId, this.#application.value),
      )
    );
  }

  /** My pending application asks for this seat. */
  get applied(): boolean {
    const app = this.#application.value;
    return app !== null && app.seatIndex === this.index && !this.seat.user;
  }

  /** The accessible name: "Seat 3, Ben, host, speaking, muted". */
  get label(): string {
    return this.#renderContext().label;
  }

  // ---- public intents: each dispatches its cancelable event, then runs the command unless prevented ----

  /** Takes the seat, or applies for it in apply mode. Resolves false when a listener cancelled it or it failed. */
  take(): Promise<boolean> {
    return this.perform('take');
  }

  /** Withdraws my pending application. */
  cancelApplication(): Promise<boolean> {
    return this.perform('cancel-application');
  }

  leave(): Promise<boolean> {
    return this.perform('leave');
  }

  moveHere(): Promise<boolean> {
    return this.perform('move');
  }

  /** Announces the wish to invite someone here; the picker belongs to whoever listens. */
  invite(): Promise<boolean> {
    return this.perform('invite');
  }

  kick(): Promise<boolean> {
    return this.perform('kick');
  }

  lock(locked = true): Promise<boolean> {
    return this.perform(locked ? 'lock' : 'unlock');
  }

  lockAudio(locked = true): Promise<boolean> {
    return this.perform(locked ? 'lock-audio' : 'unlock-audio');
  }

  viewProfile(): Promise<boolean> {
    return this.perform('profile');
  }

  /** Runs a menu action by name (what the menu does on click); a take is an application where the rules say so. */
  async perform(action: SeatAction): Promise<boolean> {
    const info = this.#info.value;
    const me = this.#me.value;
    const takeApplies = info !== null && me !== null && takeBecomesApplication(info.seatMode, me.role);
    if (action === 'take' || action === 'apply') action = takeApplies ? 'apply' : 'take';
    const room = this.activeRoom;
    const mySeat = me?.seatIndex ?? -1;
    const intent = seatIntent(action, {
      index: this.index,
      seat: this.seat,
      mySeat,
      application: this.#application.value,
      takeApplies,
    });
    if (!intent) return false;
    const { event, command } = intent;
    const outcome = await this.#commands.run(action, {
      intent: () => event,
      command: command && room ? () => command(room) : null,
      onError: ({ code, message }) =>
        this.dispatchEvent(new VrSeatErrorEvent({ index: this.index, action, code, message })),
    });
    // An action with a command but no room to run it in did nothing.
    return outcome.status === 'complete' && (command === null || room !== undefined);
  }

  /** Opens the action menu (what activating the seat does, unless `vr-seat-select` is cancelled). */
  openMenu(): void {
    // A menu that could not come before is tried again: its failure goes (and comes back if it fails again).
    if (this.#commands.error?.key === 'menu') this.#commands.dismiss();
    this.#menu.show();
  }

  /** Closes the menu; `restoreFocus` puts focus back on the seat (Escape, or after choosing an action). */
  closeMenu(restoreFocus = false): void {
    this.#menu.hide(restoreFocus);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Custom states so pages can style the seat (`vr-seat:state(speaking)`) without reaching into the shadow root,
    // and cannot make it claim a state it is not in, as an attribute they could set would.
    const seat = this.seat;
    this.#states.toggle('empty', !seat.user);
    this.#states.toggle('locked', seat.locked);
    this.#states.toggle('muted', seat.user !== null && seat.selfMuted);
    this.#states.toggle('audio-locked', seat.audioLocked);
    this.#states.toggle('speaking', this.speaking);
    this.#states.toggle('mine', seat.user !== null && seat.user.userId === this.#me.value?.user.userId);
    this.#states.toggle('applied', this.applied);
    this.#states.toggle('busy', this.busy);
    this.#states.toggle('menu-open', this.#menu.open);
    this.#states.toggle('alerting', this.#commands.error !== null);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#applyLevel();
    const part = this.#menuPart.module;
    if (part) (this.#popups ??= part.seatPopups(this.renderRoot)).follow([this.#menu.open, this.#commands.error]);
    else {
      this.#menuPart.prefetchWhenIdle();
      // A failure to show (a page's own take(), say) before the part came: it brings the bubble, once per failure.
      const failure = this.#commands.error;
      if (failure && failure !== this.#fetchedFor && failure.key !== 'menu') {
        this.#fetchedFor = failure;
        void this.#menuPart.fetch();
      }
    }
  }

  override render() {
    const context = this.#renderContext();
    const open = this.#menu.open;
    const loading = this.#menu.loading;
    const part = this.#menuPart.module;
    const failure = { failedUrl: this.avatarFailed, onError: (url: string) => (this.avatarFailed = url) };
    return html`
      <div class="wrap" lang=${this.localize.locale}>
        <button
          class="seat focus-ring"
          part="base"
          type="button"
          tabindex=${this.noTabStop ? -1 : 0}
          aria-label=${context.label}
          aria-haspopup="menu"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${part ? 'menu' : nothing}
          aria-busy=${context.busy || loading ? 'true' : 'false'}
          @click=${this.#onActivate}
          @keydown=${this.#menu.onTriggerKeyDown}
          @focusout=${this.#menu.onTriggerFocusOut}
        >
          <slot>${this.renderSeat ? this.renderSeat(context) : seatFace(context, failure, loading)}</slot>
        </button>
        ${
          part
            ? part.seatMenu({
                seat: this,
                open,
                onKeyDown: this.#menu.onMenuKeyDown,
                onFocusOut: this.#menu.onMenuFocusOut,
              })
            : nothing
        }
        <div class="alert-region" role="alert">
          ${this.#commands.render({
            // Without the part (its fetch failed) the message still shows and is announced, as plain text.
            error: (failure) =>
              part
                ? part.seatAlert(failure, this.#dismissError)
                : html`<span part="alert" data-code=${failure.code}>${failure.message}</span>`,
          })}
        </div>
      </div>
    `;
  }

  #renderContext(): SeatRenderContext {
    return seatContext({
      seat: this.seat,
      index: this.index,
      level: this.level,
      speaking: this.speaking,
      busy: this.busy,
      applied: this.applied,
      me: this.#me.value?.user.userId,
      owner: this.#info.value?.owner.userId,
      admins: this.#admins.value,
    });
  }

  #speaksAt(level: number): boolean {
    const seat = this.seat;
    return seat.user !== null && !seat.selfMuted && !seat.audioLocked && level > this.speakingThreshold;
  }

  /**
   * The level reaches the page as `--vr-level` on the glow only, whose styles turn it into opacities of layers
   * that are already rasterized: a level update restyles one element and repaints nothing.
   */
  #applyLevel(): void {
    const glow = this.renderRoot.querySelector<HTMLElement>('.glow');
    glow?.style.setProperty('--vr-level', String(Math.max(0, Math.min(100, this.level))));
  }

  #dismissError = (): void => this.#commands.dismiss();

  #onActivate = (): void => {
    if (this.#menu.open) {
      this.closeMenu();
      return;
    }
    const event = new VrSeatSelectEvent({ index: this.index, seat: this.seat });
    if (this.dispatchEvent(event)) this.openMenu();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-seat': VrSeat;
  }
}
