import { ContextProvider } from '@lit/context';
import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import { combineLatest, distinctUntilChanged, filter, map } from 'rxjs';
import type { ConnectionState, LiveInfo, Me, PendingCounts, PendingKey, RequestUpdate, RoomError, RoomEvent, RoomPhase, Seat, SeatRequest } from '../../src/index.js';
import { ErrorCode, firstFreeSeat, isPendingIn, pendingKey, takeBecomesApplication } from '../../src/index.js';
import { avatar, avatarStyles } from '../audience-list/avatar.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { roomContext } from '../context.js';
import { IntentController } from '../controllers/intent-controller.js';
import { VrMicMuteEvent } from '../events/mic-mute.js';
import { VrRequestCancelEvent } from '../events/request-cancel.js';
import { VrRequestRespondEvent } from '../events/request-respond.js';
import { VrRoomEndEvent } from '../events/room-end.js';
import { VrRoomLeaveEvent } from '../events/room-leave.js';
import { VrRoomRetryEvent } from '../events/room-retry.js';
import { VrRoomTakeoverEvent } from '../events/room-takeover.js';
import { VrSeatTakeEvent } from '../events/seat-take.js';
import { VrSoundEnableEvent } from '../events/sound-enable.js';
import { errorText, formatNumber, msg, msgIsolated, setLocale } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';
import type { SeatLayout } from '../seat-grid/seat-grid.js';
import { requestNotice } from '../seat-requests/request-notice.js';
import {
  alertIcon, blockedIcon, closeIcon, tabsIcon, endedIcon, exitIcon, giftIcon, handIcon, micIcon, micOffIcon, powerIcon, requestsIcon, soundIcon, wifiOffIcon,
} from './icons.js';
import { styles } from './room.styles.js';

/** Which face of the room I get: owners and admins run it, everyone else listens. */
export const RoomView = {
  host: 'host',
  listener: 'listener',
} as const;
export type RoomView = (typeof RoomView)[keyof typeof RoomView];

/** The bottom sheets the default footer opens. */
export type RoomSheet = 'gifts' | 'requests';

const EMPTY_REQUESTS: readonly SeatRequest[] = [];
/** How long a note (a request's outcome, being taken off a seat) stays; long enough to read twice. */
const NOTE_VISIBLE_MS = 6_000;

/** A short message about something that happened to me, in the toast region above the bottom bar. */
interface Note {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
  readonly tone: 'good' | 'bad' | 'neutral';
}
const NOTICE_PHASES: ReadonlySet<RoomPhase> = new Set<RoomPhase>(['ended', 'kicked', 'banned', 'left', 'failed']);

interface MicState {
  readonly seatIndex: number;
  readonly selfMuted: boolean;
  readonly audioLocked: boolean;
}
const OFF_SEAT: MicState = { seatIndex: -1, selfMuted: false, audioLocked: false };

