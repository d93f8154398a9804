// The words path of a search, in stages: every list the query needs asked of
// the store at once (gather), the bodies ranking will read fetched while the
// query may still wait (prefetchReads), then the strict matches ranked
// (strictTier) and the relaxed tiers laid out (tiersOf), with no await between
// those two: the scratch sets belong to one query at a time.
//
// Stages rather than one function: as a single 180-line async function, V8
// recompiled it 17 times over 3,700 queries (80–270 ms each, on the servers'
// one compiler thread), each new shape of query deoptimizing one of its
// inlined array calls. Split, the most recompiled stage (gather) took 5, and
// two PostgreSQL servers' CPU fell from 5.04–5.58 to 4.75–5.18 ms a request
// (three alternated runs at 100 MB).

import { DEFAULTS } from '../config.js';
import { matchForm } from '../analysis/normalize.js';
import { withBodies, type QueryBodies } from '../index/bodies.js';
import type { Engine } from '../index/engine.js';
import type { TermStats } from '../index/retrieval.js';
import { speakerSpellings } from './speakerNames.js';
import type { PassageSets } from './passageSets.js';
import { bm25, rank, readsBody, RERANK_DEPTH, scoredTerms, withAbsences, type Ranked, type ScoredTerm } from './rank.js';
import { dateFilter, filterLists, setsFor } from './filters.js';
import { heldAsString, type ParsedQuery, type QueryPart } from './query.js';
import { firstPassing, likelyHead, type HeadList } from './likelyHead.js';
import { relax, relaxedReads, type RelaxInput, type Relaxed } from './relax.js';
import { acceptor, exactFirst, mentionsOf, saidBy, synonymsOf } from './tiers.js';
import type { Understood } from './understand.js';
import type { Route, SearchRequest, Tier } from './search.js';

type WordsRoute = Extract<Route, { path: 'words' }>;

/** A words query ranked: its tiers and what a page of it is scored and described from. Valid only while rankWords' `use` runs. */
export interface RankedWords {
  q: string;
  understood: Understood;
  parsed: ParsedQuery;
  ladder: Tier[];
  total: number;
  alternatives: string[][];
  ranked: Ranked;
  sets: PassageSets;
  score: (g: number) => number;
  byTerms: boolean;
  matched: Uint32Array;
  exact: Uint32Array;
  relaxed: Relaxed | null;
  mentions: Uint32Array;
  termLists: Array<Array<ArrayLike<number>>>;
  split: string[][];
}

/**
 * Ranks a words query and hands the result to `use` before anything awaits: its matches are views
 * of the engine's scratch sets, which the next query reuses.
 */
export function rankWords<T>(engine: Engine, req: SearchRequest, route: WordsRoute, use: (r: RankedWords) => T): Promise<T> {
  // Run again for the bodies a run read and lacked, until one lacks none (bodies.ts).
  return withBodies(engine.bodies, (bodies) => rankWordsWith(engine, req, route, bodies, use));
}

async function rankWordsWith<T>(engine: Engine, req: SearchRequest, route: WordsRoute, bodies: QueryBodies, use: (r: RankedWords) => T): Promise<T> {
  const lists = await gather(engine, req, route, bodies);
  const plan = planOf(engine, req, route, lists);
  await bodies.prefetch(() => prefetchReads(engine, route, lists, plan));
  // From here to the end nothing awaits but a part split word by word: the scratch sets belong to this query.
  const strict = strictTier(engine, route, lists, plan, bodies);
  // A part typed without spaces that nothing holds (美国芯片出口管制): relax it word by word. Only then are its terms'
  // lists fetched, and the bodies their order reads (this awaits: the scratch sets may serve another query
  // meanwhile, so scores below skip their tiers).
  const { parsed } = route;
  const absent = (i: number) => lists.partLists[i]![0].length === 0 && lists.partLists[i]![1].length === 0 && lists.altLists[i]!.every((l) => l.length === 0);
  const split = parsed.parts.map((p, i) => (parsed.phrases.length === 0 && p.terms.length > 1 && strict.matched.length === 0 && absent(i) ? p.terms : []));
  const byTerms = split.some((t) => t.length > 0);
  if (byTerms) {
    const fetched = await Promise.all(split.map((terms) => Promise.all(terms.map((t) => engine.retrieval.wordMatches([t])))));
    fetched.forEach((l, i) => (plan.termLists[i] = l));
    await bodies.prefetch(() => relaxedReads(engine, plan.relaxInput(strict.matched), plan.pageEnd).filter(lists.readsBodyOf));
  }
  return use(tiersOf(engine, route, lists, plan, strict, split, byTerms));
}

