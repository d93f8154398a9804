// Metamorphic test of the turn parser: rewriting only the SHAPE of the speaker
// labels of a real transcript (indent, colon width, brackets, label alone on its
// line, markdown, title + name, script) must leave every attribution unchanged.
// The variants are built from the parse of the original (labelVariants.ts); the
// assertion compares the original's and the variant's sequences of
// [body, kind, speaker name, role, title, org] and reports the first difference.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import { FIXTURES, readText, SEED } from '../helpers/corpora.js';
import { HAS_LAYOUTS, LAYOUTS_SKIP_MESSAGE, SHARED_LAYOUTS } from '../helpers/layouts.js';
import {
  colon,
  fullBracket,
  indentLines,
  isTitledBareName,
  isTraditional,
  keep,
  labelAlone,
  labelTurns,
  markdownBold,
  markdownHeading,
  rewriteLabels,
  squareBracket,
  titleAndName,
  toSimplified,
  toTraditional,
  type Doc,
  type LabelTurn,
  type Shape,
} from './labelVariants.js';

// ── Sources ─────────────────────────────────────────────────────────────────
interface Source {
  name: string;
  text: string;
  doc: Doc;
  turns: LabelTurn[];
}

function source(name: string, file: string): Source {
  const text = readText(file);
  const doc = parseTranscript(name, text);
  return { name, text, doc, turns: labelTurns(text, doc) };
}

const txtFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();

function fixtureSources(): Source[] {
  const out = [source('corpus/zhangye-2024-01-15.txt', SEED)];
  for (const sub of ['mfa', 'layouts']) {
    for (const f of txtFiles(path.join(FIXTURES, sub))) out.push(source(`fixtures/${sub}/${f}`, path.join(FIXTURES, sub, f)));
  }
  return out;
}

/** ../shared/corpus-layouts/*\/*.txt (the files copied into tests/fixtures/layouts are tested there already). */
function sharedSources(): Source[] {
  const out: Source[] = [];
  for (const dir of readdirSync(SHARED_LAYOUTS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of txtFiles(path.join(SHARED_LAYOUTS, dir.name))) {
      if (txtFiles(path.join(FIXTURES, 'layouts')).includes(`${dir.name}-${f}`)) continue;
      out.push(source(`shared/${dir.name}/${f}`, path.join(SHARED_LAYOUTS, dir.name, f)));
    }
  }
  return out;
}

// ── Comparison ──────────────────────────────────────────────────────────────
type Row = readonly [body: string, kind: string, name: string | null, role: string | null, title: string | null, org: string | null];
type Norm = (s: string) => string;
const same: Norm = (s) => s;

/**
 * The attributed passages. A passage with an empty body (a label line kept as a
 * passage with nothing after it) is dropped, as are meta lines: a label alone on
 * its line may become meta or an empty passage, the body line carries the turn.
 */
function attributions(text: string, doc: Doc, norm: Norm = same): Row[] {
  return doc.passages
    .map((p): Row => {
      const s = p.speaker;
      const n = (v: string | undefined) => (v === undefined ? null : norm(v));
      return [norm(text.slice(p.bodyStart, p.span.end).trim()), p.kind, n(s?.name), s?.role ?? null, n(s?.title), n(s?.org)];
    })
    .filter((r) => r[0] !== '');
}

interface Difference {
  /** 0-based index into the attributed passages. */
  at: number;
  expected: Row | null;
  actual: Row | null;
  counts: string;
}

const clip = (body: string): string => (body.length > 30 ? `${body.slice(0, 30)}…` : body);
const short = (r: Row | undefined): Row | null => (r ? [clip(r[0]), r[1], r[2], r[3], r[4], r[5]] : null);

/** The first passage whose attribution differs, or null when both sequences are equal. */
function firstDifference(expected: Row[], actual: Row[]): Difference | null {
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (JSON.stringify(expected[i]) !== JSON.stringify(actual[i])) {
      return { at: i, expected: short(expected[i]), actual: short(actual[i]), counts: `${expected.length} expected, ${actual.length} found` };
    }
  }
  return null;
}

// ── Variants ────────────────────────────────────────────────────────────────
interface Form {
  form: string;
  /** The variant text, or null when the form does not apply to this source. */
  make: (s: Source) => string | null;
  /**
   * Script variants: the converter that made the variant. The original's rows go
   * through it too, then both sides to Simplified (a round trip cn→tw→cn is not the
   * identity: 显著 → tw→cn gives 显着, cn→tw→cn gives 显著).
   */
  convert?: Norm;
}

