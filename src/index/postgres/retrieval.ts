// The retrieval questions answered in PostgreSQL, so a serving process holds
// no word index and no bigram lists. Every list is packed (schema.ts): a row
// per term and part with the passages' keys, read whole: a word's or tag's as
// the bytes they are stored in, a bigram's as an integer[] (for intarray) sent
// as PostgreSQL's binary array. Words: the terms' rows, intersected and
// ordered in the process, and kept; a phrase's few passages ordered on them
// cut here. Substrings: of two units, sent with the word's
// list (the rest of its bigram's, schema.ts); longer, the rarest bigram lists (of the
// three rarest, those worth it) intersected in SQL (intarray) and checked on
// their bodies, in SQL too (many of them in pieces, on parallel connections;
// those found, when few, sent back with their bodies for ranking to read);
// for a term, its word list (this process's) taken as sure, and only the other
// candidates checked.
// Tags: their own lists. Quote votes: candidates
// from the rarest bigrams, their votes counted in SQL. What was sent is kept
// in an LRU within a budget, warmed with the commonest words.
//
// Answers equal the embedded index's. FlexSearch 0.8 places a passage holding
// every query term at the slot of its worst-placed term, after the other
// passages of that slot whose last-visited term comes earlier, then in
// insertion (passage) order; a term's slot comes from its place among the
// passage's terms (flexSearchSlot, FlexSearch's get_score with resolution 9),
// kept in each entry's low bits. FlexSearch's own PostgreSQL adapter orders by
// the sum of the slots, not as its in-memory index does (README,
// bench/pgAlternatives.ts). Keys become this process's passage numbers
// through its catalog; keys it does not know (documents written after it
// loaded, or dead keys of documents written again) are dropped.

import { LRUCache } from 'lru-cache';
import pg from 'pg';
import { DEFAULTS } from '../../config.js';
import { isHanRun } from '../../analysis/tokenize.js';
import { upTo, type Retrieval, type TagField, type TermStats } from '../retrieval.js';
import { asBase64, bytesOf, servingCopy, servingQuery } from './query.js';
import { bytesIn, int4Of } from './copyOut.js';
import { LIST_FIELD, SLOT_BITS } from './schema.js';
import { ListStats, WordList } from './wordLists.js';
import { bigEndianWords, bigramsOf, entryCount, keysOf, sentEntries, signedKey, storedEntries, type Entries } from './listEncoding.js';
import { cheapestCover, gramPlacesOf, PlaceProver, type GramPart, type GramPlaces } from './gramPlaces.js';
import { bigramKey } from '../../analysis/ngrams.js';
import { BIGRAM_ROWS, CANDIDATES, rarestGrams } from './candidateSql.js';

/** The tag lists by field. */
const TAG_FIELD: Record<TagField, number> = { topic: LIST_FIELD.topic, speaker: LIST_FIELD.speaker, kind: LIST_FIELD.kind };

/** Up to this many passages (the ranked head, whose bodies a phrase fetches meanwhile), wordMatchesAmong cuts the words' lists to them; past it, it filters the whole (cached) answer. */
const AMONG_SENT = DEFAULTS.search.rerankDepth;

/** Up to this many, the bodies a substring's check found holding it come back with it (keepBody): as many as the re-rank reads. */
const BODIES_SENT = DEFAULTS.search.rerankDepth;

/** What joins the bodies a substring's check sends back (substringMatches): a control character, which no compact body holds. */
const BODY_SEPARATOR = '\u001f';

/**
 * Entries of bigram lists worth fetching to find a substring from its places rather than checking one of its
 * candidates on its body (placedOrChecked). Measured at 100 MB as a query sees them: an entry 0.2–0.5 µs to
 * send, decode and read; a candidate's check 6–11 µs. "推动全市经济实现", 3,118 candidates: checked in 34 ms,
 * found from its cover's 86,000 entries in 52 (with 30 here).
 */
const PLACES_PER_CHECK = 20;

/** Pieces a substring's candidates are checked in at most, each on a connection of its own: past the database's cores, more only costs the other queries. */
const MAX_CHECK_PIECES = 2;

/** A separator no term, tag value or substring holds (the analyzer's own). */
const SEP = '\u0001';

/** The query's terms once each, in their order, none empty. */
function distinctTerms(terms: readonly string[]): string[] {
  return [...new Set(terms.filter((t) => t.length > 0))];
}

