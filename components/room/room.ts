import { ContextProvider } from '@lit/context';
import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { filter } from 'rxjs';
import type {
  ConnectionState,
  LiveInfo,
  Me,
  PendingCounts,
  PendingKey,
  RequestUpdate,
  RoomPhase,
  SeatRequest,
} from '../../src/index.js';
import { ErrorCode, anyPendingIn, applicationQueue, isPendingIn, micPendingKeys, pendingKey } from '../../src/index.js';
import { avatarStyles } from '../audience-list/avatar.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { roomContext } from '../context.js';
import { CountdownController } from '../controllers/countdown-controller.js';
import { IntentController } from '../controllers/intent-controller.js';
import { ModalController } from '../controllers/modal-controller.js';
import { VrRequestRespondEvent } from '../events/request-respond.js';
import { VrRoomEndEvent } from '../events/room-end.js';
import { VrRoomLeaveEvent } from '../events/room-leave.js';
import { VrRoomRetryEvent } from '../events/room-retry.js';
import { VrRoomTakeoverEvent } from '../events/room-takeover.js';
import { VrSoundEnableEvent } from '../events/sound-enable.js';
import { msg, setLocale } from '../i18n/locale.js';
import type { SeatLayout } from '../seat-grid/seat-grid.js';
import { bottomBar } from './bottom-bar.js';
import { header } from './header.js';
import { NO_MIC, micCommand, micSlice } from './mic.js';
import { NotesController, type SeatKick, toastStack } from './notes.js';
import { type NoticeActions, displacedNotice, phaseNotice, skeleton } from './notices.js';
import { RequestPromptController, requestPrompt } from './request-prompt.js';
import { type RoomSheet, endConfirm, sheetDialog } from './sheets.js';
import { NO_STATUS, connectionBanner, roomStatus, soundPrompt } from './status.js';
import { styles } from './room.styles.js';

export type { RoomSheet } from './sheets.js';

/** Which face of the room I get: owners and admins run it, everyone else listens. */
export const RoomView = {
  host: 'host',
  listener: 'listener',
} as const;
export type RoomView = (typeof RoomView)[keyof typeof RoomView];

