import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotCallEvent } from '../../src/hubspot/call-hubspot.js';
import { RateLimitedError } from '../../src/hubspot/errors.js';
import { createHubSpotGateway, type HubSpotGateway } from '../../src/hubspot/gateway.js';
import { createInstallFlow } from '../../src/hubspot/install-flow.js';
import type { PropertySpec } from '../../src/hubspot/schemas.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { redisSpace } from '../helpers/redis.js';
import { CLIENT_SECRET, testConfig } from './helpers/adapter.js';

/** The adapter against the local HubSpot stand-in over real HTTP: the install, the CRM calls, refresh, 429, uninstall. */
describe('the HubSpot adapter against the sandbox', () => {
  const space = redisSpace('sandbox');
  const { logger, lines } = capturedLogger();
  const calls: HubSpotCallEvent[] = [];
  let sandbox: Sandbox;
  let gateway: HubSpotGateway;
  let portalId: number;
  let appId: number;
  let config: ReturnType<typeof testConfig>;
  /** Every token the app held during the run: none may appear in Redis or the logs. */
  const seen = new Set<string>();
  async function remember(): Promise<void> {
    const inst = await gateway.installations.get(portalId);
    if (inst?.status === 'active') [inst.accessToken, inst.refreshToken].forEach((t) => seen.add(t));
  }

  beforeAll(async () => {
    // HubSpot-side limit (40 per 10 s) below our own budget (99) so the sandbox answers 429 for real.
    sandbox = await startSandbox({ portals: [{ id: 31_337, contacts: 120 }], rateLimit: { max: 40, intervalMs: 10_000 } });
    config = testConfig({ HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url, HUBSPOT_OPTIONAL_SCOPES: '' });
    const app = sandbox.registerApp({
      clientId: config.HUBSPOT_CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [config.urls.oauthCallback],
      requiredScopes: config.HUBSPOT_SCOPES.split(' '),
    });
    appId = app.appId;
    gateway = createHubSpotGateway({ redis: space.redis, keys: space.keys, config, logger, onCall: (e) => calls.push(e) });
  });
  afterAll(async () => {
    await gateway?.close();
    await sandbox?.close();
    await space.cleanup();
  });

  it('installs through the authorize page and the v3 token endpoint', async () => {
    const flow = createInstallFlow({ redis: space.redis, keys: space.keys, config, logger });
    const res = await fetch(`${await flow.start()}&auto=1`, { redirect: 'manual' });
    const callback = new URL(res.headers.get('location') ?? '');
    expect(`${callback.origin}${callback.pathname}`).toBe(config.urls.oauthCallback);
    const done = await flow.complete(Object.fromEntries(callback.searchParams));
    portalId = done.portalId;
    expect(portalId).toBe(31_337);
    expect(await gateway.installations.get(portalId)).toMatchObject({ status: 'active', hubId: 31_337 });
    await remember();
  });

  it('creates the score properties once, then finds them in place', async () => {
    const specs: PropertySpec[] = [
      { name: 'lead_score', label: 'Lead score', type: 'number', fieldType: 'number', groupName: 'lead_scoring' },
      { name: 'lead_score_grade', label: 'Lead grade', type: 'enumeration', fieldType: 'select', groupName: 'lead_scoring',
        options: ['A1', 'B1'].map((v, i) => ({ label: v, value: v, displayOrder: i, hidden: false })) },
    ];
    const portal = gateway.forPortal(portalId);
    expect(await portal.ensureScoreProperties({ name: 'lead_scoring', label: 'Lead scoring' }, specs)).toMatchObject({ created: ['lead_score', 'lead_score_grade'] });
    expect(await portal.ensureScoreProperties({ name: 'lead_scoring', label: 'Lead scoring' }, specs))
      .toEqual({ groupCreated: false, created: [], updated: [], unchanged: ['lead_score', 'lead_score_grade'] });
  });

  it('lists, reads and updates contacts', async () => {
    const portal = gateway.forPortal(portalId);
    const page = await portal.listContacts({ properties: ['email', 'jobtitle'] });
    expect(page.results).toHaveLength(100);
    expect(page.nextAfter).not.toBeNull();
    const ids = page.results.map((c) => c.id);
    const read = await portal.batchReadContacts(ids, ['email', 'lead_score']);
    expect(read.results.map((c) => c.id).sort()).toEqual([...ids].sort());
    const write = await portal.batchUpdateContacts([{ id: ids[0]!, properties: { lead_score: '42', lead_score_grade: 'A1' } }]);
    expect(write).toEqual({ updated: [ids[0]], errors: [] });
    const after = await portal.batchReadContacts([ids[0]!], ['lead_score', 'lead_score_grade']);
    expect(after.results[0]?.properties).toMatchObject({ lead_score: '42', lead_score_grade: 'A1' });
  });

  it('refreshes an expiring token against the sandbox and keeps working', async () => {
    const inst = await gateway.installations.get(portalId);
    if (inst?.status !== 'active') throw new Error('not installed');
    await gateway.installations.saveTokens(portalId, { ...inst, expiresAt: Date.now() + 60_000 });
    const token = await gateway.tokens.getAccessToken(portalId);
    expect(token).not.toBe(inst.accessToken);
    await remember();
    expect((await gateway.forPortal(portalId).listContacts({ properties: ['email'], limit: 1 })).results).toHaveLength(1);
  });

  it('pauses the portal when HubSpot answers 429', async () => {
    const portal = gateway.forPortal(portalId);
    let err: unknown;
    for (let i = 0; i < 60 && !err; i++) err = await portal.listContacts({ properties: ['email'], limit: 1 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(await gateway.limiter.pausedUntil(portalId)).toBe((err as RateLimitedError).retryAt);
    expect(calls.filter((c) => c.outcome === 'rate-limited')).toHaveLength(1);
  });

  it('marks the portal uninstalled when the app was removed and the refresh fails', async () => {
    sandbox.apps.uninstall(portalId, appId);
    const inst = await gateway.installations.get(portalId);
    if (inst?.status !== 'active') throw new Error('not installed');
    await gateway.installations.saveTokens(portalId, { ...inst, expiresAt: Date.now() });
    await expect(gateway.tokens.getAccessToken(portalId)).rejects.toMatchObject({ code: 'PORTAL_UNINSTALLED', reason: 'invalid-grant' });
    expect(await gateway.installations.get(portalId)).toMatchObject({ status: 'uninstalled' });
  });

  it('leaves no token in Redis or the logs', async () => {
    const secrets = [...seen, CLIENT_SECRET];
    expect(seen.size).toBe(4); // two access and two refresh tokens: the sandbox rotates the refresh token
    const raw = (await dumpPrefix(space.redis, space.prefix)).join('\n');
    const logs = lines.join('\n');
    for (const s of secrets) {
      expect(raw).not.toContain(s);
      expect(logs).not.toContain(s);
    }
    expect(logs).not.toMatch(/"(access|refresh)_?[tT]oken"\s*:\s*"(?!\[redacted\])/);
  });
});
