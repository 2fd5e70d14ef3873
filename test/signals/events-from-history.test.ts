import { describe, expect, it } from 'vitest';
import { eventsFromHistory } from '../../src/signals/events-from-history.js';

describe('eventsFromHistory', () => {
  it('turns every past value of a dated property into one event at that date', () => {
    const events = eventsFromHistory({
      hs_email_last_click_date: [
        { value: '2024-01-12T00:00:00Z', timestamp: '2024-01-12T00:00:05Z', sourceType: 'EMAIL' },
        { value: '2024-01-05T00:00:00Z', timestamp: '2024-01-05T00:00:03Z', sourceType: 'EMAIL' },
      ],
    });
    expect(events).toEqual([
      { type: 'email_click', at: 1705017600000 },
      { type: 'email_click', at: 1704412800000 },
    ]);
  });
  it('dates a past conversion by the conversion date set alongside it', () => {
    const events = eventsFromHistory({
      recent_conversion_event_name: [
        { value: 'Demo request', timestamp: '2024-01-11T09:00:02Z' },
        { value: 'Ebook', timestamp: '2024-01-02T09:00:00Z' },
      ],
      recent_conversion_date: [{ value: '1704963600000', timestamp: '2024-01-11T09:00:00Z' }],
    });
    expect(events).toEqual([
      { type: 'form_submission', at: 1704963600000, form: 'Demo request' },
      // No companion date within a minute: the time of the change is used.
      { type: 'form_submission', at: 1704186000000, form: 'Ebook' },
    ]);
  });
  it('records past page views and watched properties at their change times', () => {
    const events = eventsFromHistory({
      hs_analytics_last_url: [{ value: 'https://x.io/pricing', timestamp: 1705017600000 }],
      lifecyclestage: [{ value: 'lead', timestamp: 1704067200000 }, { value: '', timestamp: 1703980800000 }],
      firstname: [{ value: 'Ada', timestamp: 1704067200000 }],
    });
    expect(events).toEqual([
      { type: 'page_view', at: 1705017600000, url: 'https://x.io/pricing' },
      { type: 'property_change', at: 1704067200000, property: 'lifecyclestage', value: 'lead' },
    ]);
  });
});
