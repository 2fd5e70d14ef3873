import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCard } from '../../src/web/api/card-handlers.js';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const P = 53_107;

/**
 * The card's breakdown is recomputed from HubSpot's values and the ledger (the store keeps only the outputs last
 * written): the same score shows with the time it was written; a different one shows as the fresh score and has
 * the pipeline rescore the contact; without HubSpot the stored figures show, without a breakdown.
 */
describe('the card of a scored contact', () => {
  let h: ApiHarness;
  let contact: string;
  const card = () => h.call({ portalId: P, method: 'GET', path: `/api/card/contacts/${contact}` });
  const dirtyAt = () => h.ctx.redis.zscore(h.ctx.keys.portal(P).dirty, contact);

  beforeAll(async () => {
    h = await startApiHarness([P]);
    contact = (await h.contactIds(P))[0]!;
    await h.publish(P, apiModel());
    const res = await h.call({ portalId: P, method: 'POST', path: `/api/card/contacts/${contact}/recalculate`, body: {} });
    expect(res.body).toMatchObject({ state: 'scored', total: 30 });
  });
  afterAll(async () => { await h?.close(); });

  it('shows the stored score with its breakdown, recomputed, and the time it was written', async () => {
    const stored = (await h.ctx.scores.contact(P, contact)).scores[0]!;
    const res = await card();
    expect(res.body).toMatchObject({
      state: 'scored', total: 30, fit: { score: 60 }, engagement: { score: 0 }, stage: 'MQL', scoredAt: new Date(stored.scoredAt).toISOString(),
      breakdown: [expect.objectContaining({ ruleId: 'has_email', points: 60 })],
    });
    expect(await dirtyAt()).toBeNull();
  });

  it('shows the score the pipeline is about to write when HubSpot changed, and marks the contact for it', async () => {
    await h.ctx.gateway.forPortal(P).batchUpdateContacts([{ id: contact, properties: { email: '' } }]);
    const before = Date.now();
    const res = await card();
    expect(res.body).toMatchObject({ state: 'scored', total: 0, fit: { score: 0 }, breakdown: [] });
    expect(res.body).not.toHaveProperty('breakdownUnavailable');
    expect(Date.parse((res.body as { scoredAt: string }).scoredAt)).toBeGreaterThanOrEqual(before);
    expect(await dirtyAt()).not.toBeNull();
    // The stored score is still what was written.
    expect((await h.ctx.scores.contact(P, contact)).scores[0]).toMatchObject({ summary: { total: 30 } });
  });

  it('falls back to the stored figures without a breakdown when HubSpot cannot be read', async () => {
    await h.ctx.gateway.installations.markUninstalled(P, Date.now());
    const stored = (await h.ctx.scores.contact(P, contact)).scores[0]!;
    expect(await readCard(h.ctx, P, contact)).toMatchObject({
      state: 'scored', total: 30, fit: { score: 60 }, breakdown: [], adjustments: [], scoredAt: new Date(stored.scoredAt).toISOString(),
      breakdownUnavailable: true,
    });
  });
});
