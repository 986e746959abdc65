// The one SVGA protobuf reader (src/svga/movie-entity.ts), which the gift player's decoder and the server's codec
// both use. Damaged input of every class fails with SvgaFormatError, under both UTF-8 policies: never a RangeError
// or a stack overflow, never a movie made of bytes that were not there. What each side builds from the message is
// tested beside it (test/server/gifts/svga.test.ts, kit-svga-decode.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeMovie } from '../../../server/gifts/svga.js';
import { SvgaFormatError, readMovieEntity } from '../../../src/svga/movie-entity.js';
import { kitchenSinkMovie } from '../../server/gifts/kitchen-sink.js';

/** A protobuf varint (non-negative). */
function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

const tag = (field: number, wire: number) => varint(field * 8 + wire);
/** A length-delimited field holding `bytes`. */
const field = (id: number, bytes: number[]) => [...tag(id, 2), ...varint(bytes.length), ...bytes];
/** Movie params that make a playable movie, so a failure is the damaged part's. */
const params = field(2, [...tag(1, 5), 0, 0, 0x80, 0x3f, ...tag(2, 5), 0, 0, 0x80, 0x3f, ...tag(4, 0), 1]);

const movie = encodeMovie(kitchenSinkMovie());
const read = (bytes: number[] | Uint8Array, strictUtf8 = false) =>
  readMovieEntity(Uint8Array.from(bytes), { strictUtf8 });

/** Every way a file can be damaged, each after valid fields (so the reader is in the middle of real data). */
const damaged: [string, number[]][] = [
  ['a truncated tag', [0x80]],
  ['a truncated varint value', [...tag(99, 0), 0xff, 0xff]],
  ['a varint longer than ten bytes', [...tag(99, 0), ...new Array<number>(10).fill(0xff), 1]],
  ['a tag longer than ten bytes', [...new Array<number>(10).fill(0x80), 0]],
  ['field number 0', [0x00, 0]],
  ['field number 0, length-delimited', [0x02, 0]],
  ['field number 0 in a sub-message', field(4, [0x00, 0])],
  ['a length beyond the data', [...tag(4, 2), ...varint(1_000)]],
  ['a length of 2³² − 1', [...tag(4, 2), 0xff, 0xff, 0xff, 0xff, 0x0f]],
  ['a truncated fixed32', [...tag(2, 2), ...varint(3), ...tag(1, 5), 0, 0]],
  ['a truncated unknown fixed64', [...tag(99, 1), 1, 2, 3]],
  ['a truncated unknown fixed32', [...tag(99, 5), 1]],
  ['a field that overruns its sub-message', [...tag(2, 2), ...varint(2), ...tag(1, 5), 0, 0, 0x80, 0x3f]],
  ['a known field with the wrong wire type', [...tag(5, 0), 0]],
  ['a known scalar with the wrong wire type', [...tag(1, 0), 0]],
  ['wire type 6', [...tag(9, 6), 0]],
  ['wire type 7', [...tag(9, 7), 0]],
  ['an end-group without a group', [...tag(9, 4)]],
  ['an unterminated group', [...tag(9, 3), ...tag(1, 0), 5]],
  ['groups nested 100,000 deep', new Array<number[]>(100_000).fill(tag(9, 3)).flat()],
];

