// Speaker and topic counts over every match, not just the page shown. Counted
// in typed arrays by speaker and topic number: string keys in a Map cost ~10 ms
// for the ~150,000 matches of a common word at 100 MB.

import { DEFAULTS } from '../config.js';
import type { Engine } from '../index/engine.js';

export interface FacetValue {
  name: string;
  count: number;
}

export interface Facets {
  speakers: FacetValue[];
  topics: FacetValue[];
}

/** The `size` largest counts, ties by name (UTF-16 order), without sorting every value. */
function top(counts: Uint32Array, names: readonly string[], touched: readonly number[], size: number): FacetValue[] {
  const better = (a: number, b: number) => counts[a]! > counts[b]! || (counts[a] === counts[b] && names[a]! < names[b]!);
  const best: number[] = [];
  for (const id of touched) {
    if (best.length === size && !better(id, best[size - 1]!)) continue;
    let i = best.length === size ? size - 1 : best.length;
    while (i > 0 && better(id, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = id;
  }
  return best.map((id) => ({ name: names[id]!, count: counts[id]! }));
}

export function facetsOf(engine: Engine, matched: ArrayLike<number>): Facets {
  const { speakerOf, speakerNames, topicStart, topicIds, topicNames } = engine.facetTables;
  const speakerCounts = new Uint32Array(speakerNames.length);
  const topicCounts = new Uint32Array(topicNames.length);
  const speakersSeen: number[] = [];
  const topicsSeen: number[] = [];
  for (let i = 0; i < matched.length; i++) {
    const g = matched[i]!;
    const s = speakerOf[g]!;
    if (s >= 0 && speakerCounts[s]!++ === 0) speakersSeen.push(s);
    for (let k = topicStart[g]!; k < topicStart[g + 1]!; k++) {
      const t = topicIds[k]!;
      if (topicCounts[t]!++ === 0) topicsSeen.push(t);
    }
  }
  const n = DEFAULTS.search.facetSize;
  return { speakers: top(speakerCounts, speakerNames, speakersSeen, n), topics: top(topicCounts, topicNames, topicsSeen, n) };
}

/**
 * The facets of everything the speakers said, summed from the engine's per-speaker tables: the same
 * counts as facetsOf over their passages, without reading them.
 */
export function saidFacets(engine: Engine, speakers: readonly number[]): Facets {
  const { speakerNames, topicNames } = engine.facetTables;
  const { start, topicStart, topicIds, topicCounts } = engine.saidOrder;
  const speakerCounts = new Uint32Array(speakerNames.length);
  const topics = new Uint32Array(topicNames.length);
  const speakersSeen: number[] = [];
  const topicsSeen: number[] = [];
  for (const sp of new Set(speakers)) {
    speakerCounts[sp] = start[sp + 1]! - start[sp]!;
    if (speakerCounts[sp]) speakersSeen.push(sp);
    for (let k = topicStart[sp]!; k < topicStart[sp + 1]!; k++) {
      const t = topicIds[k]!;
      if (topics[t] === 0) topicsSeen.push(t);
      topics[t]! += topicCounts[k]!;
    }
  }
  const n = DEFAULTS.search.facetSize;
  return { speakers: top(speakerCounts, speakerNames, speakersSeen, n), topics: top(topics, topicNames, topicsSeen, n) };
}
