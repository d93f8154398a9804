import { describe, expect, it } from 'vitest';
import { encoded } from '../../src/index/postgres/copyRows.js';
import { elementWords, entryCount, sentEntries, storedEntries, type Entries } from '../../src/index/postgres/listEncoding.js';

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

function entriesOf(e: Entries): number[] {
  const out: number[] = [];
  for (let w = e.from; w < e.words.length; w += e.step) out.push(e.words[w]!);
  return out;
}

describe('the entries of a list, sent by array_send or stored as words', () => {
  const values = [0, 5, 2 ** 31 - 1, 123456 * 16 + 7];

  it('reads and counts the same entries from an integer[] as sent and from the bytes a words column stores', () => {
    // The field COPY writes for one row of one words column: after the signature, flags and extension (19 bytes), the field count, the length, the bytes.
    const copied = Buffer.concat([...encoded([['keys', 'words']], [[values]])]);
    const length = copied.readInt32BE(21);
    const stored = copied.subarray(25, 25 + length);
    expect(length).toBe(4 * values.length);
    expect(entriesOf(storedEntries(stored))).toEqual(values);
    expect(entriesOf(sentEntries(arraySend(values)))).toEqual(values);
    expect(entryCount(storedEntries(stored))).toBe(values.length);
    expect(entryCount(sentEntries(arraySend(values)))).toBe(values.length);
  });

  it('reads no entry from an empty list in either form', () => {
    const empty = Buffer.alloc(12);
    empty.writeInt32BE(23, 8);
    expect(entryCount(sentEntries(empty))).toBe(0);
    expect(entriesOf(sentEntries(empty))).toEqual([]);
    expect(entryCount(storedEntries(Buffer.alloc(0)))).toBe(0);
  });
});
