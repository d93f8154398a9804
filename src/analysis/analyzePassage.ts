// Everything the index needs from one document's passages, from a single
// segmentation: terms for the word index, the compact normalized body and its
// bigrams for the phrase and quote path, topics chosen over the whole
// document. Pure: it runs in worker threads during a build.

import { keywordCandidates, type KeywordCandidate } from './keywords.js';
import { documentTopics, type TopicContext } from './topics.js';
import { bigramKeys, bigramPlaces, type BigramPlaces } from './ngrams.js';
import { matchForm, normalize } from './normalize.js';
import { indexTokens, TERM_SEPARATOR } from './tokenize.js';

export interface PassageAnalysis {
  /** Distinct index terms joined by TERM_SEPARATOR. */
  terms: string;
  topics: string[];
  /** Normalized body without punctuation or spaces. */
  compact: string;
  /** Distinct bigram keys of `compact`, ascending. */
  grams: Uint32Array;
  /** Where each gram stands in `compact`, when the document asked for it (DocumentToAnalyze.places). */
  places?: BigramPlaces | undefined;
}

/** Candidates per passage: one more than the topics kept, since a document's own place or a title is set aside. */
export const KEYWORDS_PER_PASSAGE = 4;

/** One document to analyze: its passages' bodies, in order, and what its topics depend on. */
export interface DocumentToAnalyze {
  bodies: string[];
  topics: TopicContext;
  /**
   * Where each bigram stands too: what the PostgreSQL store keeps with its lists. The embedded index, which
   * holds the bodies, never reads them (2.7 s of CPU at 100 MB, and their buffers sent from the threads).
   */
  places?: boolean | undefined;
}

function analyzePassage(body: string, withPlaces: boolean): { terms: string; keywords: KeywordCandidate[]; compact: string; grams: Uint32Array; places: BigramPlaces | undefined } {
  // Normalized once: indexTokens and matchForm normalize what they are given, and normalized text
  // passes through them as it is (normalization is idempotent); each had made its own copy.
  const normalized = normalize(body);
  const terms = indexTokens(normalized);
  const compact = matchForm(normalized);
  const grams = bigramKeys(compact);
  return {
    terms: [...new Set(terms)].join(TERM_SEPARATOR),
    keywords: keywordCandidates(terms, normalized, KEYWORDS_PER_PASSAGE),
    compact,
    grams,
    places: withPlaces ? bigramPlaces(compact, grams) : undefined,
  };
}

export function analyzeDocument(doc: DocumentToAnalyze): PassageAnalysis[] {
  const analyzed = doc.bodies.map((body) => analyzePassage(body, doc.places === true));
  const topics = documentTopics(doc.topics, analyzed.map((a) => a.keywords));
  return analyzed.map(({ terms, compact, grams, places }, i) => ({ terms, topics: topics[i]!, compact, grams, places }));
}
