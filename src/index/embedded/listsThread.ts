// Decodes an index's bigram and word lists on a worker thread: ~1.2 s of
// varint decoding at 100 MB that the main thread, busy with the transcripts
// and the catalog, no longer waits for.

import { Worker } from 'node:worker_threads';
import { compiledWorker } from '../../analysis/analysisThread.js';
import { createError, HuayuError, type ErrorCode } from '../../errors.js';
import type { DecodedLists } from './packedLists.js';
import type { DecodedWordLists } from './postings.js';

export interface ListsRequest {
  /** The generation's folder, and the index folder errors name. */
  genDir: string;
  dir: string;
}

export type ListsReply = { bigrams: DecodedLists; lists: DecodedWordLists } | { error: { code?: ErrorCode; message: string } };

export function decodeListsOnThread(request: ListsRequest): Promise<{ bigrams: DecodedLists; lists: DecodedWordLists }> {
  return new Promise((resolve, reject) => {
    // Not the parent's flags: a process started with --input-type and --eval (a test's child) would pass them on.
    const worker = new Worker(compiledWorker(import.meta.url, 'index/embedded/listsWorker.js'), { workerData: request, execArgv: [] });
    worker.once('message', (reply: ListsReply) => {
      void worker.terminate();
      if ('error' in reply) {
        const { code, message } = reply.error;
        reject(code ? new HuayuError(code, message) : createError('INDEX_CORRUPT', request.dir, message));
      } else resolve(reply);
    });
    worker.once('error', (err) => reject(createError('INDEX_CORRUPT', request.dir, err.message)));
    worker.once('exit', (code) => {
      if (code !== 0) reject(createError('INDEX_CORRUPT', request.dir, `the list decoder stopped (exit code ${code})`));
    });
  });
}
