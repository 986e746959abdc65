import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import type {
  ConnectionState,
  LiveInfo,
  Me,
  PendingCounts,
  RequestUpdate,
  RoomPhase,
  SeatRequest,
} from '../../src/index.js';
import { applicationQueue } from '../../src/index.js';
import { avatarStyles } from '../audience-list/avatar.js';
import { loadElement } from '../base/lazy-elements.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { ContextProvider } from '../controllers/context.js';
import { commandFailure } from '../controllers/intent-controller.js';
import { roomContext } from '../context.js';
import { msg, setLocale } from '../i18n/locale.js';
import type { SeatLayout } from '../seat-grid/seat-grid.js';
import { LIVE_ELEMENTS } from './live-tags.js';
import { bottomBar } from './bottom-bar.js';
import { RoomCommands } from './commands.js';
import { roomCover } from './cover.js';
import { header, stage } from './header.js';
import { NO_MIC, micSlice } from './mic.js';
import { RoomNotices } from './notices-part.js';
import { NotesController, type SeatKick, mySeatKicks, toastStack } from './notes.js';
import { RequestPromptController } from './prompt-part.js';
import { type RoomView, type Shown, roomBody } from './screen.js';
import { RoomDialogs, type RoomSheet } from './sheets.js';
import { NO_STATUS, connectionBanner, roomStatus, soundPrompt } from './status.js';
import { styles } from './room.styles.js';

export { RoomView, isNoticePhase } from './screen.js';
export type { RoomSheet } from './sheets.js';

const EMPTY_REQUESTS: readonly SeatRequest[] = [];

