// Documents, speakers and topics: the browsing side of the API.

import { Router } from 'express';
import { createError } from '../../errors.js';
import type { Engine } from '../../index/engine.js';
import { listDocuments, documentView, listSpeakers, listTopics } from '../../search/catalog.js';

export function catalogRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/api/documents', (_req, res) => {
    res.json({ documents: listDocuments(engine) });
  });
  router.get('/api/documents/:id', (req, res) => {
    const view = documentView(engine, req.params.id);
    if (!view) throw createError('DOCUMENT_NOT_FOUND', req.params.id);
    res.json({ document: view });
  });
  router.get('/api/speakers', (_req, res) => {
    res.json({ speakers: listSpeakers(engine) });
  });
  router.get('/api/topics', (_req, res) => {
    res.json({ topics: listTopics(engine) });
  });
  return router;
}
