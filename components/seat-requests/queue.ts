import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { SeatRequest } from '../../src/index.js';
import { avatar } from '../audience-list/avatar.js';
import { checkIcon, closeIcon } from '../audience-list/panel-icons.js';
import { formatNumber, msg } from '../i18n/locale.js';
import { countdown } from './countdown-view.js';

/** The owner/admin application queue and what its buttons do. */
export interface QueueView {
  /** Pending applications in arrival order (`applicationQueue`). */
  readonly queue: readonly SeatRequest[];
  /** The room's time, for the countdowns. */
  readonly now: number;
  /** Admitting or rejecting everyone is in flight. */
  readonly allBusy: boolean;
  /** An answer to `request` is in flight. */
  readonly busy: (request: SeatRequest) => boolean;
  readonly respond: (request: SeatRequest, accept: boolean) => void;
  readonly respondAll: (accept: boolean) => void;
}

/** Reject all / admit all, then the applications in arrival order, each with its countdown and approve/reject. */
export function queuePanel(view: QueueView) {
  const { queue, allBusy, respondAll } = view;
  return html`
    <div class="bulk">
      <button type="button" class="btn ghost" ?disabled=${queue.length === 0 || allBusy} @click=${() => respondAll(false)}>
        ${msg('requests.rejectAll')}
      </button>
      <button
        type="button"
        class="btn primary"
        aria-busy=${allBusy ? 'true' : 'false'}
        ?disabled=${queue.length === 0 || allBusy}
        @click=${() => respondAll(true)}
      >
        ${allBusy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('requests.admitAll')}
      </button>
    </div>
    ${
      queue.length === 0
        ? html`<div class="empty-state">
          <p class="empty-title">${msg('requests.empty')}</p>
          <p class="empty-hint">${msg('requests.emptyHint')}</p>
        </div>`
        : html`<ol class="list" part="list">
          ${repeat(
            queue,
            (r) => r.requestId,
            (r, i) => application(view, r, i),
          )}
        </ol>`
    }
  `;
}

function application({ queue, now, busy: isBusy, respond }: QueueView, request: SeatRequest, position: number) {
  const name = request.from.userName;
  const busy = isBusy(request);
  return html`<li class="item" part="item" aria-busy=${busy ? 'true' : 'false'} data-request=${request.requestId}>
    <span class="position" aria-hidden="true">${formatNumber(position + 1)}</span>
    ${avatar(request.from)}
    <div class="who">
      <span class="name">${name}</span>
      <span class="meta">
        ${request.seatIndex === null ? msg('requests.wantsAny') : msg('requests.wantsSeat', { n: request.seatIndex + 1 })}
        ${countdown(request, now)}
      </span>
      <span class="visually-hidden">${msg('requests.position', { n: position + 1, total: queue.length })}</span>
    </div>
    <div class="actions">
      ${
        busy
          ? html`<span class="spinner" aria-hidden="true"></span>`
          : html`<button
              type="button"
              class="btn icon ghost"
              aria-label=${msg('requests.rejectUser', { name })}
              title=${msg('requests.reject')}
              @click=${() => respond(request, false)}
            >
              ${closeIcon}
            </button>
            <button
              type="button"
              class="btn icon primary"
              aria-label=${msg('requests.approveUser', { name })}
              title=${msg('requests.approve')}
              @click=${() => respond(request, true)}
            >
              ${checkIcon}
            </button>`
      }
    </div>
  </li>`;
}
