// The documents' texts and details for a server on PostgreSQL: none held at
// load, those a response shows fetched by document key in one query, and kept
// within a budget (least recently used go first), so a server's memory does
// not grow with the archive.

import type pg from 'pg';
import type { DocumentDetails } from '../engine.js';
import { FetchedTexts, type FetchedDocument, type Texts, type TextSource } from '../texts.js';
import { servingQuery } from './query.js';
import { RowCache } from './rowCache.js';

export class PgTexts implements TextSource {
  private readonly rows: RowCache<FetchedDocument & { size: number }>;

  constructor(
    /** The retrieval's pool, which the retrieval ends. */
    pool: pg.Pool,
    /** By document number: its row's doc_key. */
    docKeys: Int32Array,
    cacheBytes: number,
  ) {
    this.rows = new RowCache(cacheBytes, (e) => e.size, async (keys) => {
      const { rows } = await servingQuery<{ doc_key: number; text: string; details: string }>(
        pool,
        'SELECT doc_key, text, details FROM huayu_documents WHERE doc_key = ANY($1::integer[])',
        [keys],
      );
      return new Map(
        rows.map((r) => {
          let parsed: DocumentDetails | null = null;
          return [r.doc_key, { text: r.text, details: () => (parsed ??= JSON.parse(r.details) as DocumentDetails), size: 2 * (r.text.length + r.details.length) + 128 }];
        }),
      );
    }, docKeys);
  }

  async fetch(docs: Iterable<number>): Promise<Texts> {
    return new FetchedTexts(await this.rows.fetch(docs));
  }

  /** Bytes of texts this process keeps now. */
  get cachedBytes(): number {
    return this.rows.cachedBytes;
  }
}
