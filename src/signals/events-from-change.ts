import { ledgerEvent, type LedgerEvent } from './ledger-event.js';
import { parseTime } from './parse-time.js';
import { SIGNAL_MAPPINGS, WATCHED_PROPERTIES } from './signal-properties.js';

/** One property change as a webhook reports it. */
export type PropertyChange = { property: string; value: string | null | undefined; occurredAt: number };

/**
 * The scoring events a single property change means (SCORING-MODEL.md "Events"):
 * - a dated engagement property (`hs_email_last_click_date`…) → that event at the new value's time;
 * - `recent_conversion_event_name` / `hs_analytics_last_url` → `form_submission {form}` / `page_view {url}` at
 *   `occurredAt` (a webhook carries one property, so the companion time property is unknown here);
 * - a watched property → `property_change {property, value}` at `occurredAt`;
 * - anything else, or a cleared value, → no event (the contact is still rescored: a fit property may have changed).
 */
export function eventsFromChange(change: PropertyChange): LedgerEvent[] {
  const value = change.value?.trim() ?? '';
  if (value === '') return [];
  const mapping = SIGNAL_MAPPINGS[change.property];
  if (mapping?.kind === 'dated') {
    const at = parseTime(value);
    return at === null ? [] : [ledgerEvent(mapping.type, at)];
  }
  if (mapping?.kind === 'valued') return [ledgerEvent(mapping.type, change.occurredAt, { [mapping.attr]: value })];
  if (WATCHED_PROPERTIES.includes(change.property)) {
    return [ledgerEvent('property_change', change.occurredAt, { property: change.property, value })];
  }
  return [];
}