/**
 * @summary A complete voice room screen: live info bar, seat grid, barrage, bottom bar, gift effects, and the
 * notices around them, for the host and for listeners.
 *
 * @description Provides its room (`.room`, or one provided from above) to every `vr-*` descendant through the community
 * Context Protocol (`roomContext`), in its own shadow tree and in slotted content alike. The view follows my role
 * (owner/admin get the host view: end or leave, the seat request queue with a badge; members get the listener view:
 * take a seat or apply, leave) and the room phase (a skeleton while joining, full-screen notices once ended, kicked,
 * banned or left; with `leave-after-end` the ended notice counts down and then asks to leave by itself). A lost
 * connection shows a banner; while the browser blocks playback (the room's audio says so, or a voice layer sets
 * `sound-blocked`) an "enable sound" prompt shows. A new application puts a card in front of the owner and admins
 * (announced, answerable in place, its time running out); the applicant is told how it went (approved, declined,
 * expired), and a speaker taken off a seat is told so.
 *
 * What the room shows is exposed as custom states, never as attributes a page could set: style it with
 * `vr-room:state(phase-live)`, `vr-room:state(view-host)` and so on (see the states below); read it from
 * `phase`, `connection` and `view`.
 *
 * The composed elements are referenced by tag only (`<vr-live-info>`, `<vr-audience-list>`, `<vr-barrage>`,
 * `<vr-like-button>`, `<vr-gift-panel>`, `<vr-seat-requests>`, `<vr-gift-player>`): register them (the
 * `voiceroom-kit/components` entry does) or replace their regions through the slots.
 *
 * Phone widths stack seats above the barrage; from 900px of width the barrage sits beside the seats.
 *
 * @fires vr-room-leave - Leave the room (listener close button, or the notice's button). Cancelable.
 * @fires vr-room-end - The owner confirmed ending the live. Cancelable.
 * @fires vr-room-retry - "Try again" on the notice of a start or join that failed. Cancelable.
 * @fires vr-room-takeover - "Use here" while the room is open in another tab or window of mine. Cancelable.
 * @fires vr-mic-mute - Self-mute or unmute while seated. Cancelable.
 * @fires vr-seat-take - Take (or apply for) the first free seat from the bottom bar. Cancelable.
 * @fires vr-request-cancel - Withdraw my application from the bottom bar. Cancelable.
 * @fires vr-request-respond - Approve or reject an application from the owner/admin prompt. Cancelable.
 * @fires vr-sound-enable - The "enable sound" prompt was pressed. Cancelable.
 * @fires vr-command-error - One of the commands above failed (detail: key, code, message); the room shows the message too.
 *
 * @slot - Extra content over the room (positioned by the page).
 * @slot background - Replaces the backdrop (an image or video; it is stretched to cover the room).
 * @slot header - Replaces the top bar (live info, audience, leave/end).
 * @slot footer - Replaces the bottom bar (mic, like, gifts, requests).
 * @slot sound - Replaces the "enable sound" prompt shown while playback is blocked.
 * @slot notice - Replaces the content of the ended/kicked/banned/left/failed notice.
 *
 * @csspart base - The room's layout box.
 * @csspart header - The top bar.
 * @csspart stage - Seats and barrage.
 * @csspart seats - The seat area.
 * @csspart barrage - The barrage area.
 * @csspart footer - The bottom bar.
 * @csspart control - Each bottom bar button.
 * @csspart mic - The microphone button.
 * @csspart leave - The leave/end button.
 * @csspart badge - The request count badge.
 * @csspart banner - The connection banner.
 * @csspart sheet - The bottom sheet (gifts, requests).
 * @csspart dialog - The end confirmation.
 * @csspart notice - The full-screen notice.
 * @csspart detail - The failed notice's line with the error's message and code.
 * @csspart countdown - The ended notice's "going back in N s" line (with `leave-after-end`).
 * @csspart skeleton - The joining placeholder.
 * @csspart request-prompt - The owner/admin card for the oldest waiting application: approve, reject, all requests.
 * @csspart avatar - The applicant's avatar in the prompt.
 * @csspart note - A short note about something that happened to me: how my request went, taken off my seat.
 *
 * @cssstate phase-idle - No room yet, or not joined (one `phase-*` state at a time, the room's phase).
 * @cssstate phase-joining - Joining: the skeleton shows.
 * @cssstate phase-live - In the room.
 * @cssstate phase-ended - The live ended (its notice shows).
 * @cssstate phase-left - I left.
 * @cssstate phase-kicked - I was removed from the room.
 * @cssstate phase-banned - I was banned from the room.
 * @cssstate phase-failed - The start or join failed (its notice offers to try again).
 * @cssstate connection-idle - Not connected yet (one `connection-*` state at a time, the room's connection).
 * @cssstate connection-connecting - Connecting.
 * @cssstate connection-connected - Connected.
 * @cssstate connection-reconnecting - Connection lost, reconnecting (the banner shows).
 * @cssstate connection-disconnected - Connection lost for good (the banner shows).
 * @cssstate view-host - The owner/admin face (end or leave, the request queue).
 * @cssstate view-listener - Everyone else's face (take a seat or apply, leave).
 * @cssstate sound-blocked - The browser blocks playback: the "enable sound" prompt shows.
 * @cssstate own-background - The page slots its own background.
 *
 * @cssproperty --vr-room-background - The room's backdrop (any `background` value).
 * @cssproperty --vr-room-max-width - Widest the content grows on large screens (default 1240px).
 * @cssproperty --vr-room-barrage-width - Width of the barrage column beside the seats on wide screens (default 360px).
 * @cssproperty --vr-room-glass-blur - Backdrop filter of the bars' glass controls and pills (default: none over the
 *   room's own backdrop, where a blur would change nothing visible; a blur over a slotted background).
 */
@customElement('vr-room')
export class VrRoom extends VrElement {
  static override styles = [avatarStyles, styles];

  /** A UI language for the whole kit (`en`, `zh-CN`); unset keeps the current one. */
  @property({ reflect: true }) locale: string | undefined;

  /**
   * Set by a voice layer of the page's own while the browser blocks audio playback until a user gesture (the room's
   * own audio reports it without this); pressing "enable sound" clears it unless `vr-sound-enable` is cancelled.
   */
  @property({ type: Boolean, reflect: true, attribute: 'sound-blocked' }) soundBlocked = false;

  /** Layout of the seat grid (see `<vr-seat-grid>`). */
  @property({ attribute: 'seat-layout' }) seatLayout: SeatLayout = 'grid';