const EMPTY_REQUESTS: readonly SeatRequest[] = [];
const NOTICE_PHASES: ReadonlySet<RoomPhase> = new Set<RoomPhase>(['ended', 'kicked', 'banned', 'left', 'failed']);

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
  private shown: { phase: RoomPhase; connection: ConnectionState; view: RoomView } = {
    phase: 'idle',
    connection: 'idle',
    view: 'listener',
  };

  private readonly provider = new ContextProvider(this, { context: roomContext });
  /** Output-only state for styles (`:state(phase-live)`…): the room says what it shows, a page cannot set it. */
  private readonly states = new HostStates(this.attachInternals());

  private readonly status = this.observe(roomStatus, NO_STATUS);
  private readonly me = this.observe((room) => room.me$, null as Me | null);
  private readonly info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  /** What the microphone button offers, from my seat, my application and the first seat I could take. */
  private readonly mic = this.observe(micSlice, NO_MIC);
  private readonly requests = this.observe((room) => room.requests$, EMPTY_REQUESTS);
  private readonly application = this.observe((room) => room.myApplication$, null as SeatRequest | null);
  private readonly invitation = this.observe((room) => room.myInvitation$, null as SeatRequest | null);
  private readonly pending = this.observe((room) => room.pending$, {} as PendingCounts);
  private readonly requestNews = this.observe((room) => room.requestUpdates$, null as RequestUpdate | null);
  /** A host or admin took me off my seat (the seat grid only shows the seat empty). */
  private readonly seatKick = this.observe(
    (room) =>
      room.events$.pipe(filter((e): e is SeatKick => e.type === 'seat.kicked' && e.userId === room.user.userId)),
    null as SeatKick | null,
  );
  private lastInvitation: string | null = null;

  /** My own commands from the room's controls: busy keys, and the error toast when one fails. */
  private readonly commands = new IntentController(this);
  /** The bottom sheet (gifts, requests) and the owner's end confirmation. */
  private readonly sheet = new ModalController<RoomSheet>(this, () =>
    this.renderRoot?.querySelector<HTMLDialogElement>('dialog.sheet'),
  );
  private readonly confirm = new ModalController<true>(this, () =>
    this.renderRoot?.querySelector<HTMLDialogElement>('dialog.confirm'),
  );
  /** How a request of mine went, being taken off my seat: one note at a time. */
  private readonly notes = new NotesController(this, {
    requestUpdate: () => this.requestNews.value,
    seatKick: () => this.seatKick.value,
    me: () => this.me.value?.user.userId ?? this.activeRoom?.user.userId ?? '',
    panelOpen: () => this.sheet.value === 'requests',
  });
  /** Which waiting application the owner/admin prompt shows. */
  private readonly prompt = new RequestPromptController(this, () => applicationQueue(this.requests.value));
  /** The ended notice's count before it leaves by itself (`leave-after-end`), as if "Back to rooms" was pressed. */
  private readonly autoLeave = new CountdownController(this, () => void this.leave({ auto: true }));

  /** Applications waiting for an owner/admin (what the requests badge counts). */
  get waitingApplications(): number {
    return applicationQueue(this.requests.value).length;
  }

  /** The application the owner/admin prompt shows (the oldest one waiting that was not hidden), or null. */
  get promptedApplication(): SeatRequest | null {
    return this.prompt.shown;
  }

  /** The sheet that is open, if any. */
  get openSheet(): RoomSheet | null {
    return this.sheet.value;
  }

  // ---- public intents ----

  /** Opens a bottom sheet (gifts; requests for owner/admin, or a listener with an invitation). */
  showSheet(sheet: RoomSheet): void {
    this.sheet.open(sheet);
  }

  closeSheet(): void {
    this.sheet.close();
  }

  /** Approves or rejects an application from the prompt: a cancelable `vr-request-respond`, then the command. */
  async respond(request: SeatRequest, accept: boolean): Promise<boolean> {
    const room = this.activeRoom;
    if (!room) return false;
    const detail = { requestId: request.requestId, type: request.type, userId: request.from.userId, accept };
    return this.runCommand(`respond:${request.requestId}`, new VrRequestRespondEvent(detail), () =>
      room.respondRequest(request.requestId, accept),
    );
  }

  /** Closes the prompt for the applications waiting now; a newer application brings it back. */
  hidePrompt(): void {
    this.prompt.hide();
  }

  /** Leaves the room after a cancelable `vr-room-leave`; resolves false if cancelled or failed. */
  async leave(options: { auto?: boolean } = {}): Promise<boolean> {
    const room = this.activeRoom;
    if (!room) return false;
    const phase = this.status.value.phase;
    this.autoLeave.stop();
    const event = new VrRoomLeaveEvent({ roomId: room.roomId, phase, ...(options.auto ? { auto: true } : {}) });
    // While another tab of mine has the room, leaving here only closes this view: that tab is still in it.
    return this.runCommand('leave', event, phase !== 'live' || this.status.value.displaced ? null : () => room.leave());
  }

  /** "Try again" after a failed start/join: a cancelable `vr-room-retry`, then `room.retry()`. */
  async retry(): Promise<boolean> {
    const room = this.activeRoom;
    const failure = this.status.value.failure;
    if (!room || this.status.value.phase !== 'failed') return false;
    if (!this.dispatchEvent(new VrRoomRetryEvent({ roomId: room.roomId, code: failure?.code ?? ErrorCode.UNKNOWN })))
      return false;
    // The room's own phase and failure say how it went (the skeleton, then the room or this notice again).
    return room.retry().then(
      () => true,
      () => false,
    );
  }

  /** "Use here" while another tab of mine has the room: a cancelable `vr-room-takeover`, then `room.takeOver()`. */
  async takeOver(): Promise<boolean> {
    const room = this.activeRoom;
    if (!room || !this.status.value.displaced) return false;
    return this.runCommand('takeover', new VrRoomTakeoverEvent({ roomId: room.roomId }), () => room.takeOver());
  }

  /** Asks the owner to confirm ending the live (the dialog's confirm button calls `end()`). */
  requestEnd(): void {
    this.confirm.open(true);
  }

  /** Ends the live after a cancelable `vr-room-end` (no confirmation: that is `requestEnd()`). */
  async end(): Promise<boolean> {
    const room = this.activeRoom;
    this.confirm.close();
    if (!room) return false;
    return this.runCommand('end', new VrRoomEndEvent({ roomId: room.roomId }), () => room.end());
  }

  /** What the microphone button does now: toggle self-mute when seated; take/apply/cancel otherwise. */
  async toggleMic(): Promise<boolean> {
    const room = this.activeRoom;
    const run = room && micCommand(room, this.mic.value);
    return run ? this.runCommand('mic', run.intent, run.command) : false;
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
    this.watch(
      (room) => room.levels$,
      (levels) => (this.levels = Object.fromEntries(levels.map((level, index) => [index, level]))),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('locale') && this.locale) void setLocale(this.locale).catch(() => undefined); // offline: stays as it was
    const room = this.activeRoom;
    if (this.provider.value !== room) this.provider.setValue(room);
    const role = this.me.value?.role ?? 'member';
    this.shown = {
      phase: this.status.value.phase,
      connection: this.status.value.connection,
      view: role === 'member' ? 'listener' : 'host',
    };
    this.states.choose('phase', this.phase);
    this.states.choose('connection', this.connection);
    this.states.choose('view', this.view);
    this.states.toggle('sound-blocked', this.showsSoundPrompt());
    const invitation = this.invitation.value;
    if (this.view === 'listener' && this.sheet.value === 'requests' && !invitation && !this.application.value)
      this.sheet.close();
    if (this.phase !== 'live') {
      this.sheet.close();
      this.confirm.close();
    }
    this.autoLeave.follow(this.phase === 'ended', this.leaveAfterEnd);
    // An invitation to a seat is answered in the requests sheet: open it when one arrives.
    if (
      invitation &&
      invitation.status === 'pending' &&
      invitation.requestId !== this.lastInvitation &&
      this.phase === 'live'
    ) {
      this.sheet.open('requests');
    }
    this.lastInvitation = invitation?.requestId ?? null;
  }

  override render() {
    const status = this.status.value;
    const { phase } = status;
    const info = this.info.value;
    const name = info?.name ?? '';
    let body;
    if (!this.activeRoom || phase === 'idle' || phase === 'joining' || (phase === 'live' && !info)) body = skeleton();
    else if (NOTICE_PHASES.has(phase)) {
      const view = {
        owner: this.me.value?.role === 'owner',
        info,
        autoLeaveIn: this.autoLeave.left,
        failure: this.status.value.failure,
      };
      body = phaseNotice(phase, view, this.noticeActions);
    } else if (this.status.value.displaced)
      body = displacedNotice(info, this.commands.busy('takeover'), this.noticeActions);
    else body = this.renderLive();
    return html`
      <div class="backdrop" part="background" aria-hidden="true"><slot name="background" @slotchange=${this.onBackgroundChange}></slot></div>
      <section
        class=${classMap({ base: true, [this.view]: true })}
        part="base"
        lang=${this.localize.locale}
        aria-label=${name ? msg('room.label', { name }) : msg('room.seats')}
      >
        ${connectionBanner(status)} ${this.showsSoundPrompt() ? soundPrompt(this.onEnableSound) : nothing} ${body}
      </section>
      <slot></slot>
    `;
  }

  /** The room while I am in it: top bar, seats and barrage, the toasts, the bottom bar, gift effects, the dialogs. */
  private renderLive() {
    const owner = this.me.value?.role === 'owner';
    const manager = this.view === 'host';
    const queue = applicationQueue(this.requests.value);
    const prompted = manager && this.sheet.value !== 'requests' ? this.prompt.shown : null;
    const leaveKey = owner ? 'end' : 'leave';
    return html`
      ${header({ owner, busy: this.commands.busy(leaveKey) || this.isPending(`room.${leaveKey}`), leave: this.onLeave, requestEnd: this.onRequestEnd })}
      <div class="stage" part="stage">
        <section class="seats" part="seats" aria-label=${msg('room.seats')}>
          <vr-seat-grid layout=${this.seatLayout} .levels=${this.currentLevels}></vr-seat-grid>
        </section>
        <section class="barrage" part="barrage" aria-label=${msg('room.barrage')}>
          <vr-barrage></vr-barrage>
        </section>
      </div>
      ${toastStack({
        prompt: prompted ? requestPrompt(prompted, this.promptView(prompted, queue.length)) : nothing,
        note: this.notes.value,
        dismissNote: this.onDismissNote,
        error: this.commands.error,
        dismissError: this.onDismissError,
      })}
      ${bottomBar({
        mic: this.mic.value.action,
        micBusy:
          this.commands.busy('mic') ||
          anyPendingIn(this.pending.value, micPendingKeys(this.mic.value.application, this.mic.value.freeSeat)),
        manager,
        waiting: queue.length,
        toggleMic: this.onToggleMic,
        showRequests: this.onShowRequests,
        showGifts: this.onShowGifts,
      })}
      <vr-gift-player class="player"></vr-gift-player>
      ${sheetDialog(this.sheet.value, { onClose: this.sheet.onClose, onBackdrop: this.sheet.onBackdrop, close: this.onCloseSheet })}
      ${owner ? endConfirm(this.confirm.value !== null, this.commands.busy('end'), this.confirmHandlers) : nothing}
    `;
  }

  // ---- internals ----

  /** Playback is blocked (the room's audio says so, or the page's voice layer) while I am in the room. */
  private showsSoundPrompt(): boolean {
    return (this.soundBlocked || this.status.value.soundBlocked) && this.phase === 'live';
  }

  private promptView(request: SeatRequest, waiting: number) {
    const busy =
      this.commands.busy(`respond:${request.requestId}`) ||
      this.isPending(pendingKey.requestRespond(request.requestId));
    return {
      waiting,
      busy,
      now: this.roomNow(),
      respond: (accept: boolean) => void this.respond(request, accept),
      showAll: this.onShowRequests,
      hide: () => this.hidePrompt(),
    };
  }

  private isPending(key: PendingKey): boolean {
    return isPendingIn(this.pending.value, key);
  }

  /** Dispatches `intent` and, unless prevented, runs `command` (none: the intent alone was the action). */
  private async runCommand(key: string, intent: Event, command: (() => Promise<unknown>) | null): Promise<boolean> {
    const outcome = await this.commands.run(key, { intent: () => intent, command });
    return outcome.status === 'complete';
  }

  // ---- event handlers ----

  private readonly noticeActions: NoticeActions = {
    leave: () => void this.leave(),
    retry: () => void this.retry(),
    takeOver: () => void this.takeOver(),
  };

  private readonly confirmHandlers = {
    onClose: this.confirm.onClose,
    cancel: (): void => this.confirm.close(),
    confirm: (): void => void this.end(),
  };

  private onLeave = (): void => void this.leave();
  private onRequestEnd = (): void => this.requestEnd();
  private onToggleMic = (): void => void this.toggleMic();
  private onShowRequests = (): void => this.showSheet('requests');
  private onShowGifts = (): void => this.showSheet('gifts');
  private onCloseSheet = (): void => this.closeSheet();
  private onEnableSound = (): void => void this.enableSound();
  private onDismissNote = (): void => this.notes.clear();
  private onDismissError = (): void => this.commands.dismiss();

  /** The glass controls blur only a background the page brings (see the styles). */
  private onBackgroundChange = (event: Event): void => {
    this.states.toggle('own-background', (event.target as HTMLSlotElement).assignedNodes().length > 0);
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
