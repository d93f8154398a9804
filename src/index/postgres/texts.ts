// The documents' texts and details for a server on PostgreSQL: none held at
// load, those a response shows fetched by document key in one query, and kept
// within a budget (least recently used go first), so a server's memory does
// not grow with the archive.

import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import { createError } from '../../errors.js';
import type { DocumentDetails } from '../engine.js';
import { FetchedTexts, type FetchedDocument, type Texts, type TextSource } from '../texts.js';
import { servingQuery } from './query.js';

export class PgTexts implements TextSource {
  private readonly cache: LRUCache<number, FetchedDocument & { size: number }> | null;

  constructor(
    /** The retrieval's pool: it is ended with the retrieval. */
    private readonly pool: pg.Pool,
    /** By document number: its row's doc_key. */
    private readonly docKeys: Int32Array,
    cacheBytes: number,
  ) {
    this.cache = cacheBytes > 0 ? new LRUCache({ maxSize: cacheBytes, sizeCalculation: (e) => e.size }) : null;
  }

  async fetch(docs: Iterable<number>): Promise<Texts> {
    const held = new Map<number, FetchedDocument>();
    const missing: number[] = [];
    for (const d of new Set(docs)) {
      const e = this.cache?.get(d);
      if (e) held.set(d, e);
      else missing.push(d);
    }
    if (missing.length) {
      const byKey = new Map(missing.map((d) => [this.docKeys[d]!, d]));
      const { rows } = await servingQuery<{ doc_key: number; text: string; details: string }>(
        this.pool,
        'SELECT doc_key, text, details FROM huayu_documents WHERE doc_key = ANY($1::integer[])',
        [[...byKey.keys()]],
      );
      // A document written again has a new key: this server loaded the old one, and reloads soon (stores.ts).
      if (rows.length < missing.length) throw createError('STORE_CHANGED');
      for (const r of rows) {
        let parsed: DocumentDetails | null = null;
        const e = { text: r.text, details: () => (parsed ??= JSON.parse(r.details) as DocumentDetails), size: 2 * (r.text.length + r.details.length) + 128 };
        this.cache?.set(byKey.get(r.doc_key)!, e);
        held.set(byKey.get(r.doc_key)!, e);
      }
    }
    return new FetchedTexts(held);
  }

  /** Bytes of texts this process keeps now. */
  get cachedBytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
