import { json, Router, type Request } from 'express';
import { createError } from '../../errors.js';
import { z } from 'zod';
import type { Engine } from '../../index/engine.js';
import { checkQuote } from '../../quote/quote.js';
import { figuresNear } from '../../search/figures.js';
import { params, queryParams } from '../params.js';

const QuoteQuery = z.object({
  text: z.string().default(''),
  limit: params.integer(1, 20).optional(),
});

const QuoteBody = z.object({
  text: z.string({ message: 'must be a string' }),
  limit: z.number().int().min(1).max(20).optional(),
});

const FiguresQuery = z.object({
  q: z.string().max(100, 'must be at most 100 characters').default(''),
});

export function quoteRoutes(current: () => Engine, baseUrl: ((req: Request) => string)): Router {
  const router = Router();
  router.get('/api/quote', async (req, res) => {
    const p = queryParams(req, QuoteQuery);
    res.json(await checkQuote(current(), { text: p.text, limit: p.limit, baseUrl: baseUrl(req) }));
  });
  // The same check with the text in a JSON body, for quotes too long for a URL.
  router.post('/api/quote', json({ limit: '64kb' }), async (req, res) => {
    const parsed = QuoteBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw createError('PARAM_INVALID', String(issue.path[0] ?? 'body'), issue.message);
    }
    res.json(await checkQuote(current(), { text: parsed.data.text, limit: parsed.data.limit, baseUrl: baseUrl(req) }));
  });
  router.get('/api/figures', async (req, res) => {
    const p = queryParams(req, FiguresQuery);
    res.json(await figuresNear(current(), p.q));
  });
  return router;
}
