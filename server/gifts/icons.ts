// Static gift icons for the gift panel (and the still card shown under prefers-reduced-motion): small
// hand-written SVGs in the same palette as the animated effects. 96×96 view box, transparent background.

const svg = (id: string, title: string, body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96" role="img" aria-label="${title}">` +
  `<title>${title}</title><defs>${defs(id)}</defs>${body}</svg>`;

// Gradient ids are prefixed with the gift id so several inline icons on one page never collide.
function defs(id: string): string {
  const lin = (name: string, stops: string[], x2 = '0', y2 = '1') =>
    `<linearGradient id="${id}-${name}" x1="0" y1="0" x2="${x2}" y2="${y2}">${stops
      .map((c, i) => `<stop offset="${stops.length === 1 ? 0 : i / (stops.length - 1)}" stop-color="${c}"/>`)
      .join('')}</linearGradient>`;
  const rad = (name: string, inner: string, outer: string) =>
    `<radialGradient id="${id}-${name}" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="${inner}" stop-opacity="0.9"/><stop offset="1" stop-color="${outer}" stop-opacity="0"/></radialGradient>`;
  return [
    lin('gold', ['#fff3bf', '#ffd43b', '#f59f00', '#e67700']),
    lin('red', ['#ff8787', '#f03e3e', '#a61e4d']),
    lin('pink', ['#ffc2d6', '#ff4d8d', '#c2255c']),
    lin('leaf', ['#8ce99a', '#2b8a3e']),
    lin('blue', ['#d0ebff', '#74c0fc', '#1c7ed6']),
    lin('metal', ['#f8f9fa', '#dee2e6', '#adb5bd'], '1', '0'),
    lin('candy', ['#ffd8e8', '#f783ac', '#d6336c']),
    rad('glow', '#ffe066', '#ffe066'),
    rad('pinkglow', '#ff8fb8', '#ff8fb8'),
  ].join('');
}

const HEART = 'M48 82 C20 62 10 46 14 32 C18 18 36 14 48 28 C60 14 78 18 82 32 C86 46 76 62 48 82 Z';

const ICONS: Record<string, { title: string; body: (id: string) => string }> = {
  rose: {
    title: 'Rose',
    body: (id) =>
      `<path d="M48 50 C47 62 49 74 46 90" stroke="url(#${id}-leaf)" stroke-width="5" fill="none" stroke-linecap="round"/>` +
      `<path d="M47 70 C36 62 26 66 22 72 C32 78 42 76 47 70 Z" fill="url(#${id}-leaf)"/>` +
      `<path d="M49 64 C58 56 70 58 74 64 C66 72 56 70 49 64 Z" fill="url(#${id}-leaf)"/>` +
      `<path d="M26 30 C26 48 36 56 48 56 C60 56 70 48 70 30 C62 36 56 32 48 24 C40 32 34 36 26 30 Z" fill="url(#${id}-red)"/>` +
      `<path d="M34 22 C40 12 56 12 62 22 C58 30 52 34 48 34 C44 34 38 30 34 22 Z" fill="#ff6b6b"/>` +
      `<path d="M40 26 C44 20 52 20 56 26 C52 30 44 30 40 26 Z" fill="#c92a2a"/>`,
  },
  star: {
    title: 'Lucky Star',
    body: (id) =>
      `<circle cx="48" cy="50" r="44" fill="url(#${id}-glow)"/>` +
      `<path d="M48 10 L59 36 L87 38 L65 56 L72 84 L48 69 L24 84 L31 56 L9 38 L37 36 Z" fill="url(#${id}-gold)" stroke="#f08c00" stroke-width="2" stroke-linejoin="round"/>` +
      `<path d="M48 22 L55 38 L46 40 Z" fill="#fff" opacity="0.6"/>`,
  },
  lollipop: {
    title: 'Lollipop',
    body: (id) =>
      `<rect x="45" y="52" width="6" height="40" rx="3" fill="url(#${id}-metal)"/>` +
      `<circle cx="48" cy="36" r="28" fill="url(#${id}-candy)"/>` +
      `<path d="M48 36 m0 -20 a20 20 0 0 1 20 20 a14 14 0 0 1 -14 14 a9 9 0 0 1 -9 -9 a5 5 0 0 1 5 -5" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" opacity="0.85"/>` +
      `<ellipse cx="36" cy="22" rx="7" ry="4" fill="#fff" opacity="0.6"/>`,
  },
  diamond: {
    title: 'Diamond',
    body: (id) =>
      `<path d="M16 36 L30 16 L66 16 L80 36 L48 82 Z" fill="url(#${id}-blue)"/>` +
      `<path d="M16 36 L80 36 M30 16 L38 36 L48 82 L58 36 L66 16 M38 36 L48 16 L58 36" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round" opacity="0.7"/>` +
      `<path d="M30 16 L48 16 L38 36 L16 36 Z" fill="#fff" opacity="0.35"/>`,
  },
  'heart-burst': {
    title: 'Love Burst',
    body: (id) =>
      `<circle cx="48" cy="50" r="46" fill="url(#${id}-pinkglow)"/>` +
      `<path d="${HEART}" fill="url(#${id}-pink)"/>` +
      `<ellipse cx="32" cy="34" rx="8" ry="5" fill="#fff" opacity="0.55" transform="rotate(-30 32 34)"/>` +
      `<path d="M78 12 C74 9 70 11 71 15 C72 18 78 22 78 22 C78 22 84 18 85 15 C86 11 82 9 78 12 Z" fill="#e599f7"/>` +
      `<path d="M14 14 L16 19 L21 21 L16 23 L14 28 L12 23 L7 21 L12 19 Z" fill="#fff"/>`,
  },
  'rose-shower': {
    title: 'Rose Shower',
    body: (id) =>
      `<circle cx="48" cy="48" r="46" fill="url(#${id}-pinkglow)"/>` +
      [
        [30, 26, -30],
        [62, 20, 25],
        [46, 50, 10],
        [24, 66, -15],
        [70, 62, 40],
      ]
        .map(
          ([x, y, r]) =>
            `<path d="M0 -12 C8 -12 10 -4 8 2 C6 8 2 12 0 14 C-2 12 -6 8 -8 2 C-10 -4 -8 -12 0 -12 Z" fill="url(#${id}-red)" transform="translate(${x} ${y}) rotate(${r})"/>`,
        )
        .join(''),
  },
  fireworks: {
    title: 'Fireworks',
    body: () =>
      [
        ['#ff4d8d', 40, 40, 26],
        ['#3bc9db', 68, 62, 18],
        ['#ffd43b', 24, 70, 14],
      ]
        .map(([color, cx, cy, r]) => {
          const rays = Array.from({ length: 12 }, (_, i) => {
            const a = (i / 12) * Math.PI * 2;
            const x1 = Number(cx) + Math.cos(a) * Number(r) * 0.35;
            const y1 = Number(cy) + Math.sin(a) * Number(r) * 0.35;
            const x2 = Number(cx) + Math.cos(a) * Number(r);
            const y2 = Number(cy) + Math.sin(a) * Number(r);
            return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}"/>`;
          }).join('');
          return `<g stroke="${color}" stroke-width="3.5" stroke-linecap="round">${rays}</g><circle cx="${cx}" cy="${cy}" r="3" fill="#fff"/>`;
        })
        .join(''),
  },
  rocket: {
    title: 'Rocket',
    body: (id) =>
      `<g transform="rotate(35 48 48)">` +
      `<path d="M40 74 L48 94 L56 74 Z" fill="#ffa94d"/><path d="M44 74 L48 86 L52 74 Z" fill="#fff3bf"/>` +
      `<path d="M36 56 L22 72 L24 78 L38 70 Z M60 56 L74 72 L72 78 L58 70 Z" fill="url(#${id}-red)"/>` +
      `<path d="M48 4 C62 14 66 34 62 74 L34 74 C30 34 34 14 48 4 Z" fill="url(#${id}-metal)"/>` +
      `<path d="M48 4 C56 9 60 16 62 24 L34 24 C36 16 40 9 48 4 Z" fill="url(#${id}-red)"/>` +
      `<circle cx="48" cy="40" r="9" fill="#dee2e6"/><circle cx="48" cy="40" r="6.5" fill="url(#${id}-blue)"/>` +
      `</g>`,
  },
  crown: {
    title: 'Royal Crown',
    body: (id) =>
      `<circle cx="48" cy="50" r="46" fill="url(#${id}-glow)"/>` +
      `<path d="M14 70 L10 30 L32 50 L48 18 L64 50 L86 30 L82 70 Z" fill="url(#${id}-gold)" stroke="#e67700" stroke-width="1.5" stroke-linejoin="round"/>` +
      `<circle cx="10" cy="28" r="5" fill="#ffd43b"/><circle cx="48" cy="16" r="6" fill="#ffd43b"/><circle cx="86" cy="28" r="5" fill="#ffd43b"/>` +
      `<rect x="14" y="66" width="68" height="14" rx="4" fill="url(#${id}-gold)" stroke="#e67700" stroke-width="1.5"/>` +
      `<circle cx="48" cy="73" r="5" fill="#f03e3e"/><circle cx="30" cy="73" r="3.5" fill="#339af0"/><circle cx="66" cy="73" r="3.5" fill="#37b24d"/>`,
  },
};

export const ICON_IDS: readonly string[] = Object.keys(ICONS);

/** The SVG icon for a gift id, or undefined when there is none. */
export function giftIconSvg(giftId: string): string | undefined {
  // Own entries only: a gift ID such as `constructor` would otherwise find Object's function and throw.
  const icon = Object.hasOwn(ICONS, giftId) ? ICONS[giftId] : undefined;
  return icon ? svg(giftId, icon.title, icon.body(giftId)) : undefined;
}
