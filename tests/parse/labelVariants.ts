// Label-shape variants of a real transcript: the same turns, with each speaker
// label rewritten into another shape (indent, colon width, brackets, label alone
// on its line, markdown, title + name, Traditional/Simplified script). Which lines
// carry a label is read from the parse of the original; everything else is kept
// byte for byte. Pure functions of (text, parse); used by labelShapes.test.ts.

import * as OpenCC from 'opencc-js';
import type { parseTranscript } from '../../src/parse/parseTranscript.js';

export type Doc = ReturnType<typeof parseTranscript>;

/** One speaker label of the original: text[start, bodyStart) is replaced by a variant's label. */
export interface LabelTurn {
  start: number;
  bodyStart: number;
  /** The label as written, e.g. `华春莹：`, `答: `, `### 唐鳳：`. */
  label: string;
  /** The speaker part alone: `华春莹`, `答`, `唐鳳`. */
  core: string;
  /** True when the label stands alone on its line (doc.meta field 'label') above the body. */
  alone: boolean;
  /** What lies between an alone label and its body line (the line break); '' inline. */
  gap: string;
  speaker: { name: string; title: string; org: string; role: string } | null;
}

const COLON = /[：:][ \t]*/u;

/** `### 唐鳳：` / `**X：**` / `答: ` → the speaker part; null when the text is not `<who><colon>`. */
export function labelCore(label: string): string | null {
  const m = /^\s*(?:#{1,6}\s*|\*\*)?(.+?)\s*[：:]\s*(?:\*\*)?\s*$/u.exec(label);
  return m ? m[1]! : null;
}

/** The labels of the original parse: passages with bodyStart > span.start, and label-alone meta lines. */
export function labelTurns(text: string, doc: Doc): LabelTurn[] {
  const turns: LabelTurn[] = [];
  for (const p of doc.passages) {
    const label = text.slice(p.span.start, p.bodyStart);
    const core = p.bodyStart > p.span.start ? labelCore(label) : null;
    if (core) turns.push({ start: p.span.start, bodyStart: p.bodyStart, label, core, alone: false, gap: '', speaker: p.speaker });
  }
  for (const m of doc.meta) {
    if ((m.field as string) !== 'label') continue;
    const label = text.slice(m.start, m.end);
    const core = labelCore(label);
    const body = doc.passages.find((p) => p.span.start >= m.end);
    // The body line must be the next non-blank line and carry no label of its own.
    if (!core || !body || body.bodyStart !== body.span.start || text.slice(m.end, body.span.start).trim() !== '') continue;
    turns.push({ start: m.start, bodyStart: body.span.start, label, core, alone: true, gap: text.slice(m.end, body.span.start), speaker: body.speaker });
  }
  return turns.sort((a, b) => a.start - b.start);
}

/**
 * Replaces text[start, bodyStart) of every turn by render(turn). For a label alone
 * on its line that range includes the line break, so an inline rendering joins the
 * label to its body line; `alone(...)` below puts it back on a line of its own.
 */
export function rewriteLabels(text: string, turns: LabelTurn[], render: (t: LabelTurn) => string): string {
  let out = text;
  for (const t of [...turns].sort((a, b) => b.start - a.start)) out = out.slice(0, t.start) + render(t) + out.slice(t.bodyStart);
  return out;
}

/** The original range, unchanged: rewriteLabels(text, turns, keep) === text. */
export const keep = (t: LabelTurn): string => t.label + t.gap;
const alone = (line: string): string => `${line}\n`;

// ── The shapes ──────────────────────────────────────────────────────────────
export type Shape = (t: LabelTurn) => string;

/** Same layout, another colon: ： / : / `: `. */
export const colon =
  (c: '：' | ':' | ': '): Shape =>
  (t) =>
    t.label.replace(COLON, c) + t.gap;

export const fullBracket: Shape = (t) => `【${t.core}】`;
export const squareBracket: Shape = (t) => `[${t.core}] `;
export const labelAlone: Shape = (t) => alone(`${t.core}：`);
export const markdownHeading: Shape = (t) => alone(`### ${t.core}：`);
export const markdownBold: Shape = (t) => `**${t.core}：**`;

/** A bare person name whose speaker has a title: 张晓刚 → 国防部新闻发言人张晓刚. */
export function isTitledBareName(t: LabelTurn): boolean {
  const s = t.speaker;
  return s !== null && s.role === 'official' && s.title !== '' && t.core === s.name && !s.name.includes(s.title);
}
export const titleAndName: Shape = (t) =>
  isTitledBareName(t) ? t.label.replace(t.core, `${t.speaker!.org}${t.speaker!.title}${t.core}`) + t.gap : keep(t);

// ── Whole-text variants ─────────────────────────────────────────────────────
export const indentLines = (text: string): string => text.replace(/^/gmu, '\u3000\u3000');

export const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
export const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

function changedChars(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}

/** Written in Traditional script: converting to Simplified changes more than converting to Traditional. */
export function isTraditional(text: string): boolean {
  return changedChars(text, toSimplified(text)) > changedChars(text, toTraditional(text));
}
