// A worker thread that reads and decodes an index's bigram and word lists
// while the main thread reads the transcripts and the catalog; the decoded
// arrays are moved back, not copied (listsThread.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { isHuayuError } from '../../errors.js';
import { decodePartLists } from './postings.js';
import type { ListsReply, ListsRequest } from './listsThread.js';

const port = parentPort;
if (!port) throw new Error('listsWorker must run in a worker thread');
const { genDir, dir } = workerData as ListsRequest;

try {
  const { bigrams, lists } = decodePartLists(genDir, dir);
  const moved = [bigrams.keys, bigrams.offsets, bigrams.postings, lists.start, lists.ids].map((a) => a.buffer as ArrayBuffer);
  port.postMessage({ bigrams, lists } satisfies ListsReply, moved);
} catch (err) {
  port.postMessage({ error: isHuayuError(err) ? { code: err.code, message: err.message } : { message: (err as Error).message } } satisfies ListsReply);
}
