import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { DEFAULT_GIFT_CATALOG, GIFT_ASSET_PREFIX, giftAssets } from '../../../server/gifts/catalog.js';
import { EFFECTS } from '../../../server/gifts/effects.js';
import {
  PNG_SIGNATURE,
  Raster,
  circle,
  crc32,
  encodePng,
  heartPoints,
  hex,
  pngSize,
  polygon,
  sparklePoints,
  starPoints,
} from '../../../server/gifts/png.js';
import { SvgaFormatError, decodeMovie, decodeSvga, encodeMovie, encodeSvga } from '../../../server/gifts/svga.js';
import { kitchenSinkMovie } from './kitchen-sink.js';

function assertValidPng(key: string, png: Uint8Array): { width: number; height: number } {
  assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE, `${key}: PNG signature`);
  const size = pngSize(png);
  assert.ok(size, `${key}: IHDR`);
  assert.ok(
    size.width > 0 && size.width <= 1024 && size.height > 0 && size.height <= 1024,
    `${key}: ${size.width}×${size.height}`,
  );
  return size;
}

describe('SVGA 2.0 encoder and decoder', () => {
  it('round-trips a movie that uses every field of the schema', () => {
    const movie = kitchenSinkMovie();
    const file = encodeSvga(movie);
    assert.equal(file[0], 0x78, 'a zlib stream');
    assert.deepEqual(decodeSvga(file), movie);
    // The same movie always gives the same bytes (images are written in key order).
    assert.deepEqual(encodeSvga(kitchenSinkMovie()), file);
  });

  it('keeps empty frames, so every sprite has one frame per movie frame', () => {
    const movie = kitchenSinkMovie();
    const decoded = decodeMovie(encodeMovie(movie));
    assert.deepEqual(
      decoded.sprites.map((s) => s.frames.length),
      [3, 3],
    );
    assert.deepEqual(decoded.sprites[0]?.frames[0], { alpha: 0 });
  });

  it('writes negative int32 values as ten-byte varints and reads them back', () => {
    const movie = kitchenSinkMovie();
    movie.audios = [{ audioKey: 'a', startFrame: -1, endFrame: -2147483648, startTime: 2147483647, totalTime: 0 }];
    assert.deepEqual(decodeMovie(encodeMovie(movie)).audios, movie.audios);
  });

  it('refuses files that are not SVGA 2.0 with a format error (damaged protobuf: test/src/svga)', () => {
    assert.throws(() => decodeSvga(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0)), SvgaFormatError);
    assert.throws(() => decodeSvga(new TextEncoder().encode('<html>not found</html>')), SvgaFormatError);
  });

  it('refuses a string that is not UTF-8, as it could not encode it back', () => {
    // The version field holding 0xff: the player reads it as U+FFFD; the codec must not turn it into other bytes.
    assert.throws(() => decodeMovie(Uint8Array.of(0x0a, 1, 0xff)), SvgaFormatError);
  });
});

describe('PNG encoder', () => {
  it('writes a valid PNG whose pixels inflate back to the input', () => {
    const width = 5;
    const height = 3;
    const rgba = new Uint8Array(width * height * 4).map((_, i) => (i * 37) % 256);
    const png = encodePng(width, height, rgba);
    assert.deepEqual(pngSize(png), { width, height });
    // Walk the chunks: every CRC matches, and IDAT unfilters to the original pixels.
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    let offset = 8;
    const types: string[] = [];
    let idat: Uint8Array = new Uint8Array(0);
    while (offset < png.length) {
      const length = view.getUint32(offset);
      const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
      types.push(type);
      assert.equal(
        view.getUint32(offset + 8 + length),
        crc32(png.subarray(offset + 4, offset + 8 + length)),
        `${type} CRC`,
      );
      if (type === 'IDAT') idat = png.subarray(offset + 8, offset + 8 + length);
      offset += 12 + length;
    }
    assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
    const raw = new Uint8Array(inflateSync(idat));
    const stride = width * 4;
    const out = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      const filter = raw[y * (stride + 1)];
      for (let i = 0; i < stride; i++) {
        const x = raw[y * (stride + 1) + 1 + i] ?? 0;
        const a = i >= 4 ? (out[y * stride + i - 4] ?? 0) : 0;
        const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
        const c = y > 0 && i >= 4 ? (out[(y - 1) * stride + i - 4] ?? 0) : 0;
        const p = a + b - c;
        const paeth =
          Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
            ? a
            : Math.abs(p - b) <= Math.abs(p - c)
              ? b
              : c;
        const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
        out[y * stride + i] = (x + predictor) & 0xff;
      }
    }
    assert.deepEqual(out, rgba);
  });

  it('anti-aliases shape edges', () => {
    const rgba = new Raster(20, 20).fill(circle(10, 10, 6), hex('#ffffff')).toRgba();
    const alphas = new Set<number>();
    for (let i = 3; i < rgba.length; i += 4) alphas.add(rgba[i] ?? 0);
    assert.ok(alphas.has(0) && alphas.has(255), 'transparent outside, opaque inside');
    assert.ok(alphas.size > 4, `partial coverage on the edge (${alphas.size} alpha levels)`);
  });
});

