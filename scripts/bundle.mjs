// Part of `npm run build`, after tsc: the command line bundled into one module
// and the chunks its lazy imports load (dist/bundle/huayu.cjs, what `huayu`
// and `npm start` run). Node's loader spent ~0.5 s of every start finding,
// reading and compiling ~400 files one by one; bundled, a server at 100 MB
// answered its first query ~0.35 s sooner. CommonJS, though the sources are ES
// modules: through Node 20's ES module loader (each chunk decoded, linked and
// evaluated as a job) a profiled server had its modules at ~0.5 s, through
// require() at ~0.25 s, and a server at 100 MB answered first ~50 ms sooner
// (six alternated starts: 883–1021 ms against 927–1279). The tests import src/
// and spawn the bundle. nodejieba is a native addon and stays in node_modules; worker threads
// run their compiled scripts in dist/src (analysisThread.ts: compiledWorker).

import { chmodSync, rmSync, symlinkSync } from 'node:fs';
import { build } from 'rolldown';

const ENTRY = 'dist/bundle/huayu.cjs';

// Emptied first: chunks are named by their hash, and the last build's would stay beside this one's.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  input: 'dist/src/cli/main.js',
  platform: 'node',
  // pg's optional native binding is never installed; nodejieba loads its .node file by path.
  external: [/^nodejieba(\/|$)/u, 'pg-native'],
  logLevel: 'warn',
  // A module imported lazily in one place and at once in another stays in its chunk: what the
  // modules' own imports say, and no cause for a warning at every build.
  checks: { ineffectiveDynamicImport: false },
  output: { dir: 'dist/bundle', format: 'cjs', entryFileNames: 'huayu.cjs', chunkFileNames: '[name]-[hash].cjs' },
});
chmodSync(ENTRY, 0o755);

// The paths package.json's bin has named before stay runnable. npx links a project's own bin
// into a cache folder keyed by the project's path alone and never relinks it (npm/cli#9766):
// in a folder where an earlier version ran `npx huayu`, a renamed bin is "huayu: not found"
// (exit 127) until ~/.npm/_npx is cleared. The old bundle name points at this one; Node runs
// a symlinked entry by its real path, so as CommonJS, at no cost. tsc writes the pre-bundle
// entry 0644.
symlinkSync('huayu.cjs', 'dist/bundle/huayu.mjs');
chmodSync('dist/src/cli/main.js', 0o755);
