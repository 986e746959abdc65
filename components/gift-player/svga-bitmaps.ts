// A whole SVGA file to what the loader builds a movie from: the packed spec and one decoded ImageBitmap per image.
// Runs in the decoding worker (svga-worker.ts), and on the main thread where no worker can run (svga-loader.ts):
// createImageBitmap decodes off the main thread either way, so only the unzip/inflate and the decode cost there.
import { SvgaFormatError, SvgaUnsupportedError, decodeSvga } from './svga-decode.js';
import { type PackedSvga, packSvga } from './svga-pack.js';

/**
 * Keyed by the file's own image and audio keys, so Maps: on a plain object an image keyed `__proto__` would replace
 * the object's prototype (and vanish from the worker's reply), and a key like `constructor` or `toString` would be
 * found where the file has nothing. Maps also survive the trip from the worker as they are (a null-prototype object
 * would arrive as an ordinary one).
 */
export interface DecodedWithBitmaps {
  packed: PackedSvga;
  bitmaps: Map<string, ImageBitmap>;
  /** The encoded audio (MP3, usually) of every sound track, by audio key: the main thread decodes it (Web Audio). */
  sounds: Map<string, ArrayBuffer>;
}

export async function decodeWithBitmaps(file: Uint8Array): Promise<DecodedWithBitmaps> {
  if (typeof createImageBitmap === 'undefined') throw new SvgaUnsupportedError('no createImageBitmap here');
  const { spec, images } = await decodeSvga(file);
  // Images a sprite draws (a matte sprite names its image with a ".matte" suffix).
  const drawn = new Set(spec.sprites.map((sprite) => sprite.imageKey.replace('.matte', '')));
  const bitmaps = new Map<string, ImageBitmap>();
  const broken: string[] = [];
  await Promise.all(
    [...images].map(async ([key, data]) => {
      try {
        bitmaps.set(key, await createImageBitmap(new Blob([data as BlobPart])));
      } catch {
        // Not a decodable image: an audio track (2.0 files keep their MP3s among the images) or an entry nothing
        // draws is skipped. An image a sprite draws fails the file: svgaplayerweb's <img> would never load and its
        // renderer would wait forever, drawing nothing, and a blank stage must not count as a played effect.
        if (drawn.has(key)) broken.push(key);
      }
    }),
  );
  if (broken.length > 0) {
    for (const bitmap of bitmaps.values()) bitmap.close();
    throw new SvgaFormatError(`images that cannot be decoded: ${broken.sort().join(', ')}`);
  }
  const sounds = new Map<string, ArrayBuffer>();
  for (const { audioKey } of spec.audios) {
    const data = images.get(audioKey);
    if (data && !bitmaps.has(audioKey) && !sounds.has(audioKey))
      sounds.set(audioKey, data.slice().buffer as ArrayBuffer);
  }
  return { packed: packSvga(spec), bitmaps, sounds };
}
