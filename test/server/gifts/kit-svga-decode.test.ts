// The gift player's worker decoder (components/gift-player/svga-decode.ts) reads what the server's SVGA encoder
// writes, into the spec svgaplayerweb's VideoEntity takes, with protobufjs's proto3 defaults (what the player's
// own parser would hand its VideoEntity). Equality with svgaplayerweb's real parse of the catalog files is checked
// in the browser (test/components/gift-player-worker.test.ts); this covers the whole schema, 1.x archives and what
// the player refuses. The protobuf reader underneath, shared with the server, has its own test
// (test/src/svga/movie-entity.test.ts): damaged protobuf data is tested there, once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import {
  type SvgaFrame,
  SvgaFormatError,
  type SvgaShape,
  type SvgaSpec,
  SvgaUnsupportedError,
  decodeSvga,
} from '../../../components/gift-player/svga-decode.js';
import { packSvga, unpackFrame } from '../../../components/gift-player/svga-pack.js';
import { Raster, circle, hex } from '../../../server/gifts/png.js';
import { type MovieEntity, ShapeType, encodeMovie, encodeSvga } from '../../../server/gifts/svga.js';
import { SVGA_1X_FIXTURE, svga1xFile, svga1xImages, svga1xSpec, zipSvga1x } from '../../fixtures/svga-1x.js';
import { SVGA_AUDIO_FIXTURE, svgaAudioMovie } from '../../fixtures/svga-audio.js';
import {
  SVGA_PROTOTYPE_IMAGES_FIXTURE,
  SVGA_PROTOTYPE_SHAPES_FIXTURE,
  SVGA_PROTOTYPE_SOUNDS_FIXTURE,
  svgaPrototypeImagesMovie,
  svgaPrototypeShapesMovie,
  svgaPrototypeSoundsMovie,
} from '../../fixtures/svga-prototype-keys.js';
import { ABSENT_PROPERTY_KEYS, PROPERTY_KEYS } from '../../property-keys.js';
import { kitchenSinkMovie } from './kitchen-sink.js';

const mask = new Raster(4, 4).fill(circle(2, 2, 2), hex('#ffffff')).toPng();

/**
 * The shared kitchen sink, plus the matte sprite its first sprite refers to, a shape without a path and int32
 * extremes (negative ones are ten-byte varints).
 */
function kitchenSink(): MovieEntity {
  const movie = kitchenSinkMovie();
  movie.images['mask'] = mask;
  const matteFrames = [{ alpha: 1, layout: { x: 0, y: 0, width: 4, height: 4 } }, { alpha: 0 }, { alpha: 0 }];
  movie.sprites.splice(1, 0, { imageKey: 'mask.matte', frames: matteFrames });
  movie.sprites[2]!.frames[0]!.shapes!.push({ type: ShapeType.SHAPE, styles: {} });
  movie.audios = [{ audioKey: 'snd', startFrame: -1, endFrame: -2147483648, startTime: 2147483647, totalTime: 1000 }];
  return movie;
}

// protobufjs's proto3 defaults: 0 and "" for scalars, null for an absent sub-message, [] for repeated fields.
const frame = (f: Partial<SvgaFrame>): SvgaFrame => ({
  alpha: 0,
  layout: null,
  transform: null,
  clipPath: '',
  shapes: [],
  ...f,
});
const shape = (s: Partial<SvgaShape>): SvgaShape => ({
  type: 0,
  shape: null,
  rect: null,
  ellipse: null,
  styles: null,
  transform: null,
  ...s,
});
const style = {
  fill: null,
  stroke: null,
  strokeWidth: 0,
  lineCap: 0,
  lineJoin: 0,
  miterLimit: 0,
  lineDashI: 0,
  lineDashII: 0,
  lineDashIII: 0,
};
const identity = { a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0 };

