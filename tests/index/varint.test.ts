import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeGaps, VarintWriter } from '../../src/index/varint.js';

/** An ascending list as VarintWriter.list writes it, without its length. */
function gapBytes(ids: number[]): Uint8Array {
  const w = new VarintWriter();
  let prev = 0;
  for (const id of ids) {
    w.write(id - prev);
    prev = id;
  }
  return w.done();
}

describe('decodeGaps', () => {
  it('reads back ascending lists with gaps of one to five bytes, up to 2^32 - 1', () => {
    const edges = [0, 127, 128, 16_383, 16_384, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 32 - 1];
    const bytes = gapBytes(edges);
    const out = new Uint32Array(edges.length);
    expect(decodeGaps(bytes, 0, bytes.length, edges.length, out, 0)).toBe(bytes.length);
    expect(Array.from(out)).toEqual(edges);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 40 }), (xs) => {
        const ids = [...xs].sort((a, b) => a - b);
        const b = gapBytes(ids);
        const o = new Uint32Array(ids.length + 2);
        expect(decodeGaps(b, 0, b.length, ids.length, o, 2)).toBe(b.length);
        expect(Array.from(o.subarray(2))).toEqual(ids);
      }),
    );
  });

  it('says -1 for a varint cut at the end of its bytes or longer than 32 bits', () => {
    const out = new Uint32Array(2);
    expect(decodeGaps(Uint8Array.of(0x80), 0, 1, 1, out, 0)).toBe(-1);
    expect(decodeGaps(Uint8Array.of(5, 0x81), 0, 2, 2, out, 0)).toBe(-1);
    expect(decodeGaps(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0x01), 0, 6, 1, out, 0)).toBe(-1);
    expect(decodeGaps(Uint8Array.of(3), 0, 1, 2, out, 0)).toBe(-1);
    // Five bytes, but 34 bits.
    expect(decodeGaps(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f), 0, 5, 1, out, 0)).toBe(-1);
  });
});
