import { html } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { SeatRequest } from '../../src/index.js';
import { msg } from '../i18n/locale.js';
import { formatCountdown } from './countdown.js';

/** A request's time left at the room's time `now`: a bar and `m:ss`, urgent in the last 10 s, or "no time limit". */
export function countdown(request: SeatRequest, now: number) {
  if (request.expiresAt === null)
    return html`<span class="countdown none" part="countdown">${msg('requests.noTimeout')}</span>`;
  const left = Math.max(0, request.expiresAt - now);
  const span = Math.max(1, request.expiresAt - request.createdAt);
  const fraction = Math.min(1, left / span);
  return html`<span
    class=${classMap({ countdown: true, urgent: left <= 10_000 })}
    part="countdown"
    style=${styleMap({ '--_left': String(fraction) })}
    ><span class="bar" aria-hidden="true"></span
    ><span class="visually-hidden">${msg('requests.expiresIn', { time: formatCountdown(left) })}</span
    ><span aria-hidden="true">${formatCountdown(left)}</span></span
  >`;
}
