// What every reader of the PostgreSQL store loads first: each document's head
// (in the order of its path, which numbers the passages), the table of the
// passages' values, then each document's fields and passage columns. A
// serving process holds these (store.ts); "huayu index" reads them once more
// to derive the engine's tables for the servers (derived.ts).

import type pg from 'pg';
import { ColumnTable } from '../columnPassage.js';
import type { EngineDocument } from '../engine.js';
import { parseColumns, type ParsedColumns, type PassageValues } from '../passageColumns.js';
import { asBase64, bytesOf } from './query.js';
import { readPassageValues } from './values.js';

/** Same order as scanCorpus: by path, segment by segment, as a folder tree is listed. */
export function comparePaths(a: string, b: string): number {
  // Code unit by code unit, a segment that ends first ('/') coming first: what comparing the split
  // segments gives, without splitting each path ~26 times while 8,675 are sorted (44 ms of a start).
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x === 47 ? -1 : y === 47 ? 1 : x - y;
  }
  return a.length - b.length;
}

/**
 * Each document's head (no texts or details: a response fetches those it shows, texts.ts), in path
 * order, and the values the passages number into. Inside the reader's transaction.
 */
export async function readHeads(client: pg.Client): Promise<{ heads: Head[]; values: PassageValues }> {
  const reading = client.query<Head>('SELECT id, doc_key, path, sha256, bytes, mtime_ms, passage_count, compact_units, first_key, astral FROM huayu_documents');
  // Every document's columns number into this one table, shared by their passages.
  const valuesRead = readPassageValues(client);
  // Awaited below; a failure of the statement before it must not leave this one's unhandled.
  valuesRead.catch(() => undefined);
  const heads = (await reading).rows.sort((a, b) => comparePaths(a.path, b.path));
  return { heads, values: await valuesRead };
}

export type Head = { id: string; doc_key: number; path: string; sha256: string; bytes: string; mtime_ms: number; passage_count: number; compact_units: number; first_key: number; astral: number[] };

/**
 * The documents of `heads` (in path order) and the table of their passages, numbered in that order (no
 * passage object is held: the table builds one when asked, columnPassage.ts): read a range of
 * `batch` documents at a time, the next range asked for while one is decoded. Read in one statement, the
 * rows of 100 MB were ~40 MB of strings alive at once, which the collector copied and the heap kept room
 * for after the load (~35 MB more resident). `whileReading` runs while the first range is read.
 */
export async function readCatalog(client: pg.Client, heads: readonly Head[], values: PassageValues, batch: number, whileReading: (() => void) | undefined) {
  const topKey = heads.reduce((m, d) => Math.max(m, d.first_key + d.passage_count), 0);
  const expected = heads.reduce((n, d) => n + d.passage_count, 0);
  const docs: EngineDocument[] = new Array(heads.length);
  const columns: ParsedColumns[] = new Array(heads.length);
  const firstOf = new Uint32Array(heads.length + 1);
  /** By passage key: this process's passage number (gid), -1 for keys of documents it did not load. */
  const gidOfKey = new Int32Array(topKey).fill(-1);
  const keyOfGid = new Int32Array(expected);
  /** By doc_key: the document's number here (its place by path), and its first passage's. */
  const placeOf = new Map<number, { di: number; first: number }>();
  let gids = 0;
  heads.forEach((d, di) => {
    placeOf.set(d.doc_key, { di, first: gids });
    firstOf[di] = gids;
    gids += d.passage_count;
  });
  firstOf[heads.length] = gids;
  const byKey = heads.map((d) => d.doc_key).sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  const size = Math.max(1, batch);
  for (let i = 0; i < byKey.length; i += size) ranges.push([byKey[i]!, byKey[Math.min(i + size, byKey.length) - 1]!]);
  const ask = ([low, high]: [number, number]) => {
    // The columns come as base64: as bytea's own text form (hex) their 18 MB at 100 MB were a 36 MB string.
    const asked = client.query<{ doc_key: number; meta: string; columns: string }>(
      `SELECT doc_key, meta, ${asBase64('columns')} AS columns FROM huayu_documents WHERE doc_key BETWEEN $1 AND $2`,
      [low, high],
    );
    // Awaited in turn; a range found corrupt before it must not leave the next one's failure unhandled.
    asked.catch(() => undefined);
    return asked;
  };
  let next = ask(ranges[0]!);
  let read = 0;
  whileReading?.();
  for (let r = 0; r < ranges.length; r++) {
    const { rows } = await next;
    if (r + 1 < ranges.length) next = ask(ranges[r + 1]!);
    for (const row of rows) {
      const { di, first } = placeOf.get(row.doc_key)!;
      const d = heads[di]!;
      const corrupt = (detail: string) => new Error(`pg-store: document ${d.id}: ${detail}`);
      const own = parseColumns(bytesOf(row.columns), values, corrupt);
      if (own.n !== d.passage_count) throw corrupt(`${own.n} passages, its row says ${d.passage_count}`);
      for (let i = 0; i < own.n; i++) {
        gidOfKey[d.first_key + i] = first + i;
        keyOfGid[first + i] = d.first_key + i;
      }
      columns[di] = own;
      docs[di] = JSON.parse(row.meta) as EngineDocument;
      read++;
    }
  }
  if (read !== heads.length) throw new Error(`pg-store: ${read} documents' passages for ${heads.length} documents`);
  return { docs, passages: new ColumnTable(columns, firstOf), gidOfKey, keyOfGid };
}
