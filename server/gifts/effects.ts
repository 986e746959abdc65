// The demo catalog's full-screen gift effects, written as code and encoded as SVGA 2.0 files.
// Portrait 750×1334 view box (the player letterboxes it), 30 fps, 2.5–3 s each. Every effect is
// deterministic (seeded randomness), so the same build serves the same bytes.
import { MovieBuilder, ease, envelope, lerp, progress, random, type Pose } from './movie-builder.js';
import * as art from './sprites.js';
import { encodeSvga, type MovieEntity } from './svga.js';

export const VIEW_WIDTH = 750;
export const VIEW_HEIGHT = 1334;
export const FPS = 30;

const CX = VIEW_WIDTH / 2;
const CY = 620; // a little above the middle: the seat grid and barrage sit lower on the screen

/** Positions a short-lived particle: `pose(t)` for t in 0..1 over [start, start + life). */
function particle(start: number, life: number, pose: (t: number) => Pose): (f: number) => Pose | undefined {
  return (f) => (f < start || f >= start + life ? undefined : pose((f - start) / life));
}

/** Hearts pop out of a big beating heart and float up. */
export function heartBurstMovie(): MovieEntity {
  const frames = 75;
  const m = new MovieBuilder(VIEW_WIDTH, VIEW_HEIGHT, FPS, frames);
  const rnd = random(0x4ea7);
  m.image('glow', art.glow(128, '#ff4d8d'))
    .image('ring', art.ring(256, '#ff8fb8'))
    .image('heart', art.heart(240, '#ff8fab', '#e5194f'))
    .image('heart-pink', art.heart(72, '#ffc2d6', '#ff4d8d'))
    .image('heart-red', art.heart(72, '#ff6b6b', '#c2183b'))
    .image('heart-violet', art.heart(72, '#e0a3ff', '#9c36b5'))
    .image('sparkle', art.sparkle(48, '#ff8fb8'));

  m.sprite('glow', (f) => ({
    x: CX,
    y: CY,
    scale: 5 * ease.outCubic(progress(f, 0, 14)) * (1 + 0.06 * Math.sin(f / 3)),
    alpha: 0.75 * envelope(f, 0, frames - 1, 4, 18),
  }));
  for (const start of [8, 42]) {
    m.sprite(
      'ring',
      particle(start, 22, (t) => ({ x: CX, y: CY, scale: lerp(0.4, 2.8, ease.outCubic(t)), alpha: (1 - t) ** 1.5 })),
    );
  }

  const smallHearts = ['heart-pink', 'heart-red', 'heart-violet'] as const;
  const count = 27;
  for (let i = 0; i < count; i++) {
    const key = smallHearts[i % smallHearts.length] ?? 'heart-pink';
    const start = 6 + i * 1.6 + rnd() * 2;
    const life = 32 + rnd() * 10;
    const angle = (i / count) * Math.PI * 2 + rnd() * 0.4;
    const distance = 170 + rnd() * 170;
    const size = 0.55 + rnd() * 0.55;
    const phase = rnd() * Math.PI * 2;
    m.sprite(
      key,
      particle(Math.floor(start), Math.floor(life), (t) => {
        const out = ease.outCubic(t);
        return {
          x: CX + Math.cos(angle) * distance * out + Math.sin(t * 7 + phase) * 14,
          y: CY + Math.sin(angle) * distance * 0.8 * out - t * t * 260,
          scale: size * (t < 0.18 ? ease.outBack(t / 0.18) : 1 - 0.25 * (t - 0.18)),
          rotation: Math.cos(angle) * 0.35 + Math.sin(t * 5 + phase) * 0.15,
          alpha: Math.min(1, t * 8, (1 - t) * 3.5),
        };
      }),
    );
  }

  m.sprite('heart', (f) => {
    // Pop in, beat twice, swell and fade.
    let scale: number;
    if (f < 14) scale = ease.outBack(progress(f, 0, 14));
    else if (f < 52) scale = 1 + 0.09 * Math.abs(Math.sin(((f - 14) / 19) * Math.PI)) ** 3;
    else scale = 1 + 0.35 * ease.outQuad(progress(f, 52, frames - 1));
    return {
      x: CX,
      y: CY + Math.sin(f / 10) * 6,
      scale: Math.max(0.01, scale),
      rotation: Math.sin(f / 9) * 0.05,
      alpha: f < 52 ? Math.min(1, f / 3) : 1 - ease.inQuad(progress(f, 52, frames - 1)),
    };
  });

  for (let i = 0; i < 12; i++) {
    const start = Math.floor(8 + rnd() * 50);
    const angle = rnd() * Math.PI * 2;
    const radius = 150 + rnd() * 200;
    const size = 0.6 + rnd() * 0.7;
    m.sprite(
      'sparkle',
      particle(start, 16, (t) => ({
        x: CX + Math.cos(angle) * radius,
        y: CY + Math.sin(angle) * radius,
        scale: size * Math.sin(t * Math.PI),
        rotation: t * 1.2,
        alpha: Math.sin(t * Math.PI),
      })),
    );
  }
  return m.build();
}

