// The Traditional → Simplified table is generated from opencc-js (scripts/generate-simplified-table.mjs)
// so that no process loads OpenCC's dictionaries to read it: it must stay what opencc-js says.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simplifiedPairs } from '../../scripts/generate-simplified-table.mjs';
import { TRADITIONAL_SIMPLIFIED_PAIRS } from '../../src/parse/simplifiedTable.js';
import { simplified } from '../../src/parse/script.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('the Traditional → Simplified table', () => {
  it('holds exactly the characters the installed opencc-js converts one for one (run the generator after an update)', () => {
    expect(TRADITIONAL_SIMPLIFIED_PAIRS).toBe(simplifiedPairs());
  });

  it('converts character for character and leaves the rest as written, outside the BMP too', () => {
    expect(simplified('臺灣記者會𠮷野家ＡＢ')).toBe('台湾记者会𠮷野家ＡＢ');
  });

  it('is read without opencc-js: no module huayu runs imports it', () => {
    const root = new URL('../../src/', import.meta.url).pathname;
    const importing = sourceFiles(root).filter((f) => /from ['"]opencc-js['"]/u.test(readFileSync(f, 'utf8')));
    expect(importing).toEqual([]);
  });
});
