import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import {
  GIFT_COUNTS,
  type Gift,
  type LiveInfo,
  type Room,
  type Seat,
  UNCATEGORIZED,
  type UserInfo,
  giftCategories,
  giftReceivers,
  isPendingIn,
  pendingKey,
} from '../../src/index.js';
import { VrElement } from '../base/vr-element.js';
import { IntentController } from '../controllers/intent-controller.js';
import { VrGiftErrorEvent } from '../events/gift-error.js';
import { VrGiftRechargeEvent } from '../events/gift-recharge.js';
import { VrGiftSendEvent } from '../events/gift-send.js';
import { formatNumber, msg } from '../i18n/locale.js';
import { categoryLabel, categoryTabs, giftGrid, receiverChoice, rovingKeys } from './choices.js';
import { styles } from './gift-panel.styles.js';
import { coinIcon } from './icons.js';
import './strings.js';

const EMPTY_GIFTS: readonly Gift[] = [];
const EMPTY_SEATS: readonly Seat[] = [];
const NO_PENDING: Readonly<Record<string, number>> = {};

/**
 * @summary The gift sheet: pick a gift, a quantity and someone on a seat, see your balance, send.
 *
 * @description Shows the room's catalog (`room.gifts$`, loaded from the server) as a grid with icon, name, price and
 * level, split into category tabs when the catalog has categories. The receiver is anyone seated except me (the
 * host by default). Sending first dispatches a cancelable `vr-gift-send`; unless a listener prevents it the panel
 * calls `room.sendGift()`, shows a spinner while it is pending and the documented message if it fails (for
 * example -2902, not enough coins). When the balance does not cover the selection the send button is disabled and
 * the recharge control is offered instead: it fires `vr-gift-recharge` for the product's own payment flow.
 *
 * @fires vr-gift-send - Intent to send `{gift, count, receiverId, amount}`. Cancelable: cancel to run your own flow.
 * @fires vr-gift-recharge - The user asked for more coins (no default action).
 * @fires vr-command-error - A send failed (detail: key `send`, code, message); the panel shows the message too.
 * @fires vr-gift-error - A send failed, with the gift id; kept for pages that listen for it (superseded by `vr-command-error`).
 *
 * @slot recharge - Replaces the recharge button (for example a link to the product's store).
 * @slot header - Extra content at the end of the header row.
 *
 * @csspart base - The panel.
 * @csspart receivers - The receiver picker.
 * @csspart receiver - Each receiver.
 * @csspart tabs - The category tabs.
 * @csspart tab - Each category tab.
 * @csspart grid - The gift grid.
 * @csspart gift - Each gift.
 * @csspart level - The level badge of a gift.
 * @csspart balance - The balance display.
 * @csspart recharge - The default recharge button.
 * @csspart count - The quantity selector.
 * @csspart send - The send button.
 * @csspart alert - The error or insufficient-balance message.
 *
 * @cssproperty --vr-gift-panel-bg - Panel background.
 * @cssproperty --vr-gift-panel-grid-height - Height of the scrolling gift grid (default 228px).
 * @cssproperty --vr-gift-panel-columns - Minimum gift cell width (default 76px).
 * @cssproperty --vr-gradient-accent - Send button and selection colours.
 */
@customElement('vr-gift-panel')
export class VrGiftPanel extends VrElement {
  static override shadowRootOptions: ShadowRootInit = { ...VrElement.shadowRootOptions, delegatesFocus: true };
  static override styles = styles;

  /** The quantities offered. */
  @property({ attribute: false }) counts: readonly number[] = GIFT_COUNTS;

  /** The chosen receiver; unset (or no longer seated) means the host, or the first person seated. */
  @property({ attribute: 'receiver-id', reflect: true }) receiverId: string | undefined;

  /** The chosen gift; unset means the first gift of the current tab. */
  @property({ attribute: 'gift-id', reflect: true }) giftId: string | undefined;

  /** The chosen quantity. */
  @property({ type: Number, reflect: true }) count = 1;

  /** The category tab shown; unset means the first. */
  @property({ reflect: true }) category: string | undefined;

  /**
   * Sending: busy while in flight, and the failure's message, which stays until the selection changes or the next
   * send (the panel is a sheet the user looks at, not a passing toast).
   */
  readonly #commands = new IntentController(this);

