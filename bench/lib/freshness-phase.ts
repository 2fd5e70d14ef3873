import { createRng } from '../../src/sandbox/seed/prng.js';
import { performActivity, type ActivityKind } from '../../src/sandbox/simulator/activities.js';
import type { BenchStack } from './bench-stack.js';

export type FreshnessResult = { activities: number; samples: number; perSecond: number; p50: number; p95: number; max: number; settleWindowS: number };

/** What leads do during the run; each kind the starter model scores (page views score when they hit /pricing). */
const KINDS: readonly (readonly [ActivityKind, number])[] = [['page_view', 40], ['email_click', 30], ['form_submission', 20], ['meeting_booked', 10]];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/**
 * Freshness at steady load: `perSecond` leads in scope engage every second for `seconds` (the simulator's own
 * activities: HubSpot records the change and sends the signed webhook). A sample is the time from the change in
 * HubSpot to the app's write of that contact's score properties (`…_updated_at` is part of every write). A
 * contact is used again only after its write, so each write answers one activity; activities that leave the
 * score unchanged (a capped rule, a non-pricing page) get no write and no sample.
 */
export async function measureFreshness(stack: BenchStack, opts: { perSecond: number; seconds: number; updatedAtProperty: string }): Promise<FreshnessResult> {
  const { sandbox, portalId, config } = stack;
  await stack.idle(120_000);
  const portal = sandbox.portal(portalId);
  const rng = createRng('bench:freshness');
  const inScope = [...portal.objects.contacts.all()].filter((r) => !['customer', 'evangelist'].includes(portal.value('contacts', r, 'lifecyclestage') ?? ''));
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  const stop = portal.onChange((c) => {
    if (c.source.sourceType !== 'INTEGRATION' || c.propertyName !== opts.updatedAtProperty) return;
    const at = pending.get(c.objectId);
    if (at === undefined) return;
    latencies.push((Date.now() - at) / 1000);
    pending.delete(c.objectId);
  });
  let activities = 0;
  const tickMs = 100;
  const perTick = opts.perSecond / (1000 / tickMs);
  let owed = 0;
  const timer = setInterval(() => {
    for (owed += perTick; owed >= 1; owed--) {
      const rec = inScope[rng.int(0, inScope.length - 1)]!;
      if (pending.has(rec.id)) continue;
      const at = Date.now();
      performActivity(portal, rec, rng.weighted(KINDS), rng, at);
      pending.set(rec.id, at);
      activities++;
    }
  }, tickMs);
  await new Promise((r) => setTimeout(r, opts.seconds * 1000));
  clearInterval(timer);
  await stack.idle(60_000);
  stop();
  latencies.sort((a, b) => a - b);
  return {
    activities, samples: latencies.length, perSecond: opts.perSecond,
    p50: pct(latencies, 0.5), p95: pct(latencies, 0.95), max: latencies.at(-1) ?? NaN, settleWindowS: config.SETTLE_WINDOW_MS / 1000,
  };
}