const expectedSpec: SvgaSpec = {
  ver: '2.0',
  movie: { viewBox: { width: 750, height: 1334 }, fps: 30, frames: 3 },
  sprites: [
    {
      imageKey: 'dot',
      matteKey: 'mask.matte',
      frames: [
        frame({}),
        frame({
          alpha: 0.5,
          layout: { x: 0, y: 0, width: 8, height: 6 },
          transform: { a: 1.5, b: -0.25, c: 0.25, d: 1.5, tx: -12.5, ty: 640.75 },
          clipPath: 'M0 0 L8 0 L8 6 Z',
        }),
        frame({ alpha: 1, layout: { x: 1, y: 2, width: 8, height: 6 }, transform: identity }),
      ],
    },
    {
      imageKey: 'mask.matte',
      matteKey: '',
      frames: [frame({ alpha: 1, layout: { x: 0, y: 0, width: 4, height: 4 } }), frame({}), frame({})],
    },
    {
      imageKey: '',
      matteKey: '',
      frames: [
        frame({
          alpha: 1,
          shapes: [
            shape({
              shape: { d: 'M0 0 C1 2 3 4 5 6 Z' },
              styles: { ...style, fill: { r: 1, g: 0.5, b: 0.25, a: 1 }, strokeWidth: 2, lineCap: 1, lineJoin: 2 },
              args: 'shape',
            }),
            shape({
              type: 1,
              rect: { x: 1, y: 2, width: 3, height: 4, cornerRadius: 0.5 },
              transform: { a: 2, b: 0, c: 0, d: 2, tx: 1, ty: 1 },
              args: 'rect',
            }),
            shape({
              type: 2,
              ellipse: { x: 5, y: 6, radiusX: 7, radiusY: 8 },
              styles: {
                ...style,
                stroke: { r: 0, g: 0, b: 1, a: 0.5 },
                miterLimit: 4,
                lineDashI: 1,
                lineDashII: 2,
                lineDashIII: 3,
              },
              args: 'ellipse',
            }),
            // A shape with no path: its oneof is unset, so no `args`.
            shape({ styles: style }),
          ],
        }),
        frame({ alpha: 1, shapes: [shape({ type: 3 })] }),
        frame({}),
      ],
    },
  ],
  audios: [{ audioKey: 'snd', startFrame: -1, endFrame: -2147483648, startTime: 2147483647, totalTime: 1000 }],
};

const zlib = (bytes: Uint8Array | number[]) => new Uint8Array(deflateSync(Uint8Array.from(bytes)));
/** A movie's images as the decoder gives them: a Map by the file's keys. */
const imageMap = (images: Record<string, Uint8Array>) => new Map(Object.entries(images));

