// The parts of an index as one: documents and passages renumbered into one
// order (the parts' in turn, without the documents an update removed), and a
// retrieval that answers from every part's lists at once. Nothing is
// re-analyzed or re-sorted: a part's ids are offset by the passages before it
// (so each list stays ascending), and the ids of removed documents are
// dropped from the answers, as Lucene's deleted-docs bits do until a merge.

import { renumbered } from '../columnPassage.js';
import { detailsJoined } from '../details.js';
import type { DetailsTable, IndexedDocument, IndexedPassage } from '../engine.js';
import { upTo, type Retrieval, type TagField } from '../retrieval.js';
import type { BigramLists } from './bigramIndex.js';
import type { Part } from './part.js';
import type { ListKeys, Lists, WordLists } from './postings.js';
import { MemoryRetrieval } from './retrieval.js';

interface Composed {
  docs: IndexedDocument[];
  details: DetailsTable;
  passages: IndexedPassage[];
  compactBodies: string[];
  retrieval: Retrieval;
}

/** The parts' documents and passages in one order, and where each part's passages went. */
interface Numbered {
  docs: IndexedDocument[];
  details: DetailsTable;
  passages: IndexedPassage[];
  compactBodies: string[];
  /** Where each part's passages start among all the parts' passages, removed ones included (its physical ids). */
  offsets: number[];
  /** Physical id → the passage's number in `passages`; -1 for a passage of a removed document. */
  live: Int32Array;
  anyRemoved: boolean;
}

/** `removed`: per part, the numbers of its documents an update replaced or removed. */
export function numberParts(parts: readonly Part[], removed: ReadonlyArray<ReadonlySet<number> | undefined>): Numbered {
  const offsets: number[] = [];
  let physical = 0;
  for (const p of parts) {
    offsets.push(physical);
    physical += p.passages.length;
  }
  const live = new Int32Array(physical).fill(-1);
  const docs: IndexedDocument[] = [];
  const detailsAt: Array<[number, number]> = [];
  const passages: IndexedPassage[] = [];
  const compactBodies: string[] = [];
  parts.forEach((part, k) => {
    const gone = removed[k];
    // By the part's passages (a built part's documents hold the parser's passages, without numbers).
    const mine: IndexedPassage[][] = part.docs.map(() => []);
    const at: number[] = part.docs.map((_, d) => (gone?.has(d) ? -1 : 0));
    for (let d = 0, n = 0; d < part.docs.length; d++) if (at[d] === 0) at[d] = n++ + docs.length;
    for (const p of part.passages) {
      const doc = at[p.doc]!;
      if (doc < 0) continue;
      const gid = passages.length;
      live[offsets[k]! + p.gid] = gid;
      // New objects where a number changes: the engine being replaced may still be answering with the old ones.
      const q = p.gid === gid && p.doc === doc ? p : renumbered(p, gid, doc);
      passages.push(q);
      compactBodies.push(part.compactBodies[p.gid]!);
      mine[p.doc]!.push(q);
    }
    part.docs.forEach((doc, d) => {
      if (at[d]! < 0) return;
      const same = at[d] === d && mine[d]!.every((q, i) => q === doc.passages[i]);
      docs.push(same ? doc : { ...doc, passages: mine[d]! });
      detailsAt.push([k, d]);
    });
  });
  const details = detailsJoined(
    parts.map((p) => p.details),
    detailsAt,
  );
  return { docs, details, passages, compactBodies, offsets, live, anyRemoved: removed.some((s) => s !== undefined && s.size > 0) };
}

/** The engine's documents, passages and retrieval over the parts, as they are in memory (nothing is copied but changed numbers). */
export function composeParts(parts: readonly Part[], removed: ReadonlyArray<ReadonlySet<number> | undefined>): Composed {
  const first = parts[0]!;
  if (parts.length === 1 && !removed[0]?.size) {
    return { docs: first.docs, details: first.details, passages: first.passages, compactBodies: first.compactBodies, retrieval: new MemoryRetrieval(first.lists, first.bigrams, first.compactBodies) };
  }
  const { docs, details, passages, compactBodies, offsets, live, anyRemoved } = numberParts(parts, removed);
  const physicalBodies = anyRemoved ? parts.flatMap((p) => p.compactBodies) : compactBodies;
  const inner = new MemoryRetrieval(joinLists(parts, offsets), joinBigrams(parts, offsets), physicalBodies);
  return { docs, details, passages, compactBodies, retrieval: anyRemoved ? new LiveRetrieval(inner, live) : inner };
}

