// A worker thread with its own copy of the segmenter (~240 MB of
// dictionaries, loaded once): it analyzes passages for a build and cuts the
// Chinese runs of queries for a server, so the main thread never blocks on
// jieba — neither for its 2–4 s dictionary load nor for segmentation.

import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from './analyzePassage.js';
import { addWords, segmentChinese } from './segment.js';
import type { WorkerReply, WorkerRequest } from './workerProtocol.js';

const port = parentPort;
if (!port) throw new Error('analysisWorker must run in a worker thread');

port.on('message', (msg: WorkerRequest) => {
  try {
    if (msg.type === 'init') {
      addWords(msg.words);
      segmentChinese('预热'); // load the dictionaries now, not on the first request
      reply({ type: 'ready', id: msg.id });
    } else if (msg.type === 'analyze') {
      const results = msg.documents.flatMap(analyzeDocument);
      port.postMessage({ type: 'analyzed', id: msg.id, results } satisfies WorkerReply, results.flatMap((r) => [r.grams, ...(r.places ? [r.places.firsts, r.places.moreGrams, r.places.morePlaces] : [])].map((a) => a.buffer as ArrayBuffer)));
    } else {
      reply({ type: 'cut', id: msg.id, words: msg.texts.map(segmentChinese) });
    }
  } catch (err) {
    reply({ type: 'error', id: msg.id, message: (err as Error).message });
  }
});

function reply(r: WorkerReply): void {
  port!.postMessage(r);
}
