import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { IndexedPassage } from '../../src/index/engine.js';
import { ColumnTable, readColumnPassages, renumbered } from '../../src/index/columnPassage.js';
import { Interner, parseColumns, writePassageColumns, type ParsedColumns } from '../../src/index/passageColumns.js';
import { filesFrom, FIXTURES, CORPUS } from '../helpers/corpora.js';

/** Every field as a reader asks for it (a getter of a column-backed passage, a property of a plain one). */
const fields = (p: IndexedPassage) => ({
  gid: p.gid,
  doc: p.doc,
  n: p.n,
  kind: p.kind,
  speaker: p.speaker,
  mode: p.mode,
  span: p.span,
  bodyStart: p.bodyStart,
  heading: p.heading,
  exchange: p.exchange,
  attribution: p.attribution,
  topics: p.topics,
});

async function builtPassages(): Promise<IndexedPassage[]> {
  const engine = await buildIndex(filesFrom({ corpus: CORPUS, fixtures: FIXTURES }), { threads: 0 });
  await engine.close();
  return Array.from(engine.passages);
}

describe('passages read from their document columns', () => {
  it('give every field as the parsed passage has it, numbered from the first gid of their document, built when asked for (ColumnTable)', async () => {
    const passages = await builtPassages();
    const byDoc = new Map<number, IndexedPassage[]>();
    for (const p of passages) byDoc.set(p.doc, [...(byDoc.get(p.doc) ?? []), p]);
    expect(byDoc.size).toBeGreaterThan(3);
    // Each document's columns apart, numbering into one shared table, as PostgreSQL keeps them.
    const intern = new Interner();
    const columns: ParsedColumns[] = [];
    const firstOf = new Uint32Array(byDoc.size + 1);
    for (const [doc, own] of byDoc) {
      columns[doc] = parseColumns(writePassageColumns(own, intern).bytes, intern.values, (d) => new Error(d));
      firstOf[doc + 1] = firstOf[doc]! + own.length;
    }
    const table = new ColumnTable(columns, firstOf);
    expect(table.length).toBe(passages.length);
    const read = [...table];
    expect(read.map(fields)).toEqual(passages.map(fields));
    expect(passages.map((p) => fields(table.at(p.gid)!))).toEqual(passages.map(fields));
    expect(table.at(passages.length)).toBeUndefined();
    // As JSON, and so as an API or a test's equality sees it, a plain passage.
    expect(JSON.parse(JSON.stringify(read))).toEqual(JSON.parse(JSON.stringify(passages)));
    // The seed has passages with a speaker, a heading and topics, and passages without: both sides of each are read.
    expect(passages.some((p) => p.speaker === null) && passages.some((p) => p.heading !== null) && passages.some((p) => p.exchange !== null)).toBe(true);
  });

  it('finds each passage\'s document past documents of no passages, first, between and last', async () => {
    const passages = await builtPassages();
    const docs = [...new Set(passages.map((p) => p.doc))].slice(0, 3);
    const intern = new Interner();
    const parse = (own: IndexedPassage[]) => parseColumns(writePassageColumns(own, intern).bytes, intern.values, (d) => new Error(d));
    // Documents: empty, docs[0], empty, empty, docs[1], docs[2], empty.
    const layout: IndexedPassage[][] = [[], ...docs.flatMap((d, i) => [passages.filter((p) => p.doc === d), ...(i === 0 ? [[], []] : [])]), []];
    const firstOf = new Uint32Array(layout.length + 1);
    layout.forEach((own, d) => (firstOf[d + 1] = firstOf[d]! + own.length));
    const table = new ColumnTable(layout.map(parse), firstOf);
    const expected = layout.flatMap((own, d) => own.map((p, i) => ({ doc: d, gid: firstOf[d]! + i, n: p.n, span: p.span })));
    const pick = (p: IndexedPassage) => ({ doc: p.doc, gid: p.gid, n: p.n, span: p.span });
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.map((e) => pick(table.at(e.gid)!))).toEqual(expected);
    expect([...table].map(pick)).toEqual(expected);
  });

  it('refuses columns whose value is not in the document table, naming the field, before any passage is read', async () => {
    const own = (await builtPassages()).filter((p) => p.doc === 0);
    const { bytes, values } = writePassageColumns(own);
    // The first passage's speaker: after a header of 4 numbers and the doc, n and kind columns.
    const speakerAt = (4 + 3 * own.length) * 4;
    bytes.writeUInt32LE(values.speaker.length + 7, speakerAt);
    expect(() => readColumnPassages(bytes, values, (d) => new Error(d))).toThrow(`speaker ${values.speaker.length + 7} is not in the catalog's table`);
  });

  it("read without a document number, take each passage's from its column; renumbered, keep every other field", async () => {
    const passages = await builtPassages();
    const { bytes, values } = writePassageColumns(passages);
    const read = readColumnPassages(bytes, values, (d) => new Error(d));
    expect(read.map(fields)).toEqual(passages.map(fields));
    const moved = renumbered(read[5]!, 500, 9);
    expect(fields(moved)).toEqual({ ...fields(passages[5]!), gid: 500, doc: 9 });
    // The passage it was made from is unchanged: an engine being replaced may still be answering with it.
    expect(fields(read[5]!)).toEqual(fields(passages[5]!));
  });

  it('cannot be written to: a store passage is fixed', async () => {
    const own = (await builtPassages()).filter((p) => p.doc === 0);
    const { bytes, values } = writePassageColumns(own);
    const [p] = readColumnPassages(bytes, values, (d) => new Error(d));
    expect(() => {
      (p as { kind: string }).kind = 'note';
    }).toThrow(TypeError);
  });
});
