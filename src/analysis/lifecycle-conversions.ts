import type { Conversion } from './forward-accuracy.js';
import { labelledFromPortal } from './portal-rows.js';

/**
 * Conversions from lifecycle-stage changes (value and time of each change): a contact converted at the first
 * change to `reached` or a later stage. The same rule as the portal source (portal-rows.ts), applied to the
 * history alone, so "converted" means one thing across the product.
 */
export function lifecycleConversions(
  changes: ReadonlyMap<string, readonly { at: number; value: string }[]>,
  reached: 'customer' | 'opportunity' = 'customer',
): Conversion[] {
  const ids = [...changes.keys()];
  const contacts = ids.map((id) => ({
    properties: {},
    history: { lifecyclestage: changes.get(id)!.map((c) => ({ value: c.value, timestamp: c.at })) },
  }));
  const { rows } = labelledFromPortal(contacts, 0, { reached, closedWonDeals: false });
  return rows.flatMap((r, i) => (r.convertedAt !== undefined ? [{ contactId: ids[i]!, at: r.convertedAt }] : []));
}
