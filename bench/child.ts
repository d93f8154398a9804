// A step of the bench in a process of its own (bench/children/*): its input as JSON on stdin (not argv,
// whose one argument Linux caps at ~130 KB), its answer as JSON on stdout.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../src/packageRoot.js';

// From bench/ (the tests) and dist/bench/ (npm run bench) alike.
const ROOT = packageRoot(import.meta.url);

export async function inChild<T>(script: string, input: unknown): Promise<T> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/bench/children', script)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdin!.end(JSON.stringify(input));
  const code = await exited;
  if (code !== 0) throw new Error(`bench: ${script} exited with ${code}: ${err}`);
  return JSON.parse(out) as T;
}
