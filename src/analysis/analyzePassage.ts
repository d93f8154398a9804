// Everything the index needs from one passage's words, from a single
// segmentation: terms for the word index, bigrams for the phrase and quote
// path, keywords for topics. Pure: safe to run in a worker thread.

import { keywords } from './keywords.js';
import { bigrams } from './ngrams.js';
import { matchForm } from './normalize.js';
import { indexTokens } from './tokenize.js';

export interface PassageAnalysis {
  terms: string[];
  grams: string[];
  keywords: string[];
}

export const KEYWORDS_PER_PASSAGE = 3;

export function analyzePassage(body: string): PassageAnalysis {
  const terms = indexTokens(body);
  return {
    terms: [...new Set(terms)],
    grams: bigrams(matchForm(body)),
    keywords: keywords(terms, KEYWORDS_PER_PASSAGE),
  };
}