  /**
   * Audio level per seat index, 0–100, passed to the seat grid (the voice layer feeds it). Handed straight to the
   * grid without re-rendering the room: levels change 10×/s per seat, nothing else here depends on them.
   */
  get levels(): Readonly<Record<number, number>> {
    return this.#levels;
  }
  set levels(levels: Readonly<Record<number, number>>) {
    this.#levels = levels;
    const grid = this.renderRoot?.querySelector('vr-seat-grid');
    if (grid) grid.levels = levels;
  }
  /** The latest levels by seat index, 0–100 (what the grid gets when the stage renders again). */
  #levels: Readonly<Record<number, number>> = {};

  /**
   * Seconds the "live has ended" notice stays before the room asks to leave by itself (`vr-room-leave` with
   * `auto: true`, as if "Back to rooms" was pressed), so nobody is left on a dead screen; 0 waits for the button.
   */
  @property({ type: Number, attribute: 'leave-after-end' }) leaveAfterEnd = 0;

  /** The view on show (`:state(view-*)` for page styles): `host` for owner/admin, `listener` otherwise. */
  get view(): RoomView {
    return this.#shown.view;
  }

  /** The room phase on show (`:state(phase-*)`): idle, joining, live, ended, left, kicked, banned, failed. */
  get phase(): RoomPhase {
    return this.#shown.phase;
  }

  /** The connection on show (`:state(connection-*)`): idle, connecting, connected, reconnecting, disconnected. */
  get connection(): ConnectionState {
    return this.#shown.connection;
  }

  readonly #provider = new ContextProvider(this, roomContext);
  /** Output-only state for styles (`:state(phase-live)`…): the room says what it shows, a page cannot set it. */
  readonly #states = new HostStates(this.attachInternals());
  /** What the last update showed: the getters above and the custom states. */
  #shown: Shown = { phase: 'idle', connection: 'idle', view: 'listener', soundPrompt: false };

  readonly #status = this.observe(roomStatus, NO_STATUS);
  readonly #me = this.observe((room) => room.me$, null as Me | null);
  readonly #info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  /** What the microphone button offers, from my seat, my application and the first seat I could take. */
  readonly #mic = this.observe(micSlice, NO_MIC);
  readonly #requests = this.observe((room) => room.requests$, EMPTY_REQUESTS);
  readonly #application = this.observe((room) => room.myApplication$, null as SeatRequest | null);
  readonly #invitation = this.observe((room) => room.myInvitation$, null as SeatRequest | null);
  readonly #pending = this.observe((room) => room.pending$, {} as PendingCounts);
  readonly #requestNews = this.observe((room) => room.requestUpdates$, null as RequestUpdate | null);
  readonly #seatKick = this.observe(mySeatKicks, null as SeatKick | null);

