// The matching strategy beyond "every word in one passage": every word in one
// exchange (or turn), then most of the words — as Meilisearch's
// matchingStrategy or Elasticsearch's minimum_should_match relax a query —
// so a page is empty only when no word of the query occurs at all.
// Each part's passages are marked in per-engine scratch arrays with a stamp
// (never cleared), so a query touches each listed passage a few times.

import type { Engine } from '../index/engine.js';

export interface RelaxInput {
  /** Per part of the query: its lists of passages (a part is met by any of them). */
  parts: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;
  /** The passages of the speakers or outlets the query names (any of them), or null. */
  who: ReadonlyArray<ArrayLike<number>> | null;
  /** Passages already shown as strict matches. */
  strict: ArrayLike<number>;
  /** The request's filters (kind, topic, document, date, an explicit speaker); null when there are none. */
  accept: ((g: number) => boolean) | null;
  /** BM25 of a passage for the query's terms, in [0, 1). */
  score: (g: number) => number;
}

export interface Relaxed {
  /** Every part occurs in the passage's exchange or turn, not all in the passage (unordered; valid for this query only). */
  exchange: Uint32Array;
  /** Some parts occur in the passage (unordered; valid for this query only). */
  partial: Uint32Array;
  /** The tiers in rank order, computed when a page reaches them: best first. */
  orderExchange: () => Uint32Array;
  orderPartial: () => Uint32Array;
  /** Bit i set when part i occurs in the passage itself. */
  mask: (g: number) => number;
}

interface Scratch {
  mask: Uint16Array;
  maskStamp: Uint32Array;
  unitMask: Uint16Array;
  unitStamp: Uint32Array;
  whoStamp: Uint32Array;
  exStamp: Uint32Array;
  strictStamp: Uint32Array;
  /** Passage lists of one query, written from the start: no allocation per query (a common word brings 30,000). */
  touched: Uint32Array;
  who: Uint32Array;
  exchange: Uint32Array;
  partial: Uint32Array;
  stamp: number;
}

const scratch = new WeakMap<Engine, Scratch>();
/** How many of a tier's best-keyed passages BM25 orders; the rest stay in key order. */
const SCORED = 500;

function scratchFor(engine: Engine, units: number): Scratch {
  let s = scratch.get(engine);
  if (!s) {
    const n = engine.passages.length;
    s = {
      mask: new Uint16Array(n),
      maskStamp: new Uint32Array(n),
      unitMask: new Uint16Array(units),
      unitStamp: new Uint32Array(units),
      whoStamp: new Uint32Array(n),
      exStamp: new Uint32Array(n),
      strictStamp: new Uint32Array(n),
      touched: new Uint32Array(n),
      who: new Uint32Array(n),
      exchange: new Uint32Array(n),
      partial: new Uint32Array(n),
      stamp: 0,
    };
    scratch.set(engine, s);
  }
  return s;
}

function once<T>(f: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= f());
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/**
 * Orders passages by a small integer key (highest first; ties in passage
 * order) with a counting sort, then by BM25 within the first SCORED: linear
 * in the number of passages, however many a common word brings.
 */
export function orderByKey(gids: ArrayLike<number>, key: (g: number) => number, maxKey: number, score: (g: number) => number, ascending = false): Uint32Array {
  const sorted = ascending ? gids : Uint32Array.from(gids).sort();
  const n = sorted.length;
  const keys = new Uint32Array(n);
  const start = new Uint32Array(maxKey + 2);
  for (let i = 0; i < n; i++) {
    const k = Math.min(maxKey, Math.max(0, key(sorted[i]!)));
    keys[i] = k;
    start[maxKey - k + 1]!++;
  }
  for (let k = 1; k <= maxKey + 1; k++) start[k]! += start[k - 1]!;
  const out = new Uint32Array(n);
  const outKeys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const at = start[maxKey - keys[i]!]!++;
    out[at] = sorted[i]!;
    outKeys[at] = keys[i]!;
  }
  const head = Array.from(out.subarray(0, SCORED), (g, i) => ({ g, k: outKeys[i]!, s: score(g) }));
  head.sort((a, b) => b.k - a.k || b.s - a.s || a.g - b.g);
  head.forEach((h, i) => (out[i] = h.g));
  return out;
}

