// huayu_derived (schema.ts): the engine's derived tables (derivedTables.ts),
// written by "huayu index" once its documents are, for the catalog they were
// derived from. A server whose catalog and alias groups give the same
// fingerprint opens them as they are; any other derives its own, as the
// embedded index does, so a stale row is never read, only not used.

import { createHash } from 'node:crypto';
import type pg from 'pg';
import { deriveTables, type DerivedTables } from '../engine.js';
import { decodeDerived, derivationInputs, encodeDerived } from '../derivedTables.js';
import { readCatalog, readHeads, type Head } from './catalog.js';
import { bytesOf } from './query.js';

/**
 * What the tables depend on: which documents, in which order, with how many passages (a document
 * written again has a new doc_key, its fields and columns never change under one), and the groups.
 */
export function derivedFingerprint(heads: readonly Head[], aliasGroups: readonly (readonly string[])[]): string {
  const hash = createHash('sha256').update(derivationInputs(aliasGroups));
  for (const h of heads) hash.update(`${h.doc_key}:${h.passage_count};`);
  return hash.digest('hex');
}

/**
 * The stored row, whichever catalog it was derived for (its fingerprint says which): read on a connection
 * of its own, while another reads the heads the fingerprint is made from (~0.27 s each at 100 MB).
 */
export async function readDerived(client: pg.Client): Promise<DerivedRow | null> {
  const { rows } = await client.query<{ fingerprint: string; header: string; arrays: string }>('SELECT fingerprint, header, arrays FROM huayu_derived');
  return rows[0] ? { fingerprint: rows[0].fingerprint, header: rows[0].header, arrays: bytesOf(rows[0].arrays) } : null;
}

/** The engine's tables as stored, when `stored` is the row for the catalog of `shape`. */
export function storedTables(stored: Omit<DerivedRow, 'fingerprint'>, shape: { passages: number; documents: number }): DerivedTables {
  return decodeDerived(stored.header, stored.arrays, shape, (detail) => new Error(`pg-store: huayu_derived: ${detail}; after DELETE FROM huayu_derived, "huayu index" writes it again`));
}

/**
 * For "huayu index", after its documents are committed: the tables derived for the catalog as it now
 * stands, as a row for replaceDerived, or null when the stored row is already for this catalog and these groups.
 */
export async function deriveForCatalog(client: pg.Client, aliasGroups: string[][], catalogBatch: number): Promise<DerivedRow | null> {
  const { heads, values } = await readHeads(client);
  const fingerprint = derivedFingerprint(heads, aliasGroups);
  const { rows } = await client.query('SELECT 1 FROM huayu_derived WHERE fingerprint = $1', [fingerprint]);
  if (rows.length) return null;
  const whole = await readCatalog(client, heads, values, catalogBatch);
  return { fingerprint, ...encodeDerived(deriveTables({ ...whole, aliasGroups }), whole.docs.length) };
}

export interface DerivedRow {
  fingerprint: string;
  header: string;
  arrays: Buffer;
}

/** Inside the caller's transaction: the one row, for the catalog it was derived from. */
export async function replaceDerived(client: pg.Client, row: DerivedRow): Promise<void> {
  await client.query('DELETE FROM huayu_derived');
  await client.query('INSERT INTO huayu_derived VALUES ($1, $2, $3)', [row.fingerprint, row.header, row.arrays.toString('base64')]);
}
