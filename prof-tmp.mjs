import { startCluster } from './dist/bench/pgCluster.js';
import { indexIntoPostgres } from './dist/src/index/pgStore.js';
import { readCorpus } from './dist/src/ingest/readCorpus.js';
const c = await startCluster();
await indexIntoPostgres(c.url, readCorpus('/tmp/c10'), {});
console.log(c.url);
setInterval(() => {}, 1e9);
