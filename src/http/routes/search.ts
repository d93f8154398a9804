import { Router } from 'express';
import { z } from 'zod';
import { DEFAULTS } from '../../config.js';
import type { Engine } from '../../index/engine.js';
import { search } from '../../search/search.js';
import { params, queryParams } from '../params.js';

const KINDS = ['lead', 'statement', 'question', 'answer', 'heading', 'note'] as const;
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
});

/** `from=2023` means from 2023-01-01; `to=2023-06` means up to 2023-06-31 (string order). */
function lowerBound(d?: string): string | undefined {
  return d && d.length < 10 ? `${d}${d.length === 4 ? '-01-01' : '-01'}` : d;
}
function upperBound(d?: string): string | undefined {
  return d && d.length < 10 ? `${d}${d.length === 4 ? '-12-31' : '-31'}` : d;
}

export function searchRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/api/search', (req, res) => {
    const p = queryParams(req, SearchQuery);
    res.json(search(engine, { ...p, from: lowerBound(p.from), to: upperBound(p.to) }));
  });
  return router;
}
