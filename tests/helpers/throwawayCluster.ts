// A test file's own PostgreSQL cluster (bench/pgCluster.ts), started before its
// tests and stopped after them, and statements on it by hand. Where no server
// can be started, `set` gets the reason and the file's tests skip.

import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startCluster, type Cluster } from '../../bench/pgCluster.js';

export function throwawayCluster(file: string, set: (cluster: Cluster | string) => void): void {
  let cluster: Cluster | string | undefined;
  beforeAll(async () => {
    cluster = await startCluster();
    if (typeof cluster === 'string') console.warn(`${file}: skipped: ${cluster}`);
    set(cluster);
  }, 120_000);
  afterAll(() => {
    if (cluster && typeof cluster !== 'string') cluster.stop();
  });
}

/** Statements on a connection of their own, as a person at psql would change a database by hand; their rows. */
export async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<T>(text)).rows;
  } finally {
    await db.end();
  }
}
