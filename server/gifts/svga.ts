// SVGA 2.0 reader/writer. An SVGA 2.0 file is a zlib-deflated protobuf `com.opensource.svga.MovieEntity`.
// The field numbers below are the ones in the descriptor svgaplayerweb ships (src/proto.js), so the real
// player decodes what we write. The protobuf writer and reader are hand-rolled (varints, length-delimited,
// fixed32 floats): the schema is small and fixed, and a protobuf dependency for it would be heavier than this.
//
// Encoding follows proto3 conventions: scalar fields equal to their default (0, "", false) are omitted and
// the reader fills the defaults back in, so encode → decode gives the same movie back (floats as float32).
import { deflateSync, inflateSync } from 'node:zlib';

export interface MovieParams {
  viewBoxWidth: number;
  viewBoxHeight: number;
  fps: number;
  frames: number;
}

export interface Layout {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A 2D affine matrix as canvas `transform(a, b, c, d, tx, ty)` takes it. */
export interface Transform {
  a: number;
  b: number;
  c: number;
  d: number;
  tx: number;
  ty: number;
}

export interface RGBAColor {
  r: number;
  g: number;
  b: number;
  a: number;
}

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
  rect?: { x: number; y: number; width: number; height: number; cornerRadius: number };
  ellipse?: { x: number; y: number; radiusX: number; radiusY: number };
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

export interface AudioEntity {
  audioKey: string;
  startFrame: number;
  endFrame: number;
  startTime: number;
  totalTime: number;
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
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

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
// Protobuf reader

export class SvgaFormatError extends Error {
  override name = 'SvgaFormatError';
}

class ProtoReader {
  pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): number {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new SvgaFormatError('truncated varint');
      const b = this.buf[this.pos++] ?? 0;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new SvgaFormatError('varint longer than 10 bytes');
    }
    // int32/enum semantics: the low 32 bits, signed.
    return Number(BigInt.asIntN(32, result));
  }

  float(): number {
    if (this.pos + 4 > this.buf.length) throw new SvgaFormatError('truncated fixed32');
    const value = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }

  bytes(): Uint8Array {
    const length = this.varint();
    if (length < 0 || this.pos + length > this.buf.length)
      throw new SvgaFormatError('length-delimited field overruns its message');
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  string(): string {
    try {
      return utf8Decoder.decode(this.bytes());
    } catch (error) {
      if (error instanceof SvgaFormatError) throw error;
      throw new SvgaFormatError('string field is not UTF-8');
    }
  }

  /** Reads each field's tag and hands it to `field`; unknown fields are skipped by wire type. */
  fields(field: (id: number, wire: number) => boolean): void {
    while (!this.done) {
      const tag = this.varint() >>> 0;
      const id = tag >>> 3;
      const wire = tag & 7;
      if (id === 0) throw new SvgaFormatError('field number 0');
      if (!field(id, wire)) this.skip(wire);
    }
  }

  expect(wire: number, expected: number, what: string): void {
    if (wire !== expected) throw new SvgaFormatError(`${what}: wire type ${wire}, expected ${expected}`);
  }

  private skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.pos += 8;
        break;
      case WIRE_LENGTH:
        this.bytes();
        return;
      case WIRE_FIXED32:
        this.pos += 4;
        break;
      default:
        throw new SvgaFormatError(`unsupported wire type ${wire}`);
    }
    if (this.pos > this.buf.length) throw new SvgaFormatError('truncated field');
  }
}

type FieldReader<T> = (r: ProtoReader, target: T, id: number, wire: number) => boolean;

function readMessage<T>(bytes: Uint8Array, target: T, read: FieldReader<T>): T {
  const r = new ProtoReader(bytes);
  r.fields((id, wire) => read(r, target, id, wire));
  return target;
}

function floatFields<T>(names: readonly (keyof T & string)[]): FieldReader<T> {
  return (r, target, id, wire) => {
    const name = names[id - 1];
    if (!name) return false;
    r.expect(wire, WIRE_FIXED32, name);
    (target as Record<string, number>)[name] = r.float();
    return true;
  };
}

