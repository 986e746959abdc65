import { type ReactiveController, type ReactiveControllerHost, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Room, SeatRequest, UserInfo } from '../../src/index.js';
import { avatar } from '../audience-list/avatar.js';
import { searchIcon } from '../audience-list/panel-icons.js';
import { type CommandFailure, commandFailure } from '../controllers/intent-controller.js';
import { msg } from '../i18n/locale.js';
import { countdown } from './countdown-view.js';

const SEARCH_DEBOUNCE_MS = 250;

/**
 * The invite picker's search over the whole audience (`room.listAudience`), not only the latest entrants: typing
 * searches after a pause, an empty field goes back to the entrants, and only the newest search's answer counts.
 */
export class InviteSearchController implements ReactiveController {
  keyword = '';
  /** The newest search's members, or null while the picker shows the latest entrants. */
  results: readonly UserInfo[] | null = null;
  searching = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #token = 0;

  readonly #host: ReactiveControllerHost;
  readonly #room: () => Room | undefined;
  readonly #failed: (failure: CommandFailure) => void;

  constructor(host: ReactiveControllerHost, room: () => Room | undefined, failed: (failure: CommandFailure) => void) {
    this.#host = host;
    this.#room = room;
    this.#failed = failed;
    host.addController(this);
  }

  /** Searches now for `keyword` (at most 50 members). */
  async search(keyword: string): Promise<void> {
    const room = this.#room();
    if (!room) return;
    const token = ++this.#token;
    this.#set({ keyword, searching: true });
    try {
      const page = await room.listAudience({ keyword, count: 50 });
      if (token === this.#token) this.#set({ results: page.members });
    } catch (error) {
      if (token === this.#token) this.#failed(commandFailure('search', error));
    } finally {
      if (token === this.#token) this.#set({ searching: false });
    }
  }

  /** Forgets the search (another room). */
  reset(): void {
    this.#set({ keyword: '', results: null });
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#token += 1;
  }

  /** For the search field's `input`. */
  readonly onInput = (event: Event): void => {
    this.#set({ keyword: (event.target as HTMLInputElement).value });
    clearTimeout(this.#timer);
    const keyword = this.keyword.trim();
    if (!keyword) {
      this.#token += 1;
      this.#set({ results: null, searching: false });
      return;
    }
    this.#timer = setTimeout(() => void this.search(keyword), SEARCH_DEBOUNCE_MS);
  };

  #set(change: Partial<Pick<InviteSearchController, 'keyword' | 'results' | 'searching'>>): void {
    Object.assign(this, change);
    this.#host.requestUpdate();
  }
}

/** What the picker shows and what its controls do. */
export interface PickerView {
  readonly search: InviteSearchController;
  /** Empty, unlocked seats an invitation may offer. */
  readonly free: readonly number[];
  /** The seat chosen in the picker; null offers any free seat. */
  readonly inviteSeat: number | null;
  /** Who the picker offers (`candidates`). */
  readonly candidates: readonly UserInfo[];
  /** The room's requests, for the invitations already out. */
  readonly requests: readonly SeatRequest[];
  readonly now: number;
  /** Inviting `user`, or withdrawing `invite` to them, is in flight. */
  readonly busy: (user: UserInfo, invite: SeatRequest | null) => boolean;
  readonly invite: (userId: string) => void;
  readonly cancel: (invite: SeatRequest) => void;
  readonly onSeatChange: (event: Event) => void;
}

/** Search and seat choice, then the candidates: invite each, or withdraw an invitation already out. */
export function invitePicker(view: PickerView) {
  const { search, free, candidates } = view;
  const seatValue = view.inviteSeat === null || !free.includes(view.inviteSeat) ? 'any' : String(view.inviteSeat);
  const invites = new Map(
    view.requests.filter((r) => r.type === 'invite' && r.status === 'pending' && r.to).map((r) => [r.to!.userId, r]),
  );
  return html`
    <div class="picker-controls">
      <label class="search">
        <span class="search-icon" aria-hidden="true">${searchIcon}</span>
        <input
          class="field"
          type="search"
          .value=${search.keyword}
          placeholder=${msg('requests.invite.search')}
          aria-label=${msg('requests.invite.search')}
          @input=${search.onInput}
        />
        ${search.searching ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
      </label>
      <label class="seat-select">
        <span class="visually-hidden">${msg('requests.invite.seat')}</span>
        <select class="field" aria-label=${msg('requests.invite.seat')} @change=${view.onSeatChange}>
          <option value="any" ?selected=${seatValue === 'any'}>${msg('requests.invite.anySeat')}</option>
          ${free.map((i) => html`<option value=${String(i)} ?selected=${seatValue === String(i)}>${msg('seat.number', { n: i + 1 })}</option>`)}
        </select>
      </label>
    </div>
    ${free.length === 0 ? html`<p class="hint">${msg('requests.invite.noSeat')}</p>` : nothing}
    ${
      candidates.length === 0
        ? html`<div class="empty-state">
          <p class="empty-title">${search.keyword.trim() ? msg('requests.invite.noMatch', { keyword: search.keyword.trim() }) : msg('requests.invite.empty')}</p>
        </div>`
        : html`<ul class="list" part="list" aria-busy=${search.searching ? 'true' : 'false'}>
          ${repeat(
            candidates,
            (u) => u.userId,
            (u) => candidate(view, u, invites.get(u.userId) ?? null, free.length > 0),
          )}
        </ul>`
    }
  `;
}

function candidate(view: PickerView, user: UserInfo, invite: SeatRequest | null, canInvite: boolean) {
  const busy = view.busy(user, invite);
  return html`<li class="item" part="item" aria-busy=${busy ? 'true' : 'false'} data-user=${user.userId}>
    ${avatar(user)}
    <div class="who">
      <span class="name"><bdi>${user.userName}</bdi></span>
      ${
        invite
          ? html`<span class="meta invited"
            >${msg('requests.invite.sent')} ·
            ${invite.seatIndex === null ? msg('requests.invitation.any') : msg('requests.invitation.seat', { n: invite.seatIndex + 1 })}
            ${countdown(invite, view.now)}</span
          >`
          : nothing
      }
    </div>
    <div class="actions">
      ${
        busy
          ? html`<span class="spinner" aria-hidden="true"></span>`
          : invite
            ? html`<button
              type="button"
              class="btn ghost"
              aria-label=${msg('requests.invite.withdrawUser', { name: user.userName })}
              @click=${() => view.cancel(invite)}
            >
              ${msg('requests.invite.withdraw')}
            </button>`
            : html`<button
              type="button"
              class="btn primary"
              aria-label=${msg('requests.invite.sendUser', { name: user.userName })}
              ?disabled=${!canInvite}
              @click=${() => view.invite(user.userId)}
            >
              ${msg('requests.invite.send')}
            </button>`
      }
    </div>
  </li>`;
}
