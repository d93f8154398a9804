// `huayu serve` on several processes (HUAYU_WORKERS): the primary brings the
// index up to the corpus once, then forks the workers, which share the port
// (node:cluster hands each connection to one of them) and each open the index
// and follow the corpus. Each holds its own copy of the index: JavaScript
// objects cannot live in shared memory (see README, "Every core").

import cluster from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { IndexReport } from '../index/stores.js';

/** True in the process that serves requests; false in a primary that only forks and watches. */
export function isServingProcess(config: Config): boolean {
  return config.workers <= 1 || cluster.isWorker;
}

export async function runPrimary(config: Config, logger: Logger, prepare: () => Promise<IndexReport | null>): Promise<void> {
  // Built or updated here, once: workers that all found it stale would race to write it.
  const report = await prepare();
  if (report?.written) logger.info({ written: report.written, removed: report.removed }, 'index brought up to the corpus');
  let stopping = false;
  const fork = () => cluster.fork({ HUAYU_WORKERS: String(config.workers) });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'a server process stopped; starting another');
    fork();
  });
  for (let i = 0; i < config.workers; i++) fork();
  logger.info({ workers: config.workers, port: config.port }, `huayu serving on http://localhost:${config.port} with ${config.workers} processes`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      let left = workers.length;
      if (left === 0) process.exit(0);
      for (const w of workers) {
        w.once('exit', () => --left === 0 && process.exit(0));
        w.process.kill('SIGTERM');
      }
    });
  }
}