/**
 * @summary A complete voice room screen: live info bar, seat grid, barrage, bottom bar, gift effects, and the
 * notices around them, for the host and for listeners.
 *
 * @description Provides its room (`.room`, or one provided from above) to every `vr-*` descendant through
 * `@lit/context`, in its own shadow tree and in slotted content alike. The view follows my role (owner/admin get
 * the host view: end or leave, the seat request queue with a badge; members get the listener view: take a seat or
 * apply, leave) and the room phase (a skeleton while joining, full-screen notices once ended, kicked, banned or
 * left; with `leave-after-end` the ended notice counts down and then asks to leave by itself). A lost connection
 * shows a banner; while the browser blocks playback (the room's audio says so, or a voice layer sets
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
    return this.currentLevels;
  }
  set levels(levels: Readonly<Record<number, number>>) {
    this.currentLevels = levels;
    const grid = this.renderRoot?.querySelector('vr-seat-grid');
    if (grid) grid.levels = levels;
  }
  private currentLevels: Readonly<Record<number, number>> = {};

  /**
   * Seconds the "live has ended" notice stays before the room asks to leave by itself (`vr-room-leave` with
   * `auto: true`, as if "Back to rooms" was pressed), so nobody is left on a dead screen; 0 waits for the button.
   */
  @property({ type: Number, attribute: 'leave-after-end' }) leaveAfterEnd = 0;

  /** The view on show (`:state(view-*)` for page styles): `host` for owner/admin, `listener` otherwise. */
  get view(): RoomView {
    return this.shown.view;
  }

  /** The room phase on show (`:state(phase-*)`): idle, joining, live, ended, left, kicked, banned, failed. */
  get phase(): RoomPhase {
    return this.shown.phase;
  }

  /** The connection on show (`:state(connection-*)`): idle, connecting, connected, reconnecting, disconnected. */
  get connection(): ConnectionState {
    return this.shown.connection;
  }

  /** What the last update showed (the getters above and the custom states agree with the screen, never ahead of it). */
  private shown: { phase: RoomPhase; connection: ConnectionState; view: RoomView } = { phase: 'idle', connection: 'idle', view: 'listener' };

  @state() private sheet: RoomSheet | null = null;
  @state() private confirmingEnd = false;
  @state() private note: Note | null = null;
  /** Applications whose prompt I closed: the prompt comes back only for a newer one. */
  @state() private promptHidden: ReadonlySet<string> = new Set();
  /** Seconds left before the ended notice leaves by itself, or null when no countdown runs. */
  @state() private autoLeaveIn: number | null = null;

  @query('dialog.sheet') private sheetDialog!: HTMLDialogElement | null;
  @query('dialog.confirm') private confirmDialog!: HTMLDialogElement | null;

  private readonly provider = new ContextProvider(this, { context: roomContext });
  /** Output-only state for styles (`:state(phase-live)`…): the room says what it shows, a page cannot set it. */
  private readonly states = new HostStates(this.attachInternals());

  private readonly phaseState = this.observe((room) => room.phase$, 'idle' as RoomPhase);
  private readonly failure = this.observe((room) => room.failure$, null as RoomError | null);
  private readonly displaced = this.observe((room) => room.displaced$, false);
  /** The audio transport failed and is being negotiated again (the backend retries with a back-off). */
  private readonly audioFailed = this.observe((room) => room.audio$.pipe(map((a) => a.connection === 'failed'), distinctUntilChanged()), false);
  private readonly connectionState = this.observe((room) => room.connection$, 'idle' as ConnectionState);
  private readonly me = this.observe((room) => room.me$, null as Me | null);
  private readonly info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  private readonly mic = this.observe(
    (room) =>
      room.mySeat$.pipe(
        map((seat): MicState => (seat ? { seatIndex: seat.index, selfMuted: seat.selfMuted, audioLocked: seat.audioLocked } : OFF_SEAT)),
        distinctUntilChanged((a, b) => a.seatIndex === b.seatIndex && a.selfMuted === b.selfMuted && a.audioLocked === b.audioLocked),
      ),
    OFF_SEAT,
  );
  /** The first seat a listener could take from the bottom bar, or -1. */
  private readonly freeSeat = this.observe(
    (room) =>
      combineLatest([room.seats$, room.liveInfo$, room.me$]).pipe(
        // The rules' own choice, so the button never offers the host seat to anyone but the owner.
        map(([seats, info, me]: [readonly Seat[], LiveInfo | null, Me | null]) => (info ? firstFreeSeat({ seats, info }, me?.user.userId) : -1)),
        distinctUntilChanged(),
      ),
    -1,
  );
  private readonly requests = this.observe((room) => room.requests$, EMPTY_REQUESTS);
  private readonly application = this.observe((room) => room.myApplication$, null as SeatRequest | null);
  private readonly invitation = this.observe((room) => room.myInvitation$, null as SeatRequest | null);
  private readonly pending = this.observe((room) => room.pending$, {} as PendingCounts);
  private readonly requestNews = this.observe((room) => room.requestUpdates$, null as RequestUpdate | null);
  /** A host or admin took me off my seat (the seat grid only shows the seat empty). */
  private readonly seatKick = this.observe(
    (room) => room.events$.pipe(filter((e): e is Extract<RoomEvent, { type: 'seat.kicked' }> => e.type === 'seat.kicked' && e.userId === room.user.userId)),
    null as Extract<RoomEvent, { type: 'seat.kicked' }> | null,
  );
  private seenRequestUpdate: RequestUpdate | null = null;
  private seenSeatKick: RoomEvent | null = null;
  private noteTimer: ReturnType<typeof setTimeout> | undefined;
  /** The browser blocks playback until a gesture: show the "enable sound" prompt. */
  private readonly soundBlock = this.observe((room) => room.audio$.pipe(map((a) => a.autoplay === 'blocked'), distinctUntilChanged()), false);
  /** My own commands from the room's controls: busy keys, and the error toast when one fails. */
  private readonly commands = new IntentController(this);
  private autoLeaveTimer: ReturnType<typeof setInterval> | undefined;
  /** The countdown ran (or was cancelled) for this ended room: it does not start again. */
  private autoLeaveDone = false;
  private lastInvitation: string | null = null;

  /** Applications waiting for an owner/admin (what the requests badge counts). */
  get waitingApplications(): number {
    return this.requests.value.filter((r) => r.type === 'apply' && r.status === 'pending').length;
  }

  /** The application the owner/admin prompt shows (the oldest one waiting that was not hidden), or null. */
  get promptedApplication(): SeatRequest | null {
    return this.waitingQueue().find((r) => !this.promptHidden.has(r.requestId)) ?? null;
  }

  /** The sheet that is open, if any. */
  get openSheet(): RoomSheet | null {
    return this.sheet;
  }

  // ---- public intents ----

  /** Opens a bottom sheet (gifts; requests for owner/admin, or a listener with an invitation). */
  showSheet(sheet: RoomSheet): void {
    this.sheet = sheet;
  }

  closeSheet(): void {
    this.sheet = null;
  }

  /** Approves or rejects an application from the prompt: a cancelable `vr-request-respond`, then the command. */
  async respond(request: SeatRequest, accept: boolean): Promise<boolean> {
    const room = this.activeRoom;
    if (!room) return false;
    const detail = { requestId: request.requestId, type: request.type, userId: request.from.userId, accept };
    return this.runCommand(`respond:${request.requestId}`, new VrRequestRespondEvent(detail), () => room.respondRequest(request.requestId, accept));
  }

  /** Closes the prompt for the applications waiting now; a newer application brings it back. */
  hidePrompt(): void {
    this.promptHidden = new Set([...this.promptHidden, ...this.waitingQueue().map((r) => r.requestId)]);
  }

  /** Leaves the room after a cancelable `vr-room-leave`; resolves false if cancelled or failed. */
  async leave(options: { auto?: boolean } = {}): Promise<boolean> {
    const room = this.activeRoom;
    if (!room) return false;
    const phase = this.phaseState.value;
    this.stopAutoLeave();
    const event = new VrRoomLeaveEvent({ roomId: room.roomId, phase, ...(options.auto ? { auto: true } : {}) });
    // While another tab of mine has the room, leaving here only closes this view: that tab is still in it.
    return this.runCommand('leave', event, phase !== 'live' || this.displaced.value ? null : () => room.leave());
  }

  /** "Try again" after a failed start/join: a cancelable `vr-room-retry`, then `room.retry()`. */
  async retry(): Promise<boolean> {
    const room = this.activeRoom;
    const failure = this.failure.value;
    if (!room || this.phaseState.value !== 'failed') return false;
    if (!this.dispatchEvent(new VrRoomRetryEvent({ roomId: room.roomId, code: failure?.code ?? ErrorCode.UNKNOWN }))) return false;
    // The room's own phase and failure say how it went (the skeleton, then the room or this notice again).
    return room.retry().then(() => true, () => false);
  }

  /** "Use here" while another tab of mine has the room: a cancelable `vr-room-takeover`, then `room.takeOver()`. */
  async takeOver(): Promise<boolean> {
    const room = this.activeRoom;
    if (!room || !this.displaced.value) return false;
    return this.runCommand('takeover', new VrRoomTakeoverEvent({ roomId: room.roomId }), () => room.takeOver());
  }

  /** Asks the owner to confirm ending the live (the dialog's confirm button calls `end()`). */
  requestEnd(): void {
    this.confirmingEnd = true;
  }

  /** Ends the live after a cancelable `vr-room-end` (no confirmation: that is `requestEnd()`). */
  async end(): Promise<boolean> {
    const room = this.activeRoom;
    this.confirmingEnd = false;
    if (!room) return false;
    return this.runCommand('end', new VrRoomEndEvent({ roomId: room.roomId }), () => room.end());
  }

  /** What the microphone button does now: toggle self-mute when seated; take/apply/cancel otherwise. */
  async toggleMic(): Promise<boolean> {
    const room = this.activeRoom;
    if (!room) return false;
    const mic = this.mic.value;
    if (mic.seatIndex >= 0) {
      if (mic.audioLocked) return false;
      const muted = !mic.selfMuted;
      return this.runCommand('mic', new VrMicMuteEvent({ muted, seatIndex: mic.seatIndex }), () => room.setSelfMute(muted));
    }
    const app = this.application.value;
    if (app) {
      const event = new VrRequestCancelEvent({ requestId: app.requestId, seatIndex: app.seatIndex });
      return this.runCommand('mic', event, () => room.cancelRequest(app.requestId));
    }
    const index = this.freeSeat.value;
    if (index < 0) return false;
    const apply = this.takeApplies();
    return this.runCommand('mic', new VrSeatTakeEvent({ index, apply }), () => room.takeSeat(index));
  }

  /** The "enable sound" prompt: tells the voice layer, then hides the prompt unless cancelled. */
  enableSound(): boolean {
    const room = this.activeRoom;
    if (!this.dispatchEvent(new VrSoundEnableEvent({ roomId: room?.roomId ?? '' }))) return false;
    this.soundBlocked = false;
    void room?.enableSound();
    return true;
  }

  constructor() {
    super();
    // Speaking levels go straight to the grid (`levels` setter), so the room itself re-renders only once, not 10×
    // a second per seat.
    this.watch((room) => room.levels$, (levels) => (this.levels = Object.fromEntries(levels.map((level, index) => [index, level]))));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.noteTimer);
    this.stopAutoLeave();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('locale') && this.locale) void setLocale(this.locale).catch(() => undefined); // offline: stays as it was
    const room = this.activeRoom;
    if (this.provider.value !== room) this.provider.setValue(room);
    const role = this.me.value?.role ?? 'member';
    this.shown = { phase: this.phaseState.value, connection: this.connectionState.value, view: role === 'member' ? 'listener' : 'host' };
    this.states.choose('phase', this.phase);
    this.states.choose('connection', this.connection);
    this.states.choose('view', this.view);
    this.states.toggle('sound-blocked', this.showsSoundPrompt());
    if (this.view === 'listener' && this.sheet === 'requests' && !this.invitation.value && !this.application.value) this.sheet = null;
    if (this.phase !== 'live') {
      this.sheet = null;
      this.confirmingEnd = false;
    }
    if (this.phase === 'ended' && this.leaveAfterEnd > 0 && this.autoLeaveIn === null && !this.autoLeaveDone) this.startAutoLeave();
    else if (this.phase !== 'ended' && this.autoLeaveIn !== null) this.stopAutoLeave();
    if (this.phase !== 'ended') this.autoLeaveDone = false;
    // An invitation to a seat is answered in the requests sheet: open it when one arrives.
    const invitation = this.invitation.value;
    if (invitation && invitation.status === 'pending' && invitation.requestId !== this.lastInvitation && this.phase === 'live') {
      this.sheet = 'requests';
    }
    this.lastInvitation = invitation?.requestId ?? null;
    const update = this.requestNews.value;
    if (update && update !== this.seenRequestUpdate) {
      this.seenRequestUpdate = update;
      this.noteRequest(update);
    }
    const kick = this.seatKick.value;
    if (kick && kick !== this.seenSeatKick) {
      this.seenSeatKick = kick;
      const n = kick.index + 1;
      this.showNote(kick.data ? { key: 'room.note.seatKickedNote', params: { n, note: kick.data }, tone: 'bad' } : { key: 'room.note.seatKicked', params: { n }, tone: 'bad' });
    }
    // Answered, withdrawn or expired applications leave the hidden set with the queue.
    if (this.promptHidden.size > 0) {
      const waiting = new Set(this.waitingQueue().map((r) => r.requestId));
      if ([...this.promptHidden].some((id) => !waiting.has(id))) this.promptHidden = new Set([...this.promptHidden].filter((id) => waiting.has(id)));
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const sheet = this.sheetDialog;
    if (sheet) {
      if (this.sheet && !sheet.open) sheet.showModal();
      if (!this.sheet && sheet.open) sheet.close();
    }
    const confirm = this.confirmDialog;
    if (confirm) {
      if (this.confirmingEnd && !confirm.open) confirm.showModal();
      if (!this.confirmingEnd && confirm.open) confirm.close();
    }
  }

  override render() {
    const phase = this.phaseState.value;
    const room = this.activeRoom;
    const name = this.info.value?.name ?? '';
    let body;
    if (!room || phase === 'idle' || phase === 'joining' || (phase === 'live' && !this.info.value)) body = this.renderSkeleton();
    else if (NOTICE_PHASES.has(phase)) body = this.renderNotice(phase);
    else if (this.displaced.value) body = this.renderDisplaced();
    else body = this.renderLive();
    return html`
      <div class="backdrop" part="background" aria-hidden="true"><slot name="background" @slotchange=${this.onBackgroundChange}></slot></div>
      <section
        class=${classMap({ base: true, [this.view]: true })}
        part="base"
        lang=${this.localize.locale}
        aria-label=${name ? msg('room.label', { name }) : msg('room.seats')}
      >
        ${this.renderBanner()} ${this.showsSoundPrompt() ? this.renderSoundPrompt() : nothing} ${body}
      </section>
      <slot></slot>
    `;
  }

  // ---- regions ----

  private renderLive() {
    const isOwner = this.me.value?.role === 'owner';
    const manager = this.view === 'host';
    return html`
      <header class="header" part="header" aria-label=${msg('room.header')}>
        <slot name="header">
          <div class="header-info"><vr-live-info></vr-live-info></div>
          <div class="header-side">
            <vr-audience-list></vr-audience-list>
            ${isOwner ? this.renderEndButton() : this.renderLeaveButton()}
          </div>
        </slot>
      </header>
      <div class="stage" part="stage">
        <section class="seats" part="seats" aria-label=${msg('room.seats')}>
          <vr-seat-grid layout=${this.seatLayout} .levels=${this.currentLevels}></vr-seat-grid>
        </section>
        <section class="barrage" part="barrage" aria-label=${msg('room.barrage')}>
          <vr-barrage></vr-barrage>
        </section>
      </div>
      <div class="toast-stack">
        <div class="prompt-region" role="status">${manager && this.sheet !== 'requests' ? this.renderPrompt() : nothing}</div>
        <div class="note-region" role="status">${this.renderNote()}</div>
        <div class="toast-region" role="alert">
          ${this.commands.render({
            error: ({ code, message }) => html`<div class="toast" data-code=${code}>
              <span>${message}</span>
              <button type="button" class="toast-dismiss focus-ring" aria-label=${msg('alert.dismiss')} @click=${this.dismissError}>
                ${closeIcon}
              </button>
            </div>`,
          })}
        </div>
      </div>
      <footer class="footer" part="footer" aria-label=${msg('room.footer')}>
        <slot name="footer">
          ${this.renderMicButton()}
          <div class="controls">
            ${manager ? this.renderRequestsButton() : nothing}
            <button type="button" class="control gift focus-ring" part="control gifts" aria-haspopup="dialog" @click=${() => this.showSheet('gifts')}>
              ${giftIcon}<span class="visually-hidden">${msg('room.gifts')}</span>
            </button>
            <vr-like-button class="like"></vr-like-button>
          </div>
        </slot>
      </footer>
      <vr-gift-player class="player"></vr-gift-player>
      ${this.renderSheet()} ${isOwner ? this.renderConfirm() : nothing}
    `;
  }

  private renderLeaveButton() {
    const busy = this.commands.busy('leave') || this.isPending('room.leave');
    return html`<button
      type="button"
      class="round leave focus-ring"
      part="leave"
      aria-busy=${busy ? 'true' : 'false'}
      ?disabled=${busy}
      @click=${() => void this.leave()}
    >
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : exitIcon}<span class="visually-hidden">${msg('room.leave')}</span>
    </button>`;
  }

  private renderEndButton() {
    const busy = this.commands.busy('end') || this.isPending('room.end');
    return html`<button
      type="button"
      class="round end focus-ring"
      part="leave"
      aria-haspopup="dialog"
      aria-busy=${busy ? 'true' : 'false'}
      ?disabled=${busy}
      @click=${() => this.requestEnd()}
    >
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : powerIcon}<span class="visually-hidden">${msg('room.end')}</span>
    </button>`;
  }

  private renderMicButton() {
    const mic = this.mic.value;
    const app = this.application.value;
    const busy =
      this.commands.busy('mic') ||
      this.isPending('seat.selfMute') ||
      (app !== null && this.isPending(pendingKey.requestCancel(app.requestId))) ||
      (this.freeSeat.value >= 0 && this.isPending(pendingKey.seatTake(this.freeSeat.value)));
    let key: MessageKey;
    let icon = micIcon;
    let tone = 'idle';
    let disabled = busy;
    if (mic.seatIndex >= 0) {
      if (mic.audioLocked) {
        key = 'room.mic.locked';
        icon = micOffIcon;
        tone = 'locked';
        disabled = true;
      } else if (mic.selfMuted) {
        key = 'room.mic.unmute';
        icon = micOffIcon;
        tone = 'muted';
      } else {
        key = 'room.mic.mute';
        tone = 'live';
      }
    } else if (app) {
      key = 'room.mic.cancel';
      icon = handIcon;
      tone = 'applied';
    } else if (this.freeSeat.value < 0) {
      key = 'room.mic.full';
      disabled = true;
    } else {
      const apply = this.takeApplies();
      key = apply ? 'room.mic.apply' : 'room.mic.take';
      icon = apply ? handIcon : micIcon;
    }
    return html`<button
      type="button"
      class="mic focus-ring"
      part="control mic"
      data-tone=${tone}
      aria-busy=${busy ? 'true' : 'false'}
      ?disabled=${disabled}
      @click=${() => void this.toggleMic()}
    >
      <span class="mic-icon">${busy ? html`<span class="spinner" aria-hidden="true"></span>` : icon}</span>
      <span class="mic-label">${msg(key)}</span>
    </button>`;
  }

  private renderRequestsButton() {
    const count = this.waitingApplications;
    return html`<button
      type="button"
      class="control requests focus-ring"
      part="control requests"
      aria-haspopup="dialog"
      @click=${() => this.showSheet('requests')}
    >
      ${requestsIcon}
      <span class="visually-hidden">${count > 0 ? msg('room.requests.count', { n: count }) : msg('room.requests')}</span>
      ${count > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${formatNumber(Math.min(count, 99))}${count > 99 ? '+' : ''}</span>` : nothing}
    </button>`;
  }

  /**
   * For the owner and admins: the oldest waiting application as a card above the bottom bar, announced politely,
   * answerable in place, with its time running out as a bar. A 60 s request must not hide behind a small badge.
   */
  private renderPrompt() {
    const request = this.promptedApplication;
    if (!request) return nothing;
    const waiting = this.waitingQueue().length;
    const name = request.from.userName;
    const busy = this.commands.busy(`respond:${request.requestId}`) || this.isPending(pendingKey.requestRespond(request.requestId));
    const now = this.roomNow();
    const timer =
      request.expiresAt !== null && request.expiresAt > now
        ? keyed(request.requestId, html`<span class="prompt-timer" aria-hidden="true" style=${styleMap({
            '--_left': String(Math.min(1, (request.expiresAt - now) / Math.max(1, request.expiresAt - request.createdAt))),
            'animation-duration': `${request.expiresAt - now}ms`,
          })}></span>`)
        : nothing;
    return html`<div class="prompt" part="request-prompt" data-request=${request.requestId} aria-busy=${busy ? 'true' : 'false'}>
      ${avatar(request.from)}
      <div class="prompt-text">
        <p class="prompt-title">${msgIsolated('room.prompt.title', { name })}</p>
        <p class="prompt-meta">
          ${request.seatIndex === null ? msg('requests.wantsAny') : msg('requests.wantsSeat', { n: request.seatIndex + 1 })}${waiting > 1
            ? html` · <button type="button" class="prompt-all focus-ring" @click=${() => this.showSheet('requests')}>${msg('room.prompt.more', { n: waiting - 1 })}</button>`
            : nothing}
        </p>
      </div>
      <div class="prompt-actions">
        <button type="button" class="prompt-button reject focus-ring" data-action="reject" ?disabled=${busy}
          aria-label=${msg('requests.rejectUser', { name })} @click=${() => void this.respond(request, false)}>${msg('requests.reject')}</button>
        <button type="button" class="prompt-button approve focus-ring" data-action="approve" ?disabled=${busy}
          aria-label=${msg('requests.approveUser', { name })} @click=${() => void this.respond(request, true)}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('requests.approve')}
        </button>
      </div>
      <button type="button" class="toast-dismiss prompt-hide focus-ring" aria-label=${msg('alert.dismiss')} @click=${() => this.hidePrompt()}>${closeIcon}</button>
      ${timer}
    </div>`;
  }

  private renderNote() {
    const note = this.note;
    if (!note) return nothing;
    return html`<div class="note" part="note" data-tone=${note.tone}>
      <span>${msgIsolated(note.key, note.params)}</span>
      <button type="button" class="toast-dismiss focus-ring" aria-label=${msg('alert.dismiss')} @click=${this.dismissNote}>${closeIcon}</button>
    </div>`;
  }

  private renderSheet() {
    const sheet = this.sheet;
    const title = sheet === 'requests' ? msg('room.requests') : msg('room.gifts');
    return html`<dialog
      class=${classMap({ sheet: true, [sheet ?? 'closed']: true })}
      part="sheet"
      aria-label=${title}
      @close=${this.onSheetClose}
      @click=${this.onSheetBackdrop}
    >
      ${sheet
        ? html`<div class="sheet-body">
            <div class="sheet-head">
              <span class="grabber" aria-hidden="true"></span>
              <h2>${title}</h2>
              <button type="button" class="round small focus-ring" aria-label=${msg('room.close')} @click=${() => this.closeSheet()}>
                ${closeIcon}
              </button>
            </div>
            <div class="sheet-content">
              ${sheet === 'gifts' ? html`<vr-gift-panel></vr-gift-panel>` : html`<vr-seat-requests hide-title></vr-seat-requests>`}
            </div>
          </div>`
        : nothing}
    </dialog>`;
  }

  private renderConfirm() {
    const busy = this.commands.busy('end');
    return html`<dialog
      class="confirm"
      part="dialog"
      role="alertdialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      @close=${this.onConfirmClose}
    >
      ${this.confirmingEnd
        ? html`<div class="confirm-icon" aria-hidden="true">${powerIcon}</div>
            <h2 id="confirm-title">${msg('room.end.title')}</h2>
            <p id="confirm-text">${msg('room.end.text')}</p>
            <div class="confirm-actions">
              <button type="button" class="secondary focus-ring" autofocus @click=${() => (this.confirmingEnd = false)}>${msg('room.cancel')}</button>
              <button type="button" class="danger focus-ring" data-action="end" ?disabled=${busy} @click=${() => void this.end()}>
                ${msg('room.end.confirm')}
              </button>
            </div>`
        : nothing}
    </dialog>`;
  }

  private renderBanner() {
    const connection = this.connectionState.value;
    const phase = this.phaseState.value;
    if (phase === 'live' && connection === 'connected' && this.audioFailed.value && !this.displaced.value) {
      return html`<div class="banner-region" role="status">
        <div class="banner" part="banner" data-state="audio-failed">
          <span class="spinner" aria-hidden="true"></span><span>${msg('room.audio.retrying')}</span>
        </div>
      </div>`;
    }
    if (phase !== 'live' || this.displaced.value || (connection !== 'reconnecting' && connection !== 'disconnected')) {
      return html`<div class="banner-region" role="status"></div>`;
    }
    return html`<div class="banner-region" role="status">
      <div class="banner" part="banner" data-state=${connection}>
        ${connection === 'reconnecting' ? html`<span class="spinner" aria-hidden="true"></span>` : wifiOffIcon}
        <span>${msg(connection === 'reconnecting' ? 'room.reconnecting' : 'room.disconnected')}</span>
      </div>
    </div>`;
  }

  private renderSoundPrompt() {
    return html`<div class="sound" part="sound">
      <slot name="sound">
        <span class="sound-text">${soundIcon}<span>${msg('room.sound.blocked')}</span></span>
        <button type="button" class="sound-button focus-ring" @click=${() => this.enableSound()}>${msg('room.sound.enable')}</button>
      </slot>
    </div>`;
  }

  private renderSkeleton() {
    return html`<div class="skeleton" part="skeleton" role="status" aria-busy="true">
      <span class="visually-hidden">${msg('room.joining')}</span>
      <div class="sk-header" aria-hidden="true">
        <span class="sk-circle"></span>
        <span class="sk-lines"><span class="sk-line w60"></span><span class="sk-line w35"></span></span>
        <span class="sk-pill"></span>
      </div>
      <div class="sk-seats" aria-hidden="true">
        ${Array.from({ length: 8 }, () => html`<span class="sk-seat"><span class="sk-circle big"></span><span class="sk-line w70"></span></span>`)}
      </div>
      <div class="sk-footer" aria-hidden="true"><span class="sk-pill wide"></span><span class="sk-round"></span><span class="sk-round"></span></div>
    </div>`;
  }

  /** Another tab or window of mine has the room: this one is quiet and offers to take it back, never by itself. */
  private renderDisplaced() {
    const busy = this.commands.busy('takeover');
    const info = this.info.value;
    return html`<div class="notice" part="notice" data-phase="displaced" role="alert">
      <slot name="notice">
        <div class="notice-card">
          <div class="notice-icon" aria-hidden="true">${tabsIcon}</div>
          ${info ? html`<p class="notice-room">${info.name}</p>` : nothing}
          <h2>${msg('room.displaced.title')}</h2>
          <p>${msg('room.displaced.text')}</p>
          <div class="notice-actions">
            <button type="button" class="primary focus-ring" data-action="takeover" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}
              @click=${() => void this.takeOver()}>${msg('room.displaced.takeOver')}</button>
            <button type="button" class="secondary focus-ring" data-action="leave" @click=${() => void this.leave()}>${msg('room.notice.back')}</button>
          </div>
        </div>
      </slot>
    </div>`;
  }

  /** A start or join that failed: what happened in words, what to do, and the code only in a small detail line. */
  private renderFailure() {
    const failure = this.failure.value;
    const code = failure?.code ?? ErrorCode.UNKNOWN;
    let title: MessageKey = 'room.failed.title';
    let text: MessageKey = 'room.failed.text';
    let icon = alertIcon;
    // Trying again cannot help a room that is over or a ban: those offer only the way back.
    let retry = true;
    switch (code) {
      case ErrorCode.ROOM_NOT_FOUND:
      case ErrorCode.ROOM_ENDED:
        title = 'room.notice.ended.title';
        text = 'room.failed.ended.text';
        icon = endedIcon;
        retry = false;
        break;
      case ErrorCode.MEMBER_BANNED:
        title = 'room.notice.banned.title';
        text = 'room.notice.banned.text';
        icon = blockedIcon;
        retry = false;
        break;
      case ErrorCode.ROOM_FULL:
        title = 'room.failed.full.title';
        text = 'room.failed.full.text';
        break;
      case ErrorCode.ALREADY_IN_ROOM:
        title = 'room.failed.busy.title';
        text = 'room.failed.busy.text';
        break;
      case ErrorCode.CONNECTION_LOST:
      case ErrorCode.TIMEOUT:
        title = 'room.failed.offline.title';
        text = 'room.failed.offline.text';
        icon = wifiOffIcon;
        break;
      case ErrorCode.NOT_LOGGED_IN:
        title = 'room.failed.signin.title';
        text = 'room.failed.signin.text';
        break;
    }
    const back = html`<button type="button" class=${retry ? 'secondary focus-ring' : 'primary focus-ring'} data-action="leave" @click=${() => void this.leave()}>
      ${msg('room.notice.back')}
    </button>`;
    return html`<div class="notice" part="notice" data-phase="failed" data-code=${code} role="alert">
      <slot name="notice">
        <div class="notice-card">
          <div class="notice-icon" aria-hidden="true">${icon}</div>
          <h2>${msg(title)}</h2>
          <p>${msg(text)}</p>
          <div class="notice-actions">
            ${retry ? html`<button type="button" class="primary focus-ring" data-action="retry" @click=${() => void this.retry()}>${msg('room.failed.retry')}</button>` : nothing}
            ${back}
          </div>
          <p class="notice-detail" part="detail">${msg('room.failed.detail', { message: errorText(code), code: String(code).replace('-', '\u2212') })}</p>
        </div>
      </slot>
    </div>`;
  }

  private renderNotice(phase: RoomPhase) {
    if (phase === 'failed') return this.renderFailure();
    const owner = this.me.value?.role === 'owner';
    const info = this.info.value;
    let title: MessageKey;
    let text: MessageKey;
    let icon = endedIcon;
    switch (phase) {
      case 'kicked':
        title = 'room.notice.kicked.title';
        text = 'room.notice.kicked.text';
        icon = exitIcon;
        break;
      case 'banned':
        title = 'room.notice.banned.title';
        text = 'room.notice.banned.text';
        icon = blockedIcon;
        break;
      case 'left':
        title = 'room.notice.left.title';
        text = 'room.notice.left.text';
        icon = exitIcon;
        break;
      default:
        title = owner ? 'room.notice.ended.owner' : 'room.notice.ended.title';
        text = owner ? 'room.notice.ended.ownerText' : 'room.notice.ended.text';
    }
    return html`<div class="notice" part="notice" data-phase=${phase} role="alert">
      <slot name="notice">
        <div class="notice-card">
          <div class="notice-icon" aria-hidden="true">${icon}</div>
          ${info ? html`<p class="notice-room"><bdi>${info.name}</bdi></p>` : nothing}
          <h2>${msg(title)}</h2>
          <p>${msg(text)}</p>
          <button type="button" class="primary focus-ring" data-action="leave" @click=${() => void this.leave()}>${msg('room.notice.back')}</button>
          ${phase === 'ended' && this.autoLeaveIn !== null
            ? html`<p class="notice-auto" part="countdown" aria-hidden="true">${msg('room.notice.autoLeave', { n: this.autoLeaveIn })}</p>`
            : nothing}
        </div>
      </slot>
    </div>`;
  }

  // ---- internals ----

  /** Playback is blocked (the room's audio says so, or the page's voice layer) while I am in the room. */
  private showsSoundPrompt(): boolean {
    return (this.soundBlocked || this.soundBlock.value) && this.phase === 'live';
  }

  /** Whether the mic button's take is an application (apply mode, and I am a member). */
  private takeApplies(): boolean {
    const info = this.info.value;
    const me = this.me.value;
    return info !== null && me !== null && takeBecomesApplication(info.seatMode, me.role);
  }

  private isPending(key: PendingKey): boolean {
    return isPendingIn(this.pending.value, key);
  }

  /** Applications waiting for an answer, oldest first. */
  private waitingQueue(): SeatRequest[] {
    return this.requests.value.filter((r) => r.type === 'apply' && r.status === 'pending').sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Tells me how a request that concerns me went, unless the requests sheet is open (its own live region says it
   * there). My new application gets a word too: the mic button alone changing is easy to miss.
   */
  private noteRequest(update: RequestUpdate): void {
    const me = this.me.value?.user.userId ?? this.activeRoom?.user.userId ?? '';
    if (update.status === 'pending') {
      if (update.request.type === 'apply' && update.request.from.userId === me) this.showNote({ key: 'room.note.applied', params: {}, tone: 'neutral' });
      return;
    }
    if (this.sheet === 'requests') return;
    const notice = requestNotice(update, me);
    if (notice) this.showNote({ key: notice.key, params: { name: notice.name }, tone: notice.outcome });
  }

  private showNote(note: Note): void {
    this.note = note;
    clearTimeout(this.noteTimer);
    this.noteTimer = setTimeout(() => (this.note = null), NOTE_VISIBLE_MS);
  }

  private dismissNote = (): void => {
    clearTimeout(this.noteTimer);
    this.note = null;
  };

  /** Dispatches `intent` and, unless prevented, runs `command` (none: the intent alone was the action). */
  private async runCommand(key: string, intent: Event, command: (() => Promise<unknown>) | null): Promise<boolean> {
    const outcome = await this.commands.run(key, { intent: () => intent, command });
    return outcome.status === 'complete';
  }

  /** The ended notice counts down, then leaves as if "Back to rooms" was pressed (a page may cancel it). */
  private startAutoLeave(): void {
    this.autoLeaveDone = true;
    this.autoLeaveIn = Math.ceil(this.leaveAfterEnd);
    this.autoLeaveTimer = setInterval(() => {
      const left = (this.autoLeaveIn ?? 1) - 1;
      if (left > 0) {
        this.autoLeaveIn = left;
        return;
      }
      void this.leave({ auto: true });
    }, 1_000);
  }

  private stopAutoLeave(): void {
    clearInterval(this.autoLeaveTimer);
    this.autoLeaveTimer = undefined;
    this.autoLeaveIn = null;
  }

  private dismissError = (): void => this.commands.dismiss();

  // A dialog's close event arrives a task after close(): by then it may have been opened again, which must stand.
  private onSheetClose = (event: Event): void => {
    if (!(event.target as HTMLDialogElement).open) this.sheet = null;
  };

  private onConfirmClose = (event: Event): void => {
    if (!(event.target as HTMLDialogElement).open) this.confirmingEnd = false;
  };

  /** The glass controls blur only a background the page brings (see the styles). */
  private onBackgroundChange = (event: Event): void => {
    this.states.toggle('own-background', (event.target as HTMLSlotElement).assignedNodes().length > 0);
  };

  /** The dialog box itself is only hit outside the sheet's content: on the backdrop. */
  private onSheetBackdrop = (event: MouseEvent): void => {
    if (event.target === event.currentTarget) this.closeSheet();
  };
}

/** The phases that replace the room with a full-screen notice. */
export function isNoticePhase(phase: RoomPhase): boolean {
  return NOTICE_PHASES.has(phase);
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-room': VrRoom;
  }
}
