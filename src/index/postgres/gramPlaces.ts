// Substrings found from their bigrams' lists, without reading bodies. Each
// entry of a bigram's list says where the bigram stands in the passage (its
// first place in a byte, its other places beside: ngrams.ts bigramPlaces), so
// a passage holds an n-unit string exactly where the bigrams that cover it
// stand side by side. A common phrase's matches are nearly all of its
// candidates ("对此有何评": 23,387 of 23,445 at 100 MB), and checking each on
// its body cost the database ~1.4 µs a candidate read in order, 3–9 as a query
// saw it; the lists of the bigrams that cover it are a few rows.

import { FIRST_UNKNOWN } from '../../analysis/ngrams.js';
import { entryCount, type Entries } from './listEncoding.js';

/** A bigram's list as this process numbers passages, with where it stands in each. */
export class GramPlaces {
  constructor(
    /** Passage numbers, in the list's order. */
    readonly gids: Int32Array,
    /** Entry for entry: the first place, or FIRST_UNKNOWN when it is among the others. */
    readonly firsts: Uint8Array,
    /** Entry e's other places are morePlaces[moreStart[e]] up to morePlaces[moreStart[e + 1]]. */
    readonly moreStart: Int32Array,
    readonly morePlaces: Int32Array,
  ) {}

  get byteLength(): number {
    return this.gids.byteLength + this.firsts.byteLength + this.moreStart.byteLength + this.morePlaces.byteLength;
  }
}

/** One part's row of a bigram's list as sent: its entries (array_send's, sentEntries), their first places, and its other places. */
export interface GramPart {
  keys: Entries;
  firsts: Uint8Array;
  /** (entry, unit) pairs, ascending by entry as the keys are; null when it has none. */
  more: Int32Array | null;
}

/** A bigram's parts as this process numbers passages (`gidOf` a key, -1 for one it did not load: dropped). */
export function gramPlacesOf(parts: readonly GramPart[], gidOf: (key: number) => number, slotBits: number): GramPlaces {
  const entries = parts.reduce((n, p) => n + entryCount(p.keys), 0);
  const others = parts.reduce((n, p) => n + (p.more?.length ?? 0) / 2, 0);
  const gids = new Int32Array(entries);
  const firsts = new Uint8Array(entries);
  const moreStart = new Int32Array(entries + 1);
  const morePlaces = new Int32Array(others);
  let n = 0;
  let m = 0;
  for (const { keys, firsts: sent, more } of parts) {
    const pairs = more ? more.length / 2 : 0;
    let j = 0;
    for (let w = keys.from, i = 0; w < keys.words.length; w += keys.step, i++) {
      const e = keys.words[w]!;
      const g = gidOf(e >> slotBits);
      while (j < pairs && more![2 * j]! < e) j++;
      if (g < 0) {
        while (j < pairs && more![2 * j] === e) j++;
        continue;
      }
      gids[n] = g;
      firsts[n] = sent[i]!;
      moreStart[n] = m;
      while (j < pairs && more![2 * j] === e) morePlaces[m++] = more![2 * j++ + 1]!;
      n++;
    }
  }
  moreStart[n] = m;
  return n === entries ? new GramPlaces(gids, firsts, moreStart, morePlaces) : new GramPlaces(gids.slice(0, n), firsts.slice(0, n), moreStart.slice(0, n + 1), morePlaces.slice(0, m));
}

/**
 * The offsets of the bigrams that cover each unit of a string at the least cost (`costs`: of the bigram at each
 * offset, n - 1 of them for n units, n ≥ 3), ascending: side by side at their offsets they spell the string. A
 * common bigram is skipped where its neighbours cover it: "一个中国原则" reads 个中 and 国原, not 中国's
 * 123,000 passages at 100 MB.
 */
