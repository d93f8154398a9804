// The documents' heads, fields and values on PostgreSQL as one stored text
// (src/index/postgres/snapshot.ts): written by "huayu index", opened by a
// server whose documents it was written for, and passed over (the rows read
// as before) by a server whose documents are others.

import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inlineSegmenter } from '../../src/analysis/segmenter.js';
import type { Engine } from '../../src/index/engine.js';
import { JsonDocument } from '../../src/index/jsonDocument.js';
import { partsOf } from '../../src/index/postgres/snapshot.js';
import { loadFromPostgres } from '../../src/index/postgres/store.js';
import { indexIntoPostgres } from '../../src/index/postgres/write.js';
import type { SourceFile } from '../../src/ingest/readCorpus.js';
import { search } from '../../src/search/search.js';
import type { Cluster } from '../../bench/pgCluster.js';
import { CORPUS, FIXTURES, filesFrom, seededDatabase } from '../helpers/corpora.js';
import { sql, throwawayCluster } from '../helpers/throwawayCluster.js';

/** The seed, the MFA fixtures, and a transcript with a character outside the BMP before its quote. */
function files(): SourceFile[] {
  const all = filesFrom({ '': CORPUS, mfa: `${FIXTURES}/mfa` }) as SourceFile[];
  const text = '2026年12月1日外交部发言人毛宁主持例行记者会\n\n法新社记者：𠮷野家的问题是什么？\n毛宁：𠮷字之后的独有答复在这里。\n';
  const astral: SourceFile = { ...all[0]!, path: 'astral.txt', id: 'astral', text, sha256: 'astral', bytes: Buffer.byteLength(text) };
  return [...all, astral];
}

let cluster: Cluster | string;
throwawayCluster('pgSnapshot', (c) => (cluster = c));

/** What a server answers from the heads and fields: documents, their files and passages, and a search and a quote's offsets. */
async function answers(e: Engine) {
  const q = await search(e, { q: '投资' });
  const astral = await search(e, { q: '"独有答复"' });
  return {
    // As JSON: a document kept as its text (jsonDocument.ts) writes its fields.
    docs: JSON.parse(JSON.stringify(e.docs)) as unknown,
    files: e.manifest.files,
    passages: e.passages.length,
    hits: q.hits.map((h) => [h.id, h.speaker?.name, h.highlight]),
    astral: astral.hits.map((h) => [h.id, h.start, h.end, h.highlight]),
  };
}

