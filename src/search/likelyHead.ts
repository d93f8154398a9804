// The bodies a words query's ranking will read, told from the store's lists
// before the section of search.ts that must not wait. A store that holds no
// bodies fetches these first; any other body ranking reads runs the query
// again (withBodies), a second round trip and a second pass over its lists.

import { holdsSorted, intersectSorted, unionSorted } from '../index/sortedLists.js';

export interface HeadLists {
  /** The order of the word query (FlexSearch's). */
  wordOrder: ArrayLike<number>;
  /** Per part, then per phrase: its passages as typed (ascending). */
  typed: ReadonlyArray<ArrayLike<number>>;
  /** Per part: its short forms' passages (ascending). */
  alternatives: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;
  /** Some part has several words: rank puts first the passages holding each part as typed. */
  tiered: boolean;
}

/**
 * Lists of passages in the order rank's head takes them, as near as the lists tell: the word order,
 * then the passages holding every part as typed (in passage order), then those met only through short
 * forms (exactFirst puts them after). With a part of several words, the word order's passages among
 * those holding every part as typed come first (their tier is raised). Each list is made only when
 * the ones before leave the head short.
 */
export function* likelyHead({ wordOrder, typed, alternatives, tiered }: HeadLists): Generator<Iterable<number>> {
  let every: ArrayLike<number> | null = null;
  const typedByAll = () => (every ??= typed.length ? typed.reduce<ArrayLike<number>>(intersectSorted, typed[0]!) : []);
  if (tiered) yield kept(wordOrder, (g) => holdsSorted(typedByAll(), g));
  yield kept(wordOrder, () => true);
  yield kept(typedByAll(), () => true);
  if (alternatives.some((alts) => alts.length > 0)) {
    yield kept(
      typed.map((list, i) => (alternatives[i] ?? []).reduce<ArrayLike<number>>(unionSorted, list)).reduce(intersectSorted),
      () => true,
    );
  }
}

function* kept(list: ArrayLike<number>, keep: (g: number) => boolean): Generator<number> {
  for (let i = 0; i < list.length; i++) if (keep(list[i]!)) yield list[i]!;
}

/** The first `n` passages of `orders`, one list after the other, that `accept` lets through. */
export function firstPassing(orders: Iterable<Iterable<number>>, accept: (g: number) => boolean, n: number): Set<number> {
  const out = new Set<number>();
  for (const order of orders) {
    for (const g of order) {
      if (out.size >= n) return out;
      if (accept(g)) out.add(g);
    }
  }
  return out;
}
