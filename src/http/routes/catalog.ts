// Documents, speakers and topics: the browsing side of the API.

import { Router } from 'express';
import { z } from 'zod';
import { createError } from '../../errors.js';
import type { Engine } from '../../index/engine.js';
import { documentView, listDocuments, listRefused, listSpeakers, listTopics } from '../../search/catalog.js';
import { speakerView } from '../../search/speakerView.js';
import { topicView } from '../../search/topicView.js';
import { params, pathParams, queryParams } from '../params.js';

const Page = z.object({
  limit: params.integer(1, 100).optional(),
  offset: params.integer(0, 100_000).optional(),
});

const TopicName = z.object({ name: params.name });

export function catalogRoutes(current: () => Engine): Router {
  const router = Router();
  router.get('/api/documents', (_req, res) => {
    const e = current();
    res.json({ documents: listDocuments(e), refused: listRefused(e) });
  });
  router.get('/api/documents/:id', async (req, res) => {
    const view = await documentView(current(), req.params.id);
    if (!view) throw createError('DOCUMENT_NOT_FOUND', req.params.id);
    res.json({ document: view });
  });
  router.get('/api/speakers', (_req, res) => {
    res.json({ speakers: listSpeakers(current()) });
  });
  router.get('/api/speakers/:name', async (req, res) => {
    const p = queryParams(req, Page);
    res.json(await speakerView(current(), req.params.name, { limit: p.limit ?? 20, offset: p.offset ?? 0 }));
  });
  router.get('/api/topics', (req, res) => {
    // Without limit or offset, every topic (as before paging existed).
    const p = queryParams(req, Page);
    const topics = listTopics(current());
    const from = p.offset ?? 0;
    res.json({ topics: topics.slice(from, p.limit === undefined ? undefined : from + p.limit), total: topics.length });
  });
  router.get('/api/topics/:name', async (req, res) => {
    const { name } = pathParams(req, TopicName);
    const p = queryParams(req, Page);
    res.json(await topicView(current(), name, { limit: p.limit ?? 20, offset: p.offset ?? 0 }));
  });
  return router;
}