/** A rocket rises into view, hovers with its engine roaring, then blasts off leaving smoke and sparks. */
export function rocketMovie(): MovieEntity {
  const frames = 90;
  const m = new MovieBuilder(VIEW_WIDTH, VIEW_HEIGHT, FPS, frames);
  const rnd = random(0x70c4e7);
  m.image('rocket', art.rocket())
    .image('flame', art.flame())
    .image('puff', art.puff(96))
    .image('spark', art.sparkle(40, '#ffb938'))
    .image('twinkle', art.sparkle(32, '#a5d8ff'))
    .image('glow', art.glow(128, '#ff922b'));

  const scale = 1.15;
  const hoverY = 640;
  const rocketAt = (f: number): { x: number; y: number; rotation: number } => {
    if (f < 30) return { x: CX, y: lerp(VIEW_HEIGHT + 220, hoverY, ease.outCubic(progress(f, 0, 30))), rotation: 0 };
    if (f < 52) {
      const shake = Math.sin(f * 2.3) * 3 * progress(f, 30, 52);
      return { x: CX + shake, y: hoverY + Math.sin(((f - 30) / 22) * Math.PI) * 12, rotation: Math.sin(f / 4) * 0.02 };
    }
    return { x: CX, y: lerp(hoverY, -420, ease.inCubic(progress(f, 52, 86))), rotation: 0 };
  };
  // The nozzle sits 122 px below the rocket image's centre.
  const nozzleAt = (f: number) => {
    const r = rocketAt(f);
    return { x: r.x - Math.sin(r.rotation) * 122 * scale, y: r.y + Math.cos(r.rotation) * 122 * scale };
  };

  for (let i = 0; i < 16; i++) {
    const x = 40 + rnd() * (VIEW_WIDTH - 80);
    const y = 120 + rnd() * (VIEW_HEIGHT - 360);
    const start = Math.floor(rnd() * 60);
    const size = 0.4 + rnd() * 0.6;
    m.sprite(
      'twinkle',
      particle(start, 28, (t) => ({ x, y, scale: size * Math.sin(t * Math.PI), alpha: Math.sin(t * Math.PI) })),
    );
  }

  m.sprite('glow', (f) => {
    const n = nozzleAt(f);
    const blast = f >= 50 ? ease.outCubic(progress(f, 50, 60)) : 0;
    return { x: n.x, y: n.y + 30, scale: 2 + 3.5 * blast, alpha: envelope(f, 4, 86, 6, 10) * (0.55 + 0.35 * blast) };
  });

  // Smoke puffs left behind at the nozzle, growing and fading.
  for (let s = 0; s < 88; s += 2) {
    const drift = (rnd() - 0.5) * 160;
    const sink = 60 + rnd() * 80;
    const size = 0.7 + rnd() * 0.6;
    const origin = nozzleAt(s);
    m.sprite(
      'puff',
      particle(s, 26, (t) => ({
        x: origin.x + drift * ease.outCubic(t),
        y: origin.y + 70 + sink * ease.outCubic(t),
        scale: size * lerp(0.35, 1.6, ease.outCubic(t)),
        alpha: 0.5 * (1 - t) * Math.min(1, t * 6),
      })),
    );
  }

  m.sprite('flame', (f) => {
    const r = rocketAt(f);
    const n = nozzleAt(f);
    const boost = f >= 50 ? 1 + 0.5 * ease.outCubic(progress(f, 50, 58)) : 1;
    const flicker = 0.88 + 0.24 * rnd();
    const sy = scale * flicker * boost * (f < 30 ? 0.75 : 1);
    const sx = scale * (0.92 + 0.1 * rnd()) * (boost > 1 ? 1.1 : 1);
    // The flame image's top edge sits at the nozzle.
    return {
      x: n.x - Math.sin(r.rotation) * (100 * sy - 10),
      y: n.y + Math.cos(r.rotation) * (100 * sy - 10),
      scaleX: sx,
      scaleY: sy,
      rotation: r.rotation,
      alpha: 1,
    };
  });

  // Sparks spraying out of the engine.
  for (let i = 0; i < 60; i++) {
    const start = Math.floor(i * 1.45);
    const origin = nozzleAt(start);
    const vx = (rnd() - 0.5) * 240;
    const vy = 120 + rnd() * 200;
    const size = 0.5 + rnd() * 0.6;
    const spin = (rnd() - 0.5) * 4;
    m.sprite(
      'spark',
      particle(start, 20, (t) => ({
        x: origin.x + vx * ease.outQuad(t),
        y: origin.y + 40 + vy * ease.outQuad(t),
        scale: size * (1 - 0.7 * t),
        rotation: spin * t,
        alpha: 1 - t,
      })),
    );
  }

  m.sprite('rocket', (f) => ({ ...rocketAt(f), scale, alpha: 1 }));
  return m.build();
}

