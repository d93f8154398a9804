import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { DEFAULTS } from '../../config.js';
import { CITATION_FILES, CITATION_FORMATS, spanOfHit, type CitationFormat } from '../../export/citations.js';
import { exportFileName } from '../../export/resultFileName.js';
import { CONTENT_TYPES, RESULT_FORMATS } from '../../export/resultFormats.js';
import { exportResults, type ExportInfo } from '../../export/resultStream.js';
import type { Engine } from '../../index/engine.js';
import { search, type SearchRequest } from '../../search/search.js';
import { today } from '../../quote/citation.js';
import { attachment, requestedCitationFormat, sendCitations } from '../citationFiles.js';
import { params, queryParams } from '../params.js';

const KINDS = ['lead', 'statement', 'question', 'answer', 'heading', 'note'] as const;
const FORMATS = ['json', ...RESULT_FORMATS, ...CITATION_FORMATS] as const;
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const SearchQuery = z.object({
  q: z.string().default(''),
  speaker: text(200).optional(),
  topic: text(200).optional(),
  kind: z.enum(KINDS, { message: `must be one of ${KINDS.join(', ')}` }).optional(),
  doc: text(200).optional(),
  from: params.isoDate.optional(),
  to: params.isoDate.optional(),
  limit: params.integer(1, DEFAULTS.search.maxLimit).optional(),
  offset: params.integer(0, 100_000).optional(),
  /** plain=1: every word as text, no names taken for speakers. */
  plain: z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  /**
   * csv or jsonl: every match as a file (limit and offset do not apply), at most `max` rows; csl-json, bibtex
   * or ris: the page's hits as citations. Unset: JSON, or a citation format an Accept header names.
   */
  format: z.enum(FORMATS, { message: `must be one of ${FORMATS.join(', ')}` }).optional(),
  max: params.integer(1, DEFAULTS.search.maxExportCap).optional(),
});

/** Set before the first row: how many matches there are, and whether the limit cut the file short. */
function sendHeaders(res: Response, req: SearchRequest, info: ExportInfo): void {
  attachment(res, exportFileName(req, info.format, today()));
  res.set({
    'Content-Type': CONTENT_TYPES[info.format],
    'X-Huayu-Total': String(info.total),
    'X-Huayu-Rows': String(info.rows),
    'X-Huayu-Truncated': String(info.truncated),
  });
  // From here on the status is 200: an error cuts the connection (app.ts) rather than sending JSON into a CSV.
  res.flushHeaders();
}

/** Named like a result set, with the page: huayu-台湾-2026-12-01-p2.bib. */
function citationFileName(req: SearchRequest, format: CitationFormat): string {
  const page = Math.floor((req.offset ?? 0) / (req.limit ?? DEFAULTS.search.limit)) + 1;
  return exportFileName(req, CITATION_FILES[format].extension, `${today()}-p${page}`);
}

export function searchRoutes(current: () => Engine, baseUrl: (req: Request) => string): Router {
  const router = Router();
  router.get('/api/search', async (req, res) => {
    const { format, max, ...request } = queryParams(req, SearchQuery);
    const engine = current();
    if (format !== 'csv' && format !== 'jsonl') {
      const citing = format === 'json' ? null : requestedCitationFormat(req, format);
      const page = await search(engine, request);
      if (!citing) return void res.json(page);
      const base = baseUrl(req);
      return sendCitations(res, engine, page.hits.map((h) => spanOfHit(h, base)), citing, citationFileName(request, citing));
    }
    const options = { format, max: max ?? DEFAULTS.search.maxExport, baseUrl: baseUrl(req) };
    await exportResults(engine, request, options, res, (info) => sendHeaders(res, request, info));
  });
  return router;
}
