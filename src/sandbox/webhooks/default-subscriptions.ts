/**
 * What the sandbox's demo app subscribes to when no HubSpot project webhooks file is given: contact creation,
 * deletion, merge and privacy deletion, and property changes of the engagement and fit properties the seed data
 * carries. Never the app's own output properties (its writes would echo back as events).
 */
const WATCHED = [
  'hs_analytics_last_url', 'hs_analytics_last_visit_timestamp', 'hs_analytics_num_visits', 'hs_analytics_num_page_views',
  'hs_email_last_open_date', 'hs_email_last_click_date', 'hs_email_last_reply_date', 'hs_email_optout',
  'recent_conversion_event_name', 'recent_conversion_date', 'num_conversion_events',
  'engagements_last_meeting_booked', 'notes_last_contacted', 'hs_last_sales_activity_timestamp',
  'lifecyclestage', 'jobtitle', 'company', 'industry', 'numberofemployees', 'country',
];

export const DEFAULT_SUBSCRIPTIONS = [
  { subscriptionType: 'contact.creation' },
  { subscriptionType: 'contact.deletion' },
  { subscriptionType: 'contact.merge' },
  { subscriptionType: 'contact.privacyDeletion' },
  ...WATCHED.map((propertyName) => ({ subscriptionType: 'contact.propertyChange', propertyName })),
];
