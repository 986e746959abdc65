import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { type Gift, UNCATEGORIZED, type UserInfo } from '../../src/index.js';
import { initialsOf } from '../base/identity.js';
import { arrowIndex } from '../base/roving.js';
import { formatNumber, msg } from '../i18n/locale.js';
import { coinIcon } from './icons.js';

// The gift panel's three choices, each a radio group with one tab stop and arrow keys: who receives, which
// category tab, which gift. The element holds what is chosen; these draw the choices and report a new one.

/** A choice's arrow-key handler: `choose(index)` for the option the key moves to in a group of `length`. */
export type RovingKeys = (event: KeyboardEvent, index: number, length: number, choose: (index: number) => void) => void;

/**
 * Arrow keys over a group laid out in `columns` (0: a single row, where up and down do nothing), mirrored in RTL;
 * the option moved to is chosen, then focused (`focus(index)`) once the host has rendered it.
 */
export function rovingKeys(columns: () => number, focus: (index: number) => void): RovingKeys {
  return (event, index, length, choose) => {
    const cols = columns();
    const rtl = (event.currentTarget as HTMLElement | null)?.matches(':dir(rtl)') ?? false;
    const next = arrowIndex(event.key, index, length, cols || length, rtl);
    if (next === null || (cols === 0 && (event.key === 'ArrowUp' || event.key === 'ArrowDown'))) return;
    event.preventDefault();
    choose(next);
    focus(next);
  };
}

/** A category's tab label: the catalog's own name, capitalised; gifts without one are "Gifts". */
export function categoryLabel(category: string): string {
  if (category === UNCATEGORIZED) return msg('gift.list');
  return category.charAt(0).toLocaleUpperCase() + category.slice(1);
}

export interface ReceiversView {
  readonly receivers: readonly UserInfo[];
  readonly chosen: UserInfo | null;
  /** The host's user ID (marked with a dot). */
  readonly owner: string | undefined;
  readonly choose: (userId: string) => void;
  readonly keys: RovingKeys;
}

/** Who receives: everyone I can send to as an avatar, the chosen one named beside them. */
export function receiverChoice({ receivers, chosen, owner, choose, keys }: ReceiversView) {
  if (receivers.length === 0) return html`<p class="no-receiver">${msg('gift.noReceiver')}</p>`;
  const chooseAt = (j: number) => choose(receivers[j]!.userId);
  return html`
    <span class="label" id="to">${msg('gift.sendTo')}</span>
    <div part="receivers" class="receivers" role="radiogroup" aria-labelledby="to">
      ${receivers.map((user, i) => {
        const checked = user.userId === chosen?.userId;
        return html`
          <button
            part="receiver"
            class=${classMap({ receiver: true, checked })}
            role="radio"
            aria-checked=${checked ? 'true' : 'false'}
            aria-label=${msg('gift.receiver', { name: user.userName })}
            title=${user.userName}
            tabindex=${checked ? 0 : -1}
            data-user-id=${user.userId}
            data-focus-ring
            @click=${() => choose(user.userId)}
            @keydown=${(e: KeyboardEvent) => keys(e, i, receivers.length, chooseAt)}
          >
            <span class="avatar">
              ${user.avatarUrl ? html`<img src=${user.avatarUrl} alt="" />` : html`<span class="initials">${initialsOf(user.userName)}</span>`}
            </span>
            ${user.userId === owner ? html`<span class="host-dot" aria-hidden="true"></span>` : nothing}
          </button>
        `;
      })}
    </div>
    <span class="receiver-name" aria-hidden="true"><bdi>${chosen?.userName ?? ''}</bdi></span>
  `;
}

/** The category tabs (none when the catalog has fewer than two categories). */
export function categoryTabs(
  categories: readonly string[],
  current: string | null,
  choose: (category: string) => void,
  keys: RovingKeys,
) {
  if (categories.length === 0) return nothing;
  const chooseAt = (j: number) => choose(categories[j]!);
  return html`
    <div part="tabs" class="tabs" role="tablist" aria-label=${msg('gift.categories')}>
      ${categories.map((category, i) => {
        const selected = category === current;
        return html`
          <button
            part="tab"
            class=${classMap({ tab: true, selected })}
            role="tab"
            id=${`tab-${i}`}
            aria-selected=${selected ? 'true' : 'false'}
            aria-controls="grid"
            tabindex=${selected ? 0 : -1}
            data-focus-ring
            @click=${() => choose(category)}
            @keydown=${(e: KeyboardEvent) => keys(e, i, categories.length, chooseAt)}
          >
            ${categoryLabel(category)}
          </button>
        `;
      })}
    </div>
  `;
}

/** The gifts of the current tab (`label` names the group), each with level, icon, name and price. */
export function giftGrid(
  gifts: readonly Gift[],
  chosen: Gift | null,
  label: string,
  choose: (giftId: string) => void,
  keys: RovingKeys,
) {
  const chooseAt = (j: number) => choose(gifts[j]!.giftId);
  return html`
    <div part="grid" class="grid" id="grid" role="radiogroup" aria-label=${label}>
      ${gifts.map((gift, i) => {
        const checked = gift.giftId === chosen?.giftId;
        return html`
          <button
            part="gift"
            class=${classMap({ gift: true, checked, animated: !!gift.animationUrl })}
            role="radio"
            aria-checked=${checked ? 'true' : 'false'}
            aria-label=${msg('gift.option', { n: gift.price, name: gift.name, price: gift.price, level: gift.level })}
            tabindex=${checked ? 0 : -1}
            data-gift-id=${gift.giftId}
            data-focus-ring
            @click=${() => choose(gift.giftId)}
            @keydown=${(e: KeyboardEvent) => keys(e, i, gifts.length, chooseAt)}
          >
            <span part="level" class="level" data-level=${Math.min(5, gift.level)}>${msg('gift.level', { level: gift.level })}</span>
            <img class="icon" src=${gift.iconUrl} alt="" loading="lazy" />
            <span class="name">${gift.name}</span>
            <span class="price">${coinIcon}${formatNumber(gift.price)}</span>
          </button>
        `;
      })}
    </div>
  `;
}
