// Files that ship with huayu (the page's assets, the IDF table the build
// writes) are found from the package root, so that the same code runs from
// src/ (tests) and from dist/ (npm start).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json above the module at `moduleUrl` (import.meta.url). */
export function packageRoot(moduleUrl: string): string {
  const from = fileURLToPath(moduleUrl);
  let dir = path.dirname(from);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}
