// `huayu search … --format csv|jsonl` over the seed: every match on stdout,
// in the order of the JSON response, links to HUAYU_BASE_URL or localhost.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUAYU_BIN, ROOT } from '../helpers/corpora.js';
import { csvRows, jsonLines } from '../helpers/exports.js';
import { tempDir } from '../helpers/tempDir.js';

const BIN = HUAYU_BIN;
const indexDir = tempDir('cli-export');

function huayu(env: Record<string, string>, ...args: string[]) {
  // The defaults unless a test sets them: no base URL, port 3000.
  const { HUAYU_BASE_URL: _base, PORT: _port, ...inherited } = process.env;
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...inherited, HUAYU_INDEX: indexDir, HUAYU_CORPUS: path.join(ROOT, 'corpus'), ...env },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr.toString() };
}

describe('huayu search --format', () => {
  it('writes every match of 招商 项目 as CSV, in the order of search --json, linking to localhost by default', () => {
    const json = JSON.parse(huayu({}, 'search', '招商 项目', '--json', '--limit', '100').stdout.toString());
    const r = huayu({}, 'search', '招商 项目', '--format', 'csv');
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows).toHaveLength(json.total);
    expect(rows.map((row) => [row.id, row.match])).toEqual(json.hits.map((h: { id: string; match: string }) => [h.id, h.match]));
    expect(rows[0]!.permalink).toBe(`http://localhost:3000/documents/zhangye-2024-01-15#${rows[0]!.id!.split(':')[1]!}`);
    expect(r.stderr).not.toContain('limit');
  });

  it('writes JSONL with permalinks on HUAYU_BASE_URL', () => {
    const r = huayu({ HUAYU_BASE_URL: 'https://huayu.example/' }, 'search', '营商环境', '--format', 'jsonl');
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(13);
    expect(lines[0]!.permalink).toMatch(/^https:\/\/huayu\.example\/documents\/zhangye-2024-01-15#p\d+$/u);
  });

  it('refuses a --max that is not a whole number from 1 to 1,000,000, and an unknown --format', () => {
    for (const max of ['0', 'abc', '1000001']) {
      const r = huayu({}, 'search', '营商环境', '--format', 'csv', '--max', max);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`option '--max <n>' argument '${max}' is invalid`);
    }
    expect(huayu({}, 'search', '营商环境', '--format', 'xlsx').stderr).toContain('Allowed choices are csv, jsonl');
  });
});

describe('huayu quote and search --format csl-json|bibtex|ris', () => {
  it('prints a checked quote as BibTeX that citation-js reads back with the speaker and the quote', async () => {
    const { parseCitations } = await import('../../src/export/citationJs.js');
    const r = huayu({}, 'quote', '大力发展夜间经济', '--format', 'bibtex');
    expect(r.code, r.stderr).toBe(0);
    const [item] = parseCitations(r.stdout.toString());
    expect(item).toMatchObject({ note: '大力发展夜间经济', author: [{ family: '梁顺海' }] });
    expect(String(item!.URL)).toMatch(/^http:\/\/localhost:3000\/documents\/zhangye-2024-01-15#p24:~:text=/u);
  });

  it('prints one RIS record a hit shown, and exits 2 naming --match past the last match', async () => {
    const { parseCitations } = await import('../../src/export/citationJs.js');
    const r = huayu({}, 'search', '营商环境', '--format', 'ris', '--limit', '5');
    expect(parseCitations(r.stdout.toString())).toHaveLength(5);
    const past = huayu({}, 'quote', '大力发展夜间经济', '--format', 'ris', '--match', '9');
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('there is no match 9');
  });
});
