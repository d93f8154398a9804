// The web page: one HTML shell for every page route (the browser renders from
// the JSON API) and the static assets. The compiled client lives in dist/web,
// the hand-written HTML and CSS in src/web/public; both are found from the
// package root so the app works from src/ (tests) and from dist/ (npm start).

import path from 'node:path';
import express, { Router } from 'express';
import { packageRoot } from '../../packageRoot.js';

const ROOT = packageRoot(import.meta.url);
const PUBLIC = path.join(ROOT, 'src/web/public');
const CLIENT = path.join(ROOT, 'dist/web');

export const PAGE_PATHS = ['/', '/quote', '/documents/:id', '/speakers/:name', '/topics', '/topics/:name'];

export function pageRoutes(): Router {
  const router = Router();
  // no-cache: revalidate with the ETag, so a rebuilt client is picked up at once.
  const assets = { index: false, fallthrough: true, setHeaders: (res: express.Response) => res.setHeader('Cache-Control', 'no-cache') };
  router.use('/assets', express.static(CLIENT, assets), express.static(PUBLIC, assets));
  router.get(PAGE_PATHS, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(PUBLIC, 'index.html'));
  });
  return router;
}
