import type { HistoryEntry } from '../crm/object-store.js';
import type { LeadRow } from './lead-row.js';
import type { Rng } from './prng.js';
import { PAGES, SITE } from './vocabulary.js';

/**
 * Engagement property histories for one lead, consistent with its row: one `hs_analytics_last_url` entry per
 * visit (up to 12 of TotalVisits), email opens/clicks and form conversions matching Last Activity, opt-outs
 * matching Do Not Email, and meetings. Timestamps fall in the last 90 days (and after the contact was created),
 * the newest at the lead's last activity. Only the dataset's own columns drive the odds (pricing-page views
 * and demo requests grow with time on site, which the real data ties to conversion): never the Converted label.
 */
export type Histories = Record<string, HistoryEntry[]>;
export type Engagement = { histories: Histories; lastActivityAt: number; mqlAt?: number };

const DAY = 86_400_000;
const FORM_ORIGINS: Record<string, string> = {
  'Landing Page Submission': 'Course enquiry (landing page)', 'Lead Add Form': 'Lead add form', 'Quick Add Form': 'Quick add form',
};
const LAST_ACTIVITY_FORMS: Record<string, string> = {
  'Form Submitted on Website': 'Contact us', 'Converted to Lead': 'Course enquiry', 'Olark Chat Conversation': 'Live chat',
};

export function synthesizeEngagement(row: LeadRow, rng: Rng, createdAt: number, now: number): Engagement {
  const start = Math.max(createdAt, now - 90 * DAY);
  const span = Math.max(0, now - start);
  const lastAt = now - Math.floor(rng.next() * Math.min(span, 30 * DAY));
  // Everything else happened before the last activity, which is the newest event.
  const randomAt = () => start + Math.floor(rng.next() * (lastAt - start));
  const h: Histories = {};
  const add = (name: string, value: string, at: number, sourceType: string) => (h[name] ??= []).push({ value, timestamp: at, sourceType });
  const iso = (t: number) => new Date(t).toISOString();
  const la = row.lastActivity;

  // Web visits: the newest one is the last activity when the row says so.
  // A few rows say "Page Visited on Website" with 0 visits: count that visit.
  const totalVisits = la === 'Page Visited on Website' ? Math.max(1, row.visits) : row.visits;
  const visits = Math.min(totalVisits, 12);
  const pricingOdds = Math.min(0.45, 0.03 + row.timeOnSite / 4000);
  const coursePage = `/courses/${(row.specialization || 'management').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  for (let i = 0; i < visits; i++) {
    const at = i === 0 && la === 'Page Visited on Website' ? lastAt : randomAt();
    const path = rng.chance(pricingOdds) ? '/pricing' : rng.chance(0.35) ? coursePage : rng.pick(PAGES);
    add('hs_analytics_last_url', `${SITE}${path}`, at, 'ANALYTICS');
    add('hs_analytics_last_visit_timestamp', iso(at), at, 'ANALYTICS');
  }
  const lastVisit = Math.max(0, ...(h.hs_analytics_last_url ?? []).map((e) => e.timestamp));
  if (totalVisits > 0) {
    add('hs_analytics_num_visits', String(totalVisits), lastVisit, 'ANALYTICS');
    add('hs_analytics_num_page_views', String(Math.max(totalVisits, Math.round(totalVisits * row.pageViewsPerVisit))), lastVisit, 'ANALYTICS');
  }

  // Email.
  const emailLast = la === 'Email Opened' || la === 'View in browser link Clicked' || la === 'Email Link Clicked';
  if (la === 'Email Bounced') add('hs_email_bounce', '1', lastAt, 'EMAIL');
  const opens = la === 'Email Bounced' ? 0 : emailLast ? rng.int(1, 4) : !row.doNotEmail && rng.chance(0.3) ? rng.int(1, 2) : 0;
  for (let i = 0; i < opens; i++) {
    const at = i === 0 && emailLast ? lastAt : randomAt();
    add('hs_email_last_open_date', iso(at), at, 'EMAIL');
  }
  const clicks = la === 'Email Link Clicked' ? rng.int(1, 2) : opens > 0 && rng.chance(0.08) ? 1 : 0;
  for (let i = 0; i < clicks; i++) {
    const at = i === 0 && la === 'Email Link Clicked' ? lastAt : randomAt();
    add('hs_email_last_click_date', iso(at), at, 'EMAIL');
  }
  if (opens) add('hs_email_open', String(opens), Math.max(...h.hs_email_last_open_date!.map((e) => e.timestamp)), 'EMAIL');
  if (clicks) add('hs_email_click', String(clicks), Math.max(...h.hs_email_last_click_date!.map((e) => e.timestamp)), 'EMAIL');
  if (la === 'Email Received') add('hs_email_last_reply_date', iso(lastAt), lastAt, 'EMAIL');
  if (row.doNotEmail || la === 'Unsubscribed') {
    add('hs_email_optout', 'false', createdAt, 'IMPORT');
    add('hs_email_optout', 'true', la === 'Unsubscribed' ? lastAt : randomAt(), 'EMAIL');
  }

  // Forms: how the lead arrived, the e-book, the last activity, and sometimes a demo request.
  const forms: { name: string; at: number }[] = [];
  if (FORM_ORIGINS[row.origin]) forms.push({ name: FORM_ORIGINS[row.origin]!, at: createdAt });
  if (row.freeEbook) forms.push({ name: 'Mastering The Interview e-book', at: randomAt() });
  if (LAST_ACTIVITY_FORMS[la]) forms.push({ name: LAST_ACTIVITY_FORMS[la]!, at: lastAt });
  if (totalVisits > 0 && rng.chance(Math.min(0.35, 0.02 + row.timeOnSite / 6000))) forms.push({ name: 'Demo request', at: randomAt() });
  forms.sort((a, b) => a.at - b.at);
  for (const f of forms) {
    add('recent_conversion_event_name', f.name, f.at, 'FORM');
    add('recent_conversion_date', iso(f.at), f.at, 'FORM');
  }
  if (forms.length) {
    add('first_conversion_event_name', forms[0]!.name, forms[0]!.at, 'FORM');
    add('num_conversion_events', String(forms.length), forms[forms.length - 1]!.at, 'FORM');
  }

  // Sales touches and meetings.
  const talked = la === 'Had a Phone Conversation' || la === 'Approached upfront';
  if (talked) { add('notes_last_contacted', iso(lastAt), lastAt, 'SALES'); add('num_contacted_notes', '1', lastAt, 'SALES'); }
  const meetingOdds = la === 'Had a Phone Conversation' ? 0.5 : row.origin === 'Lead Add Form' ? 0.25 : row.timeOnSite > 1200 ? 0.12 : 0.02;
  const meetingAt = rng.chance(meetingOdds) ? randomAt() : undefined;
  if (meetingAt !== undefined) add('engagements_last_meeting_booked', iso(meetingAt), meetingAt, 'MEETINGS');
  const salesAt = Math.max(talked ? lastAt : 0, meetingAt ?? 0);
  if (salesAt) add('hs_last_sales_activity_timestamp', iso(salesAt), salesAt, 'SALES');

  const mqlAt = forms.length && totalVisits >= 2 ? forms[0]!.at : undefined;
  return { histories: h, lastActivityAt: lastAt, mqlAt };
}

