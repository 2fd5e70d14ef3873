import type { PropertyDefinition, PropertyGroup, PropertyType } from './property-registry.js';

/**
 * The HubSpot-defined properties the app and the seed data touch, per object type, with the types, field types,
 * groups and read-only flags HubSpot gives them (engagement and analytics properties are read-only through the
 * API: only HubSpot's own tools set them, which here means the seeder and the activity simulator). Plus the
 * `xed_*` custom group holding the lead dataset's own columns.
 */
type Row = [name: string, label: string, type: PropertyType, fieldType: string, group: string, flags?: string, options?: string[]];

const CONTACT_GROUPS: PropertyGroup[] = [
  { name: 'contactinformation', label: 'Contact information', displayOrder: 0 },
  { name: 'analyticsinformation', label: 'Web analytics history', displayOrder: 1 },
  { name: 'emailinformation', label: 'Email information', displayOrder: 2 },
  { name: 'conversioninformation', label: 'Conversion information', displayOrder: 3 },
  { name: 'sales_properties', label: 'Sales properties', displayOrder: 4 },
  { name: 'x_education', label: 'X Education lead dataset', displayOrder: 5 },
];

const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
const LEAD_STATUS = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'];
const SOURCES = ['ORGANIC_SEARCH', 'PAID_SEARCH', 'EMAIL_MARKETING', 'SOCIAL_MEDIA', 'REFERRALS', 'OTHER_CAMPAIGNS', 'DIRECT_TRAFFIC', 'OFFLINE', 'PAID_SOCIAL'];
const DEAL_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'];

// flags: r = read-only value, u = unique value, h = hidden
/** The record id and timestamps every object type has (contacts name the modified date without `hs_`). */
const recordRows = (group: string, modified: string): Row[] => [
  ['hs_object_id', 'Record ID', 'number', 'number', group, 'r'],
  ['createdate', 'Create Date', 'datetime', 'date', group, 'r'],
  [modified, 'Last Modified Date', 'datetime', 'date', group, 'r'],
];

const CONTACT_ROWS: Row[] = [
  ...recordRows('contactinformation', 'lastmodifieddate'),
  ['firstname', 'First Name', 'string', 'text', 'contactinformation'],
  ['lastname', 'Last Name', 'string', 'text', 'contactinformation'],
  ['email', 'Email', 'string', 'text', 'contactinformation', 'u'],
  ['hs_email_domain', 'Email Domain', 'string', 'text', 'contactinformation', 'r'],
  ['phone', 'Phone Number', 'string', 'text', 'contactinformation'],
  ['company', 'Company Name', 'string', 'text', 'contactinformation'],
  ['jobtitle', 'Job Title', 'string', 'text', 'contactinformation'],
  ['industry', 'Industry', 'string', 'text', 'contactinformation'],
  ['numberofemployees', 'Number of Employees', 'number', 'number', 'contactinformation'],
  ['country', 'Country/Region', 'string', 'text', 'contactinformation'],
  ['city', 'City', 'string', 'text', 'contactinformation'],
  ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', 'contactinformation', '', LIFECYCLE],
  ['hs_lead_status', 'Lead Status', 'enumeration', 'radio', 'sales_properties', '', LEAD_STATUS],
  ['hs_analytics_source', 'Original Traffic Source', 'enumeration', 'select', 'analyticsinformation', 'r', SOURCES],
  ['hs_analytics_source_data_1', 'Original Traffic Source Drill-Down 1', 'string', 'text', 'analyticsinformation', 'r'],
  ['hs_analytics_num_visits', 'Number of Sessions', 'number', 'number', 'analyticsinformation', 'r'],
  ['hs_analytics_num_page_views', 'Number of Pageviews', 'number', 'number', 'analyticsinformation', 'r'],
  ['hs_analytics_last_url', 'Last Page Seen', 'string', 'text', 'analyticsinformation', 'r'],
  ['hs_analytics_last_visit_timestamp', 'Time of Last Session', 'datetime', 'date', 'analyticsinformation', 'r'],
  ['hs_email_open', 'Marketing emails opened', 'number', 'number', 'emailinformation', 'r'],
  ['hs_email_click', 'Marketing emails clicked', 'number', 'number', 'emailinformation', 'r'],
  ['hs_email_bounce', 'Marketing emails bounced', 'number', 'number', 'emailinformation', 'r'],
  ['hs_email_last_open_date', 'Last marketing email open date', 'datetime', 'date', 'emailinformation', 'r'],
  ['hs_email_last_click_date', 'Last marketing email click date', 'datetime', 'date', 'emailinformation', 'r'],
  ['hs_email_last_reply_date', 'Last email reply date', 'datetime', 'date', 'emailinformation', 'r'],
  ['hs_email_optout', 'Unsubscribed from all email', 'bool', 'booleancheckbox', 'emailinformation', 'r', ['true', 'false']],
  ['num_conversion_events', 'Number of Form Submissions', 'number', 'number', 'conversioninformation', 'r'],
  ['recent_conversion_event_name', 'Recent Conversion', 'string', 'text', 'conversioninformation', 'r'],
  ['recent_conversion_date', 'Recent Conversion Date', 'datetime', 'date', 'conversioninformation', 'r'],
  ['first_conversion_event_name', 'First Conversion', 'string', 'text', 'conversioninformation', 'r'],
  ['notes_last_contacted', 'Last Contacted', 'datetime', 'date', 'sales_properties', 'r'],
  ['num_contacted_notes', 'Number of times contacted', 'number', 'number', 'sales_properties', 'r'],
  ['hs_last_sales_activity_timestamp', 'Last Engagement Date', 'datetime', 'date', 'sales_properties', 'r'],
  ['engagements_last_meeting_booked', 'Date of last meeting booked in meetings tool', 'datetime', 'date', 'sales_properties', 'r'],
  ['xed_prospect_id', 'Prospect ID', 'string', 'text', 'x_education', 'u'],
  ['xed_lead_number', 'Lead Number', 'string', 'text', 'x_education'],
  ['xed_lead_origin', 'Lead Origin', 'string', 'text', 'x_education'],
  ['xed_occupation', 'Current occupation', 'string', 'text', 'x_education'],
  ['xed_specialization', 'Specialization', 'string', 'text', 'x_education'],
  ['xed_course_priority', 'What matters most in choosing a course', 'string', 'text', 'x_education'],
  ['xed_heard_from', 'How did you hear about X Education', 'string', 'text', 'x_education'],
  ['xed_time_on_website', 'Total time spent on website (s)', 'number', 'number', 'x_education'],
  ['xed_free_ebook', 'Downloaded Mastering The Interview', 'bool', 'booleancheckbox', 'x_education', '', ['true', 'false']],
  ['xed_do_not_call', 'Do Not Call', 'bool', 'booleancheckbox', 'x_education', '', ['true', 'false']],
  ['xed_last_activity', 'Last Activity (dataset)', 'string', 'text', 'x_education'],
  // Recorded by sales after talking to the lead, some after the outcome: kept so the analysis can flag leakage.
  ['xed_tags', 'Tags (recorded by sales)', 'string', 'text', 'x_education'],
  ['xed_lead_quality', 'Lead Quality (recorded by sales)', 'string', 'text', 'x_education'],
  ['xed_lead_profile', 'Lead Profile (recorded by sales)', 'string', 'text', 'x_education'],
  ['xed_last_notable_activity', 'Last Notable Activity (dataset)', 'string', 'text', 'x_education'],
];

