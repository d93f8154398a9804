// Shared by the golden tests of tests/parse/layouts: finds the passage of a
// source line (by the first characters of the line, or by its line number when
// the same line occurs twice, as photo captions do) and compares who speaks it,
// its kind and the exchanges with what the test writer read in the file.
//
// Lines are resolved against the text itself first, so a typo in a test's
// prefix ("no line starts with…") is told apart from a parser that made the
// line something else ("line 12 is not a passage").

import { expect } from 'vitest';
import { parseTranscript } from '../../../src/parse/parseTranscript.js';
import { layoutText, LAYOUTS_SKIP_MESSAGE } from '../../helpers/layouts.js';

export type Doc = ReturnType<typeof parseTranscript>;
export type Passage = Doc['passages'][number];
export type Kind = Passage['kind'];
export type Speaker = NonNullable<Passage['speaker']>;

/** A source line: by the first characters of its (trimmed) text, or by its 1-based line number in the file. */
export type Where = string | number;

/** [line, kind, speaker] — speaker null for lines nobody speaks (captions, headings, narration without a byline). */
export type TurnRow = readonly [Where, Kind, Speaker | null];

export interface ExchangeRow {
  /** The question's line. */
  q: Where;
  /** Every answer passage of the exchange, in order. */
  a: readonly Where[];
  answeredBy: string | null;
}

export interface SourceLine {
  /** 1-based line number in the file. */
  no: number;
  start: number;
  end: number;
  text: string;
}

// ASCII white space, U+3000, NBSP, BOM (all in \s) and the zero-width space.
const BLANK = /[\s\u200b]/u;

/** The non-blank lines of the text, trimmed, with their offsets and line numbers. */
export function sourceLines(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  const breaks = /\r\n|\n|\r/gu;
  let from = 0;
  let no = 1;
  for (;;) {
    const m = breaks.exec(text);
    const to = m ? m.index : text.length;
    let s = from;
    let e = to;
    while (s < e && BLANK.test(text[s]!)) s++;
    while (e > s && BLANK.test(text[e - 1]!)) e--;
    if (e > s) out.push({ no, start: s, end: e, text: text.slice(s, e) });
    if (!m) break;
    from = m.index + m[0].length;
    no++;
  }
  return out;
}

/** The one source line at `where`; a prefix shared by several lines must equal one of them exactly. */
export function sourceLine(text: string, where: Where): SourceLine {
  const lines = sourceLines(text);
  if (typeof where === 'number') {
    const line = lines.find((l) => l.no === where);
    if (!line) throw new Error(`test data: line ${where} is blank or beyond the end of the file`);
    return line;
  }
  const hits = lines.filter((l) => l.text.startsWith(where));
  if (hits.length === 1) return hits[0]!;
  if (hits.length === 0) throw new Error(`test data: no line of the file starts with «${where}»`);
  const exact = hits.filter((l) => l.text === where);
  if (exact.length === 1) return exact[0]!;
  throw new Error(`test data: «${where}» starts lines ${hits.map((l) => l.no).join(', ')}; use a longer prefix or a line number`);
}

function show(where: Where): string {
  return typeof where === 'number' ? `line ${where}` : `«${where}»`;
}

/** The passage that is exactly the source line at `where`; throws a clear error when the line is no passage. */
export function passageAt(doc: Doc, text: string, where: Where): Passage {
  const line = sourceLine(text, where);
  const p = doc.passages.find((x) => x.span.start === line.start);
  if (!p) {
    const inMeta = doc.meta.some((m) => m.start <= line.start && line.end <= m.end);
    throw new Error(`line ${line.no} (${show(where)}) is not a passage${inMeta ? ' (it is in doc.meta)' : ''}: ${line.text.slice(0, 40)}`);
  }
  if (p.span.end !== line.end || !text.slice(p.span.start, p.span.end).startsWith(line.text)) {
    throw new Error(`passage ${p.n} starts at line ${line.no} (${show(where)}) but is not exactly that line`);
  }
  return p;
}

/** As the brief words it: the passage whose line starts with `prefix`. */
export function passageStarting(doc: Doc, text: string, prefix: string): Passage {
  return passageAt(doc, text, prefix);
}

/** Every labelled row: kind and the full speaker object (soft, so one run lists every wrong row). */
export function expectTurns(doc: Doc, text: string, rows: readonly TurnRow[]): void {
  for (const [where, kind, speaker] of rows) {
    const p = passageAt(doc, text, where);
    expect.soft({ at: show(where), kind: p.kind, speaker: p.speaker }).toEqual({ at: show(where), kind, speaker });
  }
}

