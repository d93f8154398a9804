// Rows into a table through COPY … FROM STDIN in PostgreSQL's binary format:
// no text to escape in the process and none to parse in the server. Writing a
// 10 MB corpus's rows as query parameters took 4.2 s, mostly escaping texts and
// integer lists into array literals and parsing them back.
// pg-copy-streams carries the protocol; the rows are encoded here because
// pg-copy-streams-binary allocates an object per value, and a 100 MB corpus's
// lists hold some 45 million.

import os from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A column's value: a smallint, integer or bigint (by the column's declared kind), text, bytes, integers (an integer[] or words), or null. */
export type CopyValue = number | string | Buffer | Int32Array | readonly number[] | null;
/** `words`: integers into a bytea column, as big-endian 32-bit words (listEncoding.ts reads them). */
export type CopyKind = 'int2' | 'int4' | 'int8' | 'float8' | 'text' | 'bytea' | 'int4[]' | 'words';

export const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const INT4_OID = 23;
const CHUNK = 1 << 20;
const LITTLE_ENDIAN = os.endianness() === 'LE';

/** Appends values to buffers of about CHUNK bytes. */
class Encoder {
  readonly chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK);
  private scratch = new Int32Array(1024);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.chunks.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, n));
    this.at = 0;
  }
  int16(v: number): void {
    this.room(2);
    this.at = this.buf.writeInt16BE(v, this.at);
  }
  int32(v: number): void {
    this.room(4);
    this.at = this.buf.writeInt32BE(v, this.at);
  }
  bytes(b: Buffer): void {
    this.room(b.length);
    this.at += b.copy(this.buf, this.at);
  }
  value(kind: CopyKind, v: CopyValue): void {
    if (v === null) {
      this.int32(-1);
      return;
    }
    switch (kind) {
      case 'int2':
        this.int32(2);
        this.int16(v as number);
        return;
      case 'int4':
        this.int32(4);
        this.int32(v as number);
        return;
      case 'int8':
        this.int32(8);
        this.room(8);
        this.at = this.buf.writeBigInt64BE(BigInt(v as number), this.at);
        return;
      case 'float8':
        this.int32(8);
        this.room(8);
        this.at = this.buf.writeDoubleBE(v as number, this.at);
        return;
      case 'text': {
        const b = Buffer.from(v as string, 'utf8');
        this.int32(b.length);
        this.bytes(b);
        return;
      }
      case 'bytea':
        this.int32((v as Buffer).length);
        this.bytes(v as Buffer);
        return;
      case 'int4[]': {
        const xs = v as ArrayLike<number>;
        // One dimension, no nulls, integer elements; then each element's length word and value. Laid
        // out in machine order and byte-swapped at once: per-element writeInt32BE took 0.2 s per 10 MB.
        const n = 5 + 2 * xs.length;
        if (this.scratch.length < n) this.scratch = new Int32Array(n * 2);
        const words = this.scratch;
        words[0] = 1;
        words[1] = 0;
        words[2] = INT4_OID;
        words[3] = xs.length;
        words[4] = 1;
        for (let i = 0; i < xs.length; i++) {
          words[5 + 2 * i] = 4;
          words[6 + 2 * i] = xs[i]!;
        }
        this.swapped(n);
        return;
      }
      case 'words': {
        const xs = v as ArrayLike<number>;
        if (this.scratch.length < xs.length) this.scratch = new Int32Array(xs.length * 2);
        this.scratch.set(xs);
        this.swapped(xs.length);
        return;
      }
    }
  }
  /** The first n words of the scratch array as a value: its length, then the words big-endian. */
  private swapped(n: number): void {
    const bytes = Buffer.from(this.scratch.buffer, 0, n * 4);
    if (LITTLE_ENDIAN) bytes.swap32();
    this.int32(bytes.length);
    this.bytes(bytes);
  }
  /** The buffers filled so far, handed over. */
  take(): Buffer[] {
    return this.chunks.splice(0);
  }
  end(): Buffer[] {
    this.chunks.push(this.buf.subarray(0, this.at));
    return this.take();
  }
}

export type Columns = ReadonlyArray<readonly [name: string, kind: CopyKind]>;

/** The COPY stream's bytes, encoded as the server takes them (a megabyte at a time, not the whole batch at once). */
export function* encoded(columns: Columns, rows: Iterable<readonly CopyValue[]>): Generator<Buffer> {
  const e = new Encoder();
  e.bytes(SIGNATURE);
  e.int32(0);
  e.int32(0);
  for (const row of rows) {
    e.int16(columns.length);
    columns.forEach(([, kind], i) => e.value(kind, row[i] ?? null));
    yield* e.take();
  }
  e.int16(-1);
  yield* e.end();
}

/** COPYs `rows` into `table (columns)`, inside whatever transaction the client is in. */
export async function copyRows(client: pg.Client, table: string, columns: Columns, rows: Iterable<readonly CopyValue[]>): Promise<void> {
  const sql = `COPY ${table} (${columns.map(([name]) => name).join(', ')}) FROM STDIN (FORMAT binary)`;
  await pipeline(Readable.from(encoded(columns, rows), { objectMode: false }), client.query(copyFrom(sql)));
}
