import { eventKey, type LedgerEvent } from './ledger-event.js';
import { APPROXIMATE_TIME_TOLERANCE_MS, APPROXIMATE_TIME_TYPES } from './signal-properties.js';

/**
 * Joins event lists (the stored ledger, the events the current property values prove) into one list, oldest
 * first, each event once. Exact duplicates collapse by identity. Events whose time is only approximate (see
 * {@link APPROXIMATE_TIME_TYPES}) with equal attributes and times within the tolerance also collapse, keeping
 * the earliest: the same page view seen through a webhook and through property history differs by seconds.
 */
export function mergeEvents(...lists: readonly LedgerEvent[][]): LedgerEvent[] {
  const unique = new Map<string, LedgerEvent>();
  for (const list of lists) for (const e of list) unique.set(eventKey(e), e);
  const sorted = [...unique.values()].sort((a, b) => a.at - b.at || (eventKey(a) < eventKey(b) ? -1 : 1));
  const lastKept = new Map<string, number>();
  const out: LedgerEvent[] = [];
  for (const e of sorted) {
    if (APPROXIMATE_TIME_TYPES.has(e.type)) {
      const sig = eventKey({ ...e, at: 0 });
      const prev = lastKept.get(sig);
      if (prev !== undefined && e.at - prev <= APPROXIMATE_TIME_TOLERANCE_MS) continue;
      lastKept.set(sig, e.at);
    }
    out.push(e);
  }
  return out;
}