/**
 * The polygon distance as written first: every edge's hypot, every pixel. The rasterizer's is faster; the cached gift
 * assets (server/gifts/catalog.ts, GENERATOR_VERSION) stay valid only while it gives the same numbers to the bit.
 */
function polygonByDefinition(points: readonly (readonly [number, number])[]) {
  return (x: number, y: number) => {
    let d = Infinity;
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      const ex = xi - xj;
      const ey = yi - yj;
      const wx = x - xj;
      const wy = y - yj;
      const t = Math.min(1, Math.max(0, (wx * ex + wy * ey) / (ex * ex + ey * ey || 1)));
      d = Math.min(d, Math.hypot(wx - ex * t, wy - ey * t));
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside ? -d : d;
  };
}

describe("the rasterizer's polygon distance", () => {
  it('is the distance by definition, to the bit, inside, outside and on the edges', () => {
    const shapes = {
      heart: heartPoints(24, 24, 40),
      star: starPoints(24, 24, 22, 9, 5, 0.3),
      sparkle: sparklePoints(24, 24, 20),
      // A degenerate edge (two equal points) and a vertex on the pixel grid.
      'a square with a repeated corner': [
        [6, 6],
        [42, 6],
        [42, 6],
        [42, 42],
        [6.5, 42.5],
      ] as [number, number][],
    };
    for (const [name, points] of Object.entries(shapes)) {
      const fast = polygon(points);
      const slow = polygonByDefinition(points);
      const probes: [number, number][] = points.map(([x, y]) => [x, y]);
      for (let y = -2.5; y < 50; y += 0.75) for (let x = -2.5; x < 50; x += 0.75) probes.push([x, y]);
      for (const [x, y] of probes) {
        const [got, want] = [fast(x, y), slow(x, y)];
        if (!Object.is(got, want)) assert.fail(`${name} at (${x}, ${y}): ${got}, by definition ${want}`);
      }
    }
  });
});

