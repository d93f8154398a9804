// The units a search looks across when no single passage holds every word: an
// exchange (a question and its answers), or a turn (a statement and the
// paragraphs continuing it). Built once per engine from what the parser stored.

import type { Engine } from '../index/engine.js';

export interface Units {
  /** By gid: the unit's number, -1 for a passage of no unit (lead, heading, note). */
  unitOf: Int32Array;
  count: number;
  /** By gid: true for a question (what an outlet asked). */
  isQuestion: Uint8Array;
  /** Outlet (as the question's speaker gives it) → the passages of the exchanges its reporters opened. */
  byOutlet: Map<string, Uint32Array>;
  /** By document: 0 for the newest, counting up (undated last), for "newest first" without sorting passages. */
  docAge: Uint32Array;
}

/** Every speaker's passages in the order a name searched alone lists them: answers and statements first, newest first. */
export interface SaidOrder {
  gids: Uint32Array;
  /** By speaker number (engine.facetTables.speakerNames): where the speaker's passages start in gids; one more at the end. */
  start: Uint32Array;
}

const said = new WeakMap<Engine, SaidOrder>();

export function saidOrderOf(engine: Engine): SaidOrder {
  const known = said.get(engine);
  if (known) return known;
  const { speakerOf, speakerNames } = engine.facetTables;
  const { isQuestion, docAge } = unitsOf(engine);
  const docs = Math.max(1, engine.docs.length);
  // Two stable counting sorts (least significant key first): by answers-then-questions and age, then by speaker.
  const spoken: number[] = [];
  for (let g = 0; g < speakerOf.length; g++) if (speakerOf[g]! >= 0) spoken.push(g);
  const byAge = countingSort(spoken, (g) => (isQuestion[g] ? docs : 0) + docAge[engine.passages[g]!.doc]!, 2 * docs);
  const gids = countingSort(byAge, (g) => speakerOf[g]!, speakerNames.length);
  const start = new Uint32Array(speakerNames.length + 1);
  for (const g of gids) start[speakerOf[g]! + 1]!++;
  for (let sp = 1; sp <= speakerNames.length; sp++) start[sp]! += start[sp - 1]!;
  const order = { gids, start };
  said.set(engine, order);
  return order;
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

const cache = new WeakMap<Engine, Units>();

export function unitsOf(engine: Engine): Units {
  const known = cache.get(engine);
  if (known) return known;
  const n = engine.passages.length;
  const unitOf = new Int32Array(n).fill(-1);
  const isQuestion = new Uint8Array(n);
  const ids = new Map<string, number>();
  const outletLists = new Map<string, number[]>();
  for (let g = 0; g < n; g++) {
    const p = engine.passages[g]!;
    if (p.kind === 'question') isQuestion[g] = 1;
    let key: string | null = null;
    if (p.exchange !== null) key = `${p.doc}:e${p.exchange}`;
    else if (p.kind === 'statement' || p.kind === 'answer') key = `t${engine.turnFirst[g]}`;
    if (key === null) continue;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    unitOf[g] = id;
    if (p.exchange !== null) {
      const outlet = engine.docs[p.doc]!.exchanges[p.exchange]?.outlet;
      if (outlet) (outletLists.get(outlet) ?? outletLists.set(outlet, []).get(outlet)!).push(g);
    }
  }
  const byDate = engine.docs.map((d, i) => ({ i, date: d.date ?? '' })).sort((a, b) => b.date.localeCompare(a.date) || a.i - b.i);
  const docAge = new Uint32Array(engine.docs.length);
  byDate.forEach((d, rank) => (docAge[d.i] = rank));
  const units: Units = {
    unitOf,
    count: ids.size,
    isQuestion,
    byOutlet: new Map([...outletLists].map(([o, gids]) => [o, Uint32Array.from(gids)])),
    docAge,
  };
  cache.set(engine, units);
  return units;
}
