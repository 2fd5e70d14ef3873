import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const P = 53_101;

/** The settings page's CRM look-ups, through the signed API, the real gateway and the sandbox's HubSpot API. */
describe('CRM look-up API (property picker, contact search)', () => {
  let h: ApiHarness;
  const get = (path: string, query: string) => h.call({ portalId: P, method: 'GET', path, query: `portalId=${P}&${query}` });
  const propertyCalls = () => h.sandbox.requests(P).requests.filter((r) => r.method === 'GET' && r.path.startsWith('/crm/v3/properties/contacts')).length;

  beforeAll(async () => { h = await startApiHarness([P]); });
  afterAll(async () => { await h?.close(); });

  it('lists the contact properties by label with their type, group and enumeration options', async () => {
    const res = await get('/api/crm/properties', 'refresh=0');
    expect(res.status).toBe(200);
    const byName = new Map((res.body.properties as { name: string }[]).map((p) => [p.name, p]));
    expect(byName.get('jobtitle')).toEqual({ name: 'jobtitle', label: 'Job Title', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, options: [] });
    expect(byName.get('lifecyclestage')).toMatchObject({ type: 'enumeration', options: expect.arrayContaining([{ label: expect.any(String), value: 'customer' }]) });
    expect(byName.get('xed_occupation')).toMatchObject({ hubspotDefined: false, groupName: 'x_education' });
    const labels = (res.body.properties as { label: string }[]).map((p) => p.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
  });

  it('answers from the per-portal cache until asked to refresh', async () => {
    const before = propertyCalls();
    expect((await get('/api/crm/properties', '')).status).toBe(200);
    expect(propertyCalls()).toBe(before);
    await h.sandbox.portal(P).properties.contacts.add({
      name: 'webinar_topic', label: 'Webinar topic', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation', description: '',
      options: [{ label: 'Pricing', value: 'pricing', displayOrder: 1, hidden: false }, { label: 'Hidden one', value: 'x', displayOrder: 0, hidden: true }],
      displayOrder: 0, hubspotDefined: false, readOnlyValue: false, hidden: false, formField: true, hasUniqueValue: false, createdAt: 0, updatedAt: 0,
    });
    const cached = await get('/api/crm/properties', '');
    expect(cached.body.properties.some((p: { name: string }) => p.name === 'webinar_topic')).toBe(false);
    const fresh = await get('/api/crm/properties', 'refresh=1');
    expect(propertyCalls()).toBe(before + 1);
    expect(fresh.body.properties.find((p: { name: string }) => p.name === 'webinar_topic')).toMatchObject({ label: 'Webinar topic', options: [{ label: 'Pricing', value: 'pricing' }] });
    expect(await h.ctx.redis.ttl(h.ctx.keys.portal(P).crmProperties)).toBeGreaterThan(0);
  });

  it('warns of a rule on a property the portal lacks once the editor has loaded the portal\'s properties', async () => {
    const model = apiModel({
      fit: { max: 100, groups: [{ id: 'g', label: 'G', rules: [
        { id: 'has_email', label: 'Has an email', points: 60, when: { property: 'email', op: 'known' } },
        { id: 'typo', label: 'Typo', points: 10, when: { property: 'jobtitel', op: 'contains', value: 'vp' } },
      ] }] },
    });
    await h.publish(P, model);
    await h.ctx.redis.del(h.ctx.keys.portal(P).crmProperties);
    const unknown = await h.call({ portalId: P, method: 'PUT', path: '/api/models/inbound/draft', body: { model } });
    expect(unknown.status).toBe(200);
    expect(unknown.body.warnings.some((w: { path: string }) => w.path.includes('rules[1]'))).toBe(false);
    expect((await get('/api/crm/properties', '')).status).toBe(200);
    const known = await h.call({ portalId: P, method: 'PUT', path: '/api/models/inbound/draft', body: { model } });
    expect(known.status).toBe(200);
    expect(known.body.warnings).toContainEqual({ path: 'fit.groups[0].rules[1].when.property', message: expect.stringContaining('jobtitel') });
  });

  it('finds contacts by name or email with HubSpot search', async () => {
    const [first] = (await h.ctx.gateway.forPortal(P).listContacts({ properties: ['firstname', 'lastname', 'email'], limit: 1 })).results;
    const { firstname, lastname, email } = first!.properties;
    const byName = await get('/api/crm/contacts/search', `q=${encodeURIComponent(`${firstname} ${lastname}`)}`);
    expect(byName.status).toBe(200);
    expect(byName.body.contacts).toContainEqual({ id: first!.id, name: `${firstname} ${lastname}`, email });
    const byEmail = await get('/api/crm/contacts/search', `q=${encodeURIComponent(email!)}`);
    expect(byEmail.body).toEqual({ contacts: [{ id: first!.id, name: `${firstname} ${lastname}`, email }], total: 1 });
    expect(h.sandbox.requests(P).requests.filter((r) => r.method === 'POST' && r.path === '/crm/v3/objects/contacts/search')).toHaveLength(2);
  });

  it('refuses an empty search with a 400 that names the query', async () => {
    const res = await get('/api/crm/contacts/search', 'q=%20');
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'query.q', message: 'type a name or an email' }]);
  });
});
