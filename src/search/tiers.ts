// The pieces a search is ranked from besides the strict matches: the query
// read as plain text, the short forms, what a named speaker said, passages
// holding every word as typed before those holding a short form, the filters
// for relaxed tiers, and a name's mentions.

import type { Engine } from '../index/engine.js';
import { splitQuoted } from './query.js';
import { DEFAULT_SYNONYMS, synonymTable, type SynonymTable } from './queryConventions.js';
import type { Understood } from './understand.js';

/** The query as typed, every word as text. */
export function plainUnderstanding(q: string): Understood {
  const { phrases, rest } = splitQuoted(q);
  return { speakers: [], outlets: [], words: rest.split(/[\s\u3000]+/u).filter(Boolean), phrases: phrases.filter(Boolean), dropped: [] };
}

const synonymTables = new WeakMap<Engine, SynonymTable>();

/** The built-in short forms and the corpus folder's synonyms.tsv (read when the index opened). */
export function synonymsOf(engine: Engine): SynonymTable {
  let t = synonymTables.get(engine);
  if (!t) synonymTables.set(engine, (t = synonymTable([...DEFAULT_SYNONYMS, ...(engine.synonymGroups ?? [])])));
  return t;
}

/**
 * What the named speakers said, among `keep` (null: all of it): answers and statements first, newest
 * first. The order is the engine's, computed once (a spokesperson says tens of thousands of things);
 * for one speaker and no `keep` the answer is a view of that table, to read and never to write.
 */
export function saidBy(engine: Engine, names: readonly string[], keep: ((g: number) => boolean) | null): Uint32Array {
  const { all, gids, start } = engine.saidOrder;
  const ranges = speakerNumbers(engine, names);
  if (ranges.length === 1) {
    const [from, to] = [start[ranges[0]!]!, start[ranges[0]! + 1]!];
    if (keep === null) return gids.subarray(from, to);
    const out: number[] = [];
    for (let i = from; i < to; i++) if (keep(gids[i]!)) out.push(gids[i]!);
    return Uint32Array.from(out);
  }
  // Several speakers (an office: 外交部发言人 is everyone who held it): read from every spoken
  // passage in the same order, not merged and sorted again (150,000 passages at 100 MB).
  const wanted = new Uint8Array(engine.facetTables.speakerNames.length);
  for (const sp of ranges) wanted[sp] = 1;
  const { speakerOf } = engine.facetTables;
  const out: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const g = all[i]!;
    if (wanted[speakerOf[g]!] && (keep === null || keep(g))) out.push(g);
  }
  return Uint32Array.from(out);
}

/** What the named speakers said, counted and paged in the engine's order without gathering it. */
export interface SaidView {
  count: number;
  page(from: number, size: number): Uint32Array;
}

export function saidView(engine: Engine, speakers: readonly number[]): SaidView {
  const { all, gids, start } = engine.saidOrder;
  const count = speakers.reduce((n, sp) => n + start[sp + 1]! - start[sp]!, 0);
  if (speakers.length === 1) {
    const from = start[speakers[0]!]!;
    return { count, page: (i, size) => gids.subarray(from + Math.min(i, count), from + Math.min(i + size, count)) };
  }
  const wanted = new Uint8Array(engine.facetTables.speakerNames.length);
  for (const sp of speakers) wanted[sp] = 1;
  const { speakerOf } = engine.facetTables;
  return {
    count,
    // Read until the page is full: a first page of an office stops after a few dozen passages.
    page(i, size) {
      const out: number[] = [];
      let seen = 0;
      for (let k = 0; k < all.length && out.length < size; k++) {
        if (wanted[speakerOf[all[k]!]!] && seen++ >= i) out.push(all[k]!);
      }
      return Uint32Array.from(out);
    },
  };
}

/** The speakers' numbers in the facet tables (names the index does not hold are left out). */
export function speakerNumbers(engine: Engine, names: readonly string[]): number[] {
  return names.map((n) => engine.facetTables.speakerIds.get(n)).filter((i): i is number => i !== undefined);
}

/** Passages holding every word as typed before those that hold a word only through a short form. */
export function exactFirst(order: Uint32Array, isExact: (g: number) => boolean): Uint32Array {
  const out = new Uint32Array(order.length);
  let front = 0;
  let back = 0;
  for (let i = 0; i < order.length; i++) if (isExact(order[i]!)) out[front++] = order[i]!;
  if (front === order.length) return order;
  for (let i = 0; i < order.length; i++) if (!isExact(order[i]!)) out[front + back++] = order[i]!;
  return out;
}

/** The request's filters for relaxed matches: every tag filter (any of its spellings) and the dates. */
export function acceptor(engine: Engine, tagLists: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>, inDates: (g: number) => boolean): (g: number) => boolean {
  if (tagLists.length === 0) return inDates;
  // How many filters each passage meets, counted once per filter however many of its lists (spellings) hold it:
  // one typed array, where a Set per filter took milliseconds for a topic of 50,000 passages.
  const met = new Uint8Array(engine.passages.length);
  tagLists.forEach((lists, c) => {
    for (const list of lists) for (let i = 0; i < list.length; i++) if (met[list[i]!] === c) met[list[i]!] = c + 1;
  });
  const all = tagLists.length;
  return (g) => met[g] === all && inDates(g);
}

/** Passages that mention a name searched alone, after what that person said. */
export function mentionsOf(lists: ReadonlyArray<ArrayLike<number>>, skip: (g: number) => boolean): Uint32Array {
  // One name (the usual case): its list is ascending and has no repeats.
  if (lists.length === 1) return Uint32Array.from(lists[0]!).filter((g) => !skip(g));
  // Several (an office's names): a typed sort of them all, then repeats dropped (a Set is ~5x slower for ~40,000).
  const all = concat(lists).sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if ((i === 0 || all[i] !== all[i - 1]) && !skip(all[i]!)) all[n++] = all[i]!;
  return all.subarray(0, n);
}

export function concat(parts: ReadonlyArray<ArrayLike<number> | undefined>): Uint32Array {
  const out = new Uint32Array(parts.reduce((n, p) => n + (p?.length ?? 0), 0));
  let at = 0;
  for (const p of parts) {
    if (!p) continue;
    out.set(p, at);
    at += p.length;
  }
  return out;
}

