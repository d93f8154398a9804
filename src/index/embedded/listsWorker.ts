// A worker thread that reads and decodes an index's bigram and word lists
// while the main thread reads the transcripts and the catalog; the decoded
// arrays are moved back, not copied (listsThread.ts).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { isHuayuError } from '../../errors.js';
import { unpackLists } from './packedLists.js';
import { decodeLists } from './postings.js';
import type { ListsReply, ListsRequest } from './listsThread.js';

const port = parentPort;
if (!port) throw new Error('listsWorker must run in a worker thread');
const { genDir, dir } = workerData as ListsRequest;

try {
  const bigrams = unpackLists(readFileSync(path.join(genDir, 'bigrams.bin')), { dir, file: 'bigrams.bin' });
  const lists = decodeLists(readFileSync(path.join(genDir, 'lists.bin')), dir);
  const moved = [bigrams.keys, bigrams.offsets, bigrams.postings, lists.start, lists.ids].map((a) => a.buffer as ArrayBuffer);
  port.postMessage({ bigrams, lists } satisfies ListsReply, moved);
} catch (err) {
  port.postMessage({ error: isHuayuError(err) ? { code: err.code, message: err.message } : { message: (err as Error).message } } satisfies ListsReply);
}
