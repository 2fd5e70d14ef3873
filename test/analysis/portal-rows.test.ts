import { describe, expect, it } from 'vitest';
import { labelledFromPortal } from '../../src/analysis/portal-rows.js';

const day = (d: number) => Date.UTC(2025, 0, d);
const iso = (d: number) => new Date(day(d)).toISOString();
const NOW = day(31);

describe('labelledFromPortal', () => {
  it('marks a contact converted when its lifecycle history reached customer, describing it as it stood before', () => {
    const { rows, dropped } = labelledFromPortal(
      [
        {
          properties: { lifecyclestage: 'customer', jobtitle: 'VP Sales', hs_lead_status: 'CONNECTED', hs_lifecyclestage_customer_date: iso(10) },
          history: {
            lifecyclestage: [
              { value: 'customer', timestamp: iso(10) },
              { value: 'lead', timestamp: iso(2) },
            ],
            // The lead status was set after the conversion: before it, the contact had "NEW".
            hs_lead_status: [
              { value: 'CONNECTED', timestamp: iso(12) },
              { value: 'NEW', timestamp: iso(3) },
            ],
          },
          events: [
            { type: 'page_view', at: day(8) },
            { type: 'meeting_booked', at: iso(11) },
          ],
        },
      ],
      NOW,
    );
    expect(rows[0]).toEqual({
      properties: { jobtitle: 'VP Sales', hs_lead_status: 'NEW' },
      events: [{ type: 'page_view', at: day(8) }],
      converted: true,
      convertedAt: day(10),
      observedAt: day(10),
      recordedAt: { hs_lead_status: day(3) },
    });
    expect(dropped).toEqual(['hs_lifecyclestage_customer_date', 'lifecyclestage']);
  });

  it('counts the earliest closed-won deal, and an opportunity when the target is opportunity', () => {
    const contact = {
      properties: { lifecyclestage: 'opportunity', industry: 'Software' },
      history: { lifecyclestage: [{ value: 'opportunity', timestamp: iso(5) }] },
      closedWonAt: [iso(20), day(15)],
    };
    const customer = labelledFromPortal([contact], NOW).rows[0]!;
    expect(customer).toMatchObject({ converted: true, convertedAt: day(15) });
    const opportunity = labelledFromPortal([contact], NOW, { reached: 'opportunity' }).rows[0]!;
    expect(opportunity).toMatchObject({ converted: true, convertedAt: day(5) });
    const withoutDeals = labelledFromPortal([contact], NOW, { closedWonDeals: false }).rows[0]!;
    expect(withoutDeals.converted).toBe(false);
  });

  it('leaves a contact that never reached the stage unconverted, described as of now', () => {
    const { rows } = labelledFromPortal(
      [{ properties: { lifecyclestage: 'lead', jobtitle: 'Intern' }, events: [{ type: 'page_view', at: day(30) }] }],
      NOW,
    );
    expect(rows[0]).toEqual({ properties: { jobtitle: 'Intern' }, events: [{ type: 'page_view', at: day(30) }], converted: false });
  });
});
