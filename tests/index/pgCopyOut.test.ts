// Reading a binary COPY's rows (src/index/postgres/copyOut.ts), against the
// writer's own encoding of them (copyRows.ts); the database's side is in
// pgStore and pgDerived, whose loads read through it.

import { describe, expect, it } from 'vitest';
import { bytesIn, CopyReader, int4Of, parseCopy, textOf } from '../../src/index/postgres/copyOut.js';
import { encoded, type Columns } from '../../src/index/postgres/copyRows.js';

const COLUMNS: Columns = [
  ['n', 'int4'],
  ['text', 'text'],
  ['bytes', 'bytea'],
];
const ROWS = [
  [0, '汪文斌说：𠮷野家', Buffer.from([0, 255, 1, 128])],
  [-7, '', Buffer.alloc(0)],
  [2 ** 31 - 1, 'plain', Buffer.from('PGCOPY')],
] as const;
const stream = () => Buffer.concat([...encoded(COLUMNS, ROWS)]);

describe('parseCopy', () => {
  it('reads back each row the writer encodes: integers, text with a character outside the BMP, bytes', () => {
    const rows = parseCopy(stream()).map(([n, text, bytes]) => [int4Of(n), textOf(text), bytesIn(bytes)]);
    expect(rows).toEqual(ROWS.map((r) => [...r]));
  });

  it('reads the same rows whatever chunks the stream arrives in, a count, a length or a field split between them', () => {
    const whole = stream();
    const expected = parseCopy(whole);
    for (const size of [1, 2, 3, 5, 7, 19, 20, 64]) {
      const reader = new CopyReader();
      for (let at = 0; at < whole.length; at += size) reader.push(whole.subarray(at, at + size));
      expect(reader.end(), `chunks of ${size}`).toEqual(expected);
    }
  });

  it("writes a field where the caller places it, and into memory of its own where the place is not the field's size", () => {
    const into = Buffer.alloc(4);
    const reader = new CopyReader((row, field, fields, length) => (field === fields - 1 ? (row === 0 ? into : Buffer.alloc(length + 1)) : null));
    reader.push(stream());
    const rows = reader.end();
    expect(rows[0]![2]!.buffer).toBe(into.buffer);
    expect(into).toEqual(ROWS[0][2]);
    expect(rows[2]![2]).toEqual(ROWS[2][2]);
  });

  it('reads no row from a stream of none', () => {
    expect(parseCopy(Buffer.concat([...encoded(COLUMNS, [])]))).toEqual([]);
  });

  it('names a stream cut anywhere before its trailer, rather than returning the rows before the cut', () => {
    const whole = stream();
    for (let end = 0; end < whole.length; end++) {
      expect(() => parseCopy(whole.subarray(0, end)), `cut at ${end}`).toThrow(/^pg-store: a COPY's binary output (lacks its signature|ends inside a (row|field))$/u);
    }
  });

  it('names a field of the wrong kind or missing', () => {
    const [[n, text]] = parseCopy(stream()) as [Array<Buffer | null>];
    expect(() => int4Of(text)).toThrow(/integer field is 25 bytes/u);
    expect(() => int4Of(null)).toThrow(/integer field is null/u);
    expect(() => textOf(undefined)).toThrow(/text field is undefined/u);
    expect(() => bytesIn(null)).toThrow(/bytea field is null/u);
    expect(int4Of(n)).toBe(0);
  });
});
