// Invariant: every non-blank character of a transcript belongs to exactly one
// passage or to the document's metadata, and each span cuts the original text
// back to that passage exactly.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBlank } from '../../src/parse/lines.js';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import { splitLines } from '../../src/parse/lines.js';
import type { TranscriptDocument } from '../../src/parse/types.js';
import { CORPUS, FIXTURES, HAS_SHARED, readText, SHARED_REAL, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';
import { HAS_LAYOUTS, SHARED_LAYOUTS } from '../helpers/layouts.js';

function transcripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(dir, f))
    .sort();
}

function checkNothingLost(file: string): string[] {
  const text = readText(file);
  return problemsOf(text, parseTranscript(path.basename(file), text));
}

/** Returns the problems found; empty when the invariant holds. */
function problemsOf(text: string, doc: TranscriptDocument): string[] {
  const owner = new Int32Array(text.length).fill(-1);
  const problems: string[] = [];
  const spans = [...doc.passages.map((p, i) => ({ ...p.span, who: i })), ...doc.meta.map((m, i) => ({ start: m.start, end: m.end, who: 100000 + i }))];
  for (const s of spans) {
    for (let i = s.start; i < s.end; i++) {
      if (owner[i] !== -1) problems.push(`offset ${i} in two spans`);
      owner[i] = s.who;
    }
  }
  for (let i = 0; i < text.length; i++) {
    if (owner[i] === -1 && !isBlank(text[i]!)) problems.push(`offset ${i} (${text[i]}) in no passage`);
  }
  // Each passage is exactly one line of the source, trimmed.
  const lines = new Map(splitLines(text).map((l) => [l.start, l.text]));
  for (const p of doc.passages) {
    if (lines.get(p.span.start) !== text.slice(p.span.start, p.span.end)) problems.push(`passage ${p.n} is not a whole line`);
    if (p.bodyStart < p.span.start || p.bodyStart > p.span.end) problems.push(`passage ${p.n} body outside its span`);
  }
  return problems.slice(0, 5);
}

describe('nothing is lost', () => {
  it('holds for every transcript in corpus/ and tests/fixtures', () => {
    for (const file of [...transcripts(CORPUS), ...transcripts(FIXTURES)]) {
      expect({ file, problems: checkNothingLost(file) }).toEqual({ file, problems: [] });
    }
  });

  it.skipIf(!HAS_SHARED)('holds for every transcript in ../shared/corpus-real', () => {
    const files = transcripts(SHARED_REAL);
    expect(files.length).toBe(116);
    for (const file of files) expect({ file, problems: checkNothingLost(file) }).toEqual({ file, problems: [] });
  });

  it.skipIf(!HAS_LAYOUTS)('holds for every transcript in ../shared/corpus-layouts', () => {
    const files = transcripts(SHARED_LAYOUTS);
    expect(files.length).toBe(14);
    for (const file of files) expect({ file, problems: checkNothingLost(file) }).toEqual({ file, problems: [] });
  });

  it('reports a passage that lost its last character, so the check can fail', () => {
    const text = readText(path.join(CORPUS, 'zhangye-2024-01-15.txt'));
    const doc = parseTranscript('seed', text);
    doc.passages[3]!.span.end -= 1;
    expect(problemsOf(text, doc).length).toBeGreaterThan(0);
  });
});

if (!HAS_SHARED) console.warn(`nothingLost: ${SHARED_SKIP_MESSAGE}`);
