// The one SVGA 2.0 protobuf reader. An SVGA 2.0 file is a zlib-deflated protobuf `com.opensource.svga.MovieEntity`;
// this reads the inflated bytes. Both sides use it: the gift player's decoder (components/gift-player/svga-decode.ts,
// in its worker and on the main thread) and the server's SVGA codec (server/gifts/svga.ts). So it is plain
// TypeScript over Uint8Array, DataView and TextDecoder: no DOM, no Node (no Buffer), no dependency.
//
// The result has protobufjs's proto3 semantics, because svgaplayerweb decodes with protobufjs and its renderer reads
// what protobufjs gives: every scalar field present with its default (0, ""), null for an absent sub-message, [] for
// an empty repeated field, enums numeric, and a shape's set `args` oneof member named in `args` (protobufjs's
// virtual oneof property). The field numbers are those of the descriptor svgaplayerweb ships (src/proto.js).
//
// A hand-rolled reader rather than protobufjs: the schema is small and fixed, protobufjs plus a descriptor would
// weigh more than this in the lazy SVGA chunk, and its reader is lax where a file from the network must not be
// (a wrong wire type, a field overrunning its message, deep group nesting all fail here with one error class).

/** The data is damaged or not an SVGA movie: svgaplayerweb would fail on it too. */
export class SvgaFormatError extends Error {
  override name = 'SvgaFormatError';
}

export interface SvgaLayout {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SvgaTransform {
  a: number;
  b: number;
  c: number;
  d: number;
  tx: number;
  ty: number;
}

export interface SvgaColor {
  r: number;
  g: number;
  b: number;
  a: number;
}

export interface SvgaShapeStyle {
  fill: SvgaColor | null;
  stroke: SvgaColor | null;
  strokeWidth: number;
  lineCap: number;
  lineJoin: number;
  miterLimit: number;
  lineDashI: number;
  lineDashII: number;
  lineDashIII: number;
}

export interface SvgaShape {
  /** 0 shape (SVG path), 1 rect, 2 ellipse, 3 keep (the previous frame's shapes). */
  type: number;
  shape: { d: string } | null;
  rect: { x: number; y: number; width: number; height: number; cornerRadius: number } | null;
  ellipse: { x: number; y: number; radiusX: number; radiusY: number } | null;
  styles: SvgaShapeStyle | null;
  transform: SvgaTransform | null;
  /** The set member of the `args` oneof, as protobufjs reports it; absent when none is set. */
  args?: 'shape' | 'rect' | 'ellipse';
}

export interface SvgaMovieFrame {
  alpha: number;
  layout: SvgaLayout | null;
  transform: SvgaTransform | null;
  clipPath: string;
  shapes: SvgaShape[];
}

export interface SvgaMovieSprite {
  imageKey: string;
  frames: SvgaMovieFrame[];
  matteKey: string;
}

export interface SvgaAudio {
  audioKey: string;
  startFrame: number;
  endFrame: number;
  startTime: number;
  totalTime: number;
}

export interface SvgaMovieParams {
  viewBoxWidth: number;
  viewBoxHeight: number;
  fps: number;
  frames: number;
}

/** A MovieEntity as protobufjs decodes it (images: its `map<string, bytes>`, as a record). */
export interface SvgaMovieMessage {
  version: string;
  /** null when the file has none (svgaplayerweb cannot play such a file). */
  params: SvgaMovieParams | null;
  /** Image key → the stored bytes (PNG, or the MP3 of an audio track); views into the input, not copies. */
  images: Record<string, Uint8Array>;
  sprites: SvgaMovieSprite[];
  audios: SvgaAudio[];
}

export interface ReadOptions {
  /**
   * Refuse a string field that is not UTF-8 (SvgaFormatError). Off by default, as protobufjs (and so
   * svgaplayerweb) reads it with U+FFFD in place of the bad bytes; a reader that must give back exactly what it
   * read (the server's codec re-encodes byte for byte) turns it on.
   */
  readonly strictUtf8?: boolean;
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH = 2;
const START_GROUP = 3;
const END_GROUP = 4;
const FIXED32 = 5;

/** Deprecated groups nested deeper than this are refused instead of exhausting the stack (protobuf's own limit). */
const MAX_GROUP_DEPTH = 100;

type Scalar = 'float' | 'int32' | 'string' | 'bytes';

interface MessageType {
  /** A fresh message with every field at its proto3 default. */
  readonly create: () => Record<string, unknown>;
  /** Field number → name and type; a repeated field is an array in `create()`'s result. */
  readonly fields: Readonly<
    Record<number, { readonly name: string; readonly type: Scalar | MessageType; readonly repeated?: true }>
  >;
  /** Members of the message's oneof, reported in `args` like protobufjs's virtual oneof property. */
  readonly oneof?: readonly string[];
}

const WIRE_OF: Readonly<Record<Scalar, number>> = { float: FIXED32, int32: VARINT, string: LENGTH, bytes: LENGTH };
const EMPTY_BYTES = new Uint8Array(0);
// A leading U+FEFF is part of the string (as in protobufjs): a reader that dropped it would not give back what it read.
// (The decoders are passed as functions: TextDecoder is a global value under both DOM and Node typings, but a global
// type only under DOM's.)
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
const lenientUtf8 = (bytes: Uint8Array) => lenient.decode(bytes);
const strictUtf8 = (bytes: Uint8Array) => strict.decode(bytes);

class Reader {
  pos = 0;
  readonly #view: DataView;

