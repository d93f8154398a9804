import http from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';

/**
 * The HTTP server around the app. Node's default 16 KB header limit would
 * refuse a 2,000-character Chinese quote in a GET URL (≈18 KB
 * percent-encoded) with 431; 64 KB leaves room for it.
 */
export function createHttpServer(app: Express): http.Server {
  const server = http.createServer({ maxHeaderSize: 64 * 1024 }, app);
  const handlers = new Handlers();
  running.set(server, handlers);
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => handlers.track(res));
  return server;
}

/**
 * Requests whose handler has not ended its response. A client that goes away closes its connection
 * at once, while the handler still runs (waiting on the database); the engine must stay open until
 * it is done, or its next query fails on a closed pool. Every handler, aborted or not, ends with
 * res.end (a response, an error's, or a cut export's destroy).
 */
class Handlers {
  private open = 0;
  private waiting: Array<() => void> = [];
  /** Shutting down: each response says Connection: close, so a keep-alive client moves on rather than holding the server open. */
  closing = false;

  track(res: http.ServerResponse): void {
    this.open++;
    if (this.closing) res.shouldKeepAlive = false;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      if (--this.open === 0) for (const w of this.waiting.splice(0)) w();
    };
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (this.closing && !res.headersSent) res.shouldKeepAlive = false;
      settle();
      return end(...args);
    }) as typeof res.end;
    const destroy = res.destroy.bind(res);
    res.destroy = ((err?: Error) => (settle(), destroy(err))) as typeof res.destroy;
  }

  /** Resolves true once none is running, or false after `ms`. */
  done(ms: number): Promise<boolean> {
    if (this.open === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      timer.unref();
      this.waiting.push(() => (clearTimeout(timer), resolve(true)));
    });
  }
}

const running = new WeakMap<http.Server, Handlers>();

/**
 * Graceful shutdown: stop accepting connections, close idle keep-alive ones,
 * let requests in flight finish, then resolve once their handlers are done
 * too (a client that went away leaves its handler running). After `timeoutMs`
 * the remaining connections are cut, and after as long again the handlers
 * still running are given up on.
 */
export function shutdown(server: http.Server, logger: Logger, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    logger.info('shutting down: finishing requests in flight');
    const handlers = running.get(server);
    if (handlers) handlers.closing = true;
    const timer = setTimeout(() => {
      logger.warn({ timeoutMs }, 'shutdown: requests still open, closing them');
      server.closeAllConnections();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      void (handlers?.done(timeoutMs) ?? Promise.resolve(true)).then((done) => {
        if (!done) logger.warn({ timeoutMs }, 'shutdown: handlers still running, closing the engine under them');
        logger.info('shut down');
        resolve();
      });
    });
    server.closeIdleConnections();
  });
}
