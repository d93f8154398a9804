// The bodies a words query's ranking will read, told from the store's lists
// before the section of search.ts that must not wait. A store that holds no
// bodies fetches these first; any other body ranking reads runs the query
// again (withBodies), a second round trip and a second pass over its lists.

import { holds, intersectSorted, unionSorted } from '../index/sortedLists.js';

export interface HeadLists {
  /** The order of the word query (FlexSearch's). */
  wordOrder: ArrayLike<number>;
  /**
   * Per part, then per phrase of two units or more: its passages as typed (ascending). A phrase of one
   * character is left out: its passages come in the word query's order, not ascending.
   */
  typed: ReadonlyArray<ArrayLike<number>>;
  /** Per part: its short forms' passages (ascending). */
  alternatives: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;
  /** Some part has several words: rank puts first the passages holding each part as typed (their tier is raised). */
  tiered: boolean;
}

/** A list of passages, and which of them to take (all when absent). */
export interface HeadList {
  list: ArrayLike<number>;
  keep?: (g: number) => boolean;
}

/**
 * The lists rank's head is taken from, in its order as near as the lists tell. rank orders by tier, then
 * the word order, then passage order, and exactFirst puts the passages met only through short forms
 * after the others. So: with a part of several words (tiers), the word order's passages holding every
 * part as typed, then the rest of those; the word order; the passages holding every part as typed (in
 * passage order); those met through short forms. Each list is made only when the ones before leave the
 * head short: a common word's first 500 cost no intersection.
 */
export function* likelyHead({ wordOrder, typed, alternatives, tiered }: HeadLists): Generator<HeadList> {
  let every: ArrayLike<number> | null = null;
  const typedByAll = () => (every ??= typed.length ? typed.reduce(intersectSorted) : []);
  if (tiered) {
    yield { list: wordOrder, keep: (g) => holds(typedByAll(), g) };
    yield { list: typedByAll() };
  }
  yield { list: wordOrder };
  if (!tiered) yield { list: typedByAll() };
  if (alternatives.some((alts) => alts.length > 0)) {
    yield { list: typed.map((list, i) => (alternatives[i] ?? []).reduce<ArrayLike<number>>(unionSorted, list)).reduce(intersectSorted) };
  }
}

/** The first `n` passages of `lists`, one after the other, that `accept` (and each list's own `keep`) let through. */
export function firstPassing(lists: Iterable<HeadList>, accept: (g: number) => boolean, n: number): Set<number> {
  const out = new Set<number>();
  for (const { list, keep } of lists) {
    for (let i = 0; i < list.length; i++) {
      if (out.size >= n) return out;
      const g = list[i]!;
      if ((!keep || keep(g)) && accept(g)) out.add(g);
    }
  }
  return out;
}
