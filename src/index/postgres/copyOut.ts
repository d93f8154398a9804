// The large reads of a server's start (the derived tables, the catalog's text,
// the passages' lengths) through COPY (query) TO STDOUT in PostgreSQL's binary
// format: each field arrives as its bytes. node-postgres takes every column as
// a UTF-8 string first (its binary result format decodes bytea as UTF-8 and
// corrupts it: brianc/node-postgres#3495); for the derived tables' 20.8 MB of
// base64 at 100 MB that string and its decoding took the main thread 110–140 ms
// of CPU, this 22–39 (the database decodes the base64, ~33 ms on its own core).
// COPY takes no parameters, so only statements without values are read so.

import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { SIGNATURE } from './copyRows.js';

/** A row: each field's bytes (a view of what was received, not a copy), or null. */
export type CopiedRow = Array<Buffer | null>;

/** The rows `query` selects, on `client` (inside its transaction, if one is open). */
export async function copyOut(client: pg.Client, query: string): Promise<CopiedRow[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`))) chunks.push(chunk as Buffer);
  return parseCopy(Buffer.concat(chunks));
}

/** The rows of a binary COPY's bytes: the signature, flags and header extension, then each row until the trailer (-1). */
export function parseCopy(bytes: Buffer): CopiedRow[] {
  const fail = (detail: string) => new Error(`pg-store: a COPY's binary output ${detail}`);
  const header = SIGNATURE.length + 8;
  if (bytes.length < header + 2 || !bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw fail('lacks its signature');
  let at = header + bytes.readUInt32BE(SIGNATURE.length + 4);
  const rows: CopiedRow[] = [];
  for (;;) {
    if (at + 2 > bytes.length) throw fail('ends inside a row');
    const fields = bytes.readInt16BE(at);
    at += 2;
    if (fields === -1) return rows;
    const row: CopiedRow = [];
    for (let i = 0; i < fields; i++) {
      if (at + 4 > bytes.length) throw fail('ends inside a row');
      const length = bytes.readInt32BE(at);
      at += 4;
      if (length === -1) {
        row.push(null);
        continue;
      }
      if (length < 0 || at + length > bytes.length) throw fail('ends inside a field');
      row.push(bytes.subarray(at, at + length));
      at += length;
    }
    rows.push(row);
  }
}

type Field = Buffer | null | undefined;

/** An int4 field. */
export function int4Of(field: Field): number {
  if (field?.length !== 4) throw fieldError('integer', field);
  return field.readInt32BE(0);
}

/** A text field, or null. */
export function textOf(field: Field): string | null {
  if (field === undefined) throw fieldError('text', field);
  return field === null ? null : field.toString('utf8');
}

/** A bytea field that is never null. */
export function bytesIn(field: Field): Buffer {
  if (!field) throw fieldError('bytea', field);
  return field;
}

function fieldError(kind: string, field: Field): Error {
  return new Error(`pg-store: a COPY's ${kind} field is ${field ? `${field.length} bytes` : String(field)}`);
}
