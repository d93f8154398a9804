// Parts merged into one without analyzing anything again, as Lucene merges
// segments: documents and passages renumbered in order (without the removed
// ones), and every list the concatenation of the parts' lists with the ids
// renumbered the same way (so each stays ascending, slot by slot in
// FlexSearch's order). An update merges the parts after the first once there
// are MERGE_AT of them, so a server that has followed its corpus for a year
// still reads a handful of parts; the first (the corpus as built) is merged
// only by a rebuild.

import type { TagField } from '../retrieval.js';
import { BigramIndex } from './bigramIndex.js';
import { concat, numberParts, toLive } from './compose.js';
import type { Part } from './part.js';
import { TAG_FIELDS, type ListKeys, type Lists } from './postings.js';

/** The parts after the first are merged into one when there are this many. */
export const MERGE_AT = 8;

/** One part holding what `parts` hold, less their removed documents. */
export function mergeParts(parts: readonly Part[], removed: ReadonlyArray<ReadonlySet<number> | undefined>): Part {
  const { docs, details, passages, compactBodies, offsets, live } = numberParts(parts, removed);
  // Each part's ids offset into one physical order, then renumbered as the engine numbers them (compose.ts).
  const renumber = (lists: ReadonlyArray<ArrayLike<number> | undefined>): Uint32Array => toLive(concat(lists, offsets), live);
  return { docs, details, passages, compactBodies, lists: mergeLists(parts, renumber), bigrams: mergeBigrams(parts, renumber) };
}

type Renumber = (lists: ReadonlyArray<ArrayLike<number> | undefined>) => Uint32Array;

function mergeLists(parts: readonly Part[], renumber: Renumber): Lists {
  const resolution = parts[0]!.lists.words.resolution;
  const keys = parts.map((p) => p.lists.keys());
  const terms = new Map<string, Array<Uint32Array | undefined>>();
  for (const term of new Set(keys.flatMap((k) => k.terms))) {
    const each = parts.map((p) => p.lists.words.slots(term));
    const slots = Array.from({ length: resolution }, (_, y) => {
      const l = renumber(each.map((s) => s?.[y]));
      return l.length ? l : undefined;
    });
    // A term only removed documents held is gone.
    if (slots.some((l) => l)) terms.set(term, slots);
  }
  const tags = new Map<TagField, Map<string, Uint32Array>>();
  for (const f of TAG_FIELDS) {
    const values = new Map<string, Uint32Array>();
    for (const v of new Set(keys.flatMap((k) => k.tags[f]))) {
      const l = renumber(parts.map((p) => p.lists.tagged(f, v)));
      if (l.length) values.set(v, l);
    }
    tags.set(f, values);
  }
  const merged: ListKeys = { terms: [...terms.keys()], tags: Object.fromEntries(TAG_FIELDS.map((f) => [f, [...tags.get(f)!.keys()]])) as Record<TagField, string[]> };
  return {
    words: { resolution, slots: (term) => terms.get(term) },
    tagged: (field, value) => tags.get(field)?.get(value) ?? new Uint32Array(0),
    keys: () => merged,
  };
}

function mergeBigrams(parts: readonly Part[], renumber: Renumber): BigramIndex {
  const all = new Set<number>();
  for (const p of parts) for (const k of p.bigrams.keys()) all.add(k);
  const keys = Uint32Array.from(all).sort();
  const lists = Array.from(keys, (k) => renumber(parts.map((p) => p.bigrams.list(k))));
  const kept = keys.filter((_, r) => lists[r]!.length > 0);
  const offsets = new Uint32Array(kept.length + 1);
  const nonEmpty = lists.filter((l) => l.length > 0);
  nonEmpty.forEach((l, r) => (offsets[r + 1] = offsets[r]! + l.length));
  const postings = new Uint32Array(offsets[kept.length]!);
  nonEmpty.forEach((l, r) => postings.set(l, offsets[r]!));
  return new BigramIndex({ keys: kept, offsets, postings });
}
