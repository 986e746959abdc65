// The page's SVGA decoding worker (started by svga-loader.ts): everything svgaplayerweb's parser does on the main
// thread for a 2.0 file — zlib inflate, protobuf decode, and turning each PNG into something drawable — happens
// here, so a cold effect costs the page no long task. The main thread gets the movie as plain data (the spec
// svgaplayerweb's VideoEntity accepts, packed: see packSvga) and one decoded ImageBitmap per image, transferred,
// not copied.
import { SvgaUnsupportedError, decodeSvga } from './svga-decode.js';
import { type PackedSvga, packSvga } from './svga-pack.js';

export interface SvgaWorkerRequest {
  readonly id: number;
  readonly bytes: ArrayBuffer;
}

export type SvgaWorkerReply =
  | { readonly id: number; readonly packed: PackedSvga; readonly bitmaps: Record<string, ImageBitmap> }
  /** `unsupported`: not a damaged file but one this worker cannot read (SVGA 1.x, a missing API); parse it elsewhere. */
  | { readonly id: number; readonly error: string; readonly unsupported: boolean };

self.addEventListener('message', (event: MessageEvent<SvgaWorkerRequest>) => {
  const { id, bytes } = event.data;
  decode(id, bytes).then(
    ({ reply, transfer }) => self.postMessage(reply, { transfer }),
    (error: unknown) => {
      const reply: SvgaWorkerReply = {
        id,
        error: error instanceof Error ? error.message : String(error),
        unsupported: error instanceof SvgaUnsupportedError,
      };
      self.postMessage(reply);
    },
  );
});

async function decode(id: number, bytes: ArrayBuffer): Promise<{ reply: SvgaWorkerReply; transfer: Transferable[] }> {
  if (typeof createImageBitmap === 'undefined') throw new SvgaUnsupportedError('no createImageBitmap in workers');
  const { spec, images } = await decodeSvga(new Uint8Array(bytes));
  const bitmaps: Record<string, ImageBitmap> = {};
  await Promise.all(
    Object.entries(images).map(async ([key, data]) => {
      try {
        bitmaps[key] = await createImageBitmap(new Blob([data as BlobPart]));
      } catch {
        // Not a decodable image (an MP3 the web player only plays with Howler, an empty entry): svgaplayerweb skips
        // those too. A corrupt PNG is skipped alone, where the parser's <img> would never load and the renderer
        // would wait for it forever, drawing nothing.
      }
    }),
  );
  const packed = packSvga(spec);
  return { reply: { id, packed, bitmaps }, transfer: [packed.numbers.buffer, ...Object.values(bitmaps)] };
}