describe('the SVGA protobuf reader', () => {
  it('fails every class of damaged data with SvgaFormatError, strict about UTF-8 or not', () => {
    for (const strictUtf8 of [false, true]) {
      for (const [what, bytes] of damaged) {
        assert.throws(() => read([...params, ...bytes], strictUtf8), SvgaFormatError, what);
        assert.throws(() => read([...movie, ...bytes], strictUtf8), SvgaFormatError, `${what}, after a whole movie`);
      }
    }
  });

  it('reads every cut of a movie as the fields before it, or fails with SvgaFormatError', () => {
    let refused = 0;
    for (let length = 0; length < movie.length; length++) {
      try {
        const cut = read(movie.subarray(0, length));
        // A cut between two top-level fields is a valid, shorter message.
        assert.ok(cut.sprites.length <= 2 && cut.audios.length === 0, `cut at ${length}`);
      } catch (error) {
        assert.ok(error instanceof SvgaFormatError, `cut at ${length}: ${String(error)}`);
        refused++;
      }
    }
    assert.ok(refused > movie.length - 10, `${refused} of ${movie.length} cuts refused`);
  });

  it('reads a movie with any byte changed, or fails with SvgaFormatError', () => {
    // A fixed generator: the same corruptions on every run.
    let seed = 0x2545f491;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 3_000; i++) {
      const bytes = movie.slice();
      for (let n = 1 + (next() % 3); n > 0; n--) bytes[next() % bytes.length] = next() & 0xff;
      try {
        read(bytes, i % 2 === 0);
      } catch (error) {
        assert.ok(error instanceof SvgaFormatError, `corruption ${i}: ${String(error)}`);
      }
    }
  });

  it('skips unknown fields of every wire type, groups included', () => {
    const unknown = [
      ...[...tag(99, 0), ...varint(300)],
      ...[...tag(98, 1), 1, 2, 3, 4, 5, 6, 7, 8],
      ...field(97, [0x78, 0x79, 0x7a]),
      ...[...tag(96, 3), ...tag(1, 0), 7, ...field(2, [0x41]), ...tag(5, 3), ...tag(5, 4), ...tag(96, 4)],
      ...[...tag(95, 5), 1, 2, 3, 4],
    ];
    // Inside a sub-message too: a sprite with an unknown field before its image key.
    const sprite = field(4, [...unknown, ...field(1, [0x78])]);
    assert.deepEqual(read([...unknown, ...movie, ...unknown]), read(movie));
    assert.equal(read(sprite).sprites[0]?.imageKey, 'x');
  });

  it('reads an int32 as its low 32 bits, signed, however long its varint', () => {
    const audio = (value: number[]) => read(field(5, [...tag(2, 0), ...value])).audios[0]?.startFrame;
    assert.equal(audio([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), -1);
    assert.equal(audio([0x85, 0x80, 0x80, 0x80, 0x10]), 5, '2³² + 5');
    assert.equal(audio([0x80, 0x80, 0x80, 0x80, 0x08]), -2147483648);
  });

  it('reads a string that is not UTF-8 with U+FFFD, or refuses it when strict, in every string field', () => {
    const bad = [
      [0xff, 0xfe],
      [0xc3, 0x28],
      [0xed, 0xa0, 0x80], // a lone surrogate
      [0xc0, 0xaf], // an overlong "/"
      [0x61, 0xe2, 0x82], // a sequence cut off at the end
    ];
    for (const text of bad) {
      const movies: [string, number[], (m: ReturnType<typeof read>) => string | undefined][] = [
        ['version', field(1, text), (m) => m.version],
        ['image key', field(3, field(1, text)), (m) => Object.keys(m.images)[0]],
        ['sprite image key', field(4, field(1, text)), (m) => m.sprites[0]?.imageKey],
        ['matte key', field(4, field(3, text)), (m) => m.sprites[0]?.matteKey],
        ['clip path', field(4, field(2, field(4, text))), (m) => m.sprites[0]?.frames[0]?.clipPath],
        ['shape path', field(4, field(2, field(5, field(2, field(1, text))))), (m) => pathOf(m)],
        ['audio key', field(5, field(1, text)), (m) => m.audios[0]?.audioKey],
      ];
      for (const [what, bytes, value] of movies) {
        assert.ok(value(read(bytes))?.includes('\uFFFD'), `${what}: ${text.join(' ')}`);
        assert.throws(() => read(bytes, true), SvgaFormatError, `${what}: ${text.join(' ')}, strict`);
      }
    }
  });

  it('keeps a leading U+FEFF, so a string reads back as it was written', () => {
    const bom = [0xef, 0xbb, 0xbf, 0x32];
    assert.equal(read(field(1, bom)).version, '\uFEFF2');
    assert.equal(read(field(1, bom), true).version, '\uFEFF2');
  });

  it('keeps an image keyed like an Object.prototype member as an image, not a prototype', () => {
    const entry = (key: string) => field(3, [...field(1, [...new TextEncoder().encode(key)]), ...field(2, [7])]);
    const { images } = read([...entry('__proto__'), ...entry('constructor'), ...entry('toString')]);
    assert.equal(Object.getPrototypeOf(images), Object.prototype);
    assert.deepEqual(Object.keys(images), ['__proto__', 'constructor', 'toString']);
    for (const key of Object.keys(images)) assert.deepEqual(images[key], Uint8Array.of(7), key);
  });

  it("names a shape's set oneof member in args, as protobufjs does, and reads absent parts as proto3 defaults", () => {
    const shape = (parts: number[]) => read(field(4, field(2, field(5, parts)))).sprites[0]?.frames[0]?.shapes[0];
    assert.deepEqual(shape([]), { type: 0, shape: null, rect: null, ellipse: null, styles: null, transform: null });
    assert.equal(shape(field(3, []))?.args, 'rect');
    // The last member set wins; one seen again keeps its place.
    assert.equal(shape([...field(2, []), ...field(4, [])])?.args, 'ellipse');
    assert.equal(shape([...field(2, []), ...field(4, []), ...field(2, [])])?.args, 'ellipse');
    assert.deepEqual(read([]), { version: '', params: null, images: {}, sprites: [], audios: [] });
  });
});

function pathOf(m: ReturnType<typeof read>): string | undefined {
  const shape = m.sprites[0]?.frames[0]?.shapes[0];
  return shape?.shape?.d;
}