/** Several shells rise and burst into coloured streaks that slow down, droop and twinkle out. */
export function fireworksMovie(): MovieEntity {
  const frames = 90;
  const m = new MovieBuilder(VIEW_WIDTH, VIEW_HEIGHT, FPS, frames);
  const rnd = random(0xf1e);
  const palettes = [
    ['#ff4d8d', 'pink'],
    ['#ffd43b', 'gold'],
    ['#3bc9db', 'cyan'],
    ['#b197fc', 'violet'],
    ['#69db7c', 'green'],
  ] as const;
  for (const [color, name] of palettes) {
    m.image(`streak-${name}`, art.streak(color));
    m.image(`flash-${name}`, art.glow(128, color, 0.3));
  }
  m.image('glitter', art.sparkle(40, '#fff3bf'));

  const shells = [
    { launch: 0, x: 375, y: 560, palette: 0, radius: 270 },
    { launch: 10, x: 200, y: 400, palette: 1, radius: 220 },
    { launch: 20, x: 555, y: 440, palette: 2, radius: 230 },
    { launch: 30, x: 250, y: 780, palette: 3, radius: 210 },
    { launch: 40, x: 510, y: 800, palette: 4, radius: 240 },
  ];
  const rise = 14;
  const life = 34;
  // In the streak image the bright head sits 36 px right of the centre.
  const HEAD = 36;
  for (const shell of shells) {
    const name = palettes[shell.palette]?.[1] ?? 'gold';
    const burst = shell.launch + rise;
    const startX = shell.x + (rnd() - 0.5) * 80;
    const shellAt = (t: number) => ({
      x: lerp(startX, shell.x, ease.outQuad(t)),
      y: lerp(VIEW_HEIGHT + 40, shell.y, ease.outQuad(t)),
    });
    // The rising shell: a streak pointing the way it flies, slowing as it reaches the top.
    m.sprite(
      `streak-${name}`,
      particle(shell.launch, rise, (t) => {
        const p = shellAt(t);
        const q = shellAt(Math.max(0, t - 0.05));
        const rotation = Math.atan2(p.y - q.y, p.x - q.x);
        const length = lerp(1.6, 0.6, t);
        return {
          x: p.x - Math.cos(rotation) * HEAD * length,
          y: p.y - Math.sin(rotation) * HEAD * length,
          scaleX: length,
          scaleY: 0.8,
          rotation,
          alpha: 1,
        };
      }),
    );
    m.sprite(
      `flash-${name}`,
      particle(burst, 12, (t) => ({
        x: shell.x,
        y: shell.y,
        scale: lerp(0.6, 4.2, ease.outCubic(t)),
        alpha: (1 - t) ** 1.2,
      })),
    );
    const sparks = 30;
    for (let i = 0; i < sparks; i++) {
      // Two shells of sparks (outer ring and a filled core) make the burst read as a sphere.
      const outer = i % 3 !== 0;
      const angle = (i / sparks) * Math.PI * 2 + rnd() * 0.15;
      const speed = shell.radius * (outer ? 0.88 + rnd() * 0.12 : 0.35 + rnd() * 0.35);
      const twinkle = rnd() * Math.PI * 2;
      const at = (t: number) => {
        const out = ease.outCubic(t);
        return { x: shell.x + Math.cos(angle) * speed * out, y: shell.y + Math.sin(angle) * speed * out + 120 * t * t };
      };
      m.sprite(
        `streak-${name}`,
        particle(burst, life, (t) => {
          const p = at(t);
          const q = at(Math.max(0, t - 0.04));
          const rotation = Math.atan2(p.y - q.y, p.x - q.x);
          const length = Math.max(0.6, 1.7 * (1 - t) ** 2) * (outer ? 1 : 0.75);
          const fade = t < 0.55 ? 1 : 1 - (t - 0.55) / 0.45;
          return {
            x: p.x - Math.cos(rotation) * HEAD * length,
            y: p.y - Math.sin(rotation) * HEAD * length,
            scaleX: length,
            scaleY: outer ? 1 : 0.8,
            rotation,
            alpha: fade * (t < 0.45 ? 1 : 0.7 + 0.3 * Math.sin(t * 45 + twinkle)),
          };
        }),
      );
    }
    // Glitter that lingers where the burst was and twinkles.
    for (let i = 0; i < 6; i++) {
      const angle = rnd() * Math.PI * 2;
      const dist = shell.radius * (0.3 + rnd() * 0.5);
      const start = burst + 10 + Math.floor(rnd() * 10);
      m.sprite(
        'glitter',
        particle(start, 18, (t) => ({
          x: shell.x + Math.cos(angle) * dist,
          y: shell.y + Math.sin(angle) * dist + 40 * t,
          scale: 0.9 * Math.sin(t * Math.PI),
          rotation: t * 2,
          alpha: Math.sin(t * Math.PI),
        })),
      );
    }
  }
  return m.build();
}

