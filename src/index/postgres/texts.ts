// The documents' texts and details for a server on PostgreSQL: none held at
// load. A page of passages fetches their spans only (substr, which counts
// code points, from each document's astral offsets, read with the catalog);
// a document's own view and a quote's turns fetch whole texts. Both are kept
// within a budget (least recently used go first), so a server's memory does
// not grow with the archive.

import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import { CodePointIndex } from '../../analysis/codepoints.js';
import { createError } from '../../errors.js';
import type { DocumentDetails } from '../engine.js';
import { FetchedSpans, FetchedTexts, type DocSpan, type FetchedDocument, type FetchedSpan, type Texts, type TextSource, type WholeTexts } from '../texts.js';
import { servingQuery } from './query.js';
import { RowCache } from './rowCache.js';

/** One scalar subquery per span: an index lookup by doc_key each, whatever the planner guesses of the unnest. */
const SPANS_SQL = `SELECT t.i::integer AS i, (SELECT substr(d.text, t.s, t.n) FROM huayu_documents d WHERE d.doc_key = t.k) AS text
  FROM unnest($1::integer[], $2::integer[], $3::integer[]) WITH ORDINALITY AS t(k, s, n, i)`;

export class PgTexts implements TextSource {
  private readonly rows: RowCache<FetchedDocument & { size: number }>;
  private readonly spans: LRUCache<string, string> | null;

  constructor(
    /** The retrieval's pool, which the retrieval ends. */
    private readonly pool: pg.Pool,
    /** By document number: its row's doc_key. */
    private readonly docKeys: Int32Array,
    /** By document number: the UTF-16 offsets of its astral characters (astralOffsets), empty for most. */
    private readonly astral: ReadonlyArray<readonly number[]>,
    /** Half for whole texts, half for spans. */
    cacheBytes: number,
  ) {
    const half = Math.floor(cacheBytes / 2);
    this.rows = new RowCache(half, (e) => e.size, async (keys) => {
      const { rows } = await servingQuery<{ doc_key: number; text: string }>(pool, 'SELECT doc_key, text FROM huayu_documents WHERE doc_key = ANY($1::integer[])', [keys]);
      return new Map(rows.map((r) => [r.doc_key, { text: r.text, size: 2 * r.text.length + 128 }]));
    }, docKeys);
    this.spans = half > 0 ? new LRUCache({ maxSize: half, sizeCalculation: (text, key) => 2 * (text.length + key.length) + 64 }) : null;
  }

  async fetch(docs: Iterable<number>): Promise<WholeTexts> {
    return new FetchedTexts(await this.rows.fetch(docs));
  }

  async fetchSpans(spans: Iterable<DocSpan>): Promise<Texts> {
    const found: FetchedSpan[] = [];
    const missing = new Map<string, DocSpan>();
    for (const s of spans) {
      const key = `${s.doc}:${s.start}:${s.end}`;
      const text = this.spans?.get(key) ?? this.rows.held(s.doc)?.text.slice(s.start, s.end);
      if (text !== undefined) found.push({ ...s, text });
      else missing.set(key, s);
    }
    if (missing.size > 0) {
      const asked = [...missing];
      const cps = asked.map(([, s]) => {
        const cp = this.codePoints(s.doc);
        return [cp.toCodePoint(s.start), cp.toCodePoint(s.end)] as const;
      });
      const { rows } = await servingQuery<{ i: number; text: string | null }>(this.pool, SPANS_SQL, [
        asked.map(([, s]) => this.docKeys[s.doc]),
        cps.map(([start]) => start + 1),
        cps.map(([start, end]) => end - start),
      ]);
      for (const { i, text } of rows) {
        const [key, s] = asked[i - 1]!;
        // The server reloads soon (stores.ts).
        if (text === null) throw createError('STORE_CHANGED');
        if (text.length !== s.end - s.start) throw new Error(`pg-store: document ${s.doc}'s span ${s.start}–${s.end} came back ${text.length} units long: its astral offsets do not match its text`);
        this.spans?.set(key, text);
        found.push({ ...s, text });
      }
    }
    return new FetchedSpans(found, (doc) => this.codePoints(doc));
  }

  codePoints(doc: number): CodePointIndex {
    return CodePointIndex.fromAstral(this.astral[doc]!);
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
    return this.rows.cachedBytes + (this.spans?.calculatedSize ?? 0);
  }
}
