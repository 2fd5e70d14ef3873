import { ledgerEvent, type LedgerEvent } from './ledger-event.js';
import { parseTime } from './parse-time.js';
import { SIGNAL_MAPPINGS } from './signal-properties.js';

export type PropertyValues = Record<string, string | null | undefined>;

/**
 * The events the current values of a contact's engagement properties prove (from a batch read): the newest
 * email open, click, reply, meeting and call at their dates, the newest form submission at
 * `recent_conversion_date`, the newest page view at `hs_analytics_last_visit_timestamp`. A valued property whose
 * time is unknown yields nothing: an undated event would score as if it happened now.
 */
export function eventsFromProperties(properties: PropertyValues): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const [property, mapping] of Object.entries(SIGNAL_MAPPINGS)) {
    const raw = properties[property]?.trim();
    if (!raw) continue;
    if (mapping.kind === 'dated') {
      const at = parseTime(raw);
      if (at !== null) events.push(ledgerEvent(mapping.type, at));
      continue;
    }
    const at = parseTime(properties[mapping.timeProperty]);
    if (at !== null) events.push(ledgerEvent(mapping.type, at, { [mapping.attr]: raw }));
  }
  return events;
}
