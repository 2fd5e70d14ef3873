import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const P = 53_001;

/** What each route of the card/settings API does, against real stores, a real queue and the sandbox. */
describe('card/settings API routes', () => {
  let h: ApiHarness;
  let contact: string;
  let emails: Map<string, string>;
  const get = (path: string, query?: string) => h.call({ portalId: P, method: 'GET', path, ...(query ? { query: `portalId=${P}&${query}` } : {}) });
  const post = (path: string, body: unknown = {}) => h.call({ portalId: P, method: 'POST', path, body });
  const put = (path: string, body: unknown) => h.call({ portalId: P, method: 'PUT', path, body });

  beforeAll(async () => {
    h = await startApiHarness([P]);
    const listed = await h.ctx.gateway.forPortal(P).listContacts({ properties: ['email'] });
    emails = new Map(listed.results.map((c) => [c.id, c.properties.email ?? '']));
    contact = listed.results[0]!.id;
  });
  afterAll(async () => { await h?.close(); });

  it('says a contact is not scored while the portal has no published model', async () => {
    expect(await get(`/api/card/contacts/${contact}`)).toEqual({ status: 200, body: { state: 'not-scored', contactId: contact, model: null } });
    expect(await post(`/api/card/contacts/${contact}/recalculate`)).toEqual({ status: 200, body: { state: 'not-scored', contactId: contact, model: null } });
  });

  it('recalculates one contact: scores it, writes HubSpot, and answers the card', async () => {
    await h.publish(P, apiModel());
    expect((await get(`/api/card/contacts/${contact}`)).body).toEqual({ state: 'not-scored', contactId: contact, model: { id: 'inbound', name: 'Inbound leads', version: 1 } });
    const res = await post(`/api/card/contacts/${contact}/recalculate`);
    expect(res.status).toBe(200);
    expect(emails.get(contact)).not.toBe('');
    // See api-model.ts: fit 60, engagement 0, total 30, B4, MQL (25), 40 to SQL (70).
    expect(res.body).toMatchObject({
      state: 'scored', contactId: contact, model: { id: 'inbound', name: 'Inbound leads', version: 1 },
      total: 30, fit: { score: 60, max: 100, grade: 'B' }, engagement: { score: 0, max: 100, grade: '4' }, grade: 'B4',
      stage: 'MQL', stageFloor: 25, nextStage: { label: 'SQL', min: 70, pointsToGo: 40 },
      breakdown: [{ dimension: 'fit', groupId: 'contactable', groupLabel: 'Contactable', ruleId: 'has_email', label: 'Has an email', points: 60, undecayed: null, matched: { kind: 'property', values: { email: emails.get(contact) } } }],
      adjustments: [], fitProperties: ['email'], weights: { fit: 0.5, engagement: 0.5 }, eventRules: {},
    });
    expect(res.body.history).toEqual([{ at: res.body.scoredAt, total: 30, fit: 60, engagement: 0, stage: 'MQL' }]);
    const hubspot = await h.ctx.gateway.forPortal(P).batchReadContacts([contact], ['lead_score', 'lead_score_grade', 'lead_score_stage']);
    expect(hubspot.results[0]!.properties).toMatchObject({ lead_score: '30', lead_score_grade: 'B4', lead_score_stage: 'MQL' });
    expect((await get(`/api/card/contacts/${contact}`)).body).toEqual(res.body);
  });

  it('answers 404 for a contact HubSpot does not have, and 400 for an id that is not one', async () => {
    expect(await post('/api/card/contacts/999999999/recalculate')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await get('/api/card/contacts/bob')).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', issues: [{ path: 'params.contactId', message: 'must be a numeric id' }] } } });
  });

  it('serves the published model as the draft until one is saved, and refuses an invalid draft whole', async () => {
    expect((await get('/api/models/inbound/draft')).body).toMatchObject({ modelId: 'inbound', basedOnVersion: 1, updatedAt: null, draft: { name: 'Inbound leads' } });
    const bad = apiModel({ name: '' });
    (bad.fit.groups[0]!.rules[0] as { when: unknown }).when = { property: 'email', op: 'equals', value: 'x' };
    const refused = await put('/api/models/inbound/draft', { model: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('MODEL_INVALID');
    expect(refused.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['fit.groups[0].rules[0].when.op', 'name']);
    expect(await h.ctx.models.getDraft(P, 'inbound')).toBeNull();
    const saved = await put('/api/models/inbound/draft', { model: apiModel({ name: 'Inbound v2' }) });
    expect(saved.body).toMatchObject({ modelId: 'inbound', basedOnVersion: 1, draft: { name: 'Inbound v2' } });
    expect((await get('/api/models')).body.models).toEqual([{ id: 'inbound', name: 'Inbound v2', publishedVersion: 1, draftUpdatedAt: saved.body.updatedAt }]);
  });

  it('tests the editor model on a contact against the published version, without writing anything', async () => {
    const draft = apiModel({ stages: [{ label: 'SQL', min: 30 }, { label: 'MQL', min: 10 }] });
    const res = await post('/api/models/inbound/draft/test', { contactId: contact, model: draft });
    expect(res.body.draft).toMatchObject({ state: 'scored', total: 30, stage: 'SQL', nextStage: null, stageFloor: 30 });
    expect(res.body.published).toMatchObject({ state: 'scored', total: 30, stage: 'MQL', nextStage: { label: 'SQL', pointsToGo: 40 } });
    expect((await h.ctx.models.getDraft(P, 'inbound'))?.model.name).toBe('Inbound v2');
  });

  it('refuses an editor model nested 20,000 levels deep with a 422 by path, before it reaches a thread', async () => {
    // Built as text: JSON.stringify itself overflows the stack on such a document.
    const when = `${'{"not":'.repeat(20_000)}{"property":"x","op":"known"}${'}'.repeat(20_000)}`;
    const fit = `{"max":100,"groups":[{"id":"g","label":"G","rules":[{"id":"r","label":"R","points":1,"when":${when}}]}]}`;
    const text = JSON.stringify({ contactId: contact, model: { ...apiModel(), fit: 'FIT' } }).replace('"FIT"', fit);
    for (const path of ['/api/models/inbound/draft/test', '/api/models/inbound/draft/preview']) {
      const res = await h.call({ portalId: P, method: 'POST', path, rawBody: text });
      expect(res.status).toBe(422);
      expect(res.body.error.issues[0].path).toMatch(/^fit\.groups\[0\]\.rules\[0\]\.when(\.not)+$/);
    }
  });

  it('previews the editor model over the contacts: distribution and stage changes', async () => {
    const withEmail = [...emails.values()].filter(Boolean).length;
    expect(withEmail).toBe(emails.size);
    const res = await post('/api/models/inbound/draft/preview', { model: apiModel({ stages: [{ label: 'SQL', min: 30 }, { label: 'MQL', min: 10 }] }) });
    expect(res.body).toMatchObject({ modelId: 'inbound', contacts: 12, sampled: false, outOfScope: { draft: 0, published: 0 } });
    // Every contact totals 30 under both: bucket 30–39 holds all 12; each moves MQL → SQL.
    expect(res.body.histogram.find((b: { from: number }) => b.from === 30)).toEqual({ from: 30, to: 39, draft: 12, published: 12 });
    expect(res.body.stageChanges).toEqual({ count: 12, transitions: [{ from: 'MQL', to: 'SQL', count: 12 }] });
    const sample = await post('/api/models/inbound/draft/preview', { limit: 5 });
    expect(sample.body).toMatchObject({ contacts: 5, sampled: true });
  });

  it('publishes the draft: a new version, a queued rescore, progress to follow', async () => {
    const res = await post('/api/models/inbound/publish', { note: 'Renamed' });
    expect(res.body.model).toEqual({ id: 'inbound', name: 'Inbound v2', version: 2 });
    expect(res.body.rescore).toMatchObject({ modelId: 'inbound', version: 2, status: 'running', done: 0 });
    const jobs = await h.queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.map((j) => [j.name, j.data.portalId, j.data.modelId, j.data.version])).toEqual([['rescore', P, 'inbound', 2]]);
    expect((await get('/api/models/inbound/rescore')).body).toMatchObject({ modelId: 'inbound', version: 2, status: 'running' });
    expect(await post('/api/models/inbound/publish')).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
  });

  it('rolls back by publishing an earlier version again, and lists every version', async () => {
    const res = await post('/api/models/inbound/rollback', { version: 1 });
    expect(res.body.model).toEqual({ id: 'inbound', name: 'Inbound leads', version: 3 });
    const versions = (await get('/api/models/inbound/versions')).body;
    expect(versions.publishedVersion).toBe(3);
    expect(versions.versions.map((v: { version: number; note: string | null; rolledBackFrom: number | null }) => [v.version, v.note, v.rolledBackFrom]))
      .toEqual([[3, null, 1], [2, 'Renamed', null], [1, null, null]]);
    expect(await post('/api/models/inbound/rollback', { version: 3 })).toMatchObject({ status: 409 });
    expect(await post('/api/models/inbound/rollback', { version: 9 })).toMatchObject({ status: 404 });
  });

  it('exports a version as JSON and imports JSON as a draft (creating a new model)', async () => {
    const exported = (await get('/api/models/inbound/export', 'version=2')).body;
    expect(exported.version).toBe(2);
    expect(JSON.parse(exported.json)).toMatchObject({ id: 'inbound', name: 'Inbound v2' });
    const notJson = await post('/api/models/import', { json: '{ nope' });
    expect(notJson.body.error).toMatchObject({ code: 'MODEL_INVALID', issues: [{ path: '' }] });
    const imported = await post('/api/models/import', { json: exported.json.replace('"inbound"', '"outbound"').replace('"lead_score"', '"outbound_score"') });
    expect(imported.body).toMatchObject({ modelId: 'outbound', basedOnVersion: null, draft: { id: 'outbound', name: 'Inbound v2' } });
    expect((await get('/api/models')).body.models.map((m: { id: string }) => m.id)).toEqual(['inbound', 'outbound']);
  });

  it('saves and publishes a model with warnings, answering them beside it', async () => {
    const webinar = 'engagement.groups[0].rules[0].event.type: no "webinar_attended" events are sent, so this rule never adds points (the sync sends page_view, form_submission, email_open, email_click, email_reply, meeting_booked, call, property_change)';
    const unreachable = 'stages[0].min: 150 is above the highest possible total (100): this stage can never apply';
    const line = (w: { path: string; message: string }) => `${w.path}: ${w.message}`;
    const saved = await put('/api/models/inbound/draft', { model: apiModel({ stages: [{ label: 'Hot', min: 150 }, { label: 'SQL', min: 70 }] }) });
    expect(saved.status).toBe(200);
    expect(saved.body.warnings.map(line)).toEqual([unreachable, webinar]);
    expect((await get('/api/models/inbound/draft')).body.warnings.map(line)).toEqual([unreachable, webinar]);
    const published = await post('/api/models/inbound/publish');
    expect(published.status).toBe(200);
    expect(published.body.model).toEqual({ id: 'inbound', name: 'Inbound leads', version: 4 });
    expect(published.body.warnings.map(line)).toEqual([unreachable, webinar]);
  });
});
