// Free-text search over passages: candidates from the store's retrieval (word
// lists, substrings through the bigrams, tags; in memory or in PostgreSQL),
// ranking with contiguous matches first, facets over every match, highlights
// on the original characters.
//
// Sets of passages are typed arrays indexed by passage number, so a query
// touches each candidate a constant number of times: a word in half the
// corpus is ~150,000 passages at 100 MB.

import { DEFAULTS } from '../config.js';
import { createError } from '../errors.js';
import { matchForm } from '../analysis/normalize.js';
import { withBodies, type QueryBodies } from '../index/bodies.js';
import type { Engine } from '../index/engine.js';
import { facetsOf, type Facets } from './facets.js';
import { speakerSpellings } from './speakerNames.js';
import type { PassageSets } from './passageSets.js';
import { bm25, rank, readsBody, RERANK_DEPTH, scoredTerms, withAbsences, type Ranked, type ScoredTerm } from './rank.js';
import type { PublicPassage, PublicSpan } from './present.js';
import { respond, type HitPick, type PickedPage } from './hits.js';
import { browse } from './browse.js';
import { searchNames } from './names.js';
import { dateFilter, hasFilter, setsFor, tagFilters, type SearchFilters } from './filters.js';
import { heldAsString, isEmptyQuery, needles, parseQuery, type ParsedQuery, type QueryPart } from './query.js';
import { firstPassing, likelyHead } from './likelyHead.js';
import { relax, relaxedReads, type Relaxed } from './relax.js';
import { acceptor, concat, exactFirst, mentionsOf, plainUnderstanding, saidBy, synonymsOf } from './tiers.js';
import { understand, type Understood } from './understand.js';

export type { SearchFilters } from './filters.js';

export interface SearchRequest extends SearchFilters {
  q: string;
  limit?: number | undefined;
  offset?: number | undefined;
  /** Search every word as text: no names taken for speakers, no filler dropped. */
  plain?: boolean | undefined;
}

export interface SearchHit extends PublicPassage {
  highlight: string;
  marks: PublicSpan[];
  snippet: PublicSpan;
  score: number;
  /** How the hit matched: every word in the passage, every word in its exchange or turn, or some of the words. */
  match: 'passage' | 'exchange' | 'partial';
}

