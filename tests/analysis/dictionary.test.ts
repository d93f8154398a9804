// patches/ replaces nodejieba's dictionary trie (hash maps) with sorted arrays
// and a table of first characters: the words must stay exactly those released
// nodejieba 3.5.8 gives. The expected file was written by the released,
// unpatched library (tests/fixtures/segmentation/generate.cjs), not by huayu.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addWords, segmentChinese, segmentForSearch } from '../../src/analysis/segment.js';

const require = createRequire(import.meta.url);
const { INSERTED, inputLines } = require('../fixtures/segmentation/inputs.cjs') as { INSERTED: string[]; inputLines(): string[] };
const expected = readFileSync(new URL('../fixtures/segmentation/released-3.5.8.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => l.split('\t') as [string, string]);

describe('the patched dictionary', () => {
  addWords(INSERTED);
  const lines = inputLines();

  it('segments every line of the seed and layout fixtures exactly as released nodejieba 3.5.8 does', () => {
    expect(lines.length).toBe(expected.length);
    const differing = lines
      .map((line, i) => ({ line, cut: segmentChinese(line).join('|'), search: segmentForSearch(line).join('|'), want: expected[i]! }))
      .filter((r) => r.cut !== r.want[0] || r.search !== r.want[1]);
    expect(differing).toEqual([]);
  });

  it('keeps words inserted after the load whole, whatever their first character (outside the BMP, new to the dictionary)', () => {
    expect(segmentChinese('𠮷野家的牛肉饭和㐀㐁测试，还有话语检索。')).toEqual(['𠮷野家', '的', '牛肉', '饭', '和', '㐀㐁测试', '，', '还有', '话语检索', '。']);
    // Search mode still finds the dictionary words inside an inserted one.
    expect(segmentForSearch('话语检索')).toEqual(['话语', '检索', '话语检索']);
  });
});
