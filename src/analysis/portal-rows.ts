import { z } from 'zod';
import { parseTime, type HistoryEntry, type PropertyHistory } from '../signals/index.js';
import type { LabelledContact } from './labelled-contact.js';
import type { ScoringEvent } from './model-types.js';
import { eventTime } from './event-features.js';

/** A contact as the portal source reads it: current values, property history, events, closed-won deal dates. */
export type PortalContact = {
  properties: Record<string, string | null | undefined>;
  history?: PropertyHistory;
  events?: ScoringEvent[];
  /** Close dates (epoch ms or ISO 8601) of the contact's associated closed-won deals. */
  closedWonAt?: (string | number)[];
};

/** HubSpot's default lifecycle stages, in order; a contact "reached" a stage when it was at it or beyond. */
const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist'];

/** What counts as converted in a portal. */
export const PortalOutcomeSchema = z.object({
  /** Converted = reached this lifecycle stage (or a later one)… */
  reached: z.enum(['opportunity', 'customer']).default('customer'),
  /** …or has an associated closed-won deal. */
  closedWonDeals: z.boolean().default(true),
});
export type PortalOutcomeInput = z.input<typeof PortalOutcomeSchema>;

/**
 * Properties that record the outcome itself (the lifecycle stage and its dates and durations, deal roll-ups):
 * never features, whatever the leakage guard would say.
 */
const OUTCOME_PROPERTY = /^(lifecyclestage|hs_lifecyclestage_.*|hs_(v2_)?date_(entered|exited)_.*|hs_(v2_)?time_in_.*|hs_v2_cumulative_time_in_.*|num_associated_deals|recent_deal_amount|recent_deal_close_date|total_revenue|first_deal_created_date|days_to_close|hs_time_between_contact_creation_and_deal_.*)$/;

/**
 * Labelled contacts from a portal: converted when the lifecycle stage reached the target (per its history, its
 * `hs_lifecyclestage_<stage>_date` properties or its current value) or a closed-won deal exists; `convertedAt` is
 * the earliest such time. A converter is described as it stood just before converting, where history allows:
 * each property with history takes the value it had then (`recordedAt` = when that value was set), and only the
 * events before the conversion are kept, with `observedAt` = the conversion time. Others are described as of now.
 * Outcome properties are dropped (listed in `dropped`).
 */
export function labelledFromPortal(
  contacts: readonly PortalContact[],
  now: number,
  outcome: PortalOutcomeInput = {},
): { rows: LabelledContact[]; dropped: string[] } {
  const { reached, closedWonDeals: useDeals } = PortalOutcomeSchema.parse(outcome);
  const target = LIFECYCLE.indexOf(reached);
  const dropped = new Set<string>();
  const rows = contacts.map((c): LabelledContact => {
    const times: number[] = [];
    for (const e of c.history?.lifecyclestage ?? []) {
      const at = parseTime(e.timestamp);
      if (at !== null && rank(e.value) >= target) times.push(at);
    }
    for (const stage of LIFECYCLE.slice(target)) {
      const at = parseTime(c.properties[`hs_lifecyclestage_${stage}_date`]);
      if (at !== null) times.push(at);
    }
    if (useDeals) for (const d of c.closedWonAt ?? []) times.push(...nonNull(parseTime(d)));
    const convertedAt = times.length ? Math.min(...times) : undefined;
    const converted = convertedAt !== undefined || rank(c.properties.lifecyclestage) >= target || (useDeals && (c.closedWonAt?.length ?? 0) > 0);
    const cutoff = converted ? convertedAt : undefined;
    const properties: Record<string, string | null | undefined> = {};
    const recordedAt: Record<string, number> = {};
    for (const [name, value] of Object.entries(c.properties)) {
      if (OUTCOME_PROPERTY.test(name)) {
        dropped.add(name);
        continue;
      }
      const entry = asOf(c.history?.[name], cutoff ?? now);
      properties[name] = cutoff !== undefined && c.history?.[name] ? (entry?.value ?? null) : value;
      const setAt = entry ? parseTime(entry.timestamp) : null;
      if (setAt !== null) recordedAt[name] = setAt;
    }
    const events = (c.events ?? []).filter((e) => cutoff === undefined || eventTime(e.at) < cutoff);
    return {
      properties,
      events,
      converted,
      ...(cutoff !== undefined ? { convertedAt: cutoff, observedAt: cutoff } : {}),
      ...(Object.keys(recordedAt).length ? { recordedAt } : {}),
    };
  });
  return { rows, dropped: [...dropped].sort() };
}

function rank(stage: string | null | undefined): number {
  return stage ? LIFECYCLE.indexOf(stage.trim().toLowerCase()) : -1;
}

/** The history entry in force just before `cutoff`: the newest one set strictly before it. */
function asOf(entries: readonly HistoryEntry[] | undefined, cutoff: number): HistoryEntry | undefined {
  let best: { entry: HistoryEntry; at: number } | undefined;
  for (const entry of entries ?? []) {
    const at = parseTime(entry.timestamp);
    if (at !== null && at < cutoff && (!best || at > best.at)) best = { entry, at };
  }
  return best?.entry;
}

function nonNull(x: number | null): number[] {
  return x === null ? [] : [x];
}
