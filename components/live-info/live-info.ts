import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type {
  AudienceSummary,
  FollowInfo,
  LiveInfo,
  LiveInfoPatch,
  Me,
  PendingCounts,
  PendingKey,
  Room,
  SeatMode,
} from '../../src/index.js';
import { entry, isPendingIn, pendingKey } from '../../src/index.js';
import { avatar } from '../audience-list/avatar.js';
import { eyeIcon, heartIcon, plusIcon } from '../audience-list/icons.js';
import { PanelLoader } from '../controllers/panel-loader.js';
import { VrElement } from '../base/vr-element.js';
import { IntentController } from '../controllers/intent-controller.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { VrFollowChangeEvent } from '../events/follow-change.js';
import { VrInfoUpdateEvent } from '../events/info-update.js';
import { VrSeatModeChangeEvent } from '../events/seat-mode-change.js';
import { formatNumber, msg } from '../i18n/locale.js';
import { formatDuration } from './duration.js';
import type { InfoFormController } from './edit-form.js';
import { styles } from './live-info.styles.js';
import './info-strings.js'; // before anything renders (addStrings)

const NO_AUDIENCE: AudienceSummary = { recent: [], total: 0 };
const NO_LIKES = { total: 0, mine: 0 };
/** Follow fails in the bar; the panel's commands fail in the panel, where the message stays until the panel closes. */
const BAR_KEYS: ReadonlySet<string> = new Set(['follow']);

/** A short count for tight places (`1.2K`, `1.2万`); the exact number goes to the accessible text. */
const compact = (n: number) => formatNumber(n, { notation: 'compact', maximumFractionDigits: 1 });

/**
 * @summary The room's header: name, cover, the host's card with a follow button, viewers, likes and how long it
 * has been live; tapping it opens a detail panel where the owner edits the room.
 *
 * @description The bar shows what the mobile voice-room kits put at the top of a room. Activating the summary
 * dispatches `vr-panel-open` and, unless cancelled, opens a modal dialog with the notice, seat mode and numbers;
 * for the owner the dialog is also a form (name, cover, notice: checked before sending, server errors shown) and a
 * seat-mode switch. Follow state comes from `room.follows$`, checked with `checkFollow` when the host is known.
 *
 * @fires vr-follow-change - Follow or unfollow the host. Cancelable.
 * @fires vr-panel-open - The detail panel is about to open (`panel: 'live-info'`). Cancelable.
 * @fires vr-info-update - The owner saves name/cover/notice. Cancelable.
 * @fires vr-seat-mode-change - The owner switches the seat mode. Cancelable.
 * @fires vr-command-error - Following, saving or switching the seat mode failed (detail: key, code, message); shown too.
 *
 * @slot actions - Extra controls at the end of the bar (e.g. an audience list or a share button).
 *
 * @csspart base - The bar.
 * @csspart summary - The button with cover, name and stats that opens the panel.
 * @csspart cover - The cover thumbnail.
 * @csspart owner - The host's card.
 * @csspart avatar - The host's avatar.
 * @csspart follow - The follow button.
 * @csspart stats - The viewers/likes/duration line.
 * @csspart dialog - The detail panel.
 * @csspart form - The owner's edit form.
 * @csspart alert - An error message.
 *
 * @cssproperty --vr-gradient-accent - Follow button, live dot, cover fallback.
 * @cssproperty --vr-color-surface - Bar and panel background.
 * @cssproperty --vr-live-info-cover-size - Cover thumbnail size (default 44px).
 */
@customElement('vr-live-info')
export class VrLiveInfo extends VrElement {
  static override styles = styles;

  /** Hide the host card (e.g. when the page shows its own). */
  @property({ type: Boolean, attribute: 'no-owner' }) noOwner = false;

  @state() private now = Date.now();
  @state() private coverFailed = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  readonly #info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  readonly #me = this.observe((room) => room.me$, null as Me | null);
  readonly #audience = this.observe((room) => room.audience$, NO_AUDIENCE);
  readonly #likes = this.observe((room) => room.likes$, NO_LIKES);
  readonly #follows = this.observe((room) => room.follows$, {} as Readonly<Record<string, FollowInfo>>);
  readonly #pending = this.observe((room) => room.pending$, {} as PendingCounts);

