import { css, html, nothing, svg } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ErrorCode, type LiveInfo, type RoomError, type RoomPhase } from '../../src/index.js';
import { errorText, msg } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';
import { closeIcon, exitIcon, frame, powerIcon, wifiOffIcon } from './icons.js';
import type { RoomSheet } from './sheets.js';
import './notices-strings.js';

// The full-screen notices of a room I am not in (ended, kicked, banned, left, failed) or that another tab of mine
// has, the owner's end confirmation, and the bottom sheet's frame. Each is seen once per visit at most, or only once
// a button was pressed, so they are a chunk of their own (issue 14): `<vr-room>` fetches it when the browser is idle
// after the room rendered, or when one is due (controllers/lazy-part.ts); cover.ts shows a spinner in the notice's
// place until it is there, sheets.ts opens a sheet asked for meanwhile once it is. Each notice's content is the
// `notice` slot.

// Icons only the notices show (the room's own are in icons.ts).
const endedIcon = frame(svg`<circle cx="12" cy="12" r="9"/><rect x="9" y="9" width="6" height="6" rx="1"/>`);
const alertIcon = frame(
  svg`<path d="M10.3 4.2L2.6 17.5A2 2 0 0 0 4.3 20.5h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z"/><path d="M12 9.5v4M12 17v.01"/>`,
);
const tabsIcon = frame(
  svg`<rect x="3" y="7" width="14" height="12" rx="2"/><path d="M7 7V5.5A1.5 1.5 0 0 1 8.5 4H19.5A1.5 1.5 0 0 1 21 5.5V14a1.5 1.5 0 0 1-1.5 1.5H17"/>`,
);
const blockedIcon = frame(svg`<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>`);

/** What the notices' buttons do. */
export interface NoticeActions {
  readonly leave: () => void;
  readonly retry: () => void;
  readonly takeOver: () => void;
}

/** Another tab or window of mine has the room: this one is quiet and offers to take it back, never by itself. */
export function displacedNotice(info: LiveInfo | null, busy: boolean, actions: NoticeActions) {
  return html`<div class="notice-card">
    <div class="notice-icon" aria-hidden="true">${tabsIcon}</div>
    ${info ? html`<p class="notice-room">${info.name}</p>` : nothing}
    <h2>${msg('room.displaced.title')}</h2>
    <p>${msg('room.displaced.text')}</p>
    <div class="notice-actions">
      <button type="button" class="primary focus-ring" data-action="takeover" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}
        @click=${actions.takeOver}>${msg('room.displaced.takeOver')}</button>
      <button type="button" class="secondary focus-ring" data-action="leave" @click=${actions.leave}>${msg('room.notice.back')}</button>
    </div>
  </div>`;
}

interface FailureCopy {
  readonly title: MessageKey;
  readonly text: MessageKey;
  readonly icon: unknown;
  /** Trying again can help (it cannot for a room that is over, or a ban: those offer only the way back). */
  readonly retry: boolean;
}

/** How a failed start or join is worded, by its error code. */
function failureCopy(code: ErrorCode): FailureCopy {
  switch (code) {
    case ErrorCode.ROOM_NOT_FOUND:
    case ErrorCode.ROOM_ENDED:
      return { title: 'room.notice.ended.title', text: 'room.failed.ended.text', icon: endedIcon, retry: false };
    case ErrorCode.MEMBER_BANNED:
      return { title: 'room.notice.banned.title', text: 'room.notice.banned.text', icon: blockedIcon, retry: false };
    case ErrorCode.ROOM_FULL:
      return { title: 'room.failed.full.title', text: 'room.failed.full.text', icon: alertIcon, retry: true };
    case ErrorCode.ALREADY_IN_ROOM:
      return { title: 'room.failed.busy.title', text: 'room.failed.busy.text', icon: alertIcon, retry: true };
    case ErrorCode.CONNECTION_LOST:
    case ErrorCode.TIMEOUT:
      return { title: 'room.failed.offline.title', text: 'room.failed.offline.text', icon: wifiOffIcon, retry: true };
    case ErrorCode.NOT_LOGGED_IN:
      return { title: 'room.failed.signin.title', text: 'room.failed.signin.text', icon: alertIcon, retry: true };
    default:
      return { title: 'room.failed.title', text: 'room.failed.text', icon: alertIcon, retry: true };
  }
}

/** A start or join that failed: what happened in words, what to do, and the code only in a small detail line. */
export function failureNotice(failure: RoomError | null, actions: NoticeActions) {
  const code = failure?.code ?? ErrorCode.UNKNOWN;
  const { title, text, icon, retry } = failureCopy(code);
  const back = html`<button type="button" class=${retry ? 'secondary focus-ring' : 'primary focus-ring'} data-action="leave" @click=${actions.leave}>
    ${msg('room.notice.back')}
  </button>`;
  return html`<div class="notice-card">
    <div class="notice-icon" aria-hidden="true">${icon}</div>
    <h2>${msg(title)}</h2>
    <p>${msg(text)}</p>
    <div class="notice-actions">
      ${retry ? html`<button type="button" class="primary focus-ring" data-action="retry" @click=${actions.retry}>${msg('room.failed.retry')}</button>` : nothing}
      ${back}
    </div>
    <p class="notice-detail" part="detail">${msg('room.failed.detail', { message: errorText(code), code: String(code).replace('-', '\u2212') })}</p>
  </div>`;
}

