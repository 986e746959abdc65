// A movie that uses every field of the SVGA 2.0 schema, shared by the tests of the server's codec (svga.test.ts)
// and of the gift player's worker decoder (kit-svga-decode.test.ts).
import { Raster, circle, hex } from '../../../server/gifts/png.js';
import { type MovieEntity, ShapeType } from '../../../server/gifts/svga.js';

/** A movie using every field of the schema, with values that are exact in float32. */
export function kitchenSinkMovie(): MovieEntity {
  const png = new Raster(8, 6).fill(circle(4, 3, 2.5), hex('#ff0000')).toPng();
  return {
    version: '2.0',
    params: { viewBoxWidth: 750, viewBoxHeight: 1334, fps: 30, frames: 3 },
    images: { dot: png, 'img-ü': Uint8Array.of(1, 2, 3) },
    sprites: [
      {
        imageKey: 'dot',
        frames: [
          { alpha: 0 },
          {
            alpha: 0.5,
            layout: { x: 0, y: 0, width: 8, height: 6 },
            transform: { a: 1.5, b: -0.25, c: 0.25, d: 1.5, tx: -12.5, ty: 640.75 },
            clipPath: 'M0 0 L8 0 L8 6 Z',
          },
          {
            alpha: 1,
            layout: { x: 1, y: 2, width: 8, height: 6 },
            transform: { a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0 },
          },
        ],
        matteKey: 'mask.matte',
      },
      {
        imageKey: '',
        frames: [
          {
            alpha: 1,
            shapes: [
              {
                type: ShapeType.SHAPE,
                shape: { d: 'M0 0 C1 2 3 4 5 6 Z' },
                styles: { fill: { r: 1, g: 0.5, b: 0.25, a: 1 }, strokeWidth: 2, lineCap: 1, lineJoin: 2 },
              },
              {
                type: ShapeType.RECT,
                rect: { x: 1, y: 2, width: 3, height: 4, cornerRadius: 0.5 },
                transform: { a: 2, b: 0, c: 0, d: 2, tx: 1, ty: 1 },
              },
              {
                type: ShapeType.ELLIPSE,
                ellipse: { x: 5, y: 6, radiusX: 7, radiusY: 8 },
                styles: {
                  stroke: { r: 0, g: 0, b: 1, a: 0.5 },
                  miterLimit: 4,
                  lineDashI: 1,
                  lineDashII: 2,
                  lineDashIII: 3,
                },
              },
            ],
          },
          { alpha: 1, shapes: [{ type: ShapeType.KEEP }] },
          { alpha: 0 },
        ],
      },
    ],
    audios: [{ audioKey: 'snd', startFrame: 0, endFrame: 2, startTime: 0, totalTime: 1000 }],
  };
}
