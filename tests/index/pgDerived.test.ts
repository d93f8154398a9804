// The engine's derived tables on PostgreSQL (src/index/postgres/derived.ts):
// written by "huayu index", opened as they are by a server whose catalog and
// alias groups they were derived for, and derived anew by any other.

import { describe, expect, it } from 'vitest';
import { inlineSegmenter } from '../../src/analysis/segmenter.js';
import { deriveTables, type Engine } from '../../src/index/engine.js';
import pg from 'pg';
import { copyJoined } from '../../src/index/postgres/copyOut.js';
import { loadFromPostgres } from '../../src/index/postgres/store.js';
import { indexIntoPostgres } from '../../src/index/postgres/write.js';
import type { Cluster } from '../../bench/pgCluster.js';
import { CORPUS, FIXTURES, filesFrom, seededDatabase } from '../helpers/corpora.js';
import { sql, throwawayCluster } from '../helpers/throwawayCluster.js';

const files = () => filesFrom({ '': CORPUS, mfa: `${FIXTURES}/mfa` });
const GROUPS = [['汪文斌', '汪发言人']];

let cluster: Cluster | string;
throwawayCluster('pgDerived', (c) => (cluster = c));

/** What createEngine derives, as the engine holds it. */
const tablesOf = (e: Engine) => ({ docOf: e.docOf, turnFirst: e.turnFirst, turnLast: e.turnLast, aliases: e.aliases, speakers: e.speakers, facetTables: e.facetTables, units: e.units, saidOrder: e.saidOrder });

describe('derived tables in PostgreSQL', () => {
  it('opens the tables "huayu index" stored as they are, equal to those it would derive', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seededDatabase(cluster.url, 'huayu_derived_open', files());
    const fresh = await loadFromPostgres(url, inlineSegmenter([]));
    await fresh.catalog.fetch(fresh.docs.keys());
    expect(tablesOf(fresh)).toEqual(deriveTables(fresh));
    const title = fresh.speakers.get('林剑')!.titles[0]!;
    await fresh.close();
    // A title written only in the stored row, to see that the server read it rather than derived its own.
    await sql(url, `UPDATE huayu_derived SET header = replace(header, '"titles":["${title}"', '"titles":["存储的头衔"')`);
    const opened = await loadFromPostgres(url, inlineSegmenter([]));
    expect(opened.speakers.get('林剑')!.titles[0]).toBe('存储的头衔');
    await opened.close();
  }, 60_000);

  it('derives its own tables when its aliases.tsv groups are not those the row was stored for, and "huayu index" with them stores them', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seededDatabase(cluster.url, 'huayu_derived_groups', files());
    const [before] = await sql<{ fingerprint: string }>(url, 'SELECT fingerprint FROM huayu_derived');
    const grouped = await loadFromPostgres(url, inlineSegmenter([]), GROUPS);
    expect(grouped.aliases.byForm.get('汪发言人')).toBe('汪文斌');
    expect(tablesOf(grouped)).toEqual(deriveTables(grouped));
    await grouped.close();

    const r = await indexIntoPostgres(url, files(), { threads: 0, aliasGroups: GROUPS });
    expect(r.written).toBe(0);
    const rows = await sql<{ fingerprint: string }>(url, 'SELECT fingerprint FROM huayu_derived');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.fingerprint).not.toBe(before!.fingerprint);
    const stored = await loadFromPostgres(url, inlineSegmenter([]), GROUPS);
    expect(stored.aliases.byForm.get('汪发言人')).toBe('汪文斌');
    await stored.close();
  }, 60_000);

  it("joins a column's values in one buffer when the first row gives their total, and copies them together when it gives another", async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const rows = (total: number) => `SELECT n, CASE WHEN n = 0 THEN ${total}::int8 END, decode(repeat(lpad(to_hex(n + 1), 2, '0'), 3), 'hex') FROM generate_series(0, 2) AS n`;
      const right = await copyJoined(client, rows(9));
      expect([...right.joined]).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
      // Each value is a view of it, where it stands, rather than a copy.
      right.rows.forEach((r, i) => expect([r[2]!.buffer, r[2]!.byteOffset]).toEqual([right.joined.buffer, right.joined.byteOffset + 3 * i]));
      for (const wrong of [8, 10, 0]) {
        const copied = await copyJoined(client, rows(wrong));
        expect([...copied.joined], `a total of ${wrong}`).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
      }
    } finally {
      await client.end();
    }
  });

  it('names stored tables that do not fit the catalog they are stored for, or whose parts do not run from the first', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seededDatabase(cluster.url, 'huayu_derived_cut', files());
    // The last part's last 9 bytes cut off.
    await sql(url, 'UPDATE huayu_derived SET part = substr(part, 1, length(part) - 9) WHERE n = (SELECT max(n) FROM huayu_derived)');
    await expect(loadFromPostgres(url, inlineSegmenter([]))).rejects.toThrow(/pg-store: huayu_derived: .*(runs past the|bytes, the arrays take).*; after DELETE FROM huayu_derived, "huayu index" writes it again/u);
    // Written again whole, then a part numbered past a gap.
    await sql(url, 'DELETE FROM huayu_derived');
    await indexIntoPostgres(url, files(), { threads: 0 });
    const parts = (await sql<{ parts: number }>(url, 'SELECT count(*)::integer AS parts FROM huayu_derived'))[0]!.parts;
    await sql(url, `INSERT INTO huayu_derived SELECT ${parts + 1}, fingerprint, NULL, '' FROM huayu_derived WHERE n = 0`);
    await expect(loadFromPostgres(url, inlineSegmenter([]))).rejects.toThrow(/rows are not one table's parts, numbered from 0/u);
  }, 60_000);
});
