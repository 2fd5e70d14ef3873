import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs in sandbox mode with no HubSpot credentials and derives every public URL from one base', () => {
    const c = loadConfig({ PUBLIC_BASE_URL: 'https://scores.example.com/' });
    expect(c.sandboxMode).toBe(true);
    expect(c.urls.webhooks).toBe('https://scores.example.com/webhooks/hubspot');
    expect(c.urls.oauthCallback).toBe('https://scores.example.com/oauth/callback');
    expect(c.budgetPer10s).toBe(99);
    expect(c.searchBudgetPerS).toBe(4);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', HUBSPOT_CLIENT_ID: 'abc', SETTLE_WINDOW_MS: '-1' });
      expect.unreachable('loadConfig accepted a bad environment');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT: /m);
      expect(problems).toMatch(/^SETTLE_WINDOW_MS: /m);
      expect(problems).toMatch(/^HUBSPOT_CLIENT_SECRET: set both/m);
    }
  });

  it('requires an encryption key with real credentials', () => {
    expect(() => loadConfig({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's' })).toThrow(/TOKEN_ENCRYPTION_KEY/);
    const c = loadConfig({
      HUBSPOT_CLIENT_ID: 'id',
      HUBSPOT_CLIENT_SECRET: 's',
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(c.sandboxMode).toBe(false);
  });
  it('reads Redis Cluster startup nodes from REDIS_CLUSTER_NODES, alone', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000,10.0.0.2:7001' }).REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(loadConfig({}).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-a' })).toThrow(/REDIS_CLUSTER_NODES: must be host:port/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'a:1', REDIS_URL: 'redis://b:2' })).toThrow(/not both/);
  });
});
