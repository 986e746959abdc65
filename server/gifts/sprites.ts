// The bitmaps the gift effects are made of, drawn with the project's own rasterizer (png.ts).
// Sizes are the pixel sizes in the PNG; effects scale them with the sprite transform.
import {
  Raster,
  circle,
  ellipse,
  heartPoints,
  hex,
  intersect,
  linearGradient,
  polygon,
  radialGradient,
  sparklePoints,
  starPoints,
  subtract,
  union,
  type Rgba,
} from './png.js';

const WHITE = hex('#ffffff');

/** A glossy heart: diagonal gradient, darker rim, soft highlight. */
export function heart(size: number, light: string, dark: string): Uint8Array {
  const r = new Raster(size, size);
  const c = size / 2;
  const body = polygon(heartPoints(c, c, size * 0.9));
  r.fill(
    body,
    linearGradient(size * 0.2, size * 0.1, size * 0.75, size * 0.9, [
      [0, hex(light)],
      [1, hex(dark)],
    ]),
  );
  // Gloss: a tilted soft ellipse clipped to the heart, upper left.
  const gloss = intersect(body, ellipse(size * 0.34, size * 0.3, size * 0.14, size * 0.08));
  r.fill(gloss, hex('#ffffff', 0.55), { feather: size * 0.04 });
  r.fill(intersect(body, circle(size * 0.7, size * 0.3, size * 0.05)), hex('#ffffff', 0.35), { feather: size * 0.03 });
  return r.toPng();
}

/** A soft round glow in one colour, white-hot in the middle. */
export function glow(size: number, color: string, core = 0.35): Uint8Array {
  const r = new Raster(size, size);
  const c = size / 2;
  r.glow(c, c, c, hex(color, 0.9), { power: 2.2 });
  r.glow(c, c, c * core, hex('#ffffff', 0.9), { power: 1.6 });
  return r.toPng();
}

/** A four-pointed twinkle with a coloured halo. */
export function sparkle(size: number, color: string): Uint8Array {
  const r = new Raster(size, size);
  const c = size / 2;
  r.glow(c, c, c * 0.7, hex(color, 0.75), { power: 2.5 });
  r.fill(
    polygon(sparklePoints(c, c, c * 0.95)),
    radialGradient(c, c, c * 0.8, [
      [0, WHITE],
      [0.35, hex('#ffffff', 0.95)],
      [1, hex(color, 0.9)],
    ]),
  );
  return r.toPng();
}

/** A five-pointed star with a golden gradient and a lighter centre. */
export function star(size: number, light = '#fff6b0', mid = '#ffd23f', dark = '#f08c00'): Uint8Array {
  const r = new Raster(size, size);
  const c = size / 2;
  const shape = polygon(starPoints(c, c * 1.06, c * 0.95, c * 0.42));
  r.fill(
    shape,
    radialGradient(c, c, c, [
      [0, hex(light)],
      [0.45, hex(mid)],
      [1, hex(dark)],
    ]),
  );
  return r.toPng();
}

/** An expanding shockwave ring. */
export function ring(size: number, color: string): Uint8Array {
  const r = new Raster(size, size);
  const c = size / 2;
  const width = size * 0.035;
  const band = (x: number, y: number) => Math.abs(Math.hypot(x - c, y - c) - (c - width * 2)) - width;
  r.fill(band, hex(color, 0.9), { feather: width * 1.6 });
  r.fill((x, y) => Math.abs(Math.hypot(x - c, y - c) - (c - width * 2)) - width * 0.3, hex('#ffffff', 0.8), {
    feather: width,
  });
  return r.toPng();
}

/** Soft light rays around the centre (for the crown), rotated by the effect. */
export function rays(size: number, color: string, count = 14): Uint8Array {
  const r = new Raster(size, size);
  const c = size / 2;
  const base = hex(color);
  r.fill(
    () => -1,
    (x, y) => {
      const dx = x - c;
      const dy = y - c;
      const radius = Math.hypot(dx, dy) / c;
      if (radius >= 1) return [0, 0, 0, 0] as Rgba;
      const angle = Math.atan2(dy, dx);
      const beam = Math.max(0, Math.cos(angle * count)) ** 6;
      const fade = (1 - radius) ** 1.4;
      return [base[0], base[1], base[2], beam * fade * 0.85] as Rgba;
    },
  );
  return r.toPng();
}

