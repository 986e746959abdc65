import { type PropertyValues, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type Observable, asyncScheduler, throttleTime } from 'rxjs';
import { ErrorCode, type Me, type Room, type RoomPhase, normalizeBarrage, systemClock } from '../../src/index.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { IntentController } from '../controllers/intent-controller.js';
import { LazyPart } from '../controllers/lazy-part.js';
import { VrBarrageSendEvent } from '../events/barrage-send.js';
import { msg } from '../i18n/locale.js';
import { styles } from './barrage.styles.js';
import './strings.js'; // before anything renders (addStrings)
import type { BarrageBlock } from './block.js';
import { ComposerBlockController, clockText } from './composer-block.js';
import { type BlockReason, ComposerController } from './composer.js';
import { EntryList, plainNotice } from './entry-list.js';
import { EMPTY_FEED, type Feed, type FeedEntry, barrageFeed } from './feed.js';

/** Distance from the bottom (px) that still counts as "at the bottom", so sub-pixel layouts do not pause. */
const BOTTOM_SLACK = 24;
/** The least time between two changes of the list in a busy room (see `feed`). */
const BUSY_LIST_MS = 150;

const NOBODY: Me | null = null;

/**
 * @summary The room's live chat: messages and system notices, newest at the bottom, with a composer.
 *
 * @description Shows the last messages of the room (the snapshot's history on join, then every new one in the
 * server's order) interleaved with system notices derived from room events: who joined, took, moved or left a
 * seat, and every gift (the gift echo). The list follows new messages until the user scrolls up; then it keeps
 * its place and a "N new messages" pill jumps back down. It never holds more than `max` entries, however long
 * the room runs: the oldest are dropped and the scroll position stays where the reader left it. In a busy room
 * the list moves at most every 150 ms, taking everything that arrived meanwhile in one step.
 *
 * Text is always rendered as text, never as HTML. The composer counts code points (an emoji is one character,
 * 200 at most), sends on Enter (not while an IME is composing), has a keyboard-operable emoji picker, and is
 * disabled with the reason shown when the room is muted, I am muted (with the time left), I was rate limited,
 * or I have not joined.
 *
 * @fires vr-barrage-send - Before a message is sent; cancel to send nothing (or send it your own way).
 * @fires vr-command-error - Sending failed (detail: key `send`, code, message), a rate limit or mute included.
 *
 * @csspart base - The whole element.
 * @csspart list - The scrolling message log.
 * @csspart message - Each chat message.
 * @csspart notice - Each system notice (joined, seat, gift).
 * @csspart badge - The host/admin badge of a message.
 * @csspart name - The sender's name.
 * @csspart text - The message text.
 * @csspart pill - The "N new messages" button.
 * @csspart reason - Why the composer is disabled.
 * @csspart composer - The input row.
 * @csspart input - The text input.
 * @csspart counter - The length counter.
 * @csspart send-button - The send button.
 * @csspart emoji-button - The button that opens the emoji picker.
 * @csspart emoji-picker - The emoji grid.
 *
 * @cssstate paused - The user scrolled up: the list keeps its place and the pill counts what arrives below.
 * @cssstate blocked - The composer is disabled, for the reason one of the `blocked-*` states names.
 * @cssstate blocked-not-joined - Not in the room (yet).
 * @cssstate blocked-room-muted - The owner muted the room's chat.
 * @cssstate blocked-muted - I am muted (the reason shows the time left).
 * @cssstate blocked-rate-limited - The server refused a message as too fast; the cooldown runs.
 *
 * @cssproperty --vr-barrage-bubble-bg - Background of a message bubble.
 * @cssproperty --vr-barrage-notice-color - Text colour of system notices.
 * @cssproperty --vr-barrage-gift-bg - Background of gift echoes.
 * @cssproperty --vr-gradient-accent - Host badge, send button and pill.
 * @cssproperty --vr-color-surface - Composer and picker surface.
 */
@customElement('vr-barrage')
export class VrBarrage extends VrElement {
  static override styles = styles;

