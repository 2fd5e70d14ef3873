import type { PortalGateway } from '../hubspot/gateway.js';
import type { ContactRecord } from '../hubspot/schemas.js';
import type { PortalContact } from '../analysis/portal-rows.js';
import { seededRandom } from '../analysis/seeded-random.js';
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

/** At most this many contact ids are listed to sample from (1,000 list calls of 100 ids). */
export const MAX_SAMPLED_FROM = 100_000;

/** The contacts read, and how many the portal has (the ids listed, up to MAX_SAMPLED_FROM) they were sampled from. */
export type PortalSample = { contacts: PortalContact[]; sampledFrom: number };

/**
 * Reads a uniform sample of up to `maxContacts` of a portal's contacts for learning: first every contact id (pages
 * of 100, no properties, up to MAX_SAMPLED_FROM), then a seeded uniform sample of those ids read in batches of 50
 * (HubSpot's cap with history) with the feature properties (with their history, so a converter is described as it
 * stood before converting), the lifecycle stage with its history (the outcome), and the engagement properties'
 * history (the events). Through the gateway, so the portal's rate budget applies; `onPage` reports contacts read
 * and may stop the read by answering false. No closed-won deals (the gateway has no associations call yet), so the
 * outcome is the lifecycle stage alone.
 */
export async function readPortalContacts(
  gw: Pick<PortalGateway, 'listContacts' | 'batchReadContacts'>,
  options: SourceOptions & { seed?: number },
  onPage: (fetched: number) => Promise<boolean>,
): Promise<PortalSample> {
  const excluded = new Set(options.exclude ?? []);
  const features = [...new Set([...LEARNING_PROPERTIES, ...(options.current ? modelProperties(options.current) : []), ...(options.extra ?? [])])]
    .filter((p) => !excluded.has(p) && !OUTCOME_EVENT_PROPERTIES.has(p));
  const history = [...new Set([...features, ...SIGNAL_PROPERTIES, 'lifecyclestage'])].sort();
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await gw.listContacts({ after, properties: [], limit: 100 });
    ids.push(...page.results.map((r) => r.id));
    after = page.nextAfter ?? undefined;
  } while (after && ids.length < MAX_SAMPLED_FROM);
  const sample = uniformSample(ids, options.maxContacts, options.seed ?? 1);
  const out: PortalContact[] = [];
  for (let at = 0; at < sample.length; at += 50) {
    const { results } = await gw.batchReadContacts(sample.slice(at, at + 50), history, history);
    out.push(...results.map((r) => portalContact(r, features)));
    if (!(await onPage(out.length))) break;
  }
  return { contacts: out, sampledFrom: ids.length };
}

/** `k` of `ids` drawn uniformly without replacement (seeded partial Fisher–Yates), in their listed order. */
export function uniformSample(ids: readonly string[], k: number, seed: number): string[] {
  if (ids.length <= k) return [...ids];
  const random = seededRandom(seed);
  const order = ids.map((_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, k).sort((a, b) => a - b).map((i) => ids[i]!);
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
