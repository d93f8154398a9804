// The index folder's write lock: one writer at a time, whether a server
// following its corpus (one per process of a cluster) or 'huayu index'.
//
// The lock is a file naming its process, placed with link(2), which fails when
// the name exists: a lock found is never empty. (Opened with O_EXCL and then
// written, it could be read between the two, taken for stale and taken over:
// two processes then wrote at once.) A lock whose process is gone is taken
// over under a second lock, so two processes that both found it gone do not
// both take it. The file a process places is named by its pid; one left by a
// process killed between making and removing it is removed by the next writer.

import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createError } from '../../errors.js';

/** A takeover holds its lock for microseconds; one older than this was left by a process that died in it. */
const TAKEOVER_STALE_MS = 10_000;

/** The lock files this process holds: its own pid in a lock it does not hold is a lock left by an earlier process of that pid. */
const held = new Set<string>();

/** Runs `write` holding the index folder's lock; INDEX_BUSY when another live process (or this one) holds it. */
export async function withIndexLock<T>(dir: string, write: () => Promise<T>): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'write.lock');
  takeLock(dir, file);
  try {
    return await write();
  } finally {
    held.delete(file);
    unlinkIfThere(file);
  }
}

function takeLock(dir: string, file: string): void {
  if (held.has(file)) throw createError('INDEX_BUSY', dir, process.pid);
  const named = path.join(dir, `write.lock.${process.pid}.${randomUUID()}`);
  writeFileSync(named, String(process.pid));
  try {
    // Tried again once when the lock was released between the failed link and the read.
    let placed = place(named, file);
    for (let attempt = 0; !placed; attempt++) {
      const holder = holderOf(file);
      if (typeof holder === 'number') throw createError('INDEX_BUSY', dir, holder);
      placed = holder === 'stale' ? takeOver(dir, file, named) : place(named, file);
      if (!placed && attempt > 0) throw createError('INDEX_BUSY', dir, null);
    }
    held.add(file);
  } finally {
    unlinkIfThere(named);
  }
  removeLeftNames(dir);
}

const NAMED = /^write\.lock\.(\d+)\.[0-9a-f-]{36}$/u;

/** Files to place left by processes now gone (killed between making and removing one): a process that is gone places none, and a live one's are left alone. */
function removeLeftNames(dir: string): void {
  for (const f of readdirSync(dir)) {
    const pid = NAMED.exec(f)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid))) unlinkIfThere(path.join(dir, f));
  }
}

/**
 * Under `write.lock.takeover`: a stale lock replaced by this process's. Only a
 * takeover removes a stale lock, and a live one cannot be placed over it, so
 * what is read under the guard still holds when it is removed. False when
 * another process holds the lock now.
 */
function takeOver(dir: string, file: string, named: string): boolean {
  const guard = path.join(dir, 'write.lock.takeover');
  if (!place(named, guard)) {
    if (Date.now() - mtimeOf(guard) < TAKEOVER_STALE_MS) return false;
    unlinkIfThere(guard);
    if (!place(named, guard)) return false;
  }
  try {
    const holder = holderOf(file);
    if (typeof holder === 'number') return false;
    if (holder === 'stale') unlinkIfThere(file);
    return place(named, file);
  } finally {
    unlinkIfThere(guard);
  }
}

/** Gives `target` the content of `named`, unless `target` exists. */
function place(named: string, target: string): boolean {
  try {
    linkSync(named, target);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** The live process holding a lock; 'gone' when there is no lock; 'stale' when its process is gone or it names none (written by an older huayu, cut short). */
function holderOf(file: string): number | 'gone' | 'stale' {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  if (!Number.isInteger(pid) || pid <= 0) return 'stale';
  // This process's pid in a lock it does not hold: an earlier process of that pid (a container restarted) left it.
  if (pid === process.pid) return held.has(file) ? pid : 'stale';
  return alive(pid) ? pid : 'stale';
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
