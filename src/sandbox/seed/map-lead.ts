import type { LeadRow } from './lead-row.js';
import type { Rng } from './prng.js';
import { COMPANIES, EMPLOYEE_BUCKETS, FIRST_NAMES, LAST_NAMES, OWNER_TITLES, SENIORITY, SPECIALIZATIONS } from './vocabulary.js';

/**
 * A dataset row → the contact's descriptive HubSpot properties (engagement comes from engagement.ts), following
 * data/README.md: Lead Source → hs_analytics_source (HubSpot's source enumeration; the raw value in drill-down
 * 1), TotalVisits → hs_analytics_num_visits, Specialization → industry (mapped to an industry name; raw kept in
 * xed_specialization), Do Not Email → hs_email_optout, Country/City, and the remaining columns as `xed_*`.
 * Names, emails and employers are synthesized; working professionals and business owners (and a share of leads
 * whose occupation is unknown) get B2B fields: a job title with seniority, a company with a size and industry.
 */
const SOURCES: Record<string, string> = {
  google: 'PAID_SEARCH', bing: 'PAID_SEARCH', 'pay per click ads': 'PAID_SEARCH', 'organic search': 'ORGANIC_SEARCH',
  'direct traffic': 'DIRECT_TRAFFIC', reference: 'REFERRALS', 'referral sites': 'REFERRALS', 'welingak website': 'REFERRALS',
  blog: 'REFERRALS', facebook: 'SOCIAL_MEDIA', 'social media': 'SOCIAL_MEDIA', youtubechannel: 'SOCIAL_MEDIA',
  click2call: 'OFFLINE', 'olark chat': 'OTHER_CAMPAIGNS', 'live chat': 'OTHER_CAMPAIGNS', nc_edm: 'EMAIL_MARKETING',
};

export type LeadCompany = { name: string; domain: string; industry: string; numberofemployees: string };
export type LeadProfile = { properties: Record<string, string>; company?: LeadCompany; program: string };

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

function jobTitle(row: LeadRow, rng: Rng, fn: string): string | undefined {
  if (row.occupation === 'Businessman') return rng.pick(OWNER_TITLES);
  if (row.occupation === 'Student') return 'Student';
  if (row.occupation === 'Working Professional' || row.occupation === '') return rng.weighted(SENIORITY).replace('{fn}', fn);
  return undefined;
}

/** `cycle` > 0 when more contacts than rows are seeded: the row is reused with a fresh identity. */
export function mapLead(row: LeadRow, cycle: number, rng: Rng): LeadProfile {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const spec = SPECIALIZATIONS[row.specialization];
  const fn = spec?.fn ?? rng.pick(['Operations', 'Sales', 'Marketing', 'Finance']);
  // Unknown occupation: a quarter are treated as professionals so fit rules have realistic material to work on.
  const b2b = row.occupation === 'Working Professional' || row.occupation === 'Businessman' || (row.occupation === '' && rng.chance(0.25));
  const title = b2b || row.occupation === 'Student' ? jobTitle(row, rng, fn) : undefined;
  let company: LeadCompany | undefined;
  if (b2b) {
    const name = rng.pick(COMPANIES);
    const industry = spec?.industry ?? rng.pick(['Computer Software', 'Financial Services', 'Information Technology and Services']);
    company = { name, domain: `${slug(name)}.example`, industry, numberofemployees: String(rng.weighted(EMPLOYEE_BUCKETS)) };
  }
  // Personal addresses on free-mail names under the reserved .example TLD: realistic, and never anyone's inbox.
  const emailDomain = company?.domain ?? rng.pick(['gmail.example', 'yahoo.example', 'outlook.example', 'hotmail.example']);
  const properties: Record<string, string> = {
    firstname: first, lastname: last,
    email: `${slug(first)}.${slug(last)}.${row.leadNumber}${cycle ? `-${cycle}` : ''}@${emailDomain}`,
    lifecyclestage: 'lead',
    hs_analytics_source: SOURCES[row.source.toLowerCase()] ?? (row.source ? 'OTHER_CAMPAIGNS' : ''),
    hs_analytics_source_data_1: row.source,
    hs_email_optout: row.doNotEmail ? 'true' : 'false',
    country: row.country, city: row.city,
    industry: spec?.industry ?? company?.industry ?? '',
    jobtitle: title ?? '', company: company?.name ?? '', numberofemployees: company?.numberofemployees ?? '',
    xed_prospect_id: cycle ? `${row.prospectId}-${cycle}` : row.prospectId, xed_lead_number: row.leadNumber, xed_lead_origin: row.origin,
    xed_occupation: row.occupation, xed_specialization: row.specialization, xed_course_priority: row.coursePriority,
    xed_heard_from: row.heardFrom, xed_time_on_website: String(row.timeOnSite), xed_free_ebook: row.freeEbook ? 'true' : 'false',
    xed_do_not_call: row.doNotCall ? 'true' : 'false', xed_last_activity: row.lastActivity, xed_tags: row.tags,
    xed_lead_quality: row.leadQuality, xed_lead_profile: row.leadProfile, xed_last_notable_activity: row.lastNotableActivity,
  };
  for (const [k, v] of Object.entries(properties)) if (v === '') delete properties[k];
  return { properties, company, program: spec?.program ?? 'PG Diploma in Management' };
}
