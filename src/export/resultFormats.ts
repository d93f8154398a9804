// The file formats of a result set: CSV for spreadsheets, JSON Lines for
// notebooks. Each is a transform from rows (objects) to text, so a writer can
// push rows into it and let the output's backpressure reach back to the rows.

import { Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ResultRow } from './resultSet.js';

export type ResultFormat = 'csv' | 'jsonl';
export const RESULT_FORMATS: readonly ResultFormat[] = ['csv', 'jsonl'];

/**
 * JSON Lines goes as application/x-ndjson: neither it nor application/jsonl is registered, and
 * x-ndjson is the one tools send and accept (Elasticsearch, Logstash, the ndjson libraries).
 */
export const CONTENT_TYPES: Record<ResultFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** Between the topics of a row in CSV (none of the real transcripts' 4,500 topics holds one); JSONL keeps a list. */
export const TOPIC_SEPARATOR = '; ';

/** The CSV's columns, in order: header, and where in a row the value is. */
const CSV_COLUMNS: ReadonlyArray<[header: string, key: string]> = [
  ['rank', 'rank'],
  ['id', 'id'],
  ['document_id', 'document.id'],
  ['document_title', 'document.title'],
  ['date', 'date'],
  ['speaker_name', 'speaker.name'],
  ['speaker_title', 'speaker.title'],
  ['speaker_org', 'speaker.org'],
  ['speaker_role', 'speaker.role'],
  ['kind', 'kind'],
  ['mode', 'mode'],
  ['attribution', 'attribution'],
  ['match', 'match'],
  ['text', 'text'],
  ['start', 'start'],
  ['end', 'end'],
  ['body_start', 'bodyStart'],
  ['question_id', 'exchange.question'],
  ['answered_by', 'exchange.answeredBy'],
  ['outlet', 'exchange.outlet'],
  ['topics', 'topics'],
  ['permalink', 'permalink'],
];
export const CSV_HEADERS = CSV_COLUMNS.map(([header]) => header);

/** Rows a format's transform takes before write() asks the writer to wait: about a page. */
const ROWS_BUFFERED = 64;
/** Bytes of text it holds before it stops taking rows, when its reader is slow. */
const BYTES_BUFFERED = 64 * 1024;

/** A transform from rows to the format's text; the CSV begins with a BOM and a header row, even with no rows. */
export function encoder(format: ResultFormat): Transform {
  const buffers = { writableHighWaterMark: ROWS_BUFFERED, readableHighWaterMark: BYTES_BUFFERED };
  if (format === 'jsonl') {
    return new Transform({
      ...buffers,
      writableObjectMode: true,
      transform: (row: ResultRow, _encoding, done) => done(null, JSON.stringify(row) + '\n'),
    });
  }
  return stringify({
    ...buffers,
    // Excel and Numbers read a CSV without a BOM in the system's code page: Chinese comes out garbled.
    bom: true,
    header: true,
    columns: CSV_COLUMNS.map(([header, key]) => ({ key, header })),
    // A missing speaker or exchange leaves its columns empty (nested keys of null); the one list is topics.
    cast: { object: (value) => (Array.isArray(value) ? value.join(TOPIC_SEPARATOR) : JSON.stringify(value)) },
  });
}
