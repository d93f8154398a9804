// huayu_catalog (schema.ts): what every server reads first (each document's
// head, its fields, the passages' values) as one JSON text written by
// "huayu index" once its documents are. Read row by row, the three took a
// server ~370 ms of CPU at 100 MB (8,675 rows of ten columns, 8,675 JSON
// texts, 11,000 values), the most of any part of its start; as one JSON text,
// ~100 ms. It names the documents it was written for by their digest
// (keysDigest, catalog.ts), which SQL computes in ~7 ms. A server whose
// documents have another digest reads their rows as before.

import type pg from 'pg';
import type { EngineDocument } from '../engine.js';
import { JsonDocument } from '../jsonDocument.js';
import type { PassageValues } from '../passageColumns.js';
import { copyJoined, int4Of } from './copyOut.js';
import { KEYS_DIGEST, keysDigest, readDocuments, readHeads, type Head, type StoredFields } from './catalog.js';

export interface CatalogHead {
  heads: Head[];
  values: PassageValues;
  docs: EngineDocument[];
}

/**
 * How the text begins since it is a line of JSON (the heads, the values, every document's date and the
 * length in bytes of its line) and then each document's fields on a line of their own, as they are stored
 * (JSON, which has no line break): a server decodes and parses the first line, and a document's line
 * when a response first reads one of its fields (jsonDocument.ts). A text without it is one JSON value with the fields as objects, from an
 * earlier version: it is read as it is, and "huayu index" writes it anew. A server of that version finds
 * this one not JSON, and says so.
 */
const FORMAT = '{"format":2,';

/** Characters of JSON a row holds: received as one 6 MB row, a text cost node-postgres more than in parts. */
const PART_CHARS = 1 << 20;

/** A head as the text stores it: its values without their names, a tenth of the text fewer. */
type HeadRow = [string, number, string, string, string, number, number, number, number, number[]];

function rowOf(h: Head): HeadRow {
  return [h.id, h.doc_key, h.path, h.sha256, h.bytes, h.mtime_ms, h.passage_count, h.compact_units, h.first_key, h.astral];
}

/** Written out, so that every head has one shape: Object.fromEntries over the names took a start ~40 ms at 100 MB (8,675 heads), this ~3. */
function headOf(r: HeadRow): Head {
  return { id: r[0], doc_key: r[1], path: r[2], sha256: r[3], bytes: r[4], mtime_ms: r[5], passage_count: r[6], compact_units: r[7], first_key: r[8], astral: r[9] };
}

/**
 * The documents' heads (in path order), their fields and the values, from the stored text when it was
 * written for these documents, otherwise from their rows. Inside the reader's transaction, so the
 * digest is of the documents it reads. `whileReading` runs while the database answers.
 */
export async function readCatalogHead(client: pg.Client, whileReading: () => void): Promise<CatalogHead> {
  // Its parts' UTF-8 as received, written one after another and decoded once (copyOut.ts).
  const asked = copyJoined(
    client,
    `SELECT n, CASE WHEN n = 0 THEN (SELECT sum(octet_length(c.part)) FROM huayu_catalog c WHERE c.digest = huayu_catalog.digest) END, part FROM huayu_catalog WHERE digest = ${KEYS_DIGEST} ORDER BY n`,
  );
  asked.catch(() => undefined);
  whileReading();
  const { rows, joined } = await asked;
  if (rows.length) return parseSnapshot(rows.map(([n]) => int4Of(n)), joined);
  const { heads, values } = await readHeads(client);
  return { heads, values, docs: await readDocuments(client, heads) };
}

