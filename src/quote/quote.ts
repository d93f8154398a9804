// "Did they really say this, and where?" A quote is found when its compact
// normalized form (no punctuation or spaces, Simplified, half-width) occurs in
// the corpus; candidates come from the bigrams (the store's retrieval), never
// from a scan of every document. When nothing matches in full, the nearest source spans are
// returned with a similarity below 1 and a diff of what differs.

import { bigramKeys } from '../analysis/ngrams.js';
import { compact } from '../analysis/normalize.js';
import { DEFAULTS } from '../config.js';
import { createError } from '../errors.js';
import type { Engine } from '../index/engine.js';
import type { WholeTexts } from '../index/texts.js';
import type { Speaker } from '../parse/types.js';
import { docRef, toCodePoints } from '../search/present.js';
import { bestWindow, similarity } from './align.js';
import { citation, passageUrl, permalink, quoteSelector, today, type Citation, type TextPositionSelector, type TextQuoteSelector } from './citation.js';
import { diffRuns, type DiffRun } from './diff.js';
import { gidsIn, turnGids, turnOffset, turnOffsets, turnText, type TurnText } from './turnText.js';

export interface QuoteRequest {
  text: string;
  /** Where permalinks point, e.g. http://localhost:3000. */
  baseUrl: string;
  /** The day of citing, YYYY-MM-DD; today by default. */
  accessed?: string;
  limit?: number;
}

export interface QuoteMatch {
  doc: { id: string; title: string; date: string | null };
  speaker: Speaker | null;
  kind: string;
  mode: 'direct' | 'reported' | null;
  /** The verbatim source span: original characters and punctuation. */
  quote: string;
  start: number;
  end: number;
  /** Ids of the passages the span lies in (two when it runs into the next paragraph). */
  passages: string[];
  similarity: number;
  diff: DiffRun[];
  selectors: [TextQuoteSelector, TextPositionSelector];
  citation: Citation;
  url: string;
}

export interface QuoteResponse {
  text: string;
  found: boolean;
  exact: boolean;
  took_ms: number;
  matches: QuoteMatch[];
}

export const NEAR_MATCH_THRESHOLD = 0.75;
const MIN_LENGTH = 2;
const MAX_LENGTH = 2000;
const MAX_MATCHES = 20;
/** Passages whose turns are fetched together while looking for a quote said word for word. */
const BODIES_AT_ONCE = 32;

interface Occurrence {
  turn: TurnText;
  /** Range in turn.text. */
  a: number;
  b: number;
  distance: number;
}

