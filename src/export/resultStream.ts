// A result set written to a stream (an HTTP response, stdout) page by page:
// rows go into the format's transform, which is piped to the output; when the
// output is full, pipe() stops reading the transform, the transform stops
// taking rows, and the next page is not built until the output drains. So an
// export of a million rows holds a page of rows and some 64 KB of text.

import type { Writable } from 'node:stream';
import type { Engine } from '../index/engine.js';
import type { SearchRequest } from '../search/search.js';
import { encoder, type ResultFormat } from './resultFormats.js';
import { openResultSet, type ResultRow, type ResultSetOptions } from './resultSet.js';

/** Rows built at a time. */
const PAGE_ROWS = 200;

export interface ExportOptions extends ResultSetOptions {
  format: ResultFormat;
  /** End the output when the rows are written (not for process.stdout). */
  end?: boolean | undefined;
  pageRows?: number | undefined;
}

/** What an export holds, known before its first row: for headers, or a note that the limit cut it. */
export interface ExportInfo {
  format: ResultFormat;
  total: number;
  rows: number;
  truncated: boolean;
}

export interface Written {
  rows: number;
  /** False when the output closed first (a client went away, `| head` stopped reading). */
  complete: boolean;
}

/**
 * Counts the request's matches, calls `begin` (nothing is written yet: headers can still be set),
 * then writes the rows. Errors before `begin` are the search's (a bad query); after it, the output
 * may hold part of the file.
 */
export async function exportResults(engine: Engine, req: SearchRequest, opts: ExportOptions, out: Writable, begin: (info: ExportInfo) => void): Promise<Written & ExportInfo> {
  const set = await openResultSet(engine, req, opts);
  const info = { format: opts.format, total: set.total, rows: set.rows, truncated: set.truncated };
  begin(info);
  const written = await writeRows(set.pages(opts.pageRows ?? PAGE_ROWS), opts.format, out, { end: opts.end ?? true });
  return { ...info, ...written };
}

export async function writeRows(pages: Iterable<ResultRow[]> | AsyncIterable<ResultRow[]>, format: ResultFormat, out: Writable, { end = true } = {}): Promise<Written> {
  if (out.destroyed) return { rows: 0, complete: false };
  const enc = encoder(format);
  // Whatever stops the export (the output closing or failing, the encoder failing) ends the wait in progress;
  // once the last byte is out, the output's own close is no longer a stop.
  const state: { stop: { error?: unknown } | null; settled: boolean } = { stop: null, settled: false };
  let wake = (): void => undefined;
  const onClose = () => void (state.settled || ((state.stop ??= {}), wake()));
  const onError = (error: unknown) => void (state.settled || ((state.stop ??= { error }), wake()));
  const waitFor = (emitter: NodeJS.EventEmitter, event: string) =>
    new Promise<void>((resolve) => {
      if (state.stop) return resolve();
      wake = () => (emitter.off(event, wake), resolve());
      emitter.on(event, wake);
    });
  out.on('close', onClose);
  out.on('error', onError);
  enc.on('error', onError);
  enc.pipe(out, { end });
  let rows = 0;
  try {
    outer: for await (const page of pages) {
      for (const row of page) {
        if (state.stop) break outer;
        rows++;
        if (!enc.write(row)) await waitFor(enc, 'drain');
      }
    }
    if (!state.stop) {
      // The response has sent everything; stdout, left open, has taken everything.
      const [last, event] = end ? [out, 'finish'] : [enc, 'end'];
      last.once(event, () => (state.settled = true));
      enc.end();
      await waitFor(last, event);
    }
  } catch (error) {
    state.stop ??= { error };
  } finally {
    out.off('close', onClose);
    out.off('error', onError);
  }
  if (!state.stop) return { rows, complete: true };
  enc.unpipe(out);
  enc.destroy();
  if ('error' in state.stop) throw state.stop.error;
  return { rows, complete: false };
}