function parseSnapshot(numbers: readonly number[], text: Buffer): CatalogHead {
  if (numbers.some((n, i) => n !== i)) throw corrupt(`its ${numbers.length} rows are not numbered from 0`);
  const lined = text.subarray(0, FORMAT.length).toString('latin1') === FORMAT;
  const firstEnd = lined ? text.indexOf(LF) : text.length;
  let stored: { heads: HeadRow[]; values: PassageValues; docs?: EngineDocument[]; dates?: unknown[]; bytes?: unknown[] };
  try {
    stored = JSON.parse(text.toString('utf8', 0, firstEnd < 0 ? text.length : firstEnd)) as typeof stored;
  } catch (err) {
    throw corrupt(`its text is not JSON (${(err as Error).message})`);
  }
  const { heads: rows, values, dates, bytes } = stored;
  const docs = lined ? dates : stored.docs;
  if (!Array.isArray(rows) || !Array.isArray(docs) || rows.length !== docs.length || !values) {
    throw corrupt('it does not hold a head and fields for each document');
  }
  const heads = rows.map(headOf);
  if (!lined) return { heads, values, docs: docs as EngineDocument[] };
  // Each document's line where the first line says, each ended by a line feed: a text cut short or changed is named here, not when a response reads it.
  let at = firstEnd + 1;
  const lines = heads.map((_, i) => {
    const n = Array.isArray(bytes) ? bytes[i] : undefined;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || text[at + n] !== LF) throw corrupt('its text is cut or changed: a document\'s line is not as long as its first line says');
    const line = text.subarray(at, at + n);
    at += n + 1;
    return line;
  });
  if (at !== text.length || dates!.some((d) => d !== null && typeof d !== 'string')) throw corrupt('its text is cut or changed: its lines are not one for each document, each with a date');
  return { heads, values, docs: heads.map((h, i) => new JsonDocument(lines[i]!, h.id, dates![i] as string | null)) };
}

const LF = 0x0a;

function corrupt(detail: string): Error {
  return new Error(`pg-store: huayu_catalog: ${detail}; after DELETE FROM huayu_catalog, "huayu index" writes it again`);
}

/**
 * For "huayu index", after its documents are committed: the text for the documents as they now stand,
 * in parts, or null when the stored one is for them already and of this format. The fields go in as
 * the texts they are stored as, a line each; their dates are read out into the first line.
 */
export async function snapshotForCatalog(
  client: pg.Client,
  heads: readonly Head[],
  values: PassageValues,
  storedFields: () => Promise<StoredFields>,
): Promise<{ digest: string; parts: string[] } | null> {
  const digest = keysDigest(heads);
  const { rows: stored } = await client.query('SELECT 1 FROM huayu_catalog WHERE n = 0 AND digest = $1 AND starts_with(part, $2)', [digest, FORMAT]);
  if (stored.length) return null;
  // Under the writer's lock: nothing else writes between the statements.
  const { texts: fields, docs } = await storedFields();
  const dates = docs.map((d) => d.date ?? null);
  if (fields.some((f) => f.includes('\n'))) throw new Error('pg-store: a document\'s stored fields hold a line break; "huayu index" writes them as JSON, which has none');
  const bytes = fields.map((f) => Buffer.byteLength(f));
  const text = `${FORMAT}"heads":${JSON.stringify(heads.map(rowOf))},"values":${JSON.stringify(values)},"dates":${JSON.stringify(dates)},"bytes":${JSON.stringify(bytes)}}\n${fields.map((f) => `${f}\n`).join('')}`;
  return { digest, parts: partsOf(text) };
}

/** The text in parts of about PART_CHARS, none ending between the two halves of a character outside the BMP (a lone half is not UTF-8). */
export function partsOf(text: string, size = PART_CHARS): string[] {
  const parts: string[] = [];
  let at = 0;
  do {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    parts.push(text.slice(at, end));
    at = end;
  } while (at < text.length);
  return parts;
}

/** Inside the caller's transaction. */
export async function replaceSnapshot(client: pg.Client, snapshot: { digest: string; parts: string[] }): Promise<void> {
  await client.query('DELETE FROM huayu_catalog');
  await client.query('INSERT INTO huayu_catalog SELECT n - 1, $1, part FROM unnest($2::text[]) WITH ORDINALITY AS p(part, n)', [snapshot.digest, snapshot.parts]);
}
