// The page's SVGA decoding worker (started by svga-loader.ts): everything svgaplayerweb's parser does on the main
// thread — zlib inflate and protobuf decode (2.0) or unzip and JSON (1.x), and turning each PNG into something drawable — happens
// here, so a cold effect costs the page no long task. The main thread gets the movie as plain data (the spec
// svgaplayerweb's VideoEntity accepts, packed: see packSvga) and one decoded ImageBitmap per image, transferred,
// not copied.
import { decodeWithBitmaps } from './svga-bitmaps.js';
import { SvgaUnsupportedError } from './svga-decode.js';
import type { PackedSvga } from './svga-pack.js';

export interface SvgaWorkerRequest {
  readonly id: number;
  readonly bytes: ArrayBuffer;
}

export type SvgaWorkerReply =
  | {
      readonly id: number;
      readonly packed: PackedSvga;
      readonly bitmaps: Map<string, ImageBitmap>;
      readonly sounds: Map<string, ArrayBuffer>;
    }
  /** `unsupported`: not a damaged file but one this worker cannot read (a missing API); parse it elsewhere. */
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
  const { packed, bitmaps, sounds } = await decodeWithBitmaps(new Uint8Array(bytes));
  return {
    reply: { id, packed, bitmaps, sounds },
    transfer: [packed.numbers.buffer, ...bitmaps.values(), ...sounds.values()],
  };
}
