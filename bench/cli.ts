// What `huayu` and `npm start` run, as package.json says: the bundle its bin names (scripts/bundle.mjs
// writes it), for the tests to run as users do, and the start script, whose node flags and environment
// the bench starts its servers with (server.ts), so that it measures what a user starts.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/packageRoot.js';

const ROOT = packageRoot(import.meta.url);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: { huayu: string }; scripts: { start: string } };

export const CLI = path.join(ROOT, pkg.bin.huayu);

/** `npm start` word by word: its VAR=value words, then `node`, node's flags, the script and its arguments. */
export const START = startOf(pkg.scripts.start);

function startOf(line: string): { env: Record<string, string>; flags: string[]; script: string; args: string[] } {
  const words = line.trim().split(/\s+/u);
  const node = words.indexOf('node');
  if (node < 0) throw new Error(`bench: package.json's start script runs no node: ${line}`);
  const env = Object.fromEntries(words.slice(0, node).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  const rest = words.slice(node + 1);
  const flags = rest.slice(0, rest.findIndex((w) => !w.startsWith('-')));
  return { env, flags, script: rest[flags.length]!, args: rest.slice(flags.length + 1) };
}
