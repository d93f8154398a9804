// A search result as the CLI prints it (src/cli/format.ts).

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import { search } from '../../src/search/search.js';
import { formatHit } from '../../src/cli/format.js';
import { FIXTURES, filesFrom, SEED } from '../helpers/corpora.js';

describe('formatHit', () => {
  it('names a spokesperson the transcript leaves unnamed once, and a named speaker with the title', async () => {
    const engine = await buildIndex(filesFrom({ layouts: path.join(FIXTURES, 'layouts'), '': path.dirname(SEED) }), { threads: 0 });
    const [unnamed] = (await search(engine, { q: '双重威胁', doc: 'layouts.mofcom-004' })).hits;
    expect(formatHit(unnamed!, 1, false).split('\n')[0]).toMatch(/^\[1\] 商务部新闻发言人 · answer · /u);
    const [named] = (await search(engine, { q: '夜间经济', speaker: '梁顺海' })).hits;
    expect(formatHit(named!, 1, false).split('\n')[0]).toMatch(/^\[1\] 梁顺海（张掖市商务局局长） · /u);
  });
});
