// Query sets for the benchmark, drawn with a fixed seed from the indexed
// passages themselves, so every class has answers to find.

import { heldTexts } from '../src/index/texts.js';
import { analyze } from '../src/analysis/tokenize.js';
import type { Engine, IndexedPassage } from '../src/index/engine.js';
import type { SearchRequest } from '../src/search/search.js';
import { pick, random } from './random.js';

export type QueryClass = 'word' | 'twoWords' | 'speaker' | 'phrase' | 'speakerFilter' | 'topicFilter';
export const QUERY_CLASSES: QueryClass[] = ['word', 'twoWords', 'speaker', 'phrase', 'speakerFilter', 'topicFilter'];
export type QuoteClass = 'verbatim' | 'perturbed' | 'absent';
export const QUOTE_CLASSES: QuoteClass[] = ['verbatim', 'perturbed', 'absent'];

const HAN_RUN = /[\u4e00-\u9fff]{8,}/gu;

export function bodyOf(engine: Engine, p: IndexedPassage): string {
  return heldTexts(engine.texts).text(p.doc).slice(p.bodyStart, p.span.end);
}

function contentPassages(engine: Engine): IndexedPassage[] {
  return Array.from(engine.passages).filter((p) => (p.kind === 'answer' || p.kind === 'statement' || p.kind === 'question') && p.span.end - p.bodyStart > 40);
}

function wordsOf(text: string): string[] {
  return analyze(text)
    .filter((t) => t.kind === 'word' && t.term.length >= 2)
    .map((t) => t.term);
}

export function makeQueries(engine: Engine, perClass: number, seed = 7): Record<QueryClass, SearchRequest[]> {
  const rand = random(seed);
  const pool = contentPassages(engine);
  const spoken = pool.filter((p) => p.speaker && p.speaker.name);
  const topical = pool.filter((p) => p.topics.length > 0);
  const speakers = [...engine.speakers.keys()];
  const out: Record<QueryClass, SearchRequest[]> = { word: [], twoWords: [], speaker: [], phrase: [], speakerFilter: [], topicFilter: [] };
  const word = (p: IndexedPassage): string | null => {
    const w = wordsOf(bodyOf(engine, p));
    return w.length ? pick(rand, w) : null;
  };
  while (out.word.length < perClass) {
    const w = word(pick(rand, pool));
    if (w) out.word.push({ q: w });
  }
  while (out.twoWords.length < perClass) {
    const w = wordsOf(bodyOf(engine, pick(rand, pool)));
    const a = w.length > 1 ? pick(rand, w) : null;
    const b = w.length > 1 ? pick(rand, w) : null;
    if (a && b && a !== b) out.twoWords.push({ q: `${a} ${b}` });
  }
  while (out.speaker.length < perClass) out.speaker.push({ q: pick(rand, speakers) });
  while (out.phrase.length < perClass) {
    const runs = bodyOf(engine, pick(rand, pool)).match(HAN_RUN) ?? [];
    if (!runs.length) continue;
    const run = pick(rand, runs);
    const len = 4 + Math.floor(rand() * 5);
    const at = Math.floor(rand() * (run.length - len + 1));
    out.phrase.push({ q: `"${run.slice(at, at + len)}"` });
  }
  while (out.speakerFilter.length < perClass) {
    const p = pick(rand, spoken);
    const w = word(p);
    if (w) out.speakerFilter.push({ q: w, speaker: p.speaker!.name });
  }
  while (out.topicFilter.length < perClass) {
    const p = pick(rand, topical);
    const w = word(p);
    if (w) out.topicFilter.push({ q: w, topic: pick(rand, p.topics) });
  }
  return out;
}

/** 16-character spans: verbatim from a passage, with one character changed, and pieced from four places. */
export function makeQuotes(engine: Engine, perClass: number, seed = 11): Record<QuoteClass, string[]> {
  const rand = random(seed);
  const runs = contentPassages(engine)
    .slice(0, 200_000)
    .flatMap((p) => (rand() < 0.2 ? (bodyOf(engine, p).match(/[^\n]{16,}/gu) ?? []) : []));
  const span = (len: number): string => {
    for (;;) {
      const cps = [...pick(rand, runs)];
      if (cps.length < len) continue;
      const at = Math.floor(rand() * (cps.length - len + 1));
      const s = cps.slice(at, at + len).join('');
      // A quote worth checking is mostly words, not a run of punctuation or spaces.
      if ((s.match(/[\u4e00-\u9fff]/gu) ?? []).length >= len / 2) return s;
    }
  };
  const out: Record<QuoteClass, string[]> = { verbatim: [], perturbed: [], absent: [] };
  while (out.verbatim.length < perClass) out.verbatim.push(span(16));
  while (out.perturbed.length < perClass) {
    const cps = [...span(16)];
    const at = 4 + Math.floor(rand() * 8);
    cps[at] = cps[at] === '二' ? '三' : '二';
    out.perturbed.push(cps.join(''));
  }
  while (out.absent.length < perClass) out.absent.push(span(4) + span(4) + span(4) + span(4));
  return out;
}
