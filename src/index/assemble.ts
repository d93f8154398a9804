// An engine from documents whose passages were analyzed before (a store that
// keeps each passage's terms and topics): the word index is filled with the
// same terms in the same order as a build, so FlexSearch places them in the
// same slots and answers in the same order; bigrams come from the text.

import { bigramKeys } from '../analysis/ngrams.js';
import { matchForm } from '../analysis/normalize.js';
import type { Segmenter } from '../analysis/segmenter.js';
import { BigramIndexBuilder } from './bigramIndex.js';
import { createEngine, type Engine, type IndexedDocument, type IndexedPassage, type Manifest } from './engine.js';
import { createPassageIndex } from './passageIndex.js';

export interface StoredAnalysis {
  /** Distinct index terms joined by TERM_SEPARATOR, as the build gave them to FlexSearch. */
  terms: string;
  topics: string[];
}

/** `analyses[gid]` for every passage of `docs`, in document then passage order. */
export function assembleEngine(manifest: Manifest, docs: IndexedDocument[], analyses: StoredAnalysis[], segmenter: Segmenter): Engine {
  const passages: IndexedPassage[] = [];
  const index = createPassageIndex();
  const bigrams = new BigramIndexBuilder();
  const compactBodies: string[] = [];
  docs.forEach((doc, di) =>
    doc.passages.forEach((p) => {
      const gid = passages.length;
      const a = analyses[gid];
      if (!a) throw new Error(`assemble: no stored analysis for passage ${gid}`);
      passages.push({ ...p, gid, doc: di, topics: a.topics });
      const compact = matchForm(doc.text.slice(p.bodyStart, p.span.end));
      compactBodies.push(compact);
      bigrams.add(gid, bigramKeys(compact));
      index.add({ id: gid, words: a.terms, speaker: p.speaker ? [p.speaker.name] : [], topic: a.topics, kind: p.kind, doc: doc.id });
    }),
  );
  return createEngine({ manifest, docs, passages, index, bigrams: bigrams.finish(), compactBodies, segmenter });
}
