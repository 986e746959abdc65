import { css } from 'lit';

// The styles of `<vr-seat>`'s menu and error bubble: they come with the menu's part (menu.ts, issue 14), which adopts
// them into the seat's shadow root. The bubble's region (where it shows, above the seat) stays in seat.styles.ts.
export const styles = css`
    :host(:state(menu-open)) {
      z-index: 30;
    }

    /* ---- menu ---- */
    .menu {
      position: absolute;
      inset-block-start: calc(100% - 2px);
      inset-inline-start: 50%;
      transform: translateX(calc(-50% + var(--_shift, 0px)));
      z-index: 1;
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-inline-size: 176px;
      margin: 0;
      padding: 6px;
      overflow: visible;
      border-radius: 16px;
      border: 1px solid var(--vr-color-border);
      background: var(--vr-color-surface-raised);
      color: var(--vr-color-text);
      box-shadow: var(--vr-shadow-m);
      animation: vr-pop var(--vr-duration-medium) var(--vr-easing);
    }
    /* In the top layer (popover) the menu is placed by script (menu-open.ts) in physical viewport coordinates. */
    .menu[popover] {
      position: fixed;
      inset: auto;
      top: var(--_top, 0);
      left: var(--_left, 0);
      transform: none;
    }
    .menu[popover]:not(:popover-open),
    .menu[hidden] {
      display: none;
    }
    .menu[data-above] {
      animation-name: vr-pop-up;
    }
    .item {
      display: block;
      inline-size: 100%;
      margin: 0;
      padding: 10px 12px;
      border: 0;
      border-radius: 10px;
      background: none;
      color: var(--vr-color-text);
      font: inherit;
      font-size: var(--vr-font-size-m);
      font-weight: 550;
      text-align: start;
      white-space: nowrap;
      cursor: pointer;
    }
    .item:hover,
    .item:focus {
      outline: none;
      background: var(--vr-color-accent-soft);
      color: var(--vr-color-accent-strong);
    }
    .item:focus-visible {
      box-shadow: inset 0 0 0 2px var(--vr-focus-ring);
    }
    .item.danger {
      color: var(--vr-color-danger);
    }
    .item.danger:hover,
    .item.danger:focus {
      background: var(--vr-color-danger-soft);
      color: var(--vr-color-danger);
    }
    .item.empty {
      color: var(--vr-color-text-muted);
      cursor: default;
      font-weight: 500;
    }

    .alert {
      position: relative;
      display: flex;
      align-items: center;
      gap: 6px;
      padding: 7px 6px 7px 12px;
      border-radius: 12px;
      background: var(--vr-color-danger);
      color: #fff;
      font-size: var(--vr-font-size-s);
      font-weight: 600;
      line-height: 1.35;
      box-shadow: var(--vr-shadow-m);
      pointer-events: auto;
      animation: vr-pop var(--vr-duration-medium) var(--vr-easing);
    }
    .alert::after {
      content: '';
      position: absolute;
      inset-block-start: 100%;
      inset-inline-start: calc(50% - 6px - var(--_shift, 0px));
      border: 6px solid transparent;
      border-block-start-color: var(--vr-color-danger);
    }
    .dismiss {
      flex: none;
      display: grid;
      place-items: center;
      inline-size: 22px;
      block-size: 22px;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: rgb(255 255 255 / 0.18);
      color: inherit;
      font: inherit;
      font-size: 14px;
      line-height: 1;
      cursor: pointer;
    }
    .dismiss:focus-visible {
      outline-color: #fff;
      outline-offset: 1px;
    }

    @keyframes vr-pop {
      from {
        opacity: 0;
        translate: 0 -4px;
      }
    }
    @keyframes vr-pop-up {
      from {
        opacity: 0;
        translate: 0 4px;
      }
    }
`;
