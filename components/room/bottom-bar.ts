import { html, nothing } from 'lit';
import type { MicAction } from '../../src/index.js';
import { formatNumber, msg } from '../i18n/locale.js';
import { giftIcon, handIcon, micIcon, micOffIcon, requestsIcon } from './icons.js';
import type { RoomSheet } from './sheets.js';

/** What the bottom bar shows and what its buttons do. */
export interface BottomBarView {
  /** What the microphone button offers (`micAction`). */
  readonly mic: MicAction;
  /** The microphone button's command is in flight. */
  readonly micBusy: boolean;
  /** Owner or admin: the requests button with its badge shows. */
  readonly manager: boolean;
  /** Applications waiting for an answer (the badge). */
  readonly waiting: number;
  readonly toggleMic: () => void;
  /** The dialog asked for while it is on its way (a sheet's button is busy meanwhile), or null. */
  readonly loading: RoomSheet | 'end' | null;
  readonly showRequests: () => void;
  readonly showGifts: () => void;
}

const spinner = html`<span class="spinner" aria-hidden="true"></span>`;

/** How the microphone button looks for each thing it may do (its words: `room.mic.<action>`). */
const MIC_FACE: Readonly<Record<MicAction, { icon: unknown; tone: string; disabled?: true }>> = {
  mute: { icon: micIcon, tone: 'live' },
  unmute: { icon: micOffIcon, tone: 'muted' },
  locked: { icon: micOffIcon, tone: 'locked', disabled: true },
  cancel: { icon: handIcon, tone: 'applied' },
  full: { icon: micIcon, tone: 'idle', disabled: true },
  take: { icon: micIcon, tone: 'idle' },
  apply: { icon: handIcon, tone: 'idle' },
};

/** The bottom bar (the `footer` slot replaces it): microphone, requests for managers, gifts, likes. */
export function bottomBar(view: BottomBarView) {
  return html`<footer class="footer" part="footer" aria-label=${msg('room.footer')}>
    <slot name="footer">
      ${micButton(view)}
      <div class="controls">
        ${view.manager ? requestsButton(view) : nothing}
        <button type="button" class="control gift focus-ring" part="control gifts" aria-haspopup="dialog"
          aria-busy=${view.loading === 'gifts' ? 'true' : 'false'} @click=${view.showGifts}>
          ${view.loading === 'gifts' ? spinner : giftIcon}<span class="visually-hidden">${msg('room.gifts')}</span>
        </button>
        <vr-like-button class="like"></vr-like-button>
      </div>
    </slot>
  </footer>`;
}

function micButton({ mic, micBusy: busy, toggleMic }: BottomBarView) {
  const { icon, tone, disabled } = MIC_FACE[mic];
  return html`<button
    type="button"
    class="mic focus-ring"
    part="control mic"
    data-tone=${tone}
    aria-busy=${busy ? 'true' : 'false'}
    ?disabled=${busy || disabled === true}
    @click=${toggleMic}
  >
    <span class="mic-icon">${busy ? spinner : icon}</span>
    <span class="mic-label">${msg(`room.mic.${mic}`)}</span>
  </button>`;
}

function requestsButton({ waiting: count, loading, showRequests }: BottomBarView) {
  return html`<button
    type="button"
    class="control requests focus-ring"
    part="control requests"
    aria-haspopup="dialog"
    aria-busy=${loading === 'requests' ? 'true' : 'false'}
    @click=${showRequests}
  >
    ${loading === 'requests' ? spinner : requestsIcon}
    <span class="visually-hidden">${count > 0 ? msg('room.requests.count', { n: count }) : msg('room.requests')}</span>
    ${count > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${formatNumber(Math.min(count, 99))}${count > 99 ? '+' : ''}</span>` : nothing}
  </button>`;
}
