import { defineConfig } from 'vitest/config';
import { postgresBinDir } from './bench/pgCluster.js';

// The search, quote, API (speakers among them), topic and export suites run a
// second time against the PostgreSQL store (project "postgres"), where a server
// can be started here: the views and exports fetch their texts from it there.
const postgresBinaries = postgresBinDir() !== null;
if (!postgresBinaries) console.warn('vitest: project "postgres" skipped: no PostgreSQL server binaries (.ci/run installs Debian\'s postgresql)');

const shared = {
  // nodejieba loads ~240 MB of dictionaries per process; two forks match the two cores.
  pool: 'forks' as const,
  maxWorkers: 2,
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    ...shared,
    projects: [
      { test: { ...shared, name: 'embedded', include: ['tests/**/*.test.ts'] } },
      ...(postgresBinaries
        ? [
            {
              test: {
                ...shared,
                name: 'postgres',
                include: ['tests/search/search.test.ts', 'tests/quote/quote.test.ts', 'tests/http/api.test.ts', 'tests/http/quoteApi.test.ts', 'tests/http/topicsApi.test.ts', 'tests/search/topicView.test.ts', 'tests/http/exportApi.test.ts', 'tests/search/documentFilter.test.ts'],
                env: { HUAYU_TEST_STORE: 'postgres' },
                globalSetup: ['tests/helpers/postgresSetup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
