// Topics of a document's passages, chosen once all its passages are analyzed
// (in the analysis thread that analyzed them: a document is never split between
// threads), so that they depend on the document alone: the PostgreSQL store
// indexes one changed document at a time and must get the same topics as a
// full build.
//
// - A keyword the document always writes beside the same word is a piece of a
//   longer subject (营商 in 营商环境, 核污染 in 核污染水排海, 林肯 in 布林肯):
//   it grows by that word, one or two words on either side.
// - The document's own place and body (张掖市 at a 张掖 press conference,
//   外交部 at the ministry's) begin its officials' organisations: they are
//   the setting of every passage, not the topic of one.
// - An answer shares its exchange's topic (what the question asked), then adds
//   its own; an enumerated heading is the topic of the passage it opens.

import { joinsSubject, neighbourPairs, type KeywordCandidate } from './keywords.js';
import { isKnownWord } from './segment.js';
import { NAME_SUFFIXES, STATE_TITLES, TITLES } from '../parse/conventions.js';
import type { PassageKind, TranscriptDocument } from '../parse/types.js';

/** What decides a document's topics besides its words; small, to travel to an analysis thread with the bodies. */
export interface TopicContext {
  passages: Array<{ kind: PassageKind; heading: string | null; /** Index in the document of its exchange's question, -1 for none. */ question: number }>;
  /** The organisations the document's officials speak for: their beginnings are its setting. */
  officialOrgs: string[];
  /** The outlets whose reporters ask. */
  outlets: string[];
}

export function topicContext(doc: TranscriptDocument): TopicContext {
  return {
    passages: doc.passages.map((p) => ({ kind: p.kind, heading: p.heading, question: p.exchange !== null && p.kind === 'answer' ? (doc.exchanges[p.exchange]?.question ?? 0) - 1 : -1 })),
    officialOrgs: [...doc.participants.map((p) => p.org), ...doc.roster.filter((r) => r.role !== 'reporter').map((r) => r.org)].filter((o): o is string => !!o),
    outlets: doc.roster.filter((r) => r.role === 'reporter').map((r) => r.org).filter((o): o is string => !!o),
  };
}

/** Topics kept per passage, besides its heading and its exchange's. */
export const TOPICS_PER_PASSAGE = 3;
/** Share of a word's occurrences in the document that must stand beside the same word for it to grow. */
const ALWAYS = 0.9;
/** A word seen once says nothing about what it stands beside. */
const MIN_OCCURRENCES = 2;
const LONGEST_TOPIC = 12;

/** Where a word stood in the document: its occurrences, and their encoded neighbours (decoded only if the word may grow). */
interface Neighbours {
  n: number;
  after: string;
  before: string;
}

const known = new Map<string, boolean>();

/** A word no dictionary holds: the segmenter guessed the cut there (核污染|水排|海). Remembered: the dictionary does not change. */
function guessed(word: string): boolean {
  if (word.length < 2) return false;
  let k = known.get(word);
  if (k === undefined) known.set(word, (k = isKnownWord(word)));
  return !k;
}

const ROLE_WORDS = new Set([...TITLES, ...STATE_TITLES, ...NAME_SUFFIXES]);

/** A word a subject may grow by: not a function word, boilerplate, or a title standing before a name. */
function joins(word: string): boolean {
  return word !== '' && !ROLE_WORDS.has(word) && joinsSubject(word);
}

/** The most frequent value and its count. */
function mostCommon(values: readonly string[]): [string, number] {
  const counts = new Map<string, number>();
  let best: [string, number] = ['', 0];
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > best[1]) best = [v, n];
  }
  return best;
}

/**
 * One or two words that stand beside a word in nearly all its `n` occurrences (`encoded` as
 * keywords.ts writes them), nearest first; [] when none does. Seen once, a word grows only where
 * the segmenter guessed (at the word or its neighbour): one occurrence cannot tell a subject from
 * a phrase, but a guessed cut (核污染|水排|海) is no boundary.
 */
function steadyNeighbours(word: string, encoded: string, n: number): string[] {
  if (n === 0) return [];
  if (n === 1) {
    // Most words of a document: one occurrence, one line, no decoding.
    const sp = encoded.indexOf(' ');
    const first = encoded.slice(0, sp);
    if (!joins(first) || (!guessed(word) && !guessed(first))) return [];
    const second = encoded.slice(sp + 1);
    return joins(second) && (guessed(first) || guessed(second)) ? [first, second] : [first];
  }
  const sides = neighbourPairs(encoded);
  const [first, k1] = mostCommon(sides.map((s) => s[0]));
  if (!joins(first) || k1 < ALWAYS * n) return [];
  if (n < MIN_OCCURRENCES && !guessed(word) && !guessed(first)) return [];
  const [second, k2] = mostCommon(sides.filter((s) => s[0] === first).map((s) => s[1]));
  return joins(second) && k2 >= ALWAYS * n ? [first, second] : [first];
}

function grow(word: string, seen: Neighbours): string {
  const after = steadyNeighbours(word, seen.after, seen.n);
  const before = steadyNeighbours(word, seen.before, seen.n);
  const grown = [...before].reverse().join('') + word + after.join('');
  return grown.length <= LONGEST_TOPIC ? grown : word;
}

/**
 * The document's setting: the beginnings of the organisations its officials speak for (张掖,
 * 张掖市, 外交部) and the outlets whose reporters ask (法新社): there in every passage, the topic of none.
 */
function ownPlaces(ctx: TopicContext): ReadonlySet<string> {
  const own = new Set<string>(ctx.outlets);
  for (const org of ctx.officialOrgs) for (let len = 2; len <= org.length; len++) own.add(org.slice(0, len));
  return own;
}

/** Topics for each passage of one document, in order. `candidates[i]` are passage i's keyword candidates, best first. */
export function documentTopics(ctx: TopicContext, candidates: ReadonlyArray<readonly KeywordCandidate[]>): string[][] {
  // Every place a word stood, over the passages where it was a candidate.
  const seen = new Map<string, Neighbours>();
  for (const list of candidates) {
    for (const c of list) {
      const s = seen.get(c.word);
      if (!s) seen.set(c.word, { n: c.n, after: c.after, before: c.before });
      else if (c.n > 0) {
        s.after = s.n ? `${s.after}\n${c.after}` : c.after;
        s.before = s.n ? `${s.before}\n${c.before}` : c.before;
        s.n += c.n;
      }
    }
  }
  const own = ownPlaces(ctx);
  const grown = new Map<string, string>();
  const keywordsOf = candidates.map((list) => {
    const out: string[] = [];
    for (const c of list) {
      // A title (外长, 国务委员, 总统) says who speaks or is spoken of, not what about.
      if (own.has(c.word) || ROLE_WORDS.has(c.word)) continue;
      let g = grown.get(c.word);
      if (g === undefined) grown.set(c.word, (g = grow(c.word, seen.get(c.word)!)));
      // Of a word and the longer one holding it, the longer is the topic.
      const overlap = out.findIndex((k) => k.includes(g!) || g!.includes(k));
      if (overlap >= 0) {
        if (g.length > out[overlap]!.length) out[overlap] = g;
        continue;
      }
      if (out.length < TOPICS_PER_PASSAGE) out.push(g);
    }
    return out;
  });
  return ctx.passages.map((p, i) => {
    if (p.kind === 'heading' || p.kind === 'note') return [];
    const topics: string[] = [];
    if (p.heading) topics.push(p.heading);
    if (p.question >= 0) topics.push(...(keywordsOf[p.question] ?? []));
    topics.push(...keywordsOf[i]!);
    return [...new Set(topics)];
  });
}
