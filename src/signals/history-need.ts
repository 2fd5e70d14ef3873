import type { Model } from '../scoring/index.js';
import { SIGNAL_MAPPINGS } from './signal-properties.js';

/**
 * Event types a contact's property history proves beyond its current values: every past value of an engagement
 * property (older opens, clicks, form submissions, page views…) and every `property_change` of a watched
 * property. Current values give at most the newest event of each mapped type and no `property_change`.
 */
export const HISTORY_EVENT_TYPES: ReadonlySet<string> = new Set([
  ...Object.values(SIGNAL_MAPPINGS).map((m) => m.type),
  'property_change',
]);

/**
 * Whether scoring with these models needs the contacts' property history (a backfill must then read it; 50
 * contacts a call on the 10-second budget). It does exactly when some event rule counts a type in
 * {@link HISTORY_EVENT_TYPES}: a model whose rules read only properties, or only event types that history
 * cannot give (those come from webhooks after the install either way), scores the same from current values,
 * which CRM search reads 200 a call on its own budget. Conservative on purpose: a rule on email opens counts
 * every open in its window, so even "the newest one is enough" cases are left to history.
 */
export function needsPropertyHistory(models: readonly Model[]): boolean {
  return models.some((m) =>
    [m.fit, m.engagement].some((d) => d.groups.some((g) => g.rules.some((r) => 'event' in r && HISTORY_EVENT_TYPES.has(r.event.type)))));
}