async function phraseMatches(engine: Engine, phrase: QueryPart): Promise<ArrayLike<number>> {
  if (phrase.compact.length >= 2) return engine.retrieval.substringMatches(phrase.compact);
  // A one-character phrase has no bigram: take word-index candidates and check them.
  return engine.bodies.containing(await engine.retrieval.wordMatches(phrase.terms), phrase.compact);
}

const NONE: Promise<Uint32Array> = Promise.resolve(new Uint32Array(0));

/**
 * By word, every passage whose body holds it (outside them its tf is 0): a one-word part's contiguous
 * list, for a word of two units or more (one has no bigram, and no such list).
 */
function heldByWord(parts: readonly QueryPart[], terms: readonly ScoredTerm[], contiguous: ReadonlyArray<ArrayLike<number>>): Map<string, ArrayLike<number>> {
  const formOf = new Map(terms.map((t) => [t.term, t.form]));
  return new Map(parts.flatMap((p, i) => (p.terms.length === 1 && p.compact.length >= 2 && formOf.get(p.terms[0]!) === p.compact ? [[p.terms[0]!, contiguous[i]!] as const] : [])));
}

/** A word alone with fewer passages than this is searched with its short forms too. */
const RARE_WORD = 50;

/**
 * The passages of a part's short form. One that holds the part as typed (美国政府 for 美国) is found only where
 * the part's own string is, which every list of the part already meets: none are asked for (on PostgreSQL,
 * 美国政府's 2,600 candidates beyond its word list took 45–55 ms to check at 100 MB).
 */
function alternativeMatches(r: Engine['retrieval'], part: QueryPart, alternative: string): Promise<Uint32Array> {
  const form = matchForm(alternative);
  return form.includes(part.compact) ? NONE : r.substringMatches(form);
}

/** Every list a words query needs, as the store gave them, and what ranking reads of them. */
interface Gathered {
  /** Per part: the short forms searched too (none for a common word alone). */
  alternatives: string[][];
  /** Per part: its contiguous list holds all its passages, and its word list adds none (heldAsString). */
  byString: boolean[];
  /** Per part: its word list (empty where unneeded) and its contiguous list. */
  partLists: Array<[ArrayLike<number>, Uint32Array]>;
  altLists: Uint32Array[][];
  phraseLists: Array<ArrayLike<number>>;
  /** Per filter, the lists of its spellings. */
  tagLists: Array<Array<ArrayLike<number>>>;
  whoNames: string[];
  /** The passages of the named speakers and outlets. */
  whoLists: Array<ArrayLike<number>>;
  /** A name searched alone: the passages that mention it. */
  mentionLists: Uint32Array[];
  /** The order rank starts from: the word query's, or the first part's words when that is the whole query. */
  order: ArrayLike<number>;
  allTerms: string[];
  partTerms: ScoredTerm[];
  /** The terms BM25 weighs: the parts' words, or with a phrase every word of the query. */
  rankTerms: ScoredTerm[];
  stats: TermStats | null;
  readsBodyOf: (g: number) => boolean;
}

