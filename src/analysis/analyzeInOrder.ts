// Analyzes passage bodies on several worker threads and hands the results
// back strictly in input order, so the index is built the same way whatever
// the number of threads (FlexSearch breaks ties by insertion order).

import type { AnalysisThread } from './analysisThread.js';
import { analyzePassage, type PassageAnalysis } from './analyzePassage.js';

const BATCH = 256;
/** Batches queued per thread: one being worked on, one waiting, so no thread idles. */
const IN_FLIGHT_PER_THREAD = 2;

export async function analyzeInOrder(
  bodies: readonly string[],
  threads: readonly AnalysisThread[],
  onAnalyzed: (index: number, analysis: PassageAnalysis) => void,
): Promise<void> {
  if (threads.length === 0) {
    bodies.forEach((b, i) => onAnalyzed(i, analyzePassage(b)));
    return;
  }
  const batches = Math.ceil(bodies.length / BATCH);
  const results = new Map<number, PassageAnalysis[]>();
  let nextToSend = 0;
  let nextToDeliver = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const deliver = () => {
      while (results.has(nextToDeliver)) {
        const batch = results.get(nextToDeliver)!;
        results.delete(nextToDeliver);
        batch.forEach((a, k) => onAnalyzed(nextToDeliver * BATCH + k, a));
        nextToDeliver++;
      }
      if (nextToDeliver === batches) resolve();
    };
    const send = (thread: AnalysisThread) => {
      if (failed || nextToSend >= batches) return;
      const b = nextToSend++;
      thread
        .analyze(bodies.slice(b * BATCH, (b + 1) * BATCH) as string[])
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
    if (batches === 0) resolve();
    for (const t of threads) for (let k = 0; k < IN_FLIGHT_PER_THREAD; k++) send(t);
  });
}
