import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { GiftEffectItem } from '../../src/index.js';
import { initialsOf } from '../base/identity.js';
import { formatNumber, msg, msgIsolated } from '../i18n/locale.js';
import './strings.js';

// What the gift player draws for an effect: a banner in a lane, and the stage's still card, loading ring and
// caption. The element decides what is on screen (the queue) and where an animation is; these only draw it.

type SentenceKey = 'gift.announce' | 'gift.announceOne';

/** "Ann sent Rose ×3 to Bo": plain for the live region (`msg`), or with the names isolated for display. */
export function sentence<T>(
  item: GiftEffectItem,
  format: (key: SentenceKey, params: Record<string, string | number>) => T,
): T {
  const { senderName: sender, name: gift, receiverName: receiver } = item.effect;
  return format(item.combo > 1 ? 'gift.announce' : 'gift.announceOne', { sender, gift, receiver, count: item.combo });
}

function combo(item: GiftEffectItem) {
  return html`<span part="combo" class="combo" data-combo=${item.combo}><span class="x">×</span>${formatNumber(item.combo)}</span>`;
}

/** A banner: the sender's avatar (`avatar`: its URL, or initials without one), who sent what to whom, the combo. */
export function banner(item: GiftEffectItem, avatar: string | undefined, reduced: boolean) {
  const e = item.effect;
  return html`
    <div part="banner" class=${classMap({ banner: true, leaving: item.leaving, still: reduced })} data-id=${item.id}>
      <span part="avatar" class="avatar">
        ${avatar ? html`<img src=${avatar} alt="" />` : html`<span class="initials">${initialsOf(e.senderName)}</span>`}
      </span>
      <span class="text">
        <span class="sender"><bdi>${e.senderName}</bdi></span>
        <span class="what">${msgIsolated('gift.sentTo', { gift: e.name, receiver: e.receiverName })}</span>
      </span>
      ${e.iconUrl ? html`<img class="gift-icon" src=${e.iconUrl} alt="" />` : nothing}
      ${combo(item)}
    </div>
  `;
}

/** The still card of a full-screen gift under reduced motion. */
export function stillCard(item: GiftEffectItem) {
  const e = item.effect;
  return html`
    <div part="still" class="still-card">
      ${e.iconUrl ? html`<img src=${e.iconUrl} alt="" />` : nothing}
      <strong class="still-name"><bdi>${e.name}</bdi></strong>
      <span class="still-text">${sentence(item, msgIsolated)}</span>
      ${combo(item)}
    </div>
  `;
}

/** Over a full-screen animation: its loading ring (`progress` 0–1) while `loading`, and the caption. */
export function stageCaption(item: GiftEffectItem, loading: boolean, progress: number) {
  const e = item.effect;
  const percent = formatNumber(progress, { style: 'percent', maximumFractionDigits: 0 });
  return html`
    ${
      loading
        ? html`<div part="progress" class="progress" style=${styleMap({ '--p': String(progress) })}>
          <span class="ring"></span>
          <span class="progress-text">${msg('gift.loadingEffect', { gift: e.name, percent })}</span>
        </div>`
        : nothing
    }
    <div part="caption" class="caption">
      <span class="caption-text"><strong><bdi>${e.senderName}</bdi></strong> ${msgIsolated('gift.sentTo', { gift: e.name, receiver: e.receiverName })}</span>
      ${combo(item)}
    </div>
  `;
}

/** The ×N counter pops when a combo grows (a Web Animation: it cleans itself up). */
export function popCounter(counter: HTMLElement | null): void {
  counter?.animate?.(
    [{ transform: 'scale(1.7)', filter: 'brightness(1.5)' }, { transform: 'scale(0.92)' }, { transform: 'scale(1)' }],
    { duration: 320, easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)' },
  );
}
