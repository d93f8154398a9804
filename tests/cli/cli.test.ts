// The CLI as a user runs it: the compiled bin, in a child process.
// `npm test` builds dist/ first (pretest).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUAYU_BIN, ROOT, SEED } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

const BIN = HUAYU_BIN;
const indexDir = tempDir('cli');

function huayu(...args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HUAYU_INDEX: indexDir, HUAYU_CORPUS: path.join(ROOT, 'corpus') },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('huayu CLI', () => {
  it('is built (npm test builds it first)', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it('runs as the bin package.json names, executed as npm links it: executable, by its shebang', () => {
    // tsc writes 0644, and "npx huayu" once failed with "Permission denied" in a fresh clone (found
    // by trying the README there). Not run through npx here: npx installs the project into
    // ~/.npm/_npx the first time, and that runs its prepare script, a rebuild of dist/ under the
    // tests that spawn it.
    const res = spawnSync(BIN, ['--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Usage: huayu');
  });

  it('keeps the paths earlier versions named as bin runnable, as npx still links them there', () => {
    // npx links a project's own bin into ~/.npm/_npx/<hash of the folder's path> once and never
    // relinks it (npm/cli#9766): after the bin was renamed, CI's folder ran "npx huayu" into
    // "huayu: not found" (exit 127).
    for (const earlier of ['dist/src/cli/main.js', 'dist/bundle/huayu.mjs']) {
      const res = spawnSync(path.join(ROOT, earlier), ['--help'], { cwd: ROOT, encoding: 'utf8' });
      expect(res.error, earlier).toBeUndefined();
      expect(res.status, earlier).toBe(0);
      expect(res.stdout).toContain('Usage: huayu');
    }
  });

  it('index: builds the index into HUAYU_INDEX and prints a summary line per file', () => {
    const r = huayu('index');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/indexed 1 documents, 35 passages/u);
    expect(r.stdout).toContain('zhangye-2024-01-15.txt  city-briefing  35 passages  ok');
    expect(existsSync(path.join(indexDir, 'manifest.json'))).toBe(true);
  });

  it('search --json: prints the same response as the API', () => {
    const r = huayu('search', '夜间经济', '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.total).toBe(1);
    expect(res.hits[0].speaker.name).toBe('梁顺海');
    expect(res.hits[0].highlight).toContain('<mark>夜间经济</mark>');
  });

  it('search --speaker: only that speaker, marks shown as 【】 when not on a terminal', () => {
    const r = huayu('search', '营商环境', '--speaker', '张成琦');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('【营商环境】');
    const heads = r.stdout.split('\n').filter((l) => l.startsWith('['));
    expect(heads.length).toBeGreaterThan(0);
    for (const h of heads) expect(h).toContain('张成琦');
  });

  it('quote: says not found for a changed figure and shows the diff and the citation', () => {
    const r = huayu('quote', '开设张掖老街等各类夜市摊位3000余个');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('未找到 (not found)');
    expect(r.stdout).toContain('开设张掖老街等各类夜市摊位[-2-][+3+]000余个');
    expect(r.stdout).toContain('梁顺海（张掖市商务局局长）在2024年1月15日');
  });

  it('quote --json: prints the same response as the API', () => {
    const r = huayu('quote', '大力发展夜间经济', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ found: true, exact: true });
  });

  it('speakers: lists who spoke, with passage counts', () => {
    const r = huayu('speakers');
    expect(r.stdout).toMatch(/郝文年\tofficial\t9 passages in 1 documents/u);
  });

  it('parse --json: prints the parsed document', () => {
    const r = huayu('parse', SEED, '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc.passages).toHaveLength(35);
    expect(doc.editor).toBe('郑文');
  });

  it('parse: prints the roster with where each entry was found, and every turn with speaker, role, kind and how it was attributed', () => {
    const r = huayu('parse', path.join(ROOT, 'tests/fixtures/layouts/mod-002.txt'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('roster:');
    expect(lines.find((l) => l.includes('official: 蒋斌'))).toMatch(/蒋斌（国防部 新闻发言人）\s+found: lead@\d+ label@\d+/u);
    expect(lines.find((l) => l.startsWith('turns:'))).toMatch(/label \d+.*continuation \d+.*caption \d+/u);
    expect(lines.find((l) => l.startsWith('p2\t'))).toBe('p2\tstatement\t蒋斌（国防部 新闻发言人）/official\tlabel\t蒋斌：首先，我发布两条消息。');
    expect(lines.find((l) => l.startsWith('p3\t'))).toBe('p3\theading\t-\theading\t第一条消息');
  });

  it('exits 2 with a named error for a missing file', () => {
    const r = huayu('parse', 'no/such/file.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[FILE_NOT_FOUND]');
  });

  it('exits 2 with CORPUS_NOT_FOUND when the corpus folder is missing', () => {
    const r = spawnSync(process.execPath, [BIN, 'search', 'x'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, HUAYU_CORPUS: path.join(indexDir, 'missing'), HUAYU_INDEX: indexDir },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('[CORPUS_NOT_FOUND]');
  });
});
