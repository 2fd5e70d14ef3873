import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import { PortalUninstalledError } from '../../src/hubspot/errors.js';
import { createHubSpotGateway } from '../../src/hubspot/gateway.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { connect, redisSpace } from '../helpers/redis.js';
import { strictNock } from '../helpers/strict-nock.js';
import { until } from '../helpers/until.js';
import { API, CLIENT_SECRET, testConfig } from './helpers/adapter.js';

const config = testConfig();

strictNock();

describe('the token manager', () => {
  const space = redisSpace('tokens');
  const second = connect();
  const { logger, lines } = capturedLogger();
  // Two gateways on two connections stand for two processes.
  const gw1 = createHubSpotGateway({ redis: space.redis, keys: space.keys, config, logger });
  const gw2 = createHubSpotGateway({ redis: second, keys: space.keys, config, logger });
  afterAll(async () => {
    await gw1.close();
    await gw2.close();
    await second.quit();
    await space.cleanup();
  });

  const install = (portalId: number, expiresInMs: number, suffix = '') =>
    gw1.installations.save({
      portalId, hubId: portalId, scopes: ['oauth'], accessToken: `old-access-${portalId}${suffix}`, refreshToken: `refresh-${portalId}${suffix}`, expiresAt: Date.now() + expiresInMs,
    });

  it('returns the stored token while more than 5 minutes remain, without calling HubSpot', async () => {
    await install(11, 6 * 60_000);
    expect(await gw1.tokens.getAccessToken(11)).toBe('old-access-11');
  });

  it('refreshes a token with less than 5 minutes left and stores both new tokens, encrypted', async () => {
    await install(12, 4 * 60_000);
    const scope = nock(API)
      .post('/oauth/v3/token', { grant_type: 'refresh_token', refresh_token: 'refresh-12', client_id: 'client-id-123', client_secret: CLIENT_SECRET })
      .reply(200, { access_token: 'new-access-12', refresh_token: 'new-refresh-12', expires_in: 1800, token_type: 'bearer' });
    const before = Date.now();
    expect(await gw1.tokens.getAccessToken(12)).toBe('new-access-12');
    scope.done();
    const inst = await gw2.installations.get(12);
    expect(inst).toMatchObject({ status: 'active', accessToken: 'new-access-12', refreshToken: 'new-refresh-12' });
    expect(inst?.status === 'active' && inst.expiresAt).toBeGreaterThanOrEqual(before + 1_800_000);
    const raw = (await dumpPrefix(space.redis, space.prefix)).join('\n');
    expect(raw).not.toContain('new-access-12');
    expect(raw).not.toContain('new-refresh-12');
  });

  it('refreshes once for many concurrent callers in two processes', async () => {
    await install(13, 0);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const scope = nock(API)
      .post('/oauth/v3/token')
      .once()
      .reply(async () => {
        await gate;
        return [200, { access_token: 'shared-access-13', refresh_token: 'shared-refresh-13', expires_in: 1800 }];
      });
    const calls = Array.from({ length: 10 }, (_, i) => (i % 2 ? gw1 : gw2).tokens.getAccessToken(13));
    // Both processes are in the refresh path (each subscribed to the portal's token channel) before HubSpot answers.
    const channel = space.keys.portal(13).tokenEvents;
    await until(async () => Number(((await space.redis.pubsub('NUMSUB', channel)) as [string, number])[1]) === 2);
    release();
    expect(new Set(await Promise.all(calls))).toEqual(new Set(['shared-access-13']));
    scope.done();
  });

  it('refreshes after a 401 only when the rejected token is still the stored one', async () => {
    await install(14, 20 * 60_000);
    nock(API).post('/oauth/v3/token').once().reply(200, { access_token: 'after-401', refresh_token: 'r', expires_in: 1800 });
    const [a, b] = await Promise.all([
      gw1.tokens.getAccessToken(14, { rejected: 'old-access-14' }),
      gw2.tokens.getAccessToken(14, { rejected: 'old-access-14' }),
    ]);
    expect([a, b]).toEqual(['after-401', 'after-401']);
    expect(await gw1.tokens.getAccessToken(14, { rejected: 'old-access-14' })).toBe('after-401');
  });

  for (const [label, status, body] of [
    ['invalid_grant', 400, { error: 'invalid_grant', error_description: 'refresh token revoked' }],
    ['BAD_REFRESH_TOKEN', 400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token', correlationId: 'c' }],
    ['a 401', 401, { category: 'INVALID_AUTHENTICATION', message: 'no' }],
  ] as const) {
    it(`marks the portal uninstalled when the refresh fails with ${label}`, async () => {
      const portalId = 20 + status + label.length;
      await install(portalId, 0);
      nock(API).post('/oauth/v3/token').once().reply(status, body);
      const [e1, e2] = await Promise.all([
        gw1.tokens.getAccessToken(portalId).catch((e: unknown) => e),
        gw2.tokens.getAccessToken(portalId).catch((e: unknown) => e),
      ]);
      for (const e of [e1, e2]) {
        expect(e).toBeInstanceOf(PortalUninstalledError);
        expect(e).toMatchObject({ code: 'PORTAL_UNINSTALLED', disposition: 'uninstalled' });
      }
      expect(await gw1.installations.get(portalId)).toMatchObject({ status: 'uninstalled' });
      expect(await space.redis.sismember(space.keys.portals, String(portalId))).toBe(0);
      // No HubSpot call afterwards: nothing is mocked, so any request would fail differently.
      await expect(gw2.forPortal(portalId).batchReadContacts(['1'], ['email'])).rejects.toMatchObject({ reason: 'uninstalled' });
    });
  }

  it('keeps the portal installed and reports a transient failure when the token endpoint is down', async () => {
    await install(15, 0);
    nock(API).post('/oauth/v3/token').reply(503, 'upstream down');
    await expect(gw1.tokens.getAccessToken(15)).rejects.toMatchObject({ code: 'OAUTH_TOKEN_REQUEST_FAILED', disposition: 'retry' });
    expect(await gw1.installations.get(15)).toMatchObject({ status: 'active' });
    expect(await space.redis.exists(space.keys.portal(15).tokenLock)).toBe(0);
  });

  it('refuses a portal that never installed the app', async () => {
    await expect(gw1.tokens.getAccessToken(999)).rejects.toMatchObject({ code: 'PORTAL_UNINSTALLED', reason: 'not-installed' });
  });

  it('logs refreshes and uninstalls without any token or the client secret', () => {
    const logs = lines.join('\n');
    expect(logs).toContain('access token refreshed');
    expect(logs).toContain('marked uninstalled');
    for (const s of ['new-access-12', 'new-refresh-12', 'refresh-12', 'shared-access-13', 'after-401', 'old-access', CLIENT_SECRET]) {
      expect(logs).not.toContain(s);
    }
  });
});
