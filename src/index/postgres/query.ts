// How a serving process asks its database: named statements (each connection
// plans one once; planning the substring query took 3.6 ms of its 5), and a
// database that cannot be reached named as STORE_UNAVAILABLE.

import { createHash } from 'node:crypto';
import pg from 'pg';
import { createError } from '../../errors.js';

const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `huayu_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`));
  return name;
}

/** A query; a database that cannot be reached (or drops the connection) is STORE_UNAVAILABLE, with the cause kept for the log. */
export async function servingQuery<R extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
  try {
    return await pool.query<R>({ name: statementName(sql), text: sql, values: params });
  } catch (err) {
    if (isConnectionError(err)) throw Object.assign(createError('STORE_UNAVAILABLE'), { cause: err });
    throw err;
  }
}

/** Errors of the connection rather than of the query: refused, reset, timed out, server shutting down (SQLSTATE class 08, 57P). */
function isConnectionError(err: unknown): boolean {
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof message === 'string' && /Connection terminated/u.test(message)) return true;
  return typeof code === 'string' && (/^(ECONN|ENOTFOUND|ETIMEDOUT|EPIPE|EHOSTUNREACH)/u.test(code) || code.startsWith('08') || code.startsWith('57P'));
}

/**
 * A bytea as the queries send it: base64, 4/3 of its size, where bytea's own text form (hex) is twice
 * it. node-postgres takes every column as a string first; for 3.6 MB of lists it spent 21 ms of CPU on
 * hex and 13 on base64. (Its binary result format would avoid the string, but decodes binary columns
 * as UTF-8 and so corrupts them: brianc/node-postgres#3495.)
 */
export function asBase64(bytea: string): string {
  return `encode(${bytea}, 'base64')`;
}

/** The bytes of a column sent by asBase64. */
export function bytesOf(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}
