import { expect } from '@open-wc/testing';
import {
  type SvgaPlayer,
  type SvgaVideo,
  clearSvgaCache,
  loadSvga,
  loadSvgaModule,
  showSvga,
  stopSvgaWorker,
  svgaWorkerLimits,
  svgaBitmaps,
} from '../../components/gift-player/svga-loader.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Gift } from '../../src/index.js';
import { PLACES, VIEW } from '../fixtures/svga-prototype-layout.js';
import { ABSENT_PROPERTY_KEYS, PROPERTY_KEYS } from '../property-keys.js';
import { until } from './helpers.js';

// The worker path of the SVGA loader builds the same movie svgaplayerweb's own parser builds, draws the same
// pixels, refuses the same broken files, and steps aside (main-thread parser) when it cannot do the job.

type Entity = SvgaVideo & { version: string; sprites: unknown[]; images: Record<string, string>; audios: unknown[] };

const catalog = (await (await fetch('/gifts/catalog.json')).json()) as Gift[];
/** The project's SVGA 1.x fixture (test/fixtures/svga-1x.ts makes it). */
const SVGA_1X = '/test/fixtures/svga-1x.svga';
const animated = catalog.filter(
  (gift): gift is Gift & { animationUrl: string } => typeof gift.animationUrl === 'string',
);

/** svgaplayerweb's own parse of `url`, on the main thread (the reference). */
async function referenceParse(url: string): Promise<Entity> {
  const SVGA = await loadSvgaModule();
  return new Promise<Entity>((resolve, reject) => new SVGA.Parser().load(url, (v) => resolve(v as Entity), reject));
}

/**
 * What the renderer can read of a parsed movie, as plain data. Inherited enumerable properties count (protobufjs
 * keeps proto3 defaults on message prototypes); functions and protobufjs's `$type` do not. A shape's `args` oneof
 * is left out on both sides because FrameEntity copies it into `pathArgs`, which is compared.
 */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'function' || key === '$type' || key === 'args') continue;
    out[key] = plain(field);
  }
  return out;
}

function opaquePixels(data: Uint8ClampedArray): number {
  let count = 0;
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 16) count += 1;
  return count;
}

/** A canvas on the page, `scale` times the size of a phone screen (the player fits the movie into it). */
function canvas(scale = 1): HTMLCanvasElement {
  const el = document.createElement('canvas');
  el.width = 375 * scale;
  el.height = 667 * scale;
  el.style.cssText = `width: ${el.width}px; height: ${el.height}px; display: block;`;
  document.body.append(el);
  return el;
}

function pixels(el: HTMLCanvasElement): Uint8ClampedArray {
  return el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
}

/** Averages `factor`×`factor` blocks of RGBA pixels. */
function boxDownsample(data: Uint8ClampedArray, width: number, factor: number): Float64Array {
  const outWidth = width / factor;
  const out = new Float64Array(data.length / (factor * factor));
  for (let i = 0; i < data.length; i += 4) {
    const x = (i / 4) % width;
    const y = Math.floor(i / 4 / width);
    const o = (Math.floor(y / factor) * outWidth + Math.floor(x / factor)) * 4;
    for (let k = 0; k < 4; k++) out[o + k]! += (data[i + k] ?? 0) / (factor * factor);
  }
  return out;
}

/** Mean absolute difference per channel. */
function meanError(data: Uint8ClampedArray, truth: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += Math.abs((data[i] ?? 0) - (truth[i] ?? 0));
  return sum / data.length;
}

/** A blob: URL serving `bytes` (fetch gives it a content length, like a server would). */
function served(bytes: Uint8Array): string {
  return URL.createObjectURL(new Blob([bytes as BlobPart]));
}

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/** Replaces the page's Worker constructor until `restore()`; the loader creates its worker lazily from it. */
function fakeWorker(create: () => Worker): { restore: () => void } {
  const real = window.Worker;
  stopSvgaWorker();
  window.Worker = function FakeWorker() {
    return create();
  } as unknown as typeof Worker;
  return {
    restore: () => {
      window.Worker = real;
      stopSvgaWorker();
    },
  };
}