  #ticker: ReturnType<typeof setInterval> | undefined;
  /** My follow, save and seat-mode commands: busy keys and the one alert (in the bar or the panel, see BAR_KEYS). */
  readonly #commands = new IntentController(this);
  #checked = '';
  /**
   * The detail panel's template, styles and strings, and the edit form: a chunk of its own, fetched by the first
   * `openPanel()`.
   */
  readonly #panel = new LazyPart(this, () => VrLiveInfo.importPanel());
  /** The panel's dialog, on its loading state until the panel is there. */
  readonly #loader = new PanelLoader(this, this.#panel, 'live-info', () => this.dialog, {
    opening: () => this.#editForm?.start(this.#info.value),
    closed: () => {
      if (this.#errorWhere() === 'panel') this.#commands.dismiss();
      this.shadowRoot?.querySelector<HTMLElement>('.summary')?.focus();
    },
  });
  /** The owner's edit form (its draft, its problems, "Saved"): it comes with the panel, made when that arrives. */
  #editForm: InfoFormController | undefined;

  /**
   * Imports the panel's chunk. A static only so a test can make one fetch fail (the next open tries again).
   * @internal
   */
  static importPanel = () => import('./panel.js');

  /** I am the room's owner. */
  get isOwner(): boolean {
    return this.#me.value?.role === 'owner';
  }

  /** Whether I follow the host (false until known). */
  get following(): boolean {
    const owner = this.#info.value?.owner.userId;
    return owner ? (entry(this.#follows.value, owner)?.following ?? false) : false;
  }

  // ---- intents ----

  /** Follows (or unfollows) the host. */
  setFollowing(follow: boolean): Promise<boolean> {
    const owner = this.#info.value?.owner;
    if (!owner) return Promise.resolve(false);
    return this.#intent('follow', new VrFollowChangeEvent({ userId: owner.userId, follow }), (room) =>
      room.follow(owner.userId, follow),
    );
  }

  /** Sends a patch of name/cover/notice as is (the form validates before calling this). */
  saveInfo(patch: LiveInfoPatch): Promise<boolean> {
    if (this.#editForm) this.#editForm.saved = false;
    return this.#intent('info', new VrInfoUpdateEvent({ patch }), (room) => room.updateInfo(patch)).then((ok) => {
      if (this.#editForm) this.#editForm.saved = ok;
      return ok;
    });
  }

  /** Switches the seat mode (owner). */
  setSeatMode(seatMode: SeatMode): Promise<boolean> {
    // Re-render either way: a prevented or failed switch must put the radio back on the current mode.
    return this.#intent('seatMode', new VrSeatModeChangeEvent({ seatMode }), (room) =>
      room.setSeatMode(seatMode),
    ).finally(() => this.requestUpdate());
  }

  /** Opens the detail panel (unless a `vr-panel-open` listener cancels). */
  openPanel(): boolean {
    return this.#loader.show();
  }

  closePanel(): void {
    this.#loader.hide();
  }

  /**
   * Checks the draft the way the server will, so people see what to fix before anything is sent. Until the panel's
   * code is there nobody can have typed a draft: it is the room's info as the server accepted it, with nothing to fix.
   */
  validate(): Partial<Record<'name' | 'coverUrl' | 'notice', string>> {
    return this.#form?.validate() ?? {};
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    this.now = this.roomNow();
    this.#ticker = setInterval(() => (this.now = this.roomNow()), 1_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    this.#checked = '';
    this.closePanel();
  }

  protected override roomChanged(): void {
    this.#checked = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Ask once per room and host whether I follow them; the answer lands in follows$.
    const room = this.activeRoom;
    const owner = this.#info.value?.owner.userId;
    const me = this.#me.value?.user.userId;
    if (room && owner && me && owner !== me && this.#checked !== `${room.roomId}|${owner}`) {
      this.#checked = `${room.roomId}|${owner}`;
      // After this update, not inside it: the command marks itself pending in the store, which re-renders us.
      queueMicrotask(() => void room.checkFollow(owner).catch(() => undefined));
    }
  }

  override render() {
    const info = this.#info.value;
    if (!info) return html`<div class="base loading" part="base" aria-busy="true"></div>`;
    const elapsed = Math.max(0, this.now - info.createdAt);
    // The dialog's heading (#panel-title) comes with the panel's part: until then it is named by the room's name.
    return html`<div class="base" part="base" lang=${this.localize.locale}>
        <button type="button" class="summary" part="summary" aria-haspopup="dialog" aria-expanded=${this.#loader.open ? 'true' : 'false'} @click=${this.#onSummary}>
          ${this.#renderCover(info)}
          <span class="text">
            <span class="visually-hidden">${msg('liveInfo.details')}:</span>
            <span class="room-name"><bdi>${info.name}</bdi></span>
            <span class="stats" part="stats">
              <span class="stat live"><span class="dot" aria-hidden="true"></span><span class="visually-hidden">${msg('liveInfo.durationLabel', { time: '' })}</span><span class="tnum">${formatDuration(elapsed)}</span></span>
              <span class="stat"><span class="icon" aria-hidden="true">${eyeIcon}</span><span class="visually-hidden">${msg('liveInfo.viewersCount', { n: this.#audience.value.total })}</span><span aria-hidden="true" class="tnum">${compact(this.#audience.value.total)}</span></span>
              <span class="stat"><span class="icon" aria-hidden="true">${heartIcon}</span><span class="visually-hidden">${msg('liveInfo.likesCount', { n: this.#likes.value.total })}</span><span aria-hidden="true" class="tnum">${compact(this.#likes.value.total)}</span></span>
            </span>
          </span>
        </button>
        ${this.noOwner ? nothing : this.#renderOwner(info, false)}
        <slot name="actions"></slot>
      </div>
      <div class="bar-alert" role="alert">${this.#errorWhere() === 'bar' ? this.#renderError() : nothing}</div>
      <dialog part="dialog" aria-labelledby=${this.#panel.module ? 'panel-title' : nothing} aria-label=${this.#panel.module ? nothing : info.name} @close=${this.#loader.onClose} @click=${this.#loader.onBackdrop}>
        ${this.#loader.open ? this.#renderPanel(info, elapsed) : nothing}
      </dialog>`;
  }

  #renderCover(info: LiveInfo, large = false) {
    const show = info.coverUrl !== '' && this.coverFailed !== info.coverUrl;
    const initial = [...info.name.trim()][0]?.toUpperCase() ?? '';
    return html`<span class="cover ${large ? 'large' : ''}" part="cover" aria-hidden="true" data-initial=${initial}
      >${show ? html`<img src=${info.coverUrl} alt="" draggable="false" @error=${() => (this.coverFailed = info.coverUrl)} />` : nothing}</span
    >`;
  }

  #renderOwner(info: LiveInfo, inPanel: boolean) {
    const owner = info.owner;
    const self = this.#me.value?.user.userId === owner.userId;
    const busy = this.#isBusy('follow', pendingKey.follow(owner.userId));
    const following = this.following;
    return html`<div class="owner ${inPanel ? 'in-panel' : ''}" part="owner">
      ${avatar(owner)}
      <span class="owner-text">
        <span class="owner-name"><bdi>${owner.userName}</bdi></span>
        <span class="owner-fans">${msg('liveInfo.fans', { n: info.ownerFans })}</span>
      </span>
      ${
        self
          ? nothing
          : html`<button
            type="button"
            class="btn follow ${following ? 'ghost' : 'primary'}"
            part="follow"
            aria-pressed=${following ? 'true' : 'false'}
            aria-busy=${busy ? 'true' : 'false'}
            ?disabled=${busy}
            @click=${() => this.setFollowing(!following)}
          >
            ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : following ? nothing : html`<span class="plus" aria-hidden="true">${plusIcon}</span>`}
            <span>${msg(following ? 'liveInfo.following' : 'liveInfo.follow')}</span><span class="visually-hidden"> ${owner.userName}</span>
          </button>`
      }
    </div>`;
  }

  #renderPanel(info: LiveInfo, elapsed: number) {
    const panel = this.#panel.module;
    const error = this.#errorWhere() === 'panel' ? this.#renderError() : nothing;
    if (!panel) return this.#loader.render();
    return panel.liveInfoPanel({
      info,
      duration: formatDuration(elapsed),
      viewers: this.#audience.value.total,
      likes: this.#likes.value.total,
      cover: this.#renderCover(info, true),
      ownerCard: this.#renderOwner(info, true),
      error,
      seatModeBusy: this.#isBusy('seatMode', pendingKey.seatMode()),
      saving: this.#isBusy('info', 'room.update'),
      form: this.#form!,
      element: this,
    });
  }

  #renderError() {
    return this.#commands.render({
      error: ({ code, message }) => html`<p class="alert" part="alert" data-code=${code}>
        <span>${message}</span>
        <button type="button" class="dismiss" aria-label=${msg('alert.dismiss')} @click=${this.#dismissError}>×</button>
      </p>`,
    });
  }

  // ---- internals ----

  /** The edit form, once the panel's chunk is there: made then, its draft starting from the room's info. */
  get #form(): InfoFormController | undefined {
    const panel = this.#panel.module;
    if (panel && !this.#editForm) {
      this.#editForm = new panel.InfoFormController(this, () => this.#info.value);
      this.#editForm.start(this.#info.value);
    }
    return this.#editForm;
  }

  #onSummary = (): void => {
    this.openPanel();
  };

  #isBusy(localKey: string, storeKey: PendingKey): boolean {
    return this.#commands.busy(localKey) || isPendingIn(this.#pending.value, storeKey);
  }

  /** Where the alert shows, if one does. */
  #errorWhere(): 'bar' | 'panel' | null {
    const error = this.#commands.error;
    return error ? (BAR_KEYS.has(error.key) ? 'bar' : 'panel') : null;
  }

  async #intent(key: string, event: Event, command: (room: Room) => Promise<unknown>): Promise<boolean> {
    const room = this.activeRoom;
    const outcome = await this.#commands.run(key, {
      intent: () => event,
      command: room ? () => command(room) : null,
      show: BAR_KEYS.has(key) ? 'timed' : 'sticky',
    });
    return outcome.status === 'complete' && room !== undefined;
  }

  #dismissError = (): void => this.#commands.dismiss();
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-live-info': VrLiveInfo;
  }
}
