import { html, nothing } from 'lit';
import type { SeatRequest } from '../../src/index.js';
import { avatar } from '../audience-list/avatar.js';
import { msg, msgIsolated } from '../i18n/locale.js';
import { countdown } from './countdown-view.js';

// A listener's side of seat requests: an invitation to answer, and their own application to withdraw.

/** What a card shows besides its request, and what its buttons do. */
export interface CardView {
  readonly now: number;
  /** A command on the request is in flight. */
  readonly busy: boolean;
}

/** An owner or admin invites me to a seat: accept or decline before it runs out. */
export function invitationCard(request: SeatRequest, { now, busy }: CardView, respond: (accept: boolean) => void) {
  return html`<section class="card invitation" part="card" aria-labelledby="invitation-title" aria-busy=${busy ? 'true' : 'false'}>
    ${avatar(request.from, { className: 'large' })}
    <div class="who">
      <p class="card-title" id="invitation-title">${msgIsolated('requests.invitation.title', { name: request.from.userName })}</p>
      <p class="meta">
        ${request.seatIndex === null ? msg('requests.invitation.any') : msg('requests.invitation.seat', { n: request.seatIndex + 1 })}
        ${countdown(request, now)}
      </p>
    </div>
    <div class="card-actions">
      <button type="button" class="btn ghost" ?disabled=${busy} @click=${() => respond(false)}>
        ${msg('requests.invitation.decline')}
      </button>
      <button type="button" class="btn primary" ?disabled=${busy} @click=${() => respond(true)}>
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('requests.invitation.accept')}
      </button>
    </div>
  </section>`;
}

/** My application, waiting: which seat, the time left, and withdraw. */
export function applicationCard(request: SeatRequest, { now, busy }: CardView, cancel: () => void) {
  return html`<section class="card mine" part="card" aria-labelledby="mine-title" aria-busy=${busy ? 'true' : 'false'}>
    <span class="pulse" aria-hidden="true"><span></span></span>
    <div class="who">
      <p class="card-title" id="mine-title">${msg('requests.mine.title')}</p>
      <p class="meta">
        ${request.seatIndex === null ? msg('requests.mine.any') : msg('requests.mine.seat', { n: request.seatIndex + 1 })}
        ${countdown(request, now)}
      </p>
    </div>
    <div class="card-actions">
      <button type="button" class="btn danger" ?disabled=${busy} @click=${cancel}>
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('requests.mine.cancel')}
      </button>
    </div>
  </section>`;
}
