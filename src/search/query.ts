// A query: `"quoted phrases"` that must occur verbatim (after normalization)
// and free parts separated by white space, each matched either through word
// tokens (scattered) or as a contiguous string (a phrase match, ranked first).

import { matchForm } from '../analysis/normalize.js';
import type { Segmenter } from '../analysis/segmenter.js';
import { chineseRuns, tokensFromCuts } from '../analysis/tokenize.js';

export interface QueryPart {
  /** As typed. */
  raw: string;
  /** Normalized, punctuation and spaces removed: what a contiguous match looks for. */
  compact: string;
  /** Index terms of the part (no sub-words: the index holds those for every longer word). */
  terms: string[];
}

export interface ParsedQuery {
  phrases: QueryPart[];
  parts: QueryPart[];
}

const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/gu;

/** The quoted phrases of a query (in any of the quote marks people type) and what stands outside them. */
export function splitQuoted(q: string): { phrases: string[]; rest: string } {
  const phrases: string[] = [];
  const rest = q.replace(QUOTED, (_m, a?: string, b?: string, c?: string, d?: string) => {
    phrases.push(a ?? b ?? c ?? d ?? '');
    return ' ';
  });
  return { phrases, rest };
}

/** Splits a query into phrases and parts; the Chinese of all of them is segmented in one request. */
export async function parseQuery(q: string, segmenter: Segmenter): Promise<ParsedQuery> {
  const { phrases: phraseTexts, rest } = splitQuoted(q);
  const partTexts = rest.split(/[\s\u3000]+/u).filter(Boolean);
  const texts = [...phraseTexts, ...partTexts];
  const runs = texts.map(chineseRuns);
  const cuts = await segmenter.cut(runs.flat());
  let at = 0;
  const all = texts.map((raw, i): QueryPart => {
    const mine = cuts.slice(at, at + runs[i]!.length);
    at += runs[i]!.length;
    return { raw, compact: matchForm(raw), terms: [...new Set(tokensFromCuts(raw, mine).map((t) => t.term))] };
  });
  return {
    phrases: all.slice(0, phraseTexts.length).filter((p) => p.compact.length > 0),
    parts: all.slice(phraseTexts.length).filter((p) => p.compact.length > 0 || p.terms.length > 0),
  };
}

const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/**
 * True when every passage whose words include the part holds it as one contiguous string: a single
 * word of two Han characters or more, segmented out of a run of Han characters that the compact text
 * keeps whole. The part's contiguous list is then all its passages, and its word list adds none.
 */
export function heldAsString(part: QueryPart): boolean {
  return part.terms.length === 1 && part.terms[0] === part.compact && HAN_WORD.test(part.compact);
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.phrases.length === 0 && q.parts.length === 0;
}

/** Every string whose occurrences a hit marks: whole parts and phrases, and each term. */
export function needles(q: ParsedQuery): string[] {
  const out = new Set<string>();
  for (const p of [...q.phrases, ...q.parts]) {
    if (p.compact) out.add(p.compact);
  }
  for (const p of q.parts) for (const t of p.terms) out.add(matchForm(t));
  out.delete('');
  return [...out];
}
