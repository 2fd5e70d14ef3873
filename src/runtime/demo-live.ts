import type { Sandbox } from '../sandbox/index.js';

/**
 * What the demo shows while it runs, counted from the sandbox portal's own change feed (what HubSpot would show):
 * engagement the simulator made (page views, form submissions, email clicks…) and the score properties the app
 * wrote back (its API writes, `sourceType: INTEGRATION`).
 */
export type LiveCounts = {
  /** Property changes HubSpot (the simulator) made on contacts. */
  engagement: number;
  scoreWrites: number;
  /** The newest score the app wrote: who and what. */
  latest?: { contactId: string; name: string; score: string; detail?: string };
};

export function watchPortal(sandbox: Sandbox, portalId: number, scoreProperty: string) {
  const portal = sandbox.portal(portalId);
  const counts: LiveCounts = { engagement: 0, scoreWrites: 0 };
  const name = (id: string) => {
    const rec = portal.objects.contacts.get(id);
    if (!rec) return `contact ${id}`;
    const v = (p: string) => portal.value('contacts', rec, p) ?? '';
    return [v('firstname'), v('lastname')].filter(Boolean).join(' ') || v('email') || `contact ${id}`;
  };
  const stop = portal.onChange((c) => {
    if (c.objectType !== 'contacts') return;
    if (c.source.sourceType !== 'INTEGRATION') {
      counts.engagement++;
    } else if (c.propertyName === scoreProperty && c.propertyValue) {
      counts.scoreWrites++;
      counts.latest = { contactId: c.objectId, name: name(c.objectId), score: c.propertyValue };
    }
  });
  /** The contact's grade and stage (when it has reached one) as HubSpot holds them now, written with the score. */
  const gradeAndStage = (id: string) => {
    const rec = portal.objects.contacts.get(id);
    if (!rec) return '';
    return [portal.value('contacts', rec, `${scoreProperty}_grade`), portal.value('contacts', rec, `${scoreProperty}_stage`)].filter((v) => v && v !== 'none').join(', ');
  };
  return {
    counts: (): LiveCounts => {
      const latest = counts.latest && { ...counts.latest, detail: gradeAndStage(counts.latest.contactId) };
      return { ...counts, latest };
    },
    /** Starts counting from zero (after the backfill, so the live line shows only what follows). */
    reset(): void {
      counts.engagement = 0;
      counts.scoreWrites = 0;
      counts.latest = undefined;
    },
    /** The contact with the highest current score (for the card preview link). */
    topContact(): string | undefined {
      let best: { id: string; score: number } | undefined;
      for (const rec of portal.objects.contacts.all()) {
        const score = Number(portal.value('contacts', rec, scoreProperty) ?? NaN);
        if (Number.isFinite(score) && (!best || score > best.score)) best = { id: rec.id, score };
      }
      return best?.id;
    },
    stop,
  };
}