describe("the gift player's SVGA decoder (worker side)", () => {
  it('reads every field of the schema with protobufjs defaults, and the images as stored', async () => {
    const movie = kitchenSink();
    const { spec, images } = await decodeSvga(encodeSvga(movie));
    assert.deepEqual(spec, expectedSpec);
    assert.deepEqual(images, imageMap(movie.images));
  });

  it('packs the frames for the main thread and unpacks them as FrameEntity reads them', () => {
    const packed = packSvga(structuredClone(expectedSpec));
    assert.deepEqual(
      packed.sprites.map((s) => [s.imageKey, s.matteKey, s.frames]),
      expectedSpec.sprites.map((s) => [s.imageKey, s.matteKey, s.frames.length]),
    );
    assert.deepEqual(packed.movie, expectedSpec.movie);
    assert.deepEqual(packed.audios, expectedSpec.audios);
    const frames = expectedSpec.sprites.flatMap((s) => s.frames);
    assert.deepEqual(
      packed.extras.map((e) => e.index),
      [1, 6, 7],
      'only frames with a clip path or shapes travel as objects',
    );
    const scratch = frame({});
    for (const [index, original] of frames.entries()) {
      const extra = packed.extras.find((e) => e.index === index);
      // An absent layout or transform comes back as zeros, which FrameEntity reads as it reads null
      // (`x || 0`; `a || 1`, `d || 1`).
      const unpacked = structuredClone(unpackFrame(packed, index, extra, scratch));
      assert.deepEqual(
        unpacked,
        {
          ...original,
          layout: original.layout ?? { x: 0, y: 0, width: 0, height: 0 },
          transform: original.transform ?? { a: 0, b: 0, c: 0, d: 0, tx: 0, ty: 0 },
        },
        `frame ${index}`,
      );
    }
  });

  it('reads an SVGA 1.x zip: movie.spec as the spec VideoEntity takes, images by key from <name>.png', async () => {
    const committed = new Uint8Array(readFileSync(SVGA_1X_FIXTURE));
    assert.deepEqual(committed, svga1xFile(), 'test/fixtures/svga-1x.svga is what test/fixtures/svga-1x.ts makes');
    const { spec, images } = await decodeSvga(committed);
    const source = svga1xSpec() as { sprites: { imageKey: string; frames: Record<string, unknown>[] }[] };
    assert.equal(spec.ver, '1.0');
    assert.deepEqual(spec.movie, { viewBox: { width: 300, height: 300 }, fps: 24, frames: 24 });
    assert.deepEqual(spec.audios, []);
    assert.deepEqual(
      spec.sprites.map((s) => [s.imageKey, s.matteKey, s.frames.length]),
      [
        ['glow', '', 24],
        ['ball', '', 24],
        ['dot.vector', '', 24],
      ],
    );
    // Frames as FrameEntity reads them: absent parts null/""/[], 1.x shapes passed through as they are.
    assert.deepEqual(spec.sprites[1]!.frames[23], frame({ ...source.sprites[1]!.frames[23] }));
    assert.deepEqual(
      spec.sprites[2]!.frames[0],
      frame({
        alpha: 1,
        transform: { a: 1, b: 0, c: 0, d: 1, tx: 150, ty: 40 },
        shapes: source.sprites[2]!.frames[0]!['shapes'] as SvgaShape[],
      }),
    );
    const pngs = svga1xImages();
    assert.deepEqual(
      images,
      new Map([
        ['ball', pngs['ball.png']],
        ['glow', pngs['img_glow.png']],
      ]),
    );
  });

  it('reads the sound fixture: its audio track and the beep among the images (test/fixtures/svga-audio.ts)', async () => {
    const movie = svgaAudioMovie();
    const { spec, images } = await decodeSvga(new Uint8Array(readFileSync(SVGA_AUDIO_FIXTURE)));
    assert.deepEqual(spec.audios, movie.audios);
    assert.deepEqual(images, imageMap(movie.images));
    assert.equal(spec.sprites[0]!.frames.length, 30);
  });

  it('reads 1.x numbers written as strings, an image stored with its extension, and marks movie.binary zips 1.5', async () => {
    const spec = svga1xSpec() as { movie: Record<string, unknown>; images: Record<string, string> };
    spec.movie = { viewBox: { width: '300', height: '300' }, fps: '24', frames: '24' };
    spec.images = { ball: 'ball.png', glow: 'img_glow' };
    const file = zipSvga1x({
      'movie.spec': new TextEncoder().encode(JSON.stringify(spec)),
      'movie.binary': new Uint8Array(1),
      ...svga1xImages(),
    });
    const decoded = await decodeSvga(file);
    assert.equal(decoded.spec.ver, '1.5');
    assert.deepEqual(decoded.spec.movie, { viewBox: { width: 300, height: 300 }, fps: 24, frames: 24 });
    assert.deepEqual([...decoded.images.keys()].sort(), ['ball', 'glow']);
  });

  describe('keys that are JavaScript property names are keys like any other', () => {
    it('the committed fixtures are what test/fixtures/svga-prototype-keys.ts makes, and read back whole', async () => {
      for (const [file, movie, keys] of [
        [SVGA_PROTOTYPE_IMAGES_FIXTURE, svgaPrototypeImagesMovie(), PROPERTY_KEYS],
        [SVGA_PROTOTYPE_SHAPES_FIXTURE, svgaPrototypeShapesMovie(), []],
        [SVGA_PROTOTYPE_SOUNDS_FIXTURE, svgaPrototypeSoundsMovie(), PROPERTY_KEYS],
      ] as const) {
        const committed = new Uint8Array(readFileSync(file));
        assert.deepEqual(committed, encodeSvga(movie), `${file} is what the fixture script makes`);
        const { spec, images } = await decodeSvga(committed);
        // Every key is an image, none is missing or made up (a plain object lost `__proto__`, and found
        // Object.prototype's members under the absent keys).
        assert.deepEqual([...images.keys()].sort(), [...keys].sort(), file);
        for (const key of keys) assert.deepEqual(images.get(key), movie.images[key], `${file}: ${key}`);
        for (const key of ABSENT_PROPERTY_KEYS) assert.equal(images.has(key), false, `${file}: no ${key}`);
        assert.deepEqual(
          spec.sprites.map((sprite) => sprite.imageKey),
          movie.sprites.map((sprite) => sprite.imageKey),
        );
        assert.deepEqual(spec.audios, movie.audios);
      }
    });

    for (const key of PROPERTY_KEYS) {
      it(`a 1.x archive: an image keyed ${key} in a file named ${key}.png is read`, async () => {
        const spec = svga1xSpec() as { images: Record<string, string>; sprites: { imageKey: string }[] };
        spec.images = Object.fromEntries([
          [key, key],
          ['glow', 'img_glow'],
        ]);
        spec.sprites[1]!.imageKey = key;
        const pngs = svga1xImages();
        const file = zipSvga1x({
          'movie.spec': new TextEncoder().encode(JSON.stringify(spec)),
          [`${key}.png`]: pngs['ball.png']!,
          'img_glow.png': pngs['img_glow.png']!,
        });
        const { images, spec: read } = await decodeSvga(file);
        assert.deepEqual([...images.keys()].sort(), [key, 'glow'].sort());
        assert.deepEqual(images.get(key), pngs['ball.png']);
        assert.equal(read.sprites[1]!.imageKey, key);
      });

      it(`a 1.x archive naming an image file ${key} it does not hold is refused, not read from Object.prototype`, async () => {
        const spec = svga1xSpec() as { images: Record<string, string> };
        spec.images = Object.fromEntries([
          ['ball', key],
          ['glow', 'img_glow'],
        ]);
        const file = zipSvga1x({
          'movie.spec': new TextEncoder().encode(JSON.stringify(spec)),
          'img_glow.png': svga1xImages()['img_glow.png']!,
        });
        await assert.rejects(decodeSvga(file), {
          name: 'SvgaFormatError',
          message: `image ball: ${key}.png is not in the archive`,
        });
      });
    }
  });

  it('refuses broken 1.x files with a format error', async () => {
    const good = svga1xSpec();
    const json = (spec: unknown) => new TextEncoder().encode(JSON.stringify(spec));
    const cases: [string, Uint8Array][] = [
      ['a zip header and nothing else', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0)],
      ['a truncated archive', svga1xFile().subarray(0, 600)],
      ['no movie.spec', zipSvga1x(svga1xImages())],
      [
        'movie.spec that is not JSON',
        zipSvga1x({ 'movie.spec': new TextEncoder().encode('{"movie": '), ...svga1xImages() }),
      ],
      ['no movie', zipSvga1x({ 'movie.spec': json({ ...good, movie: undefined }), ...svga1xImages() })],
      [
        'zero frames',
        zipSvga1x({
          'movie.spec': json({ ...good, movie: { viewBox: { width: 300, height: 300 }, fps: 24, frames: 0 } }),
          ...svga1xImages(),
        }),
      ],
      ['no size', zipSvga1x({ 'movie.spec': json({ ...good, movie: { fps: 24, frames: 24 } }), ...svga1xImages() })],
      ['no sprites', zipSvga1x({ 'movie.spec': json({ ...good, sprites: [] }), ...svga1xImages() })],
      [
        'an image missing from the archive',
        zipSvga1x({ 'movie.spec': json(good), 'ball.png': svga1xImages()['ball.png']! }),
      ],
    ];
    for (const [what, bytes] of cases) await assert.rejects(decodeSvga(bytes), SvgaFormatError, what);
  });

  it('refuses damaged movies with a format error; leaves what does not inflate to the reference parser', async () => {
    const file = encodeSvga(kitchenSink());
    const movie0 = kitchenSink();
    const movie = encodeMovie(movie0);
    // What does not inflate goes to svgaplayerweb's own parser for the verdict (pako tolerates a tail DecompressionStream refuses).
    for (const [what, bytes] of [
      ['not zlib', new TextEncoder().encode('<html>not found</html>')],
      ['a truncated file', file.subarray(0, file.length - 40)],
    ] as const)
      await assert.rejects(decodeSvga(bytes), SvgaUnsupportedError, what);
    // Damaged protobuf data of every kind is the reader's test (test/src/svga/movie-entity.test.ts); here, that
    // its error reaches the player as the format error it is, and what the player refuses on top of the reader.
    const cases: [string, Uint8Array][] = [
      ['a truncated message', zlib(movie.subarray(0, 40))],
      ['a movie without params', zlib([])],
      ['a movie without sprites', zlib(encodeMovie({ ...kitchenSink(), sprites: [] }))],
      ['a movie without frames', zlib(encodeMovie({ ...kitchenSink(), params: { ...movie0.params, frames: 0 } }))],
    ];
    for (const [what, bytes] of cases) await assert.rejects(decodeSvga(bytes), SvgaFormatError, what);
  });
});
