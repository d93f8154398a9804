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
import { keysDigest, readCatalog, type Head, type StoredFields } from './catalog.js';
import { copyJoined, int4Of, textOf } from './copyOut.js';
import { copyRows, type Columns, type CopyValue } from './copyRows.js';

/** What the tables depend on: which documents (keysDigest: their order and passages follow from it), and the groups. */
export function derivedFingerprint(heads: readonly Head[], aliasGroups: readonly (readonly string[])[]): string {
  return createHash('sha256').update(derivationInputs(aliasGroups)).update(keysDigest(heads)).digest('hex');
}

/** The arrays' bytes a stored row holds. */
const CHUNK_BYTES = 3 << 18;

const DERIVED_COLUMNS: Columns = [
  ['n', 'int4'],
  ['fingerprint', 'text'],
  ['header', 'text'],
  ['part', 'bytea'],
];

/**
 * The stored tables, whichever catalog they were derived for (their fingerprint says which): read on a
 * connection of its own, while another reads the heads the fingerprint is made from, in one statement.
 * Through COPY, which sends the parts as the bytes they are, each written where the arrays stay (copyOut.ts).
 */
export async function readDerived(client: pg.Client): Promise<DerivedRow | null> {
  const { rows: copied, joined } = await copyJoined(
    client,
    'SELECT n, fingerprint, header, CASE WHEN n = 0 THEN (SELECT sum(octet_length(part)) FROM huayu_derived) END, part FROM huayu_derived ORDER BY n',
  );
  const rows = copied.map(([n, fingerprint, header]) => ({ n: int4Of(n), fingerprint: textOf(fingerprint) ?? '', header: textOf(header) }));
  if (!rows.length) return null;
  const { fingerprint, header } = rows[0]!;
  if (header === null || rows.some((r, i) => r.n !== i || r.fingerprint !== fingerprint || (i > 0 && r.header !== null))) throw corruptRow(`its ${rows.length} rows are not one table's parts, numbered from 0 with the header in the first`);
  return { fingerprint, header, arrays: joined };
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
export async function deriveForCatalog(
  client: pg.Client,
  heads: readonly Head[],
  values: PassageValues,
  aliasGroups: string[][],
  catalogBatch: number,
  fields: () => Promise<StoredFields>,
): Promise<DerivedRow | null> {
  const fingerprint = derivedFingerprint(heads, aliasGroups);
  const { rows } = await client.query('SELECT 1 FROM huayu_derived WHERE fingerprint = $1 LIMIT 1', [fingerprint]);
  if (rows.length) return null;
  const whole = await readCatalog(client, heads, values, catalogBatch, fields);
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
  const parts: CopyValue[][] = [];
  for (let at = 0; at === 0 || at < row.arrays.length; at += CHUNK_BYTES) parts.push([parts.length, row.fingerprint, at === 0 ? row.header : null, row.arrays.subarray(at, at + CHUNK_BYTES)]);
  await copyRows(client, 'huayu_derived', DERIVED_COLUMNS, parts);
}