/** A golden crown drops in with a bounce in front of turning light rays, under a shower of stars. */
export function crownMovie(): MovieEntity {
  const frames = 84;
  const m = new MovieBuilder(VIEW_WIDTH, VIEW_HEIGHT, FPS, frames);
  const rnd = random(0xc0e);
  m.image('glow', art.glow(128, '#ffd43b', 0.2))
    .image('rays', art.rays(256, '#fff3bf'))
    .image('crown', art.crown())
    .image('star', art.star(56))
    .image('sparkle', art.sparkle(48, '#ffe066'));

  const crownScale = 1.2;
  const fadeStart = 64;
  const crownAt = (f: number) => {
    const y = f < 24 ? lerp(-200, CY, ease.outBounce(progress(f, 0, 24))) : CY + Math.sin((f - 24) / 8) * 8;
    return { x: CX, y };
  };

  m.sprite('glow', (f) => ({
    x: CX,
    y: CY,
    scale: 5.5 * ease.outCubic(progress(f, 12, 30)),
    alpha: 0.7 * envelope(f, 12, frames - 1, 6, 16),
  }));
  m.sprite('rays', (f) => ({
    x: CX,
    y: CY,
    scale: 3.2 * ease.outBack(progress(f, 14, 32)),
    rotation: f * 0.018,
    alpha: envelope(f, 14, frames - 1, 8, 16),
  }));

  // Stars fall behind the crown and in front of the rays.
  for (let i = 0; i < 30; i++) {
    const start = Math.floor(rnd() * 56);
    const life = 28 + Math.floor(rnd() * 12);
    const x = 40 + rnd() * (VIEW_WIDTH - 80);
    const y0 = -40 - rnd() * 160;
    const fall = 700 + rnd() * 500;
    const size = 0.45 + rnd() * 0.6;
    const spin = (rnd() - 0.5) * 5;
    const sway = (rnd() - 0.5) * 60;
    m.sprite(
      'star',
      particle(start, life, (t) => ({
        x: x + Math.sin(t * Math.PI * 2) * sway,
        y: y0 + fall * ease.inQuad(t * 0.6 + 0.4 * t),
        scale: size,
        rotation: spin * t,
        alpha: Math.min(1, t * 6, (1 - t) * 4),
      })),
    );
  }

  m.sprite('crown', (f) => {
    const { x, y } = crownAt(f);
    const squash = f >= 8 && f < 26 ? Math.sin(progress(f, 8, 26) * Math.PI * 3) * 0.04 * (1 - progress(f, 8, 26)) : 0;
    const end = progress(f, fadeStart, frames - 1);
    return {
      x,
      y,
      scaleX: crownScale * (1 + squash) * (1 + 0.25 * ease.outQuad(end)),
      scaleY: crownScale * (1 - squash) * (1 + 0.25 * ease.outQuad(end)),
      rotation: f < 24 ? 0 : Math.sin((f - 24) / 10) * 0.03,
      alpha: 1 - ease.inQuad(end),
    };
  });

  // Glints on the crown's three tips, one after another, then again.
  const tips = [
    [-132, -56],
    [0, -90],
    [132, -56],
  ] as const;
  const glints = [26, 32, 38, 48, 54, 60];
  glints.forEach((start, i) => {
    const tip = tips[i % tips.length] ?? tips[0];
    m.sprite(
      'sparkle',
      particle(start, 14, (t) => {
        const { x, y } = crownAt(start + t * 14);
        return {
          x: x + tip[0] * crownScale,
          y: y + tip[1] * crownScale,
          scale: 1.6 * Math.sin(t * Math.PI),
          rotation: t * 1.5,
          alpha: Math.sin(t * Math.PI),
        };
      }),
    );
  });
  return m.build();
}

