// Corpus files → parsed documents → analyzed passages → FlexSearch index.

import { analyzePassage } from '../analysis/analyzePassage.js';
import { addWords } from '../analysis/segment.js';
import { ANALYZER_VERSION } from '../analysis/tokenize.js';
import { corpusFingerprint, type SourceFile } from '../ingest/readCorpus.js';
import { parseTranscript } from '../parse/parseTranscript.js';
import type { TranscriptDocument } from '../parse/types.js';
import { createEngine, type Engine, type IndexedDocument, type IndexedPassage, type Manifest } from './engine.js';
import { createPassageIndex, joinTokens } from './passageIndex.js';
import { FORMAT_VERSION } from './store.js';
import { assignTopics } from './topics.js';

export type BuildProgress = (done: number, total: number) => void;

// Short quoted terms are the names of campaigns and titles (“引大引强引头部”,
// “浙商最佳投资城市”): kept whole as words, their parts still found as sub-words.
const QUOTED_TERM = /[“"「『]([\u3400-\u9fff]{3,10})[”"」』]/gu;

/** Names, organisations and quoted terms the documents introduce: taught to the segmenter before anything is cut. */
export function userWordsOf(docs: TranscriptDocument[]): string[] {
  const words = new Set<string>();
  for (const d of docs) {
    for (const m of d.text.matchAll(QUOTED_TERM)) words.add(m[1]!);
    for (const p of d.participants) {
      words.add(p.name);
      if (p.org) words.add(p.org);
    }
    for (const p of d.passages) {
      if (p.speaker?.role === 'official') words.add(p.speaker.name);
      if (p.speaker?.org) words.add(p.speaker.org);
    }
  }
  return [...words].filter((w) => w.length >= 2).sort();
}

export function buildIndex(files: SourceFile[], onProgress?: BuildProgress): Engine {
  const docs: IndexedDocument[] = files.map((f) => ({ ...parseTranscript(f.id, f.text), path: f.path, sha256: f.sha256 }));
  const userWords = userWordsOf(docs);
  addWords(userWords);

  const index = createPassageIndex();
  const passages: IndexedPassage[] = [];
  const total = docs.reduce((n, d) => n + d.passages.length, 0);
  docs.forEach((doc, di) => {
    const analyses = doc.passages.map((p) => analyzePassage(doc.text.slice(p.bodyStart, p.span.end)));
    const topics = assignTopics(doc, analyses);
    doc.passages.forEach((p, i) => {
      const gid = passages.length;
      const a = analyses[i]!;
      passages.push({ ...p, gid, doc: di, topics: topics[i]! });
      index.add({
        id: gid,
        words: joinTokens(a.terms),
        grams: joinTokens(a.grams),
        speaker: p.speaker ? [p.speaker.name] : [],
        topic: topics[i]!,
        kind: p.kind,
        doc: doc.id,
      });
    });
    onProgress?.(passages.length, total);
  });

  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    analyzerVersion: ANALYZER_VERSION,
    corpusFingerprint: corpusFingerprint(files),
    builtAt: new Date().toISOString(),
    documents: docs.length,
    passages: passages.length,
    files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes, id: f.id })),
    userWords,
  };
  return createEngine(manifest, docs, passages, index);
}
