// SVGA decoding without svgaplayerweb, so it can run in a worker (svga-worker.ts): inflate a 2.0 file and read
// its protobuf `com.opensource.svga.MovieEntity` (with the project's one protobuf reader, src/svga/movie-entity.ts,
// which the server's codec uses too), or unzip a 1.x file and read its `movie.spec` JSON, into the JSON spec that
// svgaplayerweb's `VideoEntity` accepts in its non-protobuf branch (src/videoEntity.js). No DOM here: this runs in
// a worker, and under Node in tests.
//
// 1.x files are read here rather than by svgaplayerweb because its 1.x path needs JSZip and JSZipUtils globals,
// base64-encodes every PNG on the main thread, and never calls back when an image named in the spec is missing
// from the archive (issue 15: a blank stage reported as played). fflate's synchronous unzip is 8 KB and runs in
// the worker.
//
// The spec must make `FrameEntity` (src/frameEntity.js) produce exactly what it produces from a protobufjs
// message, because svgaplayerweb's renderer later reads those objects: the protobuf reader gives protobufjs's
// proto3 shape (defaults filled in, null for an absent sub-message, numeric enums, a shape's `args` oneof name),
// and the 1.x path below builds the same shape from JSON.
import { unzipSync } from 'fflate';
import {
  type SvgaAudio,
  SvgaFormatError,
  type SvgaLayout,
  type SvgaMovieFrame,
  type SvgaShape,
  type SvgaTransform,
  readMovieEntity,
} from '../../src/svga/movie-entity.js';

export type {
  SvgaAudio,
  SvgaColor,
  SvgaLayout,
  SvgaShape,
  SvgaShapeStyle,
  SvgaTransform,
} from '../../src/svga/movie-entity.js';
export { SvgaFormatError };

/**
 * A 1.x shape as its `movie.spec` has it (`type` "shape" | "rect" | "ellipse" | "keep", `args`, `styles` with
 * colours as [r, g, b, a] arrays): FrameEntity reads that form as it is, so it is passed through untouched.
 */
export type SvgaShapeV1 = Readonly<Record<string, unknown>>;

/** A frame as FrameEntity reads it: a 2.0 frame, or a 1.x one whose shapes are passed through. */
export interface SvgaFrame extends Omit<SvgaMovieFrame, 'shapes'> {
  shapes: (SvgaShape | SvgaShapeV1)[];
}

export interface SvgaSprite {
  imageKey: string;
  frames: SvgaFrame[];
  matteKey: string;
}

/** What `new VideoEntity(spec, images)` reads (plus `audios`, which it leaves to the caller in this branch). */
export interface SvgaSpec {
  /** As svgaplayerweb reports it: "2.0" for protobuf files, "1.0" for zips, "1.5" for zips with a movie.binary. */
  ver: '1.0' | '1.5' | '2.0';
  movie: { viewBox: { width: number; height: number }; fps: number; frames: number };
  sprites: SvgaSprite[];
  audios: SvgaAudio[];
}

export interface DecodedSvga {
  spec: SvgaSpec;
  /**
   * Image key → the encoded image (PNG, usually) as stored in the file. A Map, because the keys are the file's: an
   * image may be keyed `__proto__` or `constructor`, and a plain object would lose the one and invent the other.
   */
  images: ReadonlyMap<string, Uint8Array>;
}

/** A file this decoder cannot read here (a missing browser API): another parser may. */
export class SvgaUnsupportedError extends Error {
  override name = 'SvgaUnsupportedError';
}

// For movie.spec (1.x) the text decoder the protobuf reader uses for strings: a leading U+FEFF is kept.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Reads the (already inflated) protobuf bytes of a MovieEntity. */
export function decodeMovie(bytes: Uint8Array): DecodedSvga {
  const { params, images, sprites, audios } = readMovieEntity(bytes);
  // svgaplayerweb fails on such a file too (its VideoEntity reads `params.viewBoxWidth` unguarded).
  if (!params) throw new SvgaFormatError('no movie params');
  const movie = {
    viewBox: { width: params.viewBoxWidth, height: params.viewBoxHeight },
    fps: params.fps,
    frames: params.frames,
  };
  // The reader's record holds every key as an own property; reading it by key would also find Object.prototype's.
  return checkPlayable({ spec: { ver: '2.0', movie, sprites, audios }, images: new Map(Object.entries(images)) });
}

/**
 * A movie that cannot show anything is a broken file, not an animation that played: no frames, no size or no
 * sprites. (svgaplayerweb would "play" such a file — a blank stage — and report it finished.)
 */
function checkPlayable(decoded: DecodedSvga): DecodedSvga {
  const { movie, sprites } = decoded.spec;
  if (!(movie.frames >= 1)) throw new SvgaFormatError(`the movie has ${movie.frames} frames`);
  if (!(movie.viewBox.width > 0 && movie.viewBox.height > 0)) throw new SvgaFormatError('the movie has no size');
  if (sprites.length === 0) throw new SvgaFormatError('the movie has no sprites');
  return decoded;
}

// ---- SVGA 1.x: a zip of movie.spec (JSON) and one PNG per image ----

/** Zip entries larger than this in total are refused before they are inflated (a zip bomb, not an effect). */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