describe('the catalog as one stored text in PostgreSQL', () => {
  it('opens the heads, fields and values "huayu index" stored as one text, answering as from the documents\' rows', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seededDatabase(cluster.url, 'huayu_snapshot_open', files());
    expect((await sql<{ n: number }>(url, 'SELECT count(*)::integer AS n FROM huayu_catalog'))[0]!.n).toBeGreaterThan(0);
    const fromText = await loadFromPostgres(url, inlineSegmenter([]));
    const a = await answers(fromText);
    await fromText.close();
    await sql(url, 'DELETE FROM huayu_catalog');
    const fromRows = await loadFromPostgres(url, inlineSegmenter([]));
    expect(a).toEqual(await answers(fromRows));
    // The quote after 𠮷 is found at code points, which the stored heads' astral offsets give.
    expect(a.astral).toHaveLength(1);
    await fromRows.close();

    // Written again by the next run; a title changed only in the text (as many bytes: each line's length is checked), to see that a server reads it.
    await indexIntoPostgres(url, files(), { threads: 0 });
    await sql(url, `UPDATE huayu_catalog SET part = replace(part, '张掖专场', '存储专场')`);
    const changed = await loadFromPostgres(url, inlineSegmenter([]));
    expect(changed.docs.some((d) => d.title.includes('存储专场'))).toBe(true);
    await changed.close();
  }, 60_000);

  it('keeps each document\'s fields as their text until one is read, and reads a text an earlier version wrote, which the next run writes anew', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seededDatabase(cluster.url, 'huayu_snapshot_lazy', files());
    const fromText = await loadFromPostgres(url, inlineSegmenter([]));
    const kept = fromText.docs.map((d) => d instanceof JsonDocument);
    expect(kept.every(Boolean)).toBe(true);
    const fields = JSON.parse(JSON.stringify(fromText.docs)) as Array<Record<string, unknown>>;
    // Field by field, through the getters, what the stored JSON says.
    fromText.docs.forEach((d, i) => {
      for (const [k, v] of Object.entries(fields[i]!)) expect(d[k as keyof typeof d]).toEqual(v);
    });
    await fromText.close();
    // The text as the previous version wrote it: one JSON value, no format mark or dates, the fields as objects.
    const text = (await sql<{ t: string }>(url, 'SELECT string_agg(part, \'\' ORDER BY n) AS t FROM huayu_catalog'))[0]!.t;
    const [first, ...lines] = text.slice(0, -1).split('\n');
    const stored = JSON.parse(first!) as { heads: unknown; values: unknown };
    expect(text.startsWith('{"format":2,')).toBe(true);
    expect(lines).toHaveLength(fields.length);
    const earlier = JSON.stringify({ heads: stored.heads, values: stored.values, docs: lines.map((f) => JSON.parse(f) as unknown) });
    await sql(url, `UPDATE huayu_catalog SET part = CASE WHEN n = 0 THEN ${pg.escapeLiteral(earlier)} ELSE '' END`);
    const fromEarlier = await loadFromPostgres(url, inlineSegmenter([]));
    expect(fromEarlier.docs.some((d) => d instanceof JsonDocument)).toBe(false);
    expect(JSON.parse(JSON.stringify(fromEarlier.docs))).toEqual(fields);
    await fromEarlier.close();
    await indexIntoPostgres(url, files(), { threads: 0 });
    const again = (await sql<{ t: string }>(url, 'SELECT string_agg(part, \'\' ORDER BY n) AS t FROM huayu_catalog'))[0]!.t;
    expect(again).toBe(text);
  }, 60_000);

  it('reads the documents\' rows when the stored text was written for other documents (a run stopped before it wrote the text)', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const all = files();
    const url = await seededDatabase(cluster.url, 'huayu_snapshot_stale', all.slice(0, -2));
    // The text of the first run, with a title only it holds, kept aside; the next run adds two documents.
    await sql(url, `CREATE TABLE kept AS SELECT n, digest, replace(part, '张掖专场', '旧文本的专场') AS part FROM huayu_catalog`);
    await indexIntoPostgres(url, all, { threads: 0 });
    await sql(url, 'DELETE FROM huayu_catalog; INSERT INTO huayu_catalog SELECT * FROM kept');
    const e = await loadFromPostgres(url, inlineSegmenter([]));
    expect(e.docs).toHaveLength(all.length);
    expect(e.docs.some((d) => d.title.includes('旧文本的专场'))).toBe(false);
    expect((await search(e, { q: '"独有答复"' })).total).toBe(1);
    await e.close();
  }, 60_000);

  it('names a stored text that is cut, or whose parts do not run from the first', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seededDatabase(cluster.url, 'huayu_snapshot_cut', files());
    await sql(url, 'UPDATE huayu_catalog SET part = left(part, -40) WHERE n = (SELECT max(n) FROM huayu_catalog)');
    await expect(loadFromPostgres(url, inlineSegmenter([]))).rejects.toThrow(/pg-store: huayu_catalog: its text is cut or changed: .*; after DELETE FROM huayu_catalog, "huayu index" writes it again/u);
    // Its first line cut: no JSON.
    await sql(url, `UPDATE huayu_catalog SET part = left(part, 60) WHERE n = 0`);
    await expect(loadFromPostgres(url, inlineSegmenter([]))).rejects.toThrow(/pg-store: huayu_catalog: its text is not JSON .*; after DELETE FROM huayu_catalog, "huayu index" writes it again/u);
    await sql(url, 'DELETE FROM huayu_catalog');
    await indexIntoPostgres(url, files(), { threads: 0 });
    await sql(url, 'UPDATE huayu_catalog SET n = n + 1');
    await expect(loadFromPostgres(url, inlineSegmenter([]))).rejects.toThrow(/huayu_catalog: its 1 rows are not numbered from 0/u);
  }, 60_000);
});

describe('partsOf', () => {
  it('cuts a text into parts that join back to it, none ending between the halves of a character outside the BMP', () => {
    expect(partsOf('ab𠮷cd', 3)).toEqual(['ab𠮷', 'cd']);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 8 }), (text, size) => {
        const parts = partsOf(text, size);
        expect(parts.join('')).toBe(text);
        for (const p of parts) {
          expect(p.length).toBeLessThanOrEqual(size + 1);
          expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/u.test(p)).toBe(false);
        }
      }),
    );
  });
});
