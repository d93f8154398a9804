import { json, Router, type Request, type Response } from 'express';
import { DEFAULTS } from '../../config.js';
import { createError } from '../../errors.js';
import { z } from 'zod';
import { CITATION_FILES, spanOfMatch } from '../../export/citations.js';
import type { Engine } from '../../index/engine.js';
import { checkQuote, type QuoteResponse } from '../../quote/quote.js';
import { figuresNear } from '../../search/figures.js';
import { fileLabel } from '../../export/resultFileName.js';
import { citationFormat, requestedCitationFormat, sendCitations } from '../citationFiles.js';
import { params, queryParams } from '../params.js';

const QuoteQuery = z.object({
  text: z.string().default(''),
  limit: params.integer(1, 20).optional(),
  /** csl-json, bibtex or ris: the matches as a citation file instead of JSON. */
  format: citationFormat.optional(),
  /** With a format: only the nth match (1 the first), as the page's button on one match asks. */
  match: params.integer(1, 20).optional(),
});

const QuoteBody = z.object({
  text: z.string({ message: 'must be a string' }),
  limit: z.number().int().min(1).max(20).optional(),
  format: citationFormat.optional(),
  match: z.number().int().min(1).max(20).optional(),
});

type Asked = { format?: z.infer<typeof citationFormat> | undefined; match?: number | undefined };

/** JSON, or the matches as a citation file named by who said it and when. */
async function answer(req: Request, res: Response, engine: Engine, result: QuoteResponse, asked: Asked, baseUrl: string): Promise<void> {
  const format = requestedCitationFormat(req, asked.format);
  if (!format) {
    res.json(result);
    return;
  }
  const matches = asked.match ? result.matches.slice(asked.match - 1, asked.match) : result.matches;
  if (matches.length === 0) throw createError('QUOTE_NOTHING_TO_CITE', result.matches.length, asked.match ?? null);
  const one = matches.length === 1 ? matches[0]! : null;
  const label = one ? fileLabel(['huayu-quote', one.speaker?.name ?? one.doc.id, one.doc.date]) : fileLabel(['huayu-quote', `${matches.length}-matches`]);
  const name = `${label}.${CITATION_FILES[format].extension}`;
  await sendCitations(
    res,
    engine,
    matches.map((m) => spanOfMatch(m, baseUrl)),
    format,
    name,
  );
}

const FiguresQuery = z.object({
  q: z.string().max(100, 'must be at most 100 characters').default(''),
  limit: params.integer(1, DEFAULTS.figures.maxLimit).optional(),
  offset: params.integer(0, 1_000_000).optional(),
});

export function quoteRoutes(current: () => Engine, baseUrl: ((req: Request) => string)): Router {
  const router = Router();
  router.get('/api/quote', async (req, res) => {
    const p = queryParams(req, QuoteQuery);
    const engine = current();
    await answer(req, res, engine, await checkQuote(engine, { text: p.text, limit: p.limit, baseUrl: baseUrl(req) }), p, baseUrl(req));
  });
  // The same check with the text in a JSON body, for quotes too long for a URL.
  router.post('/api/quote', json({ limit: '64kb' }), async (req, res) => {
    const parsed = QuoteBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw createError('PARAM_INVALID', String(issue.path[0] ?? 'body'), issue.message);
    }
    const engine = current();
    await answer(req, res, engine, await checkQuote(engine, { text: parsed.data.text, limit: parsed.data.limit, baseUrl: baseUrl(req) }), parsed.data, baseUrl(req));
  });
  router.get('/api/figures', async (req, res) => {
    const p = queryParams(req, FiguresQuery);
    res.json(await figuresNear(current(), p.q, { limit: p.limit ?? DEFAULTS.figures.limit, offset: p.offset ?? 0 }));
  });
  return router;
}
