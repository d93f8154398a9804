// The FlexSearch 0.8 Document index over passages: the word field and the
// tags. Our analyzer has already produced the terms, so the field's `encode`
// only splits them apart again: FlexSearch uses tokens exactly as returned
// (a stray " " token would make an AND query return nothing), and the query
// side passes its terms the same way. fastupdate is off: it keeps a register
// from every passage to every list it is in, the bulk of the memory, for fast
// single-document updates we do not need.
//
// Tag fields speaker, topic and kind answer "which passages carry this
// value" (a document's passages are a range the engine holds: Engine.firstOf).
// FlexSearch ORs every tag pair given in one search, across fields too
// ({speaker, kind} returns passages by the speaker OR of that kind), and a
// single unknown value empties the whole result, so the search module asks
// one tag at a time and intersects itself.

import { Document } from 'flexsearch';
import { TERM_SEPARATOR } from '../../analysis/tokenize.js';
import { holds } from '../sortedLists.js';
import type { WordLists } from './postings.js';

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
}

export type PassageIndex = Document<PassageEntry>;

export function createPassageIndex(): PassageIndex {
  return new Document<PassageEntry>({
    fastupdate: false,
    document: {
      id: 'id',
      index: [{ field: 'words', encode: splitTokens, resolution: 9 }],
      tag: ['speaker', 'topic', 'kind'],
    },
  });
}

type Results = Array<{ result: number[] }>;

/** Per-index scratch counters for matchAll: a stamp per passage instead of clearing. */
interface Scratch {
  stamp: Uint32Array;
  count: Uint16Array;
  now: number;
}
const scratch = new WeakMap<WordLists, Scratch>();

/**
 * Ids of passages holding every term, in FlexSearch's order (where in the
 * passage the terms stand): slot by slot, term by term, a passage is placed
 * when its last term is met — exactly FlexSearch 0.8's `intersect` with
 * `resolve`, which counts in a plain object and took 5 of every 9 ms of a
 * search at 100 MB. Here the counts are typed arrays; a test checks that the
 * lists equal FlexSearch's own on every query it tries.
 */
export function matchAll(words: WordLists, tokens: readonly string[], limit: number): Uint32Array {
  const terms = [...new Set(tokens.filter((t) => t.length > 0))];
  if (terms.length === 0 || limit <= 0) return new Uint32Array(0);
  const { resolution } = words;
  const lists: Array<ReadonlyArray<ArrayLike<number> | undefined>> = [];
  for (const t of terms) {
    const slots = words.slots(t);
    if (!slots || !slots.slice(0, resolution).some((ids) => ids && ids.length)) return new Uint32Array(0);
    lists.push(slots);
  }
  // Written into a typed array of the exact size: a common word's 120,000 ids pushed onto a
  // growing array cost more than the rest of its search.
  if (lists.length === 1) {
    let n = 0;
    for (let y = 0; y < resolution; y++) n += lists[0]![y]?.length ?? 0;
    const out = new Uint32Array(Math.min(n, limit));
    let at = 0;
    for (let y = 0; y < resolution && at < out.length; y++) {
      const ids = lists[0]![y];
      if (!ids) continue;
      const take = Math.min(ids.length, out.length - at);
      out.set(take === ids.length ? ids : Array.prototype.slice.call(ids, 0, take), at);
      at += take;
    }
    return out;
  }
  const s = scratchFor(words);
  const now = ++s.now;
  const last = lists.length - 1;
  // No passage holds every term more often than the rarest term's list is long.
  let room = Infinity;
  for (const slots of lists) {
    let n = 0;
    for (let y = 0; y < resolution; y++) n += slots[y]?.length ?? 0;
    room = Math.min(room, n);
  }
  const out = new Uint32Array(Math.min(room, limit));
  let at = 0;
  for (let y = 0; y < resolution; y++) {
    for (const slots of lists) {
      const ids = slots[y];
      if (!ids) continue;
      for (let z = 0; z < ids.length; z++) {
        const id = ids[z]!;
        if (id >= s.stamp.length) grow(s, id);
        let seen = 0;
        if (s.stamp[id] === now) seen = s.count[id]!;
        else s.stamp[id] = now;
        s.count[id] = seen + 1;
        if (seen === last) {
          out[at++] = id;
          if (at === out.length) return out;
        }
      }
    }
  }
  return out.subarray(0, at);
}

/**
 * matchAll(words, tokens) keeping only the ids of `among` (in any order), in the
 * same order, found by searching each of `among` in the terms' slots when that
 * is cheaper than walking the lists. matchAll places a passage when its last
 * term is met, slot by slot and term by term: at the highest slot any of its
 * terms stands in, after the last term (in query order) standing there, then
 * by id. The order here is that key, computed for `among` alone.
 */
export function matchAmong(words: WordLists, tokens: readonly string[], among: ArrayLike<number>): Uint32Array {
  const terms = [...new Set(tokens.filter((t) => t.length > 0))];
  if (terms.length === 0 || among.length === 0) return new Uint32Array(0);
  const { resolution } = words;
  const lists: Array<ReadonlyArray<ArrayLike<number> | undefined>> = [];
  let walk = 0;
  let probe = 0;
  for (const t of terms) {
    const slots = words.slots(t);
    if (!slots) return new Uint32Array(0);
    lists.push(slots);
    for (let y = 0; y < resolution; y++) {
      const n = slots[y]?.length ?? 0;
      walk += n;
      if (n) probe += among.length * Math.log2(n + 1);
    }
  }
  if (walk <= probe) {
    const inAmong = new Set(Array.from(among));
    return matchAll(words, terms, Number.MAX_SAFE_INTEGER).filter((id) => inAmong.has(id));
  }
  const keys: Array<[slot: number, term: number, id: number]> = [];
  for (const id of new Set(Array.from(among))) {
    let slot = -1;
    let term = -1;
    for (let t = 0; t < lists.length && term >= -1; t++) {
      let at = -1;
      for (let y = 0; y < resolution && at < 0; y++) if (holds(lists[t]![y], id)) at = y;
      if (at < 0) term = -2;
      else if (at >= slot) [slot, term] = [at, t];
    }
    if (term >= 0) keys.push([slot, term, id]);
  }
  keys.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return Uint32Array.from(keys, (k) => k[2]);
}

function scratchFor(words: WordLists): Scratch {
  let s = scratch.get(words);
  if (!s) {
    s = { stamp: new Uint32Array(0), count: new Uint16Array(0), now: 0 };
    scratch.set(words, s);
  }
  return s;
}

/** Room for passage `id`: the counters grow with the passages a query meets, never by walking the index. */
function grow(s: Scratch, id: number): void {
  const size = Math.max(id + 1, s.stamp.length * 2, 1024);
  const stamp = new Uint32Array(size);
  stamp.set(s.stamp);
  const count = new Uint16Array(size);
  count.set(s.count);
  s.stamp = stamp;
  s.count = count;
}

/** The same question asked of FlexSearch itself: the reference matchAll is tested against. */
export function matchAllByFlexSearch(index: PassageIndex, tokens: readonly string[], limit: number): number[] {
  if (tokens.length === 0) return [];
  const res = index.search({ query: joinTokens(tokens), index: 'words', limit }) as unknown as Results;
  return res[0]?.result ?? [];
}

export async function exportIndex(index: PassageIndex): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  await index.export((key: string, data: string) => {
    if (data !== undefined && data !== null) parts.set(key, data);
  });
  return parts;
}
