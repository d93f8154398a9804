// The embedded store's answers to the retrieval questions: the word and tag
// lists (FlexSearch's own after a build, typed arrays after a load) and the
// bigram lists for substrings and quote votes, in memory.

import { isHanRun } from '../../analysis/tokenize.js';
import { upTo, type Retrieval, type TagField } from '../retrieval.js';
import type { BigramLists } from './bigramIndex.js';
import { holds } from '../sortedLists.js';
import { matchAll, matchAmong, type PassageIndex } from './passageIndex.js';
import type { Lists } from './postings.js';

/** The embedded index: word and tag lists, the bigram lists for substrings and votes. */
export class MemoryRetrieval implements Retrieval {
  constructor(
    readonly lists: Lists,
    readonly bigrams: BigramLists,
    private readonly compactBodies: readonly string[],
    /** FlexSearch itself, after a build (what is saved); null for an index opened from disk. */
    readonly index: PassageIndex | null = null,
  ) {}

  wordMatches(terms: readonly string[]): Promise<Uint32Array> {
    return Promise.resolve(matchAll(this.lists.words, terms, this.compactBodies.length));
  }

  /** The bodies are at hand: BM25 counts in them. */
  termStats(): Promise<null> {
    return Promise.resolve(null);
  }

  wordMatchesAmong(terms: readonly string[], among: ArrayLike<number>): Promise<Uint32Array> {
    return Promise.resolve(matchAmong(this.lists.words, terms, among));
  }

  substringMatches(compact: string): Promise<Uint32Array> {
    return Promise.resolve(this.substringMatchesNow(compact));
  }

  substringMatchesUpTo(compact: string, cap: number): Promise<Uint32Array | null> {
    return Promise.resolve(upTo(this.substringMatchesNow(compact), cap));
  }

  private substringMatchesNow(compact: string): Uint32Array {
    if (compact.length < 2) return new Uint32Array(0);
    const candidates = this.bigrams.candidates(compact);
    // Two units are one bigram: every candidate holds them.
    if (compact.length === 2) return candidates;
    // A Chinese word the index holds as a term stands in every passage of its word list (a term is a run
    // of the body), so only the other candidates are read: for a name, a few of thousands.
    const slots = isHanRun(compact) ? this.lists.words.slots(compact) : undefined;
    if (!slots) return candidates.filter((gid) => this.compactBodies[gid]!.includes(compact));
    // A passage is in one slot of a term's list, and the list is within the candidates: as many is all of them.
    if (slots.reduce((n, ids) => n + (ids?.length ?? 0), 0) === candidates.length) return candidates;
    const held = (this.held ??= new Uint8Array(this.compactBodies.length));
    for (const ids of slots) if (ids) for (let i = 0; i < ids.length; i++) held[ids[i]!] = 1;
    const out = candidates.filter((gid) => held[gid] === 1 || this.compactBodies[gid]!.includes(compact));
    for (const ids of slots) if (ids) for (let i = 0; i < ids.length; i++) held[ids[i]!] = 0;
    return out;
  }

  /** Scratch marks for substringMatchesNow, cleared after each use. */
  private held: Uint8Array | null = null;

  tagged(field: TagField, value: string): Promise<ArrayLike<number>> {
    return Promise.resolve(this.lists.tagged(field, value));
  }

  votes(grams: Uint32Array, minVotes: number): Promise<Array<[number, number]>> {
    return Promise.resolve(countVotes(this.bigrams, grams, minVotes, this.compactBodies.length));
  }

  /** A built index is a snapshot of the corpus; the embedded server is restarted (or "huayu index" run) to change it. */
  current(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * By pigeonhole a passage holding `minVotes` of the grams is in one of the
 * `grams - minVotes + 1` rarest lists, so only those are walked; the common
 * lists (a bigram like 中国 is in a fifth of all passages) are only probed
 * for those passages. Same counts as walking every list.
 */
function countVotes(bigrams: BigramLists, grams: Uint32Array, minVotes: number, size: number): Array<[number, number]> {
  const lists = Array.from(grams, (k) => bigrams.list(k)).sort((a, b) => a.length - b.length);
  const rare = lists.length - minVotes + 1;
  const votes = new Uint16Array(size);
  const voted: number[] = [];
  for (let l = 0; l < rare; l++) for (const id of lists[l]!) if (votes[id]!++ === 0) voted.push(id);
  for (let l = rare; l < lists.length; l++) {
    const list = lists[l]!;
    if (list.length < voted.length * 8) {
      for (const id of list) if (votes[id]! > 0) votes[id]!++;
    } else {
      for (const id of voted) if (holds(list, id)) votes[id]!++;
    }
  }
  return voted
    .filter((id) => votes[id]! >= minVotes)
    .sort((a, b) => a - b)
    .map((id) => [id, votes[id]!]);
}
