// Done-when of issue 15's result sets: a search for 台湾 over the seed and the
// real transcripts exports every match as CSV and JSONL, the count equal to
// the total, in the order of the pages, through the API and the CLI.

import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { CORPUS, HAS_SHARED, HUAYU_BIN, realEngine, ROOT, SHARED_REAL, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';
import { csvRows, getRaw, jsonLines, pagedHits, q, type PagedHit } from '../helpers/exports.js';
import { tempDir } from '../helpers/tempDir.js';

const BIN = HUAYU_BIN;
const TAIWAN = `q=${q('台湾')}`;

describe.skipIf(!HAS_SHARED)('exporting 台湾 over seed + ../shared/corpus-real', () => {
  let app: ReturnType<typeof createApp>;
  let total: number;
  let hits: PagedHit[];
  beforeAll(async () => {
    app = createApp({ engine: await realEngine(), logger: pino({ level: 'silent' }) });
    ({ total, hits } = await pagedHits(app, TAIWAN));
  });

  it('exports every match of 台湾 as CSV, the row count equal to total, in the order of the pages of /api/search', async () => {
    // More than a page of 100 (191 when written), few enough for the default limit to hold them all.
    expect(total).toBeGreaterThan(100);
    expect(total).toBeLessThanOrEqual(DEFAULTS.search.maxExport);
    const { res, bytes } = await getRaw(app, `/api/search?${TAIWAN}&format=csv`);
    expect(res.headers).toMatchObject({ 'x-huayu-total': String(total), 'x-huayu-truncated': 'false' });
    const rows = csvRows(bytes);
    expect(rows).toHaveLength(total);
    expect(rows.map((r) => r.id)).toEqual(hits.map((h) => h.id));
    expect(rows.map((r) => [r.match, Number(r.start), Number(r.end), r.text])).toEqual(hits.map((h) => [h.match, h.start, h.end, h.text]));
  });

  it('exports every match of 台湾 as JSONL, one line a match, in the order of the pages', async () => {
    const lines = jsonLines((await getRaw(app, `/api/search?${TAIWAN}&format=jsonl`)).bytes);
    expect(lines).toHaveLength(total);
    expect(lines.map((l) => l.id)).toEqual(hits.map((h) => h.id));
  });

  describe('through the CLI', () => {
    let env: NodeJS.ProcessEnv;
    beforeAll(() => {
      // One corpus folder as realEngine reads it: the seed, and the real transcripts under real/ (ids real.<folder>.<file>).
      const corpus = tempDir('export-corpus');
      cpSync(CORPUS, corpus, { recursive: true });
      cpSync(SHARED_REAL, path.join(corpus, 'real'), { recursive: true });
      env = { ...process.env, HUAYU_CORPUS: corpus, HUAYU_INDEX: tempDir('export-index'), HUAYU_BASE_URL: 'https://huayu.example' };
    });
    const huayu = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, maxBuffer: 64 << 20 });

    it('exports every match of 台湾 through the CLI, as CSV and JSONL on stdout, as the API does', () => {
      const csv = huayu('search', '台湾', '--format', 'csv');
      expect(csv.status, csv.stderr.toString()).toBe(0);
      const rows = csvRows(csv.stdout);
      expect(rows.map((r) => r.id)).toEqual(hits.map((h) => h.id));
      expect(rows[0]!.permalink).toMatch(/^https:\/\/huayu\.example\/documents\/[^#]+#p\d+$/u);
      const jsonl = huayu('search', '台湾', '--format', 'jsonl');
      expect(jsonLines(jsonl.stdout).map((l) => l.id)).toEqual(hits.map((h) => h.id));
    });

    it('cuts the CLI export at --max and says on stderr how to get the rest', () => {
      const cut = huayu('search', '台湾', '--format', 'csv', '--max', '100');
      expect(cut.status).toBe(0);
      expect(csvRows(cut.stdout).map((r) => r.id)).toEqual(hits.slice(0, 100).map((h) => h.id));
      expect(cut.stderr.toString()).toContain(`exported 100 of ${total} matches, the limit; --max ${total} exports them all`);
    });

    it('stays quiet and exits 0 when the reader of an export stops early (| head)', () => {
      // Every passage of the corpus (some 2 MB of CSV): far more than a pipe holds, so head closes it mid-export.
      const all = `"${process.execPath}" "${BIN}" search "" --from 2000 --format csv --max 1000000`;
      const r = spawnSync('bash', ['-c', `set -o pipefail; ${all} | head -n 3`], { cwd: ROOT, env });
      expect(r.status, r.stderr.toString()).toBe(0);
      expect(r.stdout.toString().split('\n')).toHaveLength(4);
      expect(r.stderr.toString()).not.toMatch(/error|EPIPE/iu);
    });
  });
});

if (!HAS_SHARED) console.warn(`exportReal: ${SHARED_SKIP_MESSAGE}`);
