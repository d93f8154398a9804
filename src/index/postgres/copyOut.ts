// Statements whose rows come through COPY (query) TO STDOUT in PostgreSQL's
// binary format, where each field arrives as its bytes: the large reads of a
// server's start (the derived tables, the catalog's text, the passages'
// lengths) and the lists a query fetches (servingCopy, query.ts). node-postgres
// takes every column as a UTF-8 string first (its binary result format decodes
// bytea as UTF-8 and corrupts it: brianc/node-postgres#3495); for the derived
// tables' 20.8 MB of base64 at 100 MB that string and its decoding took the
// main thread 110–140 ms of CPU.
//
// Fields are copied out of the chunks as they arrive, each once, into memory
// of its own size or into the caller's (joined): on this machine a megabyte
// written for the first time costs ~3.7 ms (the page faults of a microVM whose
// host backs each page on first touch), so a copy of the whole stream and
// another of the values joined cost more than receiving them.

import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { SIGNATURE } from './copyRows.js';

/** A row: each field's bytes, or null. */
export type CopiedRow = Array<Buffer | null>;

/** The rows `query` selects, on `client` (inside its transaction, if one is open). */
export async function copyOut(client: pg.Client, query: string): Promise<CopiedRow[]> {
  return read(client, query, new CopyReader());
}

async function read(client: pg.Client, query: string, reader: CopyReader): Promise<CopiedRow[]> {
  for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`))) reader.push(chunk as Buffer);
  return reader.end();
}

/**
 * The rows `query` selects, with their last column's values one after another in `joined` (each row's
 * value a view of it). The query's first row gives, in the column before the last, those values' total
 * length (an int8; in the other rows, null), so that they are written where they stay. A total that is
 * not theirs (rows changed between the two reads of a statement outside a snapshot) costs a copy.
 */
export async function copyJoined(client: pg.Client, query: string): Promise<{ rows: CopiedRow[]; joined: Buffer }> {
  let joined: Buffer | null = null;
  let at = 0;
  let placed = 0;
  const reader = new CopyReader((rowIndex, field, fields, length, row) => {
    if (field === 0 || field !== fields - 1) return null;
    if (rowIndex === 0) {
      const total = row[field - 1];
      if (total?.length === 8) joined = Buffer.allocUnsafe(Number(total.readBigInt64BE(0)));
    }
    if (!joined || at + length > joined.length) return null;
    at += length;
    placed++;
    return joined.subarray(at - length, at);
  });
  const rows = await read(client, query, reader);
  const whole = joined !== null && at === (joined as Buffer).length && placed === rows.length;
  return { rows, joined: whole ? joined! : Buffer.concat(rows.map((r) => r.at(-1) ?? NO_BYTES)) };
}

/** Where a field of `length` bytes is to be written (a view of the caller's memory), or null for memory of its own. */
type Place = (rowIndex: number, field: number, fields: number, length: number, row: CopiedRow) => Buffer | null;

const HEADER = SIGNATURE.length + 8;
const NO_BYTES = Buffer.alloc(0);

/** A binary COPY's rows from its bytes in chunks of any size: the signature, flags and header extension, then each row until the trailer (-1). */
export class CopyReader {
  private readonly rows: CopiedRow[] = [];
  /** A fixed-size part (the header, a count, a length) begun in an earlier chunk. */
  private part: Buffer = NO_BYTES;
  private step: 'header' | 'extension' | 'count' | 'length' | 'field' | 'done' = 'header';
  /** Bytes of the extension or the field still to come. */
  private left = 0;
  private fields = 0;
  private row: CopiedRow = [];
  private target: Buffer = NO_BYTES;

  constructor(private readonly place: Place | null = null) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.step === 'done') throw fail('goes on past its trailer');
      if (this.step === 'extension' || this.step === 'field') {
        const n = Math.min(this.left, chunk.length - at);
        if (this.step === 'field') chunk.copy(this.target, this.target.length - this.left, at, at + n);
        at += n;
        this.left -= n;
        if (this.left === 0) this.settle();
        continue;
      }
      const size = this.step === 'header' ? HEADER : this.step === 'count' ? 2 : 4;
      const have = Math.min(size - this.part.length, chunk.length - at);
      const bytes = this.part.length === 0 && have === size ? chunk.subarray(at, at + size) : Buffer.concat([this.part, chunk.subarray(at, at + have)]);
      at += have;
      if (bytes.length < size) {
        this.part = bytes;
        continue;
      }
      this.part = NO_BYTES;
      this.read(bytes);
    }
  }

  /** The rows, once every chunk was pushed. */
  end(): CopiedRow[] {
    if (this.step === 'done') return this.rows;
    throw fail(this.step === 'header' ? 'lacks its signature' : this.step === 'field' ? 'ends inside a field' : 'ends inside a row');
  }

  /** A whole fixed-size part. */
  private read(bytes: Buffer): void {
    switch (this.step) {
      case 'header':
        if (!bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw fail('lacks its signature');
        this.left = bytes.readUInt32BE(SIGNATURE.length + 4);
        this.step = 'extension';
        if (this.left === 0) this.settle();
        return;
      case 'count':
        this.fields = bytes.readInt16BE(0);
        if (this.fields === -1) this.step = 'done';
        else if (this.fields < 0) throw fail(`has a row of ${this.fields} fields`);
        else {
          this.row = [];
          this.step = 'length';
          if (this.fields === 0) this.settle();
        }
        return;
      default: {
        const length = bytes.readInt32BE(0);
        if (length < -1) throw fail(`has a field of ${length} bytes`);
        if (length === -1) {
          this.row.push(null);
          this.settle();
          return;
        }
        const placed = this.place?.(this.rows.length, this.row.length, this.fields, length, this.row) ?? null;
        this.target = placed?.length === length ? placed : Buffer.allocUnsafe(length);
        this.left = length;
        this.step = 'field';
        if (length === 0) this.settle();
      }
    }
  }

  /** The extension skipped, or a field complete: the next count or field. */
  private settle(): void {
    if (this.step === 'extension') {
      this.step = 'count';
      return;
    }
    if (this.step === 'field') this.row.push(this.target);
    if (this.row.length < this.fields) {
      this.step = 'length';
      return;
    }
    this.rows.push(this.row);
    this.step = 'count';
  }
}

/** The rows of a binary COPY's bytes, whole. */
export function parseCopy(bytes: Buffer): CopiedRow[] {
  const reader = new CopyReader();
  reader.push(bytes);
  return reader.end();
}

function fail(detail: string): Error {
  return new Error(`pg-store: a COPY's binary output ${detail}`);
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
