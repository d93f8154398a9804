// jieba's IDF table read without a Map of its words: the same value for every
// word, and the same mean for an unknown one, as a Map filled line by line;
// and the same table again from the bytes the build writes.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import nodejieba from 'nodejieba';
import { describe, expect, it, vi } from 'vitest';
import { IdfTable, type IdfSource } from '../../src/analysis/idfTable.js';
import { writeIdfTable } from '../../src/analysis/segment.js';
import { tempDir } from '../helpers/tempDir.js';

const JIEBA_IDF = (nodejieba as unknown as { DEFAULT_IDF_DICT: string }).DEFAULT_IDF_DICT;
const SOURCE: IdfSource = { bytes: 5998717, mtimeMs: 1700000000000.5 };

/** The reading it replaces: a Map set line by line, the mean over every line. */
function asMap(file: string): { idf: Map<string, number>; average: number } {
  const idf = new Map<string, number>();
  let sum = 0;
  for (const line of file.split('\n')) {
    const sp = line.lastIndexOf(' ');
    if (sp <= 0) continue;
    const v = Number(line.slice(sp + 1));
    idf.set(line.slice(0, sp), v);
    sum += v;
  }
  return { idf, average: idf.size ? sum / idf.size : 10 };
}

describe('the IDF table', () => {
  it("gives every word of jieba's idf.utf8 its value, and unknown words the mean", () => {
    const file = readFileSync(JIEBA_IDF, 'utf8');
    const map = asMap(file);
    const table = IdfTable.parse(file);
    expect(table.size).toBe(map.idf.size);
    expect(table.average).toBe(map.average);
    const wrong = [...map.idf].filter(([w, v]) => table.get(w) !== v);
    expect(wrong).toEqual([]);
    for (const w of ['营商环境不存在', '𠮷野家', '', '的的']) expect(table.get(w)).toBe(map.idf.get(w));
  });

  it('reads any file as the Map did: repeated words take their last value, lines without a value are skipped', () => {
    const word = fc.constantFrom('中国', '发展', '𠮷', '合 作', 'a', '中', '营商环境', ' ');
    const line = fc.oneof(
      fc.tuple(word, fc.double({ min: 0, max: 20, noNaN: true })).map(([w, v]) => `${w} ${v}`),
      word,
      fc.constant(''),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(word, { maxLength: 5 }), (lines, asked) => {
        const file = lines.join('\n');
        const map = asMap(file);
        const table = IdfTable.parse(file);
        expect(table.size).toBe(map.idf.size);
        expect(table.average).toBe(map.average);
        for (const w of [...map.idf.keys(), ...asked]) expect(table.get(w)).toBe(map.idf.get(w));
      }),
    );
  });

  it("opens the bytes it wrote as the same table, every word of jieba's file with its value", () => {
    const file = readFileSync(JIEBA_IDF, 'utf8');
    const map = asMap(file);
    const table = IdfTable.fromBytes(IdfTable.parse(file).toBytes(SOURCE), SOURCE)!;
    expect(table.size).toBe(map.idf.size);
    expect(table.average).toBe(map.average);
    expect([...map.idf].filter(([w, v]) => table.get(w) !== v)).toEqual([]);
    for (const w of ['营商环境不存在', '𠮷野家', '', '的的']) expect(table.get(w)).toBe(map.idf.get(w));
  });

  it("opens any file's table from its bytes, at any alignment, as the file itself reads", () => {
    const word = fc.constantFrom('中国', '发展', '𠮷', '合 作', 'a', '中', '营商环境', ' ', '\ud842');
    const line = fc.oneof(fc.tuple(word, fc.double({ min: 0, max: 20, noNaN: true })).map(([w, v]) => `${w} ${v}`), word, fc.constant(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(word, { maxLength: 5 }), fc.integer({ min: 0, max: 7 }), (lines, asked, shift) => {
        const file = lines.join('\n');
        const parsed = IdfTable.parse(file);
        const bytes = parsed.toBytes(SOURCE);
        // The same bytes at an offset that is not a multiple of 8 within their buffer.
        const shifted = new Uint8Array(bytes.length + shift);
        shifted.set(bytes, shift);
        const table = IdfTable.fromBytes(shifted.subarray(shift), SOURCE)!;
        expect(table.size).toBe(parsed.size);
        expect(table.average).toBe(parsed.average);
        for (const w of [...asMap(file).idf.keys(), ...asked]) expect(table.get(w)).toBe(parsed.get(w));
      }),
    );
  });

  it('opens no table written for another idf.utf8', () => {
    const bytes = IdfTable.parse('中国 2.5\n发展 3.5').toBytes(SOURCE);
    expect(IdfTable.fromBytes(bytes, { ...SOURCE, bytes: SOURCE.bytes + 1 })).toBeNull();
    expect(IdfTable.fromBytes(bytes, { ...SOURCE, mtimeMs: SOURCE.mtimeMs + 1 })).toBeNull();
  });

  it('names what is wrong with bytes that do not hold a whole table', () => {
    const bytes = IdfTable.parse('中国 2.5\n发展 3.5\n营商环境 7.25').toBytes(SOURCE);
    const headEnd = 4 + bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString('utf8', 4, headEnd)) as Record<string, unknown>;
    const withHeader = (changes: Record<string, unknown>) => {
      const text = JSON.stringify({ ...header, ...changes });
      // Another header of the same length keeps the arrays where they were.
      return Buffer.concat([bytes.subarray(0, 4), Buffer.from(text.padEnd(headEnd - 4)), bytes.subarray(headEnd)]);
    };
    const slotsAt = headEnd + (header.values as number) * 8 + (header.starts as number) * 4;
    const fullSlots = Buffer.from(bytes);
    fullSlots.fill(0, slotsAt, slotsAt + (header.slots as number) * 4);
    const outside = Buffer.from(bytes);
    outside.writeInt32LE(99, slotsAt + 4 * Array.from({ length: header.slots as number }, (_, i) => bytes.readInt32LE(slotsAt + 4 * i)).findIndex((k) => k >= 0));
    const cases: Array<[Uint8Array, RegExp]> = [
      [bytes.subarray(0, 3), /shorter than its header/],
      [bytes.subarray(0, headEnd - 1), /shorter than its header/],
      [bytes.subarray(0, bytes.length - 2), /shorter than its header says/],
      [Buffer.concat([bytes, Buffer.from([0, 0])]), /2 bytes after the table/],
      [Buffer.concat([bytes.subarray(0, 4), Buffer.from('{'.padEnd(headEnd - 4)), bytes.subarray(headEnd)]), /header is not JSON/],
      [withHeader({ slots: 3 }), /header is inconsistent/],
      [withHeader({ count: 2 }), /2 words in its slots|3 words in its slots, its header says 2/],
      [fullSlots, /words in its slots/],
      [outside, /a slot points outside the table/],
    ];
    for (const [damaged, why] of cases) expect(() => IdfTable.fromBytes(damaged, SOURCE), String(why)).toThrow(why);
  });

  it('is written by the build once for the idf.utf8 installed, and again over a damaged file, with a warning naming it', () => {
    const file = path.join(tempDir('idf'), 'jieba-idf.bin');
    expect(writeIdfTable(file)).toBe(true);
    expect(writeIdfTable(file)).toBe(false);
    const written = readFileSync(file);
    writeFileSync(file, written.subarray(0, written.length - 10));
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(writeIdfTable(file)).toBe(true);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(file), expect.objectContaining({ code: 'IDF_TABLE_DAMAGED' }));
    } finally {
      warn.mockRestore();
    }
    expect(readFileSync(file).equals(written)).toBe(true);
  });
});
