// Global setup of the vitest project "postgres": one throwaway cluster for
// all its test files, stopped and removed when they are done. (A cluster
// started inside a test process and stopped on its 'exit' was left running
// when vitest ended the process.)

import type { TestProject } from 'vitest/node';
import { startCluster } from '../../bench/pgCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster();
  if (typeof cluster === 'string') throw new Error(`tests: the postgres project needs a PostgreSQL server: ${cluster}`);
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
