import { css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { SeatRequest } from '../../src/index.js';
import { avatar } from '../audience-list/avatar.js';
import { msg, msgIsolated } from '../i18n/locale.js';
import { closeIcon } from './icons.js';
import './prompt-strings.js';

// The owner/admin card for a waiting application. Most rooms never show one (a listener never does, a host only when
// someone applies), so it is a chunk of its own (issue 14): `<vr-room>` fetches it when the browser is idle in the
// host view, or when the first prompt is due (prompt-part.ts); until it is there, the prompt region stays empty.

/** What the prompt shows besides the application, and what its buttons do. */
export interface PromptView {
  /** Applications waiting in all (the prompt offers the rest in the requests sheet). */
  readonly waiting: number;
  /** An answer to this application is in flight. */
  readonly busy: boolean;
  /** The room's time, for the bar of time running out. */
  readonly now: number;
  readonly respond: (accept: boolean) => void;
  readonly showAll: () => void;
  readonly hide: () => void;
}

/**
 * For the owner and admins: the oldest waiting application as a card above the bottom bar, announced politely,
 * answerable in place, with its time running out as a bar. A 60 s request must not hide behind a small badge.
 */
export function requestPrompt(request: SeatRequest, { waiting, busy, now, respond, showAll, hide }: PromptView) {
  const name = request.from.userName;
  const timer =
    request.expiresAt !== null && request.expiresAt > now
      ? keyed(
          request.requestId,
          html`<span class="prompt-timer" aria-hidden="true" style=${styleMap({
            '--_left': String(
              Math.min(1, (request.expiresAt - now) / Math.max(1, request.expiresAt - request.createdAt)),
            ),
            'animation-duration': `${request.expiresAt - now}ms`,
          })}></span>`,
        )
      : nothing;
  return html`<div class="prompt" part="request-prompt" data-request=${request.requestId} aria-busy=${busy ? 'true' : 'false'}>
    ${avatar(request.from)}
    <div class="prompt-text">
      <p class="prompt-title">${msgIsolated('room.prompt.title', { name })}</p>
      <p class="prompt-meta">
        ${request.seatIndex === null ? msg('requests.wantsAny') : msg('requests.wantsSeat', { n: request.seatIndex + 1 })}${
          waiting > 1
            ? html` · <button type="button" class="prompt-all focus-ring" @click=${showAll}>${msg('room.prompt.more', { n: waiting - 1 })}</button>`
            : nothing
        }
      </p>
    </div>
    <div class="prompt-actions">
      <button type="button" class="prompt-button reject focus-ring" data-action="reject" ?disabled=${busy}
        aria-label=${msg('requests.rejectUser', { name })} @click=${() => respond(false)}>${msg('requests.reject')}</button>
      <button type="button" class="prompt-button approve focus-ring" data-action="approve" ?disabled=${busy}
        aria-label=${msg('requests.approveUser', { name })} @click=${() => respond(true)}>
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('requests.approve')}
      </button>
    </div>
    <button type="button" class="toast-dismiss prompt-hide focus-ring" aria-label=${msg('alert.dismiss')} @click=${hide}>${closeIcon}</button>
    ${timer}
  </div>`;
}

// The avatar's own styles stay with the room's (`avatarStyles`): other elements of the entry share them.
export const styles = css`
    .prompt {
      pointer-events: auto;
      position: relative;
      display: grid;
      grid-template-columns: auto 1fr auto;
      grid-template-areas: 'avatar text hide' 'actions actions actions';
      align-items: center;
      column-gap: var(--vr-space-3);
      row-gap: var(--vr-space-3);
      inline-size: min(440px, 100%);
      box-sizing: border-box;
      padding: var(--vr-space-3) var(--vr-space-2) var(--vr-space-3) var(--vr-space-3);
      border-radius: 18px;
      overflow: hidden;
      background: var(--vr-color-surface);
      color: var(--vr-color-text);
      border: 1px solid var(--_glass-border);
      box-shadow: var(--vr-shadow-m), 0 0 0 3px light-dark(rgb(124 58 237 / 0.14), rgb(167 139 250 / 0.22));
      --_avatar-size: 40px;
      animation: vr-prompt-in var(--vr-duration-medium) var(--vr-easing) both;
    }
    @keyframes vr-prompt-in {
      from {
        opacity: 0;
        transform: translateY(8px) scale(0.98);
      }
    }
    .prompt .avatar {
      grid-area: avatar;
    }
    .prompt-text {
      grid-area: text;
      min-inline-size: 0;
    }
    .prompt-text p {
      margin: 0;
    }
    .prompt-title {
      font-weight: 650;
      line-height: 1.3;
      overflow-wrap: anywhere;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      overflow: hidden;
    }
    .prompt-meta {
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .prompt-all {
      padding: 0;
      border: 0;
      background: none;
      color: var(--vr-color-accent);
      font: inherit;
      font-weight: 650;
      cursor: pointer;
      text-decoration: underline;
      text-underline-offset: 2px;
    }
    .prompt-hide {
      grid-area: hide;
      align-self: start;
      color: var(--vr-color-text-muted);
    }
    .prompt-actions {
      grid-area: actions;
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--vr-space-2);
      padding-inline-end: var(--vr-space-1);
    }
    .prompt-button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: var(--vr-space-2);
      min-block-size: 40px;
      padding: 0 var(--vr-space-4);
      border-radius: var(--vr-radius-pill);
      font: inherit;
      font-weight: 650;
      cursor: pointer;
    }
    .prompt-button.reject {
      border: 1px solid var(--vr-color-border-strong);
      background: transparent;
      color: var(--vr-color-text);
    }
    .prompt-button.approve {
      border: 0;
      background: var(--vr-gradient-accent);
      color: #fff;
    }
    .prompt-button:disabled {
      opacity: 0.6;
      cursor: default;
    }
    /* The time the application has left, shrinking on the compositor. */
    .prompt-timer {
      position: absolute;
      inset-inline: 0;
      inset-block-end: 0;
      block-size: 3px;
      background: var(--vr-gradient-accent);
      transform-origin: left center;
      animation: vr-prompt-timer linear both;
    }
    .prompt-timer:dir(rtl) {
      transform-origin: right center;
    }
    @keyframes vr-prompt-timer {
      from {
        transform: scaleX(var(--_left, 1));
      }
      to {
        transform: scaleX(0);
      }
    }
`;
