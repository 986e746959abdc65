import { css, html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { UserInfo } from '../../src/index.js';
import { hueOf, initialsOf } from '../base/identity.js';

/**
 * A round avatar: gradient initials, with the image laid over them when there is one (a broken image hides itself
 * and the initials show through). Decorative (`aria-hidden`): every place that shows one also shows the name.
 */
export function avatar(user: UserInfo, options: { part?: string; className?: string } = {}) {
  return html`<span class="avatar ${options.className ?? ''}" part=${options.part ?? 'avatar'} aria-hidden="true"
    ><span class="initials" data-initials=${initialsOf(user.userName)} style=${styleMap({ '--vr-hue': String(hueOf(user.userId)) })}></span
    >${
      user.avatarUrl
        ? html`<img src=${user.avatarUrl} alt="" draggable="false" @error=${(e: Event) => ((e.target as HTMLElement).hidden = true)} />`
        : nothing
    }</span
  >`;
}

/**
 * Styles for `avatar()`; size with `--_avatar-size` on the avatar or an ancestor. No rule sets the image's `display`, so
 * the browser's own `[hidden]` rule hides a broken one.
 */
export const avatarStyles = css`
  .avatar {
    position: relative;
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: var(--_avatar-size, 40px);
    block-size: var(--_avatar-size, 40px);
    border-radius: 50%;
    overflow: hidden;
    background: var(--vr-seat-empty-bg);
  }
  .avatar img {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .avatar .initials {
    display: grid;
    place-items: center;
    inline-size: 100%;
    block-size: 100%;
    color: #fff;
    font-size: calc(var(--_avatar-size, 40px) * 0.36);
    font-weight: 650;
    letter-spacing: 0.02em;
    text-shadow: 0 1px 2px rgb(0 0 0 / 0.18);
    background: linear-gradient(145deg, hsl(var(--vr-hue, 270) 78% 66%) 0%, hsl(calc(var(--vr-hue, 270) + 28) 74% 54%) 100%);
  }
  .avatar .initials::before {
    content: attr(data-initials);
  }
`;

/**
 * Shared look of the kit's small buttons, so the three panels read as one family. The icon and danger buttons and the
 * text fields are only in what loads on demand: their rules are in panel-buttons.ts.
 */
export const buttonStyles = css`
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    box-sizing: border-box;
    min-block-size: 32px;
    padding: 0 14px;
    border: 0;
    border-radius: var(--vr-radius-pill);
    font: inherit;
    font-size: var(--vr-font-size-s);
    font-weight: 650;
    line-height: 1;
    white-space: nowrap;
    cursor: pointer;
    background: var(--vr-color-surface-sunken);
    color: var(--vr-color-text);
    transition:
      background-color var(--vr-duration-fast) ease,
      transform var(--vr-duration-fast) ease,
      opacity var(--vr-duration-fast) ease;
    touch-action: manipulation;
  }
  .btn:hover {
    background: var(--vr-color-accent-soft);
    color: var(--vr-color-accent-strong);
  }
  .btn:active {
    transform: scale(0.97);
  }
  .btn.primary {
    background: var(--vr-gradient-accent);
    color: var(--vr-color-text-on-accent);
    box-shadow: 0 4px 12px -4px rgb(217 70 239 / 0.55);
  }
  .btn.primary:hover {
    filter: brightness(1.06);
  }
  .btn.ghost {
    background: transparent;
    color: var(--vr-color-text-muted);
  }
  .btn.ghost:hover {
    background: var(--vr-color-surface-sunken);
    color: var(--vr-color-text);
  }
  .btn[disabled] {
    opacity: 0.5;
    cursor: default;
    transform: none;
  }
  .btn:focus-visible {
    outline: 2px solid var(--vr-focus-ring);
    outline-offset: 2px;
  }
  .alert {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    padding: 8px 8px 8px 12px;
    border-radius: var(--vr-radius-m);
    background: var(--vr-color-danger-soft);
    /* Small text on the soft danger tint: the token's light red reads at 4.0:1 there, this one at 4.8:1 (axe). */
    color: light-dark(#c81e4a, var(--vr-color-danger));
    font-size: var(--vr-font-size-s);
    font-weight: 600;
    line-height: 1.35;
  }
  .alert > span {
    flex: 1;
  }
  .alert .dismiss {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 24px;
    block-size: 24px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 16px;
    cursor: pointer;
  }
  .alert .dismiss:focus-visible {
    outline: 2px solid var(--vr-focus-ring);
  }
`;
