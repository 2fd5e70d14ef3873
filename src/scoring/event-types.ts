/**
 * The event types the sync derives from HubSpot data, with their attributes (SCORING-MODEL.md "Events"). Other
 * types are allowed in a model, but nothing sends them: a rule on one is a warning, not an error.
 */
export const STANDARD_EVENT_TYPES = {
  page_view: ['url'],
  form_submission: ['form'],
  email_open: ['campaign'],
  email_click: ['campaign', 'url'],
  email_reply: [],
  meeting_booked: [],
  call: [],
  property_change: ['property', 'value'],
} as const satisfies Record<string, readonly string[]>;

export type StandardEventType = keyof typeof STANDARD_EVENT_TYPES;
