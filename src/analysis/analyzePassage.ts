// Everything the index needs from one passage's words, from a single
// segmentation: terms for the word index, the compact normalized body and its
// bigrams for the phrase and quote path, keywords for topics. Pure: it runs
// in worker threads during a build.

import { keywords } from './keywords.js';
import { bigramKeys } from './ngrams.js';
import { matchForm } from './normalize.js';
import { indexTokens, TERM_SEPARATOR } from './tokenize.js';

export interface PassageAnalysis {
  /** Distinct index terms joined by TERM_SEPARATOR. */
  terms: string;
  keywords: string[];
  /** Normalized body without punctuation or spaces. */
  compact: string;
  /** Distinct bigram keys of `compact`, ascending. */
  grams: Uint32Array;
}

export const KEYWORDS_PER_PASSAGE = 3;

export function analyzePassage(body: string): PassageAnalysis {
  const terms = indexTokens(body);
  const compact = matchForm(body);
  return {
    terms: [...new Set(terms)].join(TERM_SEPARATOR),
    keywords: keywords(terms, KEYWORDS_PER_PASSAGE),
    compact,
    grams: bigramKeys(compact),
  };
}
