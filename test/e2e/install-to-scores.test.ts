import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmChange } from '../../src/sandbox/crm/changes.js';
import { checkAgainstEngine } from './helpers/engine-check.js';
import { startStack, type Stack } from './helpers/stack.js';

const CONTACTS = 300;

/**
 * The product end to end, as the demo runs it: the sandbox HubSpot seeded from the lead dataset, the app (web +
 * worker) in sandbox mode, installed through OAuth; the backfill; simulated lead activity arriving as signed
 * webhooks; the score properties in HubSpot checked against the engine on the same data.
 */
describe('install → backfill → activity → webhooks → scores', () => {
  let stack: Stack;
  const appWrites: CrmChange[] = [];
  let installedAt = 0;

  beforeAll(async () => {
    stack = await startStack({ contacts: CONTACTS, seed: 'e2e-main', roles: ['web', 'worker'], sandbox: { simulator: { perTick: 40 } } });
    stack.sandbox.portal(stack.portalId).onChange((c) => {
      if (c.source.sourceType === 'INTEGRATION') appWrites.push(c);
    });
  });
  afterAll(() => stack?.close());

  it('installs through the OAuth consent page, publishes the starter model and creates the score properties', async () => {
    installedAt = Date.now();
    const install = await stack.install();
    expect(new URL(install.authorizeUrl).origin).toBe(stack.sandbox.url);
    expect(install.callbackUrl.startsWith(`${stack.publicBaseUrl}/oauth/callback?code=`)).toBe(true);
    expect(install.page).toContain('Lead scoring is installed');

    const published = await stack.stores.models.listPublished(stack.portalId);
    expect(published.map((p) => [p.modelId, p.version])).toEqual([['starter', 1]]);
    const registry = stack.sandbox.portal(stack.portalId).properties.contacts;
    for (const name of ['lead_score', 'lead_score_fit', 'lead_score_engagement', 'lead_score_grade', 'lead_score_stage', 'lead_score_reason']) {
      expect(registry.get(name)?.groupName, name).toBe('lead_scoring');
    }
  });

  it('backfills every contact and writes scores equal to the engine on the same data', async () => {
    const progress = await stack.backfillDone(20_000);
    expect(progress).toMatchObject({ status: 'done', seen: CONTACTS });
    await stack.idle(15_000);

    const check = await checkAgainstEngine(stack, installedAt);
    expect(check.mismatches).toEqual([]);
    expect(check.lost).toEqual([]);
    // Customers are out of the starter model's scope; everyone else has a score.
    const customers = stack.sandbox.seeded.get(stack.portalId)!.customers;
    expect(check.inScope).toBe(CONTACTS - customers);
    expect(check.unscored).toBe(customers);
    expect(new Set(appWrites.filter((c) => c.propertyName === 'lead_score').map((c) => c.objectId)).size).toBe(CONTACTS - customers);
  });

  it('rescoring simulated activity from its webhooks keeps every score equal to the engine', async () => {
    const before = stack.sandbox.webhooks.stats();
    const writesBefore = appWrites.length;
    // 200 activities (page views incl. pricing, form submissions, email opens and clicks, meetings, new leads).
    const activities = Array.from({ length: 5 }, () => stack.sandbox.simulator.tick()).flat();
    expect(activities.length).toBe(200);
    await stack.idle(20_000);

    const after = stack.sandbox.webhooks.stats();
    expect(after.delivered - before.delivered).toBeGreaterThan(200);
    expect(after.dropped).toBe(0);
    expect(after.failedAttempts).toBe(0);
    expect(appWrites.length).toBeGreaterThan(writesBefore);

    const check = await checkAgainstEngine(stack, installedAt);
    expect(check.mismatches).toEqual([]);
    expect(check.lost).toEqual([]);
    expect(check.contacts).toBe(CONTACTS + activities.filter((a) => a.kind === 'new_contact').length);
  });

  it('the engine check notices a score in HubSpot that the engine would not compute', async () => {
    const portal = stack.sandbox.portal(stack.portalId);
    const rec = [...portal.objects.contacts.all()].find((r) => portal.value('contacts', r, 'lead_score'));
    const real = portal.value('contacts', rec!, 'lead_score')!;
    const wrong = String(Number(real) + 1);
    portal.update('contacts', rec!, { lead_score: wrong }, { sourceType: 'CRM_UI' });
    const check = await checkAgainstEngine(stack, installedAt);
    expect(check.mismatches).toEqual([{ contactId: rec!.id, property: 'lead_score', inHubSpot: wrong, engine: real, scoredAt: expect.any(Number) }]);
  });
});
