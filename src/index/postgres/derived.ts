// huayu_derived (schema.ts): the engine's derived tables (derivedTables.ts),
// written by "huayu index" once its documents are, for the catalog they were
// derived from. A server whose catalog and alias groups give the same
// fingerprint opens them as they are; any other derives its own, as the
// embedded index does, so a stale row is never read, only not used.

import { createHash } from 'node:crypto';
import type pg from 'pg';
import { deriveTables, type DerivedTables } from '../engine.js';
import { decodeDerived, derivationInputs, encodeDerived } from '../derivedTables.js';
import type { PassageValues } from '../passageColumns.js';
import { keysDigest, readCatalog, type Head } from './catalog.js';
import { bytesOf } from './query.js';

/** What the tables depend on: which documents (keysDigest: their order and passages follow from it), and the groups. */
export function derivedFingerprint(heads: readonly Head[], aliasGroups: readonly (readonly string[])[]): string {
  return createHash('sha256').update(derivationInputs(aliasGroups)).update(keysDigest(heads)).digest('hex');
}

/**
 * The arrays' bytes a stored row holds (CHUNK_BYTES, as CHUNK_BYTES / 3 × 4 base64 digits, each decoding
 * on its own): one 20 MB row at 100 MB took node-postgres ~100 ms more to receive than twenty of 1 MB.
 */
const CHUNK_BYTES = 3 << 18;

/**
 * The stored tables, whichever catalog they were derived for (their fingerprint says which): read on a
 * connection of its own, while another reads the heads the fingerprint is made from, in one statement.
 */
export async function readDerived(client: pg.Client): Promise<DerivedRow | null> {
  const { rows } = await client.query<{ n: number; fingerprint: string; header: string | null; part: string }>('SELECT n, fingerprint, header, part FROM huayu_derived ORDER BY n');
  if (!rows.length) return null;
  const { fingerprint, header } = rows[0]!;
  if (header === null || rows.some((r, i) => r.n !== i || r.fingerprint !== fingerprint || (i > 0 && r.header !== null))) throw corruptRow(`its ${rows.length} rows are not one table's parts, numbered from 0 with the header in the first`);
  return { fingerprint, header, arrays: Buffer.concat(rows.map((r) => bytesOf(r.part))) };
}

/** The engine's tables as stored, when `stored` is the row for the catalog of `shape`. */
export function storedTables(stored: Omit<DerivedRow, 'fingerprint'>, shape: { passages: number; documents: number }): DerivedTables {
  return decodeDerived(stored.header, stored.arrays, shape, corruptRow);
}

function corruptRow(detail: string): Error {
  return new Error(`pg-store: huayu_derived: ${detail}; after DELETE FROM huayu_derived, "huayu index" writes it again`);
}

/**
 * For "huayu index", after its documents are committed: the tables derived for the catalog as it now
 * stands, as a row for replaceDerived, or null when the stored row is already for this catalog and these groups.
 */
export async function deriveForCatalog(client: pg.Client, heads: readonly Head[], values: PassageValues, aliasGroups: string[][], catalogBatch: number): Promise<DerivedRow | null> {
  const fingerprint = derivedFingerprint(heads, aliasGroups);
  const { rows } = await client.query('SELECT 1 FROM huayu_derived WHERE fingerprint = $1 LIMIT 1', [fingerprint]);
  if (rows.length) return null;
  const whole = await readCatalog(client, heads, values, catalogBatch);
  return { fingerprint, ...encodeDerived(deriveTables({ ...whole, aliasGroups }), whole.docs.length) };
}

export interface DerivedRow {
  fingerprint: string;
  header: string;
  arrays: Buffer;
}

/** Inside the caller's transaction: the tables, for the catalog they were derived from, in parts of CHUNK_BYTES. */
export async function replaceDerived(client: pg.Client, row: DerivedRow): Promise<void> {
  await client.query('DELETE FROM huayu_derived');
  const parts: string[] = [];
  for (let at = 0; at === 0 || at < row.arrays.length; at += CHUNK_BYTES) parts.push(row.arrays.subarray(at, at + CHUNK_BYTES).toString('base64'));
  await client.query(
    'INSERT INTO huayu_derived SELECT n - 1, $1, CASE WHEN n = 1 THEN $2 END, part FROM unnest($3::text[]) WITH ORDINALITY AS p(part, n)',
    [row.fingerprint, row.header, parts],
  );
}