const readLayoutField = floatFields<Layout>(['x', 'y', 'width', 'height']);
const readTransformField = floatFields<Transform>(['a', 'b', 'c', 'd', 'tx', 'ty']);
const readColorField = floatFields<RGBAColor>(['r', 'g', 'b', 'a']);

const readLayout = (bytes: Uint8Array): Layout =>
  readMessage(bytes, { x: 0, y: 0, width: 0, height: 0 }, readLayoutField);
const readTransform = (bytes: Uint8Array): Transform =>
  readMessage(bytes, { a: 0, b: 0, c: 0, d: 0, tx: 0, ty: 0 }, readTransformField);
const readColor = (bytes: Uint8Array): RGBAColor => readMessage(bytes, { r: 0, g: 0, b: 0, a: 0 }, readColorField);

function readStyle(bytes: Uint8Array): ShapeStyle {
  const floats: Record<number, keyof ShapeStyle> = {
    3: 'strokeWidth',
    6: 'miterLimit',
    7: 'lineDashI',
    8: 'lineDashII',
    9: 'lineDashIII',
  };
  const ints: Record<number, keyof ShapeStyle> = { 4: 'lineCap', 5: 'lineJoin' };
  return readMessage<ShapeStyle>(bytes, {}, (r, s, id, wire) => {
    if (id === 1 || id === 2) {
      r.expect(wire, WIRE_LENGTH, 'ShapeStyle color');
      s[id === 1 ? 'fill' : 'stroke'] = readColor(r.bytes());
      return true;
    }
    const floatName = floats[id];
    if (floatName) {
      r.expect(wire, WIRE_FIXED32, floatName);
      (s as Record<string, number>)[floatName] = r.float();
      return true;
    }
    const intName = ints[id];
    if (intName) {
      r.expect(wire, WIRE_VARINT, intName);
      (s as Record<string, number>)[intName] = r.varint();
      return true;
    }
    return false;
  });
}

function readShape(bytes: Uint8Array): ShapeEntity {
  return readMessage<ShapeEntity>(bytes, { type: 0 }, (r, s, id, wire) => {
    switch (id) {
      case 1:
        r.expect(wire, WIRE_VARINT, 'ShapeEntity.type');
        s.type = r.varint();
        return true;
      case 2:
        r.expect(wire, WIRE_LENGTH, 'ShapeEntity.shape');
        s.shape = readMessage(r.bytes(), { d: '' }, (rr, t, fid, fwire) => {
          if (fid !== 1) return false;
          rr.expect(fwire, WIRE_LENGTH, 'ShapeArgs.d');
          t.d = rr.string();
          return true;
        });
        return true;
      case 3:
        r.expect(wire, WIRE_LENGTH, 'ShapeEntity.rect');
        s.rect = readMessage(
          r.bytes(),
          { x: 0, y: 0, width: 0, height: 0, cornerRadius: 0 },
          floatFields(['x', 'y', 'width', 'height', 'cornerRadius']),
        );
        return true;
      case 4:
        r.expect(wire, WIRE_LENGTH, 'ShapeEntity.ellipse');
        s.ellipse = readMessage(
          r.bytes(),
          { x: 0, y: 0, radiusX: 0, radiusY: 0 },
          floatFields(['x', 'y', 'radiusX', 'radiusY']),
        );
        return true;
      case 10:
        r.expect(wire, WIRE_LENGTH, 'ShapeEntity.styles');
        s.styles = readStyle(r.bytes());
        return true;
      case 11:
        r.expect(wire, WIRE_LENGTH, 'ShapeEntity.transform');
        s.transform = readTransform(r.bytes());
        return true;
      default:
        return false;
    }
  });
}

function readFrame(bytes: Uint8Array): FrameEntity {
  return readMessage<FrameEntity>(bytes, { alpha: 0 }, (r, f, id, wire) => {
    switch (id) {
      case 1:
        r.expect(wire, WIRE_FIXED32, 'FrameEntity.alpha');
        f.alpha = r.float();
        return true;
      case 2:
        r.expect(wire, WIRE_LENGTH, 'FrameEntity.layout');
        f.layout = readLayout(r.bytes());
        return true;
      case 3:
        r.expect(wire, WIRE_LENGTH, 'FrameEntity.transform');
        f.transform = readTransform(r.bytes());
        return true;
      case 4:
        r.expect(wire, WIRE_LENGTH, 'FrameEntity.clipPath');
        f.clipPath = r.string();
        return true;
      case 5:
        r.expect(wire, WIRE_LENGTH, 'FrameEntity.shapes');
        (f.shapes ??= []).push(readShape(r.bytes()));
        return true;
      default:
        return false;
    }
  });
}