/** The cache key of the ordered answer of these distinct terms (it depends on their order). */
function matchesKey(distinct: readonly string[]): string {
  return `m${SEP}${distinct.join(SEP)}`;
}

/**
 * The entries of `list` whose passage (entry >>> shift) is marked, in order: counted, then copied. TypedArray's
 * filter with a callback took 1.5–2 ms for 200,000 entries, these two loops 0.4.
 */
function kept<T extends Int32Array | Uint32Array>(list: T, marks: Uint8Array, shift: number): T {
  let n = 0;
  for (let i = 0; i < list.length; i++) n += marks[list[i]! >>> shift]!;
  const out = (list instanceof Int32Array ? new Int32Array(n) : new Uint32Array(n)) as T;
  n = 0;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (marks[e >>> shift] === 1) out[n++] = e;
  }
  return out;
}

export class PgRetrieval implements Retrieval {
  /** Per passage, for one word query at a time: how many terms it holds, and its place (slot × terms + term). */
  private readonly count: Uint16Array;
  private readonly place: Int32Array;
  /** Per passage, for one cut at a time (see cut()). */
  private readonly marks: Uint8Array;
  /**
   * The answers this process was sent, within a budget (least recently used go first): a word's list
   * as passage × 16 + slot, the ordered answer of a word query, a substring's or a tag's passages. Keys are never reused, so an answer
   * stays true for the documents this process loaded; a reload starts a new cache.
   */
  private readonly cache: LRUCache<string, Int32Array | Uint32Array | WordList | GramPlaces> | null;
  private readonly prover: PlaceProver;

  constructor(
    private readonly pool: pg.Pool,
    /** By passage key: this process's passage number, -1 for keys it did not load. */
    private readonly gidOfKey: Int32Array,
    /** By passage number: its key. */
    private readonly keyOfGid: Int32Array,
    /** By passage number: its compact body's length (passageLengths). */
    private readonly lengths: Uint32Array,
    /** What this process loaded: how many documents, and the highest doc_key (see current()). */
    private readonly loaded: { documents: number; topDocKey: number },
    cacheBytes = 0,
    /** Candidates of a substring one statement checks (DEFAULTS.pgCheckPiece). */
    private readonly checkPiece: number = DEFAULTS.pgCheckPiece,
    /** Candidates of a substring past which it is found from its bigrams' places (DEFAULTS.pgPlacesPast). */
    private readonly placesPast: number = DEFAULTS.pgPlacesPast,
    /**
     * Where the bodies a substring's check read go (PgBodies.keep), when it found no more passages than ranking
     * reads: a phrase's matches are ranked on their bodies next, which were otherwise fetched again.
     */
    private readonly keepBody: ((gid: number, body: string) => void) | null = null,
  ) {
    this.count = new Uint16Array(keyOfGid.length);
    this.marks = new Uint8Array(keyOfGid.length);
    this.place = new Int32Array(keyOfGid.length);
    this.prover = new PlaceProver(keyOfGid.length);
    this.cache = cacheBytes > 0 ? new LRUCache({ maxSize: cacheBytes, sizeCalculation: (v, k) => v.byteLength + 2 * k.length + 64 }) : null;
  }

  /**
   * Asks, one after another, for the commonest words' answers, as many as fill half the cache: a
   * warmer, as Elasticsearch had. The first query of 中国 (123,000 of 261,000 passages at 100 MB)
   * otherwise fetched, decoded and ordered its list while a user waited. Stops at close or at the
   * first error (the queries will meet it themselves).
   */
  warm(): Promise<number> {
    return (this.warming ??= this.warmOnce());
  }

  private warming: Promise<number> | null = null;

  private async warmOnce(): Promise<number> {
    if (!this.cache) return 0;
    const cache = this.cache;
    const budget = cache.maxSize / 2;
    let warmed = 0;
    try {
      const { rows } = await this.query<{ term: string; df: number }>(
        `SELECT term, sum(df)::integer AS df FROM huayu_lists WHERE field = ${LIST_FIELD.word} GROUP BY term ORDER BY 2 DESC, 1 LIMIT 1000`,
        [],
      );
      for (const r of rows) {
        // A word's list (five bytes a passage, with its tf) and its ordered answer (four), and their two keys (see
        // sizeCalculation); a two-unit word's passages as a string too (four a passage, a few more than its own).
        const perPassage = r.term.length === 2 ? 13 : 9;
        if (cache.calculatedSize + perPassage * r.df + 4 * (r.term.length + 2) + 128 > budget || this.closed) break;
        await this.wordMatches([r.term]);
        if (cache.calculatedSize > budget) {
          cache.delete(`w${SEP}${r.term}`);
          cache.delete(matchesKey([r.term]));
          break;
        }
        warmed++;
      }
    } catch {
      // Nothing to warm from: the queries that need the database will say why.
    }
    return warmed;
  }