/** A number as FrameEntity/VideoEntity would read it (`parseFloat(x) || fallback`). */
function numberOf(value: unknown, fallback = 0): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? parseFloat(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function layoutOf(value: unknown): SvgaLayout | null {
  if (!isObject(value)) return null;
  return {
    x: numberOf(value['x']),
    y: numberOf(value['y']),
    width: numberOf(value['width']),
    height: numberOf(value['height']),
  };
}

function transformOf(value: unknown): SvgaTransform | null {
  if (!isObject(value)) return null;
  const [a, b, c, d, tx, ty] = (['a', 'b', 'c', 'd', 'tx', 'ty'] as const).map((k) => numberOf(value[k]));
  return { a: a!, b: b!, c: c!, d: d!, tx: tx!, ty: ty! };
}

function frameOf(value: unknown): SvgaFrame {
  const f = isObject(value) ? value : {};
  return {
    alpha: numberOf(f['alpha']),
    layout: layoutOf(f['layout']),
    transform: transformOf(f['transform']),
    clipPath: typeof f['clipPath'] === 'string' ? f['clipPath'] : '',
    shapes: Array.isArray(f['shapes']) ? f['shapes'].filter(isObject) : [],
  };
}

/** Reads an SVGA 1.x archive: `movie.spec` plus `<images[key]>.png` for every image it names. */
export function decodeZip(file: Uint8Array): DecodedSvga {
  let entries: Record<string, Uint8Array>;
  let claimed = 0;
  try {
    entries = unzipSync(file, {
      filter: (entry) => {
        claimed += entry.originalSize;
        if (claimed > MAX_UNZIPPED_BYTES) throw new SvgaFormatError(`more than ${MAX_UNZIPPED_BYTES} bytes unzipped`);
        return !entry.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof SvgaFormatError) throw error;
    throw new SvgaFormatError(`not a readable zip: ${error instanceof Error ? error.message : String(error)}`);
  }
  // fflate collects the entries in a plain object (`files[name] = data`), so only its own properties are entries:
  // an archive naming a file `constructor` or `__proto__` must not find Object.prototype's members instead.
  const entry = (name: string) => (Object.hasOwn(entries, name) ? entries[name] : undefined);
  const specBytes = entry('movie.spec');
  if (!specBytes) throw new SvgaFormatError('no movie.spec in the archive');
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(specBytes));
  } catch (error) {
    throw new SvgaFormatError(`movie.spec is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(json) || !isObject(json['movie'])) throw new SvgaFormatError('movie.spec has no movie');
  const m = json['movie'];
  const viewBox = isObject(m['viewBox']) ? m['viewBox'] : {};
  const movie = {
    viewBox: { width: numberOf(viewBox['width']), height: numberOf(viewBox['height']) },
    // VideoEntity: `parseInt(fps) || 20`, `parseInt(frames) || 0`.
    fps: Math.trunc(numberOf(m['fps'])) || 20,
    frames: Math.trunc(numberOf(m['frames'])),
  };
  if (!Array.isArray(json['sprites'])) throw new SvgaFormatError('movie.spec has no sprites');
  const sprites: SvgaSprite[] = json['sprites'].filter(isObject).map((sprite) => ({
    imageKey: typeof sprite['imageKey'] === 'string' ? sprite['imageKey'] : '',
    // 1.x has no mattes.
    matteKey: '',
    frames: Array.isArray(sprite['frames']) ? sprite['frames'].map(frameOf) : [],
  }));
  // JSON.parse makes every key an own property (`__proto__` included), and Object.entries reads exactly those.
  const images = new Map<string, Uint8Array>();
  for (const [key, name] of Object.entries(isObject(json['images']) ? json['images'] : {})) {
    if (typeof name !== 'string') throw new SvgaFormatError(`image ${key}: no file name`);
    // svgaplayerweb reads `<name>.png`; some exporters store the name with its extension already.
    const data = entry(`${name}.png`) ?? entry(name);
    if (!data) throw new SvgaFormatError(`image ${key}: ${name}.png is not in the archive`);
    images.set(key, data);
  }
  const ver = entry('movie.binary') ? '1.5' : '1.0';
  return checkPlayable({ spec: { ver, movie, sprites, audios: [] }, images });
}

/** SVGA 1.x files are zip archives. */
export function isZip(file: Uint8Array): boolean {
  return file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
}

/** Decodes a whole SVGA file: 2.0 (zlib-deflated protobuf) or 1.x (zip). */
export async function decodeSvga(file: Uint8Array): Promise<DecodedSvga> {
  if (isZip(file)) return decodeZip(file);
  if (typeof DecompressionStream === 'undefined') throw new SvgaUnsupportedError('no DecompressionStream');
  let inflated: Uint8Array;
  try {
    const stream = new Blob([file as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
    inflated = new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    // Damaged or truncated data, no zlib stream at all — or a file pako reads and DecompressionStream does not
    // (pako, which svgaplayerweb uses, ignores bytes after the end of the stream; DecompressionStream refuses
    // them). svgaplayerweb's own parser is the reference: it gets the file and gives the verdict (a broken file
    // fails there quickly; one with a harmless tail plays).
    throw new SvgaUnsupportedError(`not inflatable here: ${error instanceof Error ? error.message : String(error)}`);
  }
  return decodeMovie(inflated);
}
