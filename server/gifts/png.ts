// A tiny PNG encoder (8-bit RGBA, zlib, CRC32) and a small anti-aliased rasterizer for the gift sprites:
// the project draws its own gift images instead of shipping third-party art.
//
// The rasterizer works on signed distance fields: every shape is a function giving the distance from a
// pixel centre to the shape's edge (negative inside), and coverage = clamp(0.5 - distance) gives one pixel
// of anti-aliasing for free. Paint is either a flat colour or a function of the pixel position (gradients).
import { deflateSync } from 'node:zlib';

/** Straight (not premultiplied) colour, each channel 0..1. */
export type Rgba = readonly [r: number, g: number, b: number, a: number];
export type Paint = Rgba | ((x: number, y: number) => Rgba);
export type Sdf = (x: number, y: number) => number;

// ---------------------------------------------------------------------------------------------------------
// PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * Encodes 8-bit RGBA pixels (straight alpha, row-major) as a PNG. Each row gets the filter that minimises
 * the sum of absolute differences, the usual heuristic that keeps soft gradients small after deflate.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (rgba.length !== width * height * 4)
    throw new RangeError(`expected ${width * height * 4} bytes, got ${rgba.length}`);
  const stride = width * 4;
  const filtered = new Uint8Array((stride + 1) * height);
  const candidate = new Uint8Array(stride);
  const best = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : undefined;
    let bestType = 0;
    let bestScore = Infinity;
    for (let type = 0; type <= 4; type++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const x = row[i] ?? 0;
        const a = i >= 4 ? (row[i - 4] ?? 0) : 0;
        const b = prev ? (prev[i] ?? 0) : 0;
        const c = prev && i >= 4 ? (prev[i - 4] ?? 0) : 0;
        let predictor = 0;
        if (type === 1) predictor = a;
        else if (type === 2) predictor = b;
        else if (type === 3) predictor = (a + b) >> 1;
        else if (type === 4) {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        const value = (x - predictor) & 0xff;
        candidate[i] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        bestType = type;
        best.set(candidate);
      }
    }
    filtered[y * (stride + 1)] = bestType;
    filtered.set(best, y * (stride + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const parts = [
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(filtered, { level: 9 }))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Width and height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  if (png.length < 33) return undefined;
  for (let i = 0; i < 8; i++) if (png[i] !== PNG_SIGNATURE[i]) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

// ---------------------------------------------------------------------------------------------------------
// Colours and paints

export function hex(color: string, alpha = 1): Rgba {
  const h = color.replace('#', '');
  const n = Number.parseInt(h.length === 3 ? [...h].map((c) => c + c).join('') : h, 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255, alpha];
}

export function mix(a: Rgba, b: Rgba, t: number): Rgba {
  const u = Math.min(1, Math.max(0, t));
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u, a[3] + (b[3] - a[3]) * u];
}

/** Colour at `t` along evenly spaced or explicitly positioned stops. */
export function ramp(stops: readonly (readonly [number, Rgba])[], t: number): Rgba {
  const first = stops[0];
  if (!first) return [0, 0, 0, 0];
  if (t <= first[0]) return first[1];
  for (let i = 1; i < stops.length; i++) {
    const lo = stops[i - 1];
    const hi = stops[i];
    if (lo && hi && t <= hi[0]) return mix(lo[1], hi[1], (t - lo[0]) / (hi[0] - lo[0] || 1));
  }
  return stops[stops.length - 1]?.[1] ?? first[1];
}

export function linearGradient(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  stops: readonly (readonly [number, Rgba])[],
): Paint {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy || 1;
  return (x, y) => ramp(stops, ((x - x0) * dx + (y - y0) * dy) / len2);
}

export function radialGradient(cx: number, cy: number, r: number, stops: readonly (readonly [number, Rgba])[]): Paint {
  return (x, y) => ramp(stops, Math.hypot(x - cx, y - cy) / r);
}

// ---------------------------------------------------------------------------------------------------------
// Signed distance fields

export const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

export const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Sdf =>
  (x, y) => {
    // Not an exact distance, but exact on the axes and smooth enough for a one-pixel edge.
    const k = Math.hypot((x - cx) / rx, (y - cy) / ry);
    return (k - 1) * Math.min(rx, ry);
  };

/**
 * Distance to a closed polygon, negative inside (even-odd). Called for every pixel of a sprite, so each edge's
 * numbers are worked out once, and Math.hypot (slow, and what the distance is made of) runs only for an edge that
 * may be the nearest so far: the same distance, to the bit, as taking it for every edge.
 */
export function polygon(points: readonly (readonly [number, number])[]): Sdf {
  const edges: number[] = [];
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const pi = points[i];
    const pj = points[j];
    if (!pi || !pj) continue;
    const [xi, yi] = pi;
    const [xj, yj] = pj;
    const ex = xi - xj;
    const ey = yi - yj;
    edges.push(xi, yi, xj, yj, ex, ey, ex * ex + ey * ey || 1, xj - xi);
  }
  const e = Float64Array.from(edges);
  return (x, y) => {
    let d = Infinity;
    let nearest = Infinity;
    let inside = false;
    for (let k = 0; k < e.length; k += 8) {
      const xi = e[k]!;
      const yi = e[k + 1]!;
      const xj = e[k + 2]!;
      const yj = e[k + 3]!;
      const ex = e[k + 4]!;
      const ey = e[k + 5]!;
      const wx = x - xj;
      const wy = y - yj;
      const t = Math.min(1, Math.max(0, (wx * ex + wy * ey) / e[k + 6]!));
      const dx = wx - ex * t;
      const dy = wy - ey * t;
      // Math.hypot and the square root of this sum differ by an ulp or two: an edge whose square is more than a
      // billionth above the nearest one's cannot have the smaller hypot.
      const square = dx * dx + dy * dy;
      if (square <= nearest * (1 + 1e-9)) {
        d = Math.min(d, Math.hypot(dx, dy));
        nearest = Math.min(nearest, square);
      }
      if (yi > y !== yj > y && x < (e[k + 7]! * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside ? -d : d;
  };
}

/** The nearest of `shapes` (their union); a loop, not an array per pixel. */
export const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) => {
    let d = Infinity;
    for (const s of shapes) d = Math.min(d, s(x, y));
    return d;
  };

/** The farthest of `shapes` (their intersection); a loop, not an array per pixel. */
export const intersect =
  (...shapes: Sdf[]): Sdf =>
  (x, y) => {
    let d = -Infinity;
    for (const s of shapes) d = Math.max(d, s(x, y));
    return d;
  };

export const subtract =
  (shape: Sdf, hole: Sdf): Sdf =>
  (x, y) =>
    Math.max(shape(x, y), -hole(x, y));

/** The classic parametric heart, centred on (cx, cy), `size` wide. */
export function heartPoints(cx: number, cy: number, size: number, steps = 160): [number, number][] {
  const points: [number, number][] = [];
  const scale = size / 34;
  for (let i = 0; i < steps; i++) {
    const t = (i / steps) * Math.PI * 2;
    const x = 16 * Math.sin(t) ** 3;
    const y = 13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t);
    points.push([cx + x * scale, cy - (y + 2.5) * scale]);
  }
  return points;
}

/** A star with `spikes` points; inner/outer radii; rotation 0 points straight up. */
export function starPoints(
  cx: number,
  cy: number,
  outer: number,
  inner: number,
  spikes = 5,
  rotation = 0,
): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < spikes * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = rotation - Math.PI / 2 + (i * Math.PI) / spikes;
    points.push([cx + Math.cos(angle) * r, cy + Math.sin(angle) * r]);
  }
  return points;
}

