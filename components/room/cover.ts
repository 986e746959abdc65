import { html, nothing } from 'lit';
import { ErrorCode, type RoomPhase, toRoomError } from '../../src/index.js';
import { errorText, msg } from '../i18n/locale.js';
import type { NoticeActions, PhaseNoticeView } from './notices.js';
import type { RoomBody } from './screen.js';

// What replaces the whole room: the skeleton while joining, and the full-screen notices of a room I am not in
// (ended, kicked, banned, left, failed) or that another tab of mine has. The notices' content is a chunk of its own
// (notices.ts, issue 14): until it is there the notice shows a spinner, and if fetching it failed, the failure in
// words with "Try again" and the way back, so nobody is stuck on a notice that cannot load.

/** The notices' chunk. */
export type NoticesModule = typeof import('./notices.js');

/** What a notice needs besides the phase: `takingOver` while "Use here" is in flight. */
export interface CoverView extends PhaseNoticeView {
  readonly takingOver: boolean;
}

/** The notices' chunk as the room has it: there, on its way, or failed (`error`). */
export interface NoticesState {
  readonly module: NoticesModule | undefined;
  readonly error: unknown;
  /** Fetches the chunk again. */
  readonly reload: () => void;
}

/** What replaces the room for a `body` other than `live` (`roomBody`): the skeleton or a notice. */
export function roomCover(
  body: Exclude<RoomBody, 'live'>,
  phase: RoomPhase,
  view: CoverView,
  actions: NoticeActions,
  notices: NoticesState,
) {
  if (body === 'skeleton') return skeleton();
  const displaced = body === 'displaced';
  const failed = !displaced && phase === 'failed';
  const module = notices.module;
  const card = !module
    ? missingCard(notices, actions)
    : displaced
      ? module.displacedNotice(view.info, view.takingOver, actions)
      : module.phaseNotice(phase, view, actions);
  return html`<div
    class="notice"
    part="notice"
    data-phase=${displaced ? 'displaced' : phase}
    data-code=${failed ? (view.failure?.code ?? ErrorCode.UNKNOWN) : nothing}
    role="alert"
    aria-busy=${module || notices.error ? 'false' : 'true'}
  >
    <slot name="notice">${card}</slot>
  </div>`;
}

/** The notice's card while its chunk is on its way (a spinner), or after fetching it failed. */
function missingCard({ error, reload }: NoticesState, actions: NoticeActions) {
  if (!error) return html`<div class="notice-card"><span class="spinner" aria-hidden="true"></span></div>`;
  return html`<div class="notice-card">
    <p>${errorText(toRoomError(error).code)}</p>
    <div class="notice-actions">
      <button type="button" class="primary focus-ring" data-action="reload" @click=${reload}>${msg('room.failed.retry')}</button>
      <button type="button" class="secondary focus-ring" data-action="leave" @click=${actions.leave}>${msg('room.notice.back')}</button>
    </div>
  </div>`;
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
