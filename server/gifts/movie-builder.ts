// Helpers for writing SVGA movies as code: a builder that turns "where is this image on frame f" functions
// into sprite frames, easing curves and a seeded random source so every build gives the same bytes.
import { pngSize } from './png.js';
import type { FrameEntity, MovieEntity, SpriteEntity, Transform } from './svga.js';

/** Where an image is drawn on one frame: its centre in view-box units, scale, rotation (radians), alpha. */
export interface Pose {
  x: number;
  y: number;
  scale?: number;
  scaleX?: number;
  scaleY?: number;
  rotation?: number;
  alpha: number;
}

// The web player hides sprites below this alpha; writing an empty frame instead keeps files small.
const MIN_ALPHA = 0.05;
// svgaplayerweb reads `transform.a || 1` and `transform.d || 1`: an exact 0 would draw at full size.
const TINY = 1 / 4096;
// Values are rounded to binary fractions (exact in float32, with trailing zero bits), which deflate
// compresses far better than arbitrary floats; 1/4096 of scale and 1/16 px are well below visible.
const MATRIX_STEP = 1 / 4096;
const PIXEL_STEP = 1 / 16;
const ALPHA_STEP = 1 / 256;

const round = (value: number, step: number): number => Math.round(value / step) * step;
const nonZero = (value: number): number => (Math.abs(value) < TINY ? (value < 0 ? -TINY : TINY) : value);

export class MovieBuilder {
  private readonly images: Record<string, Uint8Array> = {};
  private readonly sizes = new Map<string, { width: number; height: number }>();
  private readonly sprites: SpriteEntity[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
    readonly fps: number,
    readonly frames: number,
  ) {}

  /** Registers a PNG under `key` (its pixel size becomes the sprite's layout). */
  image(key: string, png: Uint8Array): this {
    const size = pngSize(png);
    if (!size) throw new Error(`image ${key} is not a PNG`);
    this.images[key] = png;
    this.sizes.set(key, size);
    return this;
  }

  /**
   * Adds one sprite drawing image `key`; `pose(frame)` returns where it is on that frame, or undefined
   * while it is hidden. Sprites are drawn in the order they are added (later ones on top).
   */
  sprite(key: string, pose: (frame: number) => Pose | undefined): this {
    const size = this.sizes.get(key);
    if (!size) throw new Error(`sprite uses unknown image ${key}`);
    const frames: FrameEntity[] = [];
    for (let f = 0; f < this.frames; f++) {
      const p = pose(f);
      if (!p || !(p.alpha >= MIN_ALPHA)) {
        frames.push({ alpha: 0 });
        continue;
      }
      frames.push({
        alpha: round(Math.min(1, p.alpha), ALPHA_STEP),
        layout: { x: 0, y: 0, width: size.width, height: size.height },
        transform: poseTransform(p, size.width, size.height),
      });
    }
    this.sprites.push({ imageKey: key, frames });
    return this;
  }

  build(): MovieEntity {
    return {
      version: '2.0',
      params: { viewBoxWidth: this.width, viewBoxHeight: this.height, fps: this.fps, frames: this.frames },
      images: { ...this.images },
      sprites: [...this.sprites],
      audios: [],
    };
  }
}

/** The matrix that draws a w×h image centred on (x, y), scaled then rotated about its centre. */
export function poseTransform(p: Pose, w: number, h: number): Transform {
  const sx = (p.scaleX ?? 1) * (p.scale ?? 1);
  const sy = (p.scaleY ?? 1) * (p.scale ?? 1);
  const cos = Math.cos(p.rotation ?? 0);
  const sin = Math.sin(p.rotation ?? 0);
  const a = nonZero(round(sx * cos, MATRIX_STEP));
  const b = round(sx * sin, MATRIX_STEP);
  const c = round(-sy * sin, MATRIX_STEP);
  const d = nonZero(round(sy * cos, MATRIX_STEP));
  return {
    a,
    b,
    c,
    d,
    tx: round(p.x - (a * w) / 2 - (c * h) / 2, PIXEL_STEP),
    ty: round(p.y - (b * w) / 2 - (d * h) / 2, PIXEL_STEP),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Easing (t in 0..1)

export const clamp01 = (t: number): number => Math.min(1, Math.max(0, t));
export const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;
/** Progress of `f` through [start, end], clamped to 0..1. */
export const progress = (f: number, start: number, end: number): number => clamp01((f - start) / (end - start || 1));

export const ease = {
  linear: (t: number) => t,
  inQuad: (t: number) => t * t,
  outQuad: (t: number) => 1 - (1 - t) ** 2,
  inCubic: (t: number) => t ** 3,
  outCubic: (t: number) => 1 - (1 - t) ** 3,
  inOutSine: (t: number) => -(Math.cos(Math.PI * t) - 1) / 2,
  outQuart: (t: number) => 1 - (1 - t) ** 4,
  outBack: (t: number) => {
    const c1 = 1.70158;
    const c3 = c1 + 1;
    return 1 + c3 * (t - 1) ** 3 + c1 * (t - 1) ** 2;
  },
  outElastic: (t: number) =>
    t === 0 || t === 1 ? t : 2 ** (-10 * t) * Math.sin((t * 10 - 0.75) * ((2 * Math.PI) / 3)) + 1,
  outBounce: (t: number) => {
    const n1 = 7.5625;
    const d1 = 2.75;
    if (t < 1 / d1) return n1 * t * t;
    if (t < 2 / d1) return n1 * (t - 1.5 / d1) ** 2 + 0.75;
    if (t < 2.5 / d1) return n1 * (t - 2.25 / d1) ** 2 + 0.9375;
    return n1 * (t - 2.625 / d1) ** 2 + 0.984375;
  },
} as const;

/** Alpha that fades in over `fadeIn` frames after `start` and out over `fadeOut` frames before `end`. */
export function envelope(f: number, start: number, end: number, fadeIn: number, fadeOut: number): number {
  if (f < start || f > end) return 0;
  const inA = fadeIn > 0 ? clamp01((f - start) / fadeIn) : 1;
  const outA = fadeOut > 0 ? clamp01((end - f) / fadeOut) : 1;
  return Math.min(inA, outA);
}

/** mulberry32: a small seeded PRNG, so generated files are reproducible byte for byte. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
