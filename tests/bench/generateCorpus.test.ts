import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, loadTemplates } from '../../bench/generateCorpus.js';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import { CORPUS, FIXTURES } from '../helpers/corpora.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'huayu-gen-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const sub of readdirSync(dir)) for (const f of readdirSync(path.join(dir, sub))) out.set(`${sub}/${f}`, readFileSync(path.join(dir, sub, f), 'utf8'));
  return out;
}

describe('generateCorpus', () => {
  const templates = loadTemplates([CORPUS, path.join(FIXTURES, 'mfa')]);

  it('writes the same bytes for the same size and seed', () => {
    const a = generateCorpus(templates, 300_000, path.join(work, 'a'));
    const b = generateCorpus(templates, 300_000, path.join(work, 'b'));
    expect(a.bytes).toBeGreaterThanOrEqual(300_000);
    expect(b).toMatchObject({ files: a.files, bytes: a.bytes });
    expect(filesOf(path.join(work, 'b'))).toEqual(filesOf(path.join(work, 'a')));
  });

  it('writes both real formats, and their speakers parse as in the real files', () => {
    const files = filesOf(path.join(work, 'a'));
    const docs = [...files].map(([name, text]) => parseTranscript(name, text));
    const formats = new Set(docs.map((d) => d.format));
    expect(formats).toEqual(new Set(['city-briefing', 'mfa-briefing']));
    for (const d of docs) {
      const spoken = d.passages.filter((p) => p.kind === 'answer' || p.kind === 'question');
      expect(spoken.length, d.id).toBeGreaterThan(0);
      expect(spoken.every((p) => p.speaker !== null), d.id).toBe(true);
    }
  });
});
