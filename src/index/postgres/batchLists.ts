// A batch's part of the lists (schema.ts), gathered document by document as
// the analysis threads hand them on: its words, bigrams and tags go into typed
// arrays at once, and the analyses are let go of. Gathered when the batch was
// full, a 32 MB batch's analyses waited in memory until then (old enough for
// V8 to move and mark them again and again), and its ~3.5 s of gathering was
// left for the main thread after the last document was analyzed, with the
// threads done and a core idle.

import type { PassageAnalysis } from '../../analysis/analyzePassage.js';
import { bigramKey, FIRST_UNKNOWN, type BigramPlaces } from '../../analysis/ngrams.js';
import { countOccurrences, matchForm } from '../../analysis/normalize.js';
import type { IndexedPassage } from '../engine.js';
import { indexInSorted } from '../sortedLists.js';
import { flexSearchSlot } from './listEncoding.js';
import { ListBuilder } from './listBuilder.js';
import { LIST_FIELD, MAX_KEY, SLOT_BITS, TF_UNKNOWN } from './schema.js';
import { TermIds } from './termIds.js';

/**
 * Entries a byte of corpus text gives, a little over what 100 MB of transcripts gave (32 MB batches:
 * 0.16–0.17 words, 0.28 bigrams, 0.04–0.17 other places of bigrams): the builders are sized once
 * for the batch's text, and grow by doubling past it.
 */
const PER_BYTE = { words: 0.18, grams: 0.3, others: 0.1 } as const;

/** The tag lists' fields, in the order of `tags`. */
const TAG_FIELDS = [LIST_FIELD.topic, LIST_FIELD.speaker, LIST_FIELD.kind] as const;

/** A passage's count of places of each of its bigrams (by index into its grams); one array, reused. */
let placeCounts = new Uint32Array(1024);

function countPlaces(grams: Uint32Array, places: BigramPlaces): Uint32Array {
  if (placeCounts.length < grams.length) placeCounts = new Uint32Array(grams.length * 2);
  for (let j = 0; j < grams.length; j++) placeCounts[j] = places.firsts[j] === FIRST_UNKNOWN ? 0 : 1;
  for (const j of places.moreGrams) placeCounts[j]!++;
  return placeCounts;
}

/**
 * A word's tf in a compact body as a list stores it: how often its match form stands there, apart, up to
 * TF_UNKNOWN, which says "count it on the body". A form of two different units stands where its bigram
 * does, and never overlaps itself: counted from the bigram's places, which the analysis gave (a search
 * of the body for each of ~21 million words took ~3–5 s of the main thread at 100 MB); others are
 * searched for.
 */
function tfOf(compact: string, form: string, grams: Uint32Array, counts: Uint32Array): number {
  if (form.length === 2 && form.charCodeAt(0) !== form.charCodeAt(1)) {
    const j = indexInSorted(grams, bigramKey(form.charCodeAt(0), form.charCodeAt(1)));
    return j < 0 ? 0 : Math.min(counts[j]!, TF_UNKNOWN);
  }
  return form ? Math.min(countOccurrences(compact, form), TF_UNKNOWN) : 0;
}

export class BatchLists {
  /** The key after the last passage added: the first of the next batch. */
  nextKey: number;
  /** Words by a number of this batch's own; tags are few enough for a Map. */
  readonly termIds = new TermIds();
  /** By a word's number in this batch: its match form, what its tf counts in a body (see tfOf). */
  private readonly forms: string[] = [];
  readonly words: ListBuilder;
  /**
   * A bigram's entries carry its first place in the passage; each of its other places (bigramPlaces) is
   * two entries of `others`, the passage's and the place, pushed one after the other: the stable sort
   * keeps them so, and the list comes out as the (entry, unit) pairs the column stores.
   */
  readonly grams: ListBuilder;
  readonly others: ListBuilder;
  private readonly tags = [new Map<string, number[]>(), new Map<string, number[]>(), new Map<string, number[]>()];
  /** Each passage's compact length, by key from firstKey. */
  private readonly lengths: number[] = [];

  /** `bytes`: about how much text the batch will hold, to size its builders. */
  constructor(
    readonly firstKey: number,
    bytes: number,
  ) {
    this.nextKey = firstKey;
    this.words = new ListBuilder(true, Math.ceil(bytes * PER_BYTE.words));
    this.grams = new ListBuilder(true, Math.ceil(bytes * PER_BYTE.grams));
    this.others = new ListBuilder(false, Math.ceil(bytes * PER_BYTE.others));
  }

  /** A document's passages with their analyses (the analyses' places asked for); gives its first key. */
  add(passages: readonly IndexedPassage[], analyses: readonly PassageAnalysis[]): number {
    const first = this.nextKey;
    if (first + passages.length >= MAX_KEY) throw new Error(`pg-store: passage keys exhausted (${MAX_KEY}); index into a new database`);
    this.nextKey += passages.length;
    for (const [k, p] of passages.entries()) {
      const key = first + p.n - 1;
      const entry = key * 2 ** SLOT_BITS;
      const a = analyses[k]!;
      // Without empty terms (rarely there), as the embedded build splits them. A term's slot is
      // FlexSearch's for its place among the passage's terms, as the embedded build gives them to it.
      const count = this.termIds.read(a.terms);
      const places = a.places!;
      const counts = countPlaces(a.grams, places);
      for (let j = 0; j < count; j++) {
        const id = this.termIds.ids[j]!;
        const form = (this.forms[id] ??= matchForm(this.termIds.terms[id]!));
        this.words.push(id, entry + flexSearchSlot(count, j), tfOf(a.compact, form, a.grams, counts));
      }
      this.lengths[key - this.firstKey] = a.compact.length;
      for (let j = 0; j < a.grams.length; j++) this.grams.push(a.grams[j]!, entry, places.firsts[j]!);
      for (let j = 0; j < places.moreGrams.length; j++) {
        const g = a.grams[places.moreGrams[j]!]!;
        this.others.push(g, entry);
        this.others.push(g, places.morePlaces[j]!);
      }
      for (const topic of a.topics) this.tag(0, topic, entry);
      if (p.speaker) this.tag(1, p.speaker.name, entry);
      this.tag(2, p.kind, entry);
    }
    return first;
  }

  /** Entries in the batch's word and bigram lists (the part's size). */
  get entries(): number {
    return this.words.size + this.grams.size;
  }

  /** The passages' compact lengths, by key from firstKey. */
  get compactLengths(): Uint32Array {
    return Uint32Array.from(this.lengths);
  }

  /** The two-unit words whose bigram's list gives their `more` (schema.ts), by that bigram: a word its own match form. */
  wordsOfGrams(): Map<number, number> {
    const byGram = new Map<number, number>();
    this.termIds.terms.forEach((t, id) => {
      if (t.length === 2 && this.forms[id] === t) byGram.set(bigramKey(t.charCodeAt(0), t.charCodeAt(1)), id);
    });
    return byGram;
  }

  /** Each tag list: its field, value and entries. */
  *tagLists(): Generator<[field: number, value: string, entries: number[]]> {
    for (const [f, m] of this.tags.entries()) for (const [value, entries] of m) yield [TAG_FIELDS[f]!, value, entries];
  }

  private tag(field: number, value: string, entry: number): void {
    const m = this.tags[field]!;
    (m.get(value) ?? m.set(value, []).get(value)!).push(entry);
  }
}
