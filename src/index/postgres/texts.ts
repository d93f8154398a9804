// The documents' texts and details for a server on PostgreSQL: none held at
// load, the texts a response shows fetched by document key in one query, and kept
// within a budget (least recently used go first), so a server's memory does
// not grow with the archive.

import type pg from 'pg';
import { createError } from '../../errors.js';
import type { DocumentDetails } from '../engine.js';
import { FetchedTexts, type FetchedDocument, type Texts, type TextSource } from '../texts.js';
import { servingQuery } from './query.js';
import { RowCache } from './rowCache.js';

export class PgTexts implements TextSource {
  private readonly rows: RowCache<FetchedDocument & { size: number }>;

  constructor(
    /** The retrieval's pool, which the retrieval ends. */
    private readonly pool: pg.Pool,
    /** By document number: its row's doc_key. */
    private readonly docKeys: Int32Array,
    cacheBytes: number,
  ) {
    this.rows = new RowCache(cacheBytes, (e) => e.size, async (keys) => {
      const { rows } = await servingQuery<{ doc_key: number; text: string }>(pool, 'SELECT doc_key, text FROM huayu_documents WHERE doc_key = ANY($1::integer[])', [keys]);
      return new Map(rows.map((r) => [r.doc_key, { text: r.text, size: 2 * r.text.length + 128 }]));
    }, docKeys);
  }

  async fetch(docs: Iterable<number>): Promise<Texts> {
    return new FetchedTexts(await this.rows.fetch(docs));
  }

  /** Not kept: a document's own view asks for them, where every page of hits asks for texts. */
  async details(doc: number): Promise<DocumentDetails> {
    const { rows } = await servingQuery<{ details: string }>(this.pool, 'SELECT details FROM huayu_documents WHERE doc_key = $1', [this.docKeys[doc]]);
    // The server reloads soon (stores.ts).
    if (!rows[0]) throw createError('STORE_CHANGED');
    return JSON.parse(rows[0].details) as DocumentDetails;
  }

  /** Bytes of texts this process keeps now. */
  get cachedBytes(): number {
    return this.rows.cachedBytes;
  }
}