async function gather(engine: Engine, req: SearchRequest, route: WordsRoute, bodies: QueryBodies): Promise<Gathered> {
  const { understood, parsed, named } = route;
  const synonyms = synonymsOf(engine);
  // Short forms where they change the answer: beside a second word or a name (台湾 军售 → 对台军售), or for a word
  // the text rarely writes as typed. A common word alone already fills every page with the word itself.
  const widen = parsed.parts.length > 1 || named;
  const alternatives = parsed.parts.map((part) => (synonyms.get(part.compact) ?? []).filter((f) => matchForm(f) !== part.compact));

  // Every list the query needs, asked of the store at once; then the sets, with no await between.
  const r = engine.retrieval;
  const units = engine.units;
  const allTerms = [...new Set([...parsed.parts, ...parsed.phrases].flatMap((p) => p.terms))];
  const single = parsed.parts.length === 1 && parsed.phrases.length === 0;
  // Parts whose contiguous list holds all their passages: their word lists add none (see heldAsString).
  const byString = parsed.parts.map(heldAsString);
  const whoNames = understood.speakers.flatMap((n) => speakerSpellings(engine, n));
  const [partLists, altLists, phraseLists, tagLists, whoLists, mentionLists, combined, allStats] = await Promise.all([
    // A part's word list is needed for its order when it is the whole query, or when its string may miss some of its passages.
    Promise.all(parsed.parts.map((part, i) => Promise.all([single || !byString[i] ? r.wordMatches(part.terms) : NONE, r.substringMatches(part.compact)]))),
    widen ? Promise.all(alternatives.map((alts, i) => Promise.all(alts.map((a) => alternativeMatches(r, parsed.parts[i]!, a))))) : Promise.resolve(alternatives.map((): Uint32Array[] => [])),
    Promise.all(parsed.phrases.map((phrase) => phraseMatches(engine, phrase))),
    // One tag per question: FlexSearch ORs the pairs of a single tag option, and the sets intersect here.
    filterLists(engine, req),
    Promise.all([
      ...whoNames.map((n) => r.tagged('speaker', n)),
      ...understood.outlets.map((o) => Promise.resolve(units.byOutlet.get(o) ?? new Uint32Array(0))),
    ]),
    // A name searched alone: the passages that mention it come after what the person said.
    parsed.parts.length === 0 && parsed.phrases.length === 0 ? Promise.all([...understood.speakers, ...understood.outlets].map((n) => r.substringMatches(matchForm(n)))) : Promise.resolve([]),
    // The order of the word query over every term; the first part's when that is the whole query;
    // with a phrase, asked below among the passages holding it.
    single || parsed.phrases.length ? null : allTerms.length ? r.wordMatches(allTerms) : Promise.resolve([] as number[]),
    // That order is of the words' whole lists, which do not depend on the phrase's passages: a store that
    // fetches them (for their counts too) fetches them now, beside the phrase's own statement, not after it.
    parsed.phrases.length && allTerms.length ? r.termStats(allTerms) : null,
  ]);
  // Every match holds every phrase: the word order matters only among the passages of the rarest one
  // (a phrase of common words narrowed to 50 passages no longer walks the lists of 的 or 问题).
  let wordOrder: ArrayLike<number> | null = combined;
  // Whether the words' whole lists were asked for: by a word query, or by a phrase of more matches than ranking reads.
  let wholeLists = parsed.phrases.length === 0;
  if (!single && parsed.phrases.length) {
    const rarest = phraseLists.reduce((a, b) => (b.length < a.length ? b : a));
    wholeLists = rarest.length > RERANK_DEPTH;
    // Every match is in the rarest phrase's list: when it is no longer than the ranked head, its bodies are
    // fetched while the word order is asked for, rather than after (the prefetch then finds them).
    const [order] = await Promise.all([
      rarest.length && allTerms.length ? r.wordMatchesAmong(allTerms, rarest) : [],
      rarest.length <= RERANK_DEPTH ? bodies.prefetch(() => Array.from(rarest)) : undefined,
    ]);
    wordOrder = order;
  }

  // The terms' counts and the passages' lengths from the index, where the store keeps them (its bodies are
  // elsewhere): ranking then reads the bodies of only the passages they miss. With a phrase, only where it has
  // more matches than ranking reads: its words' whole lists gave its word order then (and were kept); its
  // fewer matches are ranked on their bodies, fetched meanwhile (above) or sent with its check.
  const partTerms = scoredTerms([...new Set(parsed.parts.flatMap((p) => p.terms))]);
  const rankTerms = parsed.phrases.length ? scoredTerms(allTerms) : partTerms;
  // With a phrase, every word's counts were asked for above (rankTerms are among allTerms).
  const counted = wholeLists && rankTerms.length ? (parsed.phrases.length ? allStats : await r.termStats(rankTerms.map((t) => t.term))) : null;
  const stats = counted && withAbsences(counted, heldByWord(parsed.parts, partTerms, partLists.map(([, contiguous]) => contiguous)));

  if (!widen && parsed.parts.length === 1 && alternatives[0]!.length) {
    const [byWords, contiguous] = partLists[0]!;
    if (byWords.length + contiguous.length < RARE_WORD) altLists[0] = await Promise.all(alternatives[0]!.map((a) => alternativeMatches(r, parsed.parts[0]!, a)));
    else alternatives[0] = [];
  }
  return {
    alternatives,
    byString,
    partLists,
    altLists,
    phraseLists,
    tagLists,
    whoNames,
    whoLists,
    mentionLists,
    order: wordOrder ?? partLists[0]?.[0] ?? [],
    allTerms,
    partTerms,
    stats,
    rankTerms,
    readsBodyOf: readsBody(stats, rankTerms),
  };
}

