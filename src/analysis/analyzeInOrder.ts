// Analyzes documents on several worker threads and hands the passages' results
// back strictly in input order, so the index is built the same way whatever
// the number of threads (FlexSearch breaks ties by insertion order). A batch
// holds whole documents: a document's topics are chosen over all its passages,
// in the thread that analyzed them.

import type { AnalysisThread } from './analysisThread.js';
import { analyzeDocument, type DocumentToAnalyze, type PassageAnalysis } from './analyzePassage.js';

/** Passages per batch, give or take a document. */
const BATCH = 256;
/** Batches queued per thread: one being worked on, one waiting, so no thread idles. */
const IN_FLIGHT_PER_THREAD = 2;

/**
 * The documents to analyze, made one by one as they are sent, in order: made all at once before the
 * first was sent (a copy of every passage, its body and topic context), they kept the threads waiting
 * ~2 s at 100 MB.
 */
export interface DocumentsToAnalyze {
  /** Passages per document. */
  sizes: readonly number[];
  make(index: number): DocumentToAnalyze;
}

/** Consecutive documents (first and end, by index) of about BATCH passages each; a longer document is a batch of its own. */
function batchesOf(sizes: readonly number[]): Array<{ from: number; to: number; first: number }> {
  const out: Array<{ from: number; to: number; first: number }> = [];
  let passages = 0;
  let from = 0;
  let first = 0;
  sizes.forEach((size, i) => {
    if (i > from && passages + size > BATCH) {
      out.push({ from, to: i, first });
      first += passages;
      from = i;
      passages = 0;
    }
    passages += size;
  });
  if (from < sizes.length) out.push({ from, to: sizes.length, first });
  return out;
}

/** A thread of our own, or a running server's segmenter. */
type Analyzer = Pick<AnalysisThread, 'analyze'>;

/** `onAnalyzed(index, analysis)`: index counts the passages of all documents, in order. */
export async function analyzeInOrder(
  documents: DocumentsToAnalyze,
  threads: readonly Analyzer[],
  onAnalyzed: (index: number, analysis: PassageAnalysis) => void,
): Promise<void> {
  if (threads.length === 0) {
    let i = 0;
    for (let d = 0; d < documents.sizes.length; d++) for (const a of analyzeDocument(documents.make(d))) onAnalyzed(i++, a);
    return;
  }
  const batches = batchesOf(documents.sizes);
  const results = new Map<number, PassageAnalysis[]>();
  let nextToSend = 0;
  let nextToDeliver = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const deliver = () => {
      while (results.has(nextToDeliver)) {
        const batch = results.get(nextToDeliver)!;
        results.delete(nextToDeliver);
        const first = batches[nextToDeliver]!.first;
        batch.forEach((a, k) => onAnalyzed(first + k, a));
        nextToDeliver++;
      }
      if (nextToDeliver === batches.length) resolve();
    };
    const send = (thread: Analyzer) => {
      if (failed || nextToSend >= batches.length) return;
      const b = nextToSend++;
      const { from, to } = batches[b]!;
      const docs: DocumentToAnalyze[] = [];
      for (let d = from; d < to; d++) docs.push(documents.make(d));
      thread
        .analyze(docs)
        .then((batch) => {
          results.set(b, batch);
          deliver();
          send(thread);
        })
        .catch((err: Error) => {
          failed = true;
          reject(err);
        });
    };
    if (batches.length === 0) resolve();
    for (const t of threads) for (let k = 0; k < IN_FLIGHT_PER_THREAD; k++) send(t);
  });
}
