import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Role, Seat } from '../../src/index.js';
import { hueOf, initialsOf } from '../base/identity.js';
import { formatNumber, msg } from '../i18n/locale.js';
import { lockIcon, micLockIcon, micOffIcon, plusIcon } from './icons.js';

/** Everything a custom seat renderer needs; the seat keeps the button, label, menu and keyboard around it. */
export interface SeatRenderContext {
  readonly seat: Seat;
  readonly index: number;
  /** 0–100, from the grid's `levels` or the seat's `level`. */
  readonly level: number;
  readonly speaking: boolean;
  /** The occupant is me. */
  readonly mine: boolean;
  /** The occupant's role in the room, or null for an empty seat. */
  readonly role: Role | null;
  /** A command on this seat is in flight. */
  readonly busy: boolean;
  /** My pending application asks for this seat. */
  readonly applied: boolean;
  /** The accessible label the seat announces ("Seat 3, Ben, speaking, muted"). */
  readonly label: string;
}

export type SeatRenderer = (context: SeatRenderContext) => unknown;

/** The accessible name from everything else the seat shows: "Seat 3, Ben, host, you, speaking, muted". */
export function seatLabel(context: Omit<SeatRenderContext, 'label'>): string {
  const { seat, index, role } = context;
  const parts = [msg('seat.number', { n: index + 1 })];
  if (seat.user) {
    parts.push(seat.user.userName);
    if (role && role !== 'member') parts.push(msg(`seat.state.${role}`));
    if (context.mine) parts.push(msg('seat.state.you'));
    if (context.speaking) parts.push(msg('seat.state.speaking'));
    if (seat.selfMuted) parts.push(msg('seat.state.muted'));
  } else {
    parts.push(msg(seat.locked ? 'seat.state.locked' : 'seat.state.empty'));
  }
  if (seat.audioLocked) parts.push(msg('seat.state.audioLocked'));
  if (context.applied) parts.push(msg('seat.state.applied'));
  if (context.busy) parts.push(msg('seat.state.busy'));
  return parts.join(', ');
}

/** A seat the room has not described (no room yet, or an index beyond its seats): empty and unlocked. */
export function unknownSeat(index: number): Seat {
  return { index, user: null, locked: false, audioLocked: false, selfMuted: false };
}

/** What the seat knows of the room for its context: who I am, who owns and administers the room. */
export interface SeatFacts extends Omit<SeatRenderContext, 'label' | 'mine' | 'role'> {
  readonly me: string | undefined;
  readonly owner: string | undefined;
  readonly admins: readonly string[];
}

/** The context a seat renders from (and hands to a custom renderer), its accessible label included. */
export function seatContext({ me, owner, admins, ...facts }: SeatFacts): SeatRenderContext {
  const user = facts.seat.user;
  const role: Role | null = !user
    ? null
    : user.userId === owner
      ? 'owner'
      : admins.includes(user.userId)
        ? 'admin'
        : 'member';
  const context = { ...facts, mine: user !== null && user.userId === me, role };
  return { ...context, label: seatLabel(context) };
}

/** The occupant's avatar image failed to load (its URL, so a new avatar gets its chance), and how to say so. */
export interface AvatarFailure {
  readonly failedUrl: string;
  readonly onError: (url: string) => void;
}

/**
 * The seat's default face: avatar (image, initials, or the empty/locked placeholder) with the speaking ring and glow,
 * the busy spinner (also while the seat's menu is on its way: `loadingMenu`, shown only if that takes a while), the
 * role tag and state badge, the number and the name. Initials, the role tag and the seat number
 * are drawn as generated content: they are decoration already covered by the button's label, and as text they would
 * make the visible text disagree with the accessible name (WCAG 2.5.3).
 */
export function seatFace(context: SeatRenderContext, avatarFailure: AvatarFailure, loadingMenu = false) {
  const { seat, index } = context;
  const user = seat.user;
  const number = html`<span
    class="number ${user || context.applied ? 'of-user' : ''}"
    part="number"
    data-n=${formatNumber(index + 1)}
  ></span>`;
  let avatar;
  if (user) {
    const showImage = user.avatarUrl !== '' && avatarFailure.failedUrl !== user.avatarUrl;
    avatar = showImage
      ? html`<img src=${user.avatarUrl} alt="" draggable="false" @error=${() => avatarFailure.onError(user.avatarUrl)} />`
      : html`<span class="initials" data-initials=${initialsOf(user.userName)} style=${styleMap({ '--vr-hue': String(hueOf(user.userId)) })}></span>`;
  } else {
    avatar = html`<span class="placeholder">${seat.locked ? lockIcon : plusIcon}</span>`;
  }
  const role = context.role;
  return html`
    <span class="face" aria-hidden="true">
      <span class="avatar-box">
        <span class="glow" part="glow"></span>
        <span class="ring" part="ring"></span>
        <span class="ripple"></span>
        <span class="avatar" part="avatar">${avatar}</span>
        ${context.busy || loadingMenu ? html`<span class=${context.busy ? 'busy' : 'busy later'}><span class="spinner"></span></span>` : nothing}
        ${role && role !== 'member' ? html`<span class="role ${role}" part="role" data-label=${msg(`seat.role.${role}`)}></span>` : nothing}
        ${
          seat.audioLocked
            ? html`<span class="badge audio-locked" part="badge">${micLockIcon}</span>`
            : user && seat.selfMuted
              ? html`<span class="badge muted" part="badge">${micOffIcon}</span>`
              : nothing
        }
      </span>
      <span class="caption">
        ${number}
        <span class="name ${user || context.applied ? '' : 'state'}" part="name"
          >${user ? html`<bdi>${user.userName}</bdi>` : context.applied ? msg('seat.applied') : seat.locked ? msg('seat.locked') : msg('seat.empty')}</span
        >
      </span>
    </span>
  `;
}
