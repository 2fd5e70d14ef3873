import type { CrmRecord } from '../crm/object-store.js';
import type { Portal } from '../crm/portal.js';
import type { Rng } from '../seed/prng.js';
import { PAGES, SITE } from '../seed/vocabulary.js';

/**
 * What a lead can do, as the HubSpot properties it changes (HubSpot's own tools set these read-only properties:
 * analytics for visits, the email tool for opens and clicks, forms, the meetings tool). Each becomes property
 * history and, for subscribed apps, propertyChange webhooks.
 */
export type ActivityKind = 'page_view' | 'email_open' | 'email_click' | 'email_reply' | 'form_submission' | 'meeting_booked';
export type Activity = { portalId: number; contactId: string; kind: ActivityKind; at: number; changes: Record<string, string> };

export const ACTIVITY_WEIGHTS: readonly (readonly [ActivityKind, number])[] = [
  ['page_view', 40], ['email_open', 22], ['email_click', 12], ['form_submission', 13], ['meeting_booked', 6], ['email_reply', 3],
];
const FORMS: readonly (readonly [string, number])[] = [
  ['Demo request', 30], ['Contact us', 20], ['Course brochure download', 25], ['Webinar registration', 15], ['Pricing enquiry', 10],
];
const SOURCE: Record<ActivityKind, string> = {
  page_view: 'ANALYTICS', email_open: 'EMAIL', email_click: 'EMAIL', email_reply: 'EMAIL', form_submission: 'FORM', meeting_booked: 'MEETINGS',
};

const plus = (portal: Portal, rec: CrmRecord, name: string, by: number) => String(Number(portal.value('contacts', rec, name) ?? 0) + by);

function changesFor(kind: ActivityKind, portal: Portal, rec: CrmRecord, rng: Rng, iso: string): Record<string, string> {
  switch (kind) {
    case 'page_view': {
      const path = rng.chance(0.2) ? '/pricing' : rng.pick(PAGES);
      return {
        hs_analytics_last_url: `${SITE}${path}`, hs_analytics_last_visit_timestamp: iso,
        hs_analytics_num_visits: plus(portal, rec, 'hs_analytics_num_visits', 1), hs_analytics_num_page_views: plus(portal, rec, 'hs_analytics_num_page_views', rng.int(1, 3)),
      };
    }
    case 'email_open': return { hs_email_last_open_date: iso, hs_email_open: plus(portal, rec, 'hs_email_open', 1) };
    case 'email_click': return {
      hs_email_last_open_date: iso, hs_email_open: plus(portal, rec, 'hs_email_open', 1),
      hs_email_last_click_date: iso, hs_email_click: plus(portal, rec, 'hs_email_click', 1),
    };
    case 'email_reply': return { hs_email_last_reply_date: iso };
    case 'form_submission': {
      const out: Record<string, string> = {
        recent_conversion_event_name: rng.weighted(FORMS), recent_conversion_date: iso, num_conversion_events: plus(portal, rec, 'num_conversion_events', 1),
      };
      if (!portal.value('contacts', rec, 'first_conversion_event_name')) out.first_conversion_event_name = out.recent_conversion_event_name!;
      return out;
    }
    case 'meeting_booked': return { engagements_last_meeting_booked: iso, hs_last_sales_activity_timestamp: iso };
  }
}

/** Applies one activity of `kind` (contacts who opted out of email visit the site instead). */
export function performActivity(portal: Portal, rec: CrmRecord, kind: ActivityKind, rng: Rng, at: number): Activity {
  const optedOut = portal.value('contacts', rec, 'hs_email_optout') === 'true';
  const actual: ActivityKind = optedOut && kind.startsWith('email_') ? 'page_view' : kind;
  const changes = changesFor(actual, portal, rec, rng, new Date(at).toISOString());
  const { values, problems } = portal.validate('contacts', changes, true);
  if (problems.length) throw new Error(`simulated ${actual}: ${problems.map((p) => p.message).join('; ')}`);
  const changed = portal.update('contacts', rec, values, { sourceType: SOURCE[actual] }, { at });
  // Only what changed: an activity repeating a value at the same instant records and fires nothing.
  return { portalId: portal.id, contactId: rec.id, kind: actual, at, changes: Object.fromEntries(changed.map((n) => [n, values[n]!])) };
}
