// Everything the index needs from one passage's words, from a single
// segmentation: terms for the word index, the compact normalized body and its
// bigrams for the phrase and quote path, keywords for topics. Pure: it runs
// in worker threads during a build.

import { keywordCandidates, type KeywordCandidate } from './keywords.js';
import { bigramKeys } from './ngrams.js';
import { matchForm, normalize } from './normalize.js';
import { indexTokens, TERM_SEPARATOR } from './tokenize.js';

export interface PassageAnalysis {
  /** Distinct index terms joined by TERM_SEPARATOR. */
  terms: string;
  /** Keyword candidates, best first, with their neighbours: topics are chosen from them per document. */
  keywords: KeywordCandidate[];
  /** Normalized body without punctuation or spaces. */
  compact: string;
  /** Distinct bigram keys of `compact`, ascending. */
  grams: Uint32Array;
}

/** Candidates per passage: more than the topics kept, since a document's own place names are set aside. */
export const KEYWORDS_PER_PASSAGE = 6;

export function analyzePassage(body: string): PassageAnalysis {
  const terms = indexTokens(body);
  const compact = matchForm(body);
  return {
    terms: [...new Set(terms)].join(TERM_SEPARATOR),
    keywords: keywordCandidates(terms, normalize(body), KEYWORDS_PER_PASSAGE),
    compact,
    grams: bigramKeys(compact),
  };
}
