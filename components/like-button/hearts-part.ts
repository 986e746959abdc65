import { css, unsafeCSS } from 'lit';

// <vr-like-button>'s floating hearts: the code that launches one (its random drift, sway, tilt, size and colour) and
// the styles that make it rise. The button and its count are the first screen; the hearts come after the first like,
// mine or someone else's, so they are a chunk of their own (issue 14), fetched when the browser is idle after the
// button connected, or by the first like if that comes first (controllers/lazy-part.ts). Likes tapped before it
// arrived are counted at once; their hearts rise when it is there.

const HEART_COLOURS = [
  '#ff4d8d',
  '#ff6b6b',
  '#ff8a4c',
  '#f472b6',
  '#c084fc',
  '#a78bfa',
  '#fb7185',
  '#facc15',
  '#38bdf8',
];
/** Hearts float for about this long; a fallback removes them if `animationend` never comes (a hidden tab). */
const HEART_MS = 1_900;

/** Whose like a heart shows: mine are larger; other people's are smaller and start around the button. */
export type HeartOwner = 'mine' | 'other';

/**
 * Launches one heart in `layer` after `delay` ms (the oldest give way beyond `max`). `timers` holds the fallback
 * timer that removes it, for the host to clear when it leaves the page.
 */
export function launchHeart(
  layer: HTMLElement,
  who: HeartOwner,
  delay: number,
  max: number,
  timers: Set<ReturnType<typeof setTimeout>>,
): void {
  while (layer.childElementCount >= Math.max(1, max)) layer.firstElementChild!.remove();
  const heart = layer.ownerDocument.createElement('span');
  heart.className = `heart ${who}`;
  const spread = (range: number) => (Math.random() * 2 - 1) * range;
  const set = (name: string, value: string) => heart.style.setProperty(`--_${name}`, value);
  set('drift', `${spread(46).toFixed(1)}px`);
  set('sway', `${spread(18).toFixed(1)}px`);
  set('tilt', `${spread(22).toFixed(0)}deg`);
  set('scale', (who === 'mine' ? 0.85 + Math.random() * 0.45 : 0.55 + Math.random() * 0.3).toFixed(2));
  set('colour', HEART_COLOURS[Math.floor(Math.random() * HEART_COLOURS.length)]!);
  set('duration', `${Math.round(HEART_MS * (0.8 + Math.random() * 0.35))}ms`);
  set('delay', `${delay}ms`);
  if (who === 'other') set('x', `${spread(22).toFixed(0)}px`);
  heart.addEventListener('animationend', () => heart.remove(), { once: true });
  layer.append(heart);
  const timer = setTimeout(
    () => {
      timers.delete(timer);
      heart.remove();
    },
    HEART_MS * 1.3 + delay,
  );
  timers.add(timer);
}

// A constant data URI (no user input), so unsafeCSS is safe here.
const heartMask = `url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='M12 21.2 10.6 20C5.6 15.5 2.3 12.5 2.3 8.7 2.3 5.6 4.7 3.2 7.8 3.2c1.7 0 3.3.8 4.2 2.1.9-1.3 2.5-2.1 4.2-2.1 3.1 0 5.5 2.4 5.5 5.5 0 3.8-3.3 6.8-8.3 11.3z'/%3E%3C/svg%3E")`;

export const styles = css`
    /* The layer the hearts rise in: empty (and so of no size) until the first heart. */
    .hearts {
      position: absolute;
      inset-inline-start: 50%;
      inset-block-end: calc(100% - var(--_size) * 0.55);
      inline-size: 0;
      block-size: 0;
      pointer-events: none;
      z-index: 2;
    }
    .heart {
      position: absolute;
      inset-inline-start: calc(var(--_size) * -0.22 + var(--_x, 0px));
      inset-block-end: 0;
      inline-size: calc(var(--_size) * 0.44);
      block-size: calc(var(--_size) * 0.44);
      background: var(--_colour);
      -webkit-mask: ${unsafeCSS(heartMask)} center / contain no-repeat;
      mask: ${unsafeCSS(heartMask)} center / contain no-repeat;
      filter: drop-shadow(0 2px 3px rgb(0 0 0 / 0.15));
      opacity: 0;
      will-change: transform, opacity;
      animation: vr-heart-float var(--_duration, 1.9s) cubic-bezier(0.25, 0.6, 0.35, 1) var(--_delay, 0ms) forwards;
    }
    .heart.other {
      filter: none;
    }
    @keyframes vr-heart-float {
      0% {
        opacity: 0;
        transform: translate(0, 0) scale(calc(var(--_scale) * 0.3)) rotate(0deg);
      }
      12% {
        opacity: 1;
        transform: translate(calc(var(--_sway) * 0.3), calc(var(--vr-like-rise, 200px) * -0.1)) scale(var(--_scale)) rotate(calc(var(--_tilt) * 0.3));
      }
      45% {
        transform: translate(calc(var(--_drift) * 0.45 + var(--_sway)), calc(var(--vr-like-rise, 200px) * -0.48)) scale(var(--_scale)) rotate(var(--_tilt));
      }
      75% {
        opacity: 0.85;
        transform: translate(calc(var(--_drift) * 0.8 - var(--_sway) * 0.6), calc(var(--vr-like-rise, 200px) * -0.76)) scale(calc(var(--_scale) * 0.95)) rotate(calc(var(--_tilt) * -0.4));
      }
      100% {
        opacity: 0;
        transform: translate(var(--_drift), calc(var(--vr-like-rise, 200px) * -1)) scale(calc(var(--_scale) * 0.8)) rotate(calc(var(--_tilt) * -0.8));
      }
    }

    @media (prefers-reduced-motion: reduce) {
      .heart {
        display: none;
      }
    }
`;
