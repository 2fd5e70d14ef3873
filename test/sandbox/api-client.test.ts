import { afterEach, describe, expect, it } from 'vitest';
import { installedSandbox, rejection, type Installed } from './helpers.js';

/** Every sandbox response the app relies on, parsed by the real @hubspot/api-client 13.5 (basePath → sandbox). */
let s: Installed;
afterEach(async () => { await s?.sandbox.close(); });

describe('the sandbox seen through @hubspot/api-client', () => {
  it('pages through every contact with limit and after', async () => {
    s = await installedSandbox();
    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await s.client.crm.contacts.basicApi.getPage(12, after, ['email', 'lifecyclestage']);
      pages++;
      for (const c of page.results) {
        ids.push(c.id);
        expect(c.createdAt).toBeInstanceOf(Date);
        expect(Number.isNaN(c.updatedAt.getTime())).toBe(false);
        expect(c.properties.hs_object_id).toBe(c.id);
        expect(c.properties.email).toMatch(/@/);
      }
      after = page.paging?.next?.after;
    } while (after);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(ids[0]).toBe('1001');
  });

  it('refuses a page size over 100 with a validation error', async () => {
    s = await installedSandbox();
    const err = await rejection(s.client.crm.contacts.basicApi.getPage(101));
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ category: 'VALIDATION_ERROR' });
  });

  it('batch reads contacts with property history, newest first, and reports unknown ids as a 207', async () => {
    s = await installedSandbox();
    const res = await s.client.crm.contacts.batchApi.read({
      inputs: [{ id: '1003' }, { id: '424242' }], properties: ['email'], propertiesWithHistory: ['lifecyclestage', 'hs_analytics_last_url'],
    });
    expect(res.status).toBe('COMPLETE');
    expect(res.results.map((r) => r.id)).toEqual(['1003']);
    const history = res.results[0]!.propertiesWithHistory!;
    // Row 3 of the dataset converted: lead → marketing qualified lead → customer.
    expect(history.lifecyclestage!.map((h) => h.value)).toEqual(['customer', 'marketingqualifiedlead', 'lead']);
    for (const list of Object.values(history)) {
      for (let i = 1; i < list.length; i++) expect(list[i - 1]!.timestamp.getTime()).toBeGreaterThanOrEqual(list[i]!.timestamp.getTime());
    }
    const withErrors = res as typeof res & { numErrors?: number; errors?: { category: string; context: Record<string, string[]> }[] };
    expect(withErrors.numErrors).toBe(1);
    expect(withErrors.errors?.[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['424242'] } });
  });

  it('caps batch reads at 100 inputs, and at 50 when history is requested', async () => {
    s = await installedSandbox();
    const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(1001 + i) }));
    expect((await rejection(s.client.crm.contacts.batchApi.read({ inputs: inputs(101), properties: [], propertiesWithHistory: [] }))).code).toBe(400);
    expect((await rejection(s.client.crm.contacts.batchApi.read({ inputs: inputs(51), properties: [], propertiesWithHistory: ['email'] }))).code).toBe(400);
    const ok = await s.client.crm.contacts.batchApi.read({ inputs: inputs(50), properties: [], propertiesWithHistory: ['email'] });
    expect(ok.results).toHaveLength(30);
  });

  it('creates a property group and properties, and surfaces duplicates as ApiException 409', async () => {
    s = await installedSandbox();
    const group = await s.client.crm.properties.groupsApi.create('contacts', { name: 'lead_scoring', label: 'Lead scoring', displayOrder: -1 });
    expect(group).toMatchObject({ name: 'lead_scoring', label: 'Lead scoring', archived: false });
    const created = await s.client.crm.properties.coreApi.create('contacts', {
      name: 'lead_score_grade', label: 'Lead grade', type: 'enumeration' as never, fieldType: 'select' as never, groupName: 'lead_scoring',
      options: [{ label: 'A1', value: 'A1', displayOrder: 0, hidden: false }, { label: 'B2', value: 'B2', displayOrder: 1, hidden: false }],
    });
    expect(created).toMatchObject({ name: 'lead_score_grade', type: 'enumeration', groupName: 'lead_scoring' });
    expect(created.createdAt).toBeInstanceOf(Date);

    const dupGroup = await rejection(s.client.crm.properties.groupsApi.create('contacts', { name: 'lead_scoring', label: 'Again' }));
    expect(dupGroup.code).toBe(409);
    const dup = await rejection(s.client.crm.properties.coreApi.create('contacts', {
      name: 'lead_score_grade', label: 'Again', type: 'string' as never, fieldType: 'text' as never, groupName: 'lead_scoring',
    }));
    expect(dup.code).toBe(409);
    expect(dup.body).toMatchObject({ status: 'error', category: 'OBJECT_ALREADY_EXISTS' });
    expect(typeof dup.body.correlationId).toBe('string');

    const updated = await s.client.crm.properties.coreApi.update('contacts', 'lead_score_grade', {
      options: [{ label: 'A1', value: 'A1', displayOrder: 0, hidden: false }, { label: 'C3', value: 'C3', displayOrder: 1, hidden: false }],
    });
    expect(updated.options.map((o) => o.value)).toEqual(['A1', 'C3']);
    const all = await s.client.crm.properties.coreApi.getAll('contacts');
    expect(all.results.map((p) => p.name)).toContain('hs_email_last_click_date');
    expect((await s.client.crm.properties.groupsApi.getAll('contacts')).results.map((g) => g.name)).toContain('lead_scoring');
  });

  it('batch updates contacts, answering 207 for unknown ids and clearing a value with an empty string', async () => {
    s = await installedSandbox();
    await s.client.crm.properties.groupsApi.create('contacts', { name: 'lead_scoring', label: 'Lead scoring' });
    await s.client.crm.properties.coreApi.create('contacts', { name: 'lead_score', label: 'Score', type: 'number' as never, fieldType: 'number' as never, groupName: 'lead_scoring' });
    const res = await s.client.crm.contacts.batchApi.update({ inputs: [{ id: '1001', properties: { lead_score: '42' } }, { id: '999999', properties: { lead_score: '1' } }] });
    expect(res.results.map((r) => [r.id, r.properties.lead_score])).toEqual([['1001', '42']]);
    expect((res as { errors?: { context: { ids: string[] } }[] }).errors?.[0]?.context.ids).toEqual(['999999']);

    await s.client.crm.contacts.batchApi.update({ inputs: [{ id: '1001', properties: { lead_score: '' } }] });
    const read = await s.client.crm.contacts.batchApi.read({ inputs: [{ id: '1001' }], properties: ['lead_score'], propertiesWithHistory: ['lead_score'] });
    const history = read.results[0]!.propertiesWithHistory!.lead_score!;
    expect(history.map((h) => [h.value, h.sourceType, h.sourceId])).toEqual([['', 'INTEGRATION', String(s.app.appId)], ['42', 'INTEGRATION', String(s.app.appId)]]);
  });

  it('refuses a batch over 100 inputs, unknown or read-only properties and bad options with 400 VALIDATION_ERROR', async () => {
    s = await installedSandbox();
    const many = Array.from({ length: 101 }, (_, i) => ({ id: String(1001 + i), properties: { firstname: 'x' } }));
    const tooMany = await rejection(s.client.crm.contacts.batchApi.update({ inputs: many }));
    expect([tooMany.code, tooMany.body.category]).toEqual([400, 'VALIDATION_ERROR']);
    const unknown = await rejection(s.client.crm.contacts.batchApi.update({ inputs: [{ id: '1001', properties: { no_such_property: '1' } }] }));
    expect([unknown.code, unknown.body.category]).toEqual([400, 'VALIDATION_ERROR']);
    expect(String(unknown.body.message)).toContain('PROPERTY_DOESNT_EXIST');
    const readOnly = await rejection(s.client.crm.contacts.batchApi.update({ inputs: [{ id: '1001', properties: { hs_email_last_click_date: '2026-01-01T00:00:00Z' } }] }));
    expect(String(readOnly.body.message)).toContain('READ_ONLY_VALUE');
    const option = await rejection(s.client.crm.contacts.batchApi.update({ inputs: [{ id: '1001', properties: { lifecyclestage: 'champion' } }] }));
    expect(String(option.body.message)).toContain('INVALID_OPTION');
  });

  it('searches with filters, sorts and after, and refuses paging past 10,000 results', async () => {
    s = await installedSandbox();
    const first = await s.client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ' as never, value: 'customer' }] }],
      sorts: ['hs_object_id'], properties: ['lifecyclestage'], limit: 5, after: '0',
    });
    const customers = [...s.sandbox.portal().objects.contacts.all()].filter((c) => s.sandbox.portal().value('contacts', c, 'lifecyclestage') === 'customer');
    expect(first.total).toBe(customers.length);
    expect(first.results.map((r) => r.id)).toEqual(customers.slice(0, 5).map((c) => c.id));
    expect(first.results.every((r) => r.properties.lifecyclestage === 'customer')).toBe(true);
    expect(first.paging?.next?.after).toBe('5');
    const gt = await s.client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT' as never, value: '1025' }] }], sorts: ['-hs_object_id'], limit: 200,
    } as never);
    expect(gt.results.map((r) => r.id)).toEqual(['1030', '1029', '1028', '1027', '1026']);
    const past = await rejection(s.client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 10, after: '10000' } as never));
    expect([past.code, past.body.category]).toEqual([400, 'VALIDATION_ERROR']);
    expect((await rejection(s.client.crm.contacts.searchApi.doSearch({ limit: 201 } as never))).code).toBe(400);
  });

  it('reads contact→deal associations with v4, numeric ids and type 4, and 207 for contacts without deals', async () => {
    s = await installedSandbox();
    const res = await s.client.crm.associations.v4.batchApi.getPage('contacts', 'deals', { inputs: [{ id: '1003' }, { id: '1001' }] });
    expect(res.results).toHaveLength(1);
    const r = res.results[0]!;
    expect(r._from.id).toBe('1003');
    expect(r.to[0]!.associationTypes).toEqual([{ category: 'HUBSPOT_DEFINED', typeId: 4, label: null }]);
    const dealId = String(r.to[0]!.toObjectId);
    const deal = await s.client.crm.deals.batchApi.read({ inputs: [{ id: dealId }], properties: ['dealstage', 'amount'], propertiesWithHistory: [] });
    expect(deal.results[0]!.properties.dealstage).toBe('closedwon');
    expect((res as { numErrors?: number }).numErrors).toBe(1);
  });

  it('shows the portal\'s contacts with the properties the app created, sorted by score, on the CRM view page', async () => {
    s = await installedSandbox();
    await s.client.crm.properties.groupsApi.create('contacts', { name: 'lead_scoring', label: 'Lead scoring' });
    await s.client.crm.properties.coreApi.create('contacts', { name: 'lead_score', label: 'Score', type: 'number' as never, fieldType: 'number' as never, groupName: 'lead_scoring' });
    await s.client.crm.contacts.batchApi.update({ inputs: [{ id: '1004', properties: { lead_score: '7' } }, { id: '1009', properties: { lead_score: '61' } }] });
    const html = await (await fetch(`${s.sandbox.url}/_sandbox/portals/${s.portalId}?limit=3`)).text();
    expect(html).toContain('<th>lead_score</th>');
    const ids = [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => m[1]);
    expect(ids).toEqual(['1009', '1004', '1001']);
  });

  it('answers 401 in HubSpot\'s shape for a missing or unknown token', async () => {
    s = await installedSandbox();
    const { Client } = await import('@hubspot/api-client');
    const stranger = new Client({ basePath: s.sandbox.url, accessToken: 'not-a-token', numberOfApiCallRetries: 0 });
    const err = await rejection(stranger.crm.contacts.basicApi.getPage(1));
    expect(err.code).toBe(401);
    expect(err.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(s.sandbox.requests(s.portalId).total).toBe(0);
  });

  it('refreshes tokens through the SDK\'s (v1) token client, which parses the sandbox\'s answer', async () => {
    s = await installedSandbox();
    const pair = await s.client.oauth.tokensApi.create('refresh_token', undefined, undefined, s.app.clientId, s.app.clientSecret, s.tokens.refresh_token);
    expect(pair).toMatchObject({ tokenType: 'bearer', expiresIn: 1800 });
    expect(pair.refreshToken).not.toBe(s.tokens.refresh_token);
    const again = await rejection(s.client.oauth.tokensApi.create('refresh_token', undefined, undefined, s.app.clientId, s.app.clientSecret, s.tokens.refresh_token));
    expect([again.code, again.body]).toEqual([400, expect.objectContaining({ status: 'BAD_REFRESH_TOKEN' })]);
  });

  it('answers 403 MISSING_SCOPES when the token lacks a scope', async () => {
    s = await installedSandbox({ scopes: ['oauth', 'crm.objects.contacts.read'] });
    const err = await rejection(s.client.crm.contacts.batchApi.update({ inputs: [{ id: '1001', properties: { firstname: 'x' } }] }));
    expect([err.code, err.body.category]).toEqual([403, 'MISSING_SCOPES']);
  });

  it('surfaces a 429 with HubSpot\'s body and rate-limit headers', async () => {
    s = await installedSandbox({ rateLimit: { max: 2, intervalMs: 10_000 } });
    await s.client.crm.contacts.basicApi.getPage(1);
    const second = await s.client.crm.contacts.basicApi.getPageWithHttpInfo(1);
    expect(second.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    const err = await rejection(s.client.crm.contacts.basicApi.getPage(1));
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(err.headers).toMatchObject({
      'x-hubspot-ratelimit-max': '2', 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000',
    });
  });
});
