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

/** Counters per engine, zeroed again after each use: a query's facets allocate no arrays of every topic (11,000 at 100 MB). */
const counters = new WeakMap<Engine, { speakers: Uint32Array; topics: Uint32Array }>();

function countersOf(engine: Engine): { speakers: Uint32Array; topics: Uint32Array } {
  let c = counters.get(engine);
  if (!c) counters.set(engine, (c = { speakers: new Uint32Array(engine.facetTables.speakerNames.length), topics: new Uint32Array(engine.facetTables.topicNames.length) }));
  return c;
}

/** The facets of the counts, then the counters zeroed where they were touched. */
function finish(engine: Engine, c: { speakers: Uint32Array; topics: Uint32Array }, speakersSeen: number[], topicsSeen: number[]): Facets {
  const n = DEFAULTS.search.facetSize;
  const { speakerNames, topicNames } = engine.facetTables;
  const out = { speakers: top(c.speakers, speakerNames, speakersSeen, n), topics: top(c.topics, topicNames, topicsSeen, n) };
  for (const s of speakersSeen) c.speakers[s] = 0;
  for (const t of topicsSeen) c.topics[t] = 0;
  return out;
}

export function facetsOf(engine: Engine, matched: ArrayLike<number>): Facets {
  const { speakerOf, topicStart, topicIds } = engine.facetTables;
  const c = countersOf(engine);
  const speakerCounts = c.speakers;
  const topicCounts = c.topics;
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
  return finish(engine, c, speakersSeen, topicsSeen);
}

/**
 * The facets of everything the speakers said, summed from the engine's per-speaker tables: the same
 * counts as facetsOf over their passages, without reading them.
 */
export function saidFacets(engine: Engine, speakers: readonly number[]): Facets {
  const { start, topicStart, topicIds, topicCounts } = engine.saidOrder;
  const c = countersOf(engine);
  const speakerCounts = c.speakers;
  const topics = c.topics;
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
  return finish(engine, c, speakersSeen, topicsSeen);
}