describe('the generated gift effects', () => {
  for (const effect of EFFECTS) {
    it(`${effect.id} decodes to a valid, self-consistent movie`, () => {
      // The file the server serves: giftAssets() encodes every effect once (encodeSvga(effect.movie())) and caches
      // it. Encoding here again, and then once more for the catalog test below, doubled this file's run time.
      const file = giftAssets().get(`${GIFT_ASSET_PREFIX}${effect.id}.svga`)?.body;
      assert.ok(file, `${effect.id} is served`);
      assert.ok(file.length < 200 * 1024, `${effect.id} is ${file.length} bytes`);
      const movie = decodeSvga(file);
      assert.equal(movie.version, '2.0');
      assert.deepEqual(movie.params, { viewBoxWidth: 750, viewBoxHeight: 1334, fps: 30, frames: movie.params.frames });
      const seconds = movie.params.frames / movie.params.fps;
      assert.ok(seconds >= 2 && seconds <= 3, `${effect.id} lasts ${seconds} s`);
      assert.ok(movie.sprites.length > 0);
      const sizes = new Map(Object.entries(movie.images).map(([key, png]) => [key, assertValidPng(key, png)]));
      const used = new Set<string>();
      for (const [i, sprite] of movie.sprites.entries()) {
        assert.ok(sizes.has(sprite.imageKey), `sprite ${i}: image ${sprite.imageKey} exists`);
        used.add(sprite.imageKey);
        assert.equal(sprite.frames.length, movie.params.frames, `sprite ${i} has one frame per movie frame`);
        const size = sizes.get(sprite.imageKey);
        for (const frame of sprite.frames) {
          assert.ok(frame.alpha >= 0 && frame.alpha <= 1);
          if (frame.alpha === 0) continue;
          // svgaplayerweb reads `a || 1` and `d || 1`: an exact zero would flash the image at full size.
          assert.ok(frame.transform && frame.transform.a !== 0 && frame.transform.d !== 0, `sprite ${i}: a, d never 0`);
          assert.deepEqual(frame.layout, { x: 0, y: 0, width: size?.width, height: size?.height });
        }
      }
      assert.deepEqual([...used].sort(), Object.keys(movie.images).sort(), 'every image is used by a sprite');
      // Something is visible in the middle of the effect.
      const middle = Math.floor(movie.params.frames / 2);
      assert.ok(movie.sprites.some((s) => (s.frames[middle]?.alpha ?? 0) > 0.5));
    });
  }
});

describe('the default gift catalog', () => {
  it('has at least 8 gifts, 4 or more with a full-screen effect, each asset served', () => {
    assert.ok(DEFAULT_GIFT_CATALOG.length >= 8);
    const animated = DEFAULT_GIFT_CATALOG.filter((g) => g.animationUrl);
    assert.ok(animated.length >= 4);
    assert.equal(new Set(DEFAULT_GIFT_CATALOG.map((g) => g.giftId)).size, DEFAULT_GIFT_CATALOG.length);
    const assets = giftAssets();
    for (const gift of DEFAULT_GIFT_CATALOG) {
      const icon = assets.get(gift.iconUrl);
      assert.ok(icon, `${gift.giftId}: icon ${gift.iconUrl}`);
      assert.match(icon.contentType, /^image\/svg\+xml/);
      assert.match(
        new TextDecoder().decode(icon.body),
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 96 96"/,
      );
      if (gift.animationUrl) {
        const file = assets.get(gift.animationUrl);
        assert.ok(file, `${gift.giftId}: animation ${gift.animationUrl}`);
        assert.equal(decodeSvga(file.body).version, '2.0');
      }
    }
    assert.equal(giftAssets(), assets, 'generated once and cached');
  });
});

// Third-party SVGA 2.0 files prove the decoder reads the real format, not just our own writing of it.
// (Rocket.svga in that folder is SVGA 1.x, a zip archive, which the decoder refuses by design.)
const REFERENCE = '/work/shared/reference/svga';
const samples = ['PinJump', 'TwitterHeart', 'heartbeat']
  .map((name) => `${REFERENCE}/${name}.svga`)
  .filter((p) => existsSync(p));
if (samples.length > 0) {
  describe('third-party SVGA 2.0 samples', () => {
    for (const path of samples) {
      it(`decodes ${path.split('/').pop()} and re-encodes it byte for byte`, () => {
        const file = new Uint8Array(readFileSync(path));
        const movie = decodeSvga(file);
        assert.match(movie.version, /^2\./);
        assert.ok(
          movie.params.viewBoxWidth > 0 &&
            movie.params.viewBoxHeight > 0 &&
            movie.params.fps > 0 &&
            movie.params.frames > 0,
        );
        assert.ok(movie.sprites.length > 0);
        for (const sprite of movie.sprites) {
          assert.equal(sprite.frames.length, movie.params.frames);
          // Shape-only sprites carry no bitmap; the rest name a PNG in `images`.
          const png = movie.images[sprite.imageKey.replace('.matte', '')];
          if (png) assertValidPng(sprite.imageKey, png);
        }
        // `images` also holds the audio clips (MP3) that `audios` refers to.
        for (const audio of movie.audios)
          assert.ok(movie.images[audio.audioKey], `audio ${audio.audioKey} is in images`);
        assert.deepEqual(encodeMovie(movie), new Uint8Array(inflateSync(file)));
      });
    }
  });
}
