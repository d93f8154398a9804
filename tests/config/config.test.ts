import { describe, expect, it } from 'vitest';
import { DEFAULTS, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('reads the most connections a server on PostgreSQL keeps from HUAYU_PG_CONNECTIONS, never under the loader\'s two', () => {
    expect(loadConfig({}).pgConnections).toBe(DEFAULTS.pgConnections);
    expect(loadConfig({ HUAYU_PG_CONNECTIONS: '8' }).pgConnections).toBe(8);
    expect(loadConfig({ HUAYU_PG_CONNECTIONS: '1' }).pgConnections).toBe(2);
    expect(loadConfig({ HUAYU_PG_CONNECTIONS: 'many' }).pgConnections).toBe(DEFAULTS.pgConnections);
  });
});
