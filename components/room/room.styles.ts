import { css } from 'lit';
import { focusRing, reducedMotion, spinner, visuallyHidden } from '../styles/shared.js';
import { themeHost } from '../styles/tokens.js';

export const styles = [
  themeHost,
  focusRing,
  spinner,
  visuallyHidden,
  css`
    :host {
      --_glass: light-dark(rgb(255 255 255 / 0.66), rgb(255 255 255 / 0.07));
      --_glass-strong: light-dark(rgb(255 255 255 / 0.86), rgb(36 28 56 / 0.82));
      --_glass-border: light-dark(rgb(124 58 237 / 0.12), rgb(255 255 255 / 0.1));
      /* Large panels are translucent without backdrop-filter: a blur under the speaking rings would be re-rasterized
         every frame they animate (measured in bench/components.mjs: it costs most of the frame budget without a GPU). */
      --_panel: light-dark(rgb(255 255 255 / 0.62), rgb(30 22 50 / 0.55));
      --_control: 44px;
      display: block;
      position: relative;
      isolation: isolate;
      overflow: hidden;
      block-size: 100%;
      min-block-size: 480px;
      container: vr-room / inline-size;
      background: var(--vr-color-bg);
    }

    /* ---- backdrop ---- */
    .backdrop {
      position: absolute;
      inset: 0;
      z-index: -1;
      /* Its own layer: the speaking rings repaint many times a second above it, and without a GPU a repaint that
         reaches these layered gradients re-rasterizes them too (bench/components.mjs). */
      will-change: transform;
      background: var(
        --vr-room-background,
        radial-gradient(120% 55% at 0% 0%, light-dark(rgb(167 139 250 / 0.42), rgb(124 58 237 / 0.5)), transparent 62%),
        radial-gradient(90% 55% at 100% 22%, light-dark(rgb(244 114 182 / 0.3), rgb(219 39 119 / 0.32)), transparent 64%),
        radial-gradient(110% 60% at 40% 112%, light-dark(rgb(129 140 248 / 0.32), rgb(67 56 202 / 0.42)), transparent 62%),
        light-dark(#f5f1fd, #100a1f)
      );
    }
    ::slotted([slot='background']) {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }

    /* Frosted glass (the top and bottom bars' controls, the live info and audience pills) blurs only a background
       the page brings. Over the room's own backdrop, smooth gradients, a blur changes no visible pixel (screenshots
       with and without: mean difference < 0.1 of 255), yet without a GPU the compositor recomputes every
       backdrop blur on every frame that anything in the room moves: with the speaking rings that was about 7 extra
       render passes per frame and most of the compositor's time (bench/components.mjs). */
    .round:not(.small),
    .control,
    .mic,
    .header vr-live-info::part(summary),
    .header vr-audience-list::part(base) {
      backdrop-filter: var(--vr-room-glass-blur, none);
    }
    :host(:state(own-background)) :is(.round:not(.small), .control, .mic) {
      backdrop-filter: var(--vr-room-glass-blur, blur(14px));
    }
    :host(:state(own-background)) .header vr-live-info::part(summary),
    :host(:state(own-background)) .header vr-audience-list::part(base) {
      backdrop-filter: var(--vr-room-glass-blur, blur(10px));
    }

    .base {
      position: relative;
      display: flex;
      flex-direction: column;
      block-size: 100%;
      max-inline-size: var(--vr-room-max-width, 1240px);
      margin-inline: auto;
      box-sizing: border-box;
    }

    /* ---- shared controls ---- */
    button {
      font: inherit;
      color: inherit;
      -webkit-tap-highlight-color: transparent;
    }
    button:disabled {
      cursor: default;
    }
    .round {
      display: inline-grid;
      place-items: center;
      flex: none;
      inline-size: 36px;
      block-size: 36px;
      padding: 0;
      border-radius: 50%;
      border: 1px solid var(--_glass-border);
      background: var(--_glass);
      font-size: 18px;
      cursor: pointer;
      transition: background-color var(--vr-duration-fast) ease, transform var(--vr-duration-fast) ease;
    }
    .round:hover:not(:disabled) {
      background: var(--_glass-strong);
    }
    .round:active:not(:disabled) {
      transform: scale(0.94);
    }
    .round.end {
      color: var(--vr-color-danger);
    }

    /* ---- header ---- */
    .header {
      display: flex;
      align-items: flex-start;
      gap: var(--vr-space-2);
      padding: calc(var(--vr-space-3) + env(safe-area-inset-top, 0px)) var(--vr-space-4) var(--vr-space-2);
      min-block-size: 56px;
      box-sizing: border-box;
    }
    .header ::slotted([slot='header']) {
      flex: 1;
    }
    .header-info {
      flex: 1 1 auto;
      min-inline-size: 0;
      display: flex;
    }
    /* Level with the live info's summary pill (its height: the cover, its padding and border), not with the live info
       as a whole, which gains a row on a phone for the owner's pill: the audience and the leave button stay where
       they are whether that row is there or not, and while the live info is on its way. */
    .header-side {
      display: flex;
      align-items: center;
      gap: var(--vr-space-2);
      flex: none;
      min-block-size: calc(var(--vr-live-info-cover-size, 44px) + 10px);
    }

    /* ---- stage: seats above the barrage on phones, beside it on wide screens ---- */
    .stage {
      flex: 1 1 auto;
      min-block-size: 0;
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-3);
      padding: var(--vr-space-2) var(--vr-space-3) 0;
    }
    .seats {
      flex: none;
      padding: var(--vr-space-3) var(--vr-space-1);
    }
    .seats vr-seat-grid {
      display: block;
    }
    .barrage {
      flex: 1 1 auto;
      min-block-size: 120px;
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
      overflow: hidden;
    }
    .barrage vr-barrage {
      display: block;
      flex: 1 1 auto;
      min-block-size: 0;
    }

    /* ---- footer ---- */
    .footer {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--vr-space-3);
      padding: var(--vr-space-3) var(--vr-space-4) calc(var(--vr-space-3) + env(safe-area-inset-bottom, 0px));
    }
    .footer ::slotted([slot='footer']) {
      flex: 1;
    }
    .controls {
      display: flex;
      align-items: center;
      gap: var(--vr-space-3);
    }
    .control {
      position: relative;
      display: inline-grid;
      place-items: center;
      inline-size: var(--_control);
      block-size: var(--_control);
      padding: 0;
      border-radius: 50%;
      border: 1px solid var(--_glass-border);
      background: var(--_glass-strong);
      box-shadow: var(--vr-shadow-s);
      font-size: 21px;
      cursor: pointer;
      transition: transform var(--vr-duration-fast) ease;
    }
    .control:active {
      transform: scale(0.92);
    }
    .control.gift {
      color: #fff;
      border-color: transparent;
      background: var(--vr-gradient-accent);
      box-shadow: 0 6px 18px rgb(217 70 239 / 0.35);
    }
    .like {
      display: inline-block;
    }
    .badge {
      position: absolute;
      inset-block-start: -4px;
      inset-inline-end: -4px;
      min-inline-size: 18px;
      block-size: 18px;
      padding: 0 5px;
      box-sizing: border-box;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-danger);
      color: #fff;
      font-size: var(--vr-font-size-xs);
      font-weight: 700;
      line-height: 18px;
      text-align: center;
      border: 2px solid light-dark(#fff, #1a1527);
      box-sizing: content-box;
    }

    .mic {
      display: inline-flex;
      align-items: center;
      gap: var(--vr-space-2);
      block-size: var(--_control);
      padding: 0 var(--vr-space-4) 0 6px;
      border-radius: var(--vr-radius-pill);
      border: 1px solid var(--_glass-border);
      background: var(--_glass-strong);
      box-shadow: var(--vr-shadow-s);
      font-size: var(--vr-font-size-m);
      font-weight: 600;
      cursor: pointer;
      white-space: nowrap;
      min-inline-size: 0;
      transition: transform var(--vr-duration-fast) ease, background-color var(--vr-duration-fast) ease;
    }
    .mic:active:not(:disabled) {
      transform: scale(0.97);
    }
    .mic-icon {
      display: inline-grid;
      place-items: center;
      inline-size: 32px;
      block-size: 32px;
      border-radius: 50%;
      font-size: 18px;
      color: #fff;
      background: var(--vr-gradient-accent);
    }
    .mic[data-tone='live'] .mic-icon {
      background: linear-gradient(135deg, #22c55e, #10b981);
    }
    .mic[data-tone='muted'] .mic-icon,
    .mic[data-tone='locked'] .mic-icon {
      background: var(--vr-color-danger);
    }
    .mic[data-tone='applied'] .mic-icon {
      background: var(--vr-color-warning);
    }
    .mic:disabled {
      color: var(--vr-color-text-muted);
    }
    .mic:disabled .mic-icon {
      background: var(--vr-color-text-muted);
    }
    .mic[aria-busy='true'] .mic-icon {
      background: var(--vr-color-accent);
    }

    /* ---- gift effects over everything ---- */
    .player {
      position: absolute;
      inset: 0;
      z-index: 20;
      pointer-events: none;
    }

    /* ---- connection banner, sound prompt, toast ---- */
    /* On a phone the banner takes its own line above the header (pushing it down) instead of covering the room
       name; from 900px it floats over the header's empty middle. Empty, it takes no room. */
    .banner-region {
      display: flex;
      justify-content: center;
      padding-block-start: calc(var(--vr-space-2) + env(safe-area-inset-top, 0px));
      z-index: 30;
      pointer-events: none;
    }
    .banner-region:empty {
      padding: 0;
    }
    .banner {
      display: inline-flex;
      align-items: center;
      gap: var(--vr-space-2);
      padding: var(--vr-space-2) var(--vr-space-4);
      border-radius: var(--vr-radius-pill);
      background: light-dark(#fff7ed, #3b2410);
      color: var(--vr-color-warning);
      border: 1px solid light-dark(rgb(180 83 9 / 0.25), rgb(251 191 36 / 0.3));
      box-shadow: var(--vr-shadow-m);
      font-size: var(--vr-font-size-s);
      font-weight: 600;
    }
    .banner[data-state='disconnected'] {
      background: light-dark(#fff1f3, #3a1420);
      color: var(--vr-color-danger);
      border-color: light-dark(rgb(217 45 91 / 0.25), rgb(255 107 143 / 0.3));
    }
    .sound {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--vr-space-3);
      margin: var(--vr-space-2) var(--vr-space-4) 0;
      padding: var(--vr-space-2) var(--vr-space-2) var(--vr-space-2) var(--vr-space-4);
      border-radius: var(--vr-radius-pill);
      background: var(--_glass-strong);
      border: 1px solid var(--_glass-border);
      box-shadow: var(--vr-shadow-s);
      font-size: var(--vr-font-size-s);
    }
    .sound-text {
      display: inline-flex;
      align-items: center;
      gap: var(--vr-space-2);
      color: var(--vr-color-text-muted);
    }
    .sound-text svg {
      font-size: 18px;
      color: var(--vr-color-accent);
    }
    .sound-button {
      flex: none;
      padding: 6px 14px;
      border-radius: var(--vr-radius-pill);
      border: 0;
      background: var(--vr-gradient-accent);
      color: #fff;
      font-weight: 650;
      cursor: pointer;
    }
    /* Prompts, notes and errors stack above the bottom bar, newest kind nearest to it; the stack lets clicks
       through where it has nothing. */
    .toast-stack {
      position: absolute;
      inset-inline: 0;
      inset-block-end: calc(var(--_control) + var(--vr-space-6) + env(safe-area-inset-bottom, 0px));
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--vr-space-2);
      z-index: 25;
      pointer-events: none;
      padding-inline: var(--vr-space-4);
    }
    /* ---- wide (one block, after every rule it overrides): seats and barrage side by side as panels; the banner
       floats over the header's empty middle; the toasts sit over the seats panel's lower part, clear of the
       barrage's composer and of the panel's edge. The footer keeps its phone padding (as it always showed). ---- */
    @container vr-room (min-width: 900px) {
      .header {
        padding: var(--vr-space-5) var(--vr-space-6) var(--vr-space-3);
      }
      .stage {
        display: grid;
        grid-template-columns: minmax(0, 1fr) var(--vr-room-barrage-width, 360px);
        gap: var(--vr-space-5);
        padding: var(--vr-space-3) var(--vr-space-6) var(--vr-space-2);
      }
      .seats {
        --vr-seat-size: 76px;
        display: flex;
        flex-direction: column;
        justify-content: center;
        min-block-size: 0;
        padding: var(--vr-space-6) var(--vr-space-5);
        border-radius: 28px;
        background: var(--_panel);
        border: 1px solid var(--_glass-border);
        box-shadow: var(--vr-shadow-s);
      }
      .barrage {
        min-block-size: 0;
        padding: var(--vr-space-3);
        border-radius: 28px;
        background: var(--_panel);
        border: 1px solid var(--_glass-border);
        box-shadow: var(--vr-shadow-s);
      }
      .banner-region {
        position: absolute;
        inset-block-start: calc(var(--vr-space-2) + env(safe-area-inset-top, 0px));
        inset-inline: 0;
        padding: 0;
      }
      .toast-stack {
        inset-block-end: calc(var(--_control) + var(--vr-space-5) + var(--vr-space-6) + var(--vr-space-5));
        padding-inline: var(--vr-space-6) calc(var(--vr-space-6) + var(--vr-room-barrage-width, 360px) + var(--vr-space-5));
      }
    }
    .toast-stack > div {
      display: flex;
      justify-content: center;
      max-inline-size: 100%;
    }
    /* A note and an error toast share their box; they differ in colour (a note is a surface with a tone edge: its
       colours come with its chunk, note-toast.ts). */
    .note,
    .toast {
      pointer-events: auto;
      display: inline-flex;
      align-items: center;
      gap: var(--vr-space-2);
      max-inline-size: 100%;
      padding: var(--vr-space-2) var(--vr-space-2) var(--vr-space-2) var(--vr-space-4);
      border-radius: var(--vr-radius-m);
      box-shadow: var(--vr-shadow-m);
      font-size: var(--vr-font-size-m);
    }
    .toast {
      background: light-dark(#2a1f3d, #f5f2fc);
      color: light-dark(#fff, #1b1530);
    }
    .toast-dismiss {
      display: inline-grid;
      place-items: center;
      inline-size: 28px;
      block-size: 28px;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: transparent;
      cursor: pointer;
      font-size: 16px;
    }

    .primary,
    .secondary,
    .danger {
      min-block-size: 44px;
      padding: 0 var(--vr-space-5);
      border-radius: var(--vr-radius-pill);
      border: 0;
      font-weight: 650;
      cursor: pointer;
    }
    .secondary {
      background: var(--vr-color-surface-sunken);
    }
    .primary {
      background: var(--vr-gradient-accent);
      color: #fff;
      box-shadow: 0 8px 22px rgb(217 70 239 / 0.3);
    }

    /* ---- full-screen notice ---- */
    .notice {
      flex: 1;
      display: grid;
      place-items: center;
      padding: var(--vr-space-5);
    }
    .notice-card {
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      inline-size: min(360px, 100%);
      padding: var(--vr-space-6) var(--vr-space-5);
      border-radius: 28px;
      background: var(--_glass-strong);
      border: 1px solid var(--_glass-border);
      backdrop-filter: blur(18px);
      box-shadow: var(--vr-shadow-m);
    }
    .notice-actions {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-2);
      align-self: stretch;
      margin-block-start: var(--vr-space-5);
    }
    /* ---- joining skeleton ---- */
    .skeleton {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-6);
      padding: var(--vr-space-4);
    }
    .sk-header,
    .sk-footer {
      display: flex;
      align-items: center;
      gap: var(--vr-space-3);
    }
    .sk-footer {
      margin-block-start: auto;
      justify-content: flex-end;
    }
    .sk-footer .wide {
      margin-inline-end: auto;
      inline-size: 140px;
    }
    .sk-lines {
      display: flex;
      flex-direction: column;
      gap: 6px;
      flex: 1;
    }
    .sk-seats {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: var(--vr-space-5) var(--vr-space-3);
      max-inline-size: 560px;
      inline-size: 100%;
      margin-inline: auto;
    }
    .sk-seat {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--vr-space-2);
    }
    .sk-circle,
    .sk-line,
    .sk-pill,
    .sk-round,
    .header vr-live-info:not(:defined),
    .header vr-audience-list:not(:defined),
    .like:not(:defined),
    .barrage vr-barrage:not(:defined)::after {
      display: block;
      background: linear-gradient(90deg, var(--_sk) 0%, var(--_sk-hi) 50%, var(--_sk) 100%);
      background-size: 200% 100%;
      animation: vr-shimmer 1.4s linear infinite;
      --_sk: light-dark(rgb(124 58 237 / 0.08), rgb(255 255 255 / 0.07));
      --_sk-hi: light-dark(rgb(124 58 237 / 0.16), rgb(255 255 255 / 0.14));
    }
    .sk-circle {
      inline-size: 40px;
      block-size: 40px;
      border-radius: 50%;
    }
    .sk-circle.big {
      inline-size: 60px;
      block-size: 60px;
    }
    .sk-line {
      block-size: 10px;
      border-radius: 5px;
    }
    .w35 { inline-size: 35%; }
    .w60 { inline-size: 60%; }
    .w70 { inline-size: 70%; }
    .sk-pill {
      inline-size: 88px;
      block-size: 36px;
      border-radius: var(--vr-radius-pill);
    }
    .sk-round {
      inline-size: 44px;
      block-size: 44px;
      border-radius: 50%;
    }
    /* The live view's lazy elements (LIVE_ELEMENTS in live-tags.ts) in their places and sizes, shimmering like the
       skeleton, in the rare case the room shows before their chunk came: nothing moves when they come. The barrage
       takes the stage's rest as it will (see .barrage vr-barrage), its composer's pill at the bottom. */
    .header vr-live-info:not(:defined) {
      inline-size: min(220px, 100%);
      block-size: 54px;
      border-radius: var(--vr-radius-pill);
    }
    .header vr-audience-list:not(:defined) {
      display: inline-block;
      inline-size: 118px;
      block-size: 38px;
      border-radius: var(--vr-radius-pill);
    }
    .like:not(:defined) {
      inline-size: var(--vr-like-size, 56px);
      block-size: var(--vr-like-size, 56px);
      margin-block-end: 10px; /* where the defined button's count hangs */
      border-radius: 50%;
    }
    .barrage vr-barrage:not(:defined) {
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
    }
    .barrage vr-barrage:not(:defined)::after {
      content: '';
      block-size: 48px;
      border-radius: var(--vr-radius-pill);
    }
    @keyframes vr-shimmer {
      to {
        background-position: -200% 0;
      }
    }
  `,
  reducedMotion,
];
