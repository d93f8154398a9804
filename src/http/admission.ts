// How many API requests a server works on at once. Started all together, 50
// connections' searches on PostgreSQL each held their fetched lists and
// bodies while they waited on the database: admitted four at a time, the same
// server answered 54–59 requests a second instead of 48–51 and held ~20 MB
// less (README, HUAYU_MAX_ACTIVE). The embedded index, which seldom waits,
// served the same either way.

import type { RequestHandler } from 'express';
import pLimit from 'p-limit';

/** At most `max` requests past this point at once, the others in arrival order; 0: no limit. */
export function admission(max: number): RequestHandler {
  if (max <= 0) return (_req, _res, next) => next();
  const limit = pLimit(max);
  return (req, res, next) => {
    void limit(
      () =>
        new Promise<void>((done) => {
          // A client that left while it waited takes no turn.
          if (req.socket.destroyed) return done();
          // Emitted when the response is sent or the connection drops, whichever comes first.
          res.once('close', () => done());
          next();
        }),
    );
  };
}