  readonly #gifts = this.observe((room) => room.gifts$, EMPTY_GIFTS);
  readonly #balance = this.observe((room) => room.balance$, null as number | null);
  readonly #seats = this.observe((room) => room.seats$, EMPTY_SEATS);
  readonly #info = this.observe((room) => room.liveInfo$, null as LiveInfo | null);
  readonly #pending = this.observe((room) => room.pending$, NO_PENDING);
  readonly #catalogRequested = new WeakSet<Room>();

  /** People I can send to: everyone seated except me, host first (only the host where the backend says so). */
  get receivers(): UserInfo[] {
    const room = this.activeRoom;
    return giftReceivers(
      this.#seats.value,
      this.#info.value?.owner ?? null,
      room?.user.userId,
      room?.backend.giftReceivers,
    );
  }

  /** The receiver a send goes to now. */
  get receiver(): UserInfo | null {
    const receivers = this.receivers;
    return receivers.find((u) => u.userId === this.receiverId) ?? receivers[0] ?? null;
  }

  /** Category tabs, in catalog order (empty when the catalog has fewer than two). */
  get categories(): string[] {
    return giftCategories(this.#gifts.value);
  }

  get currentCategory(): string | null {
    const categories = this.categories;
    if (categories.length === 0) return null;
    return this.category !== undefined && categories.includes(this.category) ? this.category : categories[0]!;
  }

  /** The gifts of the current tab. */
  get visibleGifts(): readonly Gift[] {
    const category = this.currentCategory;
    const gifts = this.#gifts.value;
    return category === null ? gifts : gifts.filter((g) => (g.category ?? UNCATEGORIZED) === category);
  }

  /** The gift a send would send. */
  get gift(): Gift | null {
    const visible = this.visibleGifts;
    return visible.find((g) => g.giftId === this.giftId) ?? visible[0] ?? null;
  }

  /** Coins the selection costs. */
  get amount(): number {
    return (this.gift?.price ?? 0) * this.count;
  }

  /** The balance is known and does not cover the selection. */
  get insufficient(): boolean {
    const balance = this.#balance.value;
    return balance !== null && this.gift !== null && this.amount > balance;
  }

  get busy(): boolean {
    const gift = this.gift;
    return (
      this.#commands.busy('send') || (!!gift && isPendingIn(this.#pending.value, pendingKey.giftSend(gift.giftId)))
    );
  }

  /** Sends the current selection (what the send button does): event first, then the room command. */
  async send(): Promise<void> {
    const room = this.activeRoom;
    const gift = this.gift;
    const receiver = this.receiver;
    if (!room || !gift || !receiver || this.busy || this.insufficient) return;
    const detail = { gift, count: this.count, receiverId: receiver.userId, amount: this.amount };
    await this.#commands.run('send', {
      intent: () => new VrGiftSendEvent(detail),
      command: () => room.sendGift({ giftId: gift.giftId, count: detail.count, receiverId: detail.receiverId }),
      show: 'sticky',
      onError: ({ code, message }) => this.dispatchEvent(new VrGiftErrorEvent({ giftId: gift.giftId, code, message })),
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A panel shown before the catalog arrived (or with a room that skipped it) asks once per room.
    const room = this.activeRoom;
    if (room && this.#gifts.value.length === 0 && room.state.phase === 'live' && !this.#catalogRequested.has(room)) {
      this.#catalogRequested.add(room);
      room.loadGifts().catch(() => undefined);
    }
  }

  protected override render() {
    const gifts = this.#gifts.value;
    const phase = this.activeRoom?.state.phase;
    return html`
      <section part="base" class="panel" aria-label=${msg('gift.panel')}>
        <header class="head">
          ${this.#renderReceivers()}
          <slot name="header"></slot>
        </header>
        ${this.#renderTabs()}
        ${
          gifts.length === 0
            ? html`<p class="empty">${phase === 'live' || phase === undefined ? msg('gift.loading') : msg('gift.empty')}</p>`
            : this.#renderGrid()
        }
        ${this.#renderAlert()}
        ${this.#renderFooter()}
      </section>
    `;
  }

  #renderReceivers() {
    return receiverChoice({
      receivers: this.receivers,
      chosen: this.receiver,
      owner: this.#info.value?.owner.userId,
      choose: this.#chooseReceiver,
      keys: this.#receiverKeys,
    });
  }