/** A cartoon rocket pointing up: white body, red nose and fins, blue porthole. */
export function rocket(): Uint8Array {
  const w = 160;
  const h = 300;
  const r = new Raster(w, h);
  const cx = w / 2;
  const top = 20;
  const bottom = 248;
  const half = 46;
  const profile: [number, number][] = [];
  const steps = 60;
  const halfWidth = (t: number) => {
    // An ogive nose that reaches full width at 55 % of the height, then a slight taper to the base.
    if (t < 0.55) return half * Math.sin((Math.PI / 2) * (t / 0.55)) ** 0.75;
    return half - 8 * ((t - 0.55) / 0.45) ** 2;
  };
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    profile.push([cx + halfWidth(t), top + t * (bottom - top)]);
  }
  for (let i = steps; i >= 0; i--) {
    const t = i / steps;
    profile.push([cx - halfWidth(t), top + t * (bottom - top)]);
  }
  const body = polygon(profile);
  const red = linearGradient(cx - half, 0, cx + half, 0, [
    [0, hex('#ff6b6b')],
    [0.45, hex('#f03e3e')],
    [1, hex('#a61e4d')],
  ]);
  // Fins behind the body.
  const finL = polygon([
    [cx - 36, 168],
    [cx - 74, 238],
    [cx - 72, 268],
    [cx - 40, 246],
  ]);
  const finR = polygon([
    [cx + 36, 168],
    [cx + 74, 238],
    [cx + 72, 268],
    [cx + 40, 246],
  ]);
  r.fill(union(finL, finR), red);
  // Nozzle.
  r.fill(
    polygon([
      [cx - 26, bottom - 4],
      [cx + 26, bottom - 4],
      [cx + 32, bottom + 22],
      [cx - 32, bottom + 22],
    ]),
    linearGradient(cx - 32, 0, cx + 32, 0, [
      [0, hex('#868e96')],
      [0.4, hex('#495057')],
      [1, hex('#212529')],
    ]),
  );
  // Body with cylindrical shading.
  r.fill(
    body,
    linearGradient(cx - half, 0, cx + half, 0, [
      [0, hex('#dee2e6')],
      [0.3, hex('#ffffff')],
      [0.7, hex('#e9ecef')],
      [1, hex('#adb5bd')],
    ]),
  );
  // Red nose cone and a stripe, clipped to the body.
  r.fill(
    intersect(body, (_x, y) => y - 78),
    red,
  );
  r.fill(
    intersect(body, (_x, y) => Math.abs(y - 214) - 7),
    red,
  );
  // Porthole: rim, glass, highlight.
  r.fill(
    circle(cx, 128, 27),
    linearGradient(cx - 27, 100, cx + 27, 156, [
      [0, hex('#f1f3f5')],
      [1, hex('#868e96')],
    ]),
  );
  r.fill(
    circle(cx, 128, 20),
    radialGradient(cx - 6, 120, 28, [
      [0, hex('#a5d8ff')],
      [0.6, hex('#339af0')],
      [1, hex('#1864ab')],
    ]),
  );
  r.fill(ellipse(cx - 7, 120, 7, 4.5), hex('#ffffff', 0.8));
  return r.toPng();
}

/** The rocket's flame, pointing down: white-yellow core inside an orange-red plume. */
export function flame(): Uint8Array {
  const w = 96;
  const h = 200;
  const r = new Raster(w, h);
  const cx = w / 2;
  const plume = (top: number, radius: number, length: number) =>
    union(
      circle(cx, top + radius, radius),
      polygon([
        [cx - radius, top + radius],
        [cx + radius, top + radius],
        [cx, top + length],
      ]),
    );
  r.glow(cx, 60, 48, hex('#ff922b', 0.6), { power: 1.5 });
  r.fill(
    plume(8, 30, 190),
    linearGradient(0, 10, 0, 190, [
      [0, hex('#ffd43b')],
      [0.35, hex('#ff922b')],
      [0.8, hex('#f03e3e', 0.7)],
      [1, hex('#f03e3e', 0)],
    ]),
    { feather: 4 },
  );
  r.fill(
    plume(8, 18, 120),
    linearGradient(0, 10, 0, 120, [
      [0, hex('#ffffff')],
      [0.5, hex('#fff3bf')],
      [1, hex('#ffd43b', 0)],
    ]),
    { feather: 3 },
  );
  return r.toPng();
}

/** A soft puff of smoke. */
export function puff(size: number): Uint8Array {
  const r = new Raster(size, size);
  const c = size / 2;
  r.glow(c, c, c, hex('#f1f3f5', 0.9), { power: 1.3, additive: false });
  return r.toPng();
}

