import { html, nothing } from 'lit';
import { ErrorCode, type LiveInfo, type RoomError, type RoomPhase } from '../../src/index.js';
import { errorText, msg } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';
import type { RoomBody } from './screen.js';
import { alertIcon, blockedIcon, endedIcon, exitIcon, tabsIcon, wifiOffIcon } from './icons.js';

// What replaces the whole room: the skeleton while joining, and the full-screen notices of a room I am not in
// (ended, kicked, banned, left, failed) or that another tab of mine has. Each notice's content is the `notice` slot.

/** What the notices' buttons do. */
export interface NoticeActions {
  readonly leave: () => void;
  readonly retry: () => void;
  readonly takeOver: () => void;
}

/** What a notice needs besides the phase: `takingOver` while "Use here" is in flight. */
export interface CoverView extends PhaseNoticeView {
  readonly takingOver: boolean;
}

/** What replaces the room for a `body` other than `live` (`roomBody`): the skeleton or a notice. */
export function roomCover(body: Exclude<RoomBody, 'live'>, phase: RoomPhase, view: CoverView, actions: NoticeActions) {
  if (body === 'skeleton') return skeleton();
  return body === 'notice' ? phaseNotice(phase, view, actions) : displacedNotice(view.info, view.takingOver, actions);
}

/** The joining placeholder: the room's shape in grey, announced as busy. */
export function skeleton() {
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
export function displacedNotice(info: LiveInfo | null, busy: boolean, actions: NoticeActions) {
  return html`<div class="notice" part="notice" data-phase="displaced" role="alert">
    <slot name="notice">
      <div class="notice-card">
        <div class="notice-icon" aria-hidden="true">${tabsIcon}</div>
        ${info ? html`<p class="notice-room">${info.name}</p>` : nothing}
        <h2>${msg('room.displaced.title')}</h2>
        <p>${msg('room.displaced.text')}</p>
        <div class="notice-actions">
          <button type="button" class="primary focus-ring" data-action="takeover" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}
            @click=${actions.takeOver}>${msg('room.displaced.takeOver')}</button>
          <button type="button" class="secondary focus-ring" data-action="leave" @click=${actions.leave}>${msg('room.notice.back')}</button>
        </div>
      </div>
    </slot>
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
  return html`<div class="notice" part="notice" data-phase="failed" data-code=${code} role="alert">
    <slot name="notice">
      <div class="notice-card">
        <div class="notice-icon" aria-hidden="true">${icon}</div>
        <h2>${msg(title)}</h2>
        <p>${msg(text)}</p>
        <div class="notice-actions">
          ${retry ? html`<button type="button" class="primary focus-ring" data-action="retry" @click=${actions.retry}>${msg('room.failed.retry')}</button>` : nothing}
          ${back}
        </div>
        <p class="notice-detail" part="detail">${msg('room.failed.detail', { message: errorText(code), code: String(code).replace('-', '\u2212') })}</p>
      </div>
    </slot>
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
  return html`<div class="notice" part="notice" data-phase=${phase} role="alert">
    <slot name="notice">
      <div class="notice-card">
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
      </div>
    </slot>
  </div>`;
}