function readSprite(bytes: Uint8Array): SpriteEntity {
  return readMessage<SpriteEntity>(bytes, { imageKey: '', frames: [] }, (r, s, id, wire) => {
    switch (id) {
      case 1:
        r.expect(wire, WIRE_LENGTH, 'SpriteEntity.imageKey');
        s.imageKey = r.string();
        return true;
      case 2:
        r.expect(wire, WIRE_LENGTH, 'SpriteEntity.frames');
        s.frames.push(readFrame(r.bytes()));
        return true;
      case 3:
        r.expect(wire, WIRE_LENGTH, 'SpriteEntity.matteKey');
        s.matteKey = r.string();
        return true;
      default:
        return false;
    }
  });
}

function readAudio(bytes: Uint8Array): AudioEntity {
  const names = ['audioKey', 'startFrame', 'endFrame', 'startTime', 'totalTime'] as const;
  return readMessage<AudioEntity>(
    bytes,
    { audioKey: '', startFrame: 0, endFrame: 0, startTime: 0, totalTime: 0 },
    (r, a, id, wire) => {
      if (id === 1) {
        r.expect(wire, WIRE_LENGTH, 'AudioEntity.audioKey');
        a.audioKey = r.string();
        return true;
      }
      const name = names[id - 1];
      if (!name || name === 'audioKey') return false;
      r.expect(wire, WIRE_VARINT, name);
      a[name] = r.varint();
      return true;
    },
  );
}

/** Decodes the protobuf bytes of a MovieEntity (already inflated). */
export function decodeMovie(bytes: Uint8Array): MovieEntity {
  const movie: MovieEntity = {
    version: '',
    params: { viewBoxWidth: 0, viewBoxHeight: 0, fps: 0, frames: 0 },
    images: {},
    sprites: [],
    audios: [],
  };
  return readMessage(bytes, movie, (r, m, id, wire) => {
    switch (id) {
      case 1:
        r.expect(wire, WIRE_LENGTH, 'MovieEntity.version');
        m.version = r.string();
        return true;
      case 2:
        r.expect(wire, WIRE_LENGTH, 'MovieEntity.params');
        m.params = readMessage(
          r.bytes(),
          { viewBoxWidth: 0, viewBoxHeight: 0, fps: 0, frames: 0 },
          (rr, p, fid, fwire) => {
            if (fid === 1 || fid === 2) {
              rr.expect(fwire, WIRE_FIXED32, 'MovieParams.viewBox');
              p[fid === 1 ? 'viewBoxWidth' : 'viewBoxHeight'] = rr.float();
              return true;
            }
            if (fid === 3 || fid === 4) {
              rr.expect(fwire, WIRE_VARINT, 'MovieParams.fps/frames');
              p[fid === 3 ? 'fps' : 'frames'] = rr.varint();
              return true;
            }
            return false;
          },
        );
        return true;
      case 3: {
        r.expect(wire, WIRE_LENGTH, 'MovieEntity.images');
        const entry = readMessage(r.bytes(), { key: '', value: new Uint8Array(0) }, (rr, e, fid, fwire) => {
          if (fid === 1) {
            rr.expect(fwire, WIRE_LENGTH, 'images key');
            e.key = rr.string();
            return true;
          }
          if (fid === 2) {
            rr.expect(fwire, WIRE_LENGTH, 'images value');
            e.value = rr.bytes().slice();
            return true;
          }
          return false;
        });
        m.images[entry.key] = entry.value;
        return true;
      }
      case 4:
        r.expect(wire, WIRE_LENGTH, 'MovieEntity.sprites');
        m.sprites.push(readSprite(r.bytes()));
        return true;
      case 5:
        r.expect(wire, WIRE_LENGTH, 'MovieEntity.audios');
        m.audios.push(readAudio(r.bytes()));
        return true;
      default:
        return false;
    }
  });
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