  /** Bytes of lists this process keeps now (at most the budget it was given). */
  get cachedBytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }

  /** The cached answer for `key`, or `fetch`'s, kept. */
  private async cached<T extends Int32Array | Uint32Array>(key: string, fetch: () => Promise<T>): Promise<T> {
    const hit = this.cache?.get(key);
    if (hit) return hit as T;
    const answer = await fetch();
    this.cache?.set(key, answer);
    return answer;
  }

  /** This process's number for a passage key, or -1 for a passage it did not load. */
  gidOf(key: number): number {
    return key < this.gidOfKey.length ? this.gidOfKey[key]! : -1;
  }

  private query<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    return servingQuery<R>(this.pool, sql, params);
  }

  /** The passages of lists sent by array_send, ascending by gid; keys this process did not load are dropped. */
  private passagesOf(lists: readonly Buffer[]): Uint32Array {
    return this.ascendingPassages(lists.map(sentEntries));
  }

  /** The passages of decoded lists, ascending by gid; keys this process did not load are dropped. */
  private ascendingPassages(arrays: readonly Entries[]): Uint32Array {
    const entries = this.localEntries(arrays, 0);
    // Numbers of passages, none negative: the same words read unsigned, to sort as numbers.
    return new Uint32Array(entries.buffer, entries.byteOffset, entries.length).sort();
  }

  /**
   * The entries of one term's or tag's parts as this process numbers them: passage × 2^slotBits + the
   * entry's slot (`slotBits` 0: the passage alone), in the lists' order; keys it did not load are dropped.
   */
  private localEntries(arrays: readonly Entries[], slotBits: number): Int32Array {
    return this.localWithBytes(arrays, slotBits, null).entries;
  }

  /** localEntries, each entry with its byte of `bytes` (one array per part, entry for entry), dropped with it. */
  private localWithBytes(arrays: readonly Entries[], slotBits: number, bytes: readonly Uint8Array[] | null): { entries: Int32Array; bytes: Uint8Array } {
    const total = arrays.reduce((n, a) => n + entryCount(a), 0);
    const out = new Int32Array(total);
    const outBytes = new Uint8Array(bytes ? total : 0);
    const scale = 2 ** slotBits;
    const slotMask = slotBits ? 2 ** SLOT_BITS - 1 : 0;
    const gidOfKey = this.gidOfKey;
    let n = 0;
    arrays.forEach(({ words, from, step }, a) => {
      const these = bytes?.[a];
      for (let w = from, i = 0; w < words.length; w += step, i++) {
        const e = words[w]!;
        const key = e >> SLOT_BITS;
        const g = key < gidOfKey.length ? gidOfKey[key]! : -1;
        if (g < 0) continue;
        if (these) outBytes[n] = these[i]!;
        out[n++] = g * scale + (e & slotMask);
      }
    });
    return n === total ? { entries: out, bytes: outBytes } : { entries: out.slice(0, n), bytes: outBytes.slice(0, bytes ? n : 0) };
  }

  async wordMatchesAmong(terms: readonly string[], among: ArrayLike<number>): Promise<Uint32Array> {
    const distinct = distinctTerms(terms);
    if (distinct.length === 0 || among.length === 0) return new Uint32Array(0);
    const key = distinct.join(SEP);
    const ordered = this.cache?.get(matchesKey(distinct)) as Uint32Array | undefined;
    if (ordered || among.length > AMONG_SENT) return this.cut([ordered ?? (await this.wordMatches(distinct))], among, 0)[0]!;
    // Each whole list (kept) cut to `among`. Remembered for as long as `among` lives, a substring answer
    // this process caches: a query run again for bodies it lacked asks the same, and is answered here.
    // (With no cache, or for a one-character phrase, whose passages are a new array each time, it asks again.)
    const kept = this.amongAnswers.get(among)?.get(key);
    if (kept) return kept;
    const answer = this.orderOf(await this.termLists(distinct, among));
    const answers = this.amongAnswers.get(among) ?? new Map<string, Uint32Array>();
    this.amongAnswers.set(among, answers.set(key, answer));
    return answer;
  }

  private readonly amongAnswers = new WeakMap<ArrayLike<number>, Map<string, Uint32Array>>();

  /** The lists cut to the passages of `among` (an entry's passage is entry >> shift). */
  private cut<T extends Int32Array | Uint32Array>(lists: ReadonlyArray<T | undefined>, among: ArrayLike<number>, shift: number): Array<T | undefined> {
    const marks = this.marks;
    return this.marking(among, 0, () => lists.map((l) => l && kept(l, marks, shift)));
  }

  /**
   * `use`'s answer, asked while the passages of `entries` (an entry's passage is entry >> shift) are marked.
   * A mark per passage, not a Set: a Set's lookups for the 200,000 entries of a cached 的 took 5 ms. Nothing
   * awaits in `use`: the marks belong to it until it returns.
   */
  private marking<T>(entries: ArrayLike<number>, shift: number, use: (marked: (gid: number) => boolean) => T): T {
    const marks = this.marks;
    for (let i = 0; i < entries.length; i++) marks[entries[i]! >>> shift] = 1;
    try {
      return use((g) => marks[g] === 1);
    } finally {
      for (let i = 0; i < entries.length; i++) marks[entries[i]! >>> shift] = 0;
    }
  }

  /** Each term's list as passage × 16 + slot (see wordLists); with `among`, only its passages' entries. */
  private async termLists(terms: readonly string[], among?: ArrayLike<number>): Promise<Int32Array[]> {
    const lists = (await this.wordLists(terms)).map((l) => l.entries);
    return among ? (this.cut(lists, among, SLOT_BITS) as Int32Array[]) : lists;
  }

  /**
   * Each term's whole list with its tfs, from the cache or, for the terms it lacks, in one query; kept.
   * A list being fetched is waited for, not fetched again: a word query asks for its word's list and its
   * substring (termSubstring) at once.
   */
  private async wordLists(terms: readonly string[]): Promise<WordList[]> {
    const lists = terms.map((t) => this.cache?.get(`w${SEP}${t}`) as WordList | undefined);
    const missing = terms.filter((_, i) => !lists[i]);
    if (missing.length === 0) return lists as WordList[];
    const unasked = missing.filter((t) => !this.fetching.has(t));
    if (unasked.length > 0) {
      const fetched = this.fetchWordLists(unasked);
      unasked.forEach((t, i) => this.fetching.set(t, fetched.then((ls) => ls[i]!)));
      fetched.then(
        () => unasked.forEach((t) => this.fetching.delete(t)),
        () => unasked.forEach((t) => this.fetching.delete(t)),
      );
    }
    const got = await Promise.all(missing.map((t) => this.fetching.get(t)!));
    missing.forEach((t, i) => (lists[terms.indexOf(t)] = got[i]!));
    return lists as WordList[];
  }

  /** Word lists being fetched, by term (see wordLists). */
  private readonly fetching = new Map<string, Promise<WordList>>();

  /**
   * The terms' whole lists with their tfs, in one query; kept in the cache. A two-unit term comes with the
   * passages holding it as a string (WordList.contiguous): its rows' `more` beside their keys, and the
   * bigram's rows of the parts where it has no row with one (schema.ts), so its substring is no second fetch.
   */
  private async fetchWordLists(terms: readonly string[]): Promise<WordList[]> {
    const pairs = terms.flatMap((t, i) => (t.length === 2 ? [i + 1] : []));
    // The bigrams' branch only where a term has two units: a COPY statement is planned each time it is sent,
    // and with the branch (nothing to join) planning took 0.17–0.23 ms, against 0.05–0.10 without.
    const rows = await servingCopy(
      this.pool,
      `SELECT array_position($1::text[], term), keys, tfs, more FROM huayu_lists WHERE field = ${LIST_FIELD.word} AND term = ANY($1::text[])
       ${pairs.length ? BIGRAM_ROWS : ''}`,
      [terms, pairs, pairs.map((i) => bigramsOf(terms[i - 1]!)[0]!)],
    );
    // A term's parts, decoded into one array sized for all of them (most of the time of a common word),
    // in order of their first entries: ascending as a whole in a fresh database (WordList sorts the others once).
    const parts: Array<Array<{ keys: Entries; tfs: Uint8Array }>> = terms.map(() => []);
    const strings: Entries[][] = terms.map(() => []);
    for (const [t, keys, tfs, more] of rows) {
      const i = int4Of(t) - 1;
      const decoded = keys ? storedEntries(keys) : null;
      if (decoded) parts[i]!.push({ keys: decoded, tfs: bytesIn(tfs) });
      // A row with its more: its keys and those; a bigram's row (no keys): the passages of a part without one, as array_send sent them.
      if (more) strings[i]!.push(...(decoded ? [decoded, storedEntries(more)] : [sentEntries(more)]));
    }
    const firstEntry = ({ keys: { words, from } }: { keys: Entries }) => (words.length > from ? words[from]! : 0);
    return terms.map((t, i) => {
      const ordered = parts[i]!.sort((a, b) => firstEntry(a) - firstEntry(b));
      const { entries, bytes } = this.localWithBytes(ordered.map((p) => p.keys), SLOT_BITS, ordered.map((p) => p.tfs));
      const list = new WordList(entries, bytes, t.length === 2 ? this.ascendingPassages(strings[i]!) : null);
      this.cache?.set(`w${SEP}${t}`, list);
      return list;
    });
  }

  async termStats(terms: readonly string[]): Promise<TermStats> {
    const distinct = distinctTerms(terms);
    const lists = await this.wordLists(distinct);
    return new ListStats(new Map(distinct.map((t, i) => [t, lists[i]!])), this.lengths);
  }

  wordMatches(terms: readonly string[]): Promise<Uint32Array> {
    const distinct = distinctTerms(terms);
    if (distinct.length === 0) return Promise.resolve(new Uint32Array(0));
    // The answer too (it depends on the terms' order): under load a common word's 100,000 passages were
    // counted and ordered again for every query (a fifth of a server's time at 100 MB).
    return this.cached(matchesKey(distinct), async () => this.orderOf(await this.termLists(distinct)));
  }

  /** The passages in every one of the lists (one per distinct term), in FlexSearch's order. Nothing awaits: the counters belong to one query. */
  private orderOf(lists: readonly Int32Array[]): Uint32Array {
    const terms = lists.length;
    const slotMask = 2 ** SLOT_BITS - 1;
    const { count, place } = this;
    // Shortest list first: only its passages can be in every list, and a passage is counted in a list
    // only if every list before it held it. For 中国 and a rarer word, the 123,000 passages of 中国
    // were each pushed, grouped and reset, to keep the few hundred both hold.
    const shortestFirst = lists.map((_, i) => i).sort((a, b) => lists[a]!.length - lists[b]!.length);
    const seen = new Uint32Array(terms ? lists[shortestFirst[0]!]!.length : 0);
    let seenCount = 0;
    shortestFirst.forEach((i, k) => {
      const list = lists[i]!;
      for (let j = 0; j < list.length; j++) {
        const g = list[j]! >> SLOT_BITS;
        if (count[g] !== k) continue;
        // The passage's place: its slot for this term, then the term's place in the query; the worst counts.
        const at = (list[j]! & slotMask) * terms + i;
        if (k === 0) {
          seen[seenCount++] = g;
          place[g] = at;
        } else if (at > place[g]!) place[g] = at;
        count[g] = k + 1;
      }
    });
    // By place, then passage: counted into one array by place (a few of them), each run then a typed
    // sort. Sorting 123,000 [place, gid] pairs with a comparator took 50 ms for 中国 at 100 MB.
    const starts = new Uint32Array((slotMask + 1) * terms + 1);
    for (let s = 0; s < seenCount; s++) if (count[seen[s]!] === terms) starts[place[seen[s]!]! + 1]!++;
    for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
    const out = new Uint32Array(starts[starts.length - 1]!);
    const next = starts.slice();
    for (let s = 0; s < seenCount; s++) {
      const g = seen[s]!;
      if (count[g] === terms) out[next[place[g]!]!++] = g;
      count[g] = 0;
    }
    for (let b = 0; b + 1 < starts.length; b++) if (starts[b + 1]! - starts[b]! > 1) out.subarray(starts[b], starts[b + 1]).sort();
    return out;
  }

  substringMatches(compact: string): Promise<Uint32Array> {
    if (compact.length < 2) return Promise.resolve(new Uint32Array(0));
    // Two units are one bigram: its list is the answer, with no body to check, sent with the word's (fetchWordLists).
    if (compact.length === 2) return this.wordLists([compact]).then(([list]) => list!.contiguous!);
    const grams = bigramsOf(compact);
    // A few candidates (CANDIDATES) are checked on their bodies, in SQL, as the server holds no bodies; many are
    // found from where their bigrams stand (placed): checking the 23,000 candidates of "对此有何评论" took 70–110
    // ms, where the bodies in memory took 2. The answer is cached. A word the index holds as a term stands in
    // every passage of its word list (a term is a run of the body): see termSubstring.
    const term = isHanRun(compact) ? compact : null;
    return this.cached(`s${SEP}${compact}`, async () => {
      // Up to placesPast candidates, checked here; more come back unchecked, with how many passages hold
      // each bigram (rare's), to be found from the bigrams' places or checked (placedOrChecked).
      // The bodies checked and found holding it, in the keys' order (one aggregation feeds both), joined by a
      // character no compact body has (normalize.ts drops control characters).
      const { rows } = await this.query<{ candidates: string | null; checked: string; bodies: string | null; unchecked: string | null; grams: number[] | null; dfs: number[] | null }>(
        `${CANDIDATES},
           t AS (SELECT EXISTS (SELECT 1 FROM huayu_lists WHERE field = ${LIST_FIELD.word} AND term = $2) AS known),
           checked AS (SELECT coalesce(array_agg(p.key << ${SLOT_BITS}), '{}') AS keys,
                              CASE WHEN count(*) <= $5 THEN string_agg(p.compact, chr(${BODY_SEPARATOR.charCodeAt(0)})) END AS bodies
                       FROM c, unnest(c.keys) AS x(k) JOIN huayu_passages p ON p.key = x.k >> ${SLOT_BITS}
                       WHERE NOT (SELECT known FROM t) AND cardinality(c.keys) <= $4 AND strpos(p.compact, $3) > 0)
         SELECT CASE WHEN t.known THEN ${asBase64('array_send(c.keys)')} END AS candidates, ${asBase64('array_send(checked.keys)')} AS checked, checked.bodies,
                CASE WHEN NOT t.known AND cardinality(c.keys) > $4 THEN ${asBase64('array_send(c.keys)')} END AS unchecked,
                CASE WHEN cardinality(c.keys) > $4 THEN (SELECT array_agg(gram ORDER BY n) FROM rare) END AS grams,
                CASE WHEN cardinality(c.keys) > $4 THEN (SELECT array_agg(df::integer ORDER BY n) FROM rare) END AS dfs
         FROM c, t, checked`,
        [grams, term, compact, this.placesPast, this.keepBody ? BODIES_SENT : 0],
      );
      const { candidates, checked, bodies, unchecked, grams: named, dfs } = rows[0]!;
      const dfOf = named && dfs && new Map(named.map((g, i) => [g, dfs[i]!]));
      if (candidates !== null) return this.termSubstring(compact, bytesOf(candidates), dfOf);
      if (unchecked !== null) return this.placedOrChecked(compact, this.passagesOf([bytesOf(unchecked)]), dfOf!);
      const found = sentEntries(bytesOf(checked));
      if (bodies !== null) this.keepBodies(found, bodies);
      return this.ascendingPassages([found]);
    });
  }

  /** Hands the bodies a check read to keepBody, each with its passage (`joined` in the entries' order); none if they do not pair up. */
  private keepBodies(found: Entries, joined: string): void {
    const bodies = joined.split(BODY_SEPARATOR);
    if (bodies.length !== entryCount(found)) return;
    const { words, from, step } = found;
    bodies.forEach((body, i) => {
      const g = this.gidOf(words[from + step * i]! >> SLOT_BITS);
      if (g >= 0) this.keepBody!(g, body);
    });
  }

  /**
   * Of a substring's many candidates (passage numbers, ascending), those that hold it: found from the lists of
   * the bigrams that cover it and where they stand (gramPlaces.ts), where those lists cost less than reading
   * the candidates' bodies; else checked on them. For "对此有何评" at 100 MB, where checking its 23,445
   * candidates took 50–110 ms; but 美国政府's 2,632 beyond its word list are checked (34 ms), its cover
   * being the lists of 美国 and 政府 (48 ms).
   */
  private async placedOrChecked(compact: string, candidates: Uint32Array, dfs: ReadonlyMap<number, number>): Promise<Uint32Array> {
    const at = Array.from({ length: compact.length - 1 }, (_, o) => signedKey(bigramKey(compact.charCodeAt(o), compact.charCodeAt(o + 1))));
    // A list this process keeps is only read (~10 ns an entry), not fetched and decoded (~300).
    const costs = at.map((g) => (this.cache?.has(`g${SEP}${g}`) ? dfs.get(g)! / 32 : dfs.get(g)!));
    const offsets = cheapestCover(costs);
    if (offsets.reduce((sum, o) => sum + costs[o]!, 0) > PLACES_PER_CHECK * candidates.length) {
      return this.passagesOf((await this.checkedInPieces(Array.from(candidates, (g) => this.keyOfGid[g]!), compact)).map(bytesOf));
    }
    const lists = await this.gramPlaces(offsets.map((o) => at[o]!));
    return this.prover.holding(candidates, offsets.map((offset, i) => ({ offset, places: lists[i]! })));
  }

  /** The lists of bigrams (PostgreSQL integers) with where they stand, from the cache or in one query; kept. */
  private async gramPlaces(grams: readonly number[]): Promise<GramPlaces[]> {
    const out = grams.map((g) => this.cache?.get(`g${SEP}${g}`) as GramPlaces | undefined);
    const missing = [...new Set(grams.filter((_, i) => !out[i]))];
    if (missing.length === 0) return out as GramPlaces[];
    const rows = await servingCopy(this.pool, 'SELECT array_position($1::integer[], gram), array_send(keys), firsts, more FROM huayu_grams WHERE gram = ANY($1::integer[])', [missing]);
    const parts = missing.map((): GramPart[] => []);
    for (const [i, keys, firsts, more] of rows) parts[int4Of(i) - 1]!.push({ keys: sentEntries(bytesIn(keys)), firsts: bytesIn(firsts), more: more ? bigEndianWords(bytesIn(more)) : null });
    missing.forEach((g, i) => {
      const placed = gramPlacesOf(parts[i]!, (key) => this.gidOf(key), SLOT_BITS);
      this.cache?.set(`g${SEP}${g}`, placed);
      grams.forEach((h, j) => h === g && (out[j] = placed));
    });
    return out as GramPlaces[];
  }

  async substringMatchesUpTo(compact: string, cap: number): Promise<Uint32Array | null> {
    const kept = this.cache?.get(`s${SEP}${compact}`) as Uint32Array | undefined;
    if (kept) return upTo(kept, cap);
    if (compact.length <= 2) return upTo(await this.substringMatches(compact), cap);
    // substringMatches' candidates, checked on their bodies until cap + 1 hold the string, in one statement:
    // a quote's piece held by 16,000 passages ("化营商环" at 100 MB) had them all checked (55 ms) to be set aside.
    const { rows } = await this.query<{ n: number; keys: string }>(
      `${CANDIDATES},
         hits AS (SELECT p.key FROM c, unnest(c.keys) AS x(k) JOIN huayu_passages p ON p.key = x.k >> ${SLOT_BITS}
                  WHERE strpos(p.compact, $2) > 0 LIMIT $3)
       SELECT count(*)::integer AS n, ${asBase64(`array_send(coalesce(array_agg(key << ${SLOT_BITS}), '{}'))`)} AS keys FROM hits`,
      [bigramsOf(compact), compact, cap + 1],
    );
    const { n, keys } = rows[0]!;
    const answer = this.passagesOf([bytesOf(keys)]);
    // Under the cap every candidate was checked: the whole answer. Past it, the cap + 1 counted may hold passages
    // of documents written since this process loaded, which it does not answer; if they do, its whole answer decides.
    if (n > cap) return answer.length > cap ? null : upTo(await this.substringMatches(compact), cap);
    this.cache?.set(`s${SEP}${compact}`, answer);
    return answer;
  }

  /**
   * A term's substring matches: the passages of its word list, sure without a look at their bodies, and
   * those of the other `candidates` (array_send) whose bodies hold it (for 联合国 at 100 MB, 121 of 18,343).
   * The list is this process's own (a word query asks for it too, at the same time: wordLists shares the
   * fetch). The database had sent it back intersected with the candidates, built from the list's 18,000
   * entries unnested, their slots masked, sorted: 5 of the statement's 11 ms, the largest part of the
   * database's work under the bench's load.
   */
  private async termSubstring(compact: string, candidates: Buffer, dfs: ReadonlyMap<number, number> | null): Promise<Uint32Array> {
    const [list] = await this.wordLists([compact]);
    const entries = list!.entries;
    const others = this.marking(entries, SLOT_BITS, (held) =>
      keysOf(candidates).filter((key) => {
        const g = this.gidOf(key);
        return g >= 0 && !held(g);
      }),
    );
    // Many others may be found from their places, as an unknown string's candidates are.
    const checked =
      others.length > this.placesPast && dfs
        ? await this.placedOrChecked(compact, Uint32Array.from(others, (key) => this.gidOf(key)).sort(), dfs)
        : others.length > 0
          ? this.passagesOf((await this.checkedInPieces(others, compact)).map(bytesOf))
          : new Uint32Array(0);
    const out = new Uint32Array(entries.length + checked.length);
    for (let i = 0; i < entries.length; i++) out[i] = entries[i]! >> SLOT_BITS;
    out.set(checked, entries.length);
    return out.sort();
  }

  /**
   * The passages of `keys` whose bodies hold `compact` (array_send, base64, one per piece), checked in up to
   * MAX_CHECK_PIECES pieces on parallel connections. A common phrase that is no single word ("对此有何评论",
   * 23,000 candidates at 100 MB) took 45 ms in one statement, the database reading each candidate on one
   * core; seven such phrases took 199 ms in two pieces against 259 in one (medians of six rounds).
   */
  private async checkedInPieces(keys: readonly number[], compact: string): Promise<string[]> {
    const pieces = Math.min(MAX_CHECK_PIECES, Math.ceil(keys.length / this.checkPiece));
    const size = Math.ceil(keys.length / pieces);
    const answers = await Promise.all(
      Array.from({ length: pieces }, (_, i) =>
        this.query<{ keys: string }>(
          // = ANY, not a join with unnest: told the array's length, the planner joined 6,500 keys by reading every passage (170 ms).
          `SELECT ${asBase64(`array_send(coalesce(array_agg(key << ${SLOT_BITS}), '{}'))`)} AS keys FROM huayu_passages
           WHERE key = ANY($1::integer[]) AND strpos(compact, $2) > 0`,
          [keys.slice(i * size, (i + 1) * size), compact],
        ),
      ),
    );
    return answers.map((a) => a.rows[0]!.keys);
  }

  /** A tag value's passages, ascending by gid: its stored lists (a row a part; entries are key × 16 + slot) joined. */
  tagged(field: TagField, value: string): Promise<Uint32Array> {
    return this.cached(`t${SEP}${field}${SEP}${value}`, async () => {
      const rows = await servingCopy(this.pool, 'SELECT keys FROM huayu_lists WHERE field = $1 AND term = $2', [TAG_FIELD[field], value]);
      return this.ascendingPassages(rows.map(([keys]) => storedEntries(bytesIn(keys))));
    });
  }

  async votes(grams: Uint32Array, minVotes: number): Promise<Array<[number, number]>> {
    const keys = Array.from(grams, signedKey);
    if (keys.length === 0 || minVotes > keys.length) return [];
    // Pigeonhole: a passage holding minVotes of the grams holds one of any (grams - minVotes + 1) of them; take the rarest.
    // The candidates' votes are counted on each gram's part lists intersected with them (intarray's &, in
    // C; a passage is in one part of a gram's list).
    const { rows } = await this.query<{ records: string | null }>(
      `WITH rare AS (${rarestGrams('$2')}),
         candidates AS (SELECT uniq(sort(huayu_cat(g.keys))) AS keys FROM rare JOIN huayu_grams g ON g.gram = rare.gram),
         voted AS (SELECT k, count(*)::integer AS v FROM huayu_grams g, candidates c, unnest(g.keys & c.keys) AS k
                   WHERE g.gram = ANY($1::integer[]) GROUP BY k)
       SELECT ${asBase64(`string_agg(int4send(k >> ${SLOT_BITS}) || int4send(v), ''::bytea)`)} AS records FROM voted WHERE v >= $3`,
      [keys, keys.length - minVotes + 1, minVotes],
    );
    const records = rows[0]?.records && bytesOf(rows[0].records);
    const out: Array<[number, number]> = [];
    if (records) {
      for (let at = 0; at < records.length; at += 8) {
        const g = this.gidOf(records.readInt32BE(at));
        if (g >= 0) out.push([g, records.readInt32BE(at + 4)]);
      }
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  /**
   * Every write gives a document a new key, and a removal lowers the count:
   * the highest key and the count say whether the documents are still the
   * ones this process loaded.
   */
  async current(): Promise<boolean> {
    const { rows } = await this.query<{ top: number; count: number }>('SELECT coalesce(max(doc_key), 0) AS top, count(*)::integer AS count FROM huayu_documents', []);
    return rows[0]!.top === this.loaded.topDocKey && rows[0]!.count === this.loaded.documents;
  }

  private closed = false;

  close(): Promise<void> {
    this.closed = true;
    return this.pool.end();
  }
}