/** A line that is not speech: no passage starting with it has a speaker (it may be metadata instead). */
export function expectNoSpeaker(doc: Doc, text: string, where: Where): void {
  const line = sourceLine(text, where);
  const found = doc.passages.filter((p) =>
    typeof where === 'number' ? p.span.start === line.start : text.slice(p.span.start, p.span.end).startsWith(where),
  );
  for (const p of found) {
    expect.soft({ at: show(where), kind: p.kind, speaker: p.speaker }).toEqual({ at: show(where), kind: p.kind, speaker: null });
    expect.soft(['question', 'answer', 'statement'], `${show(where)} is not a turn`).not.toContain(p.kind);
  }
}

/** A header field, byline, imprint, title or date line: no passage starts with it, and doc.meta covers it. */
export function expectMeta(doc: Doc, text: string, where: Where): void {
  const line = sourceLine(text, where);
  const passages = doc.passages
    .filter((p) => (typeof where === 'number' ? p.span.start === line.start : text.slice(p.span.start, p.span.end).startsWith(where)))
    .map((p) => `passage ${p.n}: ${text.slice(p.span.start, p.span.end).slice(0, 30)}`);
  expect.soft(passages, `${show(where)} must not be a passage`).toEqual([]);
  const covered = doc.meta.some((m) => m.start <= line.start && line.end <= m.end);
  expect.soft(covered, `${show(where)} (line ${line.no}) must lie in a doc.meta span`).toBe(true);
}

/** The exchanges of the document, all of them, in order: question, answers and who answered. */
export function expectExchanges(doc: Doc, text: string, rows: readonly ExchangeRow[]): void {
  const want = rows.map((r) => ({
    question: passageAt(doc, text, r.q).n,
    answers: r.a.map((w) => passageAt(doc, text, w).n),
    answeredBy: r.answeredBy,
  }));
  const got = doc.exchanges.map((e) => ({ question: e.question, answers: e.answers, answeredBy: e.answeredBy }));
  expect(got).toEqual(want);
  // Each question and answer passage points back at its exchange.
  rows.forEach((r, i) => {
    for (const w of [r.q, ...r.a]) expect.soft({ at: show(w), exchange: passageAt(doc, text, w).exchange }).toEqual({ at: show(w), exchange: i });
  });
}

/** Words after the label: `text.slice(bodyStart, span.end)` starts with `body`. */
export function expectBody(doc: Doc, text: string, where: Where, body: string): void {
  const p = passageAt(doc, text, where);
  expect({ at: show(where), body: text.slice(p.bodyStart, p.span.end).slice(0, body.length) }).toEqual({ at: show(where), body });
}

/** Each non-blank line is exactly one passage or lies inside doc.meta, never both, never neither. */
export function expectEveryLineAccounted(doc: Doc, text: string): void {
  const problems: string[] = [];
  for (const line of sourceLines(text)) {
    const asPassage = doc.passages.filter((p) => p.span.start === line.start && p.span.end === line.end).length;
    const asMeta = doc.meta.some((m) => m.start <= line.start && line.end <= m.end) ? 1 : 0;
    if (asPassage + asMeta !== 1) problems.push(`line ${line.no}: ${asPassage} passage(s), ${asMeta ? 'in' : 'not in'} meta: ${line.text.slice(0, 20)}`);
  }
  expect(problems).toEqual([]);
}

export interface LayoutCase {
  rel: string;
  /** True when the file is neither in tests/fixtures/layouts nor in ../shared: skip its tests. */
  missing: boolean;
  readonly text: string;
  /** Parsed on first use, so a parser that throws fails the tests that need it, not the whole file. */
  readonly doc: Doc;
}

/** `mod/001.txt` → its text and (lazily) its parse; warns with LAYOUTS_SKIP_MESSAGE when the file is absent. */
export function layoutCase(rel: string): LayoutCase {
  const text = layoutText(rel);
  if (text === null) console.warn(`${rel}: ${LAYOUTS_SKIP_MESSAGE}`);
  let doc: Doc | null = null;
  return {
    rel,
    missing: text === null,
    get text(): string {
      if (text === null) throw new Error(`${rel} is absent`);
      return text;
    },
    get doc(): Doc {
      doc ??= parseTranscript(rel.replace(/\.txt$/u, '').replace('/', '.'), this.text);
      return doc;
    },
  };
}
