/**
 * The event types the app records (src/signals: SIGNAL_MAPPINGS' types and `property_change` for the watched
 * properties), with the attributes a rule's `where` can test. A test checks this list against the signals
 * table, so a new event type cannot be missing here.
 */
export const EVENT_TYPES: { value: string; label: string; attributes: string[] }[] = [
  { value: 'page_view', label: 'Page view', attributes: ['url'] },
  { value: 'form_submission', label: 'Form submission', attributes: ['form'] },
  { value: 'email_open', label: 'Email opened', attributes: [] },
  { value: 'email_click', label: 'Email clicked', attributes: [] },
  { value: 'email_reply', label: 'Email replied', attributes: [] },
  { value: 'meeting_booked', label: 'Meeting booked', attributes: [] },
  { value: 'call', label: 'Call or sales touch', attributes: [] },
  { value: 'property_change', label: 'Property changed (lifecycle stage, lead status, email opt-out)', attributes: ['property', 'value'] },
];

/** "Tests: url" for a where clause, or a note that the type carries no attributes. */
export function attributesOf(type: string): string {
  const known = EVENT_TYPES.find((t) => t.value === type);
  if (!known) return 'An attribute of the event, as recorded';
  return known.attributes.length ? `This event has: ${known.attributes.join(', ')}` : 'This event type records no attributes';
}
