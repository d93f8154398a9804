// Where the command line is, as package.json's bin names it: what `huayu` runs (the bundle
// scripts/bundle.mjs writes), for the bench to spawn and the tests to run as users do.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/packageRoot.js';

const ROOT = packageRoot(import.meta.url);

export const CLI = path.join(ROOT, (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: { huayu: string } }).bin.huayu);
