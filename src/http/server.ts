import http from 'node:http';
import type { Express } from 'express';

/**
 * The HTTP server around the app. Node's default 16 KB header limit would
 * refuse a 2,000-character Chinese quote in a GET URL (≈18 KB
 * percent-encoded) with 431; 64 KB leaves room for it.
 */
export function createHttpServer(app: Express): http.Server {
  return http.createServer({ maxHeaderSize: 64 * 1024 }, app);
}
