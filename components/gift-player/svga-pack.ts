// The worker's answer in a compact form for the trip to the main thread (svga-worker.ts packs, svga-loader.ts
// unpacks). Structured-cloning the spec's objects, several per frame, cost the main thread as much as building the
// movie from them (30–70 ms for one catalog effect at 4× CPU slowdown, in one task). Frames travel instead as
// numbers in one transferred Float32Array (the file's values are float32, so nothing is rounded), and only the
// rare frames with a clip path or shapes as objects.
import type { SvgaAudio, SvgaFrame, SvgaSpec } from './svga-decode.js';

/** Numbers per frame in `PackedSvga.numbers`: alpha, layout x y width height, transform a b c d tx ty. */
const FRAME_NUMBERS = 11;

export interface PackedSvga {
  ver: SvgaSpec['ver'];
  movie: SvgaSpec['movie'];
  audios: SvgaAudio[];
  sprites: { imageKey: string; matteKey: string; frames: number }[];
  /** `FRAME_NUMBERS` per frame, sprite after sprite. */
  numbers: Float32Array;
  /** Frames with a clip path or shapes, by their index among all frames. */
  extras: { index: number; clipPath: string; shapes: SvgaFrame['shapes'] }[];
}

export function packSvga(spec: SvgaSpec): PackedSvga {
  const count = spec.sprites.reduce((sum, sprite) => sum + sprite.frames.length, 0);
  const numbers = new Float32Array(count * FRAME_NUMBERS);
  const extras: PackedSvga['extras'] = [];
  let index = 0;
  for (const sprite of spec.sprites) {
    for (const frame of sprite.frames) {
      const { layout: l, transform: t } = frame;
      // An absent layout or transform packs as zeros: FrameEntity reads `x || 0` and `a || 1`, `d || 1`, so zeros
      // give the same entity as null (no layout, the identity transform).
      if (l) numbers.set([l.x, l.y, l.width, l.height], index * FRAME_NUMBERS + 1);
      if (t) numbers.set([t.a, t.b, t.c, t.d, t.tx, t.ty], index * FRAME_NUMBERS + 5);
      numbers[index * FRAME_NUMBERS] = frame.alpha;
      if (frame.clipPath || frame.shapes.length > 0)
        extras.push({ index, clipPath: frame.clipPath, shapes: frame.shapes });
      index += 1;
    }
  }
  return {
    ver: spec.ver,
    movie: spec.movie,
    audios: spec.audios,
    sprites: spec.sprites.map((s) => ({ imageKey: s.imageKey, matteKey: s.matteKey, frames: s.frames.length })),
    numbers,
    extras,
  };
}

/**
 * Frame `index` of a packed movie as a spec FrameEntity accepts, written into `into` (FrameEntity copies the
 * numbers out, so one object serves every frame; `shapes` is fresh each time because FrameEntity keeps it).
 */
export function unpackFrame(
  packed: PackedSvga,
  index: number,
  extra: PackedSvga['extras'][number] | undefined,
  into: SvgaFrame,
): SvgaFrame {
  const n = packed.numbers;
  const at = index * FRAME_NUMBERS;
  into.alpha = n[at]!;
  into.layout ??= { x: 0, y: 0, width: 0, height: 0 };
  into.layout.x = n[at + 1]!;
  into.layout.y = n[at + 2]!;
  into.layout.width = n[at + 3]!;
  into.layout.height = n[at + 4]!;
  into.transform ??= { a: 0, b: 0, c: 0, d: 0, tx: 0, ty: 0 };
  into.transform.a = n[at + 5]!;
  into.transform.b = n[at + 6]!;
  into.transform.c = n[at + 7]!;
  into.transform.d = n[at + 8]!;
  into.transform.tx = n[at + 9]!;
  into.transform.ty = n[at + 10]!;
  into.clipPath = extra?.clipPath ?? '';
  into.shapes = extra?.shapes ?? [];
  return into;
}