/** What a phase notice needs besides the phase. */
export interface PhaseNoticeView {
  /** I own the room (the ended notice speaks to the owner). */
  readonly owner: boolean;
  readonly info: LiveInfo | null;
  /** Seconds before the ended notice leaves by itself, or null. */
  readonly autoLeaveIn: number | null;
  readonly failure: RoomError | null;
}

/** The notice of a room I am no longer in: ended, kicked, banned, left (and failed, see `failureNotice`). */
export function phaseNotice(phase: RoomPhase, view: PhaseNoticeView, actions: NoticeActions) {
  if (phase === 'failed') return failureNotice(view.failure, actions);
  const { owner, info } = view;
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
  return html`<div class="notice-card">
    <div class="notice-icon" aria-hidden="true">${icon}</div>
    ${info ? html`<p class="notice-room"><bdi>${info.name}</bdi></p>` : nothing}
    <h2>${msg(title)}</h2>
    <p>${msg(text)}</p>
    <button type="button" class="primary focus-ring" data-action="leave" @click=${actions.leave}>${msg('room.notice.back')}</button>
    ${
      phase === 'ended' && view.autoLeaveIn !== null
        ? html`<p class="notice-auto" part="countdown" aria-hidden="true">${msg('room.notice.autoLeave', { n: view.autoLeaveIn })}</p>`
        : nothing
    }
  </div>`;
}

/** What the end confirmation's buttons do. */
export interface ConfirmHandlers {
  /** The dialog closed (Escape, or `close()`). */
  readonly onClose: (event: Event) => void;
  readonly cancel: () => void;
  readonly confirm: () => void;
}

/**
 * The owner's last word before ending the live for everyone (`open` while asked for, `busy` while the end is in
 * flight): sheets.ts's `RoomDialogs` renders it once this chunk is there, and opens it then if it was asked for.
 */
export function confirmDialog(open: boolean, busy: boolean, handlers: ConfirmHandlers) {
  return html`<dialog class="confirm" part="dialog" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text"
    @close=${handlers.onClose}>
    ${
      open
        ? html`<div class="confirm-icon" aria-hidden="true">${powerIcon}</div>
          <h2 id="confirm-title">${msg('room.end.title')}</h2>
          <p id="confirm-text">${msg('room.end.text')}</p>
          <div class="confirm-actions">
            <button type="button" class="secondary focus-ring" autofocus @click=${handlers.cancel}>${msg('room.cancel')}</button>
            <button type="button" class="danger focus-ring" data-action="end" ?disabled=${busy} @click=${handlers.confirm}>
              ${msg('room.end.confirm')}
            </button>
          </div>`
        : nothing
    }
  </dialog>`;
}

/** What the bottom sheet's controls do. */
export interface SheetHandlers {
  /** The dialog closed (Escape, or `close()`). */
  readonly onClose: (event: Event) => void;
  /** A click on the dialog box itself, which outside the sheet's content is the backdrop. */
  readonly onBackdrop: (event: MouseEvent) => void;
  /** The close button. */
  readonly close: () => void;
}

/**
 * The bottom sheet (gifts, seat requests): sheets.ts's `RoomDialogs` renders it once this chunk is there, and opens
 * it then if it was asked for meanwhile. Nobody sees it before pressing a button, so it comes with the notices.
 */
export function sheetDialog(sheet: RoomSheet | null, handlers: SheetHandlers) {
  const title = sheet === 'requests' ? msg('room.requests') : msg('room.gifts');
  return html`<dialog
    class=${classMap({ sheet: true, [sheet ?? 'closed']: true })}
    part="sheet"
    aria-label=${title}
    @close=${handlers.onClose}
    @click=${handlers.onBackdrop}
  >
    ${
      sheet
        ? html`<div class="sheet-body">
          <div class="sheet-head">
            <span class="grabber" aria-hidden="true"></span>
            <h2>${title}</h2>
            <button type="button" class="round small focus-ring" aria-label=${msg('room.close')} @click=${handlers.close}>
              ${closeIcon}
            </button>
          </div>
          <div class="sheet-content">
            ${sheet === 'gifts' ? html`<vr-gift-panel></vr-gift-panel>` : html`<vr-seat-requests hide-title></vr-seat-requests>`}
          </div>
        </div>`
        : nothing
    }
  </dialog>`;
}

