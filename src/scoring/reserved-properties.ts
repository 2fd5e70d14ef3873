import type { PathIssue } from './check-model.js';
import type { Model } from './model-schema.js';
import { outputNames } from './outputs.js';

/**
 * HubSpot's default contact properties (HubSpot's "HubSpot's default contact properties" knowledge-base page and
 * the CRM properties API, `GET /crm/v3/properties/contacts`, where they carry `hubspotDefined: true`), plus every
 * name starting with `hs_`, the prefix HubSpot reserves for its own. A model whose outputs would land on one is
 * refused before any portal is read: the app writes only properties it created.
 */
export const HUBSPOT_DEFAULT_CONTACT_PROPERTIES: ReadonlySet<string> = new Set([
  'address', 'annualrevenue', 'associatedcompanyid', 'associatedcompanylastupdated', 'city', 'closedate', 'company',
  'company_size', 'country', 'createdate', 'currentlyinworkflow', 'date_of_birth', 'days_to_close', 'degree', 'email',
  'engagements_last_meeting_booked', 'engagements_last_meeting_booked_campaign', 'engagements_last_meeting_booked_medium',
  'engagements_last_meeting_booked_source', 'fax', 'field_of_study', 'first_conversion_date', 'first_conversion_event_name',
  'first_deal_created_date', 'firstname', 'followercount', 'gender', 'graduation_date', 'hubspot_owner_assigneddate',
  'hubspot_owner_id', 'hubspot_team_id', 'hubspotscore', 'industry', 'ip_city', 'ip_country', 'ip_country_code',
  'ip_latlon', 'ip_state', 'ip_state_code', 'ip_zipcode', 'job_function', 'jobtitle', 'kloutscoregeneral', 'lastmodifieddate',
  'lastname', 'lifecyclestage', 'linkedinbio', 'linkedinconnections', 'marital_status', 'message', 'military_status',
  'mobilephone', 'notes_last_contacted', 'notes_last_updated', 'notes_next_activity_date', 'num_associated_deals',
  'num_contacted_notes', 'num_conversion_events', 'num_notes', 'num_unique_conversion_events', 'numemployees',
  'numberofemployees', 'owneremail', 'ownername', 'phone', 'photo', 'recent_conversion_date', 'recent_conversion_event_name',
  'recent_deal_amount', 'recent_deal_close_date', 'relationship_status', 'salutation', 'school', 'seniority', 'start_date',
  'state', 'surveymonkeyeventlastupdated', 'total_revenue', 'twitterbio', 'twitterhandle', 'twitterprofilephoto',
  'webinareventlastupdated', 'website', 'work_email', 'zip',
]);

/** Whether a contact property name belongs to HubSpot (a default property, or `hs_…`). */
export function isHubSpotProperty(name: string): boolean {
  return name.startsWith('hs_') || HUBSPOT_DEFAULT_CONTACT_PROPERTIES.has(name);
}

/** The output properties of a prefix that would land on HubSpot's own properties, as errors at `propertyPrefix`. */
export function reservedOutputIssues(doc: unknown): PathIssue[] {
  const prefix = typeof doc === 'object' && doc !== null ? (doc as { propertyPrefix?: unknown }).propertyPrefix : undefined;
  if (typeof prefix !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(prefix)) return [];
  const hits = Object.values(outputNames({ propertyPrefix: prefix } as Model)).filter(isHubSpotProperty);
  if (!hits.length) return [];
  return [{
    path: ['propertyPrefix'],
    message: `the outputs would overwrite HubSpot's own contact propert${hits.length > 1 ? 'ies' : 'y'} ${hits.map((h) => `"${h}"`).join(', ')}: choose another prefix (the app writes only properties it creates)`,
  }];
}