  #renderTabs() {
    return categoryTabs(this.categories, this.currentCategory, this.#chooseCategory, this.#tabKeys);
  }

  #renderGrid() {
    const category = this.currentCategory;
    const label = category !== null ? categoryLabel(category) : msg('gift.list');
    return giftGrid(this.visibleGifts, this.gift, label, this.#chooseGift, this.#giftKeys);
  }

  /**
   * A failed send (alert) and the balance not covering the choice (status), each in a live region that is there,
   * empty, from the first render: a screen reader announces a change to a region it knows, not one created (or
   * filled in the same task) with its text.
   */
  #renderAlert() {
    const error = this.#commands.error;
    return html`
      <div class="alert-region" role="alert">${
        error
          ? html`<p part="alert" class="alert">
        <span>${error.message}</span>
        <button class="dismiss" aria-label=${msg('alert.dismiss')} data-focus-ring @click=${() => this.#commands.dismiss()}>×</button>
      </p>`
          : nothing
      }</div>
      <div class="alert-region" role="status">${
        !error && this.insufficient
          ? html`<p part="alert" class="alert warn">${msg('gift.insufficient', { needed: this.amount })}</p>`
          : nothing
      }</div>
    `;
  }

  #renderFooter() {
    const balance = this.#balance.value;
    const gift = this.gift;
    const receiver = this.receiver;
    const busy = this.busy;
    const disabled = !gift || !receiver || busy || this.insufficient || !this.activeRoom;
    const label =
      gift && receiver
        ? msg('gift.sendLabel', {
            count: this.count,
            name: gift.name,
            receiver: receiver.userName,
            amount: this.amount,
          })
        : msg('gift.choose');
    return html`
      <footer class="foot">
        <span part="balance" class="balance" aria-label=${balance === null ? msg('gift.balance') : msg('gift.balanceLabel', { coins: balance })}>
          ${coinIcon}<span class="coins">${balance === null ? '…' : formatNumber(balance)}</span>
        </span>
        <slot name="recharge">
          <button part="recharge" class=${classMap({ recharge: true, urge: this.insufficient })} data-focus-ring @click=${this.#recharge}>
            ${msg('gift.recharge')}<span aria-hidden="true">›</span>
          </button>
        </slot>
        <span class="spacer"></span>
        <span class="send-group">
          <select part="count" class="count" aria-label=${msg('gift.count')} data-focus-ring @change=${this.#onCount}>
            ${this.counts.map((n) => html`<option value=${n} ?selected=${n === this.count}>${msg('gift.countOption', { count: String(n) })}</option>`)}
          </select>
          <button
            part="send"
            class="send"
            aria-label=${label}
            aria-busy=${busy ? 'true' : 'false'}
            ?disabled=${disabled}
            data-focus-ring
            @click=${() => void this.send()}
          >
            ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
            <span>${busy ? msg('gift.sending') : msg('gift.send')}</span>
          </button>
        </span>
      </footer>
    `;
  }

  readonly #chooseReceiver = (userId: string): void => {
    this.receiverId = userId;
  };

  readonly #chooseCategory = (category: string): void => {
    this.category = category;
  };

  readonly #chooseGift = (giftId: string): void => {
    this.giftId = giftId;
    this.#commands.dismiss();
  };

  readonly #onCount = (event: Event) => {
    this.count = Number((event.target as HTMLSelectElement).value);
    this.#commands.dismiss();
  };

  readonly #recharge = () => {
    this.dispatchEvent(new VrGiftRechargeEvent({ balance: this.#balance.value, needed: this.gift ? this.amount : 0 }));
  };

  /** Columns of the gift grid as laid out now (for up/down arrows). */
  #columns(): number {
    const grid = this.renderRoot.querySelector<HTMLElement>('.grid');
    if (!grid) return 1;
    return Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length);
  }

  /** Arrow keys for a choice; the option moved to gets focus once rendered. */
  #keysFor(columns: () => number, selector: string) {
    return rovingKeys(columns, (index) => {
      void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLElement>(selector)[index]?.focus());
    });
  }

  readonly #receiverKeys = this.#keysFor(() => 1, '.receiver');
  readonly #tabKeys = this.#keysFor(() => 0, '.tab');
  readonly #giftKeys = this.#keysFor(() => this.#columns(), '.gift');
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-gift-panel': VrGiftPanel;
  }
}