export const styles = css`
    /* Only this chunk draws them: the sheet's close button and the end confirmation's red button (their shapes are
       the room's buttons', in room.styles.ts). */
    .round.small {
      inline-size: 32px;
      block-size: 32px;
      font-size: 16px;
      background: var(--vr-color-surface-sunken);
    }
    .danger {
      background: var(--vr-color-danger);
      color: #fff;
    }
    /* A phase notice's one button; in a row of actions (the displaced and failed notices) the row spaces it. */
    .notice .primary {
      margin-block-start: var(--vr-space-5);
      align-self: stretch;
    }
    .notice-actions .primary {
      margin-block-start: 0;
    }
    .confirm-icon,
    .notice-icon {
      display: inline-grid;
      place-items: center;
      inline-size: 52px;
      block-size: 52px;
      border-radius: 50%;
      font-size: 26px;
      color: var(--vr-color-danger);
      background: var(--vr-color-danger-soft);
    }
    .confirm h2,
    .notice h2 {
      margin: var(--vr-space-3) 0 var(--vr-space-2);
      font-size: 18px;
      font-weight: 700;
    }
    .confirm p,
    .notice p {
      margin: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-m);
      line-height: 1.5;
    }
    .confirm-actions {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--vr-space-2);
      margin-block-start: var(--vr-space-5);
    }
    .notice-icon {
      inline-size: 64px;
      block-size: 64px;
      font-size: 30px;
      color: var(--vr-color-accent);
      background: var(--vr-color-accent-soft);
    }
    .notice[data-phase='kicked'] .notice-icon,
    .notice[data-phase='banned'] .notice-icon {
      color: var(--vr-color-danger);
      background: var(--vr-color-danger-soft);
    }
    .notice-room {
      margin: var(--vr-space-3) 0 0 !important;
      font-size: var(--vr-font-size-s) !important;
      font-weight: 600;
      letter-spacing: 0.02em;
    }
    .notice .notice-detail {
      margin-block-start: var(--vr-space-4);
      font-size: var(--vr-font-size-s);
      opacity: 0.8;
      overflow-wrap: anywhere;
    }
    .notice[data-phase='failed']:not([data-code='100004']):not([data-code='-2905']) .notice-icon {
      color: var(--vr-color-danger);
      background: var(--vr-color-danger-soft);
    }
    .notice .notice-auto {
      margin-block-start: var(--vr-space-3);
      font-size: var(--vr-font-size-s);
      font-variant-numeric: tabular-nums;
    }

    /* ---- the end confirmation and the bottom sheet ---- */
    dialog {
      color: var(--vr-color-text);
      font-family: var(--vr-font-family);
      border: 0;
      padding: 0;
    }
    dialog::backdrop {
      background: rgb(10 6 20 / 0.45);
      backdrop-filter: blur(2px);
    }
    .confirm {
      inline-size: min(340px, calc(100% - 48px));
      padding: var(--vr-space-5);
      border-radius: 24px;
      background: var(--vr-color-surface);
      box-shadow: var(--vr-shadow-m);
      text-align: center;
    }
    .sheet {
      margin: auto auto 0;
      inline-size: 100%;
      max-inline-size: 560px;
      max-block-size: min(80%, 640px);
      border-radius: 24px 24px 0 0;
      background: var(--vr-color-surface);
      box-shadow: var(--vr-shadow-m);
      overflow: hidden;
    }
    .sheet[open] {
      animation: vr-sheet-in var(--vr-duration-medium) var(--vr-easing);
    }
    .sheet-body {
      display: flex;
      flex-direction: column;
      max-block-size: inherit;
    }
    .sheet-head {
      position: relative;
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: var(--vr-space-5) var(--vr-space-4) var(--vr-space-2) var(--vr-space-5);
    }
    .sheet-head h2 {
      margin: 0;
      font-size: var(--vr-font-size-l);
      font-weight: 700;
    }
    .grabber {
      position: absolute;
      inset-block-start: 8px;
      inset-inline-start: 50%;
      inline-size: 36px;
      block-size: 4px;
      margin-inline-start: -18px;
      border-radius: 2px;
      background: var(--vr-color-border-strong);
    }
    .sheet-content {
      overflow: auto;
      padding: 0 var(--vr-space-4) calc(var(--vr-space-4) + env(safe-area-inset-bottom, 0px));
      min-block-size: 160px;
    }
    .sheet-content > * {
      display: block;
    }
    /* A panel still on its way (the gift panel and the seat requests are lazy: components/base/lazy-elements.ts;
       the sheet's opening fetched it, if the idle prefetch had not already): a spinner where it will be. */
    .sheet-content > :not(:defined) {
      display: grid;
      place-items: center;
      min-block-size: 240px;
    }
    .sheet-content > :not(:defined)::before {
      content: '';
      inline-size: 24px;
      block-size: 24px;
      border-radius: 50%;
      border: 2px solid var(--vr-color-accent);
      border-inline-end-color: transparent;
      animation: vr-spin 0.8s linear infinite;
    }
    @media (min-width: 900px) {
      .sheet {
        margin: auto;
        border-radius: 24px;
      }
    }
    @keyframes vr-sheet-in {
      from {
        transform: translateY(24px);
        opacity: 0;
      }
    }
`;