export interface SearchResponse {
  query: string;
  total: number;
  took_ms: number;
  /** What the query was read as: names, outlets, words, phrases, what was dropped, the short forms searched too. */
  understood: Understood & { synonyms: Record<string, string[]> };
  /** Matches per tier; for a page of partial matches, which words the best hit holds and which were relaxed. */
  matching: { passage: number; exchange: number; partial: number; matched: string[]; relaxed: string[] };
  hits: SearchHit[];
  facets: Facets;
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

/** The parts of an understood query as one query string for parseQuery: words, then phrases in quotes. */
function textQuery(u: Understood): string {
  return [...u.words, ...u.phrases.map((p) => `"${p.replace(/"/gu, '')}"`)].join(' ');
}

/** One tier of a query's matches in rank order; a page takes from the tiers in turn. */
export interface Tier {
  match: SearchHit['match'];
  count: number;
  /** The tier's passages in rank order; computed when first asked (a relaxed tier is ordered only when a page reaches it). */
  list: () => ArrayLike<number>;
}

/** How a request is answered: its filters alone, names alone (names.ts), or words. */
export type Route =
  | { path: 'browse' }
  | { path: 'names'; understood: Understood }
  | { path: 'words'; q: string; understood: Understood; parsed: ParsedQuery; named: boolean };

export async function routeOf(engine: Engine, req: SearchRequest): Promise<Route> {
  const q = req.q.trim();
  // No words but a filter (/?topic=营商环境): every passage the filters let through.
  if (!q && hasFilter(req)) return { path: 'browse' };
  if (!q) throw createError('QUERY_EMPTY');
  if ([...q].length > DEFAULTS.search.maxQueryLength) throw createError('QUERY_TOO_LONG', DEFAULTS.search.maxQueryLength);
  // Names become who-said constraints and question filler is dropped, unless the user asked for plain text.
  let understood = req.plain ? plainUnderstanding(q) : await understand(engine, q, engine.segmenter);
  let parsed = await parseQuery(textQuery(understood), engine.segmenter);
  const named = understood.speakers.length > 0 || understood.outlets.length > 0;
  if (isEmptyQuery(parsed) && !named) {
    // Nothing but filler (怎么说): search what was typed.
    understood = plainUnderstanding(q);
    parsed = await parseQuery(q, engine.segmenter);
  }
  if (isEmptyQuery(parsed) && !named) throw createError('QUERY_EMPTY');
  if (isEmptyQuery(parsed) && understood.outlets.length === 0 && !hasFilter(req)) return { path: 'names', understood };
  return { path: 'words', q, understood, parsed, named };
}

export async function search(engine: Engine, req: SearchRequest): Promise<SearchResponse> {
  const t0 = performance.now();
  const route = await routeOf(engine, req);
  if (route.path === 'browse') return browse(engine, req, t0);
  if (route.path === 'names') return searchNames(engine, route.understood, req, t0);
  // The page is picked while the query's scratch sets are its own; its texts are fetched after.
  const page = await rankWords(engine, req, route, (ranked) => wordsPage(engine, req, ranked));
  return respond(engine, page, t0);
}

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
export function rankWords<T>(engine: Engine, req: SearchRequest, route: Extract<Route, { path: 'words' }>, use: (r: RankedWords) => T): Promise<T> {
  // Run again for the bodies a run read and lacked, until one lacks none (bodies.ts).
  return withBodies(engine.bodies, (bodies) => rankWordsWith(engine, req, route, bodies, use));
}

async function rankWordsWith<T>(engine: Engine, req: SearchRequest, route: Extract<Route, { path: 'words' }>, bodies: QueryBodies, use: (r: RankedWords) => T): Promise<T> {
  const { q, understood, parsed, named } = route;
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
  const filters = tagFilters(engine, req);
  const whoNames = understood.speakers.flatMap((n) => speakerSpellings(engine, n));
  const [partLists, altLists, phraseLists, tagLists, whoLists, mentionLists, combined] = await Promise.all([
    // A part's word list is needed for its order when it is the whole query, or when its string may miss some of its passages.
    Promise.all(parsed.parts.map((part, i) => Promise.all([single || !byString[i] ? r.wordMatches(part.terms) : NONE, r.substringMatches(part.compact)]))),
    widen ? Promise.all(alternatives.map((alts) => Promise.all(alts.map((a) => r.substringMatches(matchForm(a)))))) : Promise.resolve(alternatives.map(() => [])),
    Promise.all(parsed.phrases.map((phrase) => phraseMatches(engine, phrase))),
    // One tag per question: FlexSearch ORs the pairs of a single tag option, and the sets intersect here.
    Promise.all(filters.map(([field, values]) => Promise.all(values.map((v) => r.tagged(field, v))))),
    Promise.all([
      ...whoNames.map((n) => r.tagged('speaker', n)),
      ...understood.outlets.map((o) => Promise.resolve(units.byOutlet.get(o) ?? new Uint32Array(0))),
    ]),
    // A name searched alone: the passages that mention it come after what the person said.
    parsed.parts.length === 0 && parsed.phrases.length === 0 ? Promise.all([...understood.speakers, ...understood.outlets].map((n) => r.substringMatches(matchForm(n)))) : Promise.resolve([]),
    // The order of the word query over every term; the first part's when that is the whole query;
    // with a phrase, asked below among the passages holding it.
    single || parsed.phrases.length ? null : allTerms.length ? r.wordMatches(allTerms) : Promise.resolve([] as number[]),
  ]);
  // Every match holds every phrase: the word order matters only among the passages of the rarest one
  // (a phrase of common words narrowed to 50 passages no longer walks the lists of 的 or 问题).
  let wordOrder: ArrayLike<number> | null = combined;
  if (!single && parsed.phrases.length) {
    const rarest = phraseLists.reduce((a, b) => (b.length < a.length ? b : a));
    // Every match is in the rarest phrase's list: when it is no longer than the ranked head, its bodies are
    // fetched while the word order is asked for, rather than after (the prefetch below then finds them).
    const [order] = await Promise.all([
      rarest.length && allTerms.length ? r.wordMatchesAmong(allTerms, rarest) : [],
      rarest.length <= RERANK_DEPTH ? bodies.prefetch(() => Array.from(rarest)) : undefined,
    ]);
    wordOrder = order;
  }

  // The terms' counts and the passages' lengths from the index, where the store keeps them (its bodies are
  // elsewhere): ranking then reads the bodies of only the passages they miss. Not with a phrase, which
  // narrows to the passages of its cut lists and fetches their bodies (above).
  const partTerms = scoredTerms([...new Set(parsed.parts.flatMap((p) => p.terms))]);
  const counted = parsed.phrases.length === 0 && partTerms.length ? await r.termStats(partTerms.map((t) => t.term)) : null;
  const stats = counted && withAbsences(counted, heldByWord(parsed.parts, partTerms, partLists.map(([, contiguous]) => contiguous)));
  const readsBodyOf = readsBody(stats, partTerms);

  if (!widen && parsed.parts.length === 1 && alternatives[0]!.length) {
    const [byWords, contiguous] = partLists[0]!;
    if (byWords.length + contiguous.length < RARE_WORD) altLists[0] = await Promise.all(alternatives[0]!.map((a) => r.substringMatches(matchForm(a))));
    else alternatives[0] = [];
  }
  // The order rank starts from: the word query's, or the first part's words when that is the whole query.
  const order: ArrayLike<number> = wordOrder ?? partLists[0]?.[0] ?? [];
  // The bodies ranking most likely reads, while this may still wait (likelyHead.ts). A one-character
  // phrase's passages come in word order, not ascending, and are left out.
  const typed = [...partLists.map(([, contiguous]) => contiguous), ...phraseLists.filter((_, i) => parsed.phrases[i]!.compact.length >= 2)];
  const head = () => likelyHead({ wordOrder: order, typed, alternatives: altLists, tiered: parsed.parts.some((p) => p.terms.length > 1) });
  const inDateRange = dateFilter(engine, req);
  const inDates = inDateRange ?? (() => true);
  const filtered = tagLists.length > 0 || inDateRange !== null;
  // Sets of the filters' passages, built only for the passages the prefetch, a relaxed tier or a name's mentions look at.
  let acceptFn: ((g: number) => boolean) | null = null;
  const accept = (g: number) => (acceptFn ??= acceptor(engine, tagLists, inDates))(g);
  // The relaxed tiers' lists: per part, every list that meets it; a part split word by word (below) brings its words'.
  const termLists: Array<Array<ArrayLike<number>>> = parsed.parts.map(() => []);
  const relaxParts = (): Array<Array<ArrayLike<number>>> =>
    parsed.parts.flatMap((_, i) =>
      termLists[i]!.length ? termLists[i]!.map((list) => [list]) : [[...(byString[i] ? [] : [partLists[i]![0]]), partLists[i]![1], ...altLists[i]!]],
    );
  // Relaxed tiers: every word in one exchange, then some of the words (never with a quoted phrase, which must hold).
  // One word and no name: every passage holding it is a strict match already, nothing to relax.
  const relaxes = (parts: unknown[]) => parsed.phrases.length === 0 && (parts.length > 1 || (parts.length === 1 && named));
  const relaxInput = (strict: ArrayLike<number>) => ({ parts: relaxParts(), who: named ? whoLists : null, strict, accept: filtered ? accept : null });
  const pageEnd = (req.offset ?? 0) + (req.limit ?? DEFAULTS.search.limit);
  await bodies.prefetch(() => {
    // A strict match is also said by the named speaker or outlet.
    const strictHead = firstPassing(head(), named ? acceptor(engine, [...tagLists, whoLists], inDates) : accept, RERANK_DEPTH);
    // Fewer strict matches than the page shows: it reaches the relaxed tiers, whose order reads bodies too.
    const reachesRelaxed = relaxes(relaxParts()) && strictHead.size < pageEnd;
    const reads = reachesRelaxed ? [...strictHead, ...relaxedReads(engine, relaxInput(Uint32Array.from(strictHead)), pageEnd - strictHead.size)] : strictHead;
    return [...reads].filter(readsBodyOf);
  });

  // From here to the end nothing awaits: the scratch sets belong to this query alone.
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
  for (const lists of tagLists) {
    sets.next();
    for (const list of lists) sets.meet(list);
  }
  if (named) {
    sets.next();
    for (const list of whoLists) sets.meet(list);
  }

  const matched = sets.matches(inDates);
  const score = (g: number) => bm25(engine, bodies, partTerms, g, stats);

  let ranked: Ranked;
  if (parsed.parts.length || parsed.phrases.length) ranked = rank(engine, bodies, parsed.phrases.length ? scoredTerms(allTerms) : partTerms, sets, matched, tiers, order, stats);
  else {
    // Without filters the named speakers' passages are all matched, in an order kept by the engine.
    let keep: ((g: number) => boolean) | null = null;
    if (filtered) {
      const inMatched = sets.flags();
      for (let i = 0; i < matched.length; i++) inMatched.mark(matched[i]!);
      keep = (g) => inMatched.has(g);
    }
    const said = saidBy(engine, whoNames, keep);
    // An outlet alone: the exchanges its reporters opened, in passage order.
    ranked = { order: said.length === matched.length ? said : matched, head: [], terms: [] };
  }
  // Short forms only: after the passages holding the words the user typed.
  const exact = alternatives.some((a) => a.length) ? exactFirst(ranked.order, (g) => sets.exact(g)) : ranked.order;

  // A part typed without spaces that nothing holds (美国芯片出口管制): relax it word by word. Only then are its terms'
  // lists fetched, and the bodies their order reads (this awaits: the scratch sets may serve another query
  // meanwhile, so scores below skip their tiers).
  const absent = (i: number) => partLists[i]![0].length === 0 && partLists[i]![1].length === 0 && altLists[i]!.every((l) => l.length === 0);
  const split = parsed.parts.map((p, i) =>
    parsed.phrases.length === 0 && p.terms.length > 1 && matched.length === 0 && absent(i) ? p.terms : [],
  );
  const byTerms = split.some((t) => t.length > 0);
  if (byTerms) {
    const lists = await Promise.all(split.map((terms) => Promise.all(terms.map((t) => r.wordMatches([t])))));
    lists.forEach((l, i) => (termLists[i] = l));
    await bodies.prefetch(() => relaxedReads(engine, relaxInput(matched), pageEnd).filter(readsBodyOf));
  }
  const parts = relaxParts();
  // A passage of the mentions already listed: any match (names alone and no filter are answered by names.ts).
  const strict = sets.flags();
  if (mentionLists.length) for (let i = 0; i < matched.length; i++) strict.mark(matched[i]!);
  const listed = (g: number) => strict.has(g);
  let relaxed: Relaxed | null = null;
  if (relaxes(parts)) relaxed = relax(engine, { ...relaxInput(matched), parts, score });
  const mentions = mentionsOf(mentionLists, (g) => listed(g) || !accept(g));
  // The tiers in rank order; a relaxed tier is ordered only when the page reaches it.
  let ladder: Tier[] = [{ match: 'passage', count: exact.length, list: () => exact }];
  if (relaxed) {
    ladder.push({ match: 'exchange', count: relaxed.exchange.length, list: relaxed.orderExchange });
    ladder.push({ match: 'partial', count: relaxed.partial.length, list: relaxed.orderPartial });
  }
  ladder.push({ match: 'partial', count: mentions.length, list: () => mentions });
  // A named speaker who never spoke of the words: what they said, rather than an empty page.
  if (ladder.every((t) => t.count === 0) && named) {
    const said = saidBy(engine, whoNames, accept);
    ladder = [{ match: 'partial', count: said.length, list: () => said }];
  }
  const total = ladder.reduce((n, t) => n + t.count, 0);
  return use({ q, understood, parsed, ladder, total, alternatives, ranked, sets, score, byTerms, matched, exact, relaxed, mentions, termLists, split });
}

/** The page the request asks for, with its scores, how it matched, and the facets of every match; its hits are made from `picks`. */
function wordsPage(engine: Engine, req: SearchRequest, rankedWords: RankedWords): PickedPage {
  const { q, understood, parsed, ladder, total, alternatives, ranked, sets, score, byTerms, matched, exact, relaxed, mentions, termLists, split } = rankedWords;
  const offset = req.offset ?? 0;
  const limit = req.limit ?? DEFAULTS.search.limit;
  const exchangeCount = relaxed?.exchange.length ?? 0;
  const page: Array<{ gid: number; rank: number; match: SearchHit['match'] }> = [];
  let before = 0;
  for (const tier of ladder) {
    if (page.length < limit && before + tier.count > offset && tier.count > 0) {
      const list = tier.list();
      for (let i = Math.max(0, offset - before); i < tier.count && page.length < limit; i++) page.push({ gid: list[i]!, rank: before + i, match: tier.match });
    }
    before += tier.count;
  }

  const marksOf = [...needles(parsed), ...alternatives.flat().map(matchForm)];
  const picks: HitPick[] = page.map(({ gid, rank, match }) => ({
    gid,
    score: rank < ranked.head.length && ranked.order[rank] === gid ? ranked.head[rank]! : (byTerms ? 0 : sets.tier(gid)) + score(gid),
    match,
  }));
  // The strict matches alone are counted as they are: a common word's 120,000 were copied for nothing.
  const best = matched.length || exchangeCount ? (exchangeCount ? concat([matched, relaxed?.exchange]) : matched) : concat([relaxed?.partial, mentions]);
  const words = parsed.parts.flatMap((p, i) => (termLists[i]!.length ? split[i]! : [p.raw]));
  const top = relaxed && exact.length + exchangeCount === 0 && relaxed.partial.length ? relaxed.mask(relaxed.orderPartial()[0]!) : -1;
  const response = {
    query: q,
    total,
    understood: { ...understood, synonyms: Object.fromEntries(parsed.parts.map((p, i) => [p.raw, alternatives[i]!]).filter(([, a]) => a!.length)) },
    matching: {
      passage: exact.length,
      exchange: exchangeCount,
      partial: total - exact.length - exchangeCount,
      matched: top < 0 ? words : words.filter((_, i) => top & (1 << i)),
      relaxed: top < 0 ? [] : words.filter((_, i) => !(top & (1 << i))),
    },
    facets: facetsOf(engine, best),
  };
  return { response, picks, marksOf };
}
