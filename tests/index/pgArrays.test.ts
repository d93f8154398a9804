import { describe, expect, it } from 'vitest';
import { elementWords } from '../../src/index/postgres/listEncoding.js';

/** An integer[] as PostgreSQL's array_send writes it: dimensions, null flag, element type, then per dimension its length and lower bound, then per element a length and its value, all big-endian. */
function arraySend(values: number[]): Buffer {
  const b = Buffer.alloc(20 + 8 * values.length);
  b.writeInt32BE(1, 0);
  b.writeInt32BE(0, 4);
  b.writeInt32BE(23, 8);
  b.writeInt32BE(values.length, 12);
  b.writeInt32BE(1, 16);
  values.forEach((v, i) => {
    b.writeInt32BE(4, 20 + 8 * i);
    b.writeInt32BE(v, 24 + 8 * i);
  });
  return b;
}

function valuesOf(array: Buffer): number[] {
  const { words, first } = elementWords(array);
  const out: number[] = [];
  for (let w = first + 1; w < words.length; w += 2) out.push(words[w]!);
  return out;
}

describe('elementWords', () => {
  const values = [0, 5, -1, 2 ** 31 - 1, -(2 ** 31), 123456 * 16 + 7];

  it('reads the values of an integer[] in array_send form', () => {
    expect(valuesOf(arraySend(values))).toEqual(values);
  });

  it('reads them from bytes that do not start on a multiple of four, as a small Buffer from the pool may', () => {
    const sent = arraySend(values);
    for (const shift of [1, 2, 3]) {
      const padded = Buffer.alloc(sent.length + shift);
      sent.copy(padded, shift);
      const unaligned = padded.subarray(shift);
      expect(unaligned.byteOffset % 4).not.toBe(0);
      expect(valuesOf(unaligned)).toEqual(values);
    }
  });

  it('reads an empty array, which has no dimensions', () => {
    const empty = Buffer.alloc(12);
    empty.writeInt32BE(23, 8);
    expect(valuesOf(empty)).toEqual([]);
  });
});