export function cheapestCover(costs: readonly number[]): number[] {
  // best[o]: the least cost of a cover of units 0..o + 1 that takes the bigram at o; from[o]: the one before it.
  const best: number[] = [];
  const from: number[] = [];
  costs.forEach((cost, o) => {
    if (o === 0) best.push(cost);
    else if (o === 1) best.push(best[0]! + cost);
    else best.push(cost + Math.min(best[o - 1]!, best[o - 2]!));
    from.push(o < 2 ? o - 1 : best[o - 2]! <= best[o - 1]! ? o - 2 : o - 1);
  });
  const out: number[] = [];
  for (let o = costs.length - 1; o >= 0; o = from[o]!) out.push(o);
  return out.reverse();
}

/** A candidate's state while the lists are read: not one, not yet placed, no place left, or several places (in `many`). */
const NOT_CANDIDATE = -1;
const UNPLACED = -2;
const NOWHERE = -3;
const SEVERAL = -4;

/**
 * Reads a string's cover lists once each, keeping per passage where the string could start: a word and a
 * count per passage, kept between uses (each use resets what it set), so a string allocates nothing per passage.
 */
export class PlaceProver {
  private readonly start: Int32Array;
  private readonly seen: Uint16Array;
  private readonly many = new Map<number, number[]>();

  constructor(passages: number) {
    this.start = new Int32Array(passages).fill(NOT_CANDIDATE);
    this.seen = new Uint16Array(passages);
  }

  /**
   * The candidates (passage numbers, ascending) where the string stands: each bigram of its cover (`lists`,
   * with their offsets in it) stands in the passage at the same start plus its offset. A candidate missing
   * from a list does not hold the string. Ascending. Synchronous: the scratch belongs to one call.
   */
  holding(candidates: ArrayLike<number>, lists: ReadonlyArray<{ offset: number; places: GramPlaces }>): Uint32Array {
    const { start, seen, many } = this;
    for (let i = 0; i < candidates.length; i++) start[candidates[i]!] = UNPLACED;
    for (const { offset, places } of lists) {
      const { gids, firsts, moreStart, morePlaces } = places;
      for (let e = 0; e < gids.length; e++) {
        const g = gids[e]!;
        const s = start[g]!;
        if (s === NOT_CANDIDATE) continue;
        seen[g]!++;
        if (s === NOWHERE) continue;
        const first = firsts[e]!;
        if (moreStart[e] === moreStart[e + 1]) {
          // The one place: most entries.
          const at = first - offset;
          if (first === FIRST_UNKNOWN || at < 0) start[g] = NOWHERE;
          else if (s === UNPLACED) start[g] = at;
          else if (s === SEVERAL) this.keep(g, [at]);
          else if (s !== at) start[g] = NOWHERE;
          continue;
        }
        const ats: number[] = [];
        if (first !== FIRST_UNKNOWN && first >= offset) ats.push(first - offset);
        for (let k = moreStart[e]!; k < moreStart[e + 1]!; k++) if (morePlaces[k]! >= offset) ats.push(morePlaces[k]! - offset);
        if (s === UNPLACED) this.set(g, ats);
        else if (s === SEVERAL) this.keep(g, ats);
        else this.set(g, ats.includes(s) ? [s] : []);
      }
    }
    const out = new Uint32Array(candidates.length);
    let n = 0;
    for (let i = 0; i < candidates.length; i++) {
      const g = candidates[i]!;
      if (seen[g] === lists.length && (start[g]! >= 0 || start[g] === SEVERAL)) out[n++] = g;
      start[g] = NOT_CANDIDATE;
      seen[g] = 0;
    }
    many.clear();
    return n === out.length ? out : out.slice(0, n);
  }

  /** The passage's starts are now `ats`. */
  private set(g: number, ats: number[]): void {
    if (ats.length === 0) this.start[g] = NOWHERE;
    else if (ats.length === 1) this.start[g] = ats[0]!;
    else {
      this.start[g] = SEVERAL;
      this.many.set(g, ats);
    }
    if (ats.length < 2) this.many.delete(g);
  }

  /** The passage's starts are now those of its several that `ats` holds too. */
  private keep(g: number, ats: readonly number[]): void {
    this.set(g, this.many.get(g)!.filter((a) => ats.includes(a)));
  }
}
