// The units a search looks across when no single passage holds every word: an
// exchange (a question and its answers), or a turn (a statement and the
// paragraphs continuing it); and every speaker's passages in the order a name
// searched alone lists them. Derived once when the engine is created, so no
// request pays for them (at 100 MB they take ~0.1 s).

import type { Exchange } from '../parse/types.js';
import type { FacetTables, EngineDocument, PassageTable } from './engine.js';

export interface Units {
  /** By gid: the unit's number, -1 for a passage of no unit (lead, heading, note). */
  unitOf: Int32Array;
  count: number;
  /** By gid: 1 for a question (what an outlet asked). */
  isQuestion: Uint8Array;
  /**
   * Outlet → the passages of the exchanges its reporters opened, under every spelling: the canonical
   * name and each as written (日本共同社, 共同社) give the same list, of the exchanges of all of them.
   */
  byOutlet: Map<string, Uint32Array>;
  /** By document: 0 for the newest, counting up (undated last), for "newest first" without sorting passages. */
  docAge: Uint32Array;
}

/** Every speaker's passages in the order a name searched alone lists them: answers and statements first, newest first. */
export interface SaidOrder {
  /** Every spoken passage in that order, whoever spoke it: several speakers (an office) are read from it. */
  all: Uint32Array;
  gids: Uint32Array;
  /** By speaker number (facetTables.speakerNames): where the speaker's passages start in gids; one more at the end. */
  start: Uint32Array;
  /**
   * The topic facet of each speaker's passages: speaker sp's topics are topicIds[topicStart[sp] ..
   * topicStart[sp + 1]) with their counts. A name searched alone sums these rather than count its
   * passages' topics (an office is ~140,000 passages at 100 MB).
   */
  topicStart: Uint32Array;
  topicIds: Uint32Array;
  topicCounts: Uint32Array;
}

/** Passages are in document order, so a document's exchanges are numbered while its passages are walked. */
export function unitTables(
  docs: readonly EngineDocument[],
  exchangesOf: (doc: number) => readonly Exchange[],
  passages: PassageTable,
  turnFirst: Int32Array,
  outletOf: ReadonlyMap<string, string> = new Map(),
): Units {
  const n = passages.length;
  const unitOf = new Int32Array(n).fill(-1);
  const isQuestion = new Uint8Array(n);
  const turnUnit = new Int32Array(n).fill(-1);
  const exchangeUnit = new Map<number, number>();
  const outletLists = new Map<string, number[]>();
  let doc = -1;
  let count = 0;
  let g = -1;
  for (const p of passages) {
    g++;
    if (p.doc !== doc) {
      doc = p.doc;
      exchangeUnit.clear();
    }
    if (p.kind === 'question') isQuestion[g] = 1;
    if (p.exchange !== null) {
      let id = exchangeUnit.get(p.exchange);
      if (id === undefined) exchangeUnit.set(p.exchange, (id = count++));
      unitOf[g] = id;
      const written = exchangesOf(p.doc)[p.exchange]?.outlet;
      const outlet = written && (outletOf.get(written) ?? written);
      if (outlet) (outletLists.get(outlet) ?? outletLists.set(outlet, []).get(outlet)!).push(g);
    } else if (p.kind === 'statement' || p.kind === 'answer') {
      const first = turnFirst[g]!;
      if (turnUnit[first]! < 0) turnUnit[first] = count++;
      unitOf[g] = turnUnit[first]!;
    }
  }
  const byDate = docs.map((d, i) => ({ i, date: d.date ?? '' })).sort((a, b) => b.date.localeCompare(a.date) || a.i - b.i);
  const docAge = new Uint32Array(docs.length);
  byDate.forEach((d, rank) => (docAge[d.i] = rank));
  const byOutlet = new Map([...outletLists].map(([o, gids]) => [o, Uint32Array.from(gids)]));
  for (const [written, outlet] of outletOf) if (!byOutlet.has(written) && byOutlet.has(outlet)) byOutlet.set(written, byOutlet.get(outlet)!);
  return { unitOf, count, isQuestion, byOutlet, docAge };
}

/** `docOf`: each passage's document, by gid (Engine.docOf). */
export function saidOrder(docOf: Uint32Array, facets: FacetTables, units: Units): SaidOrder {
  const { speakerOf } = facets;
  const speakers = facets.speakerNames.length;
  const { isQuestion, docAge } = units;
  const docs = Math.max(1, docAge.length);
  // Two stable counting sorts (least significant key first): by answers-then-questions and age, then by speaker.
  const spoken: number[] = [];
  for (let g = 0; g < speakerOf.length; g++) if (speakerOf[g]! >= 0) spoken.push(g);
  const byAge = countingSort(spoken, (g) => (isQuestion[g] ? docs : 0) + docAge[docOf[g]!]!, 2 * docs);
  const gids = countingSort(byAge, (g) => speakerOf[g]!, speakers);
  const start = new Uint32Array(speakers + 1);
  for (const g of gids) start[speakerOf[g]! + 1]!++;
  for (let sp = 1; sp <= speakers; sp++) start[sp]! += start[sp - 1]!;
  return { all: byAge, gids, start, ...speakerTopics(gids, start, facets) };
}

function speakerTopics(gids: Uint32Array, start: Uint32Array, facets: FacetTables): Pick<SaidOrder, 'topicStart' | 'topicIds' | 'topicCounts'> {
  const speakers = start.length - 1;
  const counts = new Uint32Array(facets.topicNames.length);
  const topicStart = new Uint32Array(speakers + 1);
  const ids: number[] = [];
  const tally: number[] = [];
  for (let sp = 0; sp < speakers; sp++) {
    const seen: number[] = [];
    for (let i = start[sp]!; i < start[sp + 1]!; i++) {
      const g = gids[i]!;
      for (let k = facets.topicStart[g]!; k < facets.topicStart[g + 1]!; k++) {
        const t = facets.topicIds[k]!;
        if (counts[t]!++ === 0) seen.push(t);
      }
    }
    for (const t of seen) {
      ids.push(t);
      tally.push(counts[t]!);
      counts[t] = 0;
    }
    topicStart[sp + 1] = ids.length;
  }
  return { topicStart, topicIds: Uint32Array.from(ids), topicCounts: Uint32Array.from(tally) };
}

/** A stable sort of `gids` by an integer key in [0, size), ascending. */
function countingSort(gids: ArrayLike<number>, key: (g: number) => number, size: number): Uint32Array {
  const start = new Uint32Array(size + 1);
  for (let i = 0; i < gids.length; i++) start[key(gids[i]!) + 1]!++;
  for (let k = 1; k <= size; k++) start[k]! += start[k - 1]!;
  const out = new Uint32Array(gids.length);
  for (let i = 0; i < gids.length; i++) out[start[key(gids[i]!)]!++] = gids[i]!;
  return out;
}
