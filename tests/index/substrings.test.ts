// The embedded store's substring answer (the path of phrases, names and quotes)
// against a scan of every passage: the bigram candidates are read only where a
// word list does not already vouch for them, and nothing may be lost or added.

import { cpSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchForm } from '../../src/analysis/normalize.js';
import { indexTokens } from '../../src/analysis/tokenize.js';
import { openIndex } from '../../src/index/embedded/openIndex.js';
import type { Engine } from '../../src/index/engine.js';
import { bodyOf, FIXTURES, seedAndFixturesCopy } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';
import { heldBodies } from '../../src/index/bodies.js';

let built: Engine;
let loaded: Engine;
beforeAll(async () => {
  const corpus = seedAndFixturesCopy('substrings');
  cpSync(path.join(FIXTURES, 'layouts'), path.join(corpus, 'layouts'), { recursive: true });
  const index = tempDir('substrings-index');
  built = (await openIndex(corpus, index)).engine;
  loaded = (await openIndex(corpus, index)).engine;
}, 120_000);

/** Strings to look for: every name and index term of three or more characters, and windows of the text that are not terms. */
function strings(engine: Engine): string[] {
  const out = new Set<string>([...engine.speakers.keys()].map(matchForm));
  [...engine.passages].forEach((p, g) => {
    const body = heldBodies(engine.bodies).body(g);
    for (const t of indexTokens(bodyOf(engine, p))) if (t.length >= 3) out.add(t);
    // Windows across word boundaries, at a few fixed places.
    for (const at of [0, 5, 17]) for (const len of [3, 5]) if (body.length >= at + len) out.add(body.slice(at, at + len));
  });
  return [...out].filter((s) => s.length >= 3);
}

describe('substringMatches', () => {
  for (const [name, engine] of [
    ['built', () => built],
    ['loaded', () => loaded],
  ] as const) {
    it(`finds a string in exactly the passages whose text holds it (${name} index)`, async () => {
      const e = engine();
      const all = strings(e);
      expect(all.length).toBeGreaterThan(3000);
      for (const s of all) {
        const want = heldBodies(e.bodies).all.flatMap((b, g) => (b.includes(s) ? [g] : []));
        expect(Array.from(await e.retrieval.substringMatches(s)), s).toEqual(want);
      }
    });
  }
});
