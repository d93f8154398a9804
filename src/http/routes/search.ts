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
  /** plain=1: every word as text, no names taken for speakers. */
  plain: z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
});

export function searchRoutes(current: () => Engine): Router {
  const router = Router();
  router.get('/api/search', async (req, res) => {
    res.json(await search(current(), queryParams(req, SearchQuery)));
  });
  return router;
}
