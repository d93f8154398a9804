// The main thread's handle on one analysis worker: requests with ids,
// answered by promises.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentToAnalyze, PassageAnalysis } from './analyzePassage.js';
import type { WorkerReply, WorkerRequest } from './workerProtocol.js';

/**
 * The compiled worker script. Under vitest this module runs from src/*.ts;
 * a worker thread needs JavaScript, so it takes the copy in dist/ that
 * `npm test` builds first.
 */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const js = here.endsWith('.ts')
    ? here.replace(`${path.sep}src${path.sep}`, `${path.sep}dist${path.sep}src${path.sep}`).replace(/analysisThread\.ts$/u, 'analysisWorker.js')
    : path.join(path.dirname(here), 'analysisWorker.js');
  if (!existsSync(js)) throw new Error(`analysis worker not built at ${js}; run "npm run build"`);
  return js;
}

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

export class AnalysisThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Settles once the dictionaries are loaded and the document's words taught. */
  readonly ready: Promise<void>;

  constructor(userWords: readonly string[]) {
    this.worker = new Worker(workerScript());
    this.worker.on('message', (r: WorkerReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (this.pending.size === 0) this.worker.unref();
      if (r.type === 'error') p.reject(new Error(`analysis worker: ${r.message}`));
      else p.resolve(r);
    });
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => {
      if (this.pending.size) this.failAll(new Error(`analysis worker exited with code ${code}`));
    });
    this.ready = this.request({ type: 'init', id: 0, words: [...userWords] }).then(() => undefined);
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** The thread keeps the process alive only while a request is waiting for it. */
  private request(msg: WorkerRequest): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** The passages of the documents, in order, each document's topics chosen over all its passages. */
  async analyze(documents: DocumentToAnalyze[]): Promise<PassageAnalysis[]> {
    const r = await this.request({ type: 'analyze', id: 0, documents });
    return r.type === 'analyzed' ? r.results : [];
  }

  async cut(texts: string[]): Promise<string[][]> {
    if (texts.length === 0) return [];
    await this.ready;
    const r = await this.request({ type: 'cut', id: 0, texts });
    return r.type === 'cut' ? r.words : [];
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
