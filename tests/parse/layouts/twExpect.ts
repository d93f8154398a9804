// Helpers for the golden tests of the Taiwan press conferences (tw-moda):
// markdown labels `### 名字：` alone on their line, the speech on the lines after.
// The expectations are written by reading the files, never copied from the parser;
// the helpers here also check the tests' own data against the source text
// (a row naming a line that is not there fails with "test data: …", not with a parser error).

import { expect } from 'vitest';
import { parseTranscript } from '../../../src/parse/parseTranscript.js';
import type { Passage, PassageKind, Speaker, TranscriptDocument } from '../../../src/parse/types.js';

export interface Parsed {
  id: string;
  text: string;
  doc: TranscriptDocument;
}

/** Parses on first use, so a parser that throws fails each test instead of the file's collection. */
export function parsedOnce(id: string, text: string | null): () => Parsed {
  let cached: Parsed | undefined;
  return () => {
    if (text === null) throw new Error(`${id}: the layout sample is absent`);
    cached ??= { id, text, doc: parseTranscript(id, text) };
    return cached;
  };
}

export const lineOf = (text: string, p: Passage): string => text.slice(p.span.start, p.span.end);

/** The source's lines, 1-based (index 0 is unused). */
export function sourceLines(text: string): string[] {
  return ['', ...text.split('\n').map((l) => l.replace(/\r$/u, ''))];
}

/** A label alone on its line: `### 唐鳳：` (or a half-width colon). Returns the label, or null. */
export function labelOf(line: string): string | null {
  const m = /^###\s*(.+?)\s*[：:]\s*$/u.exec(line);
  return m ? m[1]! : null;
}

/** Offsets [start, end) of every label line of the source. */
export function labelLineSpans(text: string): Array<{ line: number; label: string; start: number; end: number }> {
  const out: Array<{ line: number; label: string; start: number; end: number }> = [];
  let offset = 0;
  sourceLines(text).slice(1).forEach((raw, i) => {
    const label = labelOf(raw.trim());
    if (label !== null) {
      const start = offset + raw.indexOf('#');
      out.push({ line: i + 1, label, start, end: offset + raw.trimEnd().length });
    }
    offset += raw.length + 1;
  });
  return out;
}

/** Non-blank lines after the title and date lines that are not labels: each must be one passage. */
export function speechLineCount(text: string): number {
  return sourceLines(text)
    .slice(3)
    .filter((l) => l.trim() !== '' && labelOf(l.trim()) === null).length;
}

/** Source line numbers whose line starts with prefix; a line equal to prefix wins over longer ones. */
function sourceLinesStarting(text: string, prefix: string): number[] {
  const lines = sourceLines(text);
  const hits = lines.flatMap((l, i) => (i > 0 && l.trim().startsWith(prefix) ? [i] : []));
  const exact = hits.filter((i) => lines[i]!.trim() === prefix);
  return exact.length === 1 ? exact : hits;
}

/** The passage whose line starts with prefix (a passage equal to prefix wins); throws a clear error otherwise. */
export function passageStarting(t: Parsed, prefix: string): Passage {
  const src = sourceLinesStarting(t.text, prefix);
  if (src.length !== 1) {
    throw new Error(`test data: ${t.id} has ${src.length} lines starting with "${prefix}" (lines ${src.join(', ')}), want exactly 1`);
  }
  const hits = t.doc.passages.filter((p) => lineOf(t.text, p).startsWith(prefix));
  const exact = hits.filter((p) => lineOf(t.text, p) === prefix);
  const chosen = exact.length === 1 ? exact : hits;
  if (chosen.length === 0) {
    throw new Error(
      `${t.id}: no passage's line starts with "${prefix}" (source line ${src[0]}): the line became meta, was merged into another passage, or kept a label`,
    );
  }
  if (chosen.length > 1) {
    throw new Error(`${t.id}: ${chosen.length} passages start with "${prefix}" (n = ${chosen.map((p) => p.n).join(', ')}), expected one`);
  }
  return chosen[0]!;
}

export const reporter = (name: string, org: string, title = ''): Speaker => ({ name, title, org, role: 'reporter' });
export const host = (label: string): Speaker => ({ name: label, title: label, org: '', role: 'host' });
/** An official; title/org asserted only when given (the document states them next to the name). */
export const official = (name: string, stated: { title?: string; org?: string } = {}): unknown =>
  expect.objectContaining({ name, role: 'official', ...stated });
/** A speaker of whom only the name is certain (a panel guest: whether an official is not settled). */
export const named = (name: string): unknown => expect.objectContaining({ name });

export interface Turn {
  /** 1-based source line of the speech line pinned. */
  line: number;
  /** The label that governs the line: on the line above for a labelled turn, further up for a continuation. */
  label: string;
  /** The first characters of the line (the whole line when short). */
  starts: string;
  speaker: unknown;
  /** Only where the conventions settle it. */
  kind?: PassageKind;
}

/** Checks the row against the source: the line is there, and its label is the one named. */
export function checkRow(text: string, row: Turn, continuation: boolean): void {
  const lines = sourceLines(text);
  const line = lines[row.line];
  if (line === undefined || !line.trim().startsWith(row.starts)) {
    throw new Error(`test data: line ${row.line} does not start with "${row.starts}" (it is "${line?.slice(0, 30)}")`);
  }
  const above = labelOf(lines[row.line - 1]!.trim());
  if (continuation) {
    if (above !== null) throw new Error(`test data: line ${row.line} is not a continuation: line ${row.line - 1} is the label ${above}`);
    let i = row.line - 1;
    while (i > 0 && labelOf(lines[i]!.trim()) === null) i--;
    if (labelOf(lines[i]!.trim()) !== row.label) throw new Error(`test data: the label governing line ${row.line} is not ${row.label}`);
  } else if (above !== row.label) {
    throw new Error(`test data: the line above line ${row.line} is not the label ${row.label} (it is "${lines[row.line - 1]}")`);
  }
}

/** Pins speaker (and kind when given) of the passage of a row. */
export function expectTurn(t: Parsed, row: Turn, continuation = false): void {
  checkRow(t.text, row, continuation);
  const p = passageStarting(t, row.starts);
  expect(p.speaker, `${t.id} line ${row.line} (${row.label}): speaker`).toEqual(row.speaker);
  if (row.kind !== undefined) expect(p.kind, `${t.id} line ${row.line} (${row.label}): kind`).toBe(row.kind);
  // The label is on the line above: the passage is the words alone.
  expect(p.bodyStart, `${t.id} line ${row.line}: bodyStart`).toBe(p.span.start);
}

/** Distinct speaker names of all passages. */
export const speakerNames = (doc: TranscriptDocument): string[] =>
  [...new Set(doc.passages.flatMap((p) => (p.speaker ? [p.speaker.name] : [])))].sort();

/** Every label line is meta (covered by a meta span) and inside no passage. */
export function expectLabelLinesAreMeta(t: Parsed): void {
  const labels = labelLineSpans(t.text);
  expect(labels.length).toBeGreaterThan(0);
  for (const l of labels) {
    const inPassage = t.doc.passages.find((p) => p.span.start < l.end && l.start < p.span.end);
    expect(inPassage, `${t.id} line ${l.line} (### ${l.label}：) must not be in a passage`).toBeUndefined();
    const covered = t.doc.meta.some((m) => m.start <= l.start && l.end <= m.end);
    expect(covered, `${t.id} line ${l.line} (### ${l.label}：) must be in a meta span`).toBe(true);
  }
}
