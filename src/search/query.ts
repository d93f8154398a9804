// A query: `"quoted phrases"` that must occur verbatim (after normalization)
// and free parts separated by white space, each matched either through word
// tokens (scattered) or as a contiguous string (a phrase match, ranked first).

import { matchForm } from '../analysis/normalize.js';
import { analyze } from '../analysis/tokenize.js';

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

function part(raw: string): QueryPart {
  return { raw, compact: matchForm(raw), terms: [...new Set(analyze(raw).map((t) => t.term))] };
}

export function parseQuery(q: string): ParsedQuery {
  const phrases: QueryPart[] = [];
  const rest = q.replace(QUOTED, (_m, a?: string, b?: string, c?: string, d?: string) => {
    phrases.push(part(a ?? b ?? c ?? d ?? ''));
    return ' ';
  });
  const parts = rest
    .split(/[\s\u3000]+/u)
    .filter(Boolean)
    .map(part);
  return {
    phrases: phrases.filter((p) => p.compact.length > 0),
    parts: parts.filter((p) => p.compact.length > 0 || p.terms.length > 0),
  };
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
