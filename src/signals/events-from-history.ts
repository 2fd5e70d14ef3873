import { ledgerEvent, type LedgerEvent } from './ledger-event.js';
import { parseTime } from './parse-time.js';
import { SIGNAL_MAPPINGS, WATCHED_PROPERTIES } from './signal-properties.js';

/** One entry of a property's history as the CRM API returns it (`propertiesWithHistory`). */
export type HistoryEntry = { value: string | null; timestamp: string | number; [extra: string]: unknown };
export type PropertyHistory = Record<string, HistoryEntry[] | undefined>;

/** A companion time value counts for a valued change when it was set within this long of the change. */
const COMPANION_WINDOW_MS = 60_000;

/**
 * Every historical event a contact's property history proves (backfill): each past value of a dated property
 * is one event at that date; each past value of a valued property is one event, at the companion time
 * property's value set alongside it when there is one, else at the time the value changed; each past value of
 * a watched property is a `property_change`. Entries with empty or unreadable values are skipped.
 */
export function eventsFromHistory(history: PropertyHistory): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const [property, entries] of Object.entries(history)) {
    const mapping = SIGNAL_MAPPINGS[property];
    const watched = WATCHED_PROPERTIES.includes(property);
    if (!entries || (!mapping && !watched)) continue;
    for (const entry of entries) {
      const value = entry.value?.trim() ?? '';
      const changedAt = parseTime(entry.timestamp);
      if (value === '' || changedAt === null) continue;
      if (!mapping) {
        events.push(ledgerEvent('property_change', changedAt, { property, value }));
      } else if (mapping.kind === 'dated') {
        const at = parseTime(value);
        if (at !== null) events.push(ledgerEvent(mapping.type, at));
      } else {
        const at = companionTime(history[mapping.timeProperty], changedAt) ?? changedAt;
        events.push(ledgerEvent(mapping.type, at, { [mapping.attr]: value }));
      }
    }
  }
  return events;
}

/** The value of the companion time property written closest to `changedAt` (within the window), if any. */
function companionTime(entries: HistoryEntry[] | undefined, changedAt: number): number | null {
  let best: { distance: number; at: number } | null = null;
  for (const entry of entries ?? []) {
    const setAt = parseTime(entry.timestamp);
    const at = parseTime(entry.value);
    if (setAt === null || at === null) continue;
    const distance = Math.abs(setAt - changedAt);
    if (distance <= COMPANION_WINDOW_MS && (!best || distance < best.distance)) best = { distance, at };
  }
  return best?.at ?? null;
}
