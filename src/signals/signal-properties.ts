/**
 * Which HubSpot contact properties carry engagement, and how a value of each becomes a scoring event
 * (SCORING-MODEL.md "Events", ARCHITECTURE.md "Signals"). The table is the one place to extend when HubSpot
 * grows a new engagement property.
 */

/** The property's value is the time of the event (e.g. `hs_email_last_open_date`). */
export type DatedMapping = { kind: 'dated'; type: string };

/**
 * The property's value is an attribute of the event (e.g. the URL of a page view); its time comes from a
 * companion property when known, else from when the value changed.
 */
export type ValuedMapping = { kind: 'valued'; type: string; attr: string; timeProperty: string };

export type SignalMapping = DatedMapping | ValuedMapping;

/** Engagement property → event. Names from PLATFORM.md §6 (available on every tier). */
export const SIGNAL_MAPPINGS: Readonly<Record<string, SignalMapping>> = Object.freeze({
  hs_email_last_open_date: { kind: 'dated', type: 'email_open' },
  hs_email_last_click_date: { kind: 'dated', type: 'email_click' },
  hs_email_last_reply_date: { kind: 'dated', type: 'email_reply' },
  engagements_last_meeting_booked: { kind: 'dated', type: 'meeting_booked' },
  notes_last_contacted: { kind: 'dated', type: 'call' },
  recent_conversion_event_name: {
    kind: 'valued', type: 'form_submission', attr: 'form', timeProperty: 'recent_conversion_date',
  },
  hs_analytics_last_url: {
    kind: 'valued', type: 'page_view', attr: 'url', timeProperty: 'hs_analytics_last_visit_timestamp',
  },
});

/**
 * Properties whose changes are recorded as `property_change {property, value}` events, so a model can reward
 * e.g. a lead-status change. Kept short on purpose: every entry grows each contact's ledger.
 */
export const WATCHED_PROPERTIES: readonly string[] = Object.freeze(['lifecyclestage', 'hs_lead_status', 'hs_email_optout']);

/**
 * Event types whose time is approximate (the time a value changed, seen through a webhook's `occurredAt` or a
 * history entry's timestamp, which differ by a few seconds for the same change). Two such events with the same
 * attributes closer than {@link APPROXIMATE_TIME_TOLERANCE_MS} are the same event.
 */
export const APPROXIMATE_TIME_TYPES: ReadonlySet<string> = new Set(['page_view', 'form_submission', 'property_change']);
export const APPROXIMATE_TIME_TOLERANCE_MS = 10 * 60_000;

/** Every engagement property the sync reads and the webhooks subscription should watch. */
export const SIGNAL_PROPERTIES: readonly string[] = Object.freeze(
  [
    ...new Set([
      ...Object.keys(SIGNAL_MAPPINGS),
      ...Object.values(SIGNAL_MAPPINGS).flatMap((m) => (m.kind === 'valued' ? [m.timeProperty] : [])),
      ...WATCHED_PROPERTIES,
    ]),
  ].sort(),
);
