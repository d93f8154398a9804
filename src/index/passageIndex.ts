// The FlexSearch 0.8 Document index over passages: the word field and the
// tags. Our analyzer has already produced the terms, so the field's `encode`
// only splits them apart again: FlexSearch uses tokens exactly as returned
// (a stray " " token would make an AND query return nothing), and the query
// side passes its terms the same way. fastupdate is off: it keeps a register
// from every passage to every list it is in, the bulk of the memory, for fast
// single-document updates we do not need.
//
// Tag fields speaker, topic, kind and doc answer "which passages carry this
// value". FlexSearch ORs every tag pair given in one search, across fields too
// ({speaker, kind} returns passages by the speaker OR of that kind), and a
// single unknown value empties the whole result, so the search module asks
// one tag at a time and intersects itself.

import { Document } from 'flexsearch';
import { TERM_SEPARATOR } from '../analysis/tokenize.js';

export function joinTokens(tokens: readonly string[]): string {
  return tokens.join(TERM_SEPARATOR);
}

function splitTokens(s: string): string[] {
  return s ? s.split(TERM_SEPARATOR).filter((t) => t.length > 0) : [];
}

export interface PassageEntry {
  [key: string]: string | number | string[];
  id: number;
  /** Distinct terms joined by TERM_SEPARATOR. */
  words: string;
  speaker: string[];
  topic: string[];
  kind: string;
  doc: string;
}

export type TagField = 'speaker' | 'topic' | 'kind' | 'doc';
export type PassageIndex = Document<PassageEntry>;

export function createPassageIndex(): PassageIndex {
  return new Document<PassageEntry>({
    fastupdate: false,
    document: {
      id: 'id',
      index: [{ field: 'words', encode: splitTokens, resolution: 9 }],
      tag: ['speaker', 'topic', 'kind', 'doc'],
    },
  });
}

type Results = Array<{ result: number[] }>;

/** Ids of passages holding every term, in FlexSearch's order (where in the passage the terms stand). */
export function matchAll(index: PassageIndex, tokens: readonly string[], limit: number): number[] {
  if (tokens.length === 0) return [];
  const res = index.search({ query: joinTokens(tokens), index: 'words', limit }) as unknown as Results;
  return res[0]?.result ?? [];
}

/** Ids of passages carrying one tag value (empty for an unknown value). */
export function withTag(index: PassageIndex, field: TagField, value: string, limit: number): number[] {
  const res = index.search({ tag: { [field]: value }, limit }) as unknown as Results;
  return res[0]?.result ?? [];
}

export async function exportIndex(index: PassageIndex): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  await index.export((key: string, data: string) => {
    if (data !== undefined && data !== null) parts.set(key, data);
  });
  return parts;
}

export function importIndex(parts: Map<string, string>): PassageIndex {
  const index = createPassageIndex();
  for (const [key, data] of parts) index.import(key, data);
  return index;
}
