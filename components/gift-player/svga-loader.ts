// svgaplayerweb, loaded only when an effect first needs it (TOOLCHAIN.md: UMD, touches `window` at load),
// plus one parse cache by URL shared by every player on the page, so preloading the catalog pays once.
import type { Parser as SvgaParser, Player as SvgaPlayer, VideoEntity } from 'svgaplayerweb';

export interface SvgaModule {
  readonly Parser: new () => SvgaParser;
  readonly Player: new (canvas: HTMLCanvasElement | HTMLDivElement) => SvgaPlayer;
}

export type SvgaVideo = VideoEntity;
export type { SvgaPlayer };

let loading: Promise<SvgaModule> | undefined;

/** The player library, imported on first use (a UMD bundle: the namespace may be the default export). */
export function loadSvgaModule(): Promise<SvgaModule> {
  loading ??= import('svgaplayerweb').then((m) => ((m as { default?: SvgaModule }).default ?? (m as unknown as SvgaModule)));
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
 * parser then reads the bytes from a blob URL.
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
  const [SVGA, bytes] = await Promise.all([loadSvgaModule(), download(url)]);
  const blobUrl = URL.createObjectURL(new Blob([bytes as BlobPart]));
  try {
    return await new Promise<SvgaVideo>((resolve, reject) => {
      try {
        new SVGA.Parser().load(blobUrl, resolve, (error) => reject(error ?? new Error(`cannot parse ${url}`)));
      } catch (error) {
        reject(error);
      }
    });
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
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
