// jieba's IDF table read without a Map of its words: the same value for every
// word, and the same mean for an unknown one, as a Map filled line by line.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import nodejieba from 'nodejieba';
import { describe, expect, it } from 'vitest';
import { IdfTable } from '../../src/analysis/idfTable.js';

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
    const file = readFileSync((nodejieba as unknown as { DEFAULT_IDF_DICT: string }).DEFAULT_IDF_DICT, 'utf8');
    const map = asMap(file);
    const table = new IdfTable(file);
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
        const table = new IdfTable(file);
        expect(table.size).toBe(map.idf.size);
        expect(table.average).toBe(map.average);
        for (const w of [...map.idf.keys(), ...asked]) expect(table.get(w)).toBe(map.idf.get(w));
      }),
    );
  });
});
