// Topics of a document's passages, chosen once the whole document is analyzed,
// so that they depend on the document alone (the PostgreSQL store indexes one
// changed document at a time and must get the same topics as a full build).
//
// - A keyword the document always writes beside the same word is a piece of a
//   longer subject (营商 in 营商环境, 核污染 in 核污染水排海, 林肯 in 布林肯):
//   it grows by that word, one or two words on either side.
// - The document's own place and body (张掖市 at a 张掖 press conference,
//   外交部 at the ministry's) begin its officials' organisations: they are
//   the setting of every passage, not the topic of one.
// - An answer shares its exchange's topic (what the question asked), then adds
//   its own; an enumerated heading is the topic of the passage it opens.

import { joinsSubject, type KeywordCandidate } from '../analysis/keywords.js';
import { NAME_SUFFIXES, STATE_TITLES, TITLES } from '../parse/conventions.js';
import type { TranscriptDocument } from '../parse/types.js';
import type { IndexedPassage } from './engine.js';

/** Topics kept per passage, besides its heading and its exchange's. */
export const TOPICS_PER_PASSAGE = 3;
/** Share of a word's occurrences in the document that must stand beside the same word for it to grow. */
const ALWAYS = 0.9;
/** A word seen once says nothing about what it stands beside. */
const MIN_OCCURRENCES = 2;
const LONGEST_TOPIC = 12;

interface Neighbours {
  after: Array<[string, string]>;
  before: Array<[string, string]>;
  guessed: Set<string>;
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
 * One or two words that stand beside a word in nearly all its occurrences, nearest first; [] when
 * none does. Seen once, a word grows only where the segmenter guessed (at the word or its neighbour):
 * one occurrence cannot tell a subject from a phrase, but a guessed cut (核污染|水排|海) is no boundary.
 */
function steadyNeighbours(word: string, sides: ReadonlyArray<[string, string]>, guessed: ReadonlySet<string>): string[] {
  const n = sides.length;
  if (n === 0) return [];
  const [first, k1] = mostCommon(sides.map((s) => s[0]));
  if (!joins(first) || k1 < ALWAYS * n) return [];
  if (n < MIN_OCCURRENCES && !guessed.has(word) && !guessed.has(first)) return [];
  const [second, k2] = mostCommon(sides.filter((s) => s[0] === first).map((s) => s[1]));
  const more = joins(second) && k2 >= ALWAYS * n && (n >= MIN_OCCURRENCES || guessed.has(first) || guessed.has(second));
  return more ? [first, second] : [first];
}

function grow(word: string, seen: Neighbours): string {
  const after = steadyNeighbours(word, seen.after, seen.guessed);
  const before = steadyNeighbours(word, seen.before, seen.guessed);
  const grown = [...before].reverse().join('') + word + after.join('');
  return grown.length <= LONGEST_TOPIC ? grown : word;
}

/**
 * The document's setting: the beginnings of the organisations its officials speak for (张掖,
 * 张掖市, 外交部) and the outlets whose reporters ask (法新社): there in every passage, the topic of none.
 */
function ownPlaces(doc: TranscriptDocument): (word: string) => boolean {
  const officials = [...doc.participants.map((p) => p.org), ...doc.roster.filter((r) => r.role !== 'reporter').map((r) => r.org)].filter((o): o is string => !!o);
  const outlets = new Set(doc.roster.filter((r) => r.role === 'reporter').map((r) => r.org).filter((o): o is string => !!o));
  return (word) => outlets.has(word) || officials.some((o) => o.startsWith(word));
}

/**
 * Topics for each passage of one document, in order. `candidates[i]` are passage i's keyword
 * candidates, best first; passages[i] must be the document's i-th passage.
 */
export function documentTopics(doc: TranscriptDocument, passages: readonly IndexedPassage[], candidates: ReadonlyArray<readonly KeywordCandidate[]>): string[][] {
  // Every place a word stood, over the passages where it was a candidate.
  const seen = new Map<string, Neighbours>();
  for (const list of candidates) {
    for (const c of list) {
      const s = seen.get(c.word) ?? seen.set(c.word, { after: [], before: [], guessed: new Set() }).get(c.word)!;
      s.after.push(...c.after);
      s.before.push(...c.before);
      for (const g of c.guessed) s.guessed.add(g);
    }
  }
  const own = ownPlaces(doc);
  const grown = new Map<string, string>();
  const keywordsOf = candidates.map((list) => {
    const out: string[] = [];
    for (const c of list) {
      // A title (外长, 国务委员, 总统) says who speaks or is spoken of, not what about.
      if (own(c.word) || ROLE_WORDS.has(c.word)) continue;
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
  return passages.map((p, i) => {
    if (p.kind === 'heading' || p.kind === 'note') return [];
    const topics: string[] = [];
    if (p.heading) topics.push(p.heading);
    if (p.kind === 'answer' && p.exchange !== null) topics.push(...(keywordsOf[doc.exchanges[p.exchange]!.question - 1] ?? []));
    topics.push(...keywordsOf[i]!);
    return [...new Set(topics)];
  });
}
