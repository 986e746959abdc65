// svgaplayerweb, loaded only when an effect first needs it (a UMD bundle that touches `window` when it loads),
// plus one parse cache by URL shared by every player on the page, so preloading the catalog pays once.
//
// Parsing happens in a worker (svga-worker.ts): svgaplayerweb's own parser inflates, decodes and base64-encodes
// on the main thread and its renderer then decodes every PNG on first draw, a 50–150 ms long task per cold file
// (BENCHMARKS.md). The worker hands back the movie as packed data plus decoded ImageBitmaps; here it becomes a
// real svgaplayerweb VideoEntity with no images, built in slices, and `showSvga` gives the player the bitmaps as
// dynamic images, which its renderer draws with the same `drawImage(image, 0, 0)` as its own decoded PNGs.
import type { Parser as SvgaParser, Player as SvgaPlayer, VideoEntity } from 'svgaplayerweb';
import type { SvgaFrame, SvgaSpec } from './svga-decode.js';
import { type PackedSvga, unpackFrame } from './svga-pack.js';
import type { SvgaWorkerReply, SvgaWorkerRequest } from './svga-worker.js';

export interface SvgaModule {
  readonly Parser: new () => SvgaParser;
  readonly Player: new (canvas: HTMLCanvasElement | HTMLDivElement) => SvgaPlayer;
}

export type SvgaVideo = VideoEntity;
export type { SvgaPlayer };

let loading: Promise<SvgaModule> | undefined;