/** What the prefetch, the strict tier and the relaxed tiers share: the filters, and each part's lists as relaxing sees them. */
interface Plan {
  inDates: (g: number) => boolean;
  filtered: boolean;
  /** The passages the request's filters let through; its sets are built when first asked. */
  accept: (g: number) => boolean;
  pageEnd: number;
  /** The bodies ranking most likely reads (likelyHead.ts). */
  head: () => Iterable<HeadList>;
  /** Per part, the lists of its words once it is split word by word; else empty. */
  termLists: Array<Array<ArrayLike<number>>>;
  /** The relaxed tiers' lists: per part, every list that meets it; a part split word by word brings its words'. */
  relaxParts: () => Array<Array<ArrayLike<number>>>;
  /** Relaxed tiers: every word in one exchange, then some of the words (never with a quoted phrase, which must hold). */
  relaxes: (parts: readonly unknown[]) => boolean;
  /** The relaxed tiers' input, with `parts` when the caller built them already (relaxParts allocates per part). */
  relaxInput: (strict: ArrayLike<number>, parts?: Array<Array<ArrayLike<number>>>) => Omit<RelaxInput, 'score'>;
}

function planOf(engine: Engine, req: SearchRequest, route: WordsRoute, lists: Gathered): Plan {
  const { parsed, named } = route;
  const { partLists, phraseLists, altLists, byString, tagLists, whoLists, order } = lists;
  // A one-character phrase's passages come in word order, not ascending, and are left out.
  const typed = [...partLists.map(([, contiguous]) => contiguous), ...phraseLists.filter((_, i) => parsed.phrases[i]!.compact.length >= 2)];
  const head = () => likelyHead({ wordOrder: order, typed, alternatives: altLists, tiered: parsed.parts.some((p) => p.terms.length > 1) });
  const inDateRange = dateFilter(engine, req);
  const inDates = inDateRange ?? (() => true);
  const filtered = tagLists.length > 0 || inDateRange !== null;
  // Sets of the filters' passages, built only for the passages the prefetch, a relaxed tier or a name's mentions look at.
  let acceptFn: ((g: number) => boolean) | null = null;
  const accept = (g: number) => (acceptFn ??= acceptor(engine, tagLists, inDates))(g);
  const termLists: Array<Array<ArrayLike<number>>> = parsed.parts.map(() => []);
  const relaxParts = (): Array<Array<ArrayLike<number>>> =>
    parsed.parts.flatMap((_, i) =>
      termLists[i]!.length ? termLists[i]!.map((list) => [list]) : [[...(byString[i] ? [] : [partLists[i]![0]]), partLists[i]![1], ...altLists[i]!]],
    );
  // One word and no name: every passage holding it is a strict match already, nothing to relax.
  const relaxes = (parts: readonly unknown[]) => parsed.phrases.length === 0 && (parts.length > 1 || (parts.length === 1 && named));
  const relaxInput = (strict: ArrayLike<number>, parts = relaxParts()) => ({ parts, who: named ? whoLists : null, strict, accept: filtered ? accept : null });
  const pageEnd = (req.offset ?? 0) + (req.limit ?? DEFAULTS.search.limit);
  return { inDates, filtered, accept, pageEnd, head, termLists, relaxParts, relaxes, relaxInput };
}

/** The bodies ranking reads: the likely strict head, and the relaxed tiers' when the page reaches them. */
function prefetchReads(engine: Engine, route: WordsRoute, lists: Gathered, plan: Plan): number[] {
  // A strict match is also said by the named speaker or outlet.
  const strictHead = firstPassing(plan.head(), route.named ? acceptor(engine, [...lists.tagLists, lists.whoLists], plan.inDates) : plan.accept, RERANK_DEPTH);
  // Fewer strict matches than the page shows: it reaches the relaxed tiers, whose order reads bodies too.
  const parts = plan.relaxParts();
  const reachesRelaxed = plan.relaxes(parts) && strictHead.size < plan.pageEnd;
  const reads = reachesRelaxed ? [...strictHead, ...relaxedReads(engine, plan.relaxInput(Uint32Array.from(strictHead), parts), plan.pageEnd - strictHead.size)] : strictHead;
  return [...reads].filter(lists.readsBodyOf);
}

/** The passages meeting every part, phrase, filter and name, ranked; short forms only after the words as typed. */
interface Strict {
  sets: PassageSets;
  matched: Uint32Array;
  score: (g: number) => number;
  ranked: Ranked;
  exact: Uint32Array;
}

