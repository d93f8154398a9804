// Folders a test file writes in the system's temp dir, removed when the file's
// tests are done (each test file loads its own copy of this module).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new folder huayu-<prefix>-XXXXXX in the temp dir, gone after this file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `huayu-${prefix}-`));
  made.push(dir);
  return dir;
}