const relabel = (form: string, shape: Shape): Form => ({ form, make: (s) => (s.turns.length ? rewriteLabels(s.text, s.turns, shape) : null) });

const BEHAVIOURS: Array<{ it: string; forms: Form[] }> = [
  { it: 'keeps every attribution when lines are indented with two U+3000', forms: [{ form: 'indent 　　', make: (s) => indentLines(s.text) }] },
  {
    it: 'keeps every attribution when label colons switch between full and half width',
    forms: [relabel('colon ：', colon('：')), relabel('colon :', colon(':')), relabel('colon ": "', colon(': '))],
  },
  { it: 'keeps every attribution when labels are written in brackets', forms: [relabel('【X】body', fullBracket), relabel('[X] body', squareBracket)] },
  { it: 'keeps every attribution when a label stands alone on its line', forms: [relabel('X：⏎body', labelAlone)] },
  { it: 'keeps every attribution when labels are marked up in markdown', forms: [relabel('### X：⏎body', markdownHeading), relabel('**X：**body', markdownBold)] },
  {
    it: 'keeps every attribution when a bare name label gains its org and title',
    forms: [{ form: 'org+title+name：', make: (s) => (s.turns.some(isTitledBareName) ? rewriteLabels(s.text, s.turns, titleAndName) : null) }],
  },
  {
    it: 'keeps every attribution when the text is converted to the other script',
    forms: [
      { form: 'cn→tw', make: (s) => toTraditional(s.text), convert: toTraditional },
      { form: 'tw→cn', make: (s) => (isTraditional(s.text) ? toSimplified(s.text) : null), convert: toSimplified },
    ],
  },
];

/** Every applicable variant of every source: the first difference of each, null when none. */
function check(sources: Source[], forms: Form[]): void {
  let checked = 0;
  for (const s of sources) {
    for (const f of forms) {
      const variant = f.make(s);
      if (variant === null || variant === s.text) continue;
      checked++;
      const conv = f.convert;
      const expected = attributions(s.text, s.doc, conv ? (x) => toSimplified(conv(x)) : same);
      const diff = firstDifference(expected, attributions(variant, parseTranscript(s.name, variant), conv ? toSimplified : same));
      expect.soft(diff, `${s.name} — ${f.form}`).toBeNull();
    }
  }
  expect(checked, 'no source has a label of this kind that the parser recognised').toBeGreaterThan(0);
}

function labelShapeSuite(sources: () => Source[]): void {
  let all: Source[] = [];
  const get = () => (all.length ? all : (all = sources()));

  it('finds a speaker label in every source (else the label variants test nothing)', () => {
    for (const s of get()) expect.soft(s.turns.length, `${s.name}: no labelled passage`).toBeGreaterThan(0);
  });

  it('rebuilds every source byte for byte when every label is kept', () => {
    for (const s of get()) expect(rewriteLabels(s.text, s.turns, keep) === s.text, s.name).toBe(true);
  });

  for (const b of BEHAVIOURS) it(b.it, () => check(get(), b.forms));
}

describe('label shapes: seed, Foreign Ministry and copied layouts', () => {
  labelShapeSuite(fixtureSources);

  it('detects a label rewritten to name another speaker, so the comparison can fail', () => {
    const s = source('fixtures/mfa/fyrbt-100.txt', path.join(FIXTURES, 'mfa/fyrbt-100.txt'));
    const target = s.turns.find((t) => t.core === '林剑')!;
    const variant = rewriteLabels(s.text, s.turns, (t) => (t === target ? '毛宁：' : keep(t)));
    const diff = firstDifference(attributions(s.text, s.doc), attributions(variant, parseTranscript(s.name, variant)));
    expect(diff).not.toBeNull();
    expect(diff!.expected![2]).toBe('林剑');
    expect(diff!.actual![2]).toBe('毛宁');
    expect(firstDifference(attributions(s.text, s.doc), attributions(s.text, parseTranscript(s.name, s.text)))).toBeNull();
  });
});

describe.skipIf(!HAS_LAYOUTS)('label shapes: ../shared/corpus-layouts', () => {
  labelShapeSuite(sharedSources);
});

if (!HAS_LAYOUTS) console.warn(`labelShapes: ${LAYOUTS_SKIP_MESSAGE}`);