/** A worker that answers "unsupported" for every file (a browser missing an API the decoder needs). */
function answersUnsupported(): Worker {
  const target = new EventTarget() as Worker;
  target.postMessage = (message: { id: number }) =>
    setTimeout(() =>
      target.dispatchEvent(new MessageEvent('message', { data: { id: message.id, error: 'no', unsupported: true } })),
    );
  target.terminate = () => undefined;
  return target;
}

describe('SVGA loading in a worker', () => {
  beforeEach(() => clearSvgaCache());
  afterEach(() => clearSvgaCache());

  for (const gift of animated) {
    it(`${gift.giftId}: the worker's movie equals svgaplayerweb's own parse, and its bitmaps its PNGs`, async function () {
      this.timeout(60_000);
      const url = gift.animationUrl;
      const [ours, reference] = await Promise.all([loadSvga(url) as Promise<Entity>, referenceParse(url)]);
      expect(Object.getPrototypeOf(ours), 'a real svgaplayerweb VideoEntity').to.equal(
        Object.getPrototypeOf(reference),
      );
      expect(ours.videoSize).to.deep.equal(reference.videoSize);
      expect(ours.FPS).to.equal(reference.FPS);
      expect(ours.frames).to.equal(reference.frames);
      expect(ours.version).to.equal(reference.version);
      expect(plain(ours.audios)).to.deep.equal(plain(reference.audios));
      expect(ours.sprites.length).to.equal(reference.sprites.length);
      for (const [i, sprite] of reference.sprites.entries()) {
        // imageKey, matteKey and every frame's alpha, layout, transform, nx/ny, maskPath and shapes.
        expect(plain(ours.sprites[i]), `sprite ${i}`).to.deep.equal(plain(sprite));
      }
      // Made by svgaplayerweb's own SpriteEntity and FrameEntity classes, too.
      const prototypes = (movie: Entity) => {
        const sprite = movie.sprites[0] as { frames: unknown[] };
        return [Object.getPrototypeOf(sprite), Object.getPrototypeOf(sprite.frames[0])];
      };
      const [ourSprite, ourFrame] = prototypes(ours);
      const [referenceSprite, referenceFrame] = prototypes(reference);
      expect(ourSprite).to.equal(referenceSprite);
      expect(ourFrame).to.equal(referenceFrame);

      // The worker path carries no base64 images (the renderer's prepare() is instant), only bitmaps.
      expect(ours.images).to.deep.equal({});
      const bitmaps = svgaBitmaps(ours)!;
      expect([...bitmaps.keys()].sort()).to.deep.equal(Object.keys(reference.images).sort());
      for (const [key, base64] of Object.entries(reference.images)) {
        const img = new Image();
        img.src = `data:image/png;base64,${base64}`;
        await img.decode();
        const bitmap = bitmaps.get(key)!;
        expect([bitmap.width, bitmap.height], key).to.deep.equal([img.naturalWidth, img.naturalHeight]);
      }
    });
  }

  // Not pixel-identical: Chrome samples a shrunken ImageBitmap bilinearly, a shrunken <img> from a reduced copy,
  // which moves edge pixels of small particles. So both renderings are held against a 4× supersampled rendering
  // of the reference (the same picture without sampling error): the worker's must be at least as close to it.
  it('draws what svgaplayerweb draws with its own parse, as faithfully, frame for frame', async function () {
    this.timeout(30_000);
    const SVGA = await loadSvgaModule();
    for (const gift of animated) {
      const [ours, reference] = await Promise.all([loadSvga(gift.animationUrl), referenceParse(gift.animationUrl)]);
      const ourCanvas = canvas();
      const referenceCanvas = canvas();
      const supersampled = canvas(4);
      try {
        const ourPlayer = new SVGA.Player(ourCanvas);
        type Prepared = SvgaPlayer & { _renderer: { _prepared: boolean } };
        const referencePlayer = new SVGA.Player(referenceCanvas) as Prepared;
        const supersampledPlayer = new SVGA.Player(supersampled) as Prepared;
        showSvga(ourPlayer, ours);
        referencePlayer.setVideoItem(reference);
        supersampledPlayer.setVideoItem(reference);
        // The reference renderer loads its <img> tags first; ours has nothing to wait for.
        await until(() => referencePlayer._renderer._prepared && supersampledPlayer._renderer._prepared);
        for (const frame of [
          Math.floor(ours.frames / 4),
          Math.floor(ours.frames / 2),
          Math.floor((ours.frames * 3) / 4),
        ]) {
          for (const player of [ourPlayer, referencePlayer, supersampledPlayer]) player.stepToFrame(frame);
          const truth = boxDownsample(pixels(supersampled), supersampled.width, 4);
          const ourPixels = pixels(ourCanvas);
          const at = `${gift.giftId} frame ${frame}`;
          expect(opaquePixels(ourPixels), `${at}: something drawn`).to.be.greaterThan(1_000);
          const referenceError = meanError(pixels(referenceCanvas), truth);
          expect(meanError(ourPixels, truth), `${at}: error against the supersampled picture`).to.be.at.most(
            referenceError * 1.1,
          );
        }
      } finally {
        ourCanvas.remove();
        referenceCanvas.remove();
        supersampled.remove();
      }
    }
  });

  it('a player showing a main-thread movie after a worker movie draws no leftover bitmap', async function () {
    this.timeout(60_000);
    const SVGA = await loadSvgaModule();
    const el = canvas();
    try {
      const player = new SVGA.Player(el) as SvgaPlayer & { _dynamicImage: Record<string, unknown> };
      showSvga(player, await loadSvga(animated[0]!.animationUrl));
      expect(Object.keys(player._dynamicImage).length).to.be.greaterThan(0);
      showSvga(player, await referenceParse(animated[1]!.animationUrl));
      expect(player._dynamicImage).to.deep.equal({});
    } finally {
      el.remove();
    }
  });

  for (const [what, make] of [
    ['garbage bytes', async () => new TextEncoder().encode('garbage, not zlib and not protobuf '.repeat(20))],
    ['a truncated file', async () => (await bytesOf(animated[0]!.animationUrl)).subarray(0, 3_000)],
    [
      'zlib data that is not a MovieEntity',
      async () => {
        const stream = new Blob([new Uint8Array(64).fill(0xff)]).stream().pipeThrough(new CompressionStream('deflate'));
        return new Uint8Array(await new Response(stream).arrayBuffer());
      },
    ],
  ] as const) {
    it(`rejects ${what}`, async () => {
      const url = served(await make());
      try {
        let error: unknown;
        await loadSvga(url).catch((e: unknown) => (error = e));
        expect(error, 'rejected').to.be.instanceOf(Error);
      } finally {
        URL.revokeObjectURL(url);
      }
    });
  }

  it('plays a file with bytes after its zlib stream (pako reads it, DecompressionStream does not: the parser decides)', async () => {
    const bytes = await bytesOf(animated[0]!.animationUrl);
    const url = served(Uint8Array.from([...bytes, 0, 0, 0, 0, 0, 0, 0, 0]));
    try {
      const video = (await loadSvga(url)) as Entity;
      const reference = await referenceParse(animated[0]!.animationUrl);
      expect(video.frames).to.equal(reference.frames);
      expect(video.sprites.length).to.equal(reference.sprites.length);
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('reads an SVGA 1.x zip in the worker into a real VideoEntity with bitmaps; a broken zip never reaches svgaplayerweb', async function () {
    this.timeout(60_000);
    const parserCalls: string[] = [];
    const SVGA = await loadSvgaModule();
    const reference = await referenceParse(animated[0]!.animationUrl);
    const load = SVGA.Parser.prototype.load;
    SVGA.Parser.prototype.load = function (this: unknown, url: string, ...rest: unknown[]) {
      parserCalls.push(url.slice(0, 5));
      return (load as (...args: unknown[]) => void).call(this, url, ...rest);
    } as typeof load;
    const zip = served(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0));
    try {
      const started = performance.now();
      const video = (await loadSvga(SVGA_1X)) as Entity;
      const decodeMs = performance.now() - started;
      console.log(
        `SVGA 1.x fixture: fetched, unzipped and decoded in the worker, movie built in ${decodeMs.toFixed(0)} ms`,
      );
      expect(Object.getPrototypeOf(video), 'a real svgaplayerweb VideoEntity').to.equal(
        Object.getPrototypeOf(reference),
      );
      expect([video.version, video.frames, video.FPS, video.videoSize]).to.deep.equal([
        '1.0',
        24,
        24,
        { width: 300, height: 300 },
      ]);
      expect(video.sprites.length).to.equal(3);
      expect([...svgaBitmaps(video)!.keys()].sort()).to.deep.equal(['ball', 'glow']);

      let error: unknown;
      await loadSvga(zip).catch((e: unknown) => (error = e));
      expect(error, 'rejected').to.be.instanceOf(Error);
      expect(parserCalls, "svgaplayerweb's parser is not asked to read zips").not.to.include('blob:');
    } finally {
      SVGA.Parser.prototype.load = load;
      URL.revokeObjectURL(zip);
    }
  });

  it('decodes an SVGA 1.x zip on the main thread with the same decoder when no worker can run', async function () {
    this.timeout(60_000);
    const fake = fakeWorker(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    try {
      const video = (await loadSvga(SVGA_1X)) as Entity;
      expect(video.frames).to.equal(24);
      expect([...svgaBitmaps(video)!.keys()].sort()).to.deep.equal(['ball', 'glow']);
    } finally {
      fake.restore();
    }
  });

  it('falls back to svgaplayerweb on the main thread when the worker answers "unsupported"', async function () {
    this.timeout(60_000);
    // A worker that answers "unsupported" for a 2.0 file: the main-thread parse plays it, with base64 images.
    const fake = fakeWorker(answersUnsupported);
    try {
      const video = (await loadSvga(animated[0]!.animationUrl)) as Entity;
      expect(svgaBitmaps(video)).to.equal(undefined);
      expect(Object.keys(video.images).length).to.be.greaterThan(0);
    } finally {
      fake.restore();
    }
  });

  for (const [what, create] of [
    [
      'cannot be constructed (a CSP without worker-src)',
      (): Worker => {
        throw new DOMException('blocked', 'SecurityError');
      },
    ],
    [
      'fails to load its script',
      (): Worker => {
        const target = new EventTarget() as Worker;
        target.postMessage = () => setTimeout(() => target.dispatchEvent(new Event('error')));
        target.terminate = () => undefined;
        return target;
      },
    ],
    [
      'never answers (hung)',
      (): Worker => {
        const target = new EventTarget() as Worker;
        target.postMessage = () => undefined;
        target.terminate = () => undefined;
        return target;
      },
    ],
  ] as const) {
    it(`falls back to the main thread when the worker ${what}, and keeps doing so`, async function () {
      this.timeout(60_000);
      const limit = svgaWorkerLimits.replyTimeoutMs;
      svgaWorkerLimits.replyTimeoutMs = 300;
      let created = 0;
      const fake = fakeWorker(() => {
        created += 1;
        return create();
      });
      try {
        // Decoded by the kit on the main thread (bitmaps), not handed to svgaplayerweb's parser, which a page's
        // CSP without 'unsafe-eval' refuses.
        const first = await loadSvga(animated[0]!.animationUrl);
        expect(svgaBitmaps(first), 'the kit decoded it here').to.exist;
        const second = await loadSvga(animated[1]!.animationUrl);
        expect(svgaBitmaps(second), 'the kit decoded it here').to.exist;
        expect(created, 'no second attempt').to.equal(1);
      } finally {
        fake.restore();
        svgaWorkerLimits.replyTimeoutMs = limit;
      }
    });
  }

  it('starts a new worker after it was stopped', async function () {
    this.timeout(60_000);
    stopSvgaWorker();
    const video = await loadSvga(animated[0]!.animationUrl);
    expect(svgaBitmaps(video)).to.exist;
    stopSvgaWorker();
    clearSvgaCache();
    const again = await loadSvga(animated[0]!.animationUrl);
    expect(svgaBitmaps(again)).to.exist;
  });

  describe('an effect whose file keys its images and sprites with JavaScript property names plays like any other', () => {
    const IMAGES = '/test/fixtures/svga-prototype-images.svga';
    const SHAPES = '/test/fixtures/svga-prototype-shapes.svga';

    /** `video` at `frame`, drawn 1:1 into a canvas of the view box's size by a fresh svgaplayerweb player. */
    async function drawn(video: SvgaVideo, frame: number): Promise<Uint8ClampedArray> {
      const SVGA = await loadSvgaModule();
      // The view box's size, in CSS and canvas pixels: the player fits the movie into it 1:1.
      const el = document.createElement('canvas');
      el.width = VIEW;
      el.height = VIEW;
      el.style.cssText = `width: ${VIEW}px; height: ${VIEW}px; display: block;`;
      document.body.append(el);
      try {
        const player = new SVGA.Player(el);
        showSvga(player, video);
        player.stepToFrame(frame);
        return pixels(el);
      } finally {
        el.remove();
      }
    }

    /** Each key's picture in its colour at its place, and not one opaque pixel anywhere else. */
    function expectPlaces(data: Uint8ClampedArray, what: string): void {
      const inBox = (x: number, y: number) =>
        PLACES.some(({ box: [bx, by, size] }) => x >= bx - 1 && x <= bx + size && y >= by - 1 && y <= by + size);
      for (const { key, color, box } of PLACES) {
        const [x, y, size] = box;
        const at = ((y + size / 2) * VIEW + x + size / 2) * 4;
        const n = parseInt(color.slice(1), 16);
        expect([...data.subarray(at, at + 4)], `${what}: ${key}'s picture`).to.deep.equal([
          n >> 16,
          (n >> 8) & 255,
          n & 255,
          255,
        ]);
      }
      let stray = 0;
      for (let i = 3; i < data.length; i += 4) {
        const p = (i - 3) / 4;
        if ((data[i] ?? 0) > 16 && !inBox(p % VIEW, Math.floor(p / VIEW))) stray += 1;
      }
      // A sprite keyed like an Object.prototype member with no image of its own found the inherited function as its
      // "dynamic text" and drew the word "undefined" there.
      expect(stray, `${what}: opaque pixels where no picture is`).to.equal(0);
    }

    it('draws an image under each key (__proto__, constructor, toString, …) in its place, and nothing for keys with no image', async function () {
      this.timeout(60_000);
      const video = await loadSvga(IMAGES);
      expect([...svgaBitmaps(video)!.keys()].sort(), 'one bitmap per image key').to.deep.equal(
        [...PROPERTY_KEYS].sort(),
      );
      for (const key of ABSENT_PROPERTY_KEYS) expect(svgaBitmaps(video)!.has(key), key).to.equal(false);
      for (const frame of [0, 5, 9]) expectPlaces(await drawn(video, frame), `frame ${frame}`);
    });

    it('draws shape-only sprites keyed like that, with no image under their keys', async function () {
      this.timeout(60_000);
      const video = await loadSvga(SHAPES);
      expect([...svgaBitmaps(video)!.keys()]).to.deep.equal([]);
      // `__proto__` among them: the renderer's bitmap cache gave it Object.prototype to draw, and drawImage threw.
      for (const frame of [0, 9]) expectPlaces(await drawn(video, frame), `frame ${frame}`);
    });

    // Only the shapes: svgaplayerweb's own parser fails on a file with an image keyed `hasOwnProperty` (it calls
    // `images.hasOwnProperty(…)` on protobufjs's map), so there such an effect is refused and shows as a banner.
    it("draws those sprites the same from svgaplayerweb's own parse on the main thread (a worker that cannot read it)", async function () {
      this.timeout(60_000);
      // A worker that answers "unsupported" (a missing API): the kit's decoder would say the same, so the file goes
      // to svgaplayerweb's parser. (With no worker at all the kit decodes it on the main thread.)
      const fake = fakeWorker(answersUnsupported);
      try {
        const video = await loadSvga(SHAPES);
        expect(svgaBitmaps(video), "svgaplayerweb's own parse").to.equal(undefined);
        for (const frame of [0, 9]) expectPlaces(await drawn(video, frame), `main thread, frame ${frame}`);
      } finally {
        fake.restore();
      }
    });

    /**
     * The project's 1.x fixture with its two images and its vector sprite renamed to `keys`: the same movie, so it
     * must draw exactly the same pixels.
     */
    async function renamed1x(keys: readonly [string, string, string]): Promise<string> {
      const files = unzipSync(await bytesOf(SVGA_1X));
      const spec = JSON.parse(strFromU8(files['movie.spec']!)) as {
        images: Record<string, string>;
        sprites: { imageKey: string }[];
      };
      const names = new Map([
        ['ball', keys[0]],
        ['glow', keys[1]],
        ['dot.vector', keys[2]],
      ]);
      spec.images = Object.fromEntries(Object.entries(spec.images).map(([key, file]) => [names.get(key)!, file]));
      for (const sprite of spec.sprites) sprite.imageKey = names.get(sprite.imageKey)!;
      files['movie.spec'] = strToU8(JSON.stringify(spec));
      return served(zipSync(files));
    }

    for (const [where, worker] of [
      ['in the worker', true],
      ['on the main thread', false],
    ] as const) {
      it(`reads a 1.x zip whose images and sprites are keyed so, ${where}, and draws what the original draws`, async function () {
        this.timeout(120_000);
        const fake = worker
          ? undefined
          : fakeWorker(() => {
              throw new DOMException('blocked', 'SecurityError');
            });
        try {
          const original = await loadSvga(SVGA_1X);
          const reference = await Promise.all([0, 12, 23].map((frame) => drawn(original, frame)));
          expect(opaquePixels(reference[1]!), 'the original draws something').to.be.greaterThan(1_000);
          // Every key as an image, as the other image and as the vector sprite's key.
          for (const [i, key] of PROPERTY_KEYS.entries()) {
            const keys = [key, PROPERTY_KEYS[(i + 1) % 7]!, PROPERTY_KEYS[(i + 2) % 7]!] as const;
            const url = await renamed1x(keys);
            try {
              const video = await loadSvga(url);
              expect([...svgaBitmaps(video)!.keys()].sort(), keys.join()).to.deep.equal([keys[0], keys[1]].sort());
              for (const [f, frame] of [0, 12, 23].entries()) {
                const ours = await drawn(video, frame);
                let differing = 0;
                for (let p = 0; p < ours.length; p++) if (ours[p] !== reference[f]![p]) differing += 1;
                expect(differing, `${keys.join()}: frame ${frame}, bytes unlike the original's`).to.equal(0);
              }
            } finally {
              URL.revokeObjectURL(url);
            }
          }
        } finally {
          fake?.restore();
        }
      });
    }
  });
});
