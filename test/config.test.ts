import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs in sandbox mode with no HubSpot credentials and derives every public URL from one base', () => {
    const c = loadConfig({ PUBLIC_BASE_URL: 'https://scores.example.com/' });
    expect(c.sandboxMode).toBe(true);
    expect(c.urls.webhooks).toBe('https://scores.example.com/webhooks/hubspot');
    expect(c.urls.oauthCallback).toBe('https://scores.example.com/oauth/callback');
    expect(c.budgetPer10s).toBe(99);
    expect(c.searchBudgetPerS).toBe(4.5);
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

describe('loadConfig with NODE_ENV=production', () => {
  const complete = {
    NODE_ENV: 'production',
    HUBSPOT_CLIENT_ID: 'id',
    HUBSPOT_CLIENT_SECRET: 'secret',
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    REDIS_URL: 'redis://redis.internal:6379',
    PUBLIC_BASE_URL: 'https://scores.example.com',
  };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems;
    }
    return expect.unreachable('loadConfig accepted an incomplete production environment');
  };

  it('lists every missing variable at once when nothing is set', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(
      ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'PUBLIC_BASE_URL', 'REDIS_URL', 'TOKEN_ENCRYPTION_KEY'],
    );
  });

  it('refuses a plain-http public base URL, together with the schema problems', () => {
    const problems = problemsOf({ ...complete, PUBLIC_BASE_URL: 'http://scores.example.com', PORT: 'eighty' });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^PUBLIC_BASE_URL: must be an https/), expect.stringMatching(/^PORT: /)]));
    expect(problems).toHaveLength(2);
  });

  it('starts with every variable set, never in sandbox mode and with the configured key', () => {
    const c = loadConfig(complete);
    expect(c.sandboxMode).toBe(false);
    expect(c.TOKEN_ENCRYPTION_KEY).toBe(complete.TOKEN_ENCRYPTION_KEY);
    expect(c.SHUTDOWN_TIMEOUT_MS).toBe(25_000);
  });
});
