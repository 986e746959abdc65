import { html } from 'lit';
import { msg } from '../i18n/locale.js';
import { exitIcon, powerIcon } from './icons.js';

/** What the top bar's own button shows and does. */
export interface HeaderView {
  /** I own the room: the button ends the live (after a confirmation) instead of leaving. */
  readonly owner: boolean;
  /** Leaving or ending is in flight. */
  readonly busy: boolean;
  readonly leave: () => void;
  readonly requestEnd: () => void;
}

/** The top bar (the `header` slot replaces it): live info, the audience, and leave or end. */
export function header(view: HeaderView) {
  return html`<header class="header" part="header" aria-label=${msg('room.header')}>
    <slot name="header">
      <div class="header-info"><vr-live-info></vr-live-info></div>
      <div class="header-side">
        <vr-audience-list></vr-audience-list>
        ${view.owner ? endButton(view) : leaveButton(view)}
      </div>
    </slot>
  </header>`;
}

const spinner = html`<span class="spinner" aria-hidden="true"></span>`;

function leaveButton({ busy, leave }: HeaderView) {
  return html`<button
    type="button"
    class="round leave focus-ring"
    part="leave"
    aria-busy=${busy ? 'true' : 'false'}
    ?disabled=${busy}
    @click=${leave}
  >
    ${busy ? spinner : exitIcon}<span class="visually-hidden">${msg('room.leave')}</span>
  </button>`;
}

function endButton({ busy, requestEnd }: HeaderView) {
  return html`<button
    type="button"
    class="round end focus-ring"
    part="leave"
    aria-haspopup="dialog"
    aria-busy=${busy ? 'true' : 'false'}
    ?disabled=${busy}
    @click=${requestEnd}
  >
    ${busy ? spinner : powerIcon}<span class="visually-hidden">${msg('room.end')}</span>
  </button>`;
}