  /** The most entries (messages and notices) kept in the list and the DOM. */
  @property({ type: Number }) max = 200;

  /** How long (ms) the composer stays disabled after the server refused a message as too fast. */
  @property({ type: Number, attribute: 'rate-limit-cooldown' }) rateLimitCooldown = 3_000;

  /** Hides the composer (a read-only chat, e.g. on a big screen). */
  @property({ type: Boolean, attribute: 'no-composer', reflect: true }) noComposer = false;

  /** The user scrolled up: the list keeps its place and counts what arrives below (`:state(paused)`). */
  get paused(): boolean {
    return this.scrolledUp;
  }

  /** Why the composer is disabled on screen, or nothing (`:state(blocked)` and `:state(blocked-<reason>)`). */
  get blocked(): BarrageBlock | undefined {
    return this.#shownBlock;
  }

  @state() private scrolledUp = false;
  #shownBlock: BarrageBlock | undefined;

  @query('.scroller') private scroller!: HTMLElement;
  @query('ul.entries') private list!: HTMLUListElement;

  /** Output-only state for styles (`vr-barrage:state(paused)`): set by the barrage alone, never by a page. */
  readonly #states = new HostStates(this.attachInternals());

  /**
   * The feed reaches the list at most every BUSY_LIST_MS: the first entry of a burst at once, then what arrived
   * meanwhile in one step. Each list change scrolls the whole log, which a compositor without a GPU (most phones'
   * budget, and headless Chromium) redraws in full: at 50 messages a second that was a full redraw of the log on
   * every frame and cost the room a tenth of its frames; nobody reads faster than this cadence anyway.
   */
  readonly #feed = this.observe((room): Observable<Feed> => {
    // Moved in the page (disconnected, then connected again, a layout change): the same room's feed goes on from what
    // it showed, or the notices already shown would go (a new feed has the store's messages, not what happened).
    const start: Feed = room === this.#feedRoom ? this.#feed.value : EMPTY_FEED;
    this.#feedRoom = room;
    return barrageFeed(room, () => this.max, start).pipe(
      throttleTime(BUSY_LIST_MS, asyncScheduler, { leading: true, trailing: true }),
    );
  }, EMPTY_FEED);
  /** The room the feed was last made for. */
  #feedRoom: Room | undefined;
  readonly #me = this.observe((room) => room.me$, NOBODY);
  readonly #phase = this.observe((room) => room.phase$, 'idle' as RoomPhase);
  readonly #block = this.observe((room) => room.barrageBlock$, null as ErrorCode | null);

  /** Sending: busy while in flight, and the message of a failure that is not already a block reason. */
  readonly #commands = new IntentController(this);
  /** The text, Enter to send, the emoji picker. */
  readonly #composer = new ComposerController(this, {
    send: () => void this.send(),
    edited: () => this.#commands.dismiss(),
    importPicker: () => VrBarrage.importPicker(),
  });
  /** My mute's time left, and the cooldown after a rate limit. */
  readonly #timedBlocks = new ComposerBlockController(this);
  /** The list's entries, kept by hand (see EntryList). */
  readonly #entryList = new EntryList();
  /**
   * How a notice is drawn, and the "new messages" pill: a chunk of their own (log-part.ts), fetched when idle, by the
   * first notice, or when the reader scrolls up.
   */
  readonly #log = new LazyPart(
    this,
    () => VrBarrage.importLog(),
    // After a failed fetch, the network coming back draws notices shown in words in full, and brings the pill.
    () => this.#entryList.plain || this.unseen > 0,
  );

  /** `added` when the user paused; the pill shows how many arrived since. */
  #addedAtPause = 0;
  #anchor: { id: string; offset: number } | null = null;
  #lastFeed: Feed = EMPTY_FEED;
  /** Notices left out of the list until the log's part is there: its arrival puts them in, above the reader maybe. */
  #noticesWaiting = false;
  /** `added` and the time when the log's part was last asked for again for the pill, after a failed fetch. */
  #pillRetry = { added: -1, at: -Infinity };
  #resizeObserver: ResizeObserver | undefined;

  /** @internal Imports the composer's part, the emoji picker and counter (a static so a test can make a fetch fail). */
  static importPicker = () => import('./composer-part.js');
  /** @internal Imports the log's part, notices and pill (likewise). */
  static importLog = () => import('./log-part.js');

  /** The entries currently in the list (messages and notices, oldest first). */
  get entries(): readonly FeedEntry[] {
    return this.#feed.value.entries;
  }

  /** Entries that arrived below while the user was scrolled up. */
  get unseen(): number {
    return this.scrolledUp ? Math.max(0, this.#feed.value.added - this.#addedAtPause) : 0;
  }

  /** The composer's text length in code points, as the server counts it. */
  get length(): number {
    return this.#composer.length;
  }

  /** Why sending is not possible right now, or null. */
  get blockReason(): BlockReason | null {
    if (!this.activeRoom || this.#phase.value !== 'live')
      return { kind: 'not-joined', text: msg('barrage.blocked.notJoined') };
    const code = this.#block.value;
    if (code === ErrorCode.MEMBER_MUTED)
      return {
        kind: 'muted',
        text: msg('barrage.blocked.muted', { time: clockText(this.#timedBlocks.muteRemaining()) }),
      };
    if (code === ErrorCode.ROOM_MUTED) return { kind: 'room-muted', text: msg('barrage.blocked.roomMuted') };
    if (this.#timedBlocks.rateLimited) return { kind: 'rate-limited', text: msg('barrage.blocked.rateLimited') };
    return null;
  }

  /** Scrolls to the newest entry and follows new ones again. */
  scrollToLatest(): void {
    this.scrolledUp = false;
    this.#followBottom();
  }

  /** Sends the composer's text (as pressing Enter does). Resolves when the server answered. */
  async send(): Promise<void> {
    const room = this.activeRoom;
    const normalized = normalizeBarrage(this.#composer.text);
    if (!room || !normalized.ok || this.blockReason) return;
    const text = normalized.state;
    await this.#commands.run('send', {
      intent: () => new VrBarrageSendEvent({ text }),
      command: () => {
        this.#composer.text = '';
        // My own message is what I want to see, wherever I had scrolled.
        this.scrollToLatest();
        return room.sendBarrage(text);
      },
      // Rate limits and mutes show as the composer's block reason, not as an error on top of it.
      show: 'silent',
      onError: (failure) => {
        // Give the text back unless the user already started a new one.
        if (!this.#composer.text) this.#composer.text = text;
        if (failure.code === ErrorCode.RATE_LIMITED)
          this.#timedBlocks.startCooldown(this.activeRoom?.clock ?? systemClock, this.rateLimitCooldown);
        else if (failure.code !== ErrorCode.ROOM_MUTED && failure.code !== ErrorCode.MEMBER_MUTED)
          this.#commands.showFailure(failure);
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
  }

  protected override roomChanged(_room: Room | undefined): void {
    this.scrolledUp = false;
    this.#addedAtPause = 0;
    this.#lastFeed = EMPTY_FEED;
  }

  /**
   * At hundreds of messages a second, rendering per message would lay out the list several times a frame: after
   * the first render, updates wait for the next animation frame (or 100 ms, should frames stop in a hidden tab)
   * and take everything that arrived meanwhile at once.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated && typeof requestAnimationFrame === 'function') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#timedBlocks.trackMute(
      this.#block.value === ErrorCode.MEMBER_MUTED,
      this.#me.value?.mutedUntil ?? 0,
      () => this.activeRoom?.state.now ?? Date.now(),
    );
    this.#shownBlock = this.blockReason?.kind;
    this.#states.toggle('blocked', this.#shownBlock !== undefined);
    this.#states.choose('blocked', this.#shownBlock);
    this.#states.toggle('paused', this.scrolledUp);
    if (this.#shownBlock) this.#composer.closePicker();
    // Before the DOM changes: remember which entry is at the top of the view, to put it back there afterwards.
    const feed = this.#feed.value;
    this.#anchor = null;
    if ((feed !== this.#lastFeed || this.#noticesWaiting || this.#entryList.plain) && this.scrolledUp && this.scroller)
      this.#anchor = this.#topVisible();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const feed = this.#feed.value;
    this.#lastFeed = feed;
    if (!this.noComposer && !this.#shownBlock) this.#composer.prefetch();
    const log = this.#log;
    log.prefetchWhenIdle();
    if (!this.scroller) return;
    // A notice before its chunk: fetched now (it updates the barrage when there, or after failing: words alone).
    const builder = log.module?.noticeNode ?? (log.error === null ? undefined : plainNotice);
    this.#noticesWaiting = this.list ? this.#entryList.sync(this.list, feed.entries, builder) : false;
    if (this.#noticesWaiting) void log.fetch();
    // The pill's part failed to come (offline for a moment): what arrives below asks again, at most once a second,
    // so a reader scrolled up still learns of it once the network is back. A failure alone asks for nothing.
    const retry = this.#pillRetry;
    if (this.unseen > 0 && log.error !== null && !log.loading && feed.added !== retry.added) {
      const now = performance.now();
      if (now - retry.at >= 1_000) {
        this.#pillRetry = { added: feed.added, at: now };
        void log.fetch();
      }
    }
    if (!this.#resizeObserver && typeof ResizeObserver === 'function') {
      // The list resized (the page, or the composer's reason row): a reader following the bottom stays there.
      this.#resizeObserver = new ResizeObserver(() => this.#followBottom());
      this.#resizeObserver.observe(this.scroller);
    }
    // Pinned to the bottom whatever changed: new entries, or the reason row taking room from the list.
    this.#followBottom();
    if (this.scrolledUp && this.#anchor) {
      const el = this.scroller.querySelector<HTMLElement>(`[data-id="${CSS.escape(this.#anchor.id)}"]`);
      // The anchor itself was trimmed: the reader was at the very top of what is left.
      this.scroller.scrollTop = el ? el.offsetTop - this.#anchor.offset : 0;
    }
  }

  protected override render() {
    const entries = this.#feed.value.entries;
    const unseen = this.unseen;
    return html`
      <div class="frame" part="base">
        <div class="log">
        <div class="scroller" part="list" role="log" aria-label=${msg('barrage.log')} tabindex="0" @scroll=${this.#onScroll}>
          ${entries.length === 0 ? html`<p class="empty">${msg('barrage.empty')}</p>` : nothing}
          <ul class="entries"></ul>
        </div>
        ${(unseen > 0 && this.#log.module?.newMessagesPill(unseen, this)) || nothing}
        </div>
        ${this.noComposer ? nothing : this.#composer.render(this.blockReason, this.#commands.error?.message ?? null)}
      </div>
    `;
  }

  // ---- scrolling ----

  #onScroll = (): void => {
    const el = this.scroller;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    if (atBottom && this.scrolledUp) this.scrolledUp = false;
    else if (!atBottom && !this.scrolledUp) {
      this.scrolledUp = true;
      this.#addedAtPause = this.#feed.value.added;
      // The pill comes with the log's part: here before anything arrives below, if the idle fetch has not brought it.
      void this.#log.fetch();
    }
  };

  /** Unless the reader scrolled up, the list shows its bottom. */
  #followBottom(): void {
    if (!this.scrolledUp && this.scroller) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /** The first entry whose bottom is below the top of the view, and how far its top is from the view's top. */
  #topVisible(): { id: string; offset: number } | null {
    const top = this.scroller.scrollTop;
    const items = this.scroller.querySelectorAll<HTMLElement>('li.entry');
    // Binary search: entries are laid out top to bottom.
    let lo = 0;
    let hi = items.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = items[mid]!;
      if (item.offsetTop + item.offsetHeight > top) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    if (found < 0) return null;
    const item = items[found]!;
    return { id: item.dataset['id']!, offset: item.offsetTop - top };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-barrage': VrBarrage;
  }
}