/** A golden crown with three jewels. */
export function crown(): Uint8Array {
  const w = 300;
  const h = 240;
  const r = new Raster(w, h);
  const gold = linearGradient(0, 40, 0, 220, [
    [0, hex('#fff3bf')],
    [0.35, hex('#ffd43b')],
    [0.7, hex('#f59f00')],
    [1, hex('#e67700')],
  ]);
  const points = polygon([
    [30, 190],
    [18, 70],
    [92, 130],
    [150, 36],
    [208, 130],
    [282, 70],
    [270, 190],
  ]);
  const tips = union(circle(18, 64, 14), circle(150, 30, 16), circle(282, 64, 14));
  const band = (x: number, y: number) => {
    // A rounded rectangle 40..260 × 180..222.
    const qx = Math.abs(x - 150) - 112;
    const qy = Math.abs(y - 201) - 21;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - 8;
  };
  r.glow(150, 130, 150, hex('#ffe066', 0.35), { power: 2 });
  r.fill(union(points, tips), gold);
  r.fill(
    band,
    linearGradient(0, 172, 0, 230, [
      [0, hex('#ffe066')],
      [0.5, hex('#fab005')],
      [1, hex('#d9480f')],
    ]),
  );
  // Shine on the band and the main spike.
  r.fill(
    intersect(band, (_x, y) => Math.abs(y - 188) - 3),
    hex('#ffffff', 0.55),
    { feather: 3 },
  );
  r.fill(
    subtract(
      intersect(
        points,
        polygon([
          [140, 60],
          [152, 60],
          [120, 175],
          [108, 175],
        ]),
      ),
      band,
    ),
    hex('#ffffff', 0.35),
    { feather: 3 },
  );
  // Jewels: ruby, sapphire, emerald, with a white glint each.
  const jewel = (x: number, y: number, rad: number, light: string, dark: string) => {
    r.fill(circle(x, y, rad + 3), hex('#fff9db'));
    r.fill(
      circle(x, y, rad),
      radialGradient(x - rad * 0.3, y - rad * 0.3, rad * 1.4, [
        [0, hex(light)],
        [1, hex(dark)],
      ]),
    );
    r.fill(circle(x - rad * 0.35, y - rad * 0.35, rad * 0.28), hex('#ffffff', 0.85));
  };
  jewel(150, 201, 14, '#ff8787', '#c92a2a');
  jewel(88, 201, 10, '#74c0fc', '#1864ab');
  jewel(212, 201, 10, '#8ce99a', '#2b8a3e');
  jewel(150, 132, 11, '#e599f7', '#862e9c');
  return r.toPng();
}

/** A rose petal (for the rose shower), a rounded teardrop with a darker base. */
export function petal(size: number, light: string, dark: string): Uint8Array {
  const r = new Raster(size, size);
  const c = size / 2;
  const shape = union(
    circle(c, c * 0.85, c * 0.55),
    polygon([
      [c - c * 0.52, c * 1.0],
      [c + c * 0.52, c * 1.0],
      [c, c * 1.85],
    ]),
  );
  r.fill(
    shape,
    linearGradient(c, c * 0.3, c, c * 1.8, [
      [0, hex(light)],
      [1, hex(dark)],
    ]),
  );
  r.fill(intersect(shape, ellipse(c * 0.8, c * 0.75, c * 0.18, c * 0.3)), hex('#ffffff', 0.35), { feather: 3 });
  return r.toPng();
}

/** A comet-like streak pointing right: a bright head and a tail fading to nothing (for firework sparks). */
export function streak(color: string): Uint8Array {
  const w = 96;
  const h = 24;
  const r = new Raster(w, h);
  const cy = h / 2;
  const capsule = (radius: number) => (x: number, y: number) => {
    const px = Math.min(84, Math.max(10, x));
    return Math.hypot(x - px, y - cy) - radius * (0.3 + 0.7 * ((px - 10) / 74));
  };
  r.fill(
    capsule(6),
    linearGradient(6, 0, 90, 0, [
      [0, hex(color, 0)],
      [0.7, hex(color, 0.8)],
      [1, hex(color)],
    ]),
    { feather: 2.5 },
  );
  r.glow(82, cy, 12, hex(color, 0.8), { power: 1.5 });
  r.fill(
    capsule(2.6),
    linearGradient(30, 0, 90, 0, [
      [0, hex('#ffffff', 0)],
      [1, hex('#ffffff')],
    ]),
    { feather: 1.5 },
  );
  return r.toPng();
}
