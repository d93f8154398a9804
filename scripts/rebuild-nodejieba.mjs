// After `patch-package` (package.json's postinstall): compiles nodejieba again
// so the patch in patches/ takes effect. Released nodejieba builds a second,
// private copy of the dictionary for its TextRank extractor, which huayu never
// calls, and holds each copy's 350,000 words in a trie of hash maps. Patched,
// there is one copy, in sorted arrays, copied once as it loads: 224 MB and 2.9 s
// of every process that segments (each server, each indexing thread) become
// ~70 MB and ~0.3 s, and the words it gives are the same
// (tests/analysis/dictionary.test.ts).
//
// Never leaves nodejieba broken: where the compiler or Node's headers are
// missing (a machine that downloaded nodejieba's prebuilt binary), the binary
// it had is put back, a warning says what it costs, and the install goes on.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve('nodejieba/package.json'));
// Each patched source, and a line only the patched one has.
const PATCHED = [
  ['lib/nodejieba.cpp', 'TextRankExtractor(*_jieba_handle'],
  ['submodules/cppjieba/include/cppjieba/Trie.hpp', 'class NextMap'],
  ['submodules/cppjieba/include/cppjieba/DictTrie.hpp', 'SPARE_UNITS'],
];
const binary = path.join(dir, 'build/Release/nodejieba.node');
// The binary was compiled from these sources: a second `npm install` need not compile again.
const stamp = path.join(dir, 'build/Release/.huayu-source');

const sources = PATCHED.map(([file]) => readFileSync(path.join(dir, file), 'utf8'));
if (PATCHED.some(([, marker], i) => !sources[i].includes(marker))) {
  console.warn('huayu: nodejieba is not patched (patches/ does not match its version); its dictionary loads twice in every process, in the larger trie');
  process.exit(0);
}
const text = sources.join('\n');
if (existsSync(stamp) && existsSync(binary) && readFileSync(stamp, 'utf8') === text) process.exit(0);

const backup = path.join(os.tmpdir(), `huayu-nodejieba-${process.pid}.node`);
if (existsSync(binary)) copyFileSync(binary, backup);
const built = spawnSync('npm', ['rebuild', 'nodejieba'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  // Not the prebuilt binary node-pre-gyp would download: it is the unpatched one.
  env: { ...process.env, npm_config_build_from_source: 'true' },
});
// A binary that loads and cuts, or the one it had.
const works = built.status === 0 && spawnSync(process.execPath, ['-e', `require(${JSON.stringify(dir)}).cut('汪文斌说')`], { stdio: 'ignore' }).status === 0;
if (works) {
  writeFileSync(stamp, text);
} else {
  // A rebuild starts by deleting build/.
  if (existsSync(backup)) {
    mkdirSync(path.dirname(binary), { recursive: true });
    copyFileSync(backup, binary);
  }
  console.warn('huayu: nodejieba could not be compiled with the dictionary patch (a compiler or Node headers missing?); it keeps the binary it had, which, unpatched, holds its dictionary twice and in the larger trie (~150 MB more per process)');
}
rmSync(backup, { force: true });
