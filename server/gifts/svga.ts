// SVGA 2.0 reader/writer. An SVGA 2.0 file is a zlib-deflated protobuf `com.opensource.svga.MovieEntity`.
// The field numbers below are the ones in the descriptor svgaplayerweb ships (src/proto.js), so the real
// player decodes what we write. The protobuf writer is hand-rolled (varints, length-delimited, fixed32 floats): the
// schema is small and fixed, and a protobuf dependency for it would be heavier than this. The reader is the one the
// gift player uses (src/svga/movie-entity.ts).
//
// Encoding follows proto3 conventions: scalar fields equal to their default (0, "", false) are omitted and
// the reader fills the defaults back in, so encode → decode gives the same movie back (floats as float32).
import { deflateSync, inflateSync } from 'node:zlib';
import {
  type SvgaAudio,
  type SvgaColor,
  type SvgaLayout,
  type SvgaMovieFrame,
  type SvgaMovieParams,
  type SvgaShape,
  type SvgaTransform,
  SvgaFormatError,
  readMovieEntity,
} from '../../src/svga/movie-entity.js';

export { SvgaFormatError };

// The plain records are the reader's; the shapes and frames below are the writer's model, whose parts are optional
// (left out when absent, as the writer leaves them out of the file).
export type MovieParams = SvgaMovieParams;
export type Layout = SvgaLayout;
/** A 2D affine matrix as canvas `transform(a, b, c, d, tx, ty)` takes it. */
export type Transform = SvgaTransform;
export type RGBAColor = SvgaColor;
export type AudioEntity = SvgaAudio;

export const ShapeType = { SHAPE: 0, RECT: 1, ELLIPSE: 2, KEEP: 3 } as const;
export type ShapeType = (typeof ShapeType)[keyof typeof ShapeType];

export const LineCap = { BUTT: 0, ROUND: 1, SQUARE: 2 } as const;
export const LineJoin = { MITER: 0, ROUND: 1, BEVEL: 2 } as const;

export interface ShapeStyle {
  fill?: RGBAColor;
  stroke?: RGBAColor;
  strokeWidth?: number;
  lineCap?: number;
  lineJoin?: number;
  miterLimit?: number;
  lineDashI?: number;
  lineDashII?: number;
  lineDashIII?: number;
}

export interface ShapeEntity {
  type: number;
  /** SVG path data, for type SHAPE. */
  shape?: { d: string };
  rect?: NonNullable<SvgaShape['rect']>;
  ellipse?: NonNullable<SvgaShape['ellipse']>;
  styles?: ShapeStyle;
  transform?: Transform;
}

export interface FrameEntity {
  alpha: number;
  layout?: Layout;
  transform?: Transform;
  clipPath?: string;
  shapes?: ShapeEntity[];
}

export interface SpriteEntity {
  imageKey: string;
  frames: FrameEntity[];
  matteKey?: string;
}

export interface MovieEntity {
  version: string;
  params: MovieParams;
  /** Image key → PNG bytes. */
  images: Record<string, Uint8Array>;
  sprites: SpriteEntity[];
  audios: AudioEntity[];
}

// ---------------------------------------------------------------------------------------------------------
// Protobuf writer