/** Part k's list with its ids moved past the parts before it, the parts' lists one after another. */
export function concat(lists: ReadonlyArray<ArrayLike<number> | undefined>, offsets: readonly number[]): ArrayLike<number> {
  let n = 0;
  let only = -1;
  lists.forEach((l, k) => {
    if (!l?.length) return;
    n += l.length;
    only = only === -1 ? k : -2;
  });
  // Held by one part whose ids are the engine's (the first): no copy.
  if (only >= 0 && offsets[only] === 0) return lists[only]!;
  const out = new Uint32Array(n);
  let at = 0;
  lists.forEach((l, k) => {
    if (!l) return;
    const off = offsets[k]!;
    if (off === 0) out.set(l, at);
    else for (let i = 0; i < l.length; i++) out[at + i] = l[i]! + off;
    at += l.length;
  });
  return out;
}

function joinLists(parts: readonly Part[], offsets: readonly number[]): Lists {
  const resolution = parts[0]!.lists.words.resolution;
  const words: WordLists = {
    resolution,
    slots: (term) => {
      const each = parts.map((p) => p.lists.words.slots(term));
      if (each.every((s) => s === undefined)) return undefined;
      if (offsets[0] === 0 && each.every((s, k) => k === 0 || s === undefined)) return each[0];
      // FlexSearch's order is by slot, then passage: each slot is the parts' lists of that slot in turn.
      return Array.from({ length: resolution }, (_, y) => {
        const l = concat(each.map((s) => s?.[y]), offsets);
        return l.length ? l : undefined;
      });
    },
  };
  return {
    words,
    tagged: (field: TagField, value: string) => concat(parts.map((p) => p.lists.tagged(field, value)), offsets),
    keys: (): ListKeys => {
      const all = parts.map((p) => p.lists.keys());
      const union = (lists: string[][]) => [...new Set(lists.flat())];
      return {
        terms: union(all.map((k) => k.terms)),
        tags: { speaker: union(all.map((k) => k.tags.speaker)), topic: union(all.map((k) => k.tags.topic)), kind: union(all.map((k) => k.tags.kind)) },
      };
    },
  };
}

/** The bigram lists of every part as one (a passage is in one part, so candidates are found part by part). */
function joinBigrams(parts: readonly Part[], offsets: readonly number[]): BigramLists {
  return {
    list: (key) => concat(parts.map((p) => p.bigrams.list(key)), offsets) as Uint32Array,
    candidates: (compact) => concat(parts.map((p) => p.bigrams.candidates(compact)), offsets) as Uint32Array,
  };
}

/** Physical ids as gids (live: physical id → gid, -1 for a removed document's passage), removed ones left out, the order kept. */
export function toLive(ids: ArrayLike<number>, live: Int32Array): Uint32Array {
  const out = new Uint32Array(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const g = live[ids[i]!]!;
    if (g >= 0) out[n++] = g;
  }
  return out.subarray(0, n);
}

/** Answers in physical ids, turned into the engine's gids; the passages of removed documents are left out (the order is kept). */
class LiveRetrieval implements Retrieval {
  constructor(
    private readonly inner: MemoryRetrieval,
    private readonly live: Int32Array,
  ) {}

  private map(ids: ArrayLike<number>): Uint32Array {
    return toLive(ids, this.live);
  }

  async wordMatches(terms: readonly string[]): Promise<Uint32Array> {
    return this.map(await this.inner.wordMatches(terms));
  }

  /** The engine's gid → physical id, made when first needed. */
  private physical: Uint32Array | null = null;

  private physicalOf(gids: ArrayLike<number>): Uint32Array {
    if (!this.physical) {
      const physical = new Uint32Array(this.live.length);
      for (let id = 0; id < this.live.length; id++) if (this.live[id]! >= 0) physical[this.live[id]!] = id;
      this.physical = physical;
    }
    return Uint32Array.from(gids, (g) => this.physical![g]!);
  }

  termStats(): Promise<null> {
    return Promise.resolve(null);
  }

  async wordMatchesAmong(terms: readonly string[], among: ArrayLike<number>): Promise<Uint32Array> {
    return this.map(await this.inner.wordMatchesAmong(terms, this.physicalOf(among)));
  }

  async substringMatches(compact: string): Promise<Uint32Array> {
    return this.map(await this.inner.substringMatches(compact));
  }

  /** Counted after the removed documents' passages are left out. */
  async substringMatchesUpTo(compact: string, cap: number): Promise<Uint32Array | null> {
    return upTo(await this.substringMatches(compact), cap);
  }

  async tagged(field: TagField, value: string): Promise<Uint32Array> {
    return this.map(await this.inner.tagged(field, value));
  }

  async votes(grams: Uint32Array, minVotes: number): Promise<Array<[number, number]>> {
    const out: Array<[number, number]> = [];
    for (const [id, v] of await this.inner.votes(grams, minVotes)) {
      const g = this.live[id]!;
      if (g >= 0) out.push([g, v]);
    }
    return out;
  }

  current(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