/** The player library, imported on first use (a UMD bundle: the namespace may be the default export). */
export function loadSvgaModule(): Promise<SvgaModule> {
  loading ??= import('svgaplayerweb').then(
    (m) => (m as { default?: SvgaModule }).default ?? (m as unknown as SvgaModule),
  );
  // A failed import (offline chunk) may succeed later: do not cache the failure.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** A parsed effect, or why it could not be had. */
interface Entry {
  readonly promise: Promise<SvgaVideo>;
  video?: SvgaVideo;
  /** For failures: when the URL may be tried again. */
  retryAt: number;
  lastUsed: number;
}

/** Parsed movies keep their decoded images: a small LRU is enough for a catalog's worth of effects. */
const MAX_ENTRIES = 24;
/** A broken URL is not fetched again for this long, so a storm of one broken gift does not refetch it per send. */
const FAILURE_TTL_MS = 30_000;
const cache = new Map<string, Entry>();
/** Progress listeners by URL while a download runs (0…1). */
const progressListeners = new Map<string, Set<(fraction: number) => void>>();

export interface LoadOptions {
  /** Called with 0…1 while the file downloads (only when the server sends a length). */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * The parsed movie for `url`, from the cache or fetched and parsed once. The file is fetched here (not by the
 * parser's own XHR) so the player can show download progress and tell a 404 from a parse error quickly; the
 * worker then decodes the bytes (or, where it cannot, svgaplayerweb's parser reads them from a blob URL).
 */
export function loadSvga(url: string, options: LoadOptions = {}): Promise<SvgaVideo> {
  const now = Date.now();
  const cached = cache.get(url);
  if (cached && (cached.retryAt === 0 || cached.retryAt > now)) {
    cached.lastUsed = now;
    if (options.onProgress) watchProgress(url, options.onProgress, cached.promise);
    return cached.promise;
  }
  const entry: Entry = { promise: fetchAndParse(url), retryAt: 0, lastUsed: now };
  if (options.onProgress) watchProgress(url, options.onProgress, entry.promise);
  entry.promise.then(
    (video) => (entry.video = video),
    () => (entry.retryAt = Date.now() + FAILURE_TTL_MS),
  );
  cache.set(url, entry);
  trim();
  return entry.promise;
}

/** The parsed movie for `url` if it is ready now (so a preloaded effect starts without a loading state). */
export function cachedSvga(url: string): SvgaVideo | undefined {
  return cache.get(url)?.video;
}

/** Forgets every parsed movie (tests; a product switching catalogs). */
export function clearSvgaCache(): void {
  cache.clear();
}

/**
 * The decoded images the worker made for `video`, by image key; undefined for a movie svgaplayerweb parsed itself
 * (its images are base64 PNGs in `video.images`).
 */
export function svgaBitmaps(video: SvgaVideo): ReadonlyMap<string, ImageBitmap> | undefined {
  return bitmapsOf.get(video);
}

/**
 * Puts `video` on `player`: use this instead of `player.setVideoItem(video)`, so a worker-parsed movie gets its
 * images. The previous movie's dynamic images are dropped first (a key like `img_0` means another picture there).
 */
export function showSvga(player: SvgaPlayer, video: SvgaVideo): void {
  player.clearDynamicObjects();
  // svgaplayerweb keeps dynamic images, their transforms and texts in plain objects it indexes with the file's
  // sprite keys (src/Canvas/player.js, renderer.js drawSprite). A sprite keyed `constructor` or `toString` would
  // find Object.prototype's function there: as a "dynamic text" it draws the word "undefined" over the effect,
  // and an image keyed `__proto__` would replace the object's prototype. Null-prototype objects hold only what
  // is set in them (clearDynamicObjects puts plain ones back, so this follows it every time).
  const owner = player as unknown as Record<'_dynamicImage' | '_dynamicImageTransform' | '_dynamicText', object>;
  for (const name of ['_dynamicImage', '_dynamicImageTransform', '_dynamicText'] as const)
    owner[name] = Object.create(null) as object;
  keepBitmapCacheOwn(player);
  const bitmaps = bitmapsOf.get(video);
  // Set before setVideoItem, which draws the first frame. The renderer looks an image up under its key without
  // ".matte" (src/Canvas/renderer.js prepare/drawSprite) and draws any non-string dynamic image with drawImage;
  // the typings only know strings.
  const dynamic = player as unknown as { setImage(image: CanvasImageSource, key: string): void };
  for (const [key, bitmap] of bitmaps ?? []) dynamic.setImage(bitmap, key.replace('.matte', ''));
  player.setVideoItem(video);
}

/** Renderers whose prepare() keeps its bitmap cache free of inherited keys (see keepBitmapCacheOwn). */
const ownCaches = new WeakSet<object>();

/**
 * The renderer's bitmap cache is a plain object too, made afresh by every prepare() (which setVideoItem calls, and
 * which then draws the first frame at once): a shape-only sprite keyed `__proto__` would find Object.prototype
 * there and hand it to drawImage, which throws on every frame. So prepare() is wrapped, once per player, to leave a
 * null-prototype copy of what it cached.
 */
function keepBitmapCacheOwn(player: SvgaPlayer): void {
  type Renderer = { prepare(): void; _bitmapCache?: object };
  const renderer = (player as unknown as { _renderer?: Renderer })._renderer;
  if (!renderer || ownCaches.has(renderer)) return;
  ownCaches.add(renderer);
  const prepare = renderer.prepare;
  renderer.prepare = function (this: Renderer) {
    prepare.call(this);
    this._bitmapCache = Object.assign(Object.create(null) as object, this._bitmapCache);
  };
}

/**
 * Ends the decoding worker now and forgets that it failed (tests; a product done with effects). Loads still
 * waiting fall back to the main thread; the next load starts a new worker.
 */
export function stopSvgaWorker(): void {
  worker?.terminate();
  worker = undefined;
  workerFailed = false;
  clearTimeout(idleTimer);
  for (const request of pending.values()) request.reject(new UseMainThread('the worker was stopped'));
  pending.clear();
}

function watchProgress(url: string, listener: (fraction: number) => void, done: Promise<unknown>): void {
  let set = progressListeners.get(url);
  if (!set) progressListeners.set(url, (set = new Set()));
  set.add(listener);
  const stop = () => {
    progressListeners.get(url)?.delete(listener);
    if (progressListeners.get(url)?.size === 0) progressListeners.delete(url);
  };
  done.then(stop, stop);
}

function report(url: string, fraction: number): void {
  for (const listener of progressListeners.get(url) ?? []) listener(fraction);
}

function trim(): void {
  if (cache.size <= MAX_ENTRIES) return;
  const oldest = [...cache.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
  for (const [key] of oldest.slice(0, cache.size - MAX_ENTRIES)) cache.delete(key);
}

async function fetchAndParse(url: string): Promise<SvgaVideo> {
  const SVGA = loadSvgaModule();
  const classes = SVGA.then(captureClasses);
  // Nobody may wait for the classes (no worker): do not let their failure go unhandled.
  classes.catch(() => undefined);
  const bytes = await download(url);
  /** The worker read the file and cannot decode it here (a missing API): neither can the kit's decoder. */
  let unsupported = false;
  try {
    // The bytes are copied to the worker, not transferred: a fallback below still needs them (a memcpy).
    const [reply, entities] = await Promise.all([decodeInWorker(bytes), classes]);
    if ('packed' in reply)
      return withSounds(await videoFromWorker(entities, reply.packed, reply.bitmaps), reply.sounds);
    if (!reply.unsupported) throw new Error(`${url}: ${reply.error}`);
    unsupported = true;
  } catch (error) {
    if (!(error instanceof UseMainThread)) throw error;
  }
  // No worker here (an old browser, a CSP without worker-src for our origin, a worker that died or did not answer
  // in time on a busy machine): the kit's decoder runs here instead, for 2.0 and 1.x files alike. svgaplayerweb's
  // own parser is only the last resort: its protobuf decoders are generated with Function(), which a page's CSP
  // without 'unsafe-eval' refuses (the local server's does), and it reads zips only with JSZip globals, slowly and
  // with no answer for a missing image (issue 15). The zip magic, as svga-decode.ts checks it; that module (and
  // fflate) loads only when a file needs it.
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (zip || !unsupported) {
    try {
      const { decodeWithBitmaps } = await import('./svga-bitmaps.js');
      const { packed, bitmaps, sounds } = await decodeWithBitmaps(bytes);
      return withSounds(await videoFromWorker(await classes, packed, bitmaps), sounds);
    } catch (error) {
      // A 2.0 file the kit cannot decode on this page (no createImageBitmap, no entity classes) goes to
      // svgaplayerweb below; a 1.x zip has no other reader, and a broken file is broken for both.
      const parserMayRead =
        !zip && (error instanceof UseMainThread || (error instanceof Error && error.name === 'SvgaUnsupportedError'));
      if (!parserMayRead) throw error instanceof Error ? new Error(`${url}: ${error.message}`) : error;
    }
  }
  // Otherwise svgaplayerweb's own parser on the main thread, as before the worker existed. Its movie keeps each
  // sound as base64 among the images (src/mockWorker.js).
  const video = await parseOnMainThread(await SVGA, bytes, url);
  const movie = video as Movie & { audios: { audioKey: string }[]; images: Record<string, string> };
  // Its images are a plain object keyed by the file (protobufjs's map): own keys only, for the renderer's lookups.
  movie.images = Object.assign(Object.create(null) as Record<string, string>, movie.images);
  const { audios, images } = movie;
  const sounds = new Map<string, ArrayBuffer>();
  for (const { audioKey } of audios ?? []) {
    const base64 = Object.hasOwn(images, audioKey) ? images[audioKey] : undefined;
    if (typeof base64 === 'string') sounds.set(audioKey, Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer);
  }
  return withSounds(video, sounds);
}

// ---- sound ----

/** The decoded sound tracks of a movie, by audio key (svga-sound.ts plays them). */
const soundsOf = new WeakMap<SvgaVideo, ReadonlyMap<string, AudioBuffer>>();

/** The movie's sound tracks decoded for Web Audio, by audio key; undefined when it has none (or none decoded). */
export function svgaSounds(video: SvgaVideo): ReadonlyMap<string, AudioBuffer> | undefined {
  return soundsOf.get(video);
}

/**
 * Decodes the movie's sound tracks once, at load, so they start with the first frame. An OfflineAudioContext
 * decodes without being "started", so no autoplay rule applies here (playing is svga-sound.ts's business) and
 * an AudioBuffer plays in any context. A track that does not decode is left out: the animation still plays.
 */
async function withSounds(video: SvgaVideo, sounds: ReadonlyMap<string, ArrayBuffer>): Promise<SvgaVideo> {
  if (sounds.size === 0 || typeof OfflineAudioContext === 'undefined') return video;
  const decoder = new OfflineAudioContext(1, 1, 44_100);
  const decoded = new Map<string, AudioBuffer>();
  await Promise.all(
    [...sounds].map(async ([key, data]) => {
      try {
        decoded.set(key, await decoder.decodeAudioData(data));
      } catch {
        // Not audio this browser decodes.
      }
    }),
  );
  if (decoded.size > 0) soundsOf.set(video, decoded);
  return video;
}

function parseOnMainThread(SVGA: SvgaModule, bytes: Uint8Array, url: string): Promise<SvgaVideo> {
  const blobUrl = URL.createObjectURL(new Blob([bytes as BlobPart]));
  return new Promise<SvgaVideo>((resolve, reject) => {
    try {
      // pako reports some failures as bare strings ('incorrect header check'): always reject with an Error.
      new SVGA.Parser().load(blobUrl, resolve, (error) =>
        reject(error instanceof Error ? error : new Error(`cannot parse ${url}${error ? `: ${String(error)}` : ''}`)),
      );
    } catch (error) {
      reject(error);
    }
  }).finally(() => URL.revokeObjectURL(blobUrl));
}

// ---- building the movie from the worker's answer ----

/** Not an answer about the file: parse it on the main thread instead. */
class UseMainThread extends Error {
  override name = 'UseMainThread';
}

type Movie = SvgaVideo & { sprites: unknown[]; audios: unknown };

/** svgaplayerweb's entity classes (src/videoEntity.js, spriteEntity.js, frameEntity.js). */
interface EntityClasses {
  readonly Video: new (spec: Pick<SvgaSpec, 'ver' | 'movie' | 'sprites'>, images: Record<string, string>) => Movie;
  readonly Sprite: new (spec: { imageKey: string; matteKey: string }) => { frames: unknown[] };
  /** `lastShapes`: the shapes a "keep" frame repeats, carried from one constructed frame to the next. */
  readonly Frame: (new (spec: SvgaFrame) => unknown) & { lastShapes?: unknown };
}

/**
 * The smallest 1.x movie that shows all three classes: one sprite with one frame. It reaches svgaplayerweb's
 * parser through a stand-in JSZip (below), never as bytes.
 */
const TINY_SPEC = JSON.stringify({
  movie: { viewBox: { width: 1, height: 1 }, fps: 1, frames: 1 },
  images: {},
  sprites: [{ imageKey: 'k', frames: [{ alpha: 0 }] }],
});
let entityClasses: Promise<EntityClasses> | undefined;

/**
 * svgaplayerweb's entity classes, which its UMD build does not export: taken from a movie its parser builds.
 *
 * The parser is handed a 1.x movie through a stand-in `JSZip`/`JSZipUtils` pair, present on `globalThis` only for
 * the synchronous `load()` call: svgaplayerweb then takes its zip branch (src/mockWorker.js: a `data:svga/1.0`
 * URL is base64-decoded with atob, the "zip" is asked for `movie.spec`) and builds the VideoEntity from that JSON.
 * So no request is made (a `data:` URL through XHR would need `connect-src data:`) and protobufjs decodes nothing
 * (its decoders are generated with `Function()`, which needs `'unsafe-eval'`): the worker path runs under a
 * strict Content-Security-Policy (issue 15). A failure is kept: the main-thread path is used then.
 */
function captureClasses(SVGA: SvgaModule): Promise<EntityClasses> {
  entityClasses ??= new Promise<EntityClasses>((resolve, reject) => {
    const g = globalThis as Record<string, unknown>;
    // A page may have the real libraries: put back exactly what was there.
    const saved = (['JSZip', 'JSZipUtils'] as const).map(
      (name) => [name, Object.getOwnPropertyDescriptor(g, name)] as const,
    );
    const zip = {
      file: (name: string) => (name === 'movie.spec' ? { async: () => Promise.resolve(TINY_SPEC) } : null),
    };
    g['JSZipUtils'] = {};
    g['JSZip'] = Object.assign(function JSZip() {}, { loadAsync: () => Promise.resolve(zip) });
    try {
      new SVGA.Parser().load(
        'data:svga/1.0;base64,',
        (video) => {
          const sprite = (video as Movie).sprites[0] as { frames: unknown[] };
          const constructorOf = (entity: unknown) =>
            (Object.getPrototypeOf(entity) as { constructor: unknown }).constructor;
          resolve({
            Video: constructorOf(video),
            Sprite: constructorOf(sprite),
            Frame: constructorOf(sprite.frames[0]),
          } as EntityClasses);
        },
        reject,
      );
    } catch (error) {
      reject(error);
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(g, name, descriptor);
        else delete g[name];
      }
    }
  }).catch((error: unknown) => {
    throw new UseMainThread(`no entity classes: ${String(error)}`);
  });
  return entityClasses;
}

/** The decoded images of worker-parsed movies; they live as long as the movie does. */
const bitmapsOf = new WeakMap<SvgaVideo, ReadonlyMap<string, ImageBitmap>>();

/** Main-thread work between two yields while a movie is built. */
const SLICE_MS = 8;

/**
 * The VideoEntity svgaplayerweb would have built, put together from its own classes in slices of `SLICE_MS`, so
 * even a large movie on a slow phone makes no long task. Built sprite by sprite and frame by frame in file order,
 * as VideoEntity does, with FrameEntity's `lastShapes` saved and restored around each pause so another movie
 * built in between cannot leak its shapes into this one.
 */
async function videoFromWorker(
  classes: EntityClasses,
  packed: PackedSvga,
  bitmaps: ReadonlyMap<string, ImageBitmap>,
): Promise<SvgaVideo> {
  // No images: the renderer's prepare() is then immediate and creates no <img>; showSvga supplies the bitmaps.
  // Null-prototype: the renderer falls back to `images[key]` for a sprite with no bitmap, and `images['__proto__']`
  // of a plain object would be Object.prototype, which drawImage refuses with an exception on every frame.
  const video = new classes.Video(
    { ver: packed.ver, movie: packed.movie, sprites: [] },
    Object.create(null) as Record<string, string>,
  );
  // The spec branch of the constructor leaves audios out; the protobuf branch takes them from the file.
  video.audios = packed.audios;
  const extras = new Map(packed.extras.map((extra) => [extra.index, extra]));
  const scratch: SvgaFrame = { alpha: 0, layout: null, transform: null, clipPath: '', shapes: [] };
  const sprites: unknown[] = [];
  let lastShapes: unknown;
  let sliceStart = performance.now();
  let index = 0;
  for (const spec of packed.sprites) {
    const sprite = new classes.Sprite({ imageKey: spec.imageKey, matteKey: spec.matteKey });
    const frames = new Array<unknown>(spec.frames);
    for (let f = 0; f < spec.frames; f++) {
      if ((f & 31) === 0 && performance.now() - sliceStart > SLICE_MS) {
        lastShapes = classes.Frame.lastShapes;
        await yieldToPage();
        classes.Frame.lastShapes = lastShapes;
        sliceStart = performance.now();
      }
      frames[f] = new classes.Frame(unpackFrame(packed, index, extras.get(index), scratch));
      index += 1;
    }
    sprite.frames = frames;
    sprites.push(sprite);
  }
  video.sprites = sprites;
  // The bitmaps are not closed when the cache forgets the movie: a player may still be drawing them, and closing
  // one under it makes drawImage throw mid-animation. Once nothing refers to the movie they are collected with
  // it, as the <img> elements of a main-thread parse were.
  bitmapsOf.set(video, bitmaps);
  return video;
}

function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}

// ---- the worker ----

/** The worker ends after this long without work; the next load starts a new one. */
const WORKER_IDLE_MS = 30_000;

/**
 * How long one decode may take in the worker before the page stops waiting: a worker that does not answer (hung,
 * or its script never ran) is given up, that file and every later one are parsed on the main thread.
 */
export const svgaWorkerLimits = { replyTimeoutMs: 10_000 };
let worker: Worker | undefined;
/** The worker could not start or died: the main thread parses for the rest of the page's life. */
let workerFailed = false;
let nextRequestId = 1;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
const pending = new Map<number, { resolve: (reply: SvgaWorkerReply) => void; reject: (error: Error) => void }>();

function startWorker(): Worker | undefined {
  if (worker || workerFailed) return worker;
  if (
    typeof Worker === 'undefined' ||
    typeof createImageBitmap === 'undefined' ||
    typeof DecompressionStream === 'undefined'
  ) {
    workerFailed = true;
    return undefined;
  }
  try {
    // This exact form is what vite (and other bundlers) recognise to emit the worker as its own chunk.
    worker = new Worker(new URL('./svga-worker.ts', import.meta.url), { type: 'module', name: 'vr-svga' });
  } catch {
    workerFailed = true;
    return undefined;
  }
  const started = worker;
  started.addEventListener('message', (event: MessageEvent<SvgaWorkerReply>) => {
    const request = pending.get(event.data.id);
    pending.delete(event.data.id);
    request?.resolve(event.data);
    if (pending.size === 0) idleSoon();
  });
  // A script that cannot load (blocked by CSP, missing chunk) or a worker that crashed: whatever was asked is
  // parsed on the main thread, and so is everything after.
  const fail = () => {
    if (worker !== started) return;
    stopSvgaWorker();
    workerFailed = true;
  };
  started.addEventListener('error', fail);
  started.addEventListener('messageerror', fail);
  return started;
}

function idleSoon(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pending.size > 0) return;
    worker?.terminate();
    worker = undefined;
  }, WORKER_IDLE_MS);
}

function decodeInWorker(bytes: Uint8Array): Promise<SvgaWorkerReply> {
  const target = startWorker();
  if (!target) return Promise.reject(new UseMainThread('no worker'));
  clearTimeout(idleTimer);
  const id = nextRequestId++;
  return new Promise<SvgaWorkerReply>((resolve, reject) => {
    const timer = setTimeout(() => {
      if (!pending.has(id) || worker !== target) return;
      stopSvgaWorker();
      workerFailed = true;
    }, svgaWorkerLimits.replyTimeoutMs);
    pending.set(id, {
      resolve: (reply) => {
        clearTimeout(timer);
        resolve(reply);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const request: SvgaWorkerRequest = { id, bytes: copy };
    target.postMessage(request, [request.bytes]);
  });
}

async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length') ?? 0);
  if (!response.body || !total) {
    const buffer = new Uint8Array(await response.arrayBuffer());
    report(url, 1);
    return buffer;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    report(url, Math.min(1, received / total));
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
