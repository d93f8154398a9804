// How a serving process asks its database: named statements (each connection
// plans one once; planning the substring query took 3.6 ms of its 5), and a
// database that cannot be reached named as STORE_UNAVAILABLE.

import { createHash } from 'node:crypto';
import pg from 'pg';
import { createError } from '../../errors.js';
import { copyOut, type CopiedRow } from './copyOut.js';

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
    if (isConnectionError(err)) throw unavailable(err);
    throw err;
  }
}

/** A value written into a COPY statement: text, an integer, or an array of either. */
export type Literal = string | number | readonly string[] | readonly number[] | Int32Array;

/**
 * A statement's rows through COPY in binary (copyOut.ts), each `$n` replaced by its value as a literal,
 * since COPY takes no parameters. For the statements that send lists: as a query's base64 column, 200
 * word lists with their tfs (12 MB) took the process 177–188 ms of CPU and its backend 100–120 (encode);
 * through COPY, 69–71 and 50–70. Unlike servingQuery's, the statement is planned each time: keep to
 * those whose plan is an index lookup.
 */
export async function servingCopy(pool: pg.Pool, sql: string, params: readonly Literal[]): Promise<CopiedRow[]> {
  const text = sql.replace(/\$(\d+)/gu, (_, n: string) => literal(params[Number(n) - 1]));
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw unavailable(err);
  }
  try {
    const rows = await copyOut(client, text);
    client.release();
    return rows;
  } catch (err) {
    // Not given back: it may be inside the COPY still.
    client.release(true);
    throw isConnectionError(err) ? unavailable(err) : err;
  }
}

function literal(value: Literal | undefined): string {
  if (typeof value === 'string') return pg.escapeLiteral(value);
  const integer = (n: unknown) => {
    if (!Number.isSafeInteger(n)) throw new Error(`pg-store: a COPY statement's value ${String(n)} is not an integer`);
    return String(n);
  };
  if (typeof value === 'number') return integer(value);
  // Integers all, with no check to make: a phrase's cut lists send 8,000 of them.
  if (value instanceof Int32Array) return `'{${value.join(',')}}'`;
  if (!Array.isArray(value)) throw new Error('pg-store: a COPY statement lacks a value');
  // Integers as one array literal, which the database parses at once (an ARRAY[…] of 8,000 is 8,000 expressions).
  if (value.every((v) => typeof v === 'number')) return `'{${value.map(integer).join(',')}}'`;
  return `ARRAY[${value.map((v) => pg.escapeLiteral(String(v))).join(',')}]`;
}

function unavailable(err: unknown): Error {
  return Object.assign(createError('STORE_UNAVAILABLE'), { cause: err });
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
