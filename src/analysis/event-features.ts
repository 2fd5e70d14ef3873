import type { Feature } from './candidate-features.js';
import type { LabelledContact } from './labelled-contact.js';

const DAY = 86_400_000;

/** Epoch ms of an event's `at` (ISO 8601 or epoch ms); NaN when unreadable. */
export function eventTime(at: string | number): number {
  return typeof at === 'number' ? at : Date.parse(at);
}

/**
 * Candidate behavioural signals from the rows' events: for each event type and window of `windows` days, the
 * count of events in the window up to each cap (1 = "any", more = "each, up to k"). Counts run back from the row's
 * `observedAt`, else `now`; an event dated after that moment counts as age 0, as in the engine. Rows without events
 * give no candidates.
 */
export function eventFeatures(
  rows: readonly LabelledContact[],
  now: number,
  windows: readonly number[],
  caps: readonly number[],
): Feature[] {
  const types = [...new Set(rows.flatMap((r) => r.events.map((e) => e.type)))].sort();
  const out: Feature[] = [];
  for (const eventType of types) {
    const ages = rows.map((r) => {
      const at = r.observedAt ?? now;
      return r.events
        .filter((e) => e.type === eventType)
        .map((e) => Math.max(0, (at - eventTime(e.at)) / DAY))
        .filter((a) => !Number.isNaN(a));
    });
    for (const withinDays of windows) {
      const counts = ages.map((a) => a.filter((age) => age <= withinDays).length);
      for (const cap of caps) {
        if (cap > 1 && !counts.some((c) => c >= cap)) continue;
        const x = Float32Array.from(counts, (c) => Math.min(c, cap) / cap);
        out.push({ spec: { type: 'events', eventType, withinDays, cap }, x });
      }
    }
  }
  return out;
}