  /** My own commands from the room's controls: their intents, busy keys, and the error toast when one fails. */
  readonly #commands = new RoomCommands(this, {
    room: () => this.activeRoom,
    status: () => this.#status.value,
    mic: () => this.#mic.value,
    pending: () => this.#pending.value,
  });
  /** The bottom sheet (gifts, requests) and the owner's end confirmation. */
  readonly #dialogs = new RoomDialogs(this, () => this.renderRoot);
  /** How a request of mine went, being taken off my seat: one note at a time; the toast is a chunk of its own. */
  readonly #notes = new NotesController(this, {
    requestUpdate: () => this.#requestNews.value,
    seatKick: () => this.#seatKick.value,
    me: () => this.#me.value?.user.userId ?? this.activeRoom?.user.userId ?? '',
    panelOpen: () => this.#dialogs.sheet.value === 'requests',
    live: () => this.phase === 'live',
    importer: () => VrRoom.importNotes(),
  });
  /** Which waiting application the owner/admin prompt shows, and its answers; the card is a chunk of its own. */
  readonly #prompt = new RequestPromptController(this, () => applicationQueue(this.#requests.value), {
    importer: () => VrRoom.importPrompt(),
    receives: () => this.view === 'host' && this.phase === 'live',
    due: () => this.view === 'host' && this.openSheet !== 'requests',
    busy: ({ requestId }) => this.#commands.answering(requestId),
    respond: (request, accept) => void this.respond(request, accept),
    showAll: () => this.showSheet('requests'),
    now: () => this.roomNow(),
  });
  /** The notices, the end confirmation and the sheet: a chunk of their own, fetched when idle or when one is due. */
  readonly #notices = new RoomNotices(this, {
    importer: () => VrRoom.importNotices(),
    confirming: () => this.#dialogs.confirm.value !== null || this.#dialogs.sheet.value !== null,
    confirmFailed: (error) => {
      this.#commands.intents.showFailure(commandFailure(this.#dialogs.confirm.value ? 'end' : 'sheet', error));
      this.#dialogs.confirm.close();
      this.#dialogs.sheet.close();
    },
  });

  /** @internal Imports the notices' chunk (a static so a test can make a fetch fail); the next two likewise. */
  static importNotices = () => import('./notices.js');
  /** @internal */ static importPrompt = () => import('./request-prompt.js');
  /** @internal */ static importNotes = () => import('./note-toast.js');

  /** Applications waiting for an owner/admin (what the requests badge counts). */
  get waitingApplications(): number {
    return applicationQueue(this.#requests.value).length;
  }

  /** The application the owner/admin prompt shows (the oldest one waiting that was not hidden), or null. */
  get promptedApplication(): SeatRequest | null {
    return this.#prompt.shown;
  }

  /** The sheet that is open, if any. */
  get openSheet(): RoomSheet | null {
    return this.#dialogs.sheet.value;
  }

  // ---- public intents ----

  /** Opens a bottom sheet (gifts; requests for owner/admin, or a listener with an invitation). */
  showSheet(sheet: RoomSheet): void {
    this.#dialogs.sheet.open(sheet);
  }

  closeSheet(): void {
    this.#dialogs.sheet.close();
  }

  /** Approves or rejects an application from the prompt: a cancelable `vr-request-respond`, then the command. */
  respond(request: SeatRequest, accept: boolean): Promise<boolean> {
    return this.#commands.respond(request, accept);
  }

  /** Closes the prompt for the applications waiting now; a newer application brings it back. */
  hidePrompt(): void {
    this.#prompt.hide();
  }

  /** Leaves the room after a cancelable `vr-room-leave`; resolves false if cancelled or failed. */
  leave(options: { auto?: boolean } = {}): Promise<boolean> {
    return this.#commands.leave(options.auto === true);
  }

  /** "Try again" after a failed start/join: a cancelable `vr-room-retry`, then `room.retry()`. */
  retry(): Promise<boolean> {
    return this.#commands.retry();
  }

  /** "Use here" while another tab of mine has the room: a cancelable `vr-room-takeover`, then `room.takeOver()`. */
  takeOver(): Promise<boolean> {
    return this.#commands.takeOver();
  }

  /** Asks the owner to confirm ending the live (the dialog's confirm button calls `end()`). */
  requestEnd(): void {
    this.#dialogs.confirm.open(true);
  }

  /** Ends the live after a cancelable `vr-room-end` (no confirmation: that is `requestEnd()`). */
  end(): Promise<boolean> {
    this.#dialogs.confirm.close();
    return this.#commands.end();
  }

  /** What the microphone button does now: toggle self-mute when seated; take/apply/cancel otherwise. */
  toggleMic(): Promise<boolean> {
    return this.#commands.toggleMic();
  }

  /** The "enable sound" prompt: tells the voice layer, then hides the prompt unless cancelled. */
  enableSound(): boolean {
    const enabled = this.#commands.enableSound();
    if (enabled) this.soundBlocked = false;
    return enabled;
  }

  constructor() {
    super();
    // The room's levels, one per seat in seat order, go the same way as the page's.
    this.watch(
      (room) => room.levels$,
      (levels) => (this.levels = Object.fromEntries(levels.map((level, index) => [index, level]))),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The room already, not only from the first update: content connecting with this element asks now, and one
    // that asks without subscribing (@lit/context's default) would keep an undefined room.
    this.#provider.setValue(this.activeRoom);
    for (const tag of LIVE_ELEMENTS) void loadElement(tag);
  }

  /**
   * Another room: the note about what happened to me in the last one goes, with one still waiting for its chunk
   * (which would show it here for its full time once it came).
   */
  protected override roomChanged(): void {
    this.#notes.reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('locale') && this.locale) void setLocale(this.locale).catch(() => undefined); // offline: stays as it was
    this.#provider.setValue(this.activeRoom);
    const status = this.#status.value;
    const { phase, connection } = status;
    // My role picks the view; playback is blocked when the room's audio says so or `soundBlocked` (a voice layer's).
    const view = (this.#me.value?.role ?? 'member') === 'member' ? 'listener' : 'host';
    const blocked = (this.soundBlocked || status.soundBlocked) && phase === 'live';
    this.#shown = { phase, connection, view, soundPrompt: blocked };
    this.#states.choose('phase', phase);
    this.#states.choose('connection', connection);
    this.#states.choose('view', view);
    this.#states.toggle('sound-blocked', blocked);
    this.#dialogs.follow({ view, phase, invitation: this.#invitation.value, application: this.#application.value });
    this.#commands.autoLeave.follow(phase === 'ended', this.leaveAfterEnd);
    const body = roomBody(this.activeRoom !== undefined, status, this.#info.value !== null);
    this.#notices.follow(body);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#notices.prefetch();
  }

  override render() {
    const status = this.#status.value;
    const info = this.#info.value;
    const body = roomBody(this.activeRoom !== undefined, status, info !== null);
    const { autoLeave, intents, actions } = this.#commands;
    const owner = this.#me.value?.role === 'owner';
    const cover = {
      owner,
      info,
      autoLeaveIn: autoLeave.left,
      failure: status.failure,
      takingOver: intents.busy('takeover'),
    };
    return html`
      <div class="backdrop" part="background" aria-hidden="true"><slot name="background" @slotchange=${this.#onBackgroundChange}></slot></div>
      <section
        class=${classMap({ base: true, [this.view]: true })}
        part="base"
        lang=${this.localize.locale}
        aria-label=${info?.name ? msg('room.label', { name: info.name }) : msg('room.seats')}
      >
        ${connectionBanner(status)} ${this.#shown.soundPrompt ? soundPrompt(this.#onEnableSound) : nothing}
        ${body === 'live' ? this.#renderLive(owner) : roomCover(body, status.phase, cover, actions, this.#notices)}
      </section>
      <slot></slot>
    `;
  }

  /** The room while I am in it: top bar, seats and barrage, the toasts, the bottom bar, gift effects, the dialogs. */
  #renderLive(owner: boolean) {
    const { intents, actions } = this.#commands;
    const loading = this.#dialogs.loading(this.#notices.module);
    const busy = this.#commands.leaving(owner);
    return html`
      ${header({ owner, busy, loading: loading === 'end', leave: actions.leave, requestEnd: this.#dialogs.requestEnd })}
      ${stage(this.seatLayout, this.#levels)}
      ${toastStack({
        prompt: this.#prompt.render(),
        note: this.#notes.render(),
        error: intents.error,
        dismissError: intents.dismiss,
      })}
      ${bottomBar({
        mic: this.#mic.value.action,
        micBusy: this.#commands.micBusy(),
        manager: this.view === 'host',
        waiting: this.waitingApplications,
        toggleMic: actions.toggleMic,
        loading,
        showRequests: this.#dialogs.showRequests,
        showGifts: this.#dialogs.showGifts,
      })}
      <vr-gift-player class="player"></vr-gift-player>
      ${this.#dialogs.render(owner, intents.busy('end'), this.#onEnd, this.#notices.module)}
    `;
  }

  // ---- event handlers ----

  #onEnd = (): void => void this.end();
  #onEnableSound = (): void => void this.enableSound();

  /** The glass controls blur only a background the page brings (see the styles). */
  #onBackgroundChange = (event: Event): void => {
    this.#states.toggle('own-background', (event.target as HTMLSlotElement).assignedNodes().length > 0);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-room': VrRoom;
  }
}
