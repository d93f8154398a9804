// The pieces a search is ranked from besides the strict matches: the query
// read as plain text, the short forms, what a named speaker said, passages
// holding every word as typed before those holding a short form, the filters
// for relaxed tiers, and a name's mentions.

import type { Engine } from '../index/engine.js';
import { splitQuoted } from './query.js';
import { DEFAULT_SYNONYMS, synonymTable, type SynonymTable } from './queryConventions.js';
import { orderByKey, partMasks } from './relax.js';
import type { Understood } from './understand.js';
import { saidOrderOf, unitsOf } from './units.js';

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
 * What the named speakers said, among `keep`: answers and statements first, newest first. The
 * order is the engine's, computed once (a spokesperson says tens of thousands of things).
 */
export function saidBy(engine: Engine, names: readonly string[], keep: (g: number) => boolean): Uint32Array {
  const { gids, start } = saidOrderOf(engine);
  const ids = new Map(engine.facetTables.speakerNames.map((n, i) => [n, i]));
  const ranges = names.map((n) => ids.get(n)).filter((i): i is number => i !== undefined);
  const out: number[] = [];
  for (const sp of ranges) for (let i = start[sp]!; i < start[sp + 1]!; i++) if (keep(gids[i]!)) out.push(gids[i]!);
  if (ranges.length < 2) return Uint32Array.from(out);
  // Several speakers (an office): merged by the same keys.
  const { isQuestion, docAge } = unitsOf(engine);
  const docs = engine.docs.length;
  return orderByKey(out, (g) => (isQuestion[g] ? 0 : docs) + (docs - 1 - docAge[engine.passages[g]!.doc]!), 2 * docs, () => 0);
}

/** Passages holding every word as typed before those that hold a word only through a short form. */
export function exactFirst(engine: Engine, order: Uint32Array, partLists: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>): Uint32Array {
  if (partLists.length === 0) return order;
  const mask = partMasks(engine, partLists);
  const full = (1 << Math.min(partLists.length, 16)) - 1;
  const exact: number[] = [];
  const rest: number[] = [];
  for (const g of order) (mask(g) === full ? exact : rest).push(g);
  return rest.length ? Uint32Array.from([...exact, ...rest]) : order;
}

/** The request's filters for relaxed matches: every tag filter (any of its spellings) and the dates. */
export function acceptor(engine: Engine, tagLists: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>, inDates: (g: number) => boolean): (g: number) => boolean {
  if (tagLists.length === 0) return inDates;
  const sets = tagLists.map((lists) => {
    const set = new Set<number>();
    for (const list of lists) for (let i = 0; i < list.length; i++) set.add(list[i]!);
    return set;
  });
  return (g) => inDates(g) && sets.every((set) => set.has(g));
}

/** Passages that mention a name searched alone, after what that person said. */
export function mentionsOf(lists: ReadonlyArray<ArrayLike<number>>, skip: (g: number) => boolean): Uint32Array {
  const out = new Set<number>();
  for (const list of lists) for (let i = 0; i < list.length; i++) if (!skip(list[i]!)) out.add(list[i]!);
  return Uint32Array.from(out).sort();
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

