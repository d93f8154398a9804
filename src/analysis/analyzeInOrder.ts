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

/** Consecutive documents of about BATCH passages each; a longer document is a batch of its own. */
function batchesOf(documents: readonly DocumentToAnalyze[]): Array<{ docs: DocumentToAnalyze[]; first: number }> {
  const out: Array<{ docs: DocumentToAnalyze[]; first: number }> = [];
  let passages = 0;
  let current: DocumentToAnalyze[] = [];
  let first = 0;
  for (const d of documents) {
    if (current.length && passages + d.bodies.length > BATCH) {
      out.push({ docs: current, first });
      first += passages;
      current = [];
      passages = 0;
    }
    current.push(d);
    passages += d.bodies.length;
  }
  if (current.length) out.push({ docs: current, first });
  return out;
}

/** A thread of our own, or a running server's segmenter. */
type Analyzer = Pick<AnalysisThread, 'analyze'>;

/** `onAnalyzed(index, analysis)`: index counts the passages of all documents, in order. */
export async function analyzeInOrder(
  documents: readonly DocumentToAnalyze[],
  threads: readonly Analyzer[],
  onAnalyzed: (index: number, analysis: PassageAnalysis) => void,
): Promise<void> {
  if (threads.length === 0) {
    let i = 0;
    for (const d of documents) for (const a of analyzeDocument(d)) onAnalyzed(i++, a);
    return;
  }
  const batches = batchesOf(documents);
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
      thread
        .analyze(batches[b]!.docs)
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