/** Rose petals drift down and sway over a soft pink glow. */
export function roseShowerMovie(): MovieEntity {
  const frames = 75;
  const m = new MovieBuilder(VIEW_WIDTH, VIEW_HEIGHT, FPS, frames);
  const rnd = random(0x5e7a1);
  m.image('glow', art.glow(128, '#ff6b9a', 0.15))
    .image('petal-red', art.petal(56, '#ff6b81', '#c2185b'))
    .image('petal-pink', art.petal(56, '#ffc9de', '#f06595'))
    .image('heart', art.heart(220, '#ff8fab', '#d6336c'));
  m.sprite('glow', (f) => ({ x: CX, y: CY, scale: 6, alpha: 0.5 * envelope(f, 0, frames - 1, 12, 16) }));
  m.sprite('heart', (f) => ({
    x: CX,
    y: CY,
    scale: ease.outElastic(progress(f, 6, 30)) * (1 + 0.05 * Math.sin(f / 4)),
    alpha: envelope(f, 6, frames - 1, 3, 14),
  }));
  for (let i = 0; i < 40; i++) {
    const key = i % 3 === 0 ? 'petal-pink' : 'petal-red';
    const start = Math.floor(rnd() * 45);
    const life = 30 + Math.floor(rnd() * 14);
    const x = 30 + rnd() * (VIEW_WIDTH - 60);
    const fall = 900 + rnd() * 400;
    const sway = 30 + rnd() * 50;
    const phase = rnd() * Math.PI * 2;
    const size = 0.6 + rnd() * 0.6;
    m.sprite(
      key,
      particle(start, life, (t) => ({
        x: x + Math.sin(t * 5 + phase) * sway,
        y: -40 + fall * t,
        // A petal tumbling in 3D, faked by squashing one axis.
        scaleX: size * (0.35 + 0.65 * Math.abs(Math.cos(t * 6 + phase))),
        scaleY: size,
        rotation: Math.sin(t * 4 + phase) * 0.8,
        alpha: Math.min(1, t * 6, (1 - t) * 4),
      })),
    );
  }
  return m.build();
}

export interface GiftEffect {
  /** The gift id whose animationUrl points at this effect. */
  id: string;
  title: string;
  movie: () => MovieEntity;
}

export const EFFECTS: readonly GiftEffect[] = [
  { id: 'heart-burst', title: 'Love Burst', movie: heartBurstMovie },
  { id: 'rocket', title: 'Rocket Launch', movie: rocketMovie },
  { id: 'fireworks', title: 'Fireworks', movie: fireworksMovie },
  { id: 'crown', title: 'Royal Crown', movie: crownMovie },
  { id: 'rose-shower', title: 'Rose Shower', movie: roseShowerMovie },
];

/** Every effect as an SVGA 2.0 file, keyed by id. */
export function effectFiles(): Map<string, Uint8Array> {
  return new Map(EFFECTS.map((effect) => [effect.id, encodeSvga(effect.movie())]));
}
