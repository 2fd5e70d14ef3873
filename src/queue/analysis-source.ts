import type { PortalGateway } from '../hubspot/gateway.js';
import type { ContactRecord } from '../hubspot/schemas.js';
import type { PortalContact } from '../analysis/portal-rows.js';
import { modelProperties, type Model } from '../scoring/index.js';
import { eventsFromHistory, SIGNAL_PROPERTIES } from '../signals/index.js';

/**
 * Standard HubSpot contact properties that describe who a lead is or how it came (PLATFORM.md §6), read for
 * learning besides what the current model reads and what the user adds. `hs_lead_status` is left out on purpose:
 * sales set it after talking to the lead, so for contacts that did not convert it records the outcome.
 */
export const LEARNING_PROPERTIES: readonly string[] = Object.freeze([
  'jobtitle', 'industry', 'numberofemployees', 'annualrevenue', 'country', 'state', 'city', 'hs_analytics_source',
  'hs_analytics_num_visits', 'hs_analytics_num_page_views', 'num_conversion_events', 'hs_email_optout', 'hs_language',
]);

/** Lifecycle and lead-status changes record the outcome, not behaviour before it: never learnt from as events. */
const OUTCOME_EVENT_PROPERTIES = new Set(['lifecyclestage', 'hs_lead_status']);

export type SourceOptions = { current: Model | null; extra?: readonly string[]; exclude?: readonly string[]; maxContacts: number };

/**
 * Reads up to `maxContacts` of a portal's contacts for learning: the feature properties (with their history, so a
 * converter is described as it stood before converting), the lifecycle stage with its history (the outcome), and
 * the engagement properties' history (the events). Pages of 50 (HubSpot's cap with history) through the gateway,
 * so the portal's rate budget applies; `onPage` reports progress and may stop the read by answering false.
 * Approximate: the first contacts in HubSpot's list order, not a random sample; no closed-won deals (the gateway
 * has no associations call yet), so the outcome is the lifecycle stage alone.
 */
export async function readPortalContacts(
  gw: Pick<PortalGateway, 'listContacts'>,
  options: SourceOptions,
  onPage: (fetched: number) => Promise<boolean>,
): Promise<PortalContact[]> {
  const excluded = new Set(options.exclude ?? []);
  const features = [...new Set([...LEARNING_PROPERTIES, ...(options.current ? modelProperties(options.current) : []), ...(options.extra ?? [])])]
    .filter((p) => !excluded.has(p) && !OUTCOME_EVENT_PROPERTIES.has(p));
  const history = [...new Set([...features, ...SIGNAL_PROPERTIES, 'lifecyclestage'])].sort();
  const out: PortalContact[] = [];
  let after: string | undefined;
  do {
    const page = await gw.listContacts({ after, properties: history, propertiesWithHistory: history, limit: Math.min(50, options.maxContacts - out.length) });
    out.push(...page.results.map((r) => portalContact(r, features)));
    after = page.nextAfter ?? undefined;
    if (!(await onPage(out.length))) break;
  } while (after && out.length < options.maxContacts);
  return out;
}

/** A listed record as the analysis reads it: feature properties and lifecycle stage, their history, the events. */
export function portalContact(record: ContactRecord, features: readonly string[]): PortalContact {
  const keep = new Set([...features, 'lifecyclestage']);
  const properties = Object.fromEntries(Object.entries(record.properties).filter(([name]) => keep.has(name)));
  const all = record.propertiesWithHistory ?? {};
  const history = Object.fromEntries(Object.entries(all).filter(([name]) => keep.has(name)));
  const events = eventsFromHistory(all).filter((e) => !(e.type === 'property_change' && OUTCOME_EVENT_PROPERTIES.has(String(e.property))));
  return { properties, history, events };
}
