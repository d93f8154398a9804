// The main thread's handle on one analysis worker: requests with ids,
// answered by promises.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../packageRoot.js';
import type { DocumentToAnalyze, PassageAnalysis } from './analyzePassage.js';
import type { WorkerReply, WorkerRequest } from './workerProtocol.js';

/**
 * The compiled script of a worker module, given by its path under src/ (`analysis/analysisWorker.js`):
 * found from the package root, so the same path serves the modules under src/ (vitest: a worker
 * thread needs JavaScript, so it takes the copy in dist/ that `npm test` builds first), those in
 * dist/src, and the bundle `huayu` runs (dist/bundle: scripts/bundle.mjs), which holds no worker script.
 */
export function compiledWorker(moduleUrl: string, underSrc: string): string {
  const js = path.join(packageRoot(moduleUrl), 'dist/src', underSrc);
  if (!existsSync(js)) throw new Error(`worker not built at ${js}; run "npm run build"`);
  return js;
}

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

export class AnalysisThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Why the thread answers no more (closed, or exited), once it does not. */
  private gone: string | null = null;
  /** Settles once the dictionaries are loaded and the document's words taught. */
  readonly ready: Promise<void>;

  constructor(userWords: readonly string[]) {
    // Not the parent's flags: a process started with --input-type and --eval (a test's child) would pass them on.
    this.worker = new Worker(compiledWorker(import.meta.url, 'analysis/analysisWorker.js'), { execArgv: [] });
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
      this.gone ??= `exited with code ${code}`;
      if (this.pending.size) this.failAll(new Error(`analysis worker ${this.gone}`));
    });
    this.ready = this.request({ type: 'init', id: 0, words: [...userWords] }).then(() => undefined);
    // Nobody may await ready: a build closes its spare threads, perhaps before they loaded. Its failure
    // still reaches whoever awaits it (cut does); unawaited, it must not end the process.
    this.ready.catch(() => undefined);
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** The thread keeps the process alive only while a request is waiting for it. */
  private request(msg: WorkerRequest): Promise<WorkerReply> {
    // A message to a thread that is gone is never answered: say so rather than wait for ever.
    if (this.gone) return Promise.reject(new Error(`analysis worker ${this.gone}`));
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

  /** More words for the dictionary (the worker's init adds words; its dictionaries are loaded once). */
  async teach(words: readonly string[]): Promise<void> {
    if (words.length) await this.request({ type: 'init', id: 0, words: [...words] });
  }

  async cut(texts: string[]): Promise<string[][]> {
    if (texts.length === 0) return [];
    await this.ready;
    const r = await this.request({ type: 'cut', id: 0, texts });
    return r.type === 'cut' ? r.words : [];
  }

  async close(): Promise<void> {
    this.gone = 'closed';
    await this.worker.terminate();
  }
}
