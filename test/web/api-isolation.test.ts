import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const A = 52_001;
const B = 52_002;

/**
 * Multi-tenancy: a request signed for portal A acts on portal A only, whatever ids it names. Both portals have
 * a model with the same id, so a leak would not hide behind a 404. B's keys are compared byte for byte before
 * and after A's attempts.
 */
describe('card/settings API portal isolation', () => {
  let h: ApiHarness;
  let bContact: string;
  let bKeysBefore: string[];
  const bKeys = () => dumpPrefix(h.ctx.redis, h.ctx.keys.portal(B).base);

  beforeAll(async () => {
    h = await startApiHarness([A, B]);
    await h.publish(A, apiModel({ name: 'Model of A' }));
    await h.publish(B, apiModel({ name: 'Model of B' }));
    await h.ctx.models.saveDraft(B, 'inbound', apiModel({ name: 'Draft of B' }));
    bContact = (await h.contactIds(B))[0]!;
    const scored = await h.call({ portalId: B, method: 'POST', path: `/api/card/contacts/${bContact}/recalculate` });
    expect(scored.body).toMatchObject({ state: 'scored', total: 30, model: { name: 'Model of B' } });
    bKeysBefore = await bKeys();
  });
  afterAll(async () => { await h?.close(); });

  it("does not show B's score on a card signed for A, even with B's contact id", async () => {
    const res = await h.call({ portalId: A, method: 'GET', path: `/api/card/contacts/${bContact}` });
    expect(res).toEqual({ status: 200, body: { state: 'not-scored', contactId: bContact, model: { id: 'inbound', name: 'Model of A', version: 1 } } });
  });

  it("reads and writes A's draft, never B's", async () => {
    const read = await h.call({ portalId: A, method: 'GET', path: '/api/models/inbound/draft' });
    expect(read.body.draft.name).toBe('Model of A');
    const put = await h.call({ portalId: A, method: 'PUT', path: '/api/models/inbound/draft', body: { model: apiModel({ name: 'Edited by A' }) } });
    expect(put.body.draft.name).toBe('Edited by A');
    expect((await h.ctx.models.getDraft(B, 'inbound'))?.model.name).toBe('Draft of B');
  });

  it("publishes and rolls back A's model only", async () => {
    const published = await h.call({ portalId: A, method: 'POST', path: '/api/models/inbound/publish', body: {} });
    expect(published.body.model).toEqual({ id: 'inbound', name: 'Edited by A', version: 2 });
    const rolledBack = await h.call({ portalId: A, method: 'POST', path: '/api/models/inbound/rollback', body: { version: 1 } });
    expect(rolledBack.body.model).toEqual({ id: 'inbound', name: 'Model of A', version: 3 });
    expect((await h.ctx.models.get(B, 'inbound'))?.publishedVersion).toBe(1);
  });

  it('cannot reach a version that exists only in B', async () => {
    await h.ctx.models.publishDocument(B, apiModel({ name: 'B v2' }));
    await h.ctx.models.publishDocument(B, apiModel({ name: 'B v3' }));
    await h.ctx.models.publishDocument(B, apiModel({ name: 'B v4' }));
    bKeysBefore = await bKeys();
    const res = await h.call({ portalId: A, method: 'POST', path: '/api/models/inbound/rollback', body: { version: 4 } });
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const exported = await h.call({ portalId: A, method: 'GET', path: '/api/models/inbound/export', query: `portalId=${A}&version=4` });
    expect(exported.status).toBe(404);
  });

  it("leaves every key of B unchanged through all of A's requests", async () => {
    await h.call({ portalId: A, method: 'POST', path: `/api/card/contacts/${bContact}/recalculate` });
    await h.call({ portalId: A, method: 'POST', path: '/api/models/import', body: { json: JSON.stringify(apiModel({ name: 'Imported by A' })) } });
    expect(await bKeys()).toEqual(bKeysBefore);
    expect(bKeysBefore.length).toBeGreaterThan(5);
  });
});