/** Each new place a quote occurs at, once: a turn and where in it. */
function occurrenceList(q: string): { out: Occurrence[]; add: (turn: TurnText, a: number) => void } {
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  const add = (turn: TurnText, a: number) => {
    const key = `${turn.gids[0]}:${a}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ turn, a, b: a + q.length, distance: 0 });
  };
  return { out, add };
}

/** The places where the compact quote occurs within one passage. */
async function occurrencesWithin(engine: Engine, q: string): Promise<Occurrence[]> {
  const { out, add } = occurrenceList(q);
  const matches = await engine.retrieval.substringMatches(q);
  // Their turns' bodies a few at a time: a sentence said in 2,000 passages stops at MAX_MATCHES.
  for (let from = 0; from < matches.length; from += BODIES_AT_ONCE) {
    const some = matches.subarray(from, from + BODIES_AT_ONCE);
    const bodies = await engine.bodies.fetch(turnGids(engine, some));
    for (const gid of some) {
      const turn = turnText(engine, bodies, gid);
      const body = bodies.body(gid);
      for (let i = body.indexOf(q); i >= 0; i = body.indexOf(q, i + 1)) add(turn, turnOffset(turn, gid, i));
      if (out.length >= MAX_MATCHES) return out;
    }
  }
  return out;
}

/**
 * The places where it runs across the paragraphs of a turn: the turns of more than one paragraph holding
 * a piece of it are asked, and those whose paragraphs joined hold all of it fetched.
 */
async function occurrencesAcross(engine: Engine, q: string): Promise<Occurrence[]> {
  const { out, add } = occurrenceList(q);
  const turns = new Map<number, readonly [number, number]>();
  for (const gid of await pieceCandidates(engine, q, 0)) {
    const first = engine.turnFirst[gid]!;
    if (engine.turnLast[gid] !== first) turns.set(first, [first, engine.turnLast[gid]!]);
  }
  // Visited in the order their pieces were found.
  const held = await engine.bodies.turnsHolding([...turns.values()], q);
  const holding = [...turns.keys()].filter((first) => held.has(first));
  const bodies = await engine.bodies.fetch(turnGids(engine, holding));
  for (const first of holding) {
    const turn = turnText(engine, bodies, first);
    for (let i = turn.text.indexOf(q); i >= 0; i = turn.text.indexOf(q, i + 1)) add(turn, i);
  }
  return out;
}

/**
 * Where the quote occurs word for word (`full`, empty when nowhere), and what is shown: those places, or
 * else the nearest. Not found within a passage, it is looked for across paragraphs and near at once: on
 * PostgreSQL each is several statements (~20 and ~15 ms for a reworded quote at 100 MB), one after
 * the other they were most of its time, and a quote found in neither way needs both.
 */
async function occurrencesOf(engine: Engine, q: string): Promise<{ full: Occurrence[]; shown: Occurrence[] }> {
  const within = await occurrencesWithin(engine, q);
  if (within.length > 0) return { full: within, shown: within };
  const near = nearOccurrences(engine, q);
  // Awaited only when nothing is found across paragraphs; a failure then must not go unhandled.
  near.catch(() => undefined);
  const across = await occurrencesAcross(engine, q);
  return { full: across, shown: across.length > 0 ? across : await near };
}

// A piece found in more passages than this says nothing about where the quote is.
const PIECE_CAP = 2000;

/** Passages holding the halves of the quote, or their halves, down to four characters. */
async function pieceCandidates(engine: Engine, q: string, depth: number): Promise<number[]> {
  if (q.length < 4 || depth > 6) return [];
  const half = q.length >> 1;
  const pieces = [q.slice(0, half), q.slice(half)];
  // Both halves asked at once, and the halves of those found nowhere: a store over the network answers
  // them in parallel (four sequential questions were two thirds of a perturbed quote's time on PostgreSQL).
  // null: found in more than PIECE_CAP passages.
  const found = await Promise.all(pieces.map((piece) => (piece.length >= 4 ? engine.retrieval.substringMatchesUpTo(piece, PIECE_CAP) : Promise.resolve([]))));
  const deeper = await Promise.all(pieces.map((piece, i) => (found[i]?.length === 0 ? pieceCandidates(engine, piece, depth + 1) : Promise.resolve([]))));
  const out: number[] = [];
  pieces.forEach((_, i) => {
    const f = found[i];
    if (f && f.length > 0) out.push(...f);
    else if (f) out.push(...deeper[i]!);
  });
  return out;
}

/** Nearest source spans: passages sharing most of the quote's bigrams, aligned around their best diagonal. */
async function nearOccurrences(engine: Engine, q: string): Promise<Occurrence[]> {
  const grams = bigramKeys(q);
  const minVotes = Math.max(1, Math.ceil(grams.length * 0.5));
  const candidates = (await engine.retrieval.votes(grams, minVotes)).sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, 40);
  const bodies = await engine.bodies.fetch(turnGids(engine, candidates.map(([gid]) => gid)));
  const out: Occurrence[] = [];
  const turnsSeen = new Set<number>();
  for (const [gid] of candidates) {
    const first = engine.turnFirst[gid]!;
    if (turnsSeen.has(first)) continue;
    turnsSeen.add(first);
    const turn = turnText(engine, bodies, gid);
    const d = bestDiagonal(q, turn.text);
    const slack = Math.max(8, q.length >> 2);
    const from = Math.max(0, d - slack);
    const to = Math.min(turn.text.length, d + q.length + slack);
    const w = bestWindow(q, turn.text.slice(from, to));
    if (w.end <= w.start) continue;
    const sim = similarity(w.distance, q.length, w.end - w.start);
    if (sim >= NEAR_MATCH_THRESHOLD && w.distance > 0) out.push({ turn, a: from + w.start, b: from + w.end, distance: w.distance });
  }
  return out.sort((x, y) => sim(y, q) - sim(x, q) || x.turn.gids[0]! - y.turn.gids[0]! || x.a - y.a);
}

function sim(o: Occurrence, q: string): number {
  return similarity(o.distance, q.length, o.b - o.a);
}

/** The offset in `text` where the quote most plausibly starts: the diagonal most shared bigrams agree on. */
function bestDiagonal(q: string, text: string): number {
  const positions = new Map<string, number[]>();
  for (let j = 0; j + 2 <= text.length; j++) {
    const g = text.slice(j, j + 2);
    const list = positions.get(g);
    if (list) list.push(j);
    else positions.set(g, [j]);
  }
  const votes = new Map<number, number>();
  for (let i = 0; i + 2 <= q.length; i++) {
    for (const j of positions.get(q.slice(i, i + 2)) ?? []) votes.set(j - i, (votes.get(j - i) ?? 0) + 1);
  }
  let best = 0;
  let bestVotes = -1;
  for (const [d, v] of votes) {
    if (v > bestVotes || (v === bestVotes && d < best)) {
      best = d;
      bestVotes = v;
    }
  }
  return best;
}

/** The quote without the quotation marks, punctuation and spaces around it. */
function trimIgnorable(text: string): string {
  return text.replace(/^[\p{P}\p{S}\p{Z}\s]+|[\p{P}\p{S}\p{Z}\s]+$/gu, '');
}

export async function checkQuote(engine: Engine, req: QuoteRequest): Promise<QuoteResponse> {
  const t0 = performance.now();
  const length = [...req.text].length;
  if (length < MIN_LENGTH || length > MAX_LENGTH) throw createError('QUOTE_LENGTH', MIN_LENGTH, MAX_LENGTH, length);
  const qc = compact(req.text);
  if (qc.text.length < MIN_LENGTH) throw createError('QUOTE_LENGTH', MIN_LENGTH, MAX_LENGTH, qc.text.length);

  const { full, shown: occurrences } = await occurrencesOf(engine, qc.text);
  const limit = req.limit ?? DEFAULTS.quote.limit;
  const accessed = req.accessed ?? today();
  const shown = occurrences.slice(0, limit);
  // Whole documents: an occurrence's offsets, permalink and diff read its turn, which may run over several passages.
  const docs = shown.map((o) => engine.docOf[o.turn.gids[0]!]!);
  const [texts] = await Promise.all([engine.texts.fetch(docs), engine.catalog.fetch(docs)]);
  const matches = shown.map((o) => presentMatch(engine, texts, o, req, qc, accessed));
  const given = trimIgnorable(req.text);
  return {
    text: req.text,
    found: full.length > 0,
    exact: full.length > 0 && matches.some((m) => m.quote === given),
    took_ms: Math.round((performance.now() - t0) * 100) / 100,
    matches,
  };
}

/** `texts` holds the occurrence's document. */
function presentMatch(engine: Engine, texts: WholeTexts, o: Occurrence, req: QuoteRequest, qc: ReturnType<typeof compact>, accessed: string): QuoteMatch {
  const gids = gidsIn(o.turn, o.a, o.b);
  const passages = gids.map((g) => engine.passages.at(g)!);
  const p = passages[0]!;
  const doc = engine.docs[p.doc]!;
  const text = texts.text(p.doc);
  const offsets = turnOffsets(engine, text, o.turn);
  // Alignment works on UTF-16 units; never cut a surrogate pair (𠮷) in two.
  let s16 = offsets[o.a]!;
  let e16 = offsets[o.b - 1]! + 1;
  if (isLowSurrogate(text.charCodeAt(s16))) s16--;
  if (isLowSurrogate(text.charCodeAt(e16))) e16++;
  const quote = text.slice(s16, e16);
  const span = toCodePoints(texts, p.doc, { start: s16, end: e16 });
  const url = permalink(doc, text, passages, s16, e16);
  const diff = diffRuns(
    { original: text, compact: o.turn.text.slice(o.a, o.b), offsets: offsets.subarray(o.a, o.b), end: e16 },
    { original: req.text, compact: qc.text, offsets: qc.map, end: qc.map[qc.text.length - 1]! + 1 },
  );
  return {
    doc: docRef(doc),
    speaker: p.speaker,
    kind: p.kind,
    mode: p.mode,
    quote,
    start: span.start,
    end: span.end,
    passages: passages.map((x) => `${doc.id}:p${x.n}`),
    similarity: Math.round(sim(o, qc.text) * 10000) / 10000,
    diff,
    selectors: [quoteSelector(text, s16, e16), { type: 'TextPositionSelector', start: span.start, end: span.end }],
    citation: citation({ doc, speaker: p.speaker, mode: p.mode, kind: p.kind, quote, url: passageUrl(req.baseUrl, doc.id, `p${p.n}`), accessed }),
    url,
  };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
