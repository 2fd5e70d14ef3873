import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, buildPath } from '../../src/contract/index.js';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const INSTALLED = 52_101;
const UNINSTALLED = 52_102;
const ERASED = 52_103;
const NEVER = 52_104;

/** Every route of the contract, with ids filled in and a body that would pass validation where one is needed. */
const everyRoute = Object.entries(api).map(([name, e]) => ({
  name,
  method: e.method,
  path: buildPath(e.path, { contactId: '1', modelId: 'inbound' }),
}));

describe('the API for portals without an active installation', () => {
  let h: ApiHarness;
  // Sorted: the order of a hash's fields may change when Redis re-encodes it.
  const portalDump = async (portalId: number) => (await dumpPrefix(h.ctx.redis, h.ctx.keys.portal(portalId).base)).sort();

  beforeAll(async () => {
    h = await startApiHarness([INSTALLED, UNINSTALLED, ERASED]);
    for (const p of [INSTALLED, UNINSTALLED, ERASED]) await h.publish(p, apiModel({ name: `Model of ${p}` }));
    await h.ctx.gateway.installations.markUninstalled(UNINSTALLED, Date.now());
  });
  afterAll(async () => { await h?.close(); });

  it('answers 403 NOT_INSTALLED on every route for a never-installed and an uninstalled portal, changing nothing', async () => {
    const before = await Promise.all([portalDump(NEVER), portalDump(UNINSTALLED)]);
    for (const portalId of [NEVER, UNINSTALLED]) {
      for (const r of everyRoute) {
        const res = await h.call({ portalId, method: r.method, path: r.path, ...(r.method === 'GET' ? {} : { body: { confirm: 'DELETE' } }) });
        expect([r.name, res.status, res.body?.error?.code]).toEqual([r.name, 403, 'NOT_INSTALLED']);
      }
    }
    expect(await Promise.all([portalDump(NEVER), portalDump(UNINSTALLED)])).toEqual(before);
    expect(before[0]).toEqual([]);
    // The installed portal is served (so the refusals above could fail).
    expect((await h.call({ portalId: INSTALLED, method: 'GET', path: '/api/models' })).status).toBe(200);
  });

  it('refuses to delete a portal’s data without the typed confirmation, erasing nothing', async () => {
    const before = await portalDump(ERASED);
    const res = await h.call({ portalId: ERASED, method: 'POST', path: '/api/portal/delete-data', body: {} });
    expect(res.status).toBe(400);
    expect(await portalDump(ERASED)).toEqual(before);
  });

  it('deletes every key of the signed portal on request, and only its keys; the portal then counts as not installed', async () => {
    const othersBefore = await portalDump(INSTALLED);
    expect((await portalDump(ERASED)).length).toBeGreaterThan(0);
    const res = await h.call({ portalId: ERASED, method: 'POST', path: '/api/portal/delete-data', body: { confirm: 'DELETE' } });
    expect(res.status).toBe(200);
    expect(res.body.erasedKeys).toBeGreaterThan(0);
    // The app uninstalled itself in HubSpot (the sandbox): its grant there is gone.
    expect(res.body.uninstalledFromHubSpot).toBe(true);
    const appId = h.sandbox.apps.byClientId(h.config.HUBSPOT_CLIENT_ID!)!.appId;
    expect(h.sandbox.apps.isInstalled(ERASED, appId)).toBe(false);
    expect(h.sandbox.apps.isInstalled(INSTALLED, appId)).toBe(true);
    expect(await portalDump(ERASED)).toEqual([]);
    expect(await h.ctx.redis.sismember(h.ctx.keys.portals, String(ERASED))).toBe(0);
    expect(await h.ctx.redis.zscore(h.ctx.keys.uninstalled, String(ERASED))).toBeNull();
    expect(await portalDump(INSTALLED)).toEqual(othersBefore);
    expect((await h.call({ portalId: ERASED, method: 'GET', path: '/api/models' })).status).toBe(403);
  });
});
