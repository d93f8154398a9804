import http from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';

/**
 * The HTTP server around the app. Node's default 16 KB header limit would
 * refuse a 2,000-character Chinese quote in a GET URL (≈18 KB
 * percent-encoded) with 431; 64 KB leaves room for it.
 */
export function createHttpServer(app: Express): http.Server {
  return http.createServer({ maxHeaderSize: 64 * 1024 }, app);
}

/**
 * Graceful shutdown: stop accepting connections, close idle keep-alive ones,
 * let requests in flight finish, then resolve. After `timeoutMs` the
 * remaining connections are cut.
 */
export function shutdown(server: http.Server, logger: Logger, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    logger.info('shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      logger.warn({ timeoutMs }, 'shutdown: requests still open, closing them');
      server.closeAllConnections();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      logger.info('shut down');
      resolve();
    });
    server.closeIdleConnections();
  });
}
