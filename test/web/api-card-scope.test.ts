import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const P = 53_101;

/** A contact the model's scope has always excluded has no stored score: the card must still say why it is empty. */
describe('the card of a contact outside the scope', () => {
  let h: ApiHarness;
  let contact: string;
  const get = (path: string) => h.call({ portalId: P, method: 'GET', path });
  const post = (path: string) => h.call({ portalId: P, method: 'POST', path, body: {} });

  beforeAll(async () => {
    h = await startApiHarness([P]);
    contact = (await h.contactIds(P))[0]!;
    // Every sandbox contact has an email, so this scope excludes them all.
    await h.publish(P, apiModel({ scope: { property: 'email', op: 'unknown' } }));
  });
  afterAll(async () => { await h?.close(); });

  const outOfScope = () => ({
    state: 'out-of-scope', contactId: contact, model: { id: 'inbound', name: 'Inbound leads', version: 1 }, scope: 'email is empty',
  });

  it('says so, with the scope in words, for a contact that was never in scope', async () => {
    const res = await get(`/api/card/contacts/${contact}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(outOfScope());
  });

  it('answers Recalculate with the out-of-scope state, not a score, and stores nothing', async () => {
    const res = await post(`/api/card/contacts/${contact}/recalculate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(outOfScope());
    expect((await h.ctx.scores.contact(P, contact)).scores).toEqual([]);
  });
});
