// The index folder's write lock (lock.ts): one writer at a time across
// processes, a dead holder's lock taken over once, and only INDEX_BUSY said to
// the one that has to wait.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withIndexLock } from '../../src/index/embedded/lock.js';
import { ROOT } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

/** A pid no process has now: one that ran and exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/**
 * A process that takes the lock as often as it can for `ms`, and inside it
 * makes a file that must not exist (O_EXCL): a second holder at the same time
 * finds it. With `dies`, it also leaves locks as a process killed holding one
 * does (its own file, naming a dead pid).
 */
const CONTENDER = `
import { closeSync, linkSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
const [lockUrl, dir, ms, dies, dead] = process.argv.slice(1);
const { withIndexLock } = await import(lockUrl);
const r = { held: 0, overlaps: 0, busy: 0, other: [] };
if (dies === '1') writeFileSync(dir + '/dead.' + process.pid, dead);
const end = Date.now() + Number(ms);
while (Date.now() < end) {
  if (dies === '1') { try { linkSync(dir + '/dead.' + process.pid, dir + '/write.lock'); } catch {} }
  try {
    await withIndexLock(dir, async () => {
      r.held++;
      try { closeSync(openSync(dir + '/inside', 'wx')); } catch { r.overlaps++; return; }
      await new Promise((res) => setImmediate(res));
      unlinkSync(dir + '/inside');
    });
  } catch (e) {
    if (e.code === 'INDEX_BUSY') r.busy++; else if (r.other.length < 5) r.other.push(String(e.message));
  }
}
if (dies === '1') unlinkSync(dir + '/dead.' + process.pid);
process.stdout.write(JSON.stringify(r));
`;

interface Contended {
  held: number;
  overlaps: number;
  busy: number;
  other: string[];
}

function contend(dir: string, ms: number, dies: boolean, dead: number): Promise<Contended> {
  // The compiled module (npm test builds first): a child process of Node 20 cannot import TypeScript.
  const lockUrl = pathToFileURL(path.join(ROOT, 'dist/src/index/embedded/lock.js')).href;
  const child = spawn(process.execPath, ['--input-type=module', '-e', CONTENDER, lockUrl, dir, String(ms), dies ? '1' : '0', String(dead)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Contended) : reject(new Error(`contender exited ${code}`)))));
}

describe('the index lock', () => {
  it('is held by one process at a time when three take it thousands of times at once, and a fourth keeps dying holding it', async () => {
    const dir = tempDir('lock-race');
    const dead = deadPid();
    const [a, b, c, dying] = await Promise.all([contend(dir, 2000, false, dead), contend(dir, 2000, false, dead), contend(dir, 2000, false, dead), contend(dir, 2000, true, dead)]);
    for (const r of [a!, b!, c!, dying!]) {
      expect(r.overlaps).toBe(0);
      expect(r.other).toEqual([]);
      expect(r.held).toBeGreaterThan(0);
    }
    // Every contender also had to wait: they did run at the same time.
    expect(a!.busy + b!.busy + c!.busy).toBeGreaterThan(0);
    // Nothing of the lock's own left behind (the dying one's last lock may be, as a killed process's is).
    expect(readdirSync(dir).filter((f) => f.startsWith('write.lock.'))).toEqual([]);
  }, 30_000);

  it('is refused to a second writer of this same process while the first holds it', async () => {
    const dir = tempDir('lock-self');
    let second: unknown = null;
    await withIndexLock(dir, async () => {
      second = await withIndexLock(dir, async () => 'written twice').catch((e: unknown) => e);
    });
    expect(second).toMatchObject({ code: 'INDEX_BUSY' });
    expect(existsSync(path.join(dir, 'write.lock'))).toBe(false);
  });

  it('takes over a lock naming this process that it does not hold (left by an earlier process of the same pid, as after a container restart)', async () => {
    const dir = tempDir('lock-pid');
    writeFileSync(path.join(dir, 'write.lock'), String(process.pid));
    await expect(withIndexLock(dir, async () => 'written')).resolves.toBe('written');
  });

  it('takes over an empty lock (an older huayu cut short between making it and naming itself)', async () => {
    const dir = tempDir('lock-empty');
    writeFileSync(path.join(dir, 'write.lock'), '');
    await expect(withIndexLock(dir, async () => 'written')).resolves.toBe('written');
  });

  it('waits while another process is taking over a dead lock, and clears a takeover left by a process that died in it', async () => {
    const dir = tempDir('lock-takeover');
    writeFileSync(path.join(dir, 'write.lock'), String(deadPid()));
    const guard = path.join(dir, 'write.lock.takeover');
    writeFileSync(guard, String(process.ppid));
    await expect(withIndexLock(dir, async () => 'written')).rejects.toMatchObject({ code: 'INDEX_BUSY' });
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(guard, minuteAgo, minuteAgo);
    await expect(withIndexLock(dir, async () => 'written')).resolves.toBe('written');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the file a process killed while placing the lock left behind, and leaves a live process’s alone', async () => {
    const dir = tempDir('lock-left');
    const left = `write.lock.${deadPid()}.0f8fad5b-d9cb-469f-a165-70867728950e`;
    const live = `write.lock.${process.ppid}.7c9e6679-7425-40de-944b-e07fc1f90ae7`;
    for (const f of [left, live]) writeFileSync(path.join(dir, f), f.split('.')[2]!);
    await expect(withIndexLock(dir, async () => readdirSync(dir).sort())).resolves.toEqual([live, 'write.lock'].sort());
    expect(readdirSync(dir)).toEqual([live]);
  });
});
