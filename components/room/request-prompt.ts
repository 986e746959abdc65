import { type ReactiveController, type ReactiveControllerHost, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { SeatRequest } from '../../src/index.js';
import { avatar } from '../audience-list/avatar.js';
import { msg, msgIsolated } from '../i18n/locale.js';
import { closeIcon } from './icons.js';

/**
 * Which waiting application the owner/admin prompt shows: the oldest one whose prompt was not closed. Closing it
 * hides the applications waiting at that moment; a newer one brings the prompt back.
 */
export class RequestPromptController implements ReactiveController {
  /** Applications whose prompt was closed. */
  private hidden: ReadonlySet<string> = new Set();

  /** `queue` gives the applications waiting now, oldest first (`applicationQueue`); `actions` answer them. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly queue: () => readonly SeatRequest[],
    private readonly actions: PromptActions,
  ) {
    host.addController(this);
  }

  /** The application to prompt for, or null. */
  get shown(): SeatRequest | null {
    return this.queue().find((r) => !this.hidden.has(r.requestId)) ?? null;
  }

  /** Closes the prompt for every application waiting now. */
  hide(): void {
    this.hidden = new Set([...this.hidden, ...this.queue().map((r) => r.requestId)]);
    this.host.requestUpdate();
  }

  /** The prompt for the application shown, or `nothing`. */
  render() {
    const request = this.shown;
    if (!request) return nothing;
    const { busy, respond, showAll, now } = this.actions;
    return requestPrompt(request, {
      waiting: this.queue().length,
      busy: busy(request),
      now: now(),
      respond: (accept) => respond(request, accept),
      showAll,
      hide: () => this.hide(),
    });
  }

  /** Closed applications that left the queue (answered, withdrawn or expired) are forgotten; nothing on screen changes. */
  hostUpdate(): void {
    if (this.hidden.size === 0) return;
    const waiting = new Set(this.queue().map((r) => r.requestId));
    if ([...this.hidden].some((id) => !waiting.has(id)))
      this.hidden = new Set([...this.hidden].filter((id) => waiting.has(id)));
  }
}

/** What the prompt's controller reads and does for the application it shows. */
export interface PromptActions {
  /** An answer to `request` is in flight. */
  readonly busy: (request: SeatRequest) => boolean;
  readonly respond: (request: SeatRequest, accept: boolean) => void;
  /** Opens the requests sheet with every application. */
  readonly showAll: () => void;
  /** The room's time, for the bar of time running out. */
  readonly now: () => number;
}

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
