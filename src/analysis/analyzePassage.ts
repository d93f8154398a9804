// Everything the index needs from one passage's words, from a single
// segmentation: terms for the word index, bigrams for the phrase and quote
// path, keywords for topics. Pure: safe to run in a worker thread.

import { keywords } from './keywords.js';
import { bigrams } from './ngrams.js';
import { matchForm } from './normalize.js';
import { analyze } from './tokenize.js';

export interface PassageAnalysis {
  terms: string[];
  grams: string[];
  keywords: string[];
}

export const KEYWORDS_PER_PASSAGE = 3;

export function analyzePassage(body: string): PassageAnalysis {
  const tokens = analyze(body, { subwords: true });
  return {
    terms: [...new Set(tokens.map((t) => t.term))],
    grams: bigrams(matchForm(body)),
    keywords: keywords(tokens, KEYWORDS_PER_PASSAGE),
  };
}
