// One table of error codes → messages. Every message names the module that
// raised it and, where there is one, the fix. Tests assert on `err.code`.

const MESSAGES = {
  // ingest
  CORPUS_NOT_FOUND: (dir: string) =>
    `ingest: corpus folder "${dir}" does not exist; create it or set HUAYU_CORPUS`,
  CORPUS_EMPTY: (dir: string) =>
    `ingest: corpus folder "${dir}" holds no .txt transcripts; add some or set HUAYU_CORPUS`,
  FILE_TOO_LARGE: (file: string, bytes: number, max: number) =>
    `ingest: "${file}" is ${(bytes / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(0)} MB limit for one transcript; split it, or raise HUAYU_MAX_FILE_MB`,
  FILE_BINARY: (file: string, at: number) =>
    `ingest: "${file}" is not text (binary data at byte ${at}); transcripts must be UTF-8, GB18030 or UTF-16 text`,
  ENCODING_UNSUPPORTED: (file: string) =>
    `ingest: "${file}" decodes cleanly neither as UTF-8 nor as GB18030 Chinese; convert it to UTF-8`,
  FILE_EMPTY: (file: string) => `ingest: "${file}" holds no text`,
  ALIASES_LINE_INVALID: (file: string, line: number, detail: string) =>
    `ingest: "${file}" line ${line}: ${detail}; write one group a line, the canonical name first, then its other spellings, separated by tabs (or spaces)`,
  ALIASES_UNREADABLE: (file: string, detail: string) =>
    `ingest: "${file}" cannot be read (${detail}); no alias groups were taken from it; save it as UTF-8 text`,
  // parse
  FILE_NOT_FOUND: (file: string) => `parse: file "${file}" does not exist`,
  // analysis
  IDF_TABLE_DAMAGED: (file: string, detail: string) =>
    `analysis: the IDF table "${file}" cannot be read (${detail}); read from jieba's idf.utf8 instead (0.25 s); "npm run build" writes it again`,
  // index-store
  INDEX_NOT_FOUND: (dir: string) =>
    `index-store: no index in "${dir}"; run "huayu index" (or "npm start", which builds it)`,
  INDEX_FORMAT_MISMATCH: (found: unknown, expected: number) =>
    `index-store: index written in format ${String(found)}, this huayu reads format ${expected}; run "huayu index"`,
  INDEX_ANALYZER_MISMATCH: (found: unknown, expected: number) =>
    `index-store: index built with analyzer v${String(found)}, running v${expected}; run "huayu index"`,
  INDEX_STALE: (dir: string) =>
    `index-store: index in "${dir}" was built from another version of the corpus; run "huayu index"`,
  INDEX_CORRUPT: (dir: string, detail: string) =>
    `index-store: index in "${dir}" cannot be read (${detail}); run "huayu index"`,
  INDEX_BUSY: (dir: string, pid: number | null) =>
    `index-store: another huayu (${pid === null ? 'a process taking over a stale lock' : `process ${pid}`}) is writing the index in "${dir}"; wait for it to finish`,
  STORE_UNREACHABLE: (url: string, detail: string) =>
    `pg-store: cannot reach PostgreSQL at ${url} (${detail}); check HUAYU_STORE and that the server runs`,
  STORE_EMPTY: (url: string) => `pg-store: no documents in ${url}; run "huayu index --store ${url}" first`,
  STORE_LOCKED: () => `pg-store: another "huayu index" is writing to this database; wait for it to finish`,
  STORE_UNAVAILABLE: () => `pg-store: the index database is not answering; try again shortly`,
  STORE_STALE: (url: string, count: number) =>
    `pg-store: ${count} document(s) in ${url} were written by an older huayu and lack what queries need; run "huayu index --store ${url}"`,
  STORE_EXTENSION: (url: string, extension: string, detail: string) =>
    `pg-store: ${url} lacks PostgreSQL's ${extension} extension (${detail}); install the server's contrib modules (Debian: postgresql-contrib) and run "CREATE EXTENSION ${extension}" as the database owner`,
  STORE_SCHEMA_MISMATCH: (found: unknown, expected: number) =>
    `pg-store: database schema version ${String(found)}, this huayu uses ${expected}; run "huayu index --store …" with a matching version`,
  STORE_CHANGED: () =>
    `pg-store: a document this server loaded was written again or removed while it answered; this server loads the new index within seconds: try again`,
  BODY_NOT_FETCHED: (gid: number) =>
    `index: passage ${gid}'s body was read by a query that did not fetch it (engine.bodies.fetch); a bug in huayu, please report it`,
  TEXT_NOT_FETCHED: (doc: number) =>
    `index: document ${doc}'s text was read by a response that did not fetch it (engine.texts.fetch, fetchSpans); a bug in huayu, please report it`,
  // search / http edge
  QUERY_EMPTY: () => `search: the query "q" is empty; type at least one character, or give a filter (speaker, topic, kind, doc, from, to) to list its passages`,
  QUERY_TOO_LONG: (max: number) => `search: the query "q" is longer than ${max} characters`,
  PARAM_REPEATED: (name: string) => `http: parameter "${name}" is given more than once; give it once`,
  PARAM_INVALID: (name: string, detail: string) => `http: parameter "${name}" is invalid: ${detail}`,
  QUOTE_LENGTH: (min: number, max: number, got: number) =>
    `quote: the text must be ${min} to ${max} characters, not counting punctuation and spaces at the ends (got ${got})`,
  QUOTE_NOTHING_TO_CITE: (found: number, asked: number | null) =>
    found === 0
      ? `quote: nothing to cite: no source holds these words or any close to them; check the quote without "format" first`
      : `quote: nothing to cite: the check found ${found} match${found === 1 ? '' : 'es'}, there is no match ${asked}; give "match" from 1 to ${found}`,
  SPEAKER_NOT_FOUND: (name: string) => `speakers: no speaker named "${name}"; list them at /api/speakers`,
  DOCUMENT_NOT_FOUND: (id: string) => `documents: no document with id "${id}"; list them at /api/documents`,
  TOPIC_NOT_FOUND: (name: string) => `topics: no topic named "${name}"; list them at /api/topics`,
  ROUTE_NOT_FOUND: (method: string, path: string) => `http: no route for ${method} ${path}`,
  BAD_REQUEST: (detail: string) => `http: malformed request (${detail})`,
  RATE_LIMITED: (perMinute: number) => `http: more than ${perMinute} requests a minute from this client; wait a minute`,
  INTERNAL: () => `http: internal error; it has been logged`,
} as const;

export type ErrorCode = keyof typeof MESSAGES;
type ArgsOf<C extends ErrorCode> = Parameters<(typeof MESSAGES)[C]>;

/** HTTP status for the codes that can reach a client. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  QUERY_EMPTY: 400,
  QUERY_TOO_LONG: 400,
  PARAM_REPEATED: 400,
  PARAM_INVALID: 400,
  QUOTE_LENGTH: 400,
  QUOTE_NOTHING_TO_CITE: 404,
  SPEAKER_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  TOPIC_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  BAD_REQUEST: 400,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  STORE_CHANGED: 503,
  INTERNAL: 500,
};

export class HuayuError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Listed in STATUS: its code and message may be sent; any other error is logged and answered INTERNAL. */
  readonly forClients: boolean;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'HuayuError';
    this.code = code;
    this.status = STATUS[code] ?? 500;
    this.forClients = code in STATUS;
  }
}

export function createError<C extends ErrorCode>(code: C, ...args: ArgsOf<C>): HuayuError {
  const format = MESSAGES[code] as (...a: ArgsOf<C>) => string;
  return new HuayuError(code, format(...args));
}

export function isHuayuError(err: unknown): err is HuayuError {
  return err instanceof HuayuError;
}
