import { describe, expect, it } from 'vitest';
import { eventsFromProperties } from '../../src/signals/events-from-properties.js';

describe('eventsFromProperties', () => {
  it('derives the newest event of each engagement property from current values', () => {
    const events = eventsFromProperties({
      hs_email_last_open_date: '2024-01-10T00:00:00Z',
      hs_email_last_click_date: '',
      recent_conversion_event_name: 'Demo request',
      recent_conversion_date: '2024-01-11T00:00:00Z',
      hs_analytics_last_url: 'https://x.io/pricing',
      hs_analytics_last_visit_timestamp: '2024-01-12T00:00:00Z',
      jobtitle: 'CTO',
    });
    expect(events).toEqual([
      { type: 'email_open', at: 1704844800000 },
      { type: 'form_submission', at: 1704931200000, form: 'Demo request' },
      { type: 'page_view', at: 1705017600000, url: 'https://x.io/pricing' },
    ]);
  });
  it('skips a valued property whose time is unknown', () => {
    expect(eventsFromProperties({ hs_analytics_last_url: 'https://x.io/pricing' })).toEqual([]);
  });
});
