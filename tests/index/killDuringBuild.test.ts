// SIGKILL at random moments of an index build or update: afterwards the index
// on disk is either the one before or the one being written, loadable and
// consistent with its manifest, never a mix (a killed update leaves its lock
// behind, which the next run takes over). Disk state changes only while the index is
// saved, so most kills hit a child that saves a ready index (cheap, dense on
// the writes); a few hit a whole `huayu index`, dictionaries load and all.

import { spawn } from 'node:child_process';
import { appendFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIndex } from '../../src/index/embedded/openIndex.js';
import { loadIndex, readManifest } from '../../src/index/embedded/store.js';
import { corpusFingerprint } from '../../src/ingest/identity.js';
import { readCorpus, scanCorpus } from '../../src/ingest/readCorpus.js';
import { HUAYU_BIN, ROOT, seedAndFixturesInto } from '../helpers/corpora.js';
import { random } from '../../bench/random.js';
import { tempDir } from '../helpers/tempDir.js';
import { heldTexts } from '../../src/index/texts.js';

const SAVE_KILLS = 20;
/** `huayu index` runs, which now write the change between the corpora as an update (a new part). */
const BUILD_KILLS = 6;

/** Loads the index built from `from` and saves it over `index`: the write phase of a build, alone. */
const SAVE_CHILD = `
  const [{ loadIndex, saveIndex }, { scanCorpus }] = await Promise.all([
    import(${JSON.stringify(path.join(ROOT, 'dist/src/index/embedded/store.js'))}),
    import(${JSON.stringify(path.join(ROOT, 'dist/src/ingest/readCorpus.js'))}),
  ]);
  const [corpus, from, to] = process.argv.slice(1);
  await saveIndex(to, await loadIndex(from, scanCorpus(corpus)));
`;

function run(args: string[], env: NodeJS.ProcessEnv, killAfterMs: number | null): Promise<'finished' | 'killed'> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve, reject) =>
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`child exited ${code}: ${err}`));
    }),
  );
}

describe('an index build killed at any moment', () => {
  it(`leaves the old index or the new one, loadable, after ${SAVE_KILLS + BUILD_KILLS} SIGKILLs at random points`, async () => {
    const root = tempDir('kill');
    const corpora = { a: path.join(root, 'a'), b: path.join(root, 'b') };
    seedAndFixturesInto(corpora.a);
    cpSync(corpora.a, corpora.b, { recursive: true });
    appendFileSync(path.join(corpora.b, 'zhangye-2024-01-15.txt'), '\n补充:这是B版本新增的一段。\n');
    // A ready index of each corpus, to be saved over the one under test.
    const ready = { a: path.join(root, 'ready-a'), b: path.join(root, 'ready-b') };
    await openIndex(corpora.a, ready.a);
    await openIndex(corpora.b, ready.b);
    const byFingerprint = new Map([
      [corpusFingerprint(readCorpus(corpora.a)), 'a' as const],
      [corpusFingerprint(readCorpus(corpora.b)), 'b' as const],
    ]);
    const index = path.join(root, 'index');
    await openIndex(corpora.a, index);

    const timed = async (f: () => Promise<unknown>) => {
      const t0 = Date.now();
      await f();
      return Date.now() - t0;
    };
    const saveArgs = (x: 'a' | 'b') => ['--input-type=module', '-e', SAVE_CHILD, corpora[x], ready[x], index];
    const buildArgs = [HUAYU_BIN, 'index'];
    const buildEnv = (x: 'a' | 'b') => ({ HUAYU_CORPUS: corpora[x], HUAYU_INDEX: index, HUAYU_THREADS: '0' });
    const saveTime = await timed(() => run(saveArgs('b'), {}, null));
    const buildTime = await timed(() => run(buildArgs, buildEnv('a'), null));
    console.log(`killDuringBuild: a save takes ${saveTime} ms, a "huayu index" (an update between the corpora) ${buildTime} ms`);

    const rnd = random(42);
    let killed = 0;
    for (let i = 0; i < SAVE_KILLS + BUILD_KILLS; i++) {
      const now = byFingerprint.get(readManifest(index).corpusFingerprint)!;
      const next = now === 'a' ? 'b' : 'a';
      const whole = i >= SAVE_KILLS;
      // A run is killed between 0.3 and 0.9 of its measured time: an update writes in its last
      // part (the dictionaries load first), a run can be faster than the measured one, and a
      // kill after its end proves nothing (saves have kills of their own).
      const outcome = whole
        ? await run(buildArgs, buildEnv(next), Math.floor((0.3 + 0.6 * rnd()) * buildTime))
        : await run(saveArgs(next), {}, Math.floor(rnd() * saveTime * 1.1));
      if (outcome === 'killed') killed++;
      const manifest = readManifest(index);
      const which = byFingerprint.get(manifest.corpusFingerprint);
      expect(which, `kill ${i}: a manifest of neither corpus`).toBeDefined();
      const engine = await loadIndex(index, scanCorpus(corpora[which!]));
      expect(engine.passages.length).toBe(manifest.passages);
      // The transcript the corpora differ in is the one of the manifest's corpus, whatever number of parts holds it.
      const changed = engine.docs.flatMap((d, i) => (d.path === 'zhangye-2024-01-15.txt' ? [heldTexts(engine.texts).text(i)] : []));
      expect(changed.map((text) => text.includes('这是B版本新增的一段'))).toEqual([which === 'b']);
    }
    expect(killed).toBeGreaterThanOrEqual((SAVE_KILLS + BUILD_KILLS) / 2);
    // ~35 s alone on 2 cores; the margin is for a loaded machine.
  }, 150_000);
});