const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(value: number): void {
    this.ensure(1);
    this.buf[this.len++] = value;
  }

  private varint(value: number): void {
    // int32 negatives are sign-extended to 64 bits (10 bytes), as protobuf specifies.
    if (value < 0) {
      let big = BigInt.asUintN(64, BigInt(value));
      while (big >= 0x80n) {
        this.byte(Number(big & 0x7fn) | 0x80);
        big >>= 7n;
      }
      this.byte(Number(big));
      return;
    }
    let v = value;
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  int32(field: number, value: number | undefined): void {
    if (!value) return;
    if (!Number.isInteger(value)) throw new RangeError(`field ${field}: ${value} is not an integer`);
    this.tag(field, WIRE_VARINT);
    this.varint(value);
  }

  float(field: number, value: number | undefined): void {
    if (!value) return; // also drops -0, which protobufjs treats as the default too
    if (!Number.isFinite(value)) throw new RangeError(`field ${field}: ${value} is not a finite float`);
    this.tag(field, WIRE_FIXED32);
    this.ensure(4);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 4).setFloat32(0, value, true);
    this.len += 4;
  }

  bytes(field: number, value: Uint8Array): void {
    this.tag(field, WIRE_LENGTH);
    this.varint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.len);
    this.len += value.length;
  }

  string(field: number, value: string | undefined): void {
    if (!value) return;
    this.bytes(field, utf8.encode(value));
  }

  /** An embedded message; present (possibly empty) whenever `value` is defined. */
  message<T>(field: number, value: T | undefined, write: (w: ProtoWriter, v: T) => void): void {
    if (value === undefined) return;
    const inner = new ProtoWriter();
    write(inner, value);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function writeParams(w: ProtoWriter, p: MovieParams): void {
  w.float(1, p.viewBoxWidth);
  w.float(2, p.viewBoxHeight);
  w.int32(3, p.fps);
  w.int32(4, p.frames);
}

function writeLayout(w: ProtoWriter, l: Layout): void {
  w.float(1, l.x);
  w.float(2, l.y);
  w.float(3, l.width);
  w.float(4, l.height);
}

function writeTransform(w: ProtoWriter, t: Transform): void {
  w.float(1, t.a);
  w.float(2, t.b);
  w.float(3, t.c);
  w.float(4, t.d);
  w.float(5, t.tx);
  w.float(6, t.ty);
}

function writeColor(w: ProtoWriter, c: RGBAColor): void {
  w.float(1, c.r);
  w.float(2, c.g);
  w.float(3, c.b);
  w.float(4, c.a);
}

function writeStyle(w: ProtoWriter, s: ShapeStyle): void {
  w.message(1, s.fill, writeColor);
  w.message(2, s.stroke, writeColor);
  w.float(3, s.strokeWidth);
  w.int32(4, s.lineCap);
  w.int32(5, s.lineJoin);
  w.float(6, s.miterLimit);
  w.float(7, s.lineDashI);
  w.float(8, s.lineDashII);
  w.float(9, s.lineDashIII);
}

function writeShape(w: ProtoWriter, s: ShapeEntity): void {
  w.int32(1, s.type);
  w.message(2, s.shape, (m, v) => m.string(1, v.d));
  w.message(3, s.rect, (m, v) => {
    m.float(1, v.x);
    m.float(2, v.y);
    m.float(3, v.width);
    m.float(4, v.height);
    m.float(5, v.cornerRadius);
  });
  w.message(4, s.ellipse, (m, v) => {
    m.float(1, v.x);
    m.float(2, v.y);
    m.float(3, v.radiusX);
    m.float(4, v.radiusY);
  });
  w.message(10, s.styles, writeStyle);
  w.message(11, s.transform, writeTransform);
}

function writeFrame(w: ProtoWriter, f: FrameEntity): void {
  w.float(1, f.alpha);
  w.message(2, f.layout, writeLayout);
  w.message(3, f.transform, writeTransform);
  w.string(4, f.clipPath);
  for (const shape of f.shapes ?? []) w.message(5, shape, writeShape);
}

function writeSprite(w: ProtoWriter, s: SpriteEntity): void {
  w.string(1, s.imageKey);
  for (const frame of s.frames) w.message(2, frame, writeFrame);
  w.string(3, s.matteKey);
}

function writeAudio(w: ProtoWriter, a: AudioEntity): void {
  w.string(1, a.audioKey);
  w.int32(2, a.startFrame);
  w.int32(3, a.endFrame);
  w.int32(4, a.startTime);
  w.int32(5, a.totalTime);
}

/** The protobuf bytes of a MovieEntity (not yet deflated). */
export function encodeMovie(movie: MovieEntity): Uint8Array {
  const w = new ProtoWriter();
  w.string(1, movie.version);
  w.message(2, movie.params, writeParams);
  // Sorted keys: the same movie always gives the same bytes.
  for (const key of Object.keys(movie.images).sort()) {
    const png = movie.images[key];
    if (!png) continue;
    w.message(3, png, (m, v) => {
      m.string(1, key);
      m.bytes(2, v);
    });
  }
  for (const sprite of movie.sprites) w.message(4, sprite, writeSprite);
  for (const audio of movie.audios) w.message(5, audio, writeAudio);
  return w.finish();
}

/** A complete SVGA 2.0 file. */
export function encodeSvga(movie: MovieEntity): Uint8Array {
  return new Uint8Array(deflateSync(encodeMovie(movie), { level: 9 }));
}

// ---------------------------------------------------------------------------------------------------------
// Reader: the one protobuf reader the gift player uses too (src/svga/movie-entity.ts), strict about UTF-8 so a
// decoded movie encodes back to the same bytes. Its protobufjs-shaped message (every default filled in, null for
// an absent sub-message) becomes this file's model, which leaves out what the writer would leave out.

const nonZero = <T extends object>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== 0 && value !== null)) as Partial<T>;

function shapeOf(s: SvgaShape): ShapeEntity {
  const { type, shape, rect, ellipse, styles, transform } = s;
  return {
    type,
    ...(shape && { shape }),
    ...(rect && { rect }),
    ...(ellipse && { ellipse }),
    ...(styles && { styles: nonZero(styles) as ShapeStyle }),
    ...(transform && { transform }),
  };
}

function frameOf(f: SvgaMovieFrame): FrameEntity {
  const { alpha, layout, transform, clipPath, shapes } = f;
  return {
    alpha,
    ...(layout && { layout }),
    ...(transform && { transform }),
    ...(clipPath && { clipPath }),
    ...(shapes.length > 0 && { shapes: shapes.map(shapeOf) }),
  };
}

/** Decodes the protobuf bytes of a MovieEntity (already inflated). */
export function decodeMovie(bytes: Uint8Array): MovieEntity {
  const m = readMovieEntity(bytes, { strictUtf8: true });
  return {
    version: m.version,
    params: m.params ?? { viewBoxWidth: 0, viewBoxHeight: 0, fps: 0, frames: 0 },
    images: m.images,
    sprites: m.sprites.map(({ imageKey, frames, matteKey }) => ({
      imageKey,
      frames: frames.map(frameOf),
      ...(matteKey && { matteKey }),
    })),
    audios: m.audios,
  };
}

/** Decodes a complete SVGA 2.0 file. SVGA 1.x files (zip archives) are refused with a clear error. */
export function decodeSvga(file: Uint8Array): MovieEntity {
  if (file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04) {
    throw new SvgaFormatError('SVGA 1.x (zip) file: only SVGA 2.0 is supported');
  }
  let inflated: Uint8Array;
  try {
    inflated = new Uint8Array(inflateSync(file));
  } catch {
    throw new SvgaFormatError('not an SVGA 2.0 file: the data is not zlib-deflated');
  }
  return decodeMovie(inflated);
}