/** A four-pointed sparkle with concave sides (an astroid-like curve). */
export function sparklePoints(cx: number, cy: number, r: number, steps = 96): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < steps; i++) {
    const t = (i / steps) * Math.PI * 2;
    points.push([cx + r * Math.cos(t) ** 3, cy + r * Math.sin(t) ** 3]);
  }
  return points;
}

// ---------------------------------------------------------------------------------------------------------
// The canvas

export class Raster {
  /** Premultiplied RGBA, 0..1. */
  private readonly px: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = new Float32Array(width * height * 4);
  }

  /** Composites `color` (straight alpha) over pixel (x, y) with extra `coverage`. */
  private blend(x: number, y: number, color: Rgba, coverage: number, additive: boolean): void {
    const a = color[3] * coverage;
    if (a <= 0) return;
    const i = (y * this.width + x) * 4;
    const px = this.px;
    const keep = additive ? 1 : 1 - a;
    px[i] = (px[i] ?? 0) * keep + color[0] * a;
    px[i + 1] = (px[i + 1] ?? 0) * keep + color[1] * a;
    px[i + 2] = (px[i + 2] ?? 0) * keep + color[2] * a;
    px[i + 3] = additive ? Math.min(1, (px[i + 3] ?? 0) + a) : (px[i + 3] ?? 0) * keep + a;
  }

  /** Fills a shape with anti-aliased edges; `feather` widens the soft edge (in pixels). */
  fill(shape: Sdf, paint: Paint, options: { feather?: number; additive?: boolean } = {}): this {
    const feather = Math.max(1, options.feather ?? 1);
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const d = shape(x + 0.5, y + 0.5);
        if (d >= feather / 2) continue;
        const coverage = Math.min(1, Math.max(0, 0.5 - d / feather));
        const color = typeof paint === 'function' ? paint(x + 0.5, y + 0.5) : paint;
        this.blend(x, y, color, coverage, options.additive ?? false);
      }
    }
    return this;
  }

  /** A soft round glow: alpha falls from the centre to 0 at `r` (smooth, no visible edge). */
  glow(cx: number, cy: number, r: number, color: Rgba, options: { power?: number; additive?: boolean } = {}): this {
    const power = options.power ?? 2;
    const x0 = Math.max(0, Math.floor(cx - r));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + r));
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + r));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const t = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / r;
        if (t >= 1) continue;
        const falloff = (1 - t) ** power;
        this.blend(x, y, color, falloff, options.additive ?? true);
      }
    }
    return this;
  }

  /** Straight-alpha 8-bit RGBA. */
  toRgba(): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 4);
    const px = this.px;
    for (let i = 0; i < out.length; i += 4) {
      const a = Math.min(1, px[i + 3] ?? 0);
      if (a <= 1 / 512) continue;
      out[i] = Math.round(Math.min(1, (px[i] ?? 0) / a) * 255);
      out[i + 1] = Math.round(Math.min(1, (px[i + 1] ?? 0) / a) * 255);
      out[i + 2] = Math.round(Math.min(1, (px[i + 2] ?? 0) / a) * 255);
      out[i + 3] = Math.round(a * 255);
    }
    return out;
  }

  toPng(): Uint8Array {
    return encodePng(this.width, this.height, this.toRgba());
  }
}