const DEAL_ROWS: Row[] = [
  ...recordRows('dealinformation', 'hs_lastmodifieddate'),
  ['dealname', 'Deal Name', 'string', 'text', 'dealinformation'],
  ['dealstage', 'Deal Stage', 'enumeration', 'radio', 'dealinformation', '', DEAL_STAGES],
  ['pipeline', 'Pipeline', 'enumeration', 'select', 'dealinformation', '', ['default']],
  ['amount', 'Amount', 'number', 'number', 'dealinformation'],
  ['closedate', 'Close Date', 'datetime', 'date', 'dealinformation'],
];

const COMPANY_ROWS: Row[] = [
  ...recordRows('companyinformation', 'hs_lastmodifieddate'),
  ['name', 'Company name', 'string', 'text', 'companyinformation'],
  ['domain', 'Company Domain Name', 'string', 'text', 'companyinformation'],
  ['industry', 'Industry', 'string', 'text', 'companyinformation'],
  ['numberofemployees', 'Number of Employees', 'number', 'number', 'companyinformation'],
];

/**
 * Option labels as HubSpot's own definitions show them (an option's label is what its property picker and
 * record pages display; the value is what the API stores). Others read as their value in words.
 */
const OPTION_LABELS: Record<string, string> = {
  subscriber: 'Subscriber', lead: 'Lead', marketingqualifiedlead: 'Marketing Qualified Lead', salesqualifiedlead: 'Sales Qualified Lead',
  opportunity: 'Opportunity', customer: 'Customer', evangelist: 'Evangelist', other: 'Other', OFFLINE: 'Offline Sources',
  true: 'Yes', false: 'No',
};
const optionLabel = (value: string) => OPTION_LABELS[value]
  ?? (/^[A-Z_]+$/.test(value) ? value.toLowerCase().split('_').map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ') : value);

function toDefinition(row: Row, index: number, at: number): PropertyDefinition {
  const [name, label, type, fieldType, groupName, flags = '', options = []] = row;
  return {
    name, label, type, fieldType, groupName, description: '', displayOrder: index, hubspotDefined: !name.startsWith('xed_'),
    readOnlyValue: flags.includes('r'), hidden: flags.includes('h'), formField: !flags.includes('r'),
    hasUniqueValue: flags.includes('u'), createdAt: at, updatedAt: at,
    options: options.map((value, i) => ({ label: optionLabel(value), value, displayOrder: i, hidden: false })),
  };
}

/** Object types the sandbox stores, by the name used in API paths. */
export type ObjectTypeName = 'contacts' | 'deals' | 'companies';

/** The starting property groups and definitions of a new portal, per object type. */
export function defaultProperties(at: number): Record<ObjectTypeName, { groups: PropertyGroup[]; defs: PropertyDefinition[] }> {
  return {
    contacts: { groups: CONTACT_GROUPS, defs: CONTACT_ROWS.map((r, i) => toDefinition(r, i, at)) },
    deals: { groups: [{ name: 'dealinformation', label: 'Deal information', displayOrder: 0 }], defs: DEAL_ROWS.map((r, i) => toDefinition(r, i, at)) },
    companies: { groups: [{ name: 'companyinformation', label: 'Company information', displayOrder: 0 }], defs: COMPANY_ROWS.map((r, i) => toDefinition(r, i, at)) },
  };
}