export function relax(engine: Engine, input: RelaxInput): Relaxed {
  const units = engine.units;
  const s = scratchFor(engine, units.count);
  const stamp = ++s.stamp;
  const nParts = Math.min(input.parts.length, 16);
  const full = (1 << nParts) - 1;
  let touched = 0;
  for (let i = 0; i < nParts; i++) {
    for (const list of input.parts[i]!) {
      for (let k = 0; k < list.length; k++) {
        const g = list[k]!;
        if (s.maskStamp[g] !== stamp) {
          s.maskStamp[g] = stamp;
          s.mask[g] = 0;
          s.touched[touched++] = g;
        } else if (s.mask[g]! & (1 << i)) {
          // Already met this part through another of its lists (words and contiguous string overlap).
          continue;
        }
        s.mask[g]! |= 1 << i;
        const u = units.unitOf[g]!;
        if (u < 0) continue;
        if (s.unitStamp[u] !== stamp) {
          s.unitStamp[u] = stamp;
          s.unitMask[u] = 0;
        }
        s.unitMask[u]! |= 1 << i;
      }
    }
  }
  let who = 0;
  for (const list of input.who ?? []) {
    for (let k = 0; k < list.length; k++) {
      const g = list[k]!;
      if (s.whoStamp[g] !== stamp) {
        s.whoStamp[g] = stamp;
        s.who[who++] = g;
      }
    }
  }
  for (let k = 0; k < input.strict.length; k++) s.strictStamp[input.strict[k]!] = stamp;
  const mask = (g: number) => (s.maskStamp[g] === stamp ? s.mask[g]! : 0);
  const byWho = (g: number) => input.who === null || s.whoStamp[g] === stamp;
  const accept = input.accept;
  const inFullUnit = (g: number) => {
    const u = units.unitOf[g]!;
    return nParts > 0 && u >= 0 && s.unitStamp[u] === stamp && s.unitMask[u] === full;
  };

  // Every word in the exchange: the named speaker's passages there, or else those holding some of
  // the words. Some of the words: the rest of those. One pass when no name is given.
  let nExchange = 0;
  let nPartial = 0;
  if (input.who) {
    for (let k = 0; k < who; k++) {
      const g = s.who[k]!;
      if (s.strictStamp[g] === stamp || (accept && !accept(g)) || !inFullUnit(g)) continue;
      s.exchange[nExchange++] = g;
      s.exStamp[g] = stamp;
    }
    for (let k = 0; k < touched; k++) {
      const g = s.touched[k]!;
      if (s.exStamp[g] !== stamp && s.strictStamp[g] !== stamp && !(accept && !accept(g))) s.partial[nPartial++] = g;
    }
  } else {
    for (let k = 0; k < touched; k++) {
      const g = s.touched[k]!;
      if (s.strictStamp[g] === stamp || (accept && !accept(g))) continue;
      if (inFullUnit(g)) s.exchange[nExchange++] = g;
      else s.partial[nPartial++] = g;
    }
  }
  const exchange = s.exchange.subarray(0, nExchange);
  const partial = s.partial.subarray(0, nPartial);
  const answerFirst = (g: number) => (units.isQuestion[g] ? 0 : 1);
  const maxKey = 16 * 4 + 3;
  return {
    exchange,
    partial,
    orderExchange: once(() => orderByKey(exchange, (g) => popcount(mask(g)) * 4 + answerFirst(g) * 2, maxKey, input.score)),
    orderPartial: once(() => orderByKey(partial, (g) => popcount(mask(g)) * 4 + (byWho(g) ? 2 : 0) + answerFirst(g), maxKey, input.score)),
    mask,
  };
}

/**
 * The passages whose bodies the relaxed tiers' order reads (BM25 of each tier's best-keyed), as far as a page
 * of `rows` relaxed rows goes: the same relax and orders, with a score that notes the passage instead of
 * reading its body. For a store that fetches bodies, before the section that must not wait.
 */
export function relaxedReads(engine: Engine, input: Omit<RelaxInput, 'score'>, rows: number): number[] {
  const read: number[] = [];
  const relaxed = relax(engine, { ...input, score: (g) => (read.push(g), 0) });
  relaxed.orderExchange();
  if (relaxed.exchange.length < rows) relaxed.orderPartial();
  return read;
}
