import { html, nothing } from 'lit';
import { msg } from '../i18n/locale.js';
import type { SeatLayout } from '../seat-grid/seat-grid.js';
import { exitIcon, powerIcon } from './icons.js';

/** What the top bar's own button shows and does. */
export interface HeaderView {
  /** I own the room: the button ends the live (after a confirmation) instead of leaving. */
  readonly owner: boolean;
  /** Leaving or ending is in flight. */
  readonly busy: boolean;
  /** The end confirmation was asked for and is on its way (the button is busy, not disabled). */
  readonly loading: boolean;
  readonly leave: () => void;
  readonly requestEnd: () => void;
}

// The top of the room: its bar (live info, audience, leave or end) and the stage under it (seats, barrage).

/** The top bar (the `header` slot replaces it): live info, the audience, and leave or end. */
export function header(view: HeaderView) {
  return html`<header class="header" part="header" aria-label=${msg('room.header')}>
    <slot name="header">
      <div class="header-info"><vr-live-info></vr-live-info></div>
      <div class="header-side">
        <vr-audience-list></vr-audience-list>
        ${ownButton(view)}
      </div>
    </slot>
  </header>`;
}

/** Seats and barrage: beside each other on wide screens, stacked on phones (see the styles). */
export function stage(layout: SeatLayout, levels: Readonly<Record<number, number>>) {
  return html`<div class="stage" part="stage">
    <section class="seats" part="seats" aria-label=${msg('room.seats')}>
      <vr-seat-grid layout=${layout} .levels=${levels}></vr-seat-grid>
    </section>
    <section class="barrage" part="barrage" aria-label=${msg('room.barrage')}>
      <vr-barrage></vr-barrage>
    </section>
  </div>`;
}

const spinner = html`<span class="spinner" aria-hidden="true"></span>`;

/** Leave (a listener, an admin) or end the live (the owner, after a confirmation): one button, two faces. */
function ownButton({ owner, busy, loading, leave, requestEnd }: HeaderView) {
  const pending = busy || (owner && loading);
  return html`<button
    type="button"
    class="round ${owner ? 'end' : 'leave'} focus-ring"
    part="leave"
    aria-haspopup=${owner ? 'dialog' : nothing}
    aria-busy=${pending ? 'true' : 'false'}
    ?disabled=${busy}
    @click=${owner ? requestEnd : leave}
  >
    ${pending ? spinner : owner ? powerIcon : exitIcon}<span class="visually-hidden">${msg(owner ? 'room.end' : 'room.leave')}</span>
  </button>`;
}
