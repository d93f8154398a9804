// Where search and the quote check get their candidate passages: the
// questions an index answers, and nothing about pages, ranks or texts. The
// embedded index answers from FlexSearch and the bigram lists in memory; the
// PostgreSQL store answers the same questions in SQL (postgres/retrieval.ts). Both
// give the same passages in the same order; the stores' shared suite and a
// comparison test hold them to it.

/**
 * The tag fields a store lists passages by: who spoke, its topics, its kind. (A document's passages are
 * numbered in a row from its first, which every engine holds: Engine.firstOf.)
 */
export type TagField = 'speaker' | 'topic' | 'kind';

export interface Retrieval {
  /** Passages holding every term, in FlexSearch 0.8's order (by the terms' places in the passage, then passage number). */
  wordMatches(terms: readonly string[]): Promise<ArrayLike<number>>;
  /**
   * wordMatches(terms) keeping only the passages of `among` (in any order), in the same order: a query
   * whose phrase already narrowed it to a few passages orders those without walking every term's list.
   */
  wordMatchesAmong(terms: readonly string[], among: ArrayLike<number>): Promise<ArrayLike<number>>;
  /** Passages whose compact body contains `compact` (two units or more), ascending. */
  substringMatches(compact: string): Promise<Uint32Array>;
  /**
   * substringMatches(compact) where it holds at most `cap` passages, else null: a store that checks
   * bodies stops at cap + 1 (the quote check sets aside a piece found in more passages than it uses).
   */
  substringMatchesUpTo(compact: string, cap: number): Promise<Uint32Array | null>;
  /** Passages carrying one tag value (none for an unknown value), ascending. */
  tagged(field: TagField, value: string): Promise<ArrayLike<number>>;
  /**
   * Passages holding at least `minVotes` of `grams` (distinct bigram keys),
   * each with how many it holds; ascending by passage.
   */
  votes(grams: Uint32Array, minVotes: number): Promise<Array<[gid: number, votes: number]>>;
  /**
   * What BM25 reads of a passage for these terms, from the index rather than its body, or null for a
   * store whose bodies are at hand (the embedded index counts them in the bodies).
   */
  termStats(terms: readonly string[]): Promise<TermStats | null>;
  /** False once the store holds other documents than the ones this engine loaded: time to load it again. */
  current(): Promise<boolean>;
  close(): Promise<void>;
}

/** A substring's passages where they are at most `cap`, else null (Retrieval.substringMatchesUpTo). */
export function upTo(matches: Uint32Array, cap: number): Uint32Array | null {
  return matches.length <= cap ? matches : null;
}

/** A passage's length and the terms' frequencies in it, as BM25 counts them in its compact body. */
export interface TermStats {
  /** The passage's compact body's length in UTF-16 units. */
  length(gid: number): number;
  /** How many times the term's match form stands in the passage's compact body; undefined where the index cannot say (the body is read). */
  tf(term: string, gid: number): number | undefined;
}
