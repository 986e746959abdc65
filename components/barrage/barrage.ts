import { type PropertyValues, html, nothing, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { asyncScheduler, throttleTime } from 'rxjs';
import { type Clock, ErrorCode, type Me, type Room, type RoomPhase, normalizeBarrage, systemClock } from '../../src/index.js';
import { MAX_BARRAGE_LENGTH } from '../../src/index.js';
import { hueOf } from '../base/identity.js';
import { HostStates } from '../base/states.js';
import { VrElement } from '../base/vr-element.js';
import { IntentController } from '../controllers/intent-controller.js';
import { VrBarrageSendEvent } from '../events/barrage-send.js';
import { formatNumber, getLocale, msg, msgParts } from '../i18n/locale.js';
import { styles } from './barrage.styles.js';
import { EMPTY_FEED, type Feed, type FeedEntry, type FeedNotice, barrageFeed } from './feed.js';

/** A small built-in set: faces, hands, hearts and party things people use most in live rooms. */
export const BARRAGE_EMOJI: readonly string[] = [
  '😀', '😂', '🤣', '😊', '😍', '🥰', '😘', '😎',
  '🤩', '🥳', '😭', '😅', '😉', '🤔', '😮', '😱',
  '👍', '👏', '🙌', '🙏', '💪', '🤝', '👋', '✌️',
  '❤️', '💖', '🔥', '✨', '🎉', '🌹', '🎵', '💯',
];
const EMOJI_COLUMNS = 8;
/** Distance from the bottom (px) that still counts as "at the bottom", so sub-pixel layouts do not pause. */
const BOTTOM_SLACK = 24;
/** The least time between two changes of the list in a busy room (see `feed`). */
const BUSY_LIST_MS = 150;
/** Entries closer together than this are a busy room: they appear without the slide-in. */
const CALM_MS = 250;

/** Why the composer is disabled. */
export const BarrageBlock = {
  notJoined: 'not-joined',
  roomMuted: 'room-muted',
  muted: 'muted',
  rateLimited: 'rate-limited',
} as const;
export type BarrageBlock = (typeof BarrageBlock)[keyof typeof BarrageBlock];

const NOBODY: Me | null = null;

/** `m:ss` (or `h:mm:ss`): short, unambiguous in every locale, and it ticks visibly. */
function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const smileIcon = svg`<circle cx="12" cy="12" r="9"/><path d="M8.5 14.5c.9 1.2 2.1 1.8 3.5 1.8s2.6-.6 3.5-1.8"/><circle cx="9" cy="10" r=".6" fill="currentColor"/><circle cx="15" cy="10" r=".6" fill="currentColor"/>`;
const sendIcon = svg`<path d="M4.5 12 20 4.5 15.5 20l-3-6.5z"/><path d="m12.5 13.5 7.5-9"/>`;
const lockIcon = svg`<rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`;
const clockIcon = svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>`;
const arrowDown = svg`<path d="M12 5v14M6 13l6 6 6-6"/>`;
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Path data of the notice icons (the 24×24 stroke family of the room's icons): a door for arrivals, a mic, a gift. */
const NOTICE_ICONS: Readonly<Record<FeedNotice['notice'], readonly string[]>> = {
  joined: ['M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4', 'M10 8l4 4-4 4M14 12H4'],
  seat: ['M9 3.5a3 3 0 0 1 6 0V11a3 3 0 0 1-6 0z', 'M5 11a7 7 0 0 0 14 0M12 18v3'],
  gift: ['M4.5 8h15a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z', 'M5 12v7.5a1.5 1.5 0 0 0 1.5 1.5h11a1.5 1.5 0 0 0 1.5-1.5V12M12 8v13', 'M12 8S10.5 3.5 8 3.5a2.25 2.25 0 0 0 0 4.5M12 8s1.5-4.5 4-4.5a2.25 2.25 0 0 1 0 4.5'],
};
const icon = (body: unknown) => html`<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

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
    return this.shownBlock;
  }

  @state() private scrolledUp = false;
  private shownBlock: BarrageBlock | undefined;
  @state() private text = '';
  @state() private emojiOpen = false;
  @state() private emojiIndex = 0;
  @state() private rateLimited = false;

  @query('.scroller') private scroller!: HTMLElement;
  @query('ul.entries') private list!: HTMLUListElement;
  @query('input.input') private input!: HTMLInputElement;

  /** Output-only state for styles (`vr-barrage:state(paused)`): set by the barrage alone, never by a page. */
  private readonly states = new HostStates(this.attachInternals());

  /**
   * The feed reaches the list at most every BUSY_LIST_MS: the first entry of a burst at once, then what arrived
   * meanwhile in one step. Each list change scrolls the whole log, which a compositor without a GPU (most phones'
   * budget, and headless Chromium) redraws in full: at 50 messages a second that was a full redraw of the log on
   * every frame and cost the room a tenth of its frames; nobody reads faster than this cadence anyway.
   */
  private readonly feed = this.observe(
    (room) => barrageFeed(room, () => this.max).pipe(throttleTime(BUSY_LIST_MS, asyncScheduler, { leading: true, trailing: true })),
    EMPTY_FEED,
  );
  private readonly me = this.observe((room) => room.me$, NOBODY);
  private readonly phase = this.observe((room) => room.phase$, 'idle' as RoomPhase);
  private readonly block = this.observe((room) => room.barrageBlock$, null as ErrorCode | null);

  /** `added` when the user paused; the pill shows how many arrived since. */
  private addedAtPause = 0;
  private anchor: { id: string; offset: number } | null = null;
  private lastFeed: Feed = EMPTY_FEED;
  private muteBase: { until: number; roomNow: number; at: number } | null = null;
  private muteTicker: ReturnType<typeof setInterval> | undefined;
  /** The cooldown's timer, with the clock that armed it (the room's, so tests drive it with their manual clock). */
  private rateTimer: { clock: Clock; handle: unknown } | undefined;
  /** Sending: busy while in flight, and the message of a failure that is not already a block reason. */
  private readonly commands = new IntentController(this);
  private selection: [number, number] | null = null;
  /** The <li> of every entry on screen, by entry id (see syncEntries). */
  private readonly nodes = new Map<string, HTMLLIElement>();
  private nodesLocale = '';
  private lastAppend = -Infinity;
  private resizeObserver: ResizeObserver | undefined;

  /** The entries currently in the list (messages and notices, oldest first). */
  get entries(): readonly FeedEntry[] {
    return this.feed.value.entries;
  }

  /** Entries that arrived below while the user was scrolled up. */
  get unseen(): number {
    return this.scrolledUp ? Math.max(0, this.feed.value.added - this.addedAtPause) : 0;
  }

  /** The composer's text length in code points, as the server counts it. */
  get length(): number {
    return [...this.text.trim()].length;
  }

  /** Why sending is not possible right now, or null. */
  get blockReason(): { kind: BarrageBlock; text: string } | null {
    if (!this.activeRoom || this.phase.value !== 'live') return { kind: 'not-joined', text: msg('barrage.blocked.notJoined') };
    const code = this.block.value;
    if (code === ErrorCode.MEMBER_MUTED) return { kind: 'muted', text: msg('barrage.blocked.muted', { time: clockText(this.muteRemaining()) }) };
    if (code === ErrorCode.ROOM_MUTED) return { kind: 'room-muted', text: msg('barrage.blocked.roomMuted') };
    if (this.rateLimited) return { kind: 'rate-limited', text: msg('barrage.blocked.rateLimited') };
    return null;
  }

  /** Scrolls to the newest entry and follows new ones again. */
  scrollToLatest(): void {
    this.scrolledUp = false;
    if (this.scroller) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /** Sends the composer's text (as pressing Enter does). Resolves when the server answered. */
  async send(): Promise<void> {
    const room = this.activeRoom;
    const normalized = normalizeBarrage(this.text);
    if (!room || !normalized.ok || this.blockReason) return;
    const text = normalized.state;
    await this.commands.run('send', {
      intent: () => new VrBarrageSendEvent({ text }),
      command: () => {
        this.text = '';
        // My own message is what I want to see, wherever I had scrolled.
        this.scrollToLatest();
        return room.sendBarrage(text);
      },
      // Rate limits and mutes show as the composer's block reason, not as an error on top of it.
      show: 'silent',
      onError: (failure) => {
        // Give the text back unless the user already started a new one.
        if (!this.text) this.text = text;
        if (failure.code === ErrorCode.RATE_LIMITED) this.startCooldown();
        else if (failure.code !== ErrorCode.ROOM_MUTED && failure.code !== ErrorCode.MEMBER_MUTED) this.commands.showFailure(failure);
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    clearInterval(this.muteTicker);
    this.stopCooldown();
    this.muteTicker = undefined;
    this.rateLimited = false;
  }

  protected override roomChanged(_room: Room | undefined): void {
    this.scrolledUp = false;
    this.addedAtPause = 0;
    this.lastFeed = EMPTY_FEED;
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
    this.trackMute();
    this.shownBlock = this.blockReason?.kind;
    this.states.toggle('blocked', this.shownBlock !== undefined);
    this.states.choose('blocked', this.shownBlock);
    this.states.toggle('paused', this.scrolledUp);
    if (this.shownBlock) this.emojiOpen = false;
    // Before the DOM changes: remember which entry is at the top of the view, to put it back there afterwards.
    const feed = this.feed.value;
    this.anchor = null;
    if (feed !== this.lastFeed && this.scrolledUp && this.scroller) this.anchor = this.topVisible();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const feed = this.feed.value;
    this.lastFeed = feed;
    if (!this.scroller) return;
    this.syncEntries(feed.entries);
    if (!this.resizeObserver && typeof ResizeObserver === 'function') {
      // The list resized (the page, or the composer's reason row): a reader following the bottom stays there.
      this.resizeObserver = new ResizeObserver(() => {
        if (!this.scrolledUp && this.scroller) this.scroller.scrollTop = this.scroller.scrollHeight;
      });
      this.resizeObserver.observe(this.scroller);
    }
    if (!this.scrolledUp) {
      // Pinned to the bottom whatever changed: new entries, or the reason row taking room from the list.
      this.scroller.scrollTop = this.scroller.scrollHeight;
    } else if (this.anchor) {
      const el = this.scroller.querySelector<HTMLElement>(`[data-id="${CSS.escape(this.anchor.id)}"]`);
      // The anchor itself was trimmed: the reader was at the very top of what is left.
      this.scroller.scrollTop = el ? el.offsetTop - this.anchor.offset : 0;
    }
  }

  protected override render() {
    const entries = this.feed.value.entries;
    const unseen = this.unseen;
    return html`
      <div class="frame" part="base">
        <div class="log">
        <div class="scroller" part="list" role="log" aria-label=${msg('barrage.log')} tabindex="0" @scroll=${this.onScroll}>
          ${entries.length === 0 ? html`<p class="empty">${msg('barrage.empty')}</p>` : nothing}
          <ul class="entries"></ul>
        </div>
        ${unseen > 0
          ? html`<button class="pill" part="pill" type="button" data-focus-ring @click=${this.onPill}>
              ${icon(arrowDown)}<span>${unseen === 1 ? msg('barrage.newMessage') : msg('barrage.newMessages', { n: unseen > 99 ? '99+' : unseen })}</span>
            </button>`
          : nothing}
        </div>
        ${this.noComposer ? nothing : this.renderComposer()}
      </div>
    `;
  }

  /**
   * Entries are the bulk of the DOM (up to `max` of them, replaced at hundreds per second in a busy room), so they
   * are kept by hand rather than with lit's `repeat`: lit-html 3.3.1+ leaves one comment marker behind for every
   * item `repeat` removes (lit/lit#5298), which grows the DOM without bound under exactly this churn. The feed
   * only ever drops from the head and appends at the tail, so syncing is: remove what left, append what is new.
   * Text goes in through `textContent` only, never as HTML.
   */
  private syncEntries(entries: readonly FeedEntry[]): void {
    const list = this.list;
    if (!list) return;
    const locale = getLocale();
    if (locale !== this.nodesLocale) {
      // Notices and badges are words: a locale switch rebuilds them.
      this.nodesLocale = locale;
      for (const node of this.nodes.values()) node.remove();
      this.nodes.clear();
    }
    const keep = new Set<string>();
    for (const entry of entries) keep.add(entry.id);
    for (const [id, node] of this.nodes) {
      if (!keep.has(id)) {
        node.remove();
        this.nodes.delete(id);
      }
    }
    let fragment: DocumentFragment | null = null;
    // Entries slide in when the room is calm; in a busy room (entries less than CALM_MS apart) they just appear,
    // which spares the compositor an animation per message at hundreds per second.
    const now = performance.now();
    const still = now - this.lastAppend < CALM_MS;
    for (const entry of entries) {
      if (this.nodes.has(entry.id)) continue;
      const node = entry.kind === 'message' ? this.messageNode(entry) : this.noticeNode(entry);
      if (still) node.classList.add('still');
      this.lastAppend = now;
      this.nodes.set(entry.id, node);
      (fragment ??= this.ownerDocument.createDocumentFragment()).append(node);
    }
    if (fragment) list.append(fragment);
  }

  private element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
    const el = this.ownerDocument.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  private messageNode(e: Extract<FeedEntry, { kind: 'message' }>): HTMLLIElement {
    const { message } = e;
    const role = message.role;
    const li = this.element('li', e.mine ? 'entry message mine' : 'entry message');
    li.dataset['id'] = e.id;
    li.dataset['role'] = role;
    li.setAttribute('part', 'message');
    const bubble = this.element('span', 'bubble');
    if (role === 'owner' || role === 'admin') {
      const badge = this.element('span', `badge ${role}`, msg(role === 'owner' ? 'seat.role.owner' : 'seat.role.admin'));
      badge.setAttribute('part', 'badge');
      bubble.append(badge);
    }
    // Names and messages are user text: each in its own bidi isolate, so neither an RTL name nor a stray control
    // character can reorder the badge, the name or the message around it.
    const name = this.element('bdi', 'name', message.sender.userName);
    name.setAttribute('part', 'name');
    name.style.setProperty('--_hue', String(hueOf(message.sender.userId)));
    const text = this.element('bdi', 'text', message.text);
    text.setAttribute('part', 'text');
    bubble.append(name, text);
    li.append(bubble);
    return li;
  }

  private noticeNode(e: FeedNotice): HTMLLIElement {
    const li = this.element('li', `entry notice ${e.notice}`);
    li.dataset['id'] = e.id;
    li.setAttribute('part', 'notice');
    const bubble = this.element('span', 'bubble');
    if (e.iconUrl) {
      const img = this.element('img', 'gift-icon');
      img.src = e.iconUrl;
      img.alt = '';
      img.width = 20;
      img.height = 20;
      bubble.append(img);
    } else {
      bubble.append(this.noticeIcon(e.notice));
    }
    const sentence = this.element('span', '');
    for (const part of msgParts(e.key, e.params)) sentence.append(part.isolate ? this.element('bdi', '', part.text) : part.text);
    bubble.append(sentence);
    li.append(bubble);
    return li;
  }

  /**
   * The kit's own stroke icon for a notice, not an emoji: emoji glyphs show as empty boxes on machines without an
   * emoji font (many Linux desktops, kiosks). Built as DOM like the rest of the list, from constant markup only.
   */
  private noticeIcon(kind: FeedNotice['notice']): SVGSVGElement {
    const icon = this.ownerDocument.createElementNS(SVG_NS, 'svg');
    icon.setAttribute('class', 'glyph');
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('fill', 'none');
    icon.setAttribute('stroke', 'currentColor');
    icon.setAttribute('stroke-width', '2');
    icon.setAttribute('stroke-linecap', 'round');
    icon.setAttribute('stroke-linejoin', 'round');
    icon.setAttribute('aria-hidden', 'true');
    icon.setAttribute('focusable', 'false');
    icon.dataset['icon'] = kind;
    for (const d of NOTICE_ICONS[kind]) {
      const path = this.ownerDocument.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', d);
      icon.append(path);
    }
    return icon;
  }

  private renderComposer() {
    const reason = this.blockReason;
    const length = this.length;
    const over = length > MAX_BARRAGE_LENGTH;
    const canSend = !reason && length > 0 && !over;
    const error = this.commands.error?.message ?? null;
    const status = reason?.text ?? error ?? '';
    return html`
      <p class="reason ${status ? '' : 'idle'} ${reason?.kind ?? (error ? 'error' : '')}" part="reason" id="reason" role="status">
        ${status ? icon(reason?.kind === 'muted' || reason?.kind === 'rate-limited' ? clockIcon : lockIcon) : nothing}<span>${status}</span>
      </p>
      <form class="composer" part="composer" @submit=${this.onSubmit} @focusout=${this.onComposerFocusOut}>
        <button
          class="icon-button emoji-toggle"
          part="emoji-button"
          type="button"
          data-focus-ring
          aria-label=${msg('barrage.emoji')}
          aria-haspopup="dialog"
          aria-expanded=${this.emojiOpen ? 'true' : 'false'}
          aria-controls="emoji"
          ?disabled=${reason !== null}
          @click=${this.toggleEmoji}
        >
          ${icon(smileIcon)}
        </button>
        <div class="field ${over ? 'over' : ''}">
          <input
            class="input"
            part="input"
            type="text"
            autocomplete="off"
            enterkeyhint="send"
            .value=${live(this.text)}
            placeholder=${reason ? '' : msg('barrage.placeholder')}
            aria-label=${msg('barrage.inputLabel')}
            aria-describedby="counter reason"
            aria-invalid=${over ? 'true' : 'false'}
            ?disabled=${reason !== null}
            @input=${this.onInput}
            @keydown=${this.onKeydown}
            @select=${this.rememberSelection}
            @keyup=${this.rememberSelection}
            @pointerup=${this.rememberSelection}
          />
          <span class="counter ${over ? 'over' : ''} ${length === 0 ? 'zero' : ''}" part="counter" id="counter">
            <span aria-hidden="true">${over ? `−${formatNumber(length - MAX_BARRAGE_LENGTH)}` : `${formatNumber(length)}/${formatNumber(MAX_BARRAGE_LENGTH)}`}</span>
            <span class="visually-hidden">${over
              ? msg('barrage.tooLong', { n: length - MAX_BARRAGE_LENGTH })
              : msg('barrage.counter', { n: length, max: MAX_BARRAGE_LENGTH })}</span>
          </span>
        </div>
        <button class="send" part="send-button" type="submit" data-focus-ring aria-label=${msg('barrage.send')} ?disabled=${!canSend}>
          ${icon(sendIcon)}
        </button>
        ${this.emojiOpen ? this.renderPicker() : nothing}
      </form>
    `;
  }

  private renderPicker() {
    return html`<div class="emoji-picker" part="emoji-picker" id="emoji" role="dialog" aria-label=${msg('barrage.emojiPicker')} @keydown=${this.onPickerKeydown}>
      ${BARRAGE_EMOJI.map(
        (emoji, i) => html`<button
          type="button"
          class="emoji"
          data-focus-ring
          tabindex=${i === this.emojiIndex ? 0 : -1}
          @click=${() => this.pickEmoji(emoji)}
        >${emoji}</button>`,
      )}
    </div>`;
  }

  // ---- scrolling ----

  private onScroll = (): void => {
    const el = this.scroller;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    if (atBottom && this.scrolledUp) this.scrolledUp = false;
    else if (!atBottom && !this.scrolledUp) {
      this.scrolledUp = true;
      this.addedAtPause = this.feed.value.added;
    }
  };

  private onPill = (): void => {
    this.scrollToLatest();
    this.scroller.focus({ preventScroll: true });
  };

  /** The first entry whose bottom is below the top of the view, and how far its top is from the view's top. */
  private topVisible(): { id: string; offset: number } | null {
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

  // ---- composer ----

  private onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.send();
  };

  private onInput = (event: Event): void => {
    this.text = (event.target as HTMLInputElement).value;
    this.rememberSelection();
    this.commands.dismiss();
  };

  private onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') {
      // Sent here rather than through the form's implicit submission, which a browser skips whenever the default
      // button is (still) disabled, e.g. when Enter follows the input event before the re-render enabled it.
      event.preventDefault();
      // Enter that confirms an IME composition (Chinese, Japanese…) must not send the half-typed text.
      if (!event.isComposing && event.keyCode !== 229) {
        this.text = (event.target as HTMLInputElement).value;
        void this.send();
      }
    }
    if (event.key === 'Escape' && this.emojiOpen) this.emojiOpen = false;
  };

  private rememberSelection = (): void => {
    const input = this.input;
    if (input) this.selection = [input.selectionStart ?? input.value.length, input.selectionEnd ?? input.value.length];
  };

  private toggleEmoji = async (): Promise<void> => {
    this.emojiOpen = !this.emojiOpen;
    if (!this.emojiOpen) return;
    await this.updateComplete;
    this.pickerButtons()[this.emojiIndex]?.focus();
  };

  private pickerButtons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.emoji-picker button')];
  }

  private async pickEmoji(emoji: string): Promise<void> {
    const input = this.input;
    const [start, end] = this.selection ?? [input.value.length, input.value.length];
    input.setRangeText(emoji, start, end, 'end');
    this.text = input.value;
    this.emojiOpen = false;
    await this.updateComplete;
    input.focus();
    const caret = start + emoji.length;
    input.setSelectionRange(caret, caret);
    this.selection = [caret, caret];
  }

  private onPickerKeydown = (event: KeyboardEvent): void => {
    const buttons = this.pickerButtons();
    const count = buttons.length;
    let next = this.emojiIndex;
    switch (event.key) {
      case 'ArrowRight':
        next = (next + 1) % count;
        break;
      case 'ArrowLeft':
        next = (next - 1 + count) % count;
        break;
      case 'ArrowDown':
        next = Math.min(count - 1, next + EMOJI_COLUMNS);
        break;
      case 'ArrowUp':
        next = Math.max(0, next - EMOJI_COLUMNS);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.emojiOpen = false;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.emoji-toggle')?.focus());
        return;
      default:
        return;
    }
    event.preventDefault();
    this.emojiIndex = next;
    buttons[next]?.focus();
  };

  /** Tabbing or clicking away from the picker closes it. */
  private onComposerFocusOut = (event: FocusEvent): void => {
    if (!this.emojiOpen) return;
    const to = event.relatedTarget as Node | null;
    const picker = this.renderRoot.querySelector('.emoji-picker');
    const toggle = this.renderRoot.querySelector('.emoji-toggle');
    if (to && (picker?.contains(to) || toggle === to)) return;
    this.emojiOpen = false;
  };

  // ---- states ----

  private startCooldown(): void {
    this.rateLimited = true;
    this.stopCooldown();
    const clock = this.activeRoom?.clock ?? systemClock;
    this.rateTimer = { clock, handle: clock.setTimeout(() => (this.rateLimited = false), this.rateLimitCooldown) };
  }

  private stopCooldown(): void {
    this.rateTimer?.clock.clearTimeout(this.rateTimer.handle);
    this.rateTimer = undefined;
  }

  /**
   * The room's clock may not be the page's (tests use a manual clock; a server's differs by skew), so the time
   * left is measured from the room's `now` at the moment the mute arrived, plus page time elapsed since.
   */
  private trackMute(): void {
    const until = this.me.value?.mutedUntil ?? 0;
    const muted = this.block.value === ErrorCode.MEMBER_MUTED;
    if (muted && this.muteBase?.until !== until) {
      this.muteBase = { until, roomNow: this.activeRoom?.state.now ?? Date.now(), at: performance.now() };
    }
    if (!muted) this.muteBase = null;
    if (muted && this.muteTicker === undefined) this.muteTicker = setInterval(() => this.requestUpdate(), 1_000);
    if (!muted && this.muteTicker !== undefined) {
      clearInterval(this.muteTicker);
      this.muteTicker = undefined;
    }
  }

  private muteRemaining(): number {
    const base = this.muteBase;
    if (!base) return 0;
    return base.until - (base.roomNow + (performance.now() - base.at));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vr-barrage': VrBarrage;
  }
}
