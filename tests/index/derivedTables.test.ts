// The engine's derived tables as bytes (src/index/derivedTables.ts): what a
// PostgreSQL server opens instead of deriving them from every passage.

import { describe, expect, it } from 'vitest';
import { deriveTables, type Engine } from '../../src/index/engine.js';
import { decodeDerived, encodeDerived } from '../../src/index/derivedTables.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import { CORPUS, FIXTURES, filesFrom } from '../helpers/corpora.js';

const engine: Promise<Engine> = buildIndex(filesFrom({ '': CORPUS, mfa: `${FIXTURES}/mfa` }), { threads: 0 });
const shapeOf = (e: Engine) => ({ passages: e.passages.length, documents: e.docs.length });
const corrupt = (detail: string) => new Error(`test: ${detail}`);

describe('derived tables as bytes', () => {
  it('decodes the tables it encoded, equal to those derived from the passages, an outlet spelling sharing its outlet’s list', async () => {
    const e = await engine;
    const derived = deriveTables({ ...e, aliasGroups: [['汪文斌', '汪发言人']] });
    const { header, arrays } = encodeDerived(derived, e.docs.length);
    // Cut out of a larger buffer at an odd offset, as a Buffer decoded from base64 may be.
    const unaligned = Buffer.concat([Buffer.from([7]), arrays]).subarray(1);
    const decoded = decodeDerived(header, unaligned, shapeOf(e), corrupt);
    expect(decoded).toEqual(derived);
    expect(decoded.aliases.byForm.get('汪发言人')).toBe('汪文斌');
    const byList = new Map<Uint32Array, string[]>();
    for (const [outlet, list] of derived.units.byOutlet) byList.set(list, [...(byList.get(list) ?? []), outlet]);
    expect([...byList.values()].some((names) => names.length > 1)).toBe(true);
    for (const names of byList.values()) for (const o of names) expect(decoded.units.byOutlet.get(o)).toBe(decoded.units.byOutlet.get(names[0]!));
  });

  it('refuses tables derived for another catalog, naming the counts', async () => {
    const e = await engine;
    const { header, arrays } = encodeDerived(deriveTables({ ...e, aliasGroups: [] }), e.docs.length);
    expect(() => decodeDerived(header, arrays, { ...shapeOf(e), passages: e.passages.length + 1 }, corrupt)).toThrow(
      `derived for ${e.passages.length} passages in ${e.docs.length} documents, the catalog has ${e.passages.length + 1}`,
    );
  });

  it('names bytes cut short and a number out of its table’s range', async () => {
    const e = await engine;
    const derived = deriveTables({ ...e, aliasGroups: [] });
    const { header, arrays } = encodeDerived(derived, e.docs.length);
    expect(() => decodeDerived(header, arrays.subarray(0, arrays.length - 8), shapeOf(e), corrupt)).toThrow(/runs past the/u);
    expect(() => decodeDerived(header, Buffer.concat([arrays, Buffer.alloc(4)]), shapeOf(e), corrupt)).toThrow(/bytes, the arrays take/u);
    // The first array is docOf: a passage of a document past the last.
    const bad = Buffer.from(arrays);
    bad.writeUInt32LE(e.docs.length, 0);
    expect(() => decodeDerived(header, bad, shapeOf(e), corrupt)).toThrow(`array docOf holds ${e.docs.length}, out of range`);
  });
});