function strictTier(engine: Engine, route: WordsRoute, lists: Gathered, plan: Plan, bodies: QueryBodies): Strict {
  const { parsed, named } = route;
  const { partLists, altLists, phraseLists, tagLists, whoLists, whoNames, byString, partTerms, stats, order } = lists;
  const sets = setsFor(engine);
  sets.begin();
  let tiers = 0;
  parsed.parts.forEach((part, i) => {
    // A part matches through its words (anywhere in the passage), as one contiguous string, or as one of its short forms.
    const [byWords, contiguous] = partLists[i]!;
    sets.next();
    if (!byString[i]) sets.meet(byWords);
    sets.meet(contiguous);
    for (const alt of altLists[i]!) sets.meet(alt, false);
    if (part.terms.length > 1) {
      tiers++;
      sets.raiseTier(contiguous);
    }
  });
  for (const list of phraseLists) {
    sets.next();
    sets.meet(list);
  }
  // A filter with several spellings (唐鳳 / 唐凤) is met by any of them.
  for (const spellings of tagLists) {
    sets.next();
    for (const list of spellings) sets.meet(list);
  }
  if (named) {
    sets.next();
    for (const list of whoLists) sets.meet(list);
  }

  const matched = sets.matches(plan.inDates);
  const score = (g: number) => bm25(engine, bodies, partTerms, g, stats);

  let ranked: Ranked;
  if (parsed.parts.length || parsed.phrases.length) ranked = rank(engine, bodies, lists.rankTerms, sets, matched, tiers, order, stats);
  else {
    // Without filters the named speakers' passages are all matched, in an order kept by the engine.
    let keep: ((g: number) => boolean) | null = null;
    if (plan.filtered) {
      const inMatched = sets.flags();
      for (let i = 0; i < matched.length; i++) inMatched.mark(matched[i]!);
      keep = (g) => inMatched.has(g);
    }
    const said = saidBy(engine, whoNames, keep);
    // An outlet alone: the exchanges its reporters opened, in passage order.
    ranked = { order: said.length === matched.length ? said : matched, head: [], terms: [] };
  }
  // Short forms only: after the passages holding the words the user typed.
  const exact = lists.alternatives.some((a) => a.length) ? exactFirst(ranked.order, (g) => sets.exact(g)) : ranked.order;
  return { sets, matched, score, ranked, exact };
}

/** The tiers in rank order: the strict matches, the relaxed ones, then the passages that only mention a name searched alone. */
function tiersOf(engine: Engine, route: WordsRoute, lists: Gathered, plan: Plan, strict: Strict, split: string[][], byTerms: boolean): RankedWords {
  const { q, understood, parsed, named } = route;
  const { sets, matched, score, ranked, exact } = strict;
  const parts = plan.relaxParts();
  // A passage of the mentions already listed: any match (names alone and no filter are answered by names.ts).
  const listedFlags = sets.flags();
  if (lists.mentionLists.length) for (let i = 0; i < matched.length; i++) listedFlags.mark(matched[i]!);
  const listed = (g: number) => listedFlags.has(g);
  let relaxed: Relaxed | null = null;
  if (plan.relaxes(parts)) relaxed = relax(engine, { ...plan.relaxInput(matched, parts), score });
  const mentions = mentionsOf(lists.mentionLists, (g) => listed(g) || !plan.accept(g));
  // The tiers in rank order; a relaxed tier is ordered only when the page reaches it.
  let ladder: Tier[] = [{ match: 'passage', count: exact.length, list: () => exact }];
  if (relaxed) {
    ladder.push({ match: 'exchange', count: relaxed.exchange.length, list: relaxed.orderExchange });
    ladder.push({ match: 'partial', count: relaxed.partial.length, list: relaxed.orderPartial });
  }
  ladder.push({ match: 'partial', count: mentions.length, list: () => mentions });
  // A named speaker who never spoke of the words: what they said, rather than an empty page.
  if (ladder.every((t) => t.count === 0) && named) {
    const said = saidBy(engine, lists.whoNames, plan.accept);
    ladder = [{ match: 'partial', count: said.length, list: () => said }];
  }
  const total = ladder.reduce((n, t) => n + t.count, 0);
  return { q, understood, parsed, ladder, total, alternatives: lists.alternatives, ranked, sets, score, byTerms, matched, exact, relaxed, mentions, termLists: plan.termLists, split };
}
