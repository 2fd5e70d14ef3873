import { describe, expect, it } from 'vitest';
import { eventsFromChange } from '../../src/signals/events-from-change.js';

const occurredAt = 1705312800000; // 2024-01-15T10:00:00Z

describe('eventsFromChange', () => {
  it('turns a new last-open date into an email_open at that date', () => {
    expect(eventsFromChange({ property: 'hs_email_last_open_date', value: '1705000000000', occurredAt }))
      .toEqual([{ type: 'email_open', at: 1705000000000 }]);
  });
  it('turns click, reply, meeting and call dates into their events', () => {
    const at = '2024-01-10T08:00:00.000Z';
    const ms = 1704873600000;
    expect(eventsFromChange({ property: 'hs_email_last_click_date', value: at, occurredAt })).toEqual([{ type: 'email_click', at: ms }]);
    expect(eventsFromChange({ property: 'hs_email_last_reply_date', value: at, occurredAt })).toEqual([{ type: 'email_reply', at: ms }]);
    expect(eventsFromChange({ property: 'engagements_last_meeting_booked', value: at, occurredAt })).toEqual([{ type: 'meeting_booked', at: ms }]);
    expect(eventsFromChange({ property: 'notes_last_contacted', value: at, occurredAt })).toEqual([{ type: 'call', at: ms }]);
  });
  it('turns a new conversion name into a form_submission at occurredAt', () => {
    expect(eventsFromChange({ property: 'recent_conversion_event_name', value: 'Demo request', occurredAt }))
      .toEqual([{ type: 'form_submission', at: occurredAt, form: 'Demo request' }]);
  });
  it('turns a new last URL into a page_view at occurredAt', () => {
    expect(eventsFromChange({ property: 'hs_analytics_last_url', value: 'https://x.io/pricing', occurredAt }))
      .toEqual([{ type: 'page_view', at: occurredAt, url: 'https://x.io/pricing' }]);
  });
  it('records a watched property as a property_change', () => {
    expect(eventsFromChange({ property: 'hs_lead_status', value: 'IN_PROGRESS', occurredAt }))
      .toEqual([{ type: 'property_change', at: occurredAt, property: 'hs_lead_status', value: 'IN_PROGRESS' }]);
  });
  it('yields nothing for a fit property, a cleared value or an unreadable date', () => {
    expect(eventsFromChange({ property: 'jobtitle', value: 'CTO', occurredAt })).toEqual([]);
    expect(eventsFromChange({ property: 'hs_analytics_last_url', value: '', occurredAt })).toEqual([]);
    expect(eventsFromChange({ property: 'hs_email_last_open_date', value: null, occurredAt })).toEqual([]);
    expect(eventsFromChange({ property: 'hs_email_last_open_date', value: 'soon', occurredAt })).toEqual([]);
  });
});
