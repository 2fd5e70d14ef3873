import type { BenchStack } from './bench-stack.js';

export type BurstResult = { events: number; contacts: number; calls: number; reads: number; writes: number; rateLimited: number; seconds: number; callsPer1000: number };

/**
 * An import burst: `count` contacts get a new job title at once (HubSpot's import tool, `changeSource: IMPORT`),
 * one propertyChange webhook each. The app must coalesce them into batches: the floor is one batch read and one
 * batch update per 100 contacts, 20 calls per 1,000 events. Calls are counted in the sandbox's request log from
 * the burst until the pipeline is idle again.
 */
export async function measureBurst(stack: BenchStack, count: number): Promise<BurstResult> {
  const { sandbox, portalId } = stack;
  await stack.idle(120_000);
  const portal = sandbox.portal(portalId);
  const before = sandbox.requests(portalId);
  const delivered = sandbox.webhooks.stats().delivered;
  const started = Date.now();
  let n = 0;
  for (const rec of portal.objects.contacts.all()) {
    if (n >= count) break;
    // Every value is new (so every contact changes), half of them senior titles the starter model scores.
    const title = n % 2 ? `Director of Operations (import ${n})` : `Operations Analyst (import ${n})`;
    const { values } = portal.validate('contacts', { jobtitle: title });
    portal.update('contacts', rec, values, { sourceType: 'IMPORT' });
    n++;
  }
  await stack.idle(300_000);
  const after = sandbox.requests(portalId);
  const route = (r: string) => (after.byRoute[r] ?? 0) - (before.byRoute[r] ?? 0);
  const events = sandbox.webhooks.stats().delivered - delivered;
  const calls = after.total - before.total;
  return {
    events, contacts: n, calls,
    reads: route('POST /crm/v3/objects/contacts/batch/read'),
    writes: route('POST /crm/v3/objects/contacts/batch/update'),
    rateLimited: (after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0),
    seconds: (Date.now() - started) / 1000,
    callsPer1000: (calls * 1000) / events,
  };
}
