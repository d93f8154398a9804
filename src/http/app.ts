// The HTTP app as a factory with no listen(): tests call it without a port,
// the CLI's `serve` listens. Routes are thin: validate, call one function, json.

import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { createError, isHuayuError } from '../errors.js';
import type { Engine } from '../index/engine.js';
import { admission } from './admission.js';
import { catalogRoutes } from './routes/catalog.js';
import { pageRoutes } from './routes/pages.js';
import { quoteRoutes } from './routes/quote.js';
import { searchRoutes } from './routes/search.js';

export interface AppDeps {
  /** The engine, or where to get the current one per request (a server that reloads from its store). */
  engine: Engine | (() => Engine);
  logger: Logger;
  /** Origin that citations link to; by default the origin the request came to. */
  baseUrl?: string | undefined;
  /** Requests per minute from one client; 0 or unset: no limit (tests, benchmarks). */
  rateLimitPerMinute?: number | undefined;
  /** Origins allowed to call the API from a browser; empty or unset: CORS stays off. */
  corsOrigins?: string[] | undefined;
  /** API requests worked on at once, the others waiting their turn; 0 or unset: no limit. */
  maxActiveRequests?: number | undefined;
}

export function createApp({ engine, logger, baseUrl, rateLimitPerMinute, corsOrigins, maxActiveRequests }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  // A script on another origin may read how many matches an export holds and the file's name.
  const exposedHeaders = ['Content-Disposition', 'X-Huayu-Total', 'X-Huayu-Rows', 'X-Huayu-Truncated'];
  if (corsOrigins?.length) app.use('/api', cors({ origin: corsOrigins, methods: ['GET', 'POST'], exposedHeaders }));
  if (rateLimitPerMinute) {
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: rateLimitPerMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, res) => {
          const e = createError('RATE_LIMITED', rateLimitPerMinute);
          res.status(e.status).json({ error: { code: e.code, message: e.message } });
        },
      }),
    );
  }

  const current = typeof engine === 'function' ? engine : () => engine;
  app.get('/healthz', (_req, res) => {
    const e = current();
    res.json({ ok: true, documents: e.docs.length, passages: e.passages.length, indexedAt: e.manifest.builtAt });
  });
  // Where permalinks and citations point: the configured origin, else the one the request came to.
  const origin = (req: Request) => baseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  // After the rate limit, which turns a runaway client away before it takes a place in line.
  app.use('/api', admission(maxActiveRequests ?? 0));
  app.use(searchRoutes(current, origin));
  app.use(catalogRoutes(current));
  app.use(quoteRoutes(current, origin));
  app.use(pageRoutes());

  app.use((req, _res, next) => next(createError('ROUTE_NOT_FOUND', req.method, req.path)));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      // An export failing mid-file: a JSON error would land inside its CSV. The client sees the connection cut.
      logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed after its response began');
      res.destroy();
      return;
    }
    if (isHuayuError(err) && err.status < 500) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    // Malformed input caught by Express itself (bad URI encoding, body parsing).
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const bad = createError('BAD_REQUEST', (err as Error).message);
      res.status(status).json({ error: { code: bad.code, message: bad.message } });
      return;
    }
    logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    // 5xx details stay in the log; a server error meant for clients (a store not answering: worth a retry) keeps its status.
    const failure = isHuayuError(err) && err.forClients ? err : createError('INTERNAL');
    res.status(failure.status).json({ error: { code: failure.code, message: failure.message } });
  });
  return app;
}
