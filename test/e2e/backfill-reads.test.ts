import { describe, expect, it } from 'vitest';
import { needsPropertyHistory } from '../../src/signals/index.js';
import { parseModel } from '../../src/scoring/index.js';
import { createScheduler } from '../../src/queue/scheduler.js';
import { checkAgainstEngine } from './helpers/engine-check.js';
import { startStack, until, type Stack } from './helpers/stack.js';
import { starterModel } from '../pipeline/helpers/harness.js';

const CONTACTS = 400;
const SEED = 'backfill-reads';
const OUTPUTS = ['lead_score', 'lead_score_fit', 'lead_score_engagement', 'lead_score_grade', 'lead_score_stage', 'lead_score_reason'];

/** The starter model with its event rules replaced by property rules: nothing in it needs property history. */
function currentValuesModel() {
  const doc = starterModel();
  doc.engagement.groups = [{
    id: 'activity',
    label: 'Activity',
    rules: [
      { id: 'visits', label: '3+ visits', points: 40, when: { property: 'hs_analytics_num_visits', op: 'gte', value: 3 } },
      { id: 'views', label: '10+ page views', points: 30, when: { property: 'hs_analytics_num_page_views', op: 'gte', value: 10 } },
      { id: 'forms', label: 'Converted on a form', points: 30, when: { property: 'num_conversion_events', op: 'gte', value: 1 } },
    ],
  }];
  return doc;
}

/**
 * Installs on a freshly seeded portal (the same seed each time: the same contacts and values), publishes the
 * model before any worker runs, optionally forces the backfill to read property history (today's path), runs the
 * backfill in a worker process, and returns what it stored and wrote to HubSpot.
 */
async function installAndBackfill(stack: Stack, forceHistory: boolean) {
  await stack.install();
  await stack.stores.models.publishDocument(stack.portalId, currentValuesModel());
  if (forceHistory) await stack.stores.progress.setReads(stack.portalId, 'backfill', 'history');
  stack.spawnWorker();
  return stack.backfillDone(90_000);
}

async function backfill(forceHistory: boolean) {
  const stack = await startStack({ contacts: CONTACTS, seed: SEED, roles: ['web'] });
  try {
    const before = stack.sandbox.requests(stack.portalId);
    const progress = await installAndBackfill(stack, forceHistory);
    const after = stack.sandbox.requests(stack.portalId);
    const portal = stack.sandbox.portal(stack.portalId);
    const ids = [...portal.objects.contacts.all()].map((r) => r.id);
    const stored = await stack.stores.scores.readLast(stack.portalId, ids);
    const scores = new Map(ids.map((id) => {
      const s = stored.get(id)?.get('starter');
      const outputs = Object.fromEntries(Object.entries(s?.outputs ?? {}).filter(([k]) => !k.endsWith('_updated_at') && !k.endsWith('_changed_at')));
      // The scoring time is the only thing allowed to differ (each run scores at its own moment); the store keeps
      // the figures, and the breakdown is recomputed from the same inputs (test/e2e/card-exact.test.ts).
      return [id, s ? { version: s.version, inScope: s.inScope, summary: s.summary, outputs } : null];
    }));
    const hubspot = new Map([...portal.objects.contacts.all()].map((r) => [r.id, OUTPUTS.map((p) => portal.value('contacts', r, p))]));
    const route = (r: string) => (after.byRoute[r] ?? 0) - (before.byRoute[r] ?? 0);
    return { progress, scores, hubspot, searches: route('POST /crm/v3/objects/contacts/search'), limited: (after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0) };
  } finally {
    await stack.close();
  }
}

describe('the backfill reads current values through search when no model needs property history', () => {
  it('knows which models need history', () => {
    const starter = parseModel(starterModel());
    const current = parseModel(currentValuesModel());
    if (!starter.ok || !current.ok) throw new Error('invalid model');
    expect(needsPropertyHistory([starter.model])).toBe(true);
    expect(needsPropertyHistory([current.model])).toBe(false);
    const custom = parseModel({ ...currentValuesModel(), engagement: { groups: [{ id: 'w', label: 'Webinars', rules: [
      { id: 'webinar', label: 'Webinar', points: 10, event: { type: 'webinar_attended' } },
    ] }] } });
    if (!custom.ok) throw new Error('invalid model');
    // An event type property history cannot give (it arrives by webhook or not at all): no history needed.
    expect(needsPropertyHistory([custom.model])).toBe(false);
  });

  it('scores and writes exactly what the history-based backfill does on the seeded portal', async () => {
    const history = await backfill(true);
    const search = await backfill(false);
    expect(history.progress).toMatchObject({ status: 'done', reads: 'history', seen: CONTACTS });
    expect(search.progress).toMatchObject({ status: 'done', reads: 'current', seen: CONTACTS });
    expect(history.searches).toBe(0);
    expect(search.searches).toBeGreaterThan(0);
    expect(search.limited).toBe(0);
    // Not a vacuous comparison: most contacts are in scope, with fit and engagement points.
    const scored = [...history.scores.values()].filter((s) => s?.inScope).map((s) => s!.summary!);
    expect(scored.length).toBeGreaterThan(CONTACTS / 2);
    expect(scored.some((r) => r.engagement > 0 && r.fit > 0)).toBe(true);
    expect(search.progress.scored).toBe(history.progress.scored);
    expect(search.progress.written).toBe(history.progress.written);
    expect(search.scores).toEqual(history.scores);
    expect(search.hubspot).toEqual(history.hubspot);
  }, 240_000);

  it('reads the history in the rescore of a version that needs it, when the backfill read none', async () => {
    const stack = await startStack({ contacts: 300, seed: SEED, roles: ['web'] });
    try {
      const installedAt = Date.now();
      expect(await installAndBackfill(stack, false)).toMatchObject({ status: 'done', reads: 'current' });
      const { portalId, stores } = stack;
      // The starter model counts page views, form submissions and email clicks: history the ledgers lack.
      const v = await stores.models.publishDocument(portalId, starterModel());
      const before = stack.sandbox.requests(portalId);
      const started = await stores.progress.start(portalId, 'rescore', { modelId: 'starter', version: v.version });
      await createScheduler({ queue: stack.queue }).enqueueRescore(portalId, 'starter', v.version, started.startedAt);
      await until(async () => (await stores.progress.get(portalId, 'rescore'))?.status === 'done', 90_000, 'the rescore');
      await stack.idle(30_000);
      const after = stack.sandbox.requests(portalId);
      expect((after.byRoute['GET /crm/v3/objects/contacts'] ?? 0) - (before.byRoute['GET /crm/v3/objects/contacts'] ?? 0)).toBeGreaterThan(0);
      expect(await stores.progress.get(portalId, 'backfill')).toMatchObject({ reads: 'history' });
      // Every event the history proves is in the ledgers, and every score equals the engine's on that history.
      const check = await checkAgainstEngine(stack, installedAt);
      expect(check.lost).toEqual([]);
      expect(check.mismatches).toEqual([]);
      expect(check.inScope).toBeGreaterThan(100);
    } finally {
      await stack.close();
    }
  }, 240_000);
});
