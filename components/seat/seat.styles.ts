import { css } from 'lit';
import { focusRing, reducedMotion, spinner } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  focusRing,
  spinner,
  css`
    :host {
      --_size: var(--vr-seat-size, 64px);
      display: inline-block;
      position: relative;
      max-inline-size: 100%;
      vertical-align: top;
    }
    :host(:state(alerting)) {
      z-index: 30;
    }

    .wrap {
      position: relative;
      display: flex;
      justify-content: center;
    }

    .seat {
      display: flex;
      flex-direction: column;
      align-items: center;
      box-sizing: border-box;
      min-inline-size: 0;
      max-inline-size: 100%;
      margin: 0;
      padding: var(--vr-space-2) var(--vr-space-1);
      border: 0;
      border-radius: var(--vr-radius-m);
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
      touch-action: manipulation;
      transition: background-color var(--vr-duration-fast) ease;
    }
    .seat:focus-visible {
      outline-offset: 1px;
    }

    .face {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 10px;
      min-inline-size: 0;
      max-inline-size: 100%;
    }

    /* ---- avatar, ring, badges ---- */
    .avatar-box {
      position: relative;
      flex: none;
      inline-size: var(--_size);
      block-size: var(--_size);
    }
    .avatar {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      overflow: hidden;
      border-radius: 50%;
      background: var(--vr-seat-empty-bg);
      box-shadow: var(--vr-shadow-s);
      transition: transform var(--vr-duration-medium) var(--vr-easing);
    }
    .seat:hover .avatar {
      transform: scale(1.04);
    }
    .avatar img {
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    .initials {
      display: grid;
      place-items: center;
      inline-size: 100%;
      block-size: 100%;
      color: #fff;
      font-size: calc(var(--_size) * 0.34);
      font-weight: 650;
      letter-spacing: 0.02em;
      text-shadow: 0 1px 2px rgb(0 0 0 / 0.18);
      background: linear-gradient(
        145deg,
        hsl(var(--vr-hue, 270) 78% 66%) 0%,
        hsl(calc(var(--vr-hue, 270) + 28) 74% 54%) 100%
      );
    }
    .initials::before {
      content: attr(data-initials);
    }
    .role::before {
      content: attr(data-label);
    }
    .number::before {
      content: attr(data-n);
    }
    .placeholder {
      box-sizing: border-box;
      display: grid;
      place-items: center;
      inline-size: 100%;
      block-size: 100%;
      border-radius: 50%;
      border: 1.5px dashed var(--vr-color-border-strong);
      color: var(--vr-seat-empty-icon);
      font-size: calc(var(--_size) * 0.32);
      transition:
        color var(--vr-duration-fast) ease,
        border-color var(--vr-duration-fast) ease;
    }
    .seat:hover .placeholder {
      border-color: var(--vr-color-accent);
      color: var(--vr-color-accent);
    }
    :host(:state(locked)) .placeholder {
      border-style: solid;
      border-color: transparent;
      color: var(--vr-color-text-muted);
      font-size: calc(var(--_size) * 0.3);
    }
    :host(:state(applied)) .placeholder {
      border: 2px dashed var(--vr-color-accent);
      color: var(--vr-color-accent);
      background: var(--vr-color-accent-soft);
      animation: vr-breathe 1.8s ease-in-out infinite;
    }

    /* The speaking ring: a gradient halo behind the avatar, a ripple going out from it and a glow growing with the
       audio level, while the occupant speaks. All three sit on compositor layers of their own for as long as the
       seat is occupied, so speaking starting or stopping only fades them (opacity, transform) instead of adding and
       removing layers, and a level update repaints nothing. The ripple is the ring's sibling, not its child: the
       ring's fade would otherwise be an opacity over two layers, which costs an offscreen render pass per frame. */
    .ring,
    .ripple {
      position: absolute;
      inset: -4px;
      border-radius: 50%;
    }
    .ring {
      background: var(--vr-gradient-accent);
      opacity: 0;
      transform: scale(0.94);
      transition:
        opacity var(--vr-duration-medium) ease,
        transform var(--vr-duration-medium) var(--vr-easing);
    }
    .ripple {
      box-sizing: border-box;
      border: 2px solid var(--vr-color-speaking);
      opacity: 0;
    }
    :host(:state(speaking)) .ring {
      opacity: 1;
      transform: scale(1);
    }
    :host(:state(speaking)) .ripple {
      animation: vr-ripple 1.5s ease-out infinite;
    }

    /* The glow used to be the ring's box-shadow with a blur radius following the level, which re-rasterized a blur
       on every level update (bench/components.mjs). Now it is the quiet and the loud end of that shadow (level 10:
       11.8px blur, 0.4px spread; level 100: 28px, 4px), painted once and cross-faded by the level through opacity
       alone, each half on its own for the same reason as the ripple. */
    .glow {
      --_loud: clamp(0, (var(--vr-level, 0) - 10) / 90, 1);
      position: absolute;
      inset: -4px;
      border-radius: 50%;
    }
    .glow::before,
    .glow::after {
      content: '';
      position: absolute;
      inset: 0;
      border-radius: 50%;
      opacity: 0;
      transition: opacity 90ms linear;
    }
    .glow::before {
      box-shadow: 0 0 11.8px 0.4px var(--vr-color-speaking-glow);
    }
    .glow::after {
      box-shadow: 0 0 28px 4px var(--vr-color-speaking-glow);
    }
    :host(:state(speaking)) .glow::before {
      opacity: calc(1 - var(--_loud));
    }
    :host(:state(speaking)) .glow::after {
      opacity: var(--_loud);
    }
    :host(:not(:state(empty))) .ring,
    :host(:not(:state(empty))) .ripple {
      will-change: transform, opacity;
    }
    :host(:not(:state(empty))) .glow::before,
    :host(:not(:state(empty))) .glow::after {
      will-change: opacity;
    }
    :host(:state(speaking)) .avatar {
      box-shadow: 0 0 0 2.5px var(--vr-color-bg);
    }

    .busy {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      border-radius: 50%;
      background: rgb(20 12 40 / 0.5);
      color: #fff;
      font-size: calc(var(--_size) * 0.3);
      backdrop-filter: blur(1px);
    }
    /* The menu's part on its way (MenuController): a spinner only if it takes longer than a blink. */
    .busy.later {
      animation: vr-appear var(--vr-duration-fast) 0.3s both;
    }

    .badge {
      position: absolute;
      inset-inline-end: -3px;
      inset-block-end: -3px;
      display: grid;
      place-items: center;
      inline-size: max(20px, calc(var(--_size) * 0.3));
      block-size: max(20px, calc(var(--_size) * 0.3));
      border-radius: 50%;
      font-size: max(11px, calc(var(--_size) * 0.17));
      background: var(--vr-seat-badge-bg);
      color: var(--vr-color-text-muted);
      box-shadow:
        0 0 0 2px var(--vr-color-bg),
        var(--vr-shadow-s);
    }
    .badge.audio-locked {
      background: var(--vr-color-danger);
      color: #fff;
    }

    .role {
      position: absolute;
      inset-inline-start: 50%;
      inset-block-end: -7px;
      transform: translateX(-50%);
      padding: 1px 7px;
      border-radius: var(--vr-radius-pill);
      font-size: 10px;
      font-weight: 700;
      line-height: 14px;
      letter-spacing: 0.03em;
      white-space: nowrap;
      color: #fff;
      background: var(--vr-gradient-accent);
      box-shadow: 0 0 0 2px var(--vr-color-bg);
    }
    .role.admin {
      background: linear-gradient(135deg, #4f46e5, #7c3aed);
    }
    :host(:dir(rtl)) .role {
      transform: translateX(50%);
    }

    /* ---- caption ---- */
    .caption {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 5px;
      max-inline-size: min(100%, calc(var(--_size) + 32px));
      min-inline-size: 0;
      font-size: var(--vr-font-size-s);
      line-height: 16px;
    }
    .number {
      flex: none;
      display: inline-grid;
      place-items: center;
      min-inline-size: 16px;
      block-size: 16px;
      padding: 0 4px;
      box-sizing: border-box;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-seat-number-bg);
      color: var(--vr-color-text-muted);
      font-size: 10px;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    :host(:state(mine)) .number {
      background: var(--vr-gradient-accent);
      color: #fff;
    }
    .name {
      overflow: hidden;
      min-inline-size: 0;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: 600;
      color: var(--vr-color-text);
    }
    :host(:state(empty)) .name {
      font-weight: 500;
      color: var(--vr-color-text-muted);
    }
    :host(:state(applied)) .name {
      color: var(--vr-color-accent);
      font-weight: 650;
    }

    /* In a narrow grid cell the caption keeps what matters: an occupant's name, an empty seat's number. */
    @container vr-seat-cell (max-width: 78px) {
      .number.of-user,
      .name.state {
        display: none;
      }
      .caption {
        font-size: var(--vr-font-size-xs);
      }
    }

    /* ---- row variant (vertical layout) ---- */
    :host([variant='row']) {
      display: block;
    }
    :host([variant='row']) .wrap {
      justify-content: stretch;
    }
    :host([variant='row']) .seat {
      flex: 1;
      align-items: stretch;
      padding: var(--vr-space-2) var(--vr-space-3);
      border-radius: var(--vr-radius-l);
      background: var(--vr-color-surface);
      box-shadow: var(--vr-shadow-s);
    }
    :host([variant='row']) .face {
      flex-direction: row;
      gap: var(--vr-space-3);
    }
    :host([variant='row']) .caption {
      justify-content: flex-start;
      max-inline-size: none;
      flex: 1;
      font-size: var(--vr-font-size-m);
    }
    :host([variant='row']) .seat:hover {
      background: var(--vr-color-surface-raised);
    }

    /* ---- error bubble ---- */
    .alert-region {
      position: absolute;
      inset-block-end: calc(100% - 6px);
      inset-inline-start: 50%;
      transform: translateX(calc(-50% + var(--_shift, 0px)));
      z-index: 2;
      inline-size: max-content;
      max-inline-size: 220px;
      pointer-events: none;
    }
    @keyframes vr-ripple {
      0% {
        opacity: 0.7;
        transform: scale(1);
      }
      100% {
        opacity: 0;
        transform: scale(1.32);
      }
    }
    @keyframes vr-appear {
      from {
        opacity: 0;
      }
    }
    @keyframes vr-breathe {
      50% {
        background: transparent;
      }
    }
  `,
  reducedMotion,
  // Still states carry the meaning when motion is reduced: the ring stays, the ripple goes.
  css`
    @media (prefers-reduced-motion: reduce) {
      :host(:state(speaking)) .ripple {
        animation: none;
      }
    }
  `,
];