  readonly #buf: Uint8Array;
  readonly #decodeUtf8: (bytes: Uint8Array) => string;

  constructor(buf: Uint8Array, decodeUtf8: (bytes: Uint8Array) => string) {
    this.#buf = buf;
    this.#decodeUtf8 = decodeUtf8;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** A varint's low 32 bits, unsigned (longer varints are read whole and cut, as protobufjs does for int32). */
  uint32(): number {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.#buf.length) throw new SvgaFormatError('truncated varint');
      const byte = this.#buf[this.pos++]!;
      if (shift < 32) value |= (byte & 0x7f) << shift;
      if (byte < 0x80) return value >>> 0;
    }
    throw new SvgaFormatError('varint longer than 10 bytes');
  }

  float(): number {
    this.#need(4);
    const value = this.#view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }

  /** Reads a length prefix and returns where that field ends. */
  end(): number {
    const length = this.uint32();
    this.#need(length);
    return this.pos + length;
  }

  bytes(): Uint8Array {
    const end = this.end();
    const out = this.#buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  string(): string {
    const at = this.pos;
    const bytes = this.bytes();
    try {
      return this.#decodeUtf8(bytes);
    } catch {
      throw new SvgaFormatError(`string field at offset ${at} is not UTF-8`);
    }
  }

  skip(wire: number, depth = 0): void {
    switch (wire) {
      case VARINT:
        this.uint32();
        return;
      case FIXED64:
        this.#need(8);
        this.pos += 8;
        return;
      case LENGTH:
        this.pos = this.end();
        return;
      case START_GROUP:
        // Deprecated groups still have a defined encoding: skip fields up to the matching end-group tag.
        if (depth >= MAX_GROUP_DEPTH) throw new SvgaFormatError(`groups nested deeper than ${MAX_GROUP_DEPTH}`);
        for (;;) {
          const inner = this.uint32() & 7;
          if (inner === END_GROUP) return;
          this.skip(inner, depth + 1);
        }
      case FIXED32:
        this.#need(4);
        this.pos += 4;
        return;
      default:
        throw new SvgaFormatError(`invalid wire type ${wire} at offset ${this.pos}`);
    }
  }

  #need(length: number): void {
    if (this.pos + length > this.#buf.length)
      throw new SvgaFormatError(`field overruns the data at offset ${this.pos}`);
  }
}

function readMessage(r: Reader, end: number, type: MessageType): Record<string, unknown> {
  const message = type.create();
  while (r.pos < end) {
    const tag = r.uint32();
    const id = tag >>> 3;
    const wire = tag & 7;
    if (id === 0) throw new SvgaFormatError(`field number 0 at offset ${r.pos}`);
    const field = type.fields[id];
    if (!field) {
      r.skip(wire);
      continue;
    }
    const expected = typeof field.type === 'string' ? WIRE_OF[field.type] : LENGTH;
    if (wire !== expected) throw new SvgaFormatError(`field ${field.name}: wire type ${wire}, expected ${expected}`);
    let value: unknown;
    if (field.type === 'float') value = r.float();
    else if (field.type === 'int32') value = r.uint32() | 0;
    else if (field.type === 'string') value = r.string();
    else if (field.type === 'bytes') value = r.bytes();
    else value = readMessage(r, r.end(), field.type);
    if (field.repeated) {
      (message[field.name] as unknown[]).push(value);
      continue;
    }
    // protobufjs's oneof property names the member whose field was added to the message last (own keys in
    // insertion order); a member seen again keeps its place.
    if (type.oneof?.includes(field.name) && message[field.name] === null) message['args'] = field.name;
    message[field.name] = value;
  }
  if (r.pos !== end) throw new SvgaFormatError('a field overruns its message');
  return message;
}

const floats = (...names: string[]): MessageType => ({
  create: () => Object.fromEntries(names.map((name) => [name, 0])),
  fields: Object.fromEntries(names.map((name, i) => [i + 1, { name, type: 'float' as const }])),
});

const TRANSFORM = floats('a', 'b', 'c', 'd', 'tx', 'ty');
const COLOR = floats('r', 'g', 'b', 'a');

const SHAPE_STYLE: MessageType = {
  create: () => ({
    fill: null,
    stroke: null,
    strokeWidth: 0,
    lineCap: 0,
    lineJoin: 0,
    miterLimit: 0,
    lineDashI: 0,
    lineDashII: 0,
    lineDashIII: 0,
  }),
  fields: {
    1: { name: 'fill', type: COLOR },
    2: { name: 'stroke', type: COLOR },
    3: { name: 'strokeWidth', type: 'float' },
    4: { name: 'lineCap', type: 'int32' },
    5: { name: 'lineJoin', type: 'int32' },
    6: { name: 'miterLimit', type: 'float' },
    7: { name: 'lineDashI', type: 'float' },
    8: { name: 'lineDashII', type: 'float' },
    9: { name: 'lineDashIII', type: 'float' },
  },
};

const SHAPE: MessageType = {
  create: () => ({ type: 0, shape: null, rect: null, ellipse: null, styles: null, transform: null }),
  fields: {
    1: { name: 'type', type: 'int32' },
    2: { name: 'shape', type: { create: () => ({ d: '' }), fields: { 1: { name: 'd', type: 'string' } } } },
    3: { name: 'rect', type: floats('x', 'y', 'width', 'height', 'cornerRadius') },
    4: { name: 'ellipse', type: floats('x', 'y', 'radiusX', 'radiusY') },
    10: { name: 'styles', type: SHAPE_STYLE },
    11: { name: 'transform', type: TRANSFORM },
  },
  oneof: ['shape', 'rect', 'ellipse'],
};

const FRAME: MessageType = {
  create: () => ({ alpha: 0, layout: null, transform: null, clipPath: '', shapes: [] }),
  fields: {
    1: { name: 'alpha', type: 'float' },
    2: { name: 'layout', type: floats('x', 'y', 'width', 'height') },
    3: { name: 'transform', type: TRANSFORM },
    4: { name: 'clipPath', type: 'string' },
    5: { name: 'shapes', type: SHAPE, repeated: true },
  },
};

const MOVIE: MessageType = {
  create: () => ({ version: '', params: null, images: [], sprites: [], audios: [] }),
  fields: {
    1: { name: 'version', type: 'string' },
    2: {
      name: 'params',
      type: {
        create: () => ({ viewBoxWidth: 0, viewBoxHeight: 0, fps: 0, frames: 0 }),
        fields: {
          1: { name: 'viewBoxWidth', type: 'float' },
          2: { name: 'viewBoxHeight', type: 'float' },
          3: { name: 'fps', type: 'int32' },
          4: { name: 'frames', type: 'int32' },
        },
      },
    },
    // map<string, bytes> is encoded as repeated key/value entries.
    3: {
      name: 'images',
      repeated: true,
      type: {
        create: () => ({ key: '', value: EMPTY_BYTES }),
        fields: { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: 'bytes' } },
      },
    },
    4: {
      name: 'sprites',
      repeated: true,
      type: {
        create: () => ({ imageKey: '', frames: [], matteKey: '' }),
        fields: {
          1: { name: 'imageKey', type: 'string' },
          2: { name: 'frames', type: FRAME, repeated: true },
          3: { name: 'matteKey', type: 'string' },
        },
      },
    },
    5: {
      name: 'audios',
      repeated: true,
      type: {
        create: () => ({ audioKey: '', startFrame: 0, endFrame: 0, startTime: 0, totalTime: 0 }),
        fields: {
          1: { name: 'audioKey', type: 'string' },
          2: { name: 'startFrame', type: 'int32' },
          3: { name: 'endFrame', type: 'int32' },
          4: { name: 'startTime', type: 'int32' },
          5: { name: 'totalTime', type: 'int32' },
        },
      },
    },
  },
};

type RawMovie = Omit<SvgaMovieMessage, 'images'> & { images: { key: string; value: Uint8Array }[] };

/** Reads the (already inflated) protobuf bytes of a MovieEntity. Throws SvgaFormatError on damaged data. */
export function readMovieEntity(bytes: Uint8Array, options: ReadOptions = {}): SvgaMovieMessage {
  const reader = new Reader(bytes, options.strictUtf8 ? strictUtf8 : lenientUtf8);
  const raw = readMessage(reader, bytes.length, MOVIE) as unknown as RawMovie;
  // fromEntries defines own properties: an image keyed "__proto__" is an image, not the record's prototype.
  // A key given twice keeps its last value, as protobuf's map semantics say.
  const images = Object.fromEntries(raw.images.map(({ key, value }) => [key, value]));
  return { ...raw, images };
}
