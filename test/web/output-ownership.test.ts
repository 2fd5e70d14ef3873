import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { ForeignPropertyError } from '../../src/hubspot/errors.js';
import { OUTPUT_PROPERTY_GROUP } from '../../src/scoring/index.js';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const P = 53_101;
const prefixIssue = (res: { status: number; body: { error: { code: string; issues?: { path: string; message: string }[] } } }) => ({
  status: res.status,
  code: res.body.error.code,
  issues: res.body.error.issues?.filter((i) => i.path === 'propertyPrefix').map((i) => i.message) ?? [],
});

/** The app writes only properties it created: save, import, publish and the property bootstrap all refuse others. */
describe('output properties the app does not own', () => {
  let h: ApiHarness;
  const put = (model: unknown) => h.call({ portalId: P, method: 'PUT', path: '/api/models/inbound/draft', body: { model } });
  const importJson = (model: unknown) => h.call({ portalId: P, method: 'POST', path: '/api/models/import', body: { json: JSON.stringify(model) } });

  beforeAll(async () => {
    h = await startApiHarness([P]);
    await h.publish(P, apiModel());
    // Someone else's property (not in the app's group) named like a model's output.
    await h.ctx.gateway.forPortal(P).ensureScoreProperties({ name: 'contactinformation', label: 'Contact information' }, [
      { name: 'rival_score', label: 'Rival score', type: 'number', fieldType: 'number', groupName: 'contactinformation' },
    ]);
  });
  afterAll(async () => { await h?.close(); });

  it('refuses at save a prefix that hits firstname, hs_lead_status or jobtitle, naming the property', async () => {
    for (const [prefix, hit] of [['firstname', 'firstname'], ['hs_lead_status', 'hs_lead_status'], ['jobtitle', 'jobtitle']]) {
      const res = prefixIssue(await put(apiModel({ propertyPrefix: prefix })));
      expect(res).toMatchObject({ status: 422, code: 'MODEL_INVALID' });
      expect(res.issues).toEqual([expect.stringMatching(new RegExp(`HubSpot's own contact propert(y|ies) "${hit}"`))]);
    }
    expect(await h.ctx.models.getDraft(P, 'inbound')).toBeNull();
  });

  it('refuses at import a prefix that hits HubSpot properties or an existing property of another group', async () => {
    expect(prefixIssue(await importJson(apiModel({ propertyPrefix: 'hs_lead_status' })))).toMatchObject({ status: 422, issues: [expect.stringContaining('"hs_lead_status"')] });
    expect(prefixIssue(await importJson(apiModel({ propertyPrefix: 'firstname' })))).toMatchObject({ status: 422, issues: [expect.stringContaining('"firstname"')] });
    const rival = prefixIssue(await importJson(apiModel({ propertyPrefix: 'rival_score' })));
    expect(rival).toMatchObject({ status: 422, code: 'MODEL_INVALID' });
    expect(rival.issues).toEqual(['"rival_score" already exists in this HubSpot account and the app did not create it (it is in the property group "contactinformation"): choose another prefix']);
    expect(await h.ctx.models.getDraft(P, 'inbound')).toBeNull();
  });

  it('refuses at save a prefix whose output exists outside the app group', async () => {
    expect(prefixIssue(await put(apiModel({ propertyPrefix: 'rival_score' })))).toMatchObject({ status: 422, issues: [expect.stringContaining('"rival_score" already exists')] });
  });

  it('refuses at publish a draft whose output exists outside the app group, and publishing HubSpot names at all', async () => {
    // A draft saved before the foreign property appeared (the store alone cannot see the portal).
    await h.ctx.models.saveDraft(P, 'inbound', apiModel({ propertyPrefix: 'rival_score' }));
    const res = await h.call({ portalId: P, method: 'POST', path: '/api/models/inbound/publish', body: {} });
    expect(prefixIssue(res)).toMatchObject({ status: 422, issues: [expect.stringContaining('"rival_score" already exists')] });
    expect((await h.ctx.models.getPublished(P, 'inbound'))?.model.propertyPrefix).toBe('lead_score');
    for (const prefix of ['firstname', 'hs_lead_status', 'jobtitle']) {
      const err = await h.ctx.models.publishDocument(P, apiModel({ propertyPrefix: prefix })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues[0]).toMatchObject({ path: 'propertyPrefix', message: expect.stringContaining(`"${prefix}"`) });
    }
  });

  it('keeps accepting the app group own properties of the right type', async () => {
    expect((await put(apiModel({ name: 'Still mine' }))).status).toBe(200);
  });

  it('never adopts an existing property in the bootstrap: another group, another type, or HubSpot-defined', async () => {
    const gw = h.ctx.gateway.forPortal(P);
    const group = { ...OUTPUT_PROPERTY_GROUP };
    const spec = (name: string, type: 'number' | 'string' = 'number') => ({ name, label: name, type, fieldType: type === 'number' ? 'number' as const : 'text' as const, groupName: group.name });
    await expect(gw.ensureScoreProperties(group, [spec('rival_score')])).rejects.toMatchObject({ code: 'HUBSPOT_FOREIGN_PROPERTY', property: 'rival_score' });
    await expect(gw.ensureScoreProperties(group, [spec('firstname', 'string')])).rejects.toBeInstanceOf(ForeignPropertyError);
    await expect(gw.ensureScoreProperties(group, [spec('lead_score_reason', 'number')])).rejects.toMatchObject({ message: expect.stringContaining('it is of type "string", not "number"') });
    expect(await gw.ensureScoreProperties(group, [spec('lead_score')])).toMatchObject({ unchanged: ['lead_score'] });
  });
});
