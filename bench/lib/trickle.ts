import type { Sandbox } from '../../src/sandbox/index.js';
import { createRng } from '../../src/sandbox/seed/prng.js';
import { performActivity, type ActivityKind } from '../../src/sandbox/simulator/activities.js';

/** What leads do; each kind the starter model scores (page views score when they hit /pricing). */
const KINDS: readonly (readonly [ActivityKind, number])[] = [['page_view', 40], ['email_click', 30], ['form_submission', 20], ['meeting_booked', 10]];

export type Freshness = { samples: number; p50: number; p95: number; max: number };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** p50 / p95 / max of latencies in seconds. */
export function summarize(latencies: number[]): Freshness {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { samples: sorted.length, p50: pct(sorted, 0.5), p95: pct(sorted, 0.95), max: sorted.at(-1) ?? NaN };
}

/**
 * A steady trickle of changes in each of `portalIds`: `perSecond` leads in scope per portal engage (the
 * simulator's own activities: the sandbox records the change and sends the signed webhook). A freshness sample is
 * the time from the change to the app's batch update of that contact's `updatedAtProperty` (part of every score
 * write), as the sandbox sees it. A contact engages again only after its write; changes that leave the score as it
 * was get no write and no sample.
 */
export function startTrickle(sandbox: Sandbox, portalIds: number[], opts: { perSecond: number; updatedAtProperty: string; seed: string }) {
  const rng = createRng(`bench:trickle:${opts.seed}`);
  const latencies = new Map<number, number[]>(portalIds.map((id) => [id, []]));
  let activities = 0;
  const lanes = portalIds.map((portalId) => {
    const portal = sandbox.portal(portalId);
    const inScope = [...portal.objects.contacts.all()].filter((r) => !['customer', 'evangelist'].includes(portal.value('contacts', r, 'lifecyclestage') ?? ''));
    const pending = new Map<string, number>();
    const stop = portal.onChange((c) => {
      if (c.source.sourceType !== 'INTEGRATION' || c.propertyName !== opts.updatedAtProperty) return;
      const at = pending.get(c.objectId);
      if (at === undefined) return;
      latencies.get(portalId)!.push((Date.now() - at) / 1000);
      pending.delete(c.objectId);
    });
    return { portal, inScope, pending, stop, owed: 0 };
  });
  const tickMs = 100;
  const timer = setInterval(() => {
    for (const lane of lanes) {
      for (lane.owed += opts.perSecond / (1000 / tickMs); lane.owed >= 1; lane.owed--) {
        const rec = lane.inScope[rng.int(0, lane.inScope.length - 1)]!;
        if (lane.pending.has(rec.id)) continue;
        const at = Date.now();
        performActivity(lane.portal, rec, rng.weighted(KINDS), rng, at);
        lane.pending.set(rec.id, at);
        activities++;
      }
    }
  }, tickMs);

  return {
    /** Stops making changes; keeps measuring writes until `settleMs` has passed. */
    async stop(settleMs: number): Promise<{ activities: number; perPortal: Map<number, number[]> }> {
      clearInterval(timer);
      await new Promise((r) => setTimeout(r, settleMs));
      for (const lane of lanes) lane.stop();
      return { activities, perPortal: latencies };
    },
  };
}
