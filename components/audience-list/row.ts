import { html, nothing, svg } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  type LiveInfo,
  type Me,
  type Role,
  type Seat,
  type SeatRequest,
  type UserInfo,
  entry,
  outranks,
  roleOf,
} from '../../src/index.js';
import { msg } from '../i18n/locale.js';
import { avatar } from './avatar.js';
import { frame } from '../base/icons.js';

import { ROW_ACTIONS, type RowAction } from './row-actions.js';

export { ROW_ACTIONS, ROW_PENDING, type RowAction } from './row-actions.js';

// The row actions' icons (components/base/icons.ts's family), here so only the panel's chunk carries them.
export const userPlusIcon = frame(
  svg`<circle cx="9.5" cy="8" r="3.8"/><path d="M2.5 20a7 7 0 0 1 14 0M19 8v6M16 11h6"/>`,
);
export const muteIcon = frame(svg`<path d="M4 5h16v10H9l-5 4z"/><path d="M9.5 8.5l5 3M14.5 8.5l-5 3"/>`);
export const kickIcon = frame(
  svg`<path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4"/><path d="M9 16l-4-4 4-4M5 12h10"/>`,
);

/** One member as their row shows them. */
export interface MemberRow {
  readonly user: UserInfo;
  /** Their place in the whole list, 0-based (the row is positioned by it). */
  readonly index: number;
  /** How many the whole list holds. */
  readonly count: number;
  readonly role: Role;
  /** Their seat, if they sit on one. */
  readonly seat: Seat | undefined;
  readonly muted: boolean;
  /** An invitation to them is out. */
  readonly invited: boolean;
}

/** The room as the rows read it: roles, seats, mutes and invitations. */
export interface RowSources {
  readonly info: LiveInfo | null;
  readonly admins: readonly string[];
  readonly seats: readonly Seat[];
  /** Muted until (room time, ms), by user ID. */
  readonly mutes: Readonly<Record<string, number>>;
  readonly requests: readonly SeatRequest[];
  /** The room's time. */
  readonly now: number;
}

/** `user` as their row shows them, at `index` of `count`. */
export function rowOf(user: UserInfo, index: number, count: number, room: RowSources): MemberRow {
  const { info, admins } = room;
  const isAdmin = admins.includes(user.userId);
  const role: Role = info ? roleOf({ info, admins }, user.userId) : isAdmin ? 'admin' : 'member';
  const seat = room.seats.find((s) => s.user?.userId === user.userId);
  const muted = (entry(room.mutes, user.userId) ?? 0) > room.now;
  const invited = room.requests.some((r) => r.type === 'invite' && r.to?.userId === user.userId);
  return { user, index, count, role, seat, muted, invited };
}

/** What the rows share: who looks, the row height and mute length, and what the actions do. */
export interface RowContext {
  readonly me: Me | null;
  readonly rowHeight: number;
  readonly muteSeconds: number;
  readonly busy: (action: RowAction, userId: string) => boolean;
  readonly invite: (userId: string) => void;
  readonly mute: (userId: string, seconds: number) => void;
  readonly confirmKick: (user: UserInfo) => void;
}

/** A member's row: avatar, name and tags, and the actions the rules would allow me on them. */
export function memberRow(row: MemberRow, context: RowContext) {
  const { user, index, role, seat, muted, invited } = row;
  const { me, busy } = context;
  const self = me?.user.userId === user.userId;
  // Mute, kick and invite are offered only where the rules would allow them.
  const manageable = !self && me !== null && outranks(me.role, role);
  const name = user.userName;
  const rowBusy = ROW_ACTIONS.some((a) => busy(a, user.userId));
  return html`<div
    class="row"
    part="row"
    role="listitem"
    aria-posinset=${index + 1}
    aria-setsize=${row.count}
    aria-busy=${rowBusy ? 'true' : 'false'}
    data-user=${user.userId}
    style=${styleMap({ transform: `translateY(${index * context.rowHeight}px)` })}
  >
    ${avatar(user)}
    <span class="who">
      <span class="name"><bdi class="label">${name}</bdi>${self ? html` <span class="you">(${msg('seat.role.you')})</span>` : nothing}</span>
      <span class="tags">
        ${role !== 'member' ? html`<span class=${classMap({ tag: true, [role]: true })}>${msg(role === 'owner' ? 'seat.role.owner' : 'seat.role.admin')}</span>` : nothing}
        ${seat ? html`<span class="tag seat">${msg('audience.onSeat', { n: seat.index + 1 })}</span>` : nothing}
        ${muted ? html`<span class="tag muted">${msg('audience.muted')}</span>` : nothing}
        ${invited ? html`<span class="tag invited">${msg('audience.invited')}</span>` : nothing}
      </span>
    </span>
    ${
      manageable
        ? html`<span class="actions">
          ${
            !seat && !invited
              ? action(
                  context,
                  'invite',
                  user.userId,
                  userPlusIcon,
                  msg('audience.inviteUser', { name }),
                  () => context.invite(user.userId),
                  'accent',
                )
              : nothing
          }
          ${action(
            context,
            'mute',
            user.userId,
            muteIcon,
            muted
              ? msg('audience.unmuteUser', { name })
              : msg('audience.muteUser', { name, minutes: Math.round(context.muteSeconds / 60) }),
            () => context.mute(user.userId, muted ? 0 : context.muteSeconds),
            muted ? 'on' : '',
          )}
          ${action(context, 'kick', user.userId, kickIcon, msg('audience.kickUser', { name }), () => context.confirmKick(user), 'danger')}
        </span>`
        : nothing
    }
  </div>`;
}

function action(
  context: RowContext,
  name: RowAction,
  userId: string,
  icon: unknown,
  label: string,
  run: () => unknown,
  tone: string,
) {
  const busy = context.busy(name, userId);
  return html`<button
    type="button"
    class="btn icon row-action ${tone}"
    part="row-action"
    data-action=${name}
    aria-label=${label}
    title=${label}
    aria-pressed=${name === 'mute' ? (tone === 'on' ? 'true' : 'false') : nothing}
    ?disabled=${busy}
    @click=${run}
  >
    ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : icon}
  </button>`;
}
